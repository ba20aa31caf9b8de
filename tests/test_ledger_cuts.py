"""A ledger cut and then dressed up to look whole: someone holding the file drops the schema's
triggers, cuts a closed round and tidies what would give the cut away. `verify` must still say so."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from helpers import ROOT
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from workshop.db import schema, store
from workshop.deliverables.exchange import export
from workshop.method import objectives, workshops
from workshop.room import joining, ledger, voting
from workshop.starters import from_json, next_cycle


def _closed_rounds(db, anonymity="named") -> tuple[int, list[int]]:
    """A workshop with two closed rating rounds, four voters each."""
    wid = workshops.create_workshop(db, "Org", "Unit")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, f"Grow thing {n}", persp) for n in range(3)]
    code = joining.join_code(db, wid)
    people = [joining.join(db, code, name) for name in ("Ana", "Ben", "Cem", "Dan")]
    rounds = []
    for _ in range(2):
        rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", anonymity=anonymity, min_voters=3)
        items = [i["id"] for i in voting.round_items(db, rid)]
        for n, p in enumerate(people):
            voting.submit(db, p["token"], rid, {items[0]: 1 + n, items[1]: 4, items[2]: 2})
        voting.close_round(db, rid)
        rounds.append(rid)
    return wid, rounds


@pytest.fixture
def ledger_file(tmp_path):
    def build(anonymity="named"):
        path = tmp_path / "cut.db"
        db = store.connect(path)
        wid, rounds = _closed_rounds(db, anonymity)
        db.close()
        return path, wid, rounds

    return build


def _verify(path, wid):
    return subprocess.run(
        [sys.executable, "-m", "workshop", "verify", "--db", str(path), "--workshop", str(wid)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _cut(path, *statements):
    """What someone with the file and sqlite3 does: every trigger dropped first, then the cut."""
    conn = sqlite3.connect(path)
    with conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        for sql, params in statements:
            conn.execute(sql, params)
    conn.close()


def _last_vote_cut(rid):
    """The round's last event and the ballot it cast, deleted."""
    return [
        ("DELETE FROM ballot WHERE id = (SELECT max(id) FROM ballot WHERE round_id = ?)", [rid]),
        ("DELETE FROM ballot_event WHERE id = (SELECT max(id) FROM ballot_event WHERE round_id = ?)", [rid]),
    ]


def test_the_ledger_as_the_app_left_it_verifies(ledger_file):
    path, wid, _ = ledger_file()
    done = _verify(path, wid)
    assert done.returncode == 0, done.stderr
    assert "All 2 rounds verify" in done.stderr


def test_a_cut_round_with_its_fingerprint_emptied_does_not_verify(ledger_file):
    path, wid, (first, _) = ledger_file()
    _cut(path, *_last_vote_cut(first), ("UPDATE voting_round SET fingerprint = NULL WHERE id = ?", [first]))
    done = _verify(path, wid)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Round 1" in done.stderr and "no fingerprint" in done.stderr


def test_a_cut_round_set_back_to_open_does_not_verify(ledger_file):
    path, wid, (first, _) = ledger_file()
    _cut(
        path,
        *_last_vote_cut(first),
        ("UPDATE voting_round SET status = 'open', closed_at = NULL, fingerprint = NULL, voters = NULL WHERE id = ?", [first]),
    )
    done = _verify(path, wid)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "closed rounds" in done.stderr and "reopened" in done.stderr


def test_an_anonymous_round_made_named_after_it_closed_does_not_verify(ledger_file):
    path, wid, (first, _) = ledger_file("anonymous")
    _cut(path, ("UPDATE voting_round SET anonymity = 'named' WHERE id = ?", [first]))
    done = _verify(path, wid)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Round 1" in done.stderr and "settings" in done.stderr


@pytest.mark.parametrize("setting", ["min_voters = 10", "method = 'gradients'", "voters = 7", "paper_voters = 1"])
def test_no_sealed_setting_of_a_closed_round_can_change(fresh_db, setting):
    wid, (first, _) = _closed_rounds(fresh_db)
    for (name,) in fresh_db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        fresh_db.execute(f'DROP TRIGGER "{name}"')
    fresh_db.execute(f"UPDATE voting_round SET {setting} WHERE id = ?", [first])
    problems = [r.problem for r in ledger.verify(fresh_db, wid)]
    assert problems[0] is not None and "settings" in str(problems[0])


