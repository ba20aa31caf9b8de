"""Actuals in: each measure's figures per period, saved all or nothing, every problem by row and
column, locked periods refused in words, off-target figures without a comment named after saving."""

import datetime as dt
import threading

import pytest
from helpers import actuals_scorecard as build

from workshop.core.errors import Invalid, NotFound
from workshop.core.periods import read_period
from workshop.db import period_reads, store
from workshop.db import scorecard as scorecard_reads
from workshop.method import actuals, measures, objectives, plan, workshops

TODAY = dt.date(2027, 12, 15)


@pytest.fixture
def book(fresh_db):
    wid, ids = build(fresh_db)
    return fresh_db, wid, ids


def stored(db) -> list[dict]:
    return store.rows(db, "SELECT measure_id, starts, ends, planned, actual, actual_text, comment FROM measure_period ORDER BY measure_id, starts")


def test_a_batch_of_figures_is_saved_with_each_measure_in_its_own_period(book):
    db, wid, ids = book
    saved = actuals.save_rows(
        db,
        wid,
        [
            {"measure": "Revenue", "period": "Q1 2027", "actual": "43.1", "comment": "Two renewals early."},
            {"measure": "operating  margin", "period": "Mar 2027", "actual": "14.2%", "planned": "13"},
            {"measure": "Credit rating", "period": "2027-Q1", "actual": "aa"},
            {"measure": "Portal launch", "period": "Q1 2027", "actual": "on track"},
            {"measure": "Delight clients / Satisfaction", "period": "Q1 2027", "actual": "91"},
        ],
        today=TODAY,
    )
    assert saved.count == 5
    rows = {r["measure_id"]: r for r in stored(db)}
    revenue = rows[ids["revenue"]]
    assert (revenue["starts"], revenue["ends"], revenue["actual"], revenue["comment"]) == ("2027-01-01", "2027-03-31", 43.1, "Two renewals early.")
    assert (rows[ids["margin"]]["starts"], rows[ids["margin"]]["actual"], rows[ids["margin"]]["planned"]) == ("2027-03-01", 14.2, 13.0)
    assert (rows[ids["rating"]]["actual"], rows[ids["rating"]]["actual_text"]) == (None, "AA")
    assert rows[ids["launch"]]["actual_text"] == "on track"
    assert rows[ids["sat_clients"]]["actual"] == 91
    assert ids["sat_staff"] not in rows


def test_a_second_save_changes_only_the_columns_it_gives(book):
    db, wid, ids = book
    actuals.save_rows(db, wid, [{"measure": "Revenue", "period": "Q1 2027", "actual": "40", "planned": "42", "comment": "Slow start."}], today=TODAY)
    actuals.save_rows(db, wid, [{"measure": "Revenue", "period": "Q1 2027", "actual": "41"}], today=TODAY)
    (row,) = stored(db)
    assert (row["actual"], row["planned"], row["comment"]) == (41, 42, "Slow start.")
    actuals.save_rows(db, wid, [{"measure": "Revenue", "period": "Q1 2027", "planned": ""}], today=TODAY)
    (row,) = stored(db)
    assert row["planned"] is None, "a cleared plan goes back to the phasing"


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_saved(book):
    db, wid, ids = book
    rows = [
        {"where": "Row 2", "measure": "Revenue", "period": "Q1 2027", "actual": "43"},  # fine, but not saved
        {"where": "Row 3", "measure": "Revenu", "period": "Q1 2027", "actual": "1"},
        {"where": "Row 4", "measure": "Revenue", "period": "Q1 2031", "actual": "1"},
        {"where": "Row 5", "measure": "Operating margin", "period": "Q1 2027", "actual": "14"},
        {"where": "Row 6", "measure": "Operating margin", "period": "Feb 2027", "actual": "about 14"},
        {"where": "Row 7", "measure": "Credit rating", "period": "Q2 2027", "actual": "AAAA"},
        {"where": "Row 8", "measure": "Revenue", "period": "Q1 2027", "actual": "44"},
        {"where": "Row 9", "measure": "Satisfaction", "period": "Q1 2027", "actual": "80"},
        {"where": "Row 10", "measure": "Engineers certified", "period": "Q1 2027", "actual": "50"},
        {"where": "Row 11", "measure": "Revenue", "period": "Q4 2026", "actual": "40"},
        {"where": "Row 12", "measure": "Portal launch", "period": "Q2 2027", "actual": "finished-ish"},
        {"where": "Row 13", "measure": "Revenue", "period": "Q2 2027", "actual": "20%"},
    ]
    with pytest.raises(actuals.Refused) as refused:
        actuals.save_rows(db, wid, rows, today=TODAY)
    found = {(p.where, p.column): p.message for p in refused.value.problems}
    assert set(found) == {
        ("Row 3", "measure"),
        ("Row 4", "period"),
        ("Row 5", "period"),
        ("Row 6", "actual"),
        ("Row 7", "actual"),
        ("Row 8", "period"),
        ("Row 9", "measure"),
        ("Row 10", "period"),
        ("Row 11", "period"),
        ("Row 12", "actual"),
        ("Row 13", "actual"),
    }
    assert "Did you mean “Revenue”?" in found["Row 3", "measure"]
    assert "after the scorecard's horizon" in found["Row 4", "period"]
    assert "is a quarter" in found["Row 5", "period"] and "reported monthly" in found["Row 5", "period"]
    assert "must be a number" in found["Row 6", "actual"]
    assert "not a level of AAA > AA > A > BBB" in found["Row 7", "actual"]
    assert "given twice (first in Row 2)" in found["Row 8", "period"]
    assert "Delight clients / Satisfaction" in found["Row 9", "measure"] and "Keep our engineers / Satisfaction" in found["Row 9", "measure"]
    assert "no stated frequency" in found["Row 10", "period"]
    assert "before the first reporting month (Jan 2027)" in found["Row 11", "period"]
    assert "EUR m" in found["Row 13", "actual"]
    assert "Row 13, actual:" in str(refused.value)
    assert stored(db) == []


