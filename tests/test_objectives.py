"""Service tests: themes, draft objectives with provenance, decisions and causal links."""

import pytest

from workshop.core.errors import Duplicate, Invalid
from workshop.db import scorecard
from workshop.method import decisions, interviews, objectives
from workshop.method.workshops import create_workshop, perspectives


@pytest.fixture
def unit(fresh_db):
    wid = create_workshop(fresh_db, "Atlas", "Cloud")
    by_key = {p["key"]: p["id"] for p in perspectives(fresh_db, wid)}
    return fresh_db, wid, by_key


def test_a_draft_objective_keeps_the_interviews_it_came_from(unit):
    db, wid, p = unit
    iv = interviews.record_interview(db, wid, "Helen Park", role="MD", strategy="Grow managed services")
    oid = objectives.add_objective(db, wid, "Grow recurring revenue", p["financial"], sources=[iv])
    card = scorecard.load(db, wid)
    assert card.objective(oid).sources == (iv,)
    assert card.objective(oid).status == "draft"
    assert objectives.objectives(db, wid)[0]["sources"] == "Helen Park"


def test_an_empty_objective_title_gets_a_clear_message(unit):
    db, wid, p = unit
    with pytest.raises(Invalid, match="title is empty"):
        objectives.add_objective(db, wid, "  ", p["customer"])
    assert db["objective"].count == 0


def test_the_same_title_twice_is_refused_whatever_its_case(unit):
    db, wid, p = unit
    objectives.add_objective(db, wid, "Grow revenue", p["financial"])
    with pytest.raises(Duplicate, match="already exists"):
        objectives.add_objective(db, wid, "grow REVENUE", p["customer"])


def test_script_and_a_huge_description_are_stored_exactly(unit):
    db, wid, p = unit
    oid = objectives.add_objective(db, wid, "<script>alert(1)</script>", p["customer"], description="d" * 50_000)
    row = objectives.get_objective(db, oid)
    assert row["title"] == "<script>alert(1)</script>" and len(row["description"]) == 50_000


def test_an_objective_cannot_use_another_workshops_perspective(unit):
    db, wid, p = unit
    other = create_workshop(db, "Other", "Unit")
    foreign = perspectives(db, other)[0]["id"]
    with pytest.raises(Invalid, match="perspectives"):
        objectives.add_objective(db, wid, "Grow", foreign)


def test_agreeing_changing_and_dropping_are_logged_with_their_rationale(unit):
    db, wid, p = unit
    a = objectives.add_objective(db, wid, "Grow revenue", p["financial"])
    b = objectives.add_objective(db, wid, "Please clients", p["customer"])
    c = objectives.add_objective(db, wid, "Buy a jet", p["internal"])
    decisions.decide_objective(db, a, "agreed")
    decisions.decide_objective(db, b, "changed", "Make it measurable", title="Raise client satisfaction to 90%")
    decisions.decide_objective(db, c, "dropped", "Not strategic")
    card = scorecard.load(db, wid)
    assert [o.status for o in card.objectives] == ["agreed", "agreed", "dropped"]
    assert card.objective(b).title == "Raise client satisfaction to 90%"
    log = decisions.decisions(db, wid)
    assert [d["outcome"] for d in log] == ["agreed", "changed", "dropped"]
    assert "was: “Please clients”" in log[1]["rationale"]


def test_dropping_without_a_reason_is_refused_and_nothing_changes(unit):
    db, wid, p = unit
    oid = objectives.add_objective(db, wid, "Buy a jet", p["internal"])
    with pytest.raises(Invalid, match="Say why"):
        decisions.decide_objective(db, oid, "dropped", "")
    assert objectives.get_objective(db, oid)["status"] == "draft"
    assert decisions.decisions(db, wid) == []


def test_a_change_that_changes_nothing_is_refused(unit):
    db, wid, p = unit
    oid = objectives.add_objective(db, wid, "Grow revenue", p["financial"])
    with pytest.raises(Invalid, match="Nothing was changed"):
        decisions.decide_objective(db, oid, "changed", "tweak", title="Grow revenue")


def test_a_link_that_closes_a_loop_is_refused_naming_the_loop(unit):
    db, wid, p = unit
    a = objectives.add_objective(db, wid, "Train engineers", p["learning"])
    b = objectives.add_objective(db, wid, "Deliver faster", p["internal"])
    c = objectives.add_objective(db, wid, "Please clients", p["customer"])
    objectives.add_link(db, a, b, "Trained people are faster")
    objectives.add_link(db, b, c)
    with pytest.raises(Invalid, match="Deliver faster → Please clients → Deliver faster"):
        objectives.add_link(db, c, b)
    with pytest.raises(Invalid, match="Train engineers → Deliver faster → Please clients → Train engineers"):
        objectives.add_link(db, c, a)
    with pytest.raises(Duplicate, match="already drives"):
        objectives.add_link(db, a, b)
    with pytest.raises(Invalid, match="cannot cause itself"):
        objectives.add_link(db, a, a)
    assert len(objectives.links(db, wid)) == 2


def test_reopening_puts_an_objective_back_to_draft_and_logs_it(unit):
    db, wid, p = unit
    oid = objectives.add_objective(db, wid, "Grow revenue", p["financial"])
    decisions.decide_objective(db, oid, "agreed")
    decisions.reopen_objective(db, oid, "New data from finance")
    assert objectives.get_objective(db, oid)["status"] == "draft"
    assert decisions.decisions(db, wid)[-1]["outcome"] == "noted"


def test_an_edit_recorded_as_agreed_is_refused_rather_than_silently_dropped(unit):
    db, wid, p = unit
    oid = objectives.add_objective(db, wid, "Please clients", p["customer"])
    with pytest.raises(Invalid, match="choose Changed"):
        decisions.decide_objective(db, oid, "agreed", title="Raise client satisfaction")
    assert objectives.get_objective(db, oid)["status"] == "draft"
    decisions.decide_objective(db, oid, "agreed", title="Please clients", owner="")  # unchanged fields are fine


def test_consensus_decisions_are_logged_in_the_consensus_phase_whatever_the_current_phase(unit):
    db, wid, p = unit
    oid = objectives.add_objective(db, wid, "Grow revenue", p["financial"])
    decisions.decide_objective(db, oid, "agreed")
    assert decisions.decisions(db, wid)[0]["phase"] == 3


def test_reopening_an_objective_takes_a_later_workshop_back_to_the_consensus_phase(demo_db):
    db, wid = demo_db
    oid = scorecard.load(db, wid).agreed_objectives()[0].id
    decisions.reopen_objective(db, oid, "New data")
    assert scorecard.load(db, wid).phase == 3


def test_an_interview_that_is_an_objectives_only_source_cannot_be_deleted(unit):
    db, wid, p = unit
    a = interviews.record_interview(db, wid, "Helen")
    b = interviews.record_interview(db, wid, "Omar")
    objectives.add_objective(db, wid, "Grow revenue", p["financial"], sources=[a])
    objectives.add_objective(db, wid, "Cut costs", p["financial"], sources=[a, b])
    with pytest.raises(Invalid, match="only source of: Grow revenue"):
        interviews.delete_interview(db, a)
    interviews.delete_interview(db, b)
    assert [i["executive"] for i in interviews.interviews(db, wid)] == ["Helen"]
