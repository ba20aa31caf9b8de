"""Starting templates: four kinds of unit, each a complete scorecard that passes its own checks."""

from __future__ import annotations

import pytest

from workshop import checks
from workshop.core.errors import NotFound
from workshop.db import scorecard
from workshop.method import suggestions
from workshop.starters import catalogue


def test_four_templates_are_offered_the_demo_first():
    names = catalogue.list_templates()
    assert names[0] == "technology-services"
    assert {"public-hospital", "manufacturer", "non-profit"} <= set(names)
    assert all(catalogue.label(n) for n in names)


@pytest.mark.parametrize("name", catalogue.list_templates())
def test_each_template_passes_its_own_checks_with_no_error(fresh_db, name):
    card = scorecard.load(fresh_db, catalogue.create_from_template(fresh_db, name))
    findings = checks.run(card)
    assert not checks.has_errors(findings), [checks.describe(f) for f in findings]
    assert findings == []  # not even a warning or advice
    assert 12 <= len(card.live_objectives()) <= 16
    assert all(3 <= len(card.objectives_in(p.id)) <= 5 for p in card.perspectives)


@pytest.mark.parametrize(
    "name, top", [("technology-services", "financial"), ("manufacturer", "financial"), ("public-hospital", "customer"), ("non-profit", "customer")]
)
def test_each_template_puts_the_right_perspective_on_top(fresh_db, name, top):
    card = scorecard.load(fresh_db, catalogue.create_from_template(fresh_db, name))
    assert min(card.perspectives, key=lambda p: p.position).key == top


def test_a_template_can_start_a_named_workshop_at_phase_one(fresh_db):
    wid = catalogue.create_from_template(fresh_db, "manufacturer", organisation="Acme", unit="Pumps", phase=1)
    card = scorecard.load(fresh_db, wid)
    assert (card.workshop["organisation"], card.workshop["unit"], card.phase) == ("Acme", "Pumps", 1)
    assert len(card.objectives) == 14


def test_an_unknown_template_is_refused_with_the_names(fresh_db):
    with pytest.raises(NotFound, match="manufacturer"):
        catalogue.create_from_template(fresh_db, "bakery")


@pytest.mark.parametrize("name", catalogue.list_templates())
def test_one_or_two_measures_are_suggested_for_every_objective(fresh_db, name):
    card = scorecard.load(fresh_db, catalogue.create_from_template(fresh_db, name))
    for o in card.live_objectives():
        found = suggestions.suggest_measures(card, o.id)
        assert 1 <= len(found) <= 2, o.title
        taken = {m.name for m in card.measures_of(o.id)}
        assert not taken & {s["name"] for s in found}
        for s in found:
            assert s["kind"] in ("lead", "lag") and s["direction"] in ("higher", "lower") and s["definition"]


def test_suggestions_follow_the_words_of_the_objective(fresh_db):
    from workshop.method import objectives, workshops

    wid = workshops.create_workshop(fresh_db, "A", "B", currency="GBP")
    p = {x["key"]: x["id"] for x in workshops.perspectives(fresh_db, wid)}
    waits = objectives.add_objective(fresh_db, wid, "Reduce waiting times", p["customer"])
    skills = objectives.add_objective(fresh_db, wid, "Retain our experienced engineers", p["learning"])
    costs = objectives.add_objective(fresh_db, wid, "Lower the cost to serve", p["financial"])
    card = scorecard.load(fresh_db, wid)
    assert suggestions.suggest_measures(card, waits)[0]["name"] == "Average cycle time"
    assert suggestions.suggest_measures(card, skills)[0]["name"] == "Staff retention rate"
    cost = suggestions.suggest_measures(card, costs)[0]
    assert (cost["name"], cost["unit"], cost["direction"]) == ("Cost per unit of service", "GBP", "lower")


def test_a_suggestion_can_be_added_as_a_measure(fresh_db):
    from workshop.method import measures, objectives, workshops

    wid = workshops.create_workshop(fresh_db, "A", "B")
    p = workshops.perspectives(fresh_db, wid)
    oid = objectives.add_objective(fresh_db, wid, "Improve client satisfaction", p[1]["id"])
    first = suggestions.suggest_measures(scorecard.load(fresh_db, wid), oid)[0]
    measures.add_measure(fresh_db, oid, **first)
    assert [m["name"] for m in measures.measures(fresh_db, wid)] == [first["name"]]
    again = suggestions.suggest_measures(scorecard.load(fresh_db, wid), oid)
    assert first["name"] not in [s["name"] for s in again]
