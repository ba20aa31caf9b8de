"""Rounds are numbered within their workshop, ballots take Kaner's eight gradients, and an older
database keeps its ballots when it is brought up to date."""

import sqlite3

import pytest

from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import joining, vote_results, voting


def _workshop(db, name):
    wid = workshops.create_workshop(db, "Atlas", name)
    perspective = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, title, perspective) for title in ("Grow revenue", "Cut cost")]
    return wid, oids


def test_a_new_workshops_first_round_is_round_one(fresh_db):
    first, first_items = _workshop(fresh_db, "Cloud")
    for _ in range(2):
        rid = voting.open_round(fresh_db, first, [("objective", o) for o in first_items], method="rating")
        voting.close_round(fresh_db, rid)
    second, second_items = _workshop(fresh_db, "Hosting")
    rid = voting.open_round(fresh_db, second, [("objective", second_items[0])], method="dots")
    assert voting.get_round(fresh_db, rid)["number"] == 1
    assert [r["number"] for r in voting.rounds(fresh_db, first)] == [2, 1]


def test_two_rounds_of_one_workshop_cannot_share_a_number(fresh_db):
    wid, oids = _workshop(fresh_db, "Cloud")
    rid = voting.open_round(fresh_db, wid, [("objective", oids[0])], method="dots")
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute(
            "INSERT INTO voting_round (workshop_id, workshop_number, method, number) VALUES (?, 1, 'dots', ?)",
            [wid, voting.get_round(fresh_db, rid)["number"]],
        )


def test_a_ballot_takes_a_minor_point_and_serious_disagreement(fresh_db):
    wid, oids = _workshop(fresh_db, "Cloud")
    code = joining.join_code(fresh_db, wid)
    ann, bob = (joining.join(fresh_db, code, name) for name in ("Ann", "Bob"))
    rid = voting.open_round(fresh_db, wid, [("objective", o) for o in oids], method="gradients")
    a, b = (i["id"] for i in voting.round_items(fresh_db, rid))
    voting.submit(fresh_db, ann["token"], rid, {a: "minor_point", b: "serious_disagreement"})
    voting.submit(fresh_db, bob["token"], rid, {a: "disagree_but_support", b: "more_discussion"})
    voting.close_round(fresh_db, rid)
    by_item = {r["item_id"]: r for r in vote_results.results(fresh_db, rid)}
    assert (by_item[a]["pct_positive"], by_item[a]["verdict"]) == (100.0, "consensus")
    assert (by_item[b]["pct_negative"], by_item[b]["pct_neutral"]) == (50.0, 50.0)
    answers = {(n["name"], n["label"]): n["answer"] for n in vote_results.named_ballots(fresh_db, rid)}
    assert answers[("Bob", "Cut cost")] == "More discussion needed"


def test_an_older_database_keeps_its_ballots_and_numbers_its_rounds(tmp_path):
    path = tmp_path / "old.db"
    db = store.connect(path)
    wid, oids = _workshop(db, "Cloud")
    code = joining.join_code(db, wid)
    ann = joining.join(db, code, "Ann")
    for _ in range(2):
        rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="gradients")
        voting.submit(db, ann["token"], rid, {i["id"]: "endorse" for i in voting.round_items(db, rid)})
        voting.close_round(db, rid)
    db.close()
    # undo this change by hand: as a database written before rounds had numbers
    conn = sqlite3.connect(path)
    conn.executescript("""DROP TRIGGER voting_round_numbered; DROP INDEX voting_round_number;
                          ALTER TABLE voting_round DROP COLUMN number;
                          ALTER TABLE decision DROP COLUMN evidence;
                          DELETE FROM _sqlite_migrations WHERE name = 'm0004_round_numbers_and_gradients';""")
    conn.close()
    db = store.connect(path)
    assert [r["number"] for r in voting.rounds(db, wid)] == [2, 1]
    assert db.execute("SELECT count(*) FROM ballot").fetchone()[0] == 4
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
