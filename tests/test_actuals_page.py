"""The actuals page with AppTest: a month's measures in an editable table, saved all or nothing,
the missing comments named after saving, a locked period read only."""

import datetime as dt
import re

import helpers
import pytest

from ui import nav
from workshop.core.periods import read_period
from workshop.db import scorecard, store
from workshop.method import actuals


@pytest.fixture
def page(tmp_path, monkeypatch):
    path = tmp_path / "pages.db"
    monkeypatch.setenv("WORKSHOP_DB", str(path))
    at = helpers.demo_page(path, nav.ACTUALS)
    yield at
    at.db.close()


def shown(elements) -> str:
    """What the reader sees of markdown messages: escapes and zero-width spaces dropped."""
    return re.sub(r"\\(.)", r"\1", " ".join(e.value for e in elements)).replace("\u200b", "")


def editor(at, kind: str = "figures"):
    return next(e for e in at.dataframe if (e.key or "").startswith(f"actuals-{kind}"))


def stored(at, name: str, starts: str) -> dict:
    return (
        store.one(
            at.db, "SELECT mp.* FROM measure_period mp JOIN measure m ON m.id = mp.measure_id WHERE m.name = ? AND mp.starts = ?", [name, starts]
        )
        or {}
    )


def edit(at, changes: dict[tuple[int, str], str], kind: str = "figures") -> None:
    """Cell edits as the data editor sends them: {(row, column): value}."""
    state: dict = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    for (row, column), value in changes.items():
        state["edited_rows"].setdefault(row, {})[column] = value
    at.session_state[editor(at, kind).key] = state


def row_of(at, name: str, kind: str = "figures") -> int:
    return list(editor(at, kind).value["measure"]).index(name)


def test_the_page_opens_on_the_latest_month_with_the_measures_due_in_it(page):
    at = page
    assert at.selectbox(key="actuals-month").value == dt.date(2027, 12, 1)
    table = editor(at).value
    assert "Revenue growth, year on year" in set(table["measure"]), "a quarterly measure is due in the quarter's last month"
    assert "Operating margin" in set(table["measure"])
    margin = table[table["measure"] == "Operating margin"].iloc[0]
    assert (margin["period"], margin["actual"], margin["previous"], margin["status"]) == (
        "Dec 2027",
        "13.1",
        "Nov 2027: 13.4%",
        "watch",
    )  # 13.1 % against a plan of 15 %, watch from 14 %
    assert margin["year_to_date"].startswith("13.1% of ")
    at.selectbox(key="actuals-month").set_value(dt.date(2027, 11, 1)).run()
    assert set(editor(at).value["period"]) == {"Nov 2027"}, "only the monthly measures are due in November"


def test_a_figure_typed_in_the_table_is_saved_and_a_missing_comment_is_named(page):
    at = page
    n = row_of(at, "Share of tickets resolved automatically")
    edit(at, {(n, "actual"): "2"})
    at.button(key="actuals-save").click().run()
    assert not at.exception
    assert stored(at, "Share of tickets resolved automatically", "2027-12-01")["actual"] == 2
    assert any("Saved 1 figure." in s.value for s in at.success)
    warning = shown(at.warning)
    assert "Off target without the owner's comment" in warning and "Share of tickets resolved automatically" in warning and "Dec 2027" in warning


def test_a_bad_figure_saves_nothing_and_says_which_row_and_column(page):
    at = page
    a, b = row_of(at, "Operating margin"), row_of(at, "Average delivery time")
    edit(at, {(a, "actual"): "13.9", (b, "actual"): "about forty"})
    at.button(key="actuals-save").click().run()
    errors = shown(at.error)
    assert "Nothing was saved" in errors and "Average delivery time (Dec 2027, row" in errors and "actual: The actual must be a number" in errors
    assert stored(at, "Operating margin", "2027-12-01")["actual"] == 13.1, "the good row was not saved either"


def test_a_locked_period_is_shown_read_only_with_a_note(page):
    at = page
    actuals.lock(at.db, at.wid, read_period("Q4 2027", "quarterly"))
    at.run()
    assert not [e for e in at.dataframe if (e.key or "").startswith(("actuals-figures", "actuals-rating", "actuals-milestone"))], "nothing to edit"
    assert "Operating margin" in set(next(e for e in at.dataframe if e.key is None).value["measure"]), "shown read only"
    assert not [b for b in at.button if b.key == "actuals-save"]
    assert any("locked after its review" in i.value for i in at.info)
    at.selectbox(key="actuals-month").set_value(dt.date(2027, 6, 1)).run()
    assert editor(at) is not None, "June is open (the demo's Q3 review locked July to September)"


def test_pasted_rows_are_checked_then_saved(page):
    at = page
    at.text_area(key="actuals-paste-0").input("Engineer attrition\tQ4 2027\t12.1\t\tTwo leavers replaced\n").run()
    at.button(key="actuals-paste-save").click().run()
    assert not at.exception
    row = stored(at, "Engineer attrition", "2027-10-01")
    assert (row["actual"], row["comment"]) == (12.1, "Two leavers replaced")
    at.text_area(key="actuals-paste-1").input("Engineer attrtion\tQ4 2027\t12\n").run()
    assert "Did you mean “Engineer attrition”?" in shown(at.error)


def test_the_measure_page_shows_each_measures_latest_period_with_its_trend(page):
    at = page
    at.switch_page(nav.MEASURES.script).run()
    card_ids = {o.title: o.id for o in scorecard.load(at.db, at.wid).objectives}
    at.selectbox(key="measures-objective").select(card_ids["Achieve 99% quality on first delivery"]).run()
    words = shown(at.caption)
    assert "Latest: Dec 2027, 91.8% against a plan of 96% — off target; 92% → 91.8% ↓ worse" in words


def test_the_reporting_calendar_is_set_on_the_page_and_refuses_to_move_under_reported_quarters(page):
    at = page
    at.selectbox(key="actuals-calendar-year").set_value(4)
    at.button(key="actuals-calendar-save").click().run()
    assert "cannot move under them" in " ".join(e.value for e in at.error)
    assert store.get(at.db, "workshop", at.wid)["year_start_month"] == 1, "nothing changed"
    at.date_input(key="actuals-calendar-start").set_value(dt.date(2027, 1, 15))
    at.selectbox(key="actuals-calendar-year").set_value(1)
    at.button(key="actuals-calendar-save").click().run()
    assert not at.exception and store.get(at.db, "workshop", at.wid)["reporting_start"] == "2027-01-01"
