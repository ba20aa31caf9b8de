"""A show of hands counts the people whose hands went up, never the number declared: the small-room
minimum cannot be reached by people who answered nothing."""

from __future__ import annotations

import pytest

from workshop.core.errors import Invalid
from workshop.method import objectives, workshops
from workshop.room import joining, paper, vote_results, voting


def _anonymous_dots(db):
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persps = workshops.perspectives(db, wid)
    oids = [objectives.add_objective(db, wid, t, persps[0]["id"]) for t in ("Grow revenue", "Delight customers")]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots", anonymity="anonymous", dots_total=2, dots_per_item=2)
    items = [i["id"] for i in voting.round_items(db, rid)]
    code = joining.join_code(db, wid)
    for name in ("Ana", "Ben", "Cem"):
        voting.submit(db, joining.join(db, code, name)["token"], rid, {items[0]: 2})
    return rid, items


def test_a_show_of_hands_with_no_hand_raised_is_refused_and_adds_nobody_to_the_turnout(fresh_db):
    rid, items = _anonymous_dots(fresh_db)
    with pytest.raises(Invalid, match="^No hand went up, so there is nothing to record.$"):
        paper.set_hand_counts(fresh_db, rid, 2, {i: {"dot": 0} for i in items})
    assert paper.hand_history(fresh_db, rid) == []
    voting.close_round(fresh_db, rid)
    assert vote_results.turnout(fresh_db, rid)["voters"] == 3
    assert {r["disclosure"] for r in vote_results.results(fresh_db, rid)} == {"withheld"}  # 3 of the minimum 5


def test_people_declared_by_hand_count_only_as_far_as_hands_went_up(fresh_db):
    rid, (a, b) = _anonymous_dots(fresh_db)
    paper.set_hand_counts(fresh_db, rid, 4, {a: {"dot": 1}, b: {}})
    assert list(paper.hand_counts(fresh_db, rid)) == [a]  # no tally kept for an item nobody raised a hand on
    assert vote_results.turnout(fresh_db, rid)["hands"] == 1  # one dot: one person at least, not the four declared
    paper.set_hand_counts(fresh_db, rid, 4, {a: {"dot": 2}, b: {"dot": 2}})
    assert vote_results.turnout(fresh_db, rid)["hands"] == 2  # four dots at two each: two people
    voting.close_round(fresh_db, rid)
    assert vote_results.turnout(fresh_db, rid)["voters"] == 5
