"""Service tests: measures (phase 4) and the implementation plan (phase 5)."""

import pytest

from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.db import scorecard
from workshop.method import measures, objectives, plan
from workshop.method.workshops import create_workshop, perspectives


@pytest.fixture
def objective(fresh_db):
    wid = create_workshop(fresh_db, "Atlas", "Cloud")
    pid = perspectives(fresh_db, wid)[0]["id"]
    return fresh_db, wid, objectives.add_objective(fresh_db, wid, "Grow revenue", pid)


def test_a_measure_keeps_every_field_of_its_definition(objective):
    db, wid, oid = objective
    mid = measures.add_measure(
        db,
        oid,
        "Revenue growth",
        unit="%",
        kind="lag",
        frequency="quarterly",
        direction="higher",
        baseline="8",
        target="25",
        target_date="2028-12-31",
        green="20",
        red="10",
        data_source="ERP",
        data_collection="Quarterly close",
        owner="CFO",
        definition="Year on year",
    )
    m = scorecard.load(db, wid).measures_of(oid)[0]
    assert (m.id, m.baseline, m.target, m.green, m.red, m.owner) == (mid, 8.0, 25.0, 20.0, 10.0, "CFO")
    assert m.status(22) == "green"


def test_thresholds_that_contradict_the_direction_are_refused(objective):
    db, wid, oid = objective
    with pytest.raises(Invalid, match="red threshold must be at or below"):
        measures.add_measure(db, oid, "Margin", direction="higher", green=10, red=20)
    mid = measures.add_measure(db, oid, "Delivery time", direction="lower", green=30, red=40)
    with pytest.raises(Invalid, match="at or above"):
        measures.update_measure(db, mid, red=20)


def test_a_target_that_is_not_a_number_is_refused(objective):
    db, wid, oid = objective
    with pytest.raises(Invalid, match="not a target I can read"):
        measures.add_measure(db, oid, "Revenue", target="lots")


def test_two_measures_with_one_name_on_one_objective_are_refused(objective):
    db, wid, oid = objective
    measures.add_measure(db, oid, "Revenue")
    with pytest.raises(Duplicate, match="already has a measure"):
        measures.add_measure(db, oid, "revenue")


def test_a_measure_for_a_missing_objective_is_refused(objective):
    db, wid, oid = objective
    with pytest.raises(NotFound):
        measures.add_measure(db, 999, "Revenue")


def test_an_initiative_serves_objectives_and_keeps_its_budget(objective):
    db, wid, oid = objective
    iid = plan.add_initiative(
        db, wid, "Academy", [oid], owner="HR", start_date="2027-01-01", deadline="2027-06-30", budget="120,000", status="approved"
    )
    [i] = scorecard.load(db, wid).initiatives
    assert (i.id, i.objective_ids, i.budget, i.status) == (iid, (oid,), 120000.0, "approved")
    plan.update_initiative(db, iid, [], budget=90000)
    [i] = scorecard.load(db, wid).initiatives
    assert (i.objective_ids, i.budget) == ((), 90000.0)


def test_an_initiative_that_ends_before_it_starts_is_refused(objective):
    db, wid, oid = objective
    with pytest.raises(Invalid, match="before the start"):
        plan.add_initiative(db, wid, "Academy", start_date="2027-06-01", deadline="2027-01-01")
    assert db["initiative"].count == 0


def test_a_negative_budget_is_refused(objective):
    db, wid, oid = objective
    with pytest.raises(Invalid, match="below 0"):
        plan.add_initiative(db, wid, "Academy", budget=-1)


def test_an_initiative_cannot_serve_another_workshops_objective(objective):
    db, wid, oid = objective
    other = create_workshop(db, "Other", "Unit")
    with pytest.raises(Invalid, match="this workshop's objectives"):
        plan.add_initiative(db, other, "Academy", [oid])
    assert db["initiative"].count == 0


def test_the_cascade_plan_lists_lower_units_once(objective):
    db, wid, oid = objective
    plan.add_cascade_unit(db, wid, "Service Desk", owner="Lena", due="2027-03-31")
    with pytest.raises(Duplicate, match="already includes"):
        plan.add_cascade_unit(db, wid, "service desk")
    assert [c["unit"] for c in scorecard.load(db, wid).cascade] == ["Service Desk"]
