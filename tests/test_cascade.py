"""The cascade: a lower unit's scorecard started from its parent, its contributions, the alignment
checks, the file that carries the link, and rooms that stay apart."""

from __future__ import annotations

import pytest
from helpers import demo_into

from workshop import checks
from workshop.core.errors import Duplicate, Invalid, WorkshopError
from workshop.db import scorecard, store
from workshop.deliverables.exchange import export
from workshop.method import cascade, map_setup, measures, objectives, workshops
from workshop.room import access, joining, voting
from workshop.starters import demo_cascade, from_json


@pytest.fixture
def parent(fresh_db):
    """The demo without its units: a parent with 14 agreed objectives."""
    return fresh_db, demo_into(fresh_db, units=False)


def _findings(db, wid, check_id):
    return [f for f in checks.run(scorecard.load(db, wid)) if f.id == check_id]


def _perspective(db, wid, key):
    return next(p["id"] for p in workshops.perspectives(db, wid) if p["key"] == key)


def test_a_lower_unit_starts_from_its_parents_themes_perspectives_and_agreed_objectives(parent):
    db, pid = parent
    access.set_passphrase(db, pid, "correct horse battery")
    child = scorecard.load(db, cascade.start_cascade(db, pid, "Service Desk", owner="Lena Fischer"))
    top = scorecard.load(db, pid)
    assert child.has_parent and child.parent["id"] == pid and child.phase == 1
    assert child.workshop["organisation"] == "Atlas Digital" and child.workshop["unit"] == "Service Desk"
    names = [t["name"] for t in child.head_office_themes]
    assert [t.name for t in top.themes] == names[:3], "the parent's themes come first"
    assert "Information security" in names, "the corporate themes the parent honours carry on"
    assert "A strategic theme of Managed Cloud Services" in child.head_office_themes[0]["requirement"]
    assert [(p.key, p.name) for p in child.perspectives] == [(p.key, p.name) for p in top.perspectives]
    assert set(child.expected) == {o.id for o in top.agreed_objectives()}
    assert [s["name"] for s in child.sister_units] == ["Account Management"]
    assert any(c["unit"] == "Service Desk" and c["owner"] == "Lena Fischer" for c in top.cascade)
    assert [u["unit"] for u in top.units] == ["Service Desk"]
    assert access.has_passphrase(db, child.workshop["id"]), "the facilitator's passphrase carries over"
    assert child.workshop["uid"] and child.workshop["uid"] != top.workshop["uid"]


def test_the_new_unit_follows_a_parent_whose_perspectives_were_reordered_and_renamed(parent):
    db, pid = parent
    map_setup.move_perspective(db, _perspective(db, pid, "customer"), -1)
    workshops.rename_perspective(db, _perspective(db, pid, "learning"), "People & platforms")
    child = scorecard.load(db, cascade.start_cascade(db, pid, "Service Desk"))
    assert [p.name for p in child.perspectives] == ["Customer", "Financial", "Internal processes", "People & platforms"]
    assert not _findings(db, child.workshop["id"], "cascade-perspectives-differ")


@pytest.mark.parametrize(
    "unit, error, message",
    [
        ("", Invalid, "empty"),
        ("Managed Cloud Services", Invalid, "name of its own"),
        ("service desk", Duplicate, "already has its scorecard"),
    ],
)
def test_starting_a_cascade_twice_or_without_a_name_is_refused(parent, unit, error, message):
    db, pid = parent
    cascade.start_cascade(db, pid, "Service Desk")
    before = db["workshop"].count
    with pytest.raises(error, match=message):
        cascade.start_cascade(db, pid, unit)
    assert db["workshop"].count == before


