"""Deciding a closed round in a few clicks: suggestions from the verdicts, the whole round in one
transaction, the vote's figures kept as evidence apart from the facilitator's rationale."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.core.errors import Invalid
from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import joining, round_decisions, vote_results, voting
from workshop.starters import starting

ROOT = Path(__file__).resolve().parent.parent
CLEAR_YES = ["endorse", "endorse", "minor_point", "disagree_but_support"]
CLEAR_NO = ["serious_disagreement", "serious_disagreement", "serious_disagreement", "endorse"]
UNCLEAR = ["endorse", "endorse", "more_discussion", "serious_disagreement"]


def _round(db, wid, verdicts: list[list[str]]) -> tuple[int, list[dict]]:
    """A closed gradients round on one draft per entry of `verdicts`, four people voting."""
    perspective = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, f"Objective number {n}", perspective) for n in range(len(verdicts))]
    code = joining.join_code(db, wid)
    people = [joining.join(db, code, f"Person {n}") for n in range(4)]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="gradients")
    items = voting.round_items(db, rid)
    for who, person in enumerate(people):
        voting.submit(db, person["token"], rid, {i["id"]: v[who] for i, v in zip(items, verdicts)})
    voting.close_round(db, rid)
    return rid, items


@pytest.fixture
def room(fresh_db):
    return fresh_db, workshops.create_workshop(fresh_db, "Atlas", "Cloud")


def test_each_item_starts_at_what_its_verdict_suggests(room):
    db, wid = room
    rid, items = _round(db, wid, [CLEAR_YES, CLEAR_NO, UNCLEAR, ["block", *CLEAR_YES[1:]]])
    pending = round_decisions.undecided(db, rid)
    assert [p["suggested"] for p in pending] == ["agreed", "dropped", None, None]
    assert pending[0]["evidence"].startswith("Round 1 (Gradients of agreement): 100% support")
    assert "more_discussion" not in " ".join(p["evidence"] for p in pending)


def test_a_round_of_clear_verdicts_is_recorded_at_once_with_its_evidence(room):
    db, wid = room
    rid, items = _round(db, wid, [CLEAR_YES] * 7 + [CLEAR_NO] * 3)
    choices = {p["item_id"]: {"outcome": p["suggested"]} for p in round_decisions.undecided(db, rid)}
    assert round_decisions.decide_round(db, rid, choices) == 10
    statuses = [objectives.get_objective(db, i["objective_id"])["status"] for i in items]
    assert statuses == ["agreed"] * 7 + ["dropped"] * 3
    rows = db.execute("SELECT rationale, evidence FROM decision ORDER BY id").fetchall()
    assert all(rationale == "" and "support" in evidence for rationale, evidence in rows)
    assert round_decisions.undecided(db, rid) == [] and round_decisions.waiting(db, wid) == []


def test_one_refusal_records_nothing_and_names_the_item(room):
    db, wid = room
    rid, items = _round(db, wid, [CLEAR_YES, UNCLEAR])
    with pytest.raises(Invalid, match="Objective number 1: Nothing was changed"):
        round_decisions.decide_round(db, rid, {items[0]["id"]: {"outcome": "agreed"}, items[1]["id"]: {"outcome": "changed", "rationale": "Sharper"}})
    assert db.execute("SELECT count(*) FROM decision").fetchone()[0] == 0
    assert objectives.get_objective(db, items[0]["objective_id"])["status"] == "draft"


def test_a_decided_item_cannot_be_decided_twice_from_a_stale_page(room):
    db, wid = room
    rid, items = _round(db, wid, [CLEAR_YES])
    round_decisions.decide_round(db, rid, {items[0]["id"]: {"outcome": "agreed"}})
    with pytest.raises(Invalid, match="already decided"):
        round_decisions.decide_round(db, rid, {items[0]["id"]: {"outcome": "dropped", "rationale": "x"}})


def test_items_still_waiting_are_listed_once_from_their_latest_round(room):
    db, wid = room
    rid, items = _round(db, wid, [CLEAR_YES, UNCLEAR])
    again = vote_results.revote(db, rid, [items[1]["id"]])
    voting.close_round(db, again)
    waiting = round_decisions.waiting(db, wid)
    assert [(w["round"], w["label"]) for w in waiting] == [(2, "Objective number 1"), (1, "Objective number 0")]


def test_an_open_round_cannot_be_decided(room):
    db, wid = room
    perspective = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow", perspective)
    rid = voting.open_round(db, wid, [("objective", oid)], method="gradients")
    with pytest.raises(Invalid, match="Close the round"):
        round_decisions.decide_round(db, rid, {})


def test_recording_a_ten_item_round_of_clear_verdicts_takes_one_click(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = starting.create_workshop(db, "Atlas", "Cloud", passphrase="facilitate well")
    rid, items = _round(db, wid, [CLEAR_YES] * 6 + [CLEAR_NO] * 4)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.ROUNDS.script).run()
    assert not at.exception
    record = at.button(key=f"record-{rid}")
    assert record.label == "Record these 10 decisions"
    record.click().run()  # the one click
    assert not at.exception
    assert db.execute("SELECT outcome, count(*) FROM decision GROUP BY outcome ORDER BY outcome").fetchall() == [("agreed", 6), ("dropped", 4)]
    assert "Every item of this round has a decision" in " ".join(str(c.value) for c in at.caption)
    db.close()
