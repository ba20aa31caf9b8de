"""Items that split the room: answers clustered at both ends (at least a quarter, and two people, in
support and in concern, fewer in the middle than at either end) are flagged beside the verdict in
the results, on the room's screen and in the report; a low average or a lukewarm room is not a split,
and the flag never stands for one person's answer (the small-room rule)."""

from __future__ import annotations

import pytest

from ui import bars
from workshop.core import consensus, disclosure, methods
from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.method import objectives, workshops
from workshop.room import joining, vote_results, voting
from workshop.starters import starting


@pytest.mark.parametrize(
    "ratings, split",
    [
        ([1, 1, 1, 5, 5, 5], True),  # two camps, nobody between
        ([1, 2, 4, 4, 5, 5, 3], True),  # 2 concern (29%), 4 support, 1 neutral: fewer in the middle
        ([1, 1, 5, 5], True),  # two at each end is enough
        ([1, 1, 3, 3, 5, 5], False),  # as many in the middle as at each end: a spread, not two clusters
        ([3, 3, 3, 3, 3, 3], False),  # a middling room
        ([2, 2, 2, 2, 2, 2], False),  # a low average is one cluster, not a split
        ([1, 1, 5, 5, 5, 5, 5, 5, 5], False),  # 2 of 9 in concern: under a quarter
        ([1, 5], False),  # one person at each end is never a split (it would be their answer)
        ([1, 4, 4, 4], False),
        ([1, 1, None, None, 5, 5], True),  # skips are not counted
    ],
)
def test_ratings_split_the_room_only_when_they_cluster_at_both_ends(ratings, split):
    assert consensus.rating_result(ratings).split is split


def test_the_rule_counts_support_neutral_and_concern_as_each_scale_groups_them():
    assert consensus.splits_the_room(positive=3, neutral=2, negative=3)
    assert not consensus.splits_the_room(positive=3, neutral=3, negative=3)
    assert not consensus.splits_the_room(0, 0, 0)
    gradients = consensus.gradient_result(["endorse", "endorse", "minor_point", "block", "serious_disagreement", "serious_disagreement", "abstain"])
    assert gradients.split and gradients.verdict == consensus.DISCUSS  # the block still says discuss; the flag says why
    assert not consensus.gradient_result(["more_discussion"] * 4 + ["endorse", "block"]).split  # a room not ready is not split
    fingers = methods.get("fist_to_five").item_result([0, 0, 5, 5, 4], consensus.Thresholds())
    assert fingers.split


def _row(ratings: list[int]) -> dict:
    how = methods.get("rating")
    result = how.item_result(ratings, consensus.Thresholds())
    return {"item_id": 1, "label": "Grow revenue", "kind": "objective", **result.__dict__, "paper": 0, "hands": 0}


def test_the_flag_follows_the_small_room_rule():
    how = methods.get("rating")
    split = _row([1, 1, 5, 5, 5])
    (shown,) = disclosure.protect([split], how, anonymity="anonymous", voters=5, min_voters=5)
    assert shown["split"] is True and shown["negative"] == 2  # both ends are shown counts
    (withheld,) = disclosure.protect([_row([1, 1, 5, 5])], how, anonymity="anonymous", voters=4, min_voters=5)
    assert withheld["split"] is None and withheld["disclosure"] == disclosure.WITHHELD
    # one person alone at an end is never flagged, so the flag cannot say what they answered
    (lonely,) = disclosure.protect([_row([1, 5, 5, 5])], how, anonymity="anonymous", voters=4, min_voters=3)
    assert lonely["split"] is False and lonely["negative"] is None


def test_the_room_screen_and_the_results_chart_flag_the_split_item_and_state_the_rule():
    rows = [_row([1, 1, 1, 5, 5, 5]) | {"item_id": 1, "label": "Split item"}, _row([4, 4, 5, 5, 4, 3]) | {"item_id": 2, "label": "Agreed item"}]
    chart = bars.chart(rows, {"method": "rating", "scale": "agreement", "grid_axes": None, "id": 1})
    split_head, agreed_head = chart.split("Split item")[1].split("Agreed item")
    assert "splits the room" in split_head and "splits the room" not in agreed_head.split("pb-axis")[0]
    assert consensus.SPLIT_RULE in chart.replace("&#x27;", "'")
    calm = bars.chart(rows[1:], {"method": "rating", "scale": "agreement", "grid_axes": None, "id": 1})
    assert "splits the room" not in calm.lower()


def test_the_report_flags_an_item_that_split_the_room(fresh_db):
    db = fresh_db
    wid = starting.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)[0]["id"]
    split_oid = objectives.add_objective(db, wid, "Cut the training budget", persp)
    calm_oid = objectives.add_objective(db, wid, "Grow recurring revenue", persp)
    code = joining.join_code(db, wid)
    rid = voting.open_round(db, wid, [("objective", split_oid), ("objective", calm_oid)], method="rating", title="Drafts", anonymity="named")
    items = {i["label"]: i["id"] for i in voting.round_items(db, rid)}
    for n, rating in enumerate([1, 1, 1, 5, 5, 5]):
        token = joining.join(db, code, f"Person {n}")["token"]
        voting.submit(db, token, rid, {items["Cut the training budget"]: rating, items["Grow recurring revenue"]: 4})
    voting.close_round(db, rid)
    assert {r["label"]: r["split"] for r in vote_results.results(db, rid)} == {"Cut the training budget": True, "Grow recurring revenue": False}
    html = document.build_html(record.read(db, wid))
    votes = {title: html.split(f'class="w30">{title}')[1].split("</tr>")[0] for title in ("Cut the training budget", "Grow recurring revenue")}
    assert "splits the room" in votes["Cut the training budget"] and "splits the room" not in votes["Grow recurring revenue"]
    assert "Splits the room: at least 25% of the answers (and 2 people) in support" in html
