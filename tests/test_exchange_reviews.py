"""The workshop file carries what came after the workshop: periods and their figures, locks, reviews
with their actions and verdicts, a measure's history and incentive schemes; a locked period stays locked."""

import helpers
import pytest

from workshop.core.errors import Invalid
from workshop.core.evidence import Evidence, LagResult
from workshop.db import scorecard, store
from workshop.deliverables.exchange import export
from workshop.method import reviews
from workshop.starters import from_json


@pytest.fixture
def reviewed(demo_db):
    db, wid = demo_db
    helpers.clear_reporting(db)  # this test's own periods, not the demo's year of actuals and its review
    card = scorecard.load(db, wid)
    measure, initiative = card.measures[0], card.initiatives[0]
    db["workshop"].update(wid, {"reporting_start": "2027-01-01"})
    db["measure_period"].insert(
        {"measure_id": measure.id, "starts": "2027-01-01", "ends": "2027-03-31", "actual": 4.24, "comment": "<b>late</b> data"}
    )
    db["initiative_period"].insert(
        {"initiative_id": initiative.id, "starts": "2027-01-01", "ends": "2027-03-31", "planned_spend": 1e6, "spend": 1.2e6}
    )
    review = reviews.open_review(db, wid, "2027-01-01", "2027-03-31")
    reviews.add_action(db, review, "Chase the churn data", owner="CFO", due="2027-05-31", subject=("measure", measure.id))
    evidence = Evidence((LagResult(0, 0.81, 7), LagResult(1, 0.2, 6), LagResult(2, None, 5)), "quarterly")
    reviews.record_verdict(db, review, card.links[0].id, "holds", evidence)
    reviews.change_measure(db, measure.id, "Restated by finance", owner="Head of Finance")
    reviews.save_scheme(db, wid, "Leadership bonus", {("measure", measure.id): 100})
    reviews.close_review(db, review, next_review="2027-07-15")
    return db, wid


def test_export_import_export_keeps_everything_after_the_workshop(reviewed):
    db, wid = reviewed
    first = export.export_workshop(db, wid)
    assert [len(first[t]) for t in ("measure_period", "initiative_period", "period_lock", "review", "review_action", "link_verdict")] == [1] * 6
    assert first["measure_period"][0]["actual"] == 4.24 and first["measure_change"][0]["reason"] == "Restated by finance"
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(first)))
    second = export.export_workshop(db, copy)
    second["workshop"].pop("uid"), first["workshop"].pop("uid")
    assert second == first


def test_the_copy_keeps_its_reviewed_period_locked(reviewed):
    db, wid = reviewed
    copy = from_json.import_workshop(db, export.export_workshop(db, wid))
    [period] = store.rows(
        db,
        "SELECT mp.id FROM measure_period mp JOIN measure m ON m.id = mp.measure_id "
        "JOIN objective o ON o.id = m.objective_id WHERE o.workshop_id = ?",
        [copy],
    )
    with pytest.raises(Invalid, match="reviewed period keeps its figures"), store.write(db):
        db["measure_period"].update(period["id"], {"actual": 9.0})
