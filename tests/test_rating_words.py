"""A rating round's spread in words, as the sponsor's report and the facilitator's table print it:
"3 rated 5 · 3 rated 4", on the round's own scale, never a rating's number beside a count."""
from __future__ import annotations

import pytest

from workshop.core import disclosure
from workshop.deliverables import report_record
from workshop.method import objectives, workshops
from workshop.room import joining, vote_results, voting


@pytest.fixture
def confidence_round(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow revenue", persp)
    rid = voting.open_round(db, wid, [("objective", oid)], method="rating", scale="confidence",
                            anonymity="facilitator_only")
    (item,) = [i["id"] for i in voting.round_items(db, rid)]
    code = joining.join_code(db, wid)
    for n, rating in enumerate((5, 5, 5, 4, 4, 4, 2)):
        voting.submit(db, joining.join(db, code, f"Person {n}")["token"], rid, {item: rating})
    voting.close_round(db, rid)
    return db, wid, rid


def test_the_report_says_how_many_rated_each_number_when_a_lone_concern_is_merged(confidence_round):
    db, wid, _ = confidence_round
    (record,) = report_record.consensus_rounds(db, wid)
    assert record["items"][0]["tally"] == ("6 of 7 in support (3 rated 5 · 3 rated 4 · "
                                           "concern or neutral: fewer than 2 people)")


def test_the_facilitators_spread_column_reads_like_the_report(confidence_round):
    db, _, rid = confidence_round
    (row,) = vote_results.results(db, rid)
    assert disclosure.spread_text(row, "rating", "confidence") == ("3 rated 5 · 3 rated 4 · "
                                                                   "Concern or neutral: fewer than 2 people")


def test_a_named_rating_rounds_spread_has_no_rating_number_beside_a_count(fresh_db):
    row = {"counts": {5: 3, 4: 1, 2: 2}, "votes": 6, "disclosure": "full"}
    assert disclosure.spread_text(row, "rating", "importance") == "3 rated 5 · 1 rated 4 · 2 rated 2"
