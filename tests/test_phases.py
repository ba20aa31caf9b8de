"""The phase gates: what the method requires before the next phase, and nothing more."""

import pytest

from workshop.core.errors import Invalid
from workshop.core.model import Phase
from workshop.db import scorecard
from workshop.method import architecture, decisions, interviews, measures, objectives, phases, plan
from workshop.method.workshops import create_workshop, perspectives, update_workshop


def todo(db, wid, phase):
    return phases.missing(scorecard.load(db, wid), phase)


def test_a_new_workshop_starts_in_phase_one_and_is_told_what_is_missing(fresh_db):
    wid = create_workshop(fresh_db, "Atlas", "Cloud")
    assert scorecard.load(fresh_db, wid).phase == Phase.ARCHITECTURE
    assert any("Describe the unit" in t for t in todo(fresh_db, wid, 1))
    with pytest.raises(Invalid, match="not finished"):
        phases.advance(fresh_db, wid)


def test_the_whole_path_through_the_five_phases(fresh_db):
    db = fresh_db
    wid = create_workshop(db, "Atlas", "Cloud")
    update_workshop(db, wid, unit_description="Runs clouds", financial_goals="Grow 25%")
    architecture.add_head_office_theme(db, wid, "Safety")
    assert phases.advance(db, wid) == Phase.INTERVIEWS

    assert any("interview" in t for t in todo(db, wid, 2))
    iv = interviews.record_interview(db, wid, "Helen")
    update_workshop(db, wid, vision="Trusted partner", core_strategy="customer intimacy")
    objectives.add_theme(db, wid, "Growth")
    ids = [objectives.add_objective(db, wid, f"Improve {p['name']}", p["id"], sources=[iv]) for p in perspectives(db, wid)]
    assert todo(db, wid, 2) == []
    assert phases.advance(db, wid) == Phase.CONSENSUS

    assert any("still in draft" in t for t in todo(db, wid, 3))
    for oid in ids:
        decisions.decide_objective(db, oid, "agreed")
    assert todo(db, wid, 3) == [
        "Draw the cause-and-effect links between the agreed objectives (the strategy map): nothing yet says how "
        "Learning & growth leads to Internal processes, Internal processes to Customer or Customer to Financial."
    ]
    for cause, effect in zip(ids[::-1], ids[::-1][1:]):
        objectives.add_link(db, cause, effect)
    assert phases.advance(db, wid) == Phase.MEASURES

    for oid in ids:
        measures.add_measure(db, oid, "Index", target=10 if oid != ids[0] else None)
    assert todo(db, wid, 4) == ["Set a target (or write TBD) for: Index"]
    measures.update_measure(db, scorecard.load(db, wid).measures_of(ids[0])[0].id, target=5)
    assert phases.advance(db, wid) == Phase.PLAN

    assert len(todo(db, wid, 5)) == 2
    plan.add_initiative(db, wid, "Academy", ids[-1:])
    plan.add_cascade_unit(db, wid, "Service Desk")
    assert todo(db, wid, 5) == []
    with pytest.raises(Invalid, match="last phase"):
        phases.advance(db, wid)


def test_a_draft_with_no_provenance_blocks_phase_two(fresh_db):
    wid = create_workshop(fresh_db, "Atlas", "Cloud")
    objectives.add_objective(fresh_db, wid, "Grow", perspectives(fresh_db, wid)[0]["id"])
    assert any("Say where each draft came from" in t for t in todo(fresh_db, wid, 2))


def test_going_back_keeps_everything_and_only_to_a_phase_reached(demo_db):
    db, wid = demo_db
    before = len(scorecard.load(db, wid).objectives)
    phases.go_back(db, wid, 2)
    card = scorecard.load(db, wid)
    assert card.phase == Phase.INTERVIEWS and len(card.objectives) == before
    with pytest.raises(Invalid):
        phases.go_back(db, wid, 4)


def test_the_demo_has_nothing_missing_in_any_phase(demo_db):
    db, wid = demo_db
    card = scorecard.load(db, wid)
    assert all(phases.missing(card, p) == [] for p in Phase)
    assert 12 <= len(card.agreed_objectives()) <= 16
    assert {card.perspective(o.perspective_id).key for o in card.agreed_objectives()} == {"financial", "customer", "internal", "learning"}


def test_a_map_of_perspective_columns_only_is_told_which_steps_no_link_takes(fresh_db):
    """A published 'map' that is only perspective columns: the gate and the check name the steps up
    the map that nothing links, and say nothing once a link takes each step."""
    from workshop import checks

    db = fresh_db
    wid = create_workshop(db, "Atlas", "Cloud", sector="public")
    ids = {p["key"]: objectives.add_objective(db, wid, f"Improve {p['name']}", p["id"], proposed_by="Ann") for p in perspectives(db, wid)}
    for oid in ids.values():
        decisions.decide_objective(db, oid, "agreed")
    (gate,) = todo(db, wid, 3)
    assert gate.endswith("how Learning & growth leads to Internal processes, Internal processes to Financial or Financial to Customer.")
    finding = next(f for f in checks.run(scorecard.load(db, wid)) if f.id == "map-no-links")
    assert "only the perspectives" in finding.message and "Internal processes to Financial" in finding.message
    objectives.add_link(db, ids["learning"], ids["customer"])  # one link skips a band: the gate is met
    assert todo(db, wid, 3) == []
