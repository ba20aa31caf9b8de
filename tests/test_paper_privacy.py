"""A paper ballot in a facilitator-only or anonymous round cannot be told apart from the phones'
ballots: the room knows who had no phone, so "this one came on paper" would say whose it was. The
JSON export carries no per-ballot source (only the round's count of paper voters), an anonymous
round forgets it at close, no event hash gives it away, and the ledger still verifies."""

from __future__ import annotations

import pytest

from workshop.db import store
from workshop.deliverables.exchange import export
from workshop.method import objectives, workshops
from workshop.room import joining, ledger, paper, vote_results, voting
from workshop.starters import from_json


def _round(db, anonymity: str):
    """Five phones endorse both items; one paper ballot blocks the first."""
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persps = workshops.perspectives(db, wid)
    oids = [objectives.add_objective(db, wid, t, persps[0]["id"]) for t in ("Grow revenue", "Delight customers")]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="gradients", anonymity=anonymity)
    a, b = [i["id"] for i in voting.round_items(db, rid)]
    code = joining.join_code(db, wid)
    for name in ("Ana", "Ben", "Cem", "Dev", "Eli"):
        voting.submit(db, joining.join(db, code, name)["token"], rid, {a: "endorse", b: "endorse"})
    paper.add_paper_ballot(db, rid, {a: "block", b: "endorse"})
    voting.close_round(db, rid)
    return wid, rid


def _exported(document: dict, table: str, round_id: int) -> list[dict]:
    number = [r["id"] for r in document["voting_round"]].index(round_id) + 1  # the file numbers rounds afresh
    return [r for r in document[table] if r["round_id"] == number]


@pytest.mark.parametrize("anonymity", ["anonymous", "facilitator_only"])
def test_the_export_of_a_protected_round_cannot_tell_which_ballot_was_on_paper(fresh_db, anonymity):
    wid, rid = _round(fresh_db, anonymity)
    document = export.export_workshop(fresh_db, wid)
    ballots, events = _exported(document, "ballot", rid), _exported(document, "ballot_event", rid)
    assert len(ballots) == 12 and all("source" not in b for b in ballots + events)
    for e in events:  # hashing an event again as "paper" reproduces none of them: the hash is no oracle
        previous = next((p["hash"] for p in reversed(events) if p["id"] < e["id"]), "")
        position = 1 if e["item_id"] == min(x["item_id"] for x in events) else 2
        assert ledger.event_hash(previous, position, e["voter"], e["action"], e, "paper") != e["hash"]
    assert [r["paper_voters"] for r in document["voting_round"]] == [1]  # the round's count stays
    copy = from_json.import_workshop(fresh_db, from_json.parse(export.dumps(document)))
    assert [r.problem for r in ledger.verify(fresh_db, copy)] == [None] and ledger.rounds_problem(fresh_db, copy) is None
    assert vote_results.turnout(fresh_db, voting.rounds(fresh_db, copy)[0]["id"])["paper"] == 1


def test_an_anonymous_round_forgets_at_close_which_ballot_came_on_paper_and_still_verifies(fresh_db):
    wid, rid = _round(fresh_db, "anonymous")
    sources = {r["source"] for t in ("ballot", "ballot_event") for r in store.rows(fresh_db, f"SELECT source FROM {t} WHERE round_id = ?", [rid])}
    assert sources == {"device"}
    turnout = vote_results.turnout(fresh_db, rid)
    assert (turnout["voters"], turnout["paper"]) == (6, 1)
    assert [r.problem for r in ledger.verify(fresh_db, wid)] == [None]
    fresh_db.execute("UPDATE ballot_event SET gradient = 'endorse' WHERE round_id = ? AND gradient = 'block'", [rid])
    problem = ledger.verify(fresh_db, wid)[0].problem
    assert problem is not None and "edited after it was recorded" in problem.what


def test_a_named_rounds_paper_ballot_stays_marked_and_sealed(fresh_db):
    wid, rid = _round(fresh_db, "named")
    assert store.count(fresh_db, "SELECT count(*) AS n FROM ballot WHERE round_id = ? AND source = 'paper'", [rid]) == 2
    fresh_db.execute("UPDATE ballot_event SET source = 'device' WHERE round_id = ?", [rid])
    assert ledger.verify(fresh_db, wid)[0].problem is not None  # the mark cannot be taken off unseen


