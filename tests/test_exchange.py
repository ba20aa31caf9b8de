"""The workshop file: a complete, versioned JSON document; import is all or nothing."""

import json

import pytest

from workshop import cli
from workshop.core.errors import Invalid, WorkshopError
from workshop.db import scorecard
from workshop.deliverables.exchange import export
from workshop.starters import from_json


def test_export_import_export_gives_the_same_document(demo_db):
    db, wid = demo_db
    first = export.export_workshop(db, wid)
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(first)))
    assert copy != wid
    second = export.export_workshop(db, copy)
    assert second["workshop"].pop("uid") != first["workshop"].pop("uid"), "a copy has an identity of its own"
    assert second == first


def test_the_report_pages_workshop_file_is_the_command_lines(demo_file, db_path, tmp_path):
    db, wid = demo_file
    out = tmp_path / "w.json"
    assert cli.main(["export", "--db", str(db_path), "--workshop", str(wid), "-o", str(out)]) == 0
    assert export.workshop_file(db, wid) == out.read_bytes()
    assert from_json.parse(out.read_bytes()) == export.export_workshop(db, wid)


def test_the_document_is_complete_and_versioned(demo_db):
    db, wid = demo_db
    doc = export.export_workshop(db, wid)
    assert (doc["format"], doc["version"]) == ("scorecard-workshop", 1)
    card = scorecard.load(db, wid)
    assert len(doc["objective"]) == len(card.objectives)
    assert len(doc["measure"]) == len(card.measures)
    assert len(doc["causal_link"]) == len(card.links)
    assert doc["workshop"]["unit"] == "Managed Cloud Services"
    assert "passphrase_hash" not in doc["workshop"]
    assert all("token" not in p for p in doc["participant"])


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["objective"][0].update(perspective_id=99), "refers to perspective 99"),
        (lambda d: d["objective"][0].update(title=12), "must be text"),
        (lambda d: d["measure"][0].update(target="1,2,3"), "not a target I can read"),
        (lambda d: d["objective"][0].update(colour="red"), "unknown fields"),
        (lambda d: d["objective"][1].update(title=d["objective"][0]["title"]), "unique"),
        (lambda d: d["objective"][0].update(status="maybe"), "not allowed"),
        (lambda d: d.update(objective="lots"), "must be a list"),
        (lambda d: d["interview"][0].update(notes="a\x00b"), "control characters"),
    ],
)
def test_a_bad_file_is_refused_whole_and_nothing_is_written(demo_db, change, message):
    db, wid = demo_db
    doc = export.export_workshop(db, wid)
    change(doc)
    counts = {t: db[t].count for t in ("workshop", "objective", "measure", "perspective")}
    with pytest.raises(WorkshopError, match=message):
        from_json.import_workshop(db, doc)
    assert {t: db[t].count for t in counts} == counts


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a Scorecard Workshop export"),
        (json.dumps({"format": "scorecard-workshop", "version": 99}), "version 99"),
        ("x" * 20_000_001, "larger than"),
    ],
)
def test_a_file_that_is_not_a_workshop_says_so(text, message):
    with pytest.raises(Invalid, match=message):
        from_json.parse(text)


def test_a_file_without_the_four_perspectives_is_refused(fresh_db):
    from workshop.method.workshops import create_workshop

    doc = export.export_workshop(fresh_db, create_workshop(fresh_db, "Atlas", "Cloud"))
    doc["perspective"] = doc["perspective"][:3]
    with pytest.raises(Invalid, match="four perspectives"):
        from_json.import_workshop(fresh_db, doc)


def test_a_file_whose_links_loop_is_refused(demo_db):
    db, wid = demo_db
    doc = export.export_workshop(db, wid)
    first = doc["causal_link"][0]
    doc["causal_link"].append({**first, "id": 999, "cause_id": first["effect_id"], "effect_id": first["cause_id"]})
    with pytest.raises(Invalid, match="loop"):
        from_json.import_workshop(db, doc)
