"""Consequences before a decision: what dropping or changing an objective would do, before it is
recorded (nothing is stored by the preview)."""

from __future__ import annotations

from workshop.db import scorecard
from workshop.method import consequences, decisions, measures, objectives, workshops


def _scorecard(db):
    """A small map: two process objectives drive the margin; only automation drives delivery speed."""
    wid = workshops.create_workshop(db, "Atlas", "Cloud", sector="for-profit")
    p = {x["key"]: x["id"] for x in workshops.perspectives(db, wid)}
    ids = {
        title: objectives.add_objective(db, wid, title, p[key])
        for title, key in [
            ("Improve profit margin", "financial"),
            ("Raise client satisfaction", "customer"),
            ("Automate routine operations", "internal"),
            ("Reduce delivery time", "internal"),
            ("Standardise service catalogue", "internal"),
            ("Build automation skills", "learning"),
        ]
    }
    for title in ids:
        decisions.decide_objective(db, ids[title], "agreed", "Agreed.")
    for cause, effect in [
        ("Automate routine operations", "Improve profit margin"),
        ("Reduce delivery time", "Raise client satisfaction"),
        ("Raise client satisfaction", "Improve profit margin"),
        ("Standardise service catalogue", "Reduce delivery time"),
        ("Build automation skills", "Automate routine operations"),
    ]:
        objectives.add_link(db, ids[cause], ids[effect], "")
    measures.add_measure(db, ids["Automate routine operations"], "Tickets resolved automatically")
    return wid, ids


def test_dropping_names_the_objective_left_without_a_driver_and_the_thinner_perspective(fresh_db):
    wid, ids = _scorecard(fresh_db)
    card = scorecard.load(fresh_db, wid)
    said = consequences.preview(card, ids["Reduce delivery time"], "dropped")
    assert said[0] == ("Dropping “Reduce delivery time” leaves “Raise client satisfaction” with no driver.")
    assert "Internal processes falls to 2 objectives (3 to 5 are advised)." in said


def test_dropping_an_objective_with_a_measure_says_what_the_measure_is_left_with(fresh_db):
    wid, ids = _scorecard(fresh_db)
    card = scorecard.load(fresh_db, wid)
    said = consequences.preview(card, ids["Automate routine operations"], "dropped")
    assert any("“Tickets resolved automatically” would be left measuring" in s for s in said)
    assert any("Build automation skills" in s for s in said), "the learning objective now drives nothing"


def test_moving_an_objective_to_another_perspective_shows_both_counts(fresh_db):
    wid, ids = _scorecard(fresh_db)
    card = scorecard.load(fresh_db, wid)
    learning = next(p.id for p in card.perspectives if p.key == "learning")
    said = consequences.preview(card, ids["Standardise service catalogue"], "changed", perspective_id=learning)
    assert "Internal processes falls to 2 objectives (3 to 5 are advised)." in said
    assert "Learning & growth grows to 2 objectives." in said or any("grows to 2" in s for s in said)


def test_agreeing_has_no_consequence_and_the_preview_stores_nothing(fresh_db):
    wid, ids = _scorecard(fresh_db)
    card = scorecard.load(fresh_db, wid)
    assert consequences.preview(card, ids["Reduce delivery time"], "agreed") == []
    consequences.preview(card, ids["Reduce delivery time"], "dropped")
    assert scorecard.load(fresh_db, wid).objective(ids["Reduce delivery time"]).status == "agreed"