def test_no_item_of_a_protected_round_says_it_holds_the_paper_ballot_so_the_paper_voters_dots_stay_private(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    persps = workshops.perspectives(fresh_db, wid)
    oids = [objectives.add_objective(fresh_db, wid, t, persps[0]["id"]) for t in ("Grow revenue", "Delight customers")]
    rid = voting.open_round(
        fresh_db, wid, [("objective", o) for o in oids], method="dots", anonymity="facilitator_only", dots_total=1, dots_per_item=1
    )
    a, b = [i["id"] for i in voting.round_items(fresh_db, rid)]
    code = joining.join_code(fresh_db, wid)
    for n, name in enumerate(("Ana", "Ben", "Cem", "Dev", "Eli")):
        voting.submit(fresh_db, joining.join(fresh_db, code, name)["token"], rid, {a if n < 3 else b: 1})
    paper.add_paper_ballot(fresh_db, rid, {b: 1})  # the one person without a phone chose the second item
    voting.close_round(fresh_db, rid)
    rows = vote_results.results(fresh_db, rid)
    assert [r["points"] for r in rows] == [3, 3] and all(r["paper"] is None and r["hands"] is None for r in rows)
    words = " ".join(vote_results.summary(r, "dots") for r in rows)
    assert "paper" not in words, words
    assert vote_results.turnout(fresh_db, rid)["paper"] == 1  # the round still says one voted on paper


@pytest.mark.parametrize("anonymity", ["anonymous", "facilitator_only"])
def test_the_export_keeps_no_order_that_says_which_sheet_was_typed_from_paper(fresh_db, anonymity):
    """The paper ballot is typed last: in the file a protected round's ballots are ordered by item
    and sheet (drawn at random), never by when they came, and the paper voter's row keeps neither
    when it was typed nor its place among the people who joined."""
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    oids = [objectives.add_objective(fresh_db, wid, t, workshops.perspectives(fresh_db, wid)[0]["id"]) for t in ("Grow revenue", "Delight customers")]
    code = joining.join_code(fresh_db, wid)
    phones = [joining.join(fresh_db, code, name) for name in ("Ana", "Ben", "Cem", "Dev", "Eli")]
    fresh_db.execute("UPDATE participant SET joined_at = '2026-01-01T09:00:00Z' WHERE workshop_id = ?", [wid])
    rid = voting.open_round(fresh_db, wid, [("objective", o) for o in oids], method="gradients", anonymity=anonymity)
    a, b = [i["id"] for i in voting.round_items(fresh_db, rid)]
    for p in phones:
        voting.submit(fresh_db, p["token"], rid, {a: "endorse", b: "endorse"})
    paper.add_paper_ballot(fresh_db, rid, {a: "block", b: "endorse"}, name="Zoe" if anonymity == "facilitator_only" else "")
    voting.close_round(fresh_db, rid)
    late = joining.join(fresh_db, code, "Fay")  # joins after the paper ballot was typed
    document = export.export_workshop(fresh_db, wid)
    ballots = _exported(document, "ballot", rid)
    assert [(x["item_id"], x["sheet"]) for x in ballots] == sorted((x["item_id"], x["sheet"]) for x in ballots)
    assert [x["id"] for x in document["ballot"]] == list(range(1, len(document["ballot"]) + 1))
    people = document["participant"]
    assert [p["kind"] for p in people] == ["device"] * 6 + ["paper"], "a paper voter's place would say when it was typed"
    assert people[-1]["joined_at"] == document["workshop"]["created_at"]
    assert late["id"] and all(p["joined_at"] for p in people)
    copy = from_json.import_workshop(fresh_db, from_json.parse(export.dumps(document)))
    assert [r.problem for r in ledger.verify(fresh_db, copy)] == [None]
    again = export.export_workshop(fresh_db, copy)
    assert again["ballot"] == document["ballot"] and again["participant"] == people
