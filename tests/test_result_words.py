"""Results in words as a facilitator and a sponsor read them: a rating round's spread ("3 rated 5 ·
3 rated 4", never a rating's number beside a count), "1 dot" and "1 point", points from the rankings
rather than Borda points, and the methods by their names."""

from __future__ import annotations

import pytest

from workshop.core import disclosure, methods, priorities
from workshop.core.errors import Invalid
from workshop.deliverables import record
from workshop.deliverables.report import parts
from workshop.method import decisions, objectives, plan, workshops
from workshop.room import joining, round_decisions, vote_results, voting


@pytest.fixture
def confidence_round(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow revenue", persp)
    rid = voting.open_round(db, wid, [("objective", oid)], method="rating", scale="confidence", anonymity="facilitator_only")
    (item,) = [i["id"] for i in voting.round_items(db, rid)]
    code = joining.join_code(db, wid)
    for n, rating in enumerate((5, 5, 5, 4, 4, 4, 2)):
        voting.submit(db, joining.join(db, code, f"Person {n}")["token"], rid, {item: rating})
    voting.close_round(db, rid)
    return db, wid, rid


def test_the_report_says_how_many_rated_each_number_when_a_lone_concern_is_merged(confidence_round):
    db, wid, _ = confidence_round
    (closed,) = parts.consensus_rounds(record.read(db, wid))
    assert closed["items"][0]["tally"] == ("6 of 7 in support (3 rated 5 · 3 rated 4 · concern or neutral: fewer than 2 people)")


def test_the_facilitators_spread_column_reads_like_the_report(confidence_round):
    db, _, rid = confidence_round
    (row,) = vote_results.results(db, rid)
    assert disclosure.spread_text(row, methods.get("rating"), "confidence") == ("3 rated 5 · 3 rated 4 · Concern or neutral: fewer than 2 people")


def test_a_named_rating_rounds_spread_has_no_rating_number_beside_a_count(fresh_db):
    row = {"counts": {5: 3, 4: 1, 2: 2}, "votes": 6, "disclosure": "full"}
    assert disclosure.spread_text(row, methods.get("rating"), "importance") == "3 rated 5 · 1 rated 4 · 2 rated 2"


def _round(db, method, people, **options):
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, t, persp) for t in ("Grow revenue", "Delight customers", "Cut cost")]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method=method, **options)
    items = [i["id"] for i in voting.round_items(db, rid)]
    code = joining.join_code(db, wid)
    for n, choice in enumerate(people):
        voting.submit(db, joining.join(db, code, f"Person {n}")["token"], rid, dict(zip(items, choice)))
    voting.close_round(db, rid)
    return {r["label"]: r["evidence"] for r in round_decisions.undecided(db, rid)}


def test_one_dot_from_one_voter_reads_in_the_singular_in_the_decision_evidence(fresh_db):
    evidence = _round(fresh_db, "dots", [(3, 1, 1)], dots_total=5, dots_per_item=3)
    assert evidence["Delight customers"].endswith(": 1 dot, place 2 (1 voter)")
    assert evidence["Grow revenue"].endswith(": 3 dots, place 1 (1 voter)")


def test_a_rankings_evidence_says_points_from_the_rankings_not_borda_points(fresh_db):
    evidence = _round(fresh_db, "ranking", [(1, 2, 3), (1, 3, 2)])
    assert evidence["Grow revenue"].endswith(": 6 points from the rankings, place 1 (2 voters)")
    assert not any("Borda points" in text for text in evidence.values())


def test_one_point_of_a_split_reads_in_the_singular_where_answers_are_listed(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    persp = workshops.perspectives(fresh_db, wid)[0]["id"]
    decisions.decide_objective(fresh_db, objectives.add_objective(fresh_db, wid, "Grow revenue", persp), "agreed")
    iids = [plan.add_initiative(fresh_db, wid, name) for name in ("Cloud move", "Sales training")]
    rid = voting.open_round(fresh_db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3)
    a, b = (i["id"] for i in voting.round_items(fresh_db, rid))
    voting.submit(fresh_db, joining.join(fresh_db, joining.join_code(fresh_db, wid), "Ann")["token"], rid, {a: 99, b: 1})
    answers = {r["label"]: r["answer"] for r in vote_results.named_ballots(fresh_db, rid)}
    assert answers == {"Cloud move": "99 points", "Sales training": "1 point"}
    row = {"share": 1.0, "points": 1, "votes": 1, "standing": 2, "budget_share": None}
    assert priorities.split_summary(row) == "1% of the room's points (1 point from 1 voter), place 2"


def test_an_unknown_voting_method_is_refused_with_the_methods_names(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    oid = objectives.add_objective(fresh_db, wid, "Grow revenue", workshops.perspectives(fresh_db, wid)[0]["id"])
    with pytest.raises(Invalid) as refused:
        voting.open_round(fresh_db, wid, [("objective", oid)], method="fist-to-five")
    assert "dot voting; rating 1–5; gradients of agreement" in str(refused.value)
    assert "dots, rating" not in str(refused.value)
