"""The method checks: each one tripped by a scorecard that breaks its rule, and silent on one that keeps it."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from helpers import demo_into

from workshop import checks
from workshop.checks.rules import starts_with_verb
from workshop.core.model import CausalLink, Measure, Theme
from workshop.db import scorecard


@pytest.fixture(scope="module")
def demo_card():
    from workshop.db import store

    db = store.connect(":memory:")
    return scorecard.load(db, demo_into(db))


def _by_title(card, title):
    return next(o for o in card.objectives if o.title == title)


def _perspective(card, key):
    return next(p for p in card.perspectives if p.key == key)


def _replace(items, index, **changes):
    items[index] = dataclasses.replace(items[index], **changes)


def _drop_objectives(card, n):
    live = [i for i, o in enumerate(card.objectives) if o.status != "dropped"]
    for i in live[:n]:
        _replace(card.objectives, i, status="dropped")


def _extra_measure(card, objective_id, n, **changes):
    base = card.measures[0]
    return dataclasses.replace(base, id=10_000 + n, objective_id=objective_id, name=f"Extra {n}", **changes)


def _remove_links(card, *, cause=None, effect=None):
    card.links = [l for l in card.links if l.cause_id != cause and l.effect_id != effect]


def _as_unit(card, phase=None, **changes):
    """The demo read as if it were a lower unit of a parent shaped like itself."""
    card.parent = {"id": 0, "uid": "p", "organisation": "Atlas Digital", "unit": "Group", "phase": 5}
    card.parent_perspectives = list(card.perspectives)
    card.parent_objectives = [dataclasses.replace(o, id=9000 + o.id) for o in card.agreed_objectives()]
    card.expected = tuple(o.id for o in card.parent_objectives)
    card.objectives = [dataclasses.replace(o, contributes_to=tuple(card.expected)) for o in card.objectives]
    if phase is not None:
        card.workshop = {**card.workshop, "phase": phase}
    for name, value in changes.items():
        setattr(card, name, value)


def _unserved_parent_objective(card):
    extra = dataclasses.replace(card.parent_objectives[0], id=99_999, title="Open a second region")
    card.parent_objectives.append(extra)
    card.expected = (*card.expected, extra.id)


TRIPS = {
    "cascade-to-serve": lambda c: (_as_unit(c, phase=2), _unserved_parent_objective(c)),
    "cascade-uncovered": lambda c: (_as_unit(c), _unserved_parent_objective(c)),
    "cascade-objective-unaligned": lambda c: (_as_unit(c), _replace(c.objectives, 0, contributes_to=())),
    "cascade-perspectives-differ": lambda c: _as_unit(
        c, parent_perspectives=[dataclasses.replace(p, position=5 - p.position) for p in c.perspectives]
    ),
    "cascade-measure-direction": lambda c: _as_unit(
        c, parent_measures=[dataclasses.replace(c.measures[0], id=9999, direction="lower", red=None, green=None)]
    ),
    "head-office-links": lambda c: setattr(c, "head_office_themes", []),
    "perspective-empty": lambda c: setattr(c, "objectives", [o for o in c.objectives if o.perspective_id != _perspective(c, "learning").id]),
    "objectives-total": lambda c: _drop_objectives(c, 3),
    "objectives-per-perspective": lambda c: setattr(c, "objectives", [o for o in c.objectives if o.title != "Grow revenue by 25%"]),
    "themes-count": lambda c: setattr(c, "themes", c.themes[:2]),
    "theme-empty": lambda c: c.themes.append(Theme(999, "Unused theme", "", "#000000")),
    "objective-no-theme": lambda c: _replace(c.objectives, 0, theme_id=None),
    "objective-verb": lambda c: _replace(c.objectives, 0, title="Customer loyalty"),
    "objective-bundles-outcomes": lambda c: _replace(c.objectives, 0, title="More customers on fewer planes"),
    "objective-no-owner": lambda c: _replace(c.objectives, 0, owner=""),
    "objective-cut-off": lambda c: _replace(c.objectives, 0, title="Reward responsible"),
    "objective-acronym": lambda c: _replace(c.objectives, 0, title="Win three new OEM accounts"),
    "map-no-links": lambda c: setattr(c, "links", []),
    "objective-no-path-to-top": lambda c: _remove_links(c, cause=_by_title(c, "Automate routine service operations").id),
    "top-no-drivers": lambda c: _remove_links(c, effect=_by_title(c, "Improve profit margin to 18%").id),
    "learning-drives-nothing": lambda c: _remove_links(c, cause=_by_title(c, "Retain our experienced engineers").id),
    "link-no-hypothesis": lambda c: _replace(c.links, 0, hypothesis=" "),
    "link-points-down": lambda c: c.links.append(
        CausalLink(999, _by_title(c, "Grow revenue by 25%").id, _by_title(c, "Retain our experienced engineers").id, "Money buys retention.")
    ),
    "objective-no-measure": lambda c: setattr(c, "measures", c.measures[1:]),
    "measures-per-objective": lambda c: c.measures.extend(_extra_measure(c, c.measures[0].objective_id, n) for n in range(2)),
    "measures-total": lambda c: c.measures.extend(_extra_measure(c, c.measures[n].objective_id, n) for n in range(6)),
    "measure-no-owner": lambda c: _replace(c.measures, 0, owner=""),
    "measure-no-data-source": lambda c: _replace(c.measures, 0, data_source=""),
    "measure-no-baseline": lambda c: _replace(c.measures, 0, baseline=None),
    "measure-no-target": lambda c: _replace(c.measures, 0, target=None),
    "measure-no-target-date": lambda c: _replace(c.measures, 0, target_date=None),
    "measure-no-thresholds": lambda c: _replace(c.measures, 0, red=None),
    "measure-target-tbd": lambda c: _replace(c.measures, 0, target_type="tbd", target=None),
    # a floor below today's value is not reversed (it names its direction); an exact figure on the worse side is
    "target-direction": lambda c: _replace(c.measures, 0, direction="higher", baseline=30, target_type="exactly", target=10),
    "measure-is-milestone": lambda c: _replace(c.measures, 0, name="Obtain the ISO 27001 certificate", unit="", baseline=None, actual=None),
    "measure-other-perspective": lambda c: _replace(
        c.measures,
        c.measures.index(next(m for m in c.measures if m.name == "Client satisfaction score")),
        name="Staff who feel their development is supported",
        definition="Share of staff who agree, from the yearly staff survey.",
    ),
    "measure-no-kind": lambda c: _replace(c.measures, 0, kind=""),
    "measure-no-frequency": lambda c: _replace(c.measures, 0, frequency=""),
    "lead-lag-mix": lambda c: setattr(c, "measures", [dataclasses.replace(m, kind="lag") for m in c.measures]),
    "initiative-no-objective": lambda c: _replace(c.initiatives, 0, objective_ids=()),
    "initiative-no-owner": lambda c: _replace(c.initiatives, 0, owner=""),
    "initiative-no-deadline": lambda c: _replace(c.initiatives, 0, deadline=None),
    "initiative-no-budget": lambda c: _replace(c.initiatives, 0, budget=None),
}


def _ids(card) -> set[str]:
    return {f.id for f in checks.run(card)}


def test_there_are_at_least_twenty_checks_each_explained():
    found = checks.all_checks()
    assert len(found) >= 20
    assert len({c.id for c in found}) == len(found)
    for c in found:
        assert c.severity in checks.SEVERITIES
        assert c.rule and c.source and c.fix and c.title


def test_every_check_has_a_case_that_trips_it():
    assert set(TRIPS) == {c.id for c in checks.all_checks()}


@pytest.mark.parametrize("check_id", sorted(TRIPS))
def test_check_is_tripped_by_a_scorecard_that_breaks_its_rule(demo_card, check_id):
    card = copy.deepcopy(demo_card)
    TRIPS[check_id](card)
    finding = next((f for f in checks.run(card) if f.id == check_id), None)
    assert finding is not None, check_id
    assert finding.message


@pytest.mark.parametrize("check_id", sorted(TRIPS))
def test_check_is_silent_on_the_demo_which_keeps_every_rule(demo_card, check_id):
    assert check_id not in _ids(demo_card)


def test_findings_name_the_items_at_fault(demo_card):
    card = copy.deepcopy(demo_card)
    _replace(card.objectives, 0, owner="")
    finding = next(f for f in checks.run(card) if f.id == "objective-no-owner")
    assert [i.label for i in finding.items] == [card.objectives[0].title]
    assert finding.concerns("objective", card.objectives[0].id)
    assert checks.about(checks.run(card), "objective", card.objectives[0].id) == [finding]


def test_errors_come_first_and_decide_the_outcome(demo_card):
    card = copy.deepcopy(demo_card)
    TRIPS["measure-no-target"](card)
    TRIPS["objective-verb"](card)
    findings = checks.run(card)
    assert findings[0].severity == "error"
    assert checks.has_errors(findings)
    assert checks.summary(findings)["advice"] == 1


@pytest.mark.parametrize("drop, tripped", [(0, False), (2, False), (3, True)])
def test_twelve_to_eighteen_objectives_is_the_range(demo_card, drop, tripped):
    card = copy.deepcopy(demo_card)  # 14 live objectives
    _drop_objectives(card, drop)
    assert ("objectives-total" in _ids(card)) is tripped


def test_nineteen_objectives_are_too_many(demo_card):
    card = copy.deepcopy(demo_card)
    base = card.objectives[0]
    card.objectives += [dataclasses.replace(base, id=500 + n, title=f"Improve thing {n}") for n in range(4)]
    assert len(card.live_objectives()) == 18
    assert "objectives-total" not in _ids(card)
    card.objectives.append(dataclasses.replace(base, id=600, title="Improve one more thing"))
    assert "objectives-total" in _ids(card)


def test_two_measures_per_objective_pass_and_three_do_not(demo_card):
    card = copy.deepcopy(demo_card)
    card.measures.append(_extra_measure(card, card.measures[0].objective_id, 1))
    assert "measures-per-objective" not in _ids(card)
    card.measures.append(_extra_measure(card, card.measures[0].objective_id, 2))
    assert "measures-per-objective" in _ids(card)


def test_nineteen_measures_pass_and_twenty_do_not(demo_card):
    card = copy.deepcopy(demo_card)  # 14 measures
    card.measures.extend(_extra_measure(card, card.measures[n].objective_id, n) for n in range(5))
    assert "measures-total" not in _ids(card)
    card.measures.append(_extra_measure(card, card.measures[5].objective_id, 5))
    assert "measures-total" in _ids(card)


def test_dropped_objectives_and_cancelled_initiatives_are_not_checked(demo_card):
    card = copy.deepcopy(demo_card)
    dropped = next(o for o in card.objectives if o.status == "dropped")
    assert not card.measures_of(dropped.id)  # the demo's dropped objective has no measure …
    assert "objective-no-measure" not in _ids(card)  # … and that is fine
    _replace(card.initiatives, 0, owner="", status="cancelled")
    assert "initiative-no-owner" not in _ids(card)


def test_a_scorecard_with_both_lead_and_lag_measures_passes_and_one_kind_fails(demo_card):
    card = copy.deepcopy(demo_card)
    card.measures = [dataclasses.replace(m, kind="lead") for m in card.measures]
    assert "lead-lag-mix" in _ids(card)


def test_a_new_workshop_has_errors_that_say_what_to_do(fresh_db):
    from workshop.method import workshops

    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    findings = checks.run(scorecard.load(fresh_db, wid))
    ids = {f.id for f in findings}
    assert {"perspective-empty", "objectives-total", "head-office-links", "themes-count"} <= ids
    assert checks.has_errors(findings)
    assert "map-no-links" not in ids  # nothing to link yet: no noise


@pytest.mark.parametrize(
    "title, verb",
    [
        ("Grow revenue by 25%", True),
        ("Improve profit margin", True),
        ("Digitise the archive", True),
        ("Simplify onboarding", True),
        ("Customer loyalty", False),
        ("Revenue growth", False),
        ("  reduce cost", True),
        ("99% uptime", False),
        ("", False),
    ],
)
def test_an_objective_title_should_start_with_a_verb(title, verb):
    assert starts_with_verb(title) is verb


def test_phase_filter_keeps_the_findings_of_that_phase(demo_card):
    from workshop.core.model import Phase

    card = copy.deepcopy(demo_card)
    TRIPS["measure-no-owner"](card)
    TRIPS["map-no-links"](card)
    findings = checks.run(card)
    assert [f.id for f in checks.for_phase(findings, Phase.MEASURES)] == ["measure-no-owner"]
    assert [f.id for f in checks.for_phase(findings, Phase.CONSENSUS)] == ["map-no-links"]


def test_describe_gives_rule_source_and_fix(demo_card):
    card = copy.deepcopy(demo_card)
    TRIPS["measure-no-owner"](card)
    text = checks.describe(next(f for f in checks.run(card) if f.id == "measure-no-owner"))
    assert "[warning] measure-no-owner" in text and "rule:" in text and "source:" in text and "fix:" in text


def test_measure_status_follows_the_thresholds_and_direction():
    m = Measure(1, 1, "x", "", "%", "", "", "lag", "monthly", "higher", 1, 10, None, 8, 5, None, "")
    assert (m.status(9), m.status(6), m.status(4)) == ("green", "amber", "red")
    low = dataclasses.replace(m, direction="lower", green=5, red=8)
    assert (low.status(4), low.status(6), low.status(9)) == ("green", "amber", "red")
    assert m.status() is None


@pytest.mark.parametrize("check_id", sorted(c.id for c in checks.all_checks() if c.severity == "error"))
def test_every_error_is_also_what_the_phase_gate_requires(demo_card, check_id):
    from workshop.method import phases

    card = copy.deepcopy(demo_card)
    TRIPS[check_id](card)
    assert phases.missing(card, checks.get(check_id).phase)
