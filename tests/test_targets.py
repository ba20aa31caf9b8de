"""Targets as organisations print them: read as the right type, written back as meant, judged by stated rules."""

import datetime as dt

import pytest

from workshop.core.errors import Invalid
from workshop.core.targets import Bands, Target, judge, read_target, target_text


@pytest.mark.parametrize(
    ("typed", "kind", "figures"),
    [
        ("< 2.00%", "at_most", (2.0, None, None)),
        ("> 24 %", "at_least", (24.0, None, None)),
        ("≥ 24 %", "at_least", (24.0, None, None)),
        ("at most 3", "at_most", (3.0, None, None)),
        ("24+", "at_least", (24.0, None, None)),
        ("98–100%", "range", (None, 98.0, 100.0)),
        ("between 98 and 100", "range", (None, 98.0, 100.0)),
        ("= 5", "exactly", (5.0, None, None)),
        ("€175m", "at_least", (175e6, None, None)),
        ("TBD", "tbd", (None, None, None)),
        ("to be confirmed", "tbd", (None, None, None)),
    ],
)
def test_typed_targets_are_read_as_their_type(typed, kind, figures):
    target = read_target(typed)
    assert (target.type, (target.value, target.low, target.high)) == (kind, figures)


def test_a_cap_and_a_floor_keep_whether_the_bound_itself_is_enough():
    assert read_target("< 2%").strict and not read_target("≤ 2%").strict
    assert judge(read_target("< 2%"), 2.0) != "on target"
    assert judge(read_target("≤ 2%"), 2.0) == "on target"


def test_a_rating_on_a_known_scale_and_on_a_given_one():
    assert read_target("AAA").type == "rating" and read_target("AAA").scale[0] == "AAA"
    assert read_target("strong").level == "Strong"
    given = read_target("Gold", scale="Platinum > Gold > Silver > Bronze")
    assert (given.level, given.scale) == ("Gold", ("Platinum", "Gold", "Silver", "Bronze"))
    with pytest.raises(Invalid, match="not a level of the scale"):
        read_target("Tin", scale="Platinum > Gold > Silver")


def test_a_milestone_takes_its_date_from_its_text_or_the_target_date():
    typed = read_target("Successful implementation by 2027-06-30")
    assert (typed.type, typed.level, typed.due) == ("milestone", "Successful implementation", "2027-06-30")
    assert read_target("Launched", due="2027-09-30").due == "2027-09-30"
    with pytest.raises(Invalid, match="not a target I can read"):
        read_target("lots")


def test_a_range_given_the_wrong_way_round_is_refused_in_words():
    with pytest.raises(Invalid, match="lower end first"):
        read_target("100–98")


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (Target("at_most", 2.0, strict=True), "< 2 %"),
        (Target("at_least", 24.0), "≥ 24 %"),
        (Target("range", low=98.0, high=100.0), "98–100 %"),
        (Target("tbd"), "to be decided"),
        (Target("milestone", level="Go live", due="2027-06-30"), "Go live by 2027-06-30"),
    ],
)
def test_a_target_reads_back_as_it_was_meant(target, text):
    assert target_text(target, "%") == text


def test_judging_each_type_by_its_rules():
    floor = read_target("≥ 90")
    assert [judge(floor, v, bands=Bands(90, 80)) for v in (95, 85, 79)] == ["on target", "watch", "off target"]
    cap = read_target("≤ 2")
    assert [judge(cap, v, bands=Bands(2, 3)) for v in (1.5, 2.5, 3.5)] == ["on target", "watch", "off target"]
    band = read_target("98–100")
    assert [judge(band, v) for v in (99, 97, 85)] == ["on target", "watch", "off target"]
    rating = read_target("AA", scale="AAA > AA > A > BBB")
    assert [judge(rating, text=t) for t in ("AAA", "AA", "A", "BBB", "")] == ["on target", "on target", "watch", "off target", "no data"]
    milestone = read_target("Go live by 2027-06-30")
    assert judge(milestone, text="done") == "on target"
    assert judge(milestone, text="at risk", today=dt.date(2027, 5, 1)) == "watch"
    assert judge(milestone, text="on track", today=dt.date(2027, 7, 1)) == "off target"
    assert judge(read_target("TBD"), 5.0) == "no data"


def test_a_flow_is_judged_against_its_period_plan_not_the_year():
    year = read_target("€175m")
    assert judge(year, 38.5e6) == "off target"
    assert judge(year, 38.5e6, plan=38.0e6) == "on target"