def test_a_whole_round_deleted_does_not_verify(ledger_file):
    path, wid, (first, second) = ledger_file()
    _cut(
        path,
        *[(f"DELETE FROM {table} WHERE round_id = ?", [second]) for table in ("ballot_event", "ballot", "round_item")],
        ("DELETE FROM voting_round WHERE id = ?", [second]),
    )
    done = _verify(path, wid)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "closed rounds" in done.stderr and "removed" in done.stderr


def test_a_ledger_sealed_before_settings_were_keeps_its_fingerprint_and_still_verifies(db_path):
    """Rounds closed before the migration keep the fingerprint read out in the room (seal version 1);
    their settings are sealed from then on by the workshop's list of closed rounds."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    older = Migrations("scorecard_workshop")
    for migration in schema.MIGRATIONS:
        if migration.__name__ != "m0022_sealed_rounds":
            older()(migration)
    older.apply(db)
    wid = workshops.create_workshop(db, "Org", "Unit")
    oid = objectives.add_objective(db, wid, "Grow revenue", workshops.perspectives(db, wid)[0]["id"])
    rid = voting.open_round(db, wid, [("objective", oid)], method="rating", anonymity="anonymous")
    item = voting.round_items(db, rid)[0]["id"]
    code = joining.join_code(db, wid)
    for name in ("Ann", "Bob", "Cy"):
        voting.submit(db, joining.join(db, code, name)["token"], rid, {item: 4})
    last = db.execute("SELECT hash FROM ballot_event WHERE round_id = ? ORDER BY id DESC LIMIT 1", [rid]).fetchone()[0]
    old_fingerprint = ledger.sealed(last, [])  # as the round was sealed before
    db.execute(
        "UPDATE voting_round SET status = 'closed', closed_at = '2026-01-01T00:00:00Z', voters = 3, fingerprint = ? WHERE id = ?",
        [old_fingerprint, rid],
    )
    schema.migrate(db)
    assert voting.get_round(db, rid)["fingerprint"] == old_fingerprint and voting.get_round(db, rid)["seal_version"] == 1
    assert [r.problem for r in ledger.verify(db, wid)] == [None] and ledger.rounds_problem(db, wid) is None
    db.execute("DROP TRIGGER round_anonymity_is_final")
    db.execute("UPDATE voting_round SET anonymity = 'named' WHERE id = ?", [rid])
    assert "settings changed" in str(ledger.rounds_problem(db, wid))
    conn.close()


def test_a_copy_keeps_the_seal_of_its_closed_rounds_and_a_round_cut_from_the_file_is_caught(fresh_db):
    wid, _ = _closed_rounds(fresh_db)
    document = export.export_workshop(fresh_db, wid)
    copy = from_json.import_workshop(fresh_db, from_json.parse(export.dumps(document)))
    assert [r.problem for r in ledger.verify(fresh_db, copy)] == [None, None] and ledger.rounds_problem(fresh_db, copy) is None
    cut = document | {"voting_round": document["voting_round"][:1]}
    cut |= {t: [r for r in document[t] if r["round_id"] == 1] for t in ("round_item", "ballot", "ballot_event")}
    copy = from_json.import_workshop(fresh_db, from_json.parse(export.dumps(cut)))
    assert "removed" in str(ledger.rounds_problem(fresh_db, copy))


def test_a_file_from_before_the_list_was_sealed_is_sealed_as_it_is_imported(fresh_db):
    wid, _ = _closed_rounds(fresh_db)
    document = export.export_workshop(fresh_db, wid)
    document["workshop"].pop("rounds_seal")
    copy = from_json.import_workshop(fresh_db, from_json.parse(export.dumps(document)))
    assert ledger.rounds_problem(fresh_db, copy) is None


def test_the_next_cycle_leaves_the_rounds_behind_and_its_empty_ledger_verifies(demo_db):
    db, wid = demo_db
    assert ledger.rounds_problem(db, wid) is None
    new = next_cycle.start_next_cycle(db, wid, "FY2028", drop={})
    assert ledger.verify(db, new) == [] and ledger.rounds_problem(db, new) is None
