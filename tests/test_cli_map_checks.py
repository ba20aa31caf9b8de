"""The command line for the map, the checks and the templates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from workshop import checks, cli
from workshop.db import store
from workshop.method import workshops


def run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_templates_prints_one_name_per_line(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0
    assert out.split() == ["technology-services", "public-hospital", "manufacturer", "non-profit"]


def test_check_list_prints_id_severity_and_rule(capsys):
    code, out, _ = run(capsys, "check", "--list")
    lines = [line for line in out.strip().splitlines() if not line.startswith("#")]
    assert code == 0 and len(lines) == len(checks.all_checks()) >= 20
    first = lines[0].split("\t")
    assert len(first) == 3 and first[1] in checks.SEVERITIES


def test_check_list_explains_the_severities_and_the_acknowledgement_rule(capsys):
    _, out, _ = run(capsys, "check", "--list")
    header = [line for line in out.splitlines() if line.startswith("#")]
    assert [h.split(":")[0] for h in header] == ["# error", "# warning", "# advice", "# acknowledgement"]
    assert "errors cannot" in header[-1] and "lapses when the items at fault change" in header[-1]


def test_demo_from_each_template_passes_its_checks(capsys, db_path):
    for n, name in enumerate(["non-profit", "public-hospital", "manufacturer", "technology-services"], 1):
        code, out, _ = run(capsys, "demo", "--db", str(db_path), "--template", name)
        assert (code, out.strip()) == (0, str(n))
        code, out, err = run(capsys, "check", "--db", str(db_path), "--workshop", str(n))
        assert code == 0 and "0 errors" in err


def test_check_exits_one_when_the_method_finds_an_error(capsys, db_path):
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Org", "Unit")
    db.close()
    code, out, err = run(capsys, "check", "--db", str(db_path), "--workshop", str(wid))
    assert code == 1
    assert "[error] perspective-empty" in out and "fix:" in out and "source:" in out


def test_check_needs_a_workshop_or_the_list(capsys, db_path):
    code, _, err = run(capsys, "check")
    assert code == 1 and "--list" in err
    run(capsys, "demo", "--db", str(db_path))
    code, _, err = run(capsys, "check", "--db", str(db_path), "--workshop", "99")
    assert code == 1 and "no workshop" in err.lower()


def test_map_writes_the_svg(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path), "--template", "public-hospital")
    target = tmp_path / "out" / "map.svg"
    code, _, _ = run(capsys, "map", "--db", str(db_path), "--workshop", "1", "-o", str(target))
    assert code == 0
    root = ET.fromstring(target.read_text())
    assert "Strategy map · Northvale General Hospital" in target.read_text()
    assert root.get("viewBox")


def test_map_of_a_missing_workshop_writes_nothing(capsys, db_path, tmp_path):
    run(capsys, "demo", "--db", str(db_path))
    target = tmp_path / "map.svg"
    code, _, err = run(capsys, "map", "--db", str(db_path), "--workshop", "7", "-o", str(target))
    assert code == 1 and not target.exists()
