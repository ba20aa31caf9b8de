"""The command line, run as a user runs it: `python -m workshop …` in a shell."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop.db import scorecard, store

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "x.db"
    done = run("demo", "--db", db)
    assert done.returncode == 0, done.stderr
    return db, done.stdout.strip().splitlines()[-1]


def test_demo_prints_the_new_workshops_id_alone_on_its_last_line(demo_file):
    db, wid = demo_file
    assert wid.isdigit()


def test_report_from_the_shell_names_perspectives_objectives_measures_and_targets(demo_file, tmp_path):
    db, wid = demo_file
    out = tmp_path / "report.pdf"
    done = run("report", "--db", db, "--workshop", wid, "-o", out)
    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    for words in (
        "Financial",
        "Customer",
        "Internal processes",
        "Learning & growth",
        "Grow contract renewal to 85%",
        "Develop a technical certification programme",
        "Contract renewal rate",
        "Engineers certified",
        "Managed Cloud Services",
    ):
        assert words in text, words
    assert "Expand into cybersecurity consulting" in text  # shown as dropped in the decision log
    db_ = store.connect(db)
    card = scorecard.load(db_, int(wid))
    for objective in card.agreed_objectives():
        assert objective.title in text, objective.title
        for m in card.measures_of(objective.id):
            assert m.name in text, m.name
            assert f"{m.target:,g}" in text, (m.name, m.target)


def test_export_then_import_then_export_is_identical(demo_file, tmp_path):
    db, wid = demo_file
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("export", "--db", db, "--workshop", wid, "-o", first).returncode == 0
    other_db = tmp_path / "other.db"
    imported = run("import", "--db", other_db, first)
    assert imported.returncode == 0, imported.stderr
    new_id = imported.stdout.strip().splitlines()[-1]
    assert run("export", "--db", other_db, "--workshop", new_id, "-o", second).returncode == 0
    assert json.loads(first.read_text()) == json.loads(second.read_text())


@pytest.mark.parametrize(
    "args, message",
    [
        (("report", "--db", "{missing}", "--workshop", "1", "-o", "{out}"), "no database at"),
        (("report", "--db", "{db}", "--workshop", "9999", "-o", "{out}"), "no workshop with id 9999"),
        (("export", "--db", "{db}", "--workshop", "9999", "-o", "{out}"), "no workshop with id 9999"),
        (("import", "--db", "{db}", "{bad}"), "not valid JSON"),
        (("import", "--db", "{db}", "{missing}"), "cannot read"),
    ],
)
def test_user_errors_give_one_line_a_non_zero_exit_and_no_file(demo_file, tmp_path, args, message):
    db, wid = demo_file
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    out = tmp_path / "out.file"
    values = {"db": db, "out": out, "bad": bad, "missing": tmp_path / "missing.db"}
    done = run(*[a.format(**values) for a in args])
    assert done.returncode != 0
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()
    assert not (tmp_path / "missing.db").exists()


def test_a_failed_import_leaves_the_database_as_it_was(demo_file, tmp_path):
    db, wid = demo_file
    doc = tmp_path / "doc.json"
    run("export", "--db", db, "--workshop", wid, "-o", doc)
    data = json.loads(doc.read_text())
    data["measure"][-1]["objective_id"] = 999
    doc.write_text(json.dumps(data))
    workshops_before = store.connect(db)["workshop"].count
    done = run("import", "--db", db, doc)
    assert done.returncode == 1 and "measure[13].objective_id refers to objective 999" in done.stderr
    assert store.connect(db)["workshop"].count == workshops_before


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    import sqlite3

    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    done = run("report", "--db", foreign, "--workshop", "1", "-o", tmp_path / "r.pdf")
    assert done.returncode == 1 and "another program's database" in done.stderr
    with sqlite3.connect(foreign) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["customers"]


def test_an_output_path_that_is_a_folder_gives_one_line(demo_file, tmp_path):
    db, wid = demo_file
    done = run("export", "--db", db, "--workshop", wid, "-o", tmp_path)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert "cannot write" in done.stderr


def test_methods_lists_every_voting_method_one_a_line_with_what_it_does():
    done = run("methods")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 8 and [line.split("\t")[0] for line in lines][-1] == "hypothesis"
    assert "fist_to_five\tFist to five: Each person shows 0–5 fingers on each item: a fist (0) blocks it" in done.stdout
    assert all(len(line.split("\t")) == 2 and ": " in line for line in lines)