def test_a_month_names_a_quarter_only_when_it_opens_or_closes_it(book):
    db, wid, ids = book
    clean, problems = actuals.check_rows(
        db,
        wid,
        [
            {"measure": "Revenue", "period": "Mar 2027", "actual": "40"},
            {"measure": "Revenue", "period": "2027-04", "actual": "40"},
            {"measure": "Revenue", "period": "Aug 2027", "actual": "40"},
            {"measure": "Revenue", "period": "2027-12-31", "actual": "40"},
        ],
        today=TODAY,
    )
    assert [e.period.label() for e in clean] == ["Q1 2027", "Q2 2027", "Q4 2027"]
    assert [(p.where, p.column) for p in problems] == [("Row 3", "period")]


def test_a_locked_period_is_refused_in_words_naming_the_period(book):
    db, wid, ids = book
    actuals.save_rows(db, wid, [{"measure": "Revenue", "period": "Q1 2027", "actual": "40"}], today=TODAY)
    actuals.lock(db, wid, read_period("Q1 2027", "quarterly"))
    with pytest.raises(actuals.Refused) as refused:
        actuals.save_rows(
            db,
            wid,
            [{"measure": "Revenue", "period": "Q1 2027", "actual": "99"}, {"measure": "Operating margin", "period": "Feb 2027", "actual": "14"}],
            today=TODAY,
        )
    messages = [str(p) for p in refused.value.problems]
    assert messages[0].startswith("Row 1, period: Q1 2027 is locked")
    assert messages[1].startswith("Row 2, period: Feb 2027 is locked")
    assert "period locked" not in str(refused.value)
    assert stored(db)[0]["actual"] == 40
    actuals.unlock(db, wid, read_period("Feb 2027", "monthly"), "The auditor corrected February.")
    actuals.save_rows(db, wid, [{"measure": "Revenue", "period": "Q1 2027", "actual": "41"}], today=TODAY)
    assert stored(db)[0]["actual"] == 41
    with pytest.raises(NotFound):
        actuals.unlock(db, wid, read_period("Q1 2027", "quarterly"), "again")


def test_a_period_locked_between_the_check_and_the_save_is_refused_in_words(book):
    db, wid, ids = book
    book_ = actuals.Book(db, wid, TODAY)
    clean, problems = actuals.check_rows(db, wid, [{"measure": "Revenue", "period": "Q2 2027", "actual": "40"}], book=book_)
    assert not problems
    actuals.lock(db, wid, read_period("Q2 2027", "quarterly"))
    with pytest.raises(actuals.Refused) as refused:
        actuals.save_entries(db, book_, clean, today=TODAY)
    assert str(refused.value.problems[0]).startswith("Row 1, period: Q2 2027 was locked")
    assert stored(db) == []


