"""The review meeting's records: locks that hold until opened with a reason, actions carried over,
verdicts kept with their evidence, a measure's history never overwritten, schemes that add up."""

import datetime as dt
import sqlite3
import threading

import helpers
import pytest

from workshop.core.errors import Invalid
from workshop.core.evidence import weigh_link
from workshop.core.periods import periods
from workshop.db import scorecard, store
from workshop.method import reviews


@pytest.fixture
def card(demo_db):
    db, wid = demo_db
    helpers.clear_reporting(db)  # these tests write their own periods, not the demo's year of actuals and its review
    return db, wid, scorecard.load(db, wid)


def _q1(db, wid):
    return reviews.open_review(db, wid, "2027-01-01", "2027-03-31")


def test_a_closed_review_locks_its_period_against_every_write(card):
    db, wid, sc = card
    measure = sc.measures[0]
    db["measure_period"].insert({"measure_id": measure.id, "starts": "2027-01-01", "ends": "2027-03-31", "actual": 5.0})
    review = _q1(db, wid)
    reviews.close_review(db, review, next_review="2027-07-15")
    with pytest.raises(Invalid, match="Period locked: a reviewed period keeps its figures"), store.write(db):
        db["measure_period"].update(1, {"actual": 7.0})
    with pytest.raises(Invalid, match="Period locked: a reviewed period keeps its figures"), store.write(db):
        db["measure_period"].insert({"measure_id": measure.id, "starts": "2027-02-01", "ends": "2027-02-28", "actual": 1.0})
    assert db["measure_period"].get(1)["actual"] == 5.0


def test_a_locked_period_opens_only_with_a_reason_and_the_opening_is_logged(card):
    db, wid, _ = card
    reviews.close_review(db, _q1(db, wid))
    with pytest.raises(Invalid, match="reason"):
        reviews.unlock_period(db, wid, "2027-01-01", "2027-03-31", "  ")
    with pytest.raises(Invalid, match="only with a reason"), store.write(db):
        db["period_lock"].delete_where("workshop_id = ?", [wid])  # straight at the table: refused
    reviews.unlock_period(db, wid, "2027-01-01", "2027-03-31", "Finance restated March revenue")
    [logged] = reviews.unlock_log(db, wid)
    assert logged["reason"] == "Finance restated March revenue"
    assert not db["period_lock"].count


def test_open_actions_are_carried_to_the_next_review_until_settled(card):
    db, wid, sc = card
    first = _q1(db, wid)
    kept = reviews.add_action(db, first, "Fix the churn report", owner="CFO", due="2027-05-31", subject=("measure", sc.measures[0].id))
    done = reviews.add_action(db, first, "Brief the board")
    reviews.close_review(db, first)
    with pytest.raises(Invalid, match="closed"):
        reviews.add_action(db, first, "Too late")
    second = reviews.open_review(db, wid, "2027-04-01", "2027-06-30")
    reviews.settle_action(db, done, second, "done", "Briefed on 12 April")
    assert [a["id"] for a in reviews.carried_over(db, second)] == [kept]
    log = reviews.action_log(db, wid)
    assert [a["status"] for a in log] == ["open", "done"]


def test_a_verdict_is_kept_with_the_evidence_the_room_saw(card):
    db, wid, sc = card
    link = sc.links[0]
    spans = periods("quarterly", dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    cause = [(p, float(i % 4 + i)) for i, p in enumerate(spans)]
    effect = [(p, 2.0 * v + 1) for p, v in cause]
    evidence = weigh_link(cause, effect)
    review = _q1(db, wid)
    reviews.record_verdict(db, review, link.id, "holds", evidence)
    reviews.record_verdict(db, review, link.id, "too early to tell", evidence)  # the room changed its mind: replaced
    [kept] = reviews.verdicts(db, wid)
    assert (kept["verdict"], kept["lag"], kept["periods"]) == ("too early to tell", 0, 12)
    assert kept["evidence"].startswith("The effect follows the cause in the same period (r = 1.00 over 12")
    with pytest.raises(Invalid, match="verdict is one of"):
        reviews.record_verdict(db, review, link.id, "maybe")


def test_a_changed_target_keeps_its_history_with_the_reason(card):
    db, wid, sc = card
    measure = sc.measures[0]
    with pytest.raises(Invalid, match="reason"):
        reviews.change_measure(db, measure.id, "", target="30")
    changed = reviews.change_measure(db, measure.id, "The market grew faster than planned", target="≥ 30")
    assert "target" in changed
    [entry] = [h for h in reviews.history(db, measure.id) if h["field"] == "target"]
    assert (entry["old_value"], entry["new_value"]) == (str(measure.target), "30.0")
    with pytest.raises(Invalid, match="kept as it was written"), store.write(db):
        db["measure_change"].update(entry["id"], {"new_value": "40"})


def test_a_scheme_that_does_not_add_up_is_refused_whole(card):
    db, wid, sc = card
    first, second = sc.measures[0].id, sc.measures[1].id
    with pytest.raises(Invalid, match="add up to 90 %"):
        reviews.save_scheme(db, wid, "Executive bonus", {("measure", first): 60, ("measure", second): 30})
    assert not db["incentive_scheme"].count
    reviews.save_scheme(db, wid, "Executive bonus", {("measure", first): 60, ("objective", sc.objectives[0].id): 40})
    [scheme] = reviews.schemes(db, wid)
    assert sorted(w["weight"] for w in scheme["weights"]) == [40, 60]


def test_many_people_adding_actions_at_once_all_land(tmp_path):
    path = tmp_path / "race.db"
    db = store.connect(path)
    from workshop.starters.demo import create_demo

    wid = create_demo(db)
    review = reviews.open_review(db, wid, "2027-01-01", "2027-03-31")
    before = db["review_action"].count
    errors: list[Exception] = []

    def write(n: int) -> None:
        own = store.connect(path)
        try:
            for k in range(10):
                reviews.add_action(own, review, f"Action {n}-{k}")
        except (Invalid, sqlite3.Error) as error:
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and db["review_action"].count == before + 80


def test_a_links_evidence_comes_from_the_measures_at_its_two_ends(card):
    from workshop.db import period_reads, review_reads

    db, wid, sc = card
    db["workshop"].update(wid, {"reporting_start": "2025-01-01"})
    sc = scorecard.load(db, wid)
    link = next(k for k in sc.links if sc.measures_of(k.cause_id) and sc.measures_of(k.effect_id))
    cause, effect = sc.measures_of(link.cause_id)[0], sc.measures_of(link.effect_id)[0]
    for measure in (cause, effect):
        db["measure"].update(measure.id, {"frequency": "quarterly"})
    spans = periods("quarterly", dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    for i, p in enumerate(spans):
        db["measure_period"].insert(
            {"measure_id": cause.id, "starts": p.starts.isoformat(), "ends": p.ends.isoformat(), "actual": 10.0 + i * (i % 3)}
        )
        db["measure_period"].insert({"measure_id": effect.id, "starts": p.starts.isoformat(), "ends": p.ends.isoformat(), "actual": 50.0 + i})
    sc = scorecard.load(db, wid)
    found = review_reads.link_evidence(sc, period_reads.tracks(db, sc))
    headline = found[link.id].headline
    assert headline is not None and (headline[0].id, headline[1].id) == (cause.id, effect.id)
    assert max(r.n for r in headline[2].results) == 8
    assert review_reads.objective_status(period_reads.tracks(db, sc), link.cause_id) in ("on target", "watch", "off target")
