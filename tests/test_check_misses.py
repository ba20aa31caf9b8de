"""What a practitioner would flag and the checks used to miss: a title cut off mid-phrase, an
abbreviation nothing explains, a milestone posing as a measure, a measure whose words belong to another
perspective. Each is caught in a test built for it, and acknowledged, with its reason, in another."""

from __future__ import annotations

import pytest

from workshop import checks
from workshop.core.errors import Invalid
from workshop.db import scorecard
from workshop.deliverables.report import parts
from workshop.method import acknowledgements, measures, objectives, workshops

REASON = "Agreed in the room: the wording is the board's own."


def _card(db, wid):
    return scorecard.load(db, wid)


def _finding(db, wid, check_id):
    return next((f for f in checks.run(_card(db, wid)) if f.id == check_id), None)


def _objective(db, wid, title):
    return next(o for o in _card(db, wid).objectives if o.title == title)


def _measure(db, wid, name):
    return next(m for m in _card(db, wid).measures if m.name == name)


# --- a title that stops mid-phrase -------------------------------------------------------------


def _cut_off(db, wid) -> int:
    o = _objective(db, wid, "Retain our experienced engineers")
    objectives.update_objective(db, o.id, title="Reward responsible")
    return o.id


def test_a_title_cut_off_mid_phrase_is_a_warning_that_names_where_it_stops(demo_db):
    db, wid = demo_db
    assert _finding(db, wid, "objective-cut-off") is None
    oid = _cut_off(db, wid)
    finding = _finding(db, wid, "objective-cut-off")
    assert finding.severity == "warning" and finding.concerns("objective", oid)
    assert finding.message == "1 objective whose title stops mid-phrase."
    assert [i.label for i in finding.items] == ["Reward responsible (ends “Reward responsible”)"]
    objectives.update_objective(db, oid, title="Reward responsible behaviour")
    assert _finding(db, wid, "objective-cut-off") is None


