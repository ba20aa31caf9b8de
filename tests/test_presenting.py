"""The room's screen: what it shows when, the countdown's words, ranked points, and user text that
stays text in the bars drawn for the projector."""

import datetime as dt
import re
from dataclasses import asdict
from pathlib import Path

import pytest
from helpers import demo_into
from streamlit.testing.v1 import AppTest

from ui import bars, nav, presenter
from workshop.core.consensus import dots_result, gradient_result
from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.report import parts
from workshop.method import objectives, workshops
from workshop.room import joining, presenting, voting

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("seconds,text", [(None, ""), (0, "Time is up"), (5, "0:05 left"), (134, "2:14 left"), (3725, "1:02:05 left")])
def test_the_countdown_says_how_long_is_left_never_a_clock_time(seconds, text):
    assert presenting.countdown_text(seconds) == text


def test_seconds_left_counts_up_to_the_close_and_stops_at_zero():
    now = dt.datetime(2026, 11, 30, 17, 0, 0, tzinfo=dt.UTC)
    timed = {"closes_at": "2026-11-30T17:02:14.000Z", "status": "open"}
    assert presenting.seconds_left(timed, now) == 134
    assert presenting.seconds_left(timed, now + dt.timedelta(minutes=5)) == 0
    assert presenting.seconds_left({"closes_at": None, "status": "open"}, now) is None
    assert presenting.seconds_left({**timed, "status": "closed"}, now) is None


def _row(label, result, **extra):
    return {"label": label, "grouping": extra.pop("grouping", "Customer"), "item_id": label, **asdict(result), **extra}


def test_dots_are_ranked_by_points_and_ranking_within_each_perspective():
    rows = [_row("A", dots_result([1]), standing=3), _row("B", dots_result([2, 2]), standing=1), _row("C", dots_result([1, 1]), standing=2)]
    assert [r["label"] for r in presenting.ranked(rows, "dots")] == ["B", "C", "A"]
    ranking = [
        {"label": "x", "grouping": "Financial", "points": 1},
        {"label": "y", "grouping": "Customer", "points": 9},
        {"label": "z", "grouping": "Financial", "points": 5},
    ]
    assert [r["label"] for r in presenting.ranked(ranking, "ranking")] == ["z", "x", "y"]


def test_a_diverging_bar_puts_concern_left_of_zero_and_neutral_across_it():
    row = _row("Grow", gradient_result(["block", "serious_disagreement", "more_discussion", "abstain", "endorse", "endorse"]))
    segments = presenting.diverging_segments([row], "gradients")
    by_answer = {s["answer"]: s for s in segments}
    assert by_answer["Block"]["start"] == -3 and by_answer["Serious disagreement"]["end"] == -1
    assert (by_answer["More discussion"]["start"], by_answer["Abstain"]["end"]) == (-1, 1)
    assert (by_answer["Endorse"]["start"], by_answer["Endorse"]["end"]) == (1, 3)


def test_user_text_in_the_bars_and_the_screen_stays_text():
    evil = '<img src=x onerror="alert(1)"> & **bold**'
    row = _row(evil, gradient_result(["endorse"]), verdict="consensus")
    drawn = bars.diverging([row], "gradients") + bars.ranked([_row(evil, dots_result([2]), standing=1)], "dots")
    assert "<img" not in drawn and "&lt;img src=x" in drawn
    screen = presenter.items_html([{"label": evil, "grouping": evil}], grouped=True) + presenter.heading_html(evil, evil)
    assert "<img" not in screen and "&lt;img src=x" in screen


def test_the_screen_follows_the_room_join_then_the_open_round_then_its_results(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    assert presenting.stage(db, wid)["view"] == presenting.JOIN
    oid = objectives.add_objective(db, wid, "Grow", workshops.perspectives(db, wid)[0]["id"])
    first = voting.open_round(db, wid, [("objective", oid)], method="gradients")
    assert (presenting.stage(db, wid)["view"], presenting.stage(db, wid)["round"]["id"]) == (presenting.OPEN, first)
    voting.close_round(db, first)
    assert presenting.stage(db, wid)["view"] == presenting.RESULTS
    second = voting.open_round(db, wid, [("objective", oid)], method="rating")
    assert presenting.stage(db, wid, showing=first)["view"] == presenting.RESULTS  # picked by the presenter
    assert presenting.neighbours(presenting.stage(db, wid)["rounds"], first) == (None, second)
    before = presenting.fingerprint(db, wid)
    voting.close_round(db, second)
    assert presenting.fingerprint(db, wid) != before


def test_results_stay_off_the_screen_while_a_round_hides_them(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    oid = objectives.add_objective(db, wid, "Grow", workshops.perspectives(db, wid)[0]["id"])
    rid = voting.open_round(db, wid, [("objective", oid)], method="gradients", timer_seconds=120)
    ann = joining.join(db, joining.join_code(db, wid), "Ann")
    voting.submit(db, ann["token"], rid, {voting.round_items(db, rid)[0]["id"]: "endorse"})
    view = presenting.round_view(db, rid)
    assert "results" not in view and view["turnout"]["voters"] == 1
    assert re.fullmatch(r"[12]:\d\d left", view["countdown"])
    voting.close_round(db, rid)
    assert presenting.round_view(db, rid)["results"][0]["verdict"] == "consensus"


def test_the_presenter_page_runs_for_the_demo_without_error(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = demo_into(db)
    db.close()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.PRESENT.script).run()
    assert not at.exception
    shown = " ".join(str(h.proto) for h in at.get("html"))
    assert "Where should next year" in shown  # the demo's last round: the split beside the budget
    assert "present-chart" in shown
    at.button(key="present-join").click().run()
    assert "present-code" in " ".join(str(h.proto) for h in at.get("html"))


def test_the_report_lists_a_dot_rounds_items_by_points(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    perspective = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, title, perspective) for title in ("Few", "Most", "Some")]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots")
    items = [i["id"] for i in voting.round_items(db, rid)]
    code = joining.join_code(db, wid)
    for name in ("Ann", "Bob"):
        voting.submit(db, joining.join(db, code, name)["token"], rid, {items[0]: 1, items[1]: 2, items[2]: 2})
    voting.submit(db, joining.join(db, code, "Cem")["token"], rid, {items[1]: 1})
    voting.close_round(db, rid)
    listed = parts.consensus_rounds(record.read(db, wid))[0]["items"]
    assert [i["subject"] for i in listed] == ["Most", "Some", "Few"]
