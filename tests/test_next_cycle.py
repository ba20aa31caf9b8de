"""The annual refresh: the next cycle starts from this one, with targets proposed from the trend and
every objective and measure carried, changed or dropped with why."""

import helpers
import pytest

from workshop.core.errors import Invalid
from workshop.db import scorecard
from workshop.starters import next_cycle


@pytest.fixture
def measured(demo_db):
    """The demo with four quarters of a rising revenue-growth measure and a falling one."""
    db, wid = demo_db
    helpers.clear_reporting(db)  # this test's own periods, not the demo's year of actuals and its review
    db["workshop"].update(wid, {"reporting_start": "2027-01-01"})
    card = scorecard.load(db, wid)
    rising, falling = card.measures[0], card.measures[2]
    for measure in (rising, falling):
        db["measure"].update(measure.id, {"frequency": "quarterly", "nature": "level"})
    for n, (starts, ends) in enumerate(
        (("2027-01-01", "2027-03-31"), ("2027-04-01", "2027-06-30"), ("2027-07-01", "2027-09-30"), ("2027-10-01", "2027-12-31"))
    ):
        db["measure_period"].insert({"measure_id": rising.id, "starts": starts, "ends": ends, "actual": 20.0 + 4 * n})
        db["measure_period"].insert({"measure_id": falling.id, "starts": starts, "ends": ends, "actual": 30.0 - n})
    return db, wid, scorecard.load(db, wid)


def test_the_next_cycle_is_a_linked_workshop_with_drafts_to_re_agree(measured):
    db, wid, card = measured
    dropped = card.agreed_objectives()[-1]
    new = next_cycle.start_next_cycle(db, wid, "FY2028", drop={dropped.id: "Achieved; no longer a priority"})
    fresh = scorecard.load(db, new)
    assert fresh.workshop["previous_cycle_id"] == wid and fresh.workshop["cycle_label"] == "FY2028"
    assert fresh.workshop["reporting_start"] == "2028-01-01" and fresh.workshop["phase"] == 3
    assert {o.status for o in fresh.objectives} == {"draft"}
    assert dropped.title not in {o.title for o in fresh.objectives}
    assert all(o.carried_from for o in fresh.objectives)
    assert not fresh.participants and not fresh.decisions and not fresh.interviews
    log = next_cycle.cycle_changes(db, new)
    assert {"kind": "objective", "subject": dropped.title, "change": "dropped", "reason": "Achieved; no longer a priority"}.items() <= next(
        c for c in log if c["subject"] == dropped.title
    ).items()


def test_a_target_is_proposed_from_the_trend_and_the_reason_says_where_it_lands(measured):
    db, wid, card = measured
    rising, falling = card.measures[0], card.measures[2]
    new = next_cycle.start_next_cycle(db, wid, "FY2028")
    fresh = {m.name: m for m in scorecard.load(db, new).measures}
    assert fresh[rising.name].baseline == 32.0 and fresh[rising.name].target == 48.0  # 32 + 4 a quarter for 4 quarters
    assert fresh[falling.name].target == falling.target  # the trend falls short: the old target stays proposed
    reasons = {c["subject"].split(" (")[0]: c["reason"] for c in next_cycle.cycle_changes(db, new) if c["kind"] == "measure"}
    assert reasons[rising.name].startswith("The trend reaches 48 % in a year, beyond the target")
    assert "short of the target" in reasons[falling.name]


def test_a_cycle_needs_a_name_and_drops_need_reasons(measured):
    db, wid, card = measured
    before = db["workshop"].count
    with pytest.raises(Invalid, match="name"):
        next_cycle.start_next_cycle(db, wid, " ")
    with pytest.raises(Invalid, match="reason"):
        next_cycle.start_next_cycle(db, wid, "FY2028", drop={card.objectives[0].id: ""})
    assert db["workshop"].count == before
