"""Results anyone can verify: each round's ballot events form a hash chain, sealed by a fingerprint
at close; `python -m workshop verify` names the first event that does not match."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from helpers import ROOT, demo_into

from workshop.db import scorecard, store
from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.method import objectives, workshops
from workshop.room import joining, ledger, voting


def _room(db, anonymity="named"):
    wid = workshops.create_workshop(db, "Org", "Unit")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, f"Grow thing {n}", persp) for n in range(3)]
    code = joining.join_code(db, wid)
    people = [joining.join(db, code, name) for name in ("Ana", "Ben", "Cem", "Dan")]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", anonymity=anonymity)
    items = [i["id"] for i in voting.round_items(db, rid)]
    return wid, rid, items, people


def _verify(db, wid):
    return [r.problem for r in ledger.verify(db, wid)]


def test_every_round_of_the_demo_verifies(demo_db):
    checked = ledger.verify(demo_db.db, demo_db.workshop_id)
    assert checked and all(r.problem is None and r.fingerprint for r in checked)


def test_closing_seals_the_round_with_the_last_link_of_its_chain(fresh_db):
    wid, rid, items, people = _room(fresh_db)
    voting.submit(fresh_db, people[0]["token"], rid, {items[0]: 4, items[1]: 5, items[2]: 3})
    voting.submit(fresh_db, people[0]["token"], rid, {items[0]: 2, items[1]: 5, items[2]: 3})
    voting.close_round(fresh_db, rid)
    events = store.rows(fresh_db, "SELECT * FROM ballot_event WHERE round_id = ? ORDER BY id", [rid])
    assert len(events) == 4 and len({e["hash"] for e in events}) == 4
    rnd = voting.get_round(fresh_db, rid)
    assert rnd["fingerprint"] == ledger.sealed(events[-1]["hash"], [], ledger.settings_of(rnd))  # and the round's settings
    assert _verify(fresh_db, wid) == [None]


def test_an_event_edited_afterwards_is_named(fresh_db):
    wid, rid, items, people = _room(fresh_db)
    for p in people:
        voting.submit(fresh_db, p["token"], rid, {items[0]: 4, items[1]: 4, items[2]: 4})
    voting.close_round(fresh_db, rid)
    target = store.rows(fresh_db, "SELECT id FROM ballot_event WHERE round_id = ? ORDER BY id", [rid])[5]["id"]
    fresh_db.execute("UPDATE ballot_event SET rating = 1 WHERE id = ?", [target])
    (problem,) = _verify(fresh_db, wid)
    assert problem.event_id == target and "edited after it was recorded" in str(problem)
    assert str(problem).startswith("Round 1 ")


def test_an_event_removed_after_close_breaks_the_seal(fresh_db):
    wid, rid, items, people = _room(fresh_db)
    voting.submit(fresh_db, people[0]["token"], rid, {items[0]: 4, items[1]: 4, items[2]: 4})
    voting.close_round(fresh_db, rid)
    fresh_db.execute("DELETE FROM ballot_event WHERE id = (SELECT max(id) FROM ballot_event)")
    (problem,) = _verify(fresh_db, wid)
    assert problem is not None and "fingerprint shown when the round closed" in str(problem)


def test_a_ballot_changed_behind_the_apps_back_is_traced_to_the_event_that_cast_it(fresh_db):
    wid, rid, items, people = _room(fresh_db, anonymity="anonymous")
    for n, p in enumerate(people):
        voting.submit(fresh_db, p["token"], rid, {items[0]: 5 - n % 2, items[1]: 3, items[2]: 2})
    voting.close_round(fresh_db, rid)
    fresh_db.execute("DROP TRIGGER ballot_update_guard")  # someone who edits the file can drop it too
    fresh_db.execute("UPDATE ballot SET rating = 1 WHERE id = (SELECT min(id) FROM ballot WHERE rating = 5)")
    (problem,) = _verify(fresh_db, wid)
    assert problem.event_id is not None and "changed in the database afterwards" in str(problem)
    event = store.one(fresh_db, "SELECT * FROM ballot_event WHERE id = ?", [problem.event_id])
    assert event["rating"] == 5 and event["item_id"] == items[0]


def test_an_anonymous_round_forgets_who_voted_but_still_verifies(fresh_db):
    wid, rid, items, people = _room(fresh_db, anonymity="anonymous")
    voting.submit(fresh_db, people[0]["token"], rid, {items[0]: 4, items[1]: 5, items[2]: 3})
    voting.close_round(fresh_db, rid)
    assert voting.get_round(fresh_db, rid)["salt"] is None
    events = store.rows(fresh_db, "SELECT * FROM ballot_event WHERE round_id = ?", [rid])
    assert all(e["participant_id"] is None for e in events)
    assert len({e["voter"] for e in events}) == 3, "one person's ballots on two items cannot be linked"
    assert _verify(fresh_db, wid) == [None]


def test_a_removed_participant_stays_in_the_chain(fresh_db):
    wid, rid, items, people = _room(fresh_db)
    voting.submit(fresh_db, people[1]["token"], rid, {items[0]: 4, items[1]: 5, items[2]: 3})
    joining.remove_participant(fresh_db, people[1]["id"])
    voting.close_round(fresh_db, rid)
    assert _verify(fresh_db, wid) == [None]


def test_the_report_prints_each_rounds_fingerprint(demo):
    html = document.build_html(record.read(demo.db, demo.workshop_id))
    for rnd in store.rows(demo.db, "SELECT fingerprint FROM voting_round WHERE workshop_id = ?", [demo.workshop_id]):
        assert ledger.short(rnd["fingerprint"]) in html
    assert scorecard.load(demo.db, demo.workshop_id)


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.db"
    db = store.connect(path)
    wid = demo_into(db)
    db.close()
    return path, wid


def _run(*args):
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_verify_passes_on_the_demo_and_fails_naming_the_event_after_sqlite3_changes_a_ballot(demo_file):
    path, wid = demo_file
    done = _run("verify", "--db", path, "--workshop", wid)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("verified") == 4 and "fingerprint" in done.stdout  # the split round too
    conn = sqlite3.connect(path)
    with conn:
        event_id = conn.execute("SELECT max(id) FROM ballot_event WHERE rating = 5").fetchone()[0]
        conn.execute("UPDATE ballot_event SET rating = 2 WHERE id = ?", [event_id])
    conn.close()
    done = _run("verify", "--db", path, "--workshop", wid)
    assert done.returncode == 1
    assert f"event {event_id}:" in done.stderr and "edited after it was recorded" in done.stderr
    assert "does NOT verify" in done.stdout
