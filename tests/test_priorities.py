"""The priority grid's and the 100-point split's maths: medians, spread, quadrants, shares of the
room's points beside shares of the planned budget. Pure functions, no database."""

from xml.etree import ElementTree

import pytest

from workshop.core import priorities
from workshop.core.errors import Invalid
from workshop.deliverables.report import charts

EFFORT = priorities.GRID_PRESETS["impact_effort"]


def test_the_room_median_and_interquartile_range_are_computed_per_axis():
    row = priorities.grid_result(EFFORT, [(1, 5), (2, 4), (2, 5), (5, 4)])
    assert (row["x_median"], row["y_median"]) == (2.0, 4.5)
    assert (row["x_q1"], row["x_q3"], row["x_iqr"]) == (1.75, 2.75, 1.0)
    assert (row["y_q1"], row["y_q3"]) == (4.0, 5.0)
    assert "x_min" not in row and "x_max" not in row  # the extremes are one person's place: never computed
    assert row["votes"] == 4 and row["quadrant"] == "Quick wins" and not row["divided"]


@pytest.mark.parametrize(
    ("x", "y", "name"),
    [
        (1, 5, "Quick wins"),
        (5, 5, "Major projects"),
        (1, 1, "Fill-ins"),
        (5, 2, "Thankless tasks"),
        (3, 5, "Between Quick wins and Major projects"),
        (5, 3, "Between Thankless tasks and Major projects"),
        (3, 3, "Centre: no clear quadrant"),
    ],
)
def test_the_quadrant_is_where_the_medians_fall_and_the_midline_is_named_as_such(x, y, name):
    assert priorities.grid_result(EFFORT, [(x, y)])["quadrant"] == name


def test_each_preset_names_four_quadrants_and_suits_one_kind_of_item():
    for grid in priorities.GRID_PRESETS.values():
        assert len(set(grid.quadrants.values())) == 4
        assert set(grid.advice) == set(grid.quadrants.values())
    assert priorities.default_grid(["initiative"]) == "impact_effort"
    assert priorities.default_grid(["measure", "objective"]) == "importance_measurability"
    assert priorities.default_grid(["objective"]) == "importance_urgency"
    assert priorities.GRID_PRESETS["importance_urgency"].quadrants[("high", "high")] == "Do first"
    with pytest.raises(Invalid, match="Choose the grid's axes"):
        priorities.preset("colour_taste")


def test_a_room_that_disagrees_on_an_axis_is_called_divided_and_advised_to_discuss():
    row = priorities.grid_result(EFFORT, [(1, 5), (1, 1), (5, 5), (5, 1)])
    assert row["divided"] and row["x_iqr"] == 4.0
    assert "divided" in priorities.grid_advice(EFFORT, row)
    assert priorities.grid_advice(EFFORT, priorities.grid_result(EFFORT, [(1, 5)])) == "Start first."


def test_an_item_nobody_placed_has_no_median_and_says_so():
    row = priorities.grid_result(EFFORT, [], skipped=2)
    assert row["votes"] == 0 and row["skipped"] == 2 and row["x_median"] is None
    assert priorities.grid_summary(EFFORT, row) == "not placed by anyone"
    assert priorities.grid_summary(EFFORT, priorities.grid_result(EFFORT, [(2, 4)])) == "Quick wins (impact 4, effort 2 of 5; 1 voter)"


def test_a_split_must_hold_exactly_one_hundred_whole_points():
    assert priorities.split_points({1: 60, 2: "40"}, [1, 2, 3]) == {1: 60, 2: 40, 3: 0}
    with pytest.raises(Invalid, match="You gave 90 of your 100 points; give the other 10"):
        priorities.split_points({1: 60, 2: 30}, [1, 2])
    with pytest.raises(Invalid, match="You gave 120 points; you have 100. Take 20 back"):
        priorities.split_points({1: 60, 2: 60}, [1, 2])
    for bad in (-5, 101, "ten", 2.5, "=1+1"):
        with pytest.raises(Invalid, match="whole numbers from 0 to 100"):
            priorities.split_points({1: bad, 2: 50}, [1, 2])


def test_shares_of_the_room_stand_beside_shares_of_the_planned_budget():
    # two voters: 70/30 and 50/50; budgets 100k and 300k (25 % and 75 %), a third has none
    rows = priorities.split_results({1: [70, 50], 2: [30, 40], 3: [0, 10]}, 2, {1: 100_000, 2: 300_000, 3: None})
    assert rows[1] == {"points": 120, "votes": 2, "share": 60.0, "budget": 100_000, "budget_share": 25.0, "gap": 35.0}
    assert rows[2]["share"] == 35.0 and rows[2]["budget_share"] == 75.0 and rows[2]["gap"] == -40.0
    assert rows[3]["votes"] == 1 and rows[3]["budget_share"] is None and rows[3]["gap"] is None
    assert sum(r["share"] for r in rows.values()) == 100
    assert priorities.gap_words(rows[1]) == "the room wants more: 35 points above its budget share"
    assert priorities.gap_words(rows[2]) == "the room wants less: 40 points below its budget share"
    assert priorities.gap_words(rows[3]) == "no budget planned"


def test_a_split_with_no_ballots_has_no_shares():
    rows = priorities.split_results({1: [], 2: []}, 0, {1: 10.0, 2: 30.0})
    assert rows[1]["share"] is None and rows[1]["budget_share"] == 25.0
    assert priorities.split_summary(rows[1]) == "no points yet"


def test_the_charts_escape_every_title_and_parse_as_svg():
    hostile = '<script>alert(1)</script> & "quotes" =SUM(A1)'
    rows = [
        {"label": hostile, **priorities.grid_result(EFFORT, [(1, 5), (2, 4)])},
        {"label": "Nobody placed it", **priorities.grid_result(EFFORT, [])},
    ]
    svg = charts.grid_svg(rows, "impact_effort")
    assert "<script" not in svg and "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)  # well-formed
    assert [k["quadrant"] for k in priorities.grid_key(rows, "impact_effort")] == ["Quick wins", "No placements"]
    split = [{"label": hostile, "standing": 1, **priorities.split_results({1: [100]}, 1, {1: 5.0})[1]}]
    svg = charts.split_svg(split)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)
