"""Anonymity against arithmetic: a 100-point split, and dots when everyone spends every dot, hold a
known total, so an item the small-room rule hides must not be the total less the points shown, and
no item's count of voters may say that one person left it out."""

from __future__ import annotations

import re
import statistics

import pytest
from privacy_room import arithmetic_leaks, grid_inference, leaks, section, small_room

from ui import bars
from workshop.core import disclosure, methods
from workshop.deliverables import record
from workshop.deliverables.report import charts, document
from workshop.room import ballot_view, round_decisions, vote_results

SPLIT = [[50, 50, 0]] * 5 + [[70, 0, 30]]  # the dissenter alone gives the third initiative points


def _seen(db, room):
    return vote_results.results(db, room.round_id), vote_results.turnout(db, room.round_id)["voters"]


def test_a_hidden_split_item_cannot_be_worked_out_as_six_hundred_less_the_points_shown(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "split", "anonymous", ballots=SPLIT)
    rows, voters = _seen(db, room)
    assert voters == 6 and rows[2]["points"] is None  # the dissenter's item, hidden by the rule
    assert rows[1]["points"] is None and rows[1]["share"] is None  # kept with it: 600 − 320 = 250 + 30
    assert rows[0]["points"] == 320 and rows[0]["standing"] == 1
    assert not arithmetic_leaks(rows, room, voters), arithmetic_leaks(rows, room, voters)
    text = " ".join(vote_results.summary(r, "split") for r in rows)
    assert "30" not in text and "250" not in text and not leaks(text, room), text


def test_an_item_all_but_one_person_chose_shows_its_points_but_not_how_many_chose_it(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "split", "facilitator_only", ballots=[[60, 40, 0]] * 5 + [[100, 0, 0]])
    rows, voters = _seen(db, room)
    assert rows[0]["points"] == 400  # all six chose it: shown in full
    assert rows[0]["votes"] == 6
    assert not arithmetic_leaks(rows, room, voters)
    assert "from 5 voters" not in " ".join(vote_results.summary(r, "split") for r in rows)


def test_dots_spent_in_full_keep_the_lone_dissenters_item_private_by_subtraction_too(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "dots", "anonymous", ballots=[[1, 1, 0]] * 5 + [[1, 0, 1]])
    rows, voters = _seen(db, room)
    assert rows[2]["points"] is None and rows[1]["points"] is None and rows[0]["points"] == 6
    assert not arithmetic_leaks(rows, room, voters), arithmetic_leaks(rows, room, voters)
    evidence = " ".join(u["evidence"] for u in round_decisions.undecided(db, room.round_id))
    assert not leaks(evidence, room), evidence


def test_the_rule_keeps_the_smallest_shown_item_with_the_hidden_one_in_its_own_words():
    rows = [
        {
            "item_id": n,
            "label": f"Item {n}",
            "grouping": "",
            "points": p,
            "votes": v,
            "median": None,
            "counts": {},
            "iqr": None,
            "standing": None,
            "share": p / 6,
            "gap": None,
        }
        for n, (p, v) in enumerate([(320, 6), (250, 5), (30, 1)])
    ]
    shown = disclosure.protect(rows, methods.get("split"), anonymity="anonymous", voters=6)
    assert [r["points"] for r in shown] == [320, None, None]
    assert shown[1]["note"] == ("Kept with the items chosen by fewer than 2 people, so that their points cannot be worked out from the total.")
    assert shown[2]["note"] == "Chosen by fewer than 2 people, so its points stay private."


def test_the_reports_split_table_shows_no_voters_where_the_rule_keeps_them(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "split", "anonymous", ballots=[[50, 40, 10]] * 5 + [[40, 0, 60]])
    text = " ".join(document.build_html(record.read(db, wid)).split())
    part = text[text.index(f"round 2 · {room.title}") :]
    cells = re.findall(r'<td class="num">([^<]*)</td>', part)[:12]
    assert "290 (6)" in cells and "200" in cells  # all six chose the first; all but one the second: no count
    assert "(5)" not in " ".join(cells) and "fewer than 2" not in " ".join(cells)