def test_a_cut_off_title_kept_on_purpose_can_be_acknowledged(demo_db):
    db, wid = demo_db
    _cut_off(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-cut-off", REASON)
    assert _finding(db, wid, "objective-cut-off") is None
    (row,) = [r for r in parts.findings(_card(db, wid)) if r["id"] == "objective-cut-off"]
    assert row["acknowledged"] == REASON


# --- an abbreviation nothing spells out ------------------------------------------------------


def _abbreviated(db, wid) -> int:
    o = _objective(db, wid, "Win more work from existing clients")
    objectives.update_objective(db, o.id, title="Win three new OEM accounts")
    return o.id


def test_an_abbreviation_nothing_spells_out_is_advice_until_a_description_does(demo_db):
    db, wid = demo_db
    oid = _abbreviated(db, wid)
    finding = _finding(db, wid, "objective-acronym")
    assert finding.severity == "advice" and [i.label for i in finding.items] == ["Win three new OEM accounts (OEM)"]
    objectives.update_objective(db, oid, description="Accounts with original equipment manufacturers (OEMs).")
    assert _finding(db, wid, "objective-acronym") is None


def test_the_organisations_own_abbreviation_needs_no_explaining(fresh_db):
    wid = workshops.create_workshop(fresh_db, "KEHPCA", "KEHPCA")
    p = {r["key"]: r["id"] for r in workshops.perspectives(fresh_db, wid)}
    objectives.add_objective(fresh_db, wid, "Diversify KEHPCA's funding", p["financial"])
    assert _finding(fresh_db, wid, "objective-acronym") is None


def test_an_abbreviation_everyone_in_the_room_knows_can_be_acknowledged(demo_db):
    db, wid = demo_db
    _abbreviated(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-acronym", "Everyone in the valve trade says OEM.")
    assert _finding(db, wid, "objective-acronym") is None
    (ack,) = checks.acknowledged(checks.review(_card(db, wid)))
    assert ack.id == "objective-acronym"


# --- a milestone posing as a measure -----------------------------------------------------------


def _milestone(db, wid) -> int:
    m = _measure(db, wid, "Engineers certified")
    measures.update_measure(db, m.id, name="Obtain the ISO 27001 certificate", unit="", baseline=None, actual=None, green=None, red=None)
    return m.id


def test_a_measure_that_reads_as_a_milestone_is_a_warning_to_move_it_to_the_initiatives(demo_db):
    db, wid = demo_db
    mid = _milestone(db, wid)
    finding = _finding(db, wid, "measure-is-milestone")
    assert finding.severity == "warning" and finding.concerns("measure", mid)
    assert "initiatives" in finding.check.fix and "milestone" in finding.message
    measures.update_measure(db, mid, name="Engineers certified to ISO 27001", unit="%", baseline=10)
    assert _finding(db, wid, "measure-is-milestone") is None


def test_a_task_with_a_unit_is_a_quantity(demo_db):
    db, wid = demo_db
    mid = _milestone(db, wid)
    measures.update_measure(db, mid, unit="sites")
    assert _finding(db, wid, "measure-is-milestone") is None


def test_a_milestone_measure_can_be_acknowledged_and_returns_when_it_changes(demo_db):
    db, wid = demo_db
    mid = _milestone(db, wid)
    acknowledgements.acknowledge(db, wid, "measure-is-milestone", "The regulator asks for the certificate as a measure.")
    assert _finding(db, wid, "measure-is-milestone") is None
    measures.update_measure(db, mid, definition="Certificate in hand.")
    assert _finding(db, wid, "measure-is-milestone").lapsed


# --- a measure whose words point to another perspective ----------------------------------------


def _staff_item_under_a_customer_objective(db, wid) -> int:
    m = _measure(db, wid, "Client satisfaction score")
    measures.update_measure(db, m.id, name="Staff who feel their development is supported", definition="From the yearly staff survey.")
    return m.id


def test_a_staff_survey_item_under_a_customer_objective_is_advice_naming_the_word(demo_db):
    db, wid = demo_db
    mid = _staff_item_under_a_customer_objective(db, wid)
    finding = _finding(db, wid, "measure-other-perspective")
    assert finding.severity == "advice" and finding.concerns("measure", mid)
    (item,) = finding.items
    assert (
        item.label
        == "Staff who feel their development is supported (Raise client satisfaction above 90%, Customer): “staff” points to Learning & growth"
    )


@pytest.mark.parametrize(
    "name, definition",
    [
        ("Clients who rate our staff as helpful", ""),  # the client is there: a customer measure
        ("Staff who feel their development is supported", "Share of client-facing staff, as clients see them."),
    ],
)
def test_a_measure_that_also_speaks_of_its_own_perspective_is_left_alone(demo_db, name, definition):
    db, wid = demo_db
    mid = _staff_item_under_a_customer_objective(db, wid)
    measures.update_measure(db, mid, name=name, definition=definition)
    assert _finding(db, wid, "measure-other-perspective") is None


def test_words_its_objective_uses_are_its_own(demo_db):
    db, wid = demo_db
    _staff_item_under_a_customer_objective(db, wid)
    o = _objective(db, wid, "Raise client satisfaction above 90%")
    objectives.update_objective(db, o.id, description="Clients judge us by the staff who serve them.")
    assert _finding(db, wid, "measure-other-perspective") is None


def test_a_measure_under_another_perspective_on_purpose_can_be_acknowledged(demo_db):
    db, wid = demo_db
    _staff_item_under_a_customer_objective(db, wid)
    acknowledgements.acknowledge(db, wid, "measure-other-perspective", "Staff development drives client satisfaction here; kept on purpose.")
    assert _finding(db, wid, "measure-other-perspective") is None


# --- errors stay errors --------------------------------------------------------------------------


@pytest.mark.parametrize("check_id", ["objective-cut-off", "objective-acronym", "measure-is-milestone", "measure-other-perspective"])
def test_each_new_finding_says_its_rule_source_and_fix_and_can_be_acknowledged(check_id):
    check = checks.get(check_id)
    assert check.severity in checks.ACKNOWLEDGEABLE
    assert check.rule and check.source and check.fix and check.title


def test_a_new_finding_that_is_not_there_cannot_be_acknowledged(demo_db):
    db, wid = demo_db
    with pytest.raises(Invalid, match="finds nothing now"):
        acknowledgements.acknowledge(db, wid, "objective-cut-off", REASON)
