"""The checks read a target's type: a rating, a range or a milestone is a target, a TBD is its own
milder finding, a cap or a floor is never "reversed", and lead/lag or frequency left unstated is said."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from helpers import demo_into

from workshop import checks
from workshop.core.model import Measure
from workshop.core.target_words import bands_text, has_target, stated, target_words
from workshop.core.targets import read_target
from workshop.db import scorecard, store
from workshop.method import phases


@pytest.fixture(scope="module")
def demo_card():
    db = store.connect(":memory:")
    return scorecard.load(db, demo_into(db))


def _with_target(card, typed: str, **changes):
    """The demo with its first measure's target typed as a person would, and its finding ids."""
    card = copy.deepcopy(card)
    first = card.measures[0]
    direction = changes.pop("direction", first.direction)
    target = read_target(typed, direction=direction, due=changes.get("target_date", first.target_date))
    fields = {k: v for k, v in target.fields().items() if k in Measure.__dataclass_fields__}
    card.measures[0] = dataclasses.replace(first, **{"direction": direction, "green": None, "red": None, **fields, **changes})
    return card, {f.id for f in checks.run(card)}


@pytest.mark.parametrize(
    ("typed", "changes"),
    [
        ("< 2.00%", {"baseline": 1.5}),  # a cap already met is a target to hold, not a reversed one
        ("< 2.00%", {"baseline": 3.1}),
        ("> 24%", {"baseline": 30}),  # a floor below today's value
        ("98–100%", {"baseline": 97}),
        ("AAA", {"baseline": None, "unit": ""}),
        ("Successful implementation by 2027-06-30", {"baseline": None, "unit": ""}),
    ],
)
def test_a_stated_target_of_any_type_raises_no_false_alarm(demo_card, typed, changes):
    card, found = _with_target(demo_card, typed, **changes)
    assert has_target(card.measures[0])
    assert not found & {"measure-no-target", "target-direction", "measure-no-baseline", "measure-is-milestone"}
    # thresholds are asked of floors and caps only (the room's green and red); the others have their bands
    assert ("measure-no-thresholds" in found) is (card.measures[0].goal.type in ("at_least", "at_most"))


def test_a_tbd_target_gets_its_own_milder_finding_and_does_not_hold_the_gate(demo_card):
    card, found = _with_target(demo_card, "TBD")
    assert "measure-no-target" not in found
    finding = next(f for f in checks.run(card) if f.id == "measure-target-tbd")
    assert finding.severity == "warning"
    assert card.measures[0].name in finding.items[0].label
    assert not any("Set a target" in line for line in phases._measures(card))


def test_a_measure_without_any_target_still_holds_the_gate(demo_card):
    card = copy.deepcopy(demo_card)
    card.measures[0] = dataclasses.replace(card.measures[0], target_type="", target=None)
    assert "measure-no-target" in {f.id for f in checks.run(card)}
    assert any(line.startswith("Set a target") for line in phases._measures(card))


def test_an_exact_figure_on_the_worse_side_of_the_baseline_is_reversed(demo_card):
    _, found = _with_target(demo_card, "= 10", baseline=30, direction="higher")
    assert "target-direction" in found


def test_a_milestone_named_as_a_task_is_not_sent_to_the_initiatives(demo_card):
    _, found = _with_target(demo_card, "Done by 2027-06-30", name="Obtain the ISO 27001 certificate", unit="", baseline=None, actual=None)
    assert "measure-is-milestone" not in found


def test_lead_lag_and_frequency_not_stated_are_named_never_assumed(demo_card):
    card = copy.deepcopy(demo_card)
    card.measures[0] = dataclasses.replace(card.measures[0], kind="", frequency="")
    found = {f.id: f for f in checks.run(card)}
    assert card.measures[0].name in found["measure-no-kind"].items[0].label
    assert card.measures[0].name in found["measure-no-frequency"].items[0].label
    assert "lead-lag-mix" not in found
    assert stated(card.measures[0].kind) == "not stated" and stated("lead") == "lead"


def test_lead_lag_mix_counts_only_the_stated_kinds(demo_card):
    card = copy.deepcopy(demo_card)
    card.measures = [dataclasses.replace(m, kind="lag" if n else "") for n, m in enumerate(card.measures)]
    finding = next(f for f in checks.run(card) if f.id == "lead-lag-mix")
    assert "whose kind is stated are lag" in finding.message


@pytest.mark.parametrize(
    ("typed", "unit", "words", "bands"),
    [
        ("< 2.00%", "%", "< 2 %", "on target < 2 % · watch 2–2.2 % · off target > 2.2 %"),
        ("> 24%", "%", "> 24 %", "on target > 24 % · watch 21.6–24 % · off target < 21.6 %"),
        ("98–100%", "%", "98–100 %", "on target 98–100 % · watch 88–98 % or 100–110 % · off target < 88 % or > 110 %"),
        ("AA", "", "AA", "on target AA or better · watch AA- · off target A+ or below"),
        ("Successful implementation by 2027-06-30", "", "Successful implementation by 2027-06-30", None),
        ("TBD", "", "to be decided", ""),
    ],
)
def test_targets_and_their_bands_read_as_meant(demo_card, typed, unit, words, bands):
    card, _ = _with_target(demo_card, typed, unit=unit)
    m = card.measures[0]
    assert target_words(m) == words
    if bands is not None:
        assert bands_text(m) == bands
    else:
        assert bands_text(m) == "on target done or on track · watch at risk or not started · off target late or overdue"


def test_thresholds_set_by_the_room_make_the_bands_of_a_floor(demo_card):
    card, _ = _with_target(demo_card, "≥ 20", unit="%", green=18, red=15)
    assert bands_text(card.measures[0]) == "on target ≥ 18 % · watch 15–18 % · off target < 15 %"