# A priority grid's figures, worked back to the placements: with 3 or 4 placements the inclusive
# quartiles are computed partly from the lowest and highest place, so they give the dissenter's away
# (3 placements: lowest = 2·q1 − median; 4: lowest = 4·q1 − 3·second, and a place is a whole number).
GRID_PLACES = {  # item → axis → each voter's place, the dissenter's (1) last
    3: {"y": [5, 4, 1], "x": [4, 5, 1]},
    4: {"y": [5, 4, 4, 1], "x": [4, 5, 3, 1]},
    5: {"y": [5, 4, 4, 3, 1], "x": [4, 5, 3, 4, 1]},
}


def _grid_room(db, wid, n: int, anonymity: str):
    places = GRID_PLACES[n]
    ballots = [[{"x": places["x"][v], "y": places["y"][v]}, {"x": 4, "y": 4}] for v in range(n)]
    room = small_room(db, wid, "grid", anonymity, ballots=ballots, min_voters=3)
    truth = {room.items[0]: places, room.items[1]: {"x": [4] * n, "y": [4] * n}}
    return room, truth


@pytest.mark.parametrize("anonymity", ["facilitator_only", "anonymous"])
@pytest.mark.parametrize("n", [3, 4, 5])
def test_a_grids_figures_never_let_the_lowest_or_highest_place_be_worked_out(demo_db, n, anonymity):
    db, wid = demo_db
    room, truth = _grid_room(db, wid, n, anonymity)
    rows = vote_results.results(db, room.round_id)
    assert rows[0]["votes"] == n and rows[0]["y_median"] == statistics.median(GRID_PLACES[n]["y"])  # the room's place is shown
    assert not grid_inference(rows, truth), grid_inference(rows, truth)


@pytest.mark.parametrize("n", [3, 4])
def test_a_grid_of_fewer_than_five_placements_shows_its_medians_and_says_why_it_draws_no_box(demo_db, n):
    db, wid = demo_db
    room, _ = _grid_room(db, wid, n, "anonymous")
    rows = vote_results.results(db, room.round_id)
    median = f"{statistics.median(GRID_PLACES[n]['y']):g}"
    card = ballot_view.result_cards(rows, "grid", grid_axes="importance_urgency")[0]  # the participant's card
    assert dict(card["figures"])["Importance"] == median
    assert "middle half is shown from 5 placements" in card["note"]
    svg = charts.grid_svg(rows, "importance_urgency")  # /present, the facilitator's page and the PDF draw this
    assert 'stroke-opacity="0.8"' not in svg  # no box
    present = bars.grid(rows, "importance_urgency")
    assert "middle half is shown from 5 placements" in present
    html = " ".join(document.build_html(record.read(db, wid)).split())
    part = section(html, room, end="Workshop 3 · round")
    assert not re.search(r"\(\d(?:\.\d+)?–\d(?:\.\d+)?\)", part), part[:1500]  # no "4 (2.5–4.5)" in the key
    assert "middle half is shown from 5 placements" in part


def test_a_grid_of_five_placements_draws_the_middle_half_which_holds_no_one_persons_extreme(demo_db):
    db, wid = demo_db
    room, _ = _grid_room(db, wid, 5, "anonymous")
    rows = vote_results.results(db, room.round_id)
    assert (rows[0]["y_q1"], rows[0]["y_median"], rows[0]["y_q3"]) == (3, 4, 4)  # the 2nd, 3rd and 4th places
    assert 'stroke-opacity="0.8"' in charts.grid_svg(rows, "importance_urgency")
    card = ballot_view.result_cards(rows, "grid", grid_axes="importance_urgency")[0]
    assert dict(card["figures"])["Importance"] == "4 (middle half 3–4)"


def test_a_named_grid_of_three_still_shows_everything(demo_db):
    db, wid = demo_db
    room, _ = _grid_room(db, wid, 3, "named")
    rows = vote_results.results(db, room.round_id)
    assert rows[0]["y_q1"] == 2.5 and rows[0]["disclosure"] == "full"
