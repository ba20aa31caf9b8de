"""Trying to read one dissenter's vote off every deliverable: small rooms (4 and 6 voters, one
dissenter) in facilitator-only and anonymous rounds of every method, link rounds included, then the
results the room sees, the decision evidence, the PDF report (read with pdftotext), the deck's text,
the XLSX workbook, the CSV and the JSON export. Named rounds and a large anonymous room are built
beside them, and the same detector finds their votes: the rule hides what it must, not everything."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess

import openpyxl
import pytest
from helpers import demo_into
from pptx import Presentation
from privacy_room import METHODS, leaks, section, small_room, withheld_phrase

from workshop import cli
from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.deck import slides
from workshop.deliverables.exchange import export
from workshop.deliverables.report import document
from workshop.deliverables.workbook import sheets
from workshop.room import round_decisions, vote_results, voting
from workshop.starters import from_json

PROTECTED = [(kind, anonymity, voters) for kind in METHODS for anonymity in ("facilitator_only", "anonymous") for voters in (4, 6)]


def _name(key: tuple) -> str:
    kind, anonymity, voters = key
    return f"{kind}-{anonymity}-{voters}-voters"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo, with named and large control rounds first, then the small protected rooms, and
    every deliverable built once from it."""
    db = store.connect(":memory:")
    wid = demo_into(db)
    db.execute("UPDATE decision SET decided_at = '2026-01-01T00:00:00Z'")  # the demo's, before these rounds
    rooms = {}
    for kind in METHODS:
        rooms[(kind, "named", 4)] = small_room(db, wid, kind, "named", voters=4)
        rooms[(kind, "anonymous", 10)] = small_room(db, wid, kind, "anonymous", voters=10, dissenters=2)
    for key in PROTECTED:
        rooms[key] = small_room(db, wid, *key[:2], voters=key[2])
    folder = tmp_path_factory.mktemp("privacy")
    (folder / "report.pdf").write_bytes(document.build_pdf(record.read(db, wid)))
    if shutil.which("pdftotext"):
        pdf = subprocess.run(["pdftotext", str(folder / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    else:  # CI installs poppler-utils; the html is the same words
        pdf = document.build_html(record.read(db, wid))
    shown = Presentation(io.BytesIO(slides.build_pptx(record.read(db, wid))))
    deck_text, deck_values = [], []
    for slide in shown.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                deck_text.append(shape.text_frame.text)
            if shape.has_chart:
                deck_values += [v for plot in shape.chart.plots for s in plot.series for v in s.values]
    book = openpyxl.load_workbook(io.BytesIO(sheets.build_xlsx(record.read(db, wid))))
    cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    rows = list(csv.reader(io.StringIO(sheets.build_csv(record.read(db, wid)).decode("utf-8-sig"))))
    yield {
        "db": db,
        "wid": wid,
        "rooms": rooms,
        "pdf": _flat(pdf),
        "deck": _flat(" ".join(deck_text)),
        "deck_values": deck_values,
        "xlsx": _flat(cells),
        "csv": _flat(" ".join(" ".join(r) for r in rows)),
        "json": export.export_workshop(db, wid),
    }
    db.close()


@pytest.mark.parametrize("key", PROTECTED, ids=_name)
def test_the_results_the_room_sees_never_show_a_count_of_one_or_a_result_below_the_minimum(built, key):
    room = built["rooms"][key]
    rows = vote_results.results(built["db"], room.round_id)
    if room.kind == "links":
        assert all(r["link_id"] for r in rows)
    if len(room.voters) < 5:
        assert {r["disclosure"] for r in rows} == {"withheld"}
        assert all(r["verdict"] is None and r["points"] is None and r["median"] is None for r in rows)
        return
    for r in rows:
        assert 1 not in r["counts"].values() and 1 not in [r.get(k) for k in ("votes", "positive", "negative", "neutral", "blocks", "skipped")]
        assert all(s["text"] != "1" for s in r.get("shown", []))
    if room.kind in ("dots", "split"):  # the item only the dissenter chose
        assert rows[-1]["points"] is None and rows[-1]["note"].startswith("Chosen by fewer than 2 people")
    if room.kind == "grid":  # the medians and the middle half, never the lowest place (the dissenter's)
        assert rows[0]["x_median"] == 5 and "x_min" not in rows[0] and "y_min" not in rows[0]


@pytest.mark.parametrize("key", PROTECTED, ids=_name)
def test_the_decision_evidence_cannot_be_read_for_the_dissenters_vote(built, key):
    room = built["rooms"][key]
    evidence = " ".join(u["evidence"] for u in round_decisions.undecided(built["db"], room.round_id))
    assert not leaks(evidence, room)
    if len(room.voters) < 5:
        assert withheld_phrase(room) in evidence


@pytest.mark.parametrize("key", PROTECTED, ids=_name)
def test_the_report_cannot_be_read_for_the_dissenters_vote(built, key):
    room = built["rooms"][key]
    part = section(built["pdf"], room, end="Workshop 3 · round")
    assert not leaks(part, room), part[:600]
    assert "Reported by the small-room rule: results from 5 voters on" in part  # the rule, with the round
    if len(room.voters) < 5:
        assert f"Results withheld: {withheld_phrase(room)}." in part
        assert "Consensus" not in part and "Re-discuss" not in part


def test_the_report_states_the_rule_once_before_the_rounds(built):
    text = built["pdf"]
    assert text.count("Facilitator-only and anonymous rounds are reported so that nobody can work out") == 1
    assert text.index("reported so that nobody") < text.index("Reported by the small-room rule")  # each round's note


@pytest.mark.parametrize("kind", METHODS)
def test_the_report_still_shows_a_named_round_and_a_large_room_in_full(built, kind):
    named = built["rooms"][(kind, "named", 4)]
    part = section(built["pdf"], named, end="Workshop 3 · round")
    assert leaks(part, named)  # the names and the lone answer are there: that is what named means
    large = built["rooms"][(kind, "anonymous", 10)]
    part = section(built["pdf"], large, end="Workshop 3 · round")
    assert not leaks(part, large) and "withheld" not in part.lower(), part
    if kind == "gradients":
        assert "8 of 10 in support" in part and "2 serious disagreement" in part
    if kind == "dots":  # one item nobody chose is hidden, so the smallest shown is kept with it (no subtraction)
        assert "16 dots from 8 voters" in part and "4 dots" not in part and "so that their points cannot be" in part


def test_the_deck_names_no_voter_and_shows_no_share_that_is_one_person(built):
    text = built["deck"]
    for room in built["rooms"].values():
        if room.anonymity != "named":
            assert not any(name in text for name in room.voters)
    values = built["deck_values"]
    assert values and not {16.7, 25.0, 75.0} & set(values)  # one of six, one of four, three of four


@pytest.mark.parametrize("output", ["xlsx", "csv"])
def test_the_workbook_and_csv_carry_no_voter_and_no_vote_but_the_rules_own(built, output):
    text = built[output]
    for room in built["rooms"].values():
        assert not any(name in text for name in room.voters)
        if room.title in text:  # the latest grid and split have a sheet, under the same rule
            assert room.kind in ("grid", "split")
            if room.anonymity != "named":
                assert not leaks(text, room)
    assert "serious disagreement" not in text.lower()


def test_the_json_export_links_no_ballot_of_a_round_that_is_not_named_to_a_person(built):
    document = built["json"]
    titles = {r["id"]: r for r in document["voting_round"]}
    people = {p["id"]: p["name"] for p in document["participant"]}
    for b in document["ballot"]:
        rnd = titles[b["round_id"]]
        if rnd["anonymity"] == "named":
            continue
        assert b["participant_id"] is None and b["sheet"] >= 1 and b["cast_at"] == rnd["closed_at"]
    for e in document["ballot_event"]:
        if titles[e["round_id"]]["anonymity"] != "named":
            assert e["participant_id"] is None and e["at"] == titles[e["round_id"]]["closed_at"]
    assert all(r["salt"] is None for r in document["voting_round"] if r["anonymity"] != "named")
    named = [b for b in document["ballot"] if titles[b["round_id"]]["anonymity"] == "named"]
    assert named and all(people[b["participant_id"]] for b in named)  # a named round keeps its names


def test_every_rounds_results_survive_export_and_import(built):
    db = built["db"]
    fresh = store.connect(":memory:")
    copy = from_json.import_workshop(fresh, json.loads(export.dumps(built["json"])))

    def every(database, workshop_id):
        rounds = database.query("SELECT id, title FROM voting_round WHERE workshop_id = ? ORDER BY number", [workshop_id])
        strip = ("id", "item_id", "objective_id", "measure_id", "initiative_id", "link_id")
        return [
            (r["title"], [{k: v for k, v in row.items() if k not in strip} for row in vote_results.full_results(database, r["id"])])
            for r in list(rounds)
        ]

    assert every(fresh, copy) == every(db, built["wid"])
    ranking = built["rooms"][("ranking", "anonymous", 6)]
    imported = fresh.execute("SELECT id FROM voting_round WHERE workshop_id = ? AND title = ?", [copy, ranking.title]).fetchone()[0]
    assert [r["points"] for r in vote_results.results(fresh, imported)] == [16, 12, 8]
    assert voting.get_round(fresh, imported)["min_voters"] == 5
    fresh.close()


def test_the_command_line_writes_the_same_protected_export_and_report(tmp_path):
    path = tmp_path / "cli.db"
    db = store.connect(path)
    wid = demo_into(db)
    room = small_room(db, wid, "gradients", "anonymous", voters=4)
    db.close()
    assert cli.main(["export", "--db", str(path), "--workshop", str(wid), "-o", str(tmp_path / "w.json")]) == 0
    document = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    ours = next(r["id"] for r in document["voting_round"] if r["title"] == room.title)
    assert all(b["participant_id"] is None for b in document["ballot"] if b["round_id"] == ours)
    assert cli.main(["report", "--db", str(path), "--workshop", str(wid), "--format", "html", "-o", str(tmp_path / "r.html")]) == 0
    part = section(_flat(re.sub(r"<[^>]+>", " ", (tmp_path / "r.html").read_text(encoding="utf-8"))), room, end="Decisions ·")
    assert "Results withheld: fewer than 5 people voted." in part and not leaks(part, room)
