"""Reporting periods across the horizon, read as people type them, with the plan phased and the year to date."""

import datetime as dt

import pytest

from workshop.core.errors import Invalid
from workshop.core.periods import horizon, periods, planned_values, read_period, year_to_date


def test_quarters_follow_the_financial_year_and_say_so():
    calendar_year = periods("quarterly", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert [p.label() for p in calendar_year] == ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"]
    april = periods("quarterly", dt.date(2027, 4, 1), dt.date(2028, 3, 31), year_start_month=4)
    assert april[0].label() == "Q1 FY2028 (Apr–Jun 2027)" and april[-1].ends == dt.date(2028, 3, 31)


def test_the_horizon_runs_to_the_furthest_target_date_over_several_years():
    start, end = horizon(dt.date(2027, 1, 15), ["2029-12-31", None, "2028-06-30"])
    assert (start, end) == (dt.date(2027, 1, 1), dt.date(2029, 12, 31))
    assert len(periods("monthly", start, end)) == 36


@pytest.mark.parametrize("typed", ["Mar 2027", "March 2027", "2027-03", "2027-03-31"])
def test_a_month_typed_in_any_common_form(typed):
    assert read_period(typed, "monthly").key == "2027-03"


def test_quarters_years_and_weeks_typed():
    assert read_period("Q2 2027", "quarterly").starts == dt.date(2027, 4, 1)
    assert read_period("2027-Q2", "quarterly").starts == dt.date(2027, 4, 1)
    assert read_period("FY2028", "annually", year_start_month=4).starts == dt.date(2027, 4, 1)
    assert read_period("2027-W05", "weekly").starts == dt.date(2027, 2, 1)
    with pytest.raises(Invalid, match="not a period I can read"):
        read_period("soon", "monthly")


def test_a_flow_is_planned_as_even_shares_of_the_year():
    quarters = periods("quarterly", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    plan = planned_values(quarters, nature="flow", baseline=None, target=175e6, target_date="2027-12-31", frequency="quarterly")
    assert plan == [43.75e6] * 4


def test_a_level_is_planned_in_a_straight_line_to_its_target_then_held():
    months = periods("monthly", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    plan = planned_values(months, nature="level", baseline=60.0, target=72.0, target_date="2027-06-30", frequency="monthly")
    assert plan[:6] == [62.0, 64.0, 66.0, 68.0, 70.0, 72.0] and plan[6:] == [72.0] * 6


def test_the_year_to_date_adds_flows_and_keeps_a_levels_last_value():
    quarters = periods("quarterly", dt.date(2027, 1, 1), dt.date(2028, 12, 31))
    values = list(zip(quarters, [10.0, 12.0, None, 9.0, 5.0, None, None, None], strict=True))
    assert year_to_date(values, quarters[3], "sum") == 31.0
    assert year_to_date(values, quarters[3], "last") == 9.0
    assert year_to_date(values, quarters[4], "sum") == 5.0