def test_saving_says_which_measures_went_off_target_without_a_comment_and_keeps_every_figure(book):
    db, wid, ids = book
    saved = actuals.save_rows(
        db,
        wid,
        [
            {"measure": "Revenue", "period": "Q1 2027", "actual": "20"},  # far below the quarter's plan
            {"measure": "Operating margin", "period": "Jan 2027", "actual": "5", "comment": "A one-off write-down."},
            {"measure": "Credit rating", "period": "Q1 2027", "actual": "BBB"},
            {"measure": "Portal launch", "period": "Q1 2027", "actual": "on track"},
        ],
        today=TODAY,
    )
    assert saved.count == 4
    assert [(m.name, p.label()) for m, p in saved.needs_comment] == [("Revenue", "Q1 2027"), ("Credit rating", "Q1 2027")]
    assert "Off target without the owner's comment: Revenue (Q1 2027), Credit rating (Q1 2027)" in saved.message()
    assert len(stored(db)) == 4


def test_a_flow_on_its_quarterly_plan_reads_on_target(book):
    db, wid, ids = book
    actuals.save_rows(db, wid, [{"measure": "Revenue", "period": "Q1 2027", "actual": "43.75"}], today=TODAY)
    card = scorecard_reads.load(db, wid)
    track = next(t for t in period_reads.tracks(db, card, TODAY) if t.measure.id == ids["revenue"])
    row = track.row("2027-01")
    assert row is not None and row.planned == pytest.approx(43.75) and row.status == "on target"


def test_the_calendar_sets_the_first_month_and_the_financial_year(book):
    db, wid, ids = book
    actuals.set_calendar(db, wid, reporting_start="2027-04-17", year_start_month="April")
    workshop = store.get(db, "workshop", wid)
    assert (workshop["reporting_start"], workshop["year_start_month"]) == ("2027-04-01", 4)
    with pytest.raises(Invalid, match="not a month"):
        actuals.set_calendar(db, wid, year_start_month="Smarch")
    actuals.save_rows(db, wid, [{"measure": "Revenue", "period": "Q1 FY2028", "actual": "40"}], today=TODAY)
    assert stored(db)[0]["starts"] == "2027-04-01"
    with pytest.raises(Invalid, match="cannot move"):
        actuals.set_calendar(db, wid, year_start_month=1)


def test_an_initiative_records_its_budget_and_spend_per_period(fresh_db):
    db = fresh_db
    wid, ids = build(db)
    oid = objectives.objectives(db, wid)[0]["id"]
    iid = plan.add_initiative(db, wid, "Pricing review", [oid], budget=100000)
    assert (
        actuals.save_spend(
            db,
            wid,
            [
                {"initiative": "Pricing review", "period": "Q1 2027", "planned_spend": "25k", "spend": "20k"},
                {"initiative": "pricing review", "period": "Q2 2027", "planned_spend": "25k", "spend": "31,000", "comment": "Consultants."},
            ],
        )
        == 2
    )
    assert store.get(db, "initiative", iid)["spend_to_date"] == 51000
    with pytest.raises(actuals.Refused) as refused:
        actuals.save_spend(
            db, wid, [{"initiative": "Pricing reviw", "period": "Q3 2027"}, {"initiative": "Pricing review", "period": "Feb 2027", "spend": "-4"}]
        )
    assert [(p.where, p.column) for p in refused.value.problems] == [("Row 1", "initiative"), ("Row 2", "period"), ("Row 2", "spend")]
    assert "Did you mean “Pricing review”?" in refused.value.problems[0].message
    assert [r["spend"] for r in actuals.initiative_periods(db, wid)] == [20000, 31000]


def test_threads_saving_different_measures_at_once_all_store(db_path):
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    actuals.set_calendar(db, wid, reporting_start="Jan 2027")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow", persp)
    names = [f"Measure {n}" for n in range(12)]
    for name in names:
        measures.add_measure(db, oid, name, frequency="monthly", target="≥ 10", target_date="2027-12-31")
    db.close()
    start = threading.Barrier(len(names))
    crashes: list[BaseException] = []

    def owner(name: str) -> None:
        own = store.connect(db_path)  # a connection per thread, as a Streamlit session has
        start.wait()
        try:
            for month in range(1, 13):
                actuals.save_rows(own, wid, [{"measure": name, "period": f"2027-{month:02d}", "actual": str(month), "comment": "ok"}], today=TODAY)
        except BaseException as error:
            crashes.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=owner, args=(name,)) for name in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not crashes, crashes[:3]
    db = store.connect(db_path)
    assert store.count(db, "SELECT count(*) FROM measure_period") == 12 * 12
    assert store.count(db, "SELECT count(DISTINCT measure_id) FROM measure_period") == 12