def test_a_parent_without_agreed_objectives_cannot_cascade_yet(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    with pytest.raises(Invalid, match="no agreed objectives yet"):
        cascade.start_cascade(fresh_db, wid, "Desk")
    assert fresh_db["workshop"].count == 1


def test_a_contribution_names_only_agreed_objectives_of_the_parent(parent):
    db, pid = parent
    child = cascade.start_cascade(db, pid, "Service Desk")
    mine = objectives.add_objective(db, child, "Reduce the cost per ticket", _perspective(db, child, "financial"))
    dropped = store.one(db, "SELECT id FROM objective WHERE workshop_id = ? AND status = 'dropped'", [pid])["id"]
    with pytest.raises(Invalid, match="only to objectives Managed Cloud Services agreed"):
        cascade.set_contributions(db, mine, [dropped])
    with pytest.raises(Invalid, match="only to objectives"):
        cascade.set_contributions(db, mine, [mine])
    with pytest.raises(WorkshopError):  # the schema refuses it too, whatever the Python says
        db_row = [mine, mine]
        with store.write(db):
            db.execute("INSERT INTO contribution (objective_id, parent_objective_id) VALUES (?, ?)", db_row)
    assert db["contribution"].count == 0
    top = objectives.objectives(db, pid, ("agreed",))[0]["id"]
    with pytest.raises(Invalid, match="not a lower unit"):
        cascade.set_contributions(db, top, [top])


def test_an_objective_either_contributes_or_is_local_with_a_reason(parent):
    db, pid = parent
    child = cascade.start_cascade(db, pid, "Service Desk")
    mine = objectives.add_objective(db, child, "Keep the ISO 20000 certification", _perspective(db, child, "internal"))
    target = objectives.objectives(db, pid, ("agreed",))[0]["id"]
    with pytest.raises(Invalid, match="empty"):
        cascade.mark_local(db, mine, "   ")
    cascade.set_contributions(db, mine, [target])
    cascade.mark_local(db, mine, "A group certification duty.")
    o = scorecard.load(db, child).objective(mine)
    assert (o.contributes_to, o.local_reason) == ((), "A group certification duty.")
    cascade.set_alignment(db, mine, [target], "ignored when it contributes")
    o = scorecard.load(db, child).objective(mine)
    assert (o.contributes_to, o.local_reason) == ((target,), "")


def test_the_unit_is_told_which_parent_objectives_still_wait_for_a_contribution(parent):
    db, pid = parent
    child = cascade.start_cascade(db, pid, "Service Desk")
    agreed = objectives.objectives(db, pid, ("agreed",))
    [finding] = _findings(db, child, "cascade-to-serve")
    assert finding.severity == "advice" and len(finding.items) == len(agreed)
    cascade.set_expected(db, child, [agreed[0]["id"], agreed[1]["id"]])
    cascade.add_contributing_objective(db, child, "Cut the cost to serve", _perspective(db, child, "financial"), serves=[agreed[0]["id"]])
    [finding] = _findings(db, child, "cascade-to-serve")
    assert [i.label for i in finding.items] == [agreed[1]["title"]]
    db.execute("UPDATE workshop SET phase = 3 WHERE id = ?", [child])
    assert not _findings(db, child, "cascade-to-serve")
    [finding] = _findings(db, child, "cascade-uncovered")
    assert finding.severity == "warning" and [i.label for i in finding.items] == [agreed[1]["title"]]
    cascade.add_contributing_objective(db, child, "Automate the routine", _perspective(db, child, "internal"), serves=[agreed[1]["id"]])
    assert not _findings(db, child, "cascade-uncovered")


def test_an_objective_that_neither_contributes_nor_says_why_is_flagged(parent):
    db, pid = parent
    child = cascade.start_cascade(db, pid, "Service Desk")
    mine = objectives.add_objective(db, child, "Keep the ISO 20000 certification", _perspective(db, child, "internal"))
    [finding] = _findings(db, child, "cascade-objective-unaligned")
    assert [i.id for i in finding.items] == [mine]
    cascade.mark_local(db, mine, "A certification duty only the desk carries.")
    assert not _findings(db, child, "cascade-objective-unaligned")


def test_perspectives_that_differ_from_the_parents_need_a_stated_reason(parent):
    db, pid = parent
    child = cascade.start_cascade(db, pid, "Service Desk")
    map_setup.move_perspective(db, _perspective(db, child, "customer"), -1)
    [finding] = _findings(db, child, "cascade-perspectives-differ")
    assert "Financial → Customer" in finding.message
    cascade.set_perspective_reason(db, child, "The desk answers to its users first.")
    assert not _findings(db, child, "cascade-perspectives-differ")


def test_a_measure_copied_from_the_parent_must_point_the_same_way(parent):
    db, pid = parent
    child = cascade.start_cascade(db, pid, "Service Desk")
    mine = objectives.add_objective(db, child, "Raise user satisfaction", _perspective(db, child, "customer"))
    measure = measures.add_measure(db, mine, "Client satisfaction score", direction="lower")
    [finding] = _findings(db, child, "cascade-measure-direction")
    assert "lower is better here, higher in Managed Cloud Services" in finding.items[0].label
    measures.update_measure(db, measure, direction="higher")
    assert not _findings(db, child, "cascade-measure-direction")


def test_the_alignment_checks_are_silent_on_a_workshop_with_no_parent(parent):
    db, pid = parent
    found = {f.id for f in checks.run(scorecard.load(db, pid))}
    assert not {c.id for c in checks.all_checks() if c.id.startswith("cascade-")} & found


def test_the_demo_has_a_unit_through_phase_three_and_one_just_started(demo_db):
    db, wid = demo_db
    top = scorecard.load(db, wid)
    assert [(u["unit"], u["phase"]) for u in top.units] == [("Service Desk", 4), ("Cloud Operations", 1)]
    desk = scorecard.load(db, top.units[0]["id"])
    assert len(desk.agreed_objectives()) == 12 and len(desk.links) >= 10
    assert all(o.contributes_to or o.local_reason for o in desk.objectives)
    assert not [f for f in checks.run(desk) if f.id.startswith("cascade-")]
    served = top.units_serving(next(o.id for o in top.objectives if o.title == "Improve profit margin to 18%"))
    assert served == ["Service Desk"]
    assert len(top.served_by) >= 7
    cloud = scorecard.load(db, top.units[1]["id"])
    assert cloud.phase == 1 and not cloud.objectives and len(cloud.expected) == 14
    assert [f.id for f in checks.run(cloud) if f.id.startswith("cascade-")] == ["cascade-to-serve"]
    assert {s["name"] for s in desk.sister_units} >= {"Cloud Operations", "Account Management"}
    assert desk.workshop["unit"] == demo_cascade.SERVICE_DESK


def test_the_file_of_a_lower_unit_carries_its_parent_by_identifier(demo_db):
    db, wid = demo_db
    desk = scorecard.load(db, wid).units[0]["id"]
    document = export.export_workshop(db, desk)
    assert document["parent"]["uid"] == store.get(db, "workshop", wid)["uid"]
    assert "parent_id" not in document["workshop"]
    assert len(document["contribution"]) >= 12 and len(document["expected_contribution"]) == 7
    assert document["contribution"][0]["parent_objective"] == "Improve profit margin to 18%"


def test_a_unit_whose_parent_is_absent_is_refused_with_the_reason(demo_db):
    db, wid = demo_db
    desk = scorecard.load(db, wid).units[0]["id"]
    document = export.export_workshop(db, desk)
    elsewhere = store.connect(":memory:")
    with pytest.raises(Invalid, match="lower unit of Atlas Digital · Managed Cloud Services.*Import the parent"):
        from_json.import_workshop(elsewhere, document)
    assert elsewhere["workshop"].count == 0


def test_importing_the_parent_first_then_the_unit_restores_the_cascade(demo_db):
    db, wid = demo_db
    desk = scorecard.load(db, wid).units[0]["id"]
    parent_doc, desk_doc = export.export_workshop(db, wid), export.export_workshop(db, desk)
    elsewhere = store.connect(":memory:")
    new_parent = from_json.import_workshop(elsewhere, parent_doc)
    new_desk = from_json.import_workshop(elsewhere, desk_doc)
    assert export.export_workshop(elsewhere, new_desk) == desk_doc
    assert scorecard.load(elsewhere, new_parent).units[0]["id"] == new_desk
    renamed = dict(desk_doc, contribution=[{"objective_id": 1, "parent_objective": "Conquer Mars"}])
    with pytest.raises(Invalid, match="“Conquer Mars”, which the parent in this database does not have"):
        from_json.import_workshop(elsewhere, dict(renamed, workshop=dict(desk_doc["workshop"], uid=None)))


@pytest.mark.parametrize("parent_value", ["x", {"uid": ""}, {"uid": 7}])
def test_a_malformed_parent_link_is_refused(demo_db, parent_value):
    db, wid = demo_db
    document = export.export_workshop(db, scorecard.load(db, wid).units[0]["id"])
    document["parent"] = parent_value
    with pytest.raises(Invalid, match="identifier"):
        from_json.import_workshop(db, document)


def test_a_units_room_is_its_own_code_people_and_rounds(demo_db):
    db, wid = demo_db
    desk = scorecard.load(db, wid).units[0]["id"]
    parent_code, desk_code = joining.join_code(db, wid), joining.join_code(db, desk)
    assert parent_code != desk_code
    analyst = joining.join(db, desk_code, "Priya")
    executive = joining.join(db, parent_code, "Helen")
    assert [p["name"] for p in joining.participants(db, desk)] == ["Priya"]
    assert "Priya" not in [p["name"] for p in joining.participants(db, wid)]
    objective = voting.eligible_items(db, wid, 3)[0]
    parent_round = voting.open_round(db, wid, [(objective["kind"], objective["id"])], workshop_number=3, method="rating")
    assert voting.open_rounds(db, desk) == []
    with pytest.raises(WorkshopError):
        voting.rate(db, analyst["token"], parent_round, voting.round_items(db, parent_round)[0]["id"], 4)
    desk_item = voting.eligible_items(db, desk, 3)[0]
    desk_round = voting.open_round(db, desk, [(desk_item["kind"], desk_item["id"])], workshop_number=3, method="rating")
    with pytest.raises(WorkshopError):
        voting.rate(db, executive["token"], desk_round, voting.round_items(db, desk_round)[0]["id"], 4)
    assert [r["id"] for r in voting.open_rounds(db, wid)] == [parent_round]


def test_a_cascaded_scorecard_is_a_business_unit_whatever_its_recorded_scope(parent):
    db, pid = parent
    child = cascade.start_cascade(db, pid, "Service Desk")
    db.execute("UPDATE workshop SET scope = 'organisation' WHERE id = ?", [child])
    assert scorecard.load(db, child).is_business_unit


def test_a_units_participants_comment_and_propose_only_in_their_own_room(demo_db):
    from workshop.room import discussion

    db, wid = demo_db
    desk = scorecard.load(db, wid).units[0]["id"]
    analyst = joining.join(db, joining.join_code(db, desk), "Priya")
    assert joining.participant_by_token(db, analyst["token"])["workshop_id"] == desk
    parent_objective = scorecard.load(db, wid).agreed_objectives()[0].id
    with pytest.raises(WorkshopError, match="not in this workshop"):
        discussion.add_comment(db, desk, "Priya", "Mine now", objective_id=parent_objective, participant_id=analyst["id"])
    desk_objective = scorecard.load(db, desk).objectives[0].id
    discussion.add_comment(db, desk, "Priya", "Looks right", objective_id=desk_objective, participant_id=analyst["id"])
    assert len(scorecard.load(db, desk).comments) == 1 and not scorecard.load(db, wid).comments
    with pytest.raises(WorkshopError):
        discussion.propose_objective(db, analyst, "Reduce repeat calls", _perspective(db, wid, "internal"))
    proposal = discussion.propose_objective(db, analyst, "Reduce repeat calls", _perspective(db, desk, "internal"))
    assert proposal in {o.id for o in scorecard.load(db, desk).objectives}
    assert proposal not in {o.id for o in scorecard.load(db, wid).objectives}
