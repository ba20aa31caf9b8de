"""The JSON import and the command line, as a hostile user meets them: the same rules as the
forms, refusals that name the record and the field in plain words, and no SQL, no temporary file
name and no database blamed for the user's file."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from helpers import ROOT, demo_into

from workshop import cli
from workshop.core.errors import Invalid
from workshop.db import store
from workshop.deliverables.exchange import export
from workshop.method import workshops
from workshop.starters import from_json

SQL_WORDS = re.compile(
    r"length\(|trim\(|BETWEEN|syntax error|constraint failed|near \"|INSERT|SELECT|"
    r"not a usable workshop database",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def exported():
    db = store.connect(":memory:")
    document = export.export_workshop(db, demo_into(db))
    db.close()
    return document


def changed(exported: dict, change) -> dict:
    document = json.loads(json.dumps(exported))
    change(document)
    return document


def _zero_width_title(d):
    d["objective"][3]["title"] = "\u200b\u200b\u200b"


def _long_name(d):
    d["participant"][0]["name"] = "N" * 10_000


def _long_comment(d):
    d["comment"].append({"id": 1, "objective_id": 1, "author": "Dana", "body": "c" * 200_000})


def _ballot_with_only_an_id(d):
    d["ballot"].append({"id": 999})


def _empty_title(d):
    d["objective"][0]["title"] = ""


def _override_in_title(d):
    d["objective"][2]["title"] = "Cut \u202eswohs-on\u202c rates"


def _isolate_in_owner(d):
    d["measure"][1]["owner"] = "Dana \u2067Levi\u2069"


def _bad_status(d):
    d["objective"][0]["status"] = "maybe"


def _ballot_in_wrong_round(d):
    ballot = d["ballot"][0]
    other = next(i for i in d["round_item"] if i["round_id"] != ballot["round_id"])
    ballot["item_id"] = other["id"]


def _red_above_green(d):
    d["measure"][0].update(direction="higher", green=50, red=90)


def _currency_too_long(d):
    d["workshop"]["currency"] = "EURO-DOLLARS"


# (change, what the message must say: the record and field, in plain words)
CASES = {
    "zero-width title": (_zero_width_title, "objective[3].title has nothing visible"),
    "10,000-character participant name": (_long_name, "participant[0].name is 10,000 characters long; the limit is 200"),
    "200,000-character comment": (_long_comment, "comment[0].body is 200,000 characters long; the limit is 5,000"),
    "ballot with only an id": (_ballot_with_only_an_id, "ballot[{n}].round_id is missing"),
    "empty title": (_empty_title, "objective[0].title is empty"),
    "override in a title": (_override_in_title, "objective[2].title contains an invisible direction control (U+202E)"),
    "isolate in an owner": (_isolate_in_owner, "measure[1].owner contains an invisible direction control (U+2067)"),
    "status not one of the choices": (_bad_status, "objective[0].status"),
    "ballot for another round's item": (_ballot_in_wrong_round, "ballot[0] refers to a record that is not in the file"),
    "red threshold above green": (_red_above_green, "measure[0]: When higher is better"),
    "currency code too long": (_currency_too_long, "workshop.currency is 12 characters long; the limit is 8"),
}


def _message(name: str, document: dict) -> str:
    return CASES[name][1].format(n=len(document["ballot"]) - 1)


@pytest.mark.parametrize("name", CASES)
def test_import_refuses_what_the_forms_refuse_naming_the_record_and_field_without_sql(name, exported, fresh_db):
    document = changed(exported, CASES[name][0])
    with pytest.raises(Invalid) as refused:
        from_json.import_workshop(fresh_db, document)
    message = str(refused.value)
    assert _message(name, document) in message
    assert not SQL_WORDS.search(message), message
    assert workshops.list_workshops(fresh_db) == [], "a refused import leaves nothing behind"


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "name", ["zero-width title", "ballot with only an id", "empty title", "override in a title", "10,000-character participant name"]
)
def test_the_command_line_import_gives_the_same_plain_message_on_one_line(name, exported, tmp_path):
    document = changed(exported, CASES[name][0])
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = _cli("import", "--db", tmp_path / "w.db", source)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
    assert _message(name, document) in done.stderr
    assert not SQL_WORDS.search(done.stderr), done.stderr


def test_a_file_cleaned_by_the_forms_imports_exactly_as_exported(exported, fresh_db):
    again = export.export_workshop(fresh_db, from_json.import_workshop(fresh_db, changed(exported, lambda d: None)))
    assert again == exported


def test_imported_text_is_cleaned_as_a_form_cleans_it(exported, fresh_db):
    def untidy(d):
        d["objective"][0]["title"] = "  Grow\nrenewals  "
        d["workshop"]["unit"] = "Cafe\u0301"

    wid = from_json.import_workshop(fresh_db, changed(exported, untidy))
    assert export.export_workshop(fresh_db, wid)["objective"][0]["title"] == "Grow renewals"
    assert store.get(fresh_db, "workshop", wid)["unit"] == "Café"


def test_the_command_line_names_the_file_the_user_gave_never_its_temporary_file(tmp_path):
    db = tmp_path / "w.db"
    assert _cli("demo", "--db", db).returncode == 0
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file where a folder should be")
    target = not_a_folder / "out.json"
    done = _cli("export", "--db", db, "--workshop", 1, "-o", target)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert f"cannot write {target}:" in done.stderr, done.stderr
    assert ".out.json." not in done.stderr


def test_a_failed_rename_names_the_target_and_leaves_no_temporary_file(tmp_path, monkeypatch, capsys):
    db = tmp_path / "w.db"
    assert cli.main(["demo", "--db", str(db)]) == 0

    def refuse(source, target):
        raise PermissionError(13, "Permission denied", source, None, target)

    monkeypatch.setattr(cli.os, "replace", refuse)
    out = tmp_path / "out.json"
    assert cli.main(["export", "--db", str(db), "--workshop", "1", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"error: cannot write {out}: Permission denied" in err and ".out.json." not in err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_a_damaged_database_is_named_in_plain_words(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not sqlite" * 100)
    done = _cli("export", "--db", broken, "--workshop", 1, "-o", tmp_path / "x.json")
    assert done.returncode == 1
    assert f"{broken} is not a usable workshop database: it is not a SQLite database file" in done.stderr
    assert "file is not a database" not in done.stderr
