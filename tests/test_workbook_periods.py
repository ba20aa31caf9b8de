"""The workbook finance runs: every period of the horizon with its plan, the actual to type, variance,
% of plan, status and year to date as formulas, initiative budgets against spend, protection, print
setup, a summary counting the latest statuses; read back by the `actuals` round trip; recalculated by
headless LibreOffice in the slow tests."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess

import helpers
import openpyxl
import pytest
from helpers import demo_into
from openpyxl.utils import get_column_letter

from workshop.core.errors import Invalid
from workshop.db import period_reads, scorecard, store
from workshop.deliverables import record
from workshop.deliverables.workbook import amounts, budgets, periods, sheets
from workshop.method import actuals_workbook, measures

SOFFICE = shutil.which("soffice")
TODAY = dt.date(2026, 12, 8)
KEYS = actuals_workbook


def finance_demo(db) -> int:
    """The demo reporting from January 2027, with a revenue in euros (a flow, the year's amount 175m),
    a rating, a milestone, a range and a cap, one edited plan, one actual, one comment and a locked month."""
    wid = demo_into(db)
    helpers.clear_reporting(db)  # its own figures and locks, not the demo's year and its Q3 review
    db["workshop"].update(wid, {"reporting_start": "2027-01-01"})
    card = scorecard.load(db, wid)
    growth = card.agreed_objectives()[0].id
    revenue = measures.add_measure(
        db,
        growth,
        "Revenue",
        unit="EUR",
        frequency="quarterly",
        kind="lag",
        target="175000000",
        baseline=150e6,
        nature="flow",
        year_rule="sum",
        target_date="2028-12-31",
    )
    measures.add_measure(db, growth, "Credit rating", frequency="quarterly", target="AA", rating_scale="AAA > AA > A > BBB")
    measures.add_measure(db, growth, "Billing platform", frequency="quarterly", target="Go live by 2027-06-30")
    measures.add_measure(db, growth, "Uptime", unit="%", frequency="monthly", target="98–100%")
    measures.add_measure(db, growth, "Bad debt", unit="%", frequency="monthly", target="< 2.00%", baseline=3.1, target_date="2028-12-31")
    db["measure_period"].insert({"measure_id": revenue, "starts": "2027-01-01", "ends": "2027-03-31", "planned": 38.5e6})
    margin = next(m.id for m in card.measures if m.name == "Operating margin")
    db.execute("DELETE FROM measure_period WHERE measure_id = ? AND starts = '2027-01-01'", [margin])  # the demo may hold January already
    db["measure_period"].insert({"measure_id": margin, "starts": "2027-01-01", "ends": "2027-01-31", "actual": 12.4, "comment": "A slow January"})
    academy = next(i.id for i in card.initiatives if i.name == "Cloud certification academy")
    db.execute("DELETE FROM initiative_period WHERE initiative_id = ?", [academy])
    db["initiative_period"].insert({"initiative_id": academy, "starts": "2027-01-01", "ends": "2027-03-31", "spend": 41000})
    db["period_lock"].insert({"workshop_id": wid, "starts": "2028-12-01", "ends": "2028-12-31"})
    return wid


@pytest.fixture(scope="module")
def finance():
    db = store.connect(":memory:")
    wid = finance_demo(db)
    data = sheets.build_xlsx(record.read(db, wid, today=TODAY))
    yield db, wid, data, openpyxl.load_workbook(io.BytesIO(data))
    db.close()


@pytest.fixture(scope="module")
def book(finance):
    return finance[3]


def block(ws, measure: str) -> dict[str, int]:
    """A measure's lines by name: {"Plan": row, "Actual": row, ...}."""
    name, line = periods.COL["name"], periods.COL["line"]
    found = {ws.cell(row=r, column=line).value: r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=name).value == measure}
    assert found, f"{measure} is not on {ws.title}"
    return found


def column_of(ws, key: str) -> int:
    return next(c.column for c in ws[KEYS.KEY_ROW] if c.value == key)


def test_the_summary_comes_first_then_one_actuals_sheet_per_frequency_in_use(book):
    assert book.sheetnames[:4] == ["Summary", "Monthly actuals", "Quarterly actuals", "Scorecard"]
    assert "Annual actuals" not in book.sheetnames and book["Lists"].sheet_state == "hidden"


def test_every_period_of_the_horizon_is_a_column_with_a_band_per_year(book):
    monthly, quarterly = book["Monthly actuals"], book["Quarterly actuals"]
    first = periods.FIRST
    assert [monthly.cell(row=2, column=first + n).value for n in (0, 1, 11, 12, 23)] == ["Jan 2027", "Feb 2027", "Dec 2027", "Jan 2028", "Dec 2028"]
    assert monthly.max_column == first + 23 and quarterly.max_column == first + 7  # two years: 2027 and 2028
    assert [monthly.cell(row=1, column=first + n).value for n in (0, 12)] == ["2027", "2028"]
    assert monthly.cell(row=KEYS.KEY_ROW, column=first).value == "2027-01" and monthly.row_dimensions[KEYS.KEY_ROW].hidden
    assert monthly.freeze_panes == f"{get_column_letter(first)}4"


def test_a_numeric_measure_has_plan_actual_variance_share_status_year_to_date_and_comment(book):
    ws = book["Quarterly actuals"]
    assert list(block(ws, "Revenue")) == list(periods.NUMERIC_LINES)
    assert list(block(ws, "Credit rating")) == list(periods.OTHER_LINES)
    assert ws.cell(row=block(ws, "Revenue")["Actual"], column=periods.COL["key"]).value.startswith("measure ")


def test_each_period_is_judged_against_its_own_plan_never_the_years_target(finance, book):
    db, wid, _, _ = finance
    ws = book["Quarterly actuals"]
    lines = block(ws, "Revenue")
    track = next(t for t in period_reads.tracks(db, scorecard.load(db, wid), TODAY) if t.measure.name == "Revenue")
    plans = [ws.cell(row=lines["Plan"], column=periods.FIRST + n).value for n in range(8)]
    assert plans == pytest.approx([r.planned for r in track.rows])
    assert plans[0] == 38.5e6 and plans[1] == pytest.approx(162.5e6 / 4) and plans[4] == pytest.approx(175e6 / 4)
    j = get_column_letter(periods.FIRST)
    status = ws.cell(row=lines["Status"], column=periods.FIRST).value
    assert f"{j}{lines['Actual']}" in status and f"{j}{lines['Plan']}" in status and "175000000" not in status.split("*")[0]
    a, p = f"{j}{lines['Actual']}", f"{j}{lines['Plan']}"
    assert ws.cell(row=lines["% of plan"], column=periods.FIRST).value == f'=IF(AND(ISNUMBER({a}),ISNUMBER({p})),IF({p}=0,"",{a}/{p}),"")'

    # the year to date adds up the year's quarters so far: Q3 2027 from Q1 2027, Q1 2028 starts again
    l3, l5 = get_column_letter(periods.FIRST + 2), get_column_letter(periods.FIRST + 4)
    assert f"SUM({j}{lines['Actual']}:{l3}{lines['Actual']})" in ws.cell(row=lines["Year to date"], column=periods.FIRST + 2).value
    assert f"SUM({l5}{lines['Actual']}:{l5}{lines['Actual']})" in ws.cell(row=lines["Year to date"], column=periods.FIRST + 4).value


def test_stored_actuals_and_comments_are_in_the_workbook_and_a_locked_period_stays_shut(book):
    ws = book["Monthly actuals"]
    lines = block(ws, "Operating margin")
    actual = ws.cell(row=lines["Actual"], column=periods.FIRST)
    assert actual.value == pytest.approx(0.124) and actual.number_format.endswith("%")
    assert ws.cell(row=lines["Comment"], column=periods.FIRST).value == "A slow January"
    assert not actual.protection.locked
    december = ws.cell(row=lines["Actual"], column=column_of(ws, "2028-12"))
    assert december.protection.locked and december.fill.fgColor.rgb.endswith("EDEDED")  # locked by a review: shut and grey
    quarterly = book["Quarterly actuals"]
    assert quarterly.cell(row=block(quarterly, "Revenue")["Actual"], column=column_of(quarterly, "2028-10")).protection.locked


def test_formulas_are_protected_and_input_cells_open(book):
    for title in ("Monthly actuals", "Quarterly actuals", "Initiative budgets", "Summary"):
        assert book[title].protection.sheet, title
    ws = book["Quarterly actuals"]
    lines = block(ws, "Revenue")
    col = periods.FIRST + 1
    for line in ("Plan", "Actual", "Comment"):
        assert not ws.cell(row=lines[line], column=col).protection.locked, line
    for line in ("Variance", "% of plan", "Status", "Year to date", "YTD plan"):
        cell = ws.cell(row=lines[line], column=col)
        assert cell.protection.locked and str(cell.value).startswith("="), line


def test_actual_cells_take_numbers_or_a_level_from_the_list(book):
    ws = book["Quarterly actuals"]
    revenue, rating, milestone = block(ws, "Revenue")["Actual"], block(ws, "Credit rating")["Actual"], block(ws, "Billing platform")["Actual"]
    cell = get_column_letter(periods.FIRST + 2)

    def rule_of(row):
        return next(dv for dv in ws.data_validations.dataValidation if f"{cell}{row}" in dv.sqref)

    assert rule_of(revenue).type == "decimal" and rule_of(revenue).errorStyle == "stop"
    levels = rule_of(rating)
    assert levels.type == "list" and levels.formula1.startswith("Lists!$")
    lists = book["Lists"]
    column = levels.formula1.split("$")[1]
    assert [lists[f"{column}{r}"].value for r in range(2, 7)] == ["AA", "AAA", "AA", "A", "BBB"]
    assert rule_of(milestone).formula1 == "Lists!$A$3:$A$7"


def test_amounts_of_any_size_are_readable_and_fit_their_columns(book):
    ws = book["Quarterly actuals"]
    lines = block(ws, "Revenue")
    fmt = ws.cell(row=lines["Plan"], column=periods.FIRST).number_format
    assert fmt == '#,##0.0#,,"m"'
    assert amounts.shown(38.5e6, fmt) == "38.50m" and amounts.shown(175e6 * 10, fmt) == "1,750.00m"
    width = ws.column_dimensions[get_column_letter(periods.FIRST)].width
    assert width >= len(amounts.shown(-175e6 * 10, fmt))
    margin = block(ws, "Client satisfaction score")
    assert ws.cell(row=margin["Plan"], column=periods.FIRST).number_format == "0%"
    monthly = book["Monthly actuals"]
    assert monthly.cell(row=block(monthly, "Bad debt")["Plan"], column=periods.FIRST).number_format == "0.0%"


def test_number_formats_follow_the_figures_as_entered():
    assert amounts.number_format("EUR", [150e6, 175e6]) == '#,##0.0#,,"m"'
    assert amounts.number_format("EUR", [12e9]) == '#,##0.0#,,,"bn"'
    assert amounts.number_format("days", [42, 29]) == "#,##0"
    assert amounts.number_format("index", [4.24]) == "#,##0.00"
    assert amounts.number_format("%", [0.34, 2]) == "0.00%"
    assert amounts.shown(-1234567.0, "#,##0") == "-1,234,567"


def test_initiative_budgets_are_phased_per_quarter_against_spend(book, finance):
    ws = book["Initiative budgets"]
    name, line = budgets.COL["name"], budgets.COL["line"]
    rows = {
        ws.cell(row=r, column=line).value: r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=name).value == "Cloud certification academy"
    }
    assert list(rows) == list(budgets.LINES)
    quarters = [c.column for c in ws[KEYS.KEY_ROW] if isinstance(c.value, str) and c.value[:2] == "20"]
    phased = [ws.cell(row=rows["Budget"], column=c).value for c in quarters]
    assert sum(v for v in phased if v) == pytest.approx(180000)  # Jan–Dec 2027, shared evenly by month
    assert phased[:4] == pytest.approx([45000] * 4)
    assert ws.cell(row=rows["Spend"], column=quarters[0]).value == 41000
    assert not ws.cell(row=rows["Spend"], column=quarters[1]).protection.locked
    assert ws.cell(row=rows["Spend − budget"], column=quarters[0]).value.startswith("=IF(ISNUMBER(")
    assert ws.cell(row=rows["Budget"], column=budgets.COL["spent"]).value.startswith("=SUM(")
    total = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=name).value == "All initiatives")
    assert ws.cell(row=total, column=quarters[0]).value.startswith("=SUMIF(")


def test_every_sheet_prints_landscape_with_its_headers_repeated(book):
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
    monthly = book["Monthly actuals"]
    assert monthly.print_title_rows == "$1:$2" and monthly.print_title_cols.startswith("$G")
    assert [b.id for b in monthly.col_breaks.brk][:2] == [periods.FIRST + 5, periods.FIRST + 11]  # half a year a page
    assert 30 <= monthly.page_setup.scale <= 100
    scorecard_sheet = book["Scorecard"]
    assert scorecard_sheet.page_setup.fitToWidth == 1 and scorecard_sheet.sheet_properties.pageSetUpPr.fitToPage


def test_the_summary_counts_each_perspectives_measures_by_latest_status(book):
    ws = book["Summary"]
    assert [ws.cell(row=5, column=c).value for c in range(1, 7)] == ["Perspective", "Measures", "On target", "Watch", "Off target", "No data"]
    assert ws["C6"].value.startswith("=COUNTIFS('Monthly actuals'!$C:$C,$G6,'Monthly actuals'!$K:$K,\"on target\")")


def test_a_measure_named_like_a_formula_stays_text_on_the_actuals_sheets(fresh_db):
    wid = demo_into(fresh_db)
    card = scorecard.load(fresh_db, wid)
    target = next(m for m in card.measures if m.frequency == "monthly")
    hostile = '=HYPERLINK("http://evil.example","click")'
    measures.update_measure(fresh_db, target.id, name=hostile)
    ws = sheets.workbook_for(record.read(fresh_db, wid))["Monthly actuals"]
    cells = [
        ws.cell(row=r, column=periods.COL["name"]) for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=periods.COL["name"]).value == hostile
    ]
    assert len(cells) == len(periods.NUMERIC_LINES)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


# --- read back ------------------------------------------------------------------------------------


def fill(data: bytes, typed: dict[tuple[str, str, str, str], object]) -> bytes:
    """Type values into an exported workbook: {(sheet, measure, line, period key): value}."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for (title, measure, line, key), value in typed.items():
        ws = book[title]
        ws.cell(row=block(ws, measure)[line], column=column_of(ws, key), value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_filled_workbook_reads_back_by_its_keys_wherever_the_rows_went(finance):
    _, _, data, _ = finance
    filled = fill(
        data,
        {
            ("Quarterly actuals", "Revenue", "Actual", "2027-01"): 38.5e6,
            ("Quarterly actuals", "Revenue", "Comment", "2027-04"): "Two deals slipped",
            ("Quarterly actuals", "Credit rating", "Actual", "2027-01"): "AA",
            ("Monthly actuals", "Bad debt", "Actual", "2027-02"): 0.019,
            ("Monthly actuals", "Bad debt", "Plan", "2027-03"): 0.029,  # a plan typed over the phasing
            ("Monthly actuals", "Bad debt", "Actual", "2028-12"): 0.05,  # typed into a locked month, past the protection
        },
    )
    book = openpyxl.load_workbook(io.BytesIO(filled))
    book["Quarterly actuals"].insert_rows(6, 3)  # finance inserted blank rows above the revenue
    moved = io.BytesIO()
    book.save(moved)
    read = actuals_workbook.read_filled(moved.getvalue())
    got = {(r.measure, r.period): r for r in read.actuals}
    assert got["Revenue", "2027-01"].actual == 38.5e6 and got["Revenue", "2027-01"].planned is None  # the plan as exported
    assert got["Bad debt", "2027-03"].planned == pytest.approx(2.9) and got["Bad debt", "2027-03"].actual is None
    assert ("Bad debt", "2028-12") not in got  # a locked period is never read back
    assert got["Revenue", "2027-04"].comment == "Two deals slipped"
    assert got["Credit rating", "2027-01"].actual == "AA"
    assert got["Bad debt", "2027-02"].actual == pytest.approx(1.9)  # typed as 1.9 %, stored in the measure's unit
    assert got["Revenue", "2027-01"].where.startswith("sheet 'Quarterly actuals', cell L")
    assert got["Operating margin", "2027-01"].comment == "A slow January"  # exported figures read back too
    assert any(s.initiative == "Cloud certification academy" and s.spend == 41000 for s in read.spending)
    rows = actuals_workbook.read_rows(moved.getvalue())
    first = next(r for r in rows if r["measure"] == "Revenue" and r["period"] == "2027-01")
    assert first == {"where": first["where"], "measure_id": first["measure_id"], "measure": "Revenue", "period": "2027-01", "actual": 38.5e6}
    assert any(r["spend"] == 41000 for r in actuals_workbook.read_spend_rows(moved.getvalue()))


def test_a_file_that_is_not_an_exported_workbook_is_refused_in_words():
    with pytest.raises(Invalid, match="not a workbook"):
        actuals_workbook.read_filled(b"not a zip")
    empty = io.BytesIO()
    openpyxl.Workbook().save(empty)
    with pytest.raises(Invalid, match="no actuals sheet"):
        actuals_workbook.read_filled(empty.getvalue())


# --- LibreOffice ----------------------------------------------------------------------------------


def convert(data: bytes, tmp_path, to: str) -> bytes:
    """Open the workbook in LibreOffice (headless), which recalculates it, and save it as `to`."""
    source = tmp_path / "typed.xlsx"
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", to, "--outdir", str(out), str(source)],
        check=True,
        timeout=180,
        capture_output=True,
    )
    made = out / f"typed.{to.split(':')[0]}"
    return made.read_bytes() if made.exists() else b""


TYPED = {  # (sheet, measure, line, period): what finance types
    ("Quarterly actuals", "Revenue", "Actual", "2027-01"): 38.5e6,  # the plan says 38.5m: on target, not "22 % of 175m"
    ("Quarterly actuals", "Revenue", "Actual", "2027-04"): 38.5e6,  # plan 40.6m: watch
    ("Quarterly actuals", "Revenue", "Actual", "2027-07"): 30e6,  # off target
    ("Quarterly actuals", "Revenue", "Comment", "2027-07"): "Two deals slipped",
    ("Quarterly actuals", "Credit rating", "Actual", "2027-01"): "AA",
    ("Quarterly actuals", "Credit rating", "Actual", "2027-04"): "A",
    ("Quarterly actuals", "Billing platform", "Actual", "2027-01"): "on track",
    ("Quarterly actuals", "Billing platform", "Actual", "2027-04"): "at risk",
    ("Quarterly actuals", "Client satisfaction score", "Actual", "2027-01"): 0.85,
    ("Monthly actuals", "Operating margin", "Actual", "2027-02"): 0.17,
    ("Monthly actuals", "Operating margin", "Actual", "2027-03"): 0.11,
    ("Monthly actuals", "Bad debt", "Actual", "2027-02"): 0.019,
    ("Monthly actuals", "Bad debt", "Actual", "2027-03"): 0.031,
    ("Monthly actuals", "Uptime", "Actual", "2027-02"): 0.995,
    ("Monthly actuals", "Uptime", "Actual", "2027-03"): 0.975,
    ("Monthly actuals", "Average delivery time", "Actual", "2027-02"): 40,
    ("Monthly actuals", "Average delivery time", "Actual", "2027-03"): 41.5,
}


def store_read(db, rows) -> None:
    """What the actuals service does with the rows read back, written straight into the table here."""
    card = scorecard.load(db, 1)
    units = {m.id: m for m in card.measures}
    for r in rows:
        m = units[r.measure_id]
        period = next(t for t in period_reads.tracks(db, card, TODAY) if t.measure.id == m.id).row(r.period)
        if period is None or r.period in ("2028-12", "2028-10"):
            continue  # locked
        values = {"actual": r.actual} if isinstance(r.actual, float) else {"actual_text": r.actual or ""}
        db["measure_period"].upsert(
            {"measure_id": m.id, "starts": period.period.starts.isoformat(), "ends": period.period.ends.isoformat(), **values, "comment": r.comment},
            pk=("measure_id", "starts"),
        )


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_the_statuses_and_year_to_date_as_period_reads_judges_them(tmp_path):
    db = store.connect(":memory:")
    wid = finance_demo(db)
    assert wid == 1
    filled = fill(sheets.build_xlsx(record.read(db, wid, today=TODAY)), TYPED)
    done = openpyxl.load_workbook(io.BytesIO(convert(filled, tmp_path, "xlsx")), data_only=True)
    store_read(db, actuals_workbook.read_filled(filled).actuals)
    today = dt.date.today()  # the milestone's formula asks the spreadsheet's TODAY()
    tracks = {t.measure.name: t for t in period_reads.tracks(db, scorecard.load(db, wid), TODAY)}
    compared = 0
    for (title, measure, line, key), _ in TYPED.items():
        if line != "Actual":
            continue
        ws, lines = done[title], block(done[title], measure)
        col = column_of(ws, key)
        row = tracks[measure].row(key)
        status = ws.cell(row=lines["Status"], column=col).value
        assert status == row.status, (measure, key, status, row.status, today)
        if row.ytd_actual is not None:
            scale = 100 if tracks[measure].measure.unit == "%" else 1
            for line, figure in (("Year to date", row.ytd_actual), ("YTD plan", row.ytd_planned)):
                value = ws.cell(row=lines[line], column=col).value
                assert (None if value is None else value * scale) == pytest.approx(figure), (measure, key, line)
        compared += 1
    assert compared == 16
    revenue = block(done["Quarterly actuals"], "Revenue")
    q1 = column_of(done["Quarterly actuals"], "2027-01")
    assert done["Quarterly actuals"].cell(row=revenue["Status"], column=q1).value == "on target"  # 38.5m against a 175m year
    assert done["Quarterly actuals"].cell(row=revenue["% of plan"], column=q1).value == pytest.approx(1.0)
    assert done["Quarterly actuals"].cell(row=revenue["Status"], column=periods.COL["latest"]).value == "off target"
    summary = {row[0]: row[1:6] for row in done["Summary"].iter_rows(min_row=6, values_only=True) if row[0]}
    assert summary["Financial"][0] == 8 and sum(summary["All perspectives"][1:5]) == summary["All perspectives"][0]
    assert {s: sum(1 for t in tracks.values() if t.latest() and t.latest().status == s) for s in ("on target", "watch", "off target")} == dict(
        zip(("on target", "watch", "off target"), summary["All perspectives"][1:4], strict=True)
    )


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed")
def test_no_amount_shows_as_hashes_in_libreoffices_csv_or_pdf(tmp_path):
    db = store.connect(":memory:")
    wid = finance_demo(db)
    big = {key: 1.23456e11 if key[2] == "Actual" and key[1] == "Revenue" else value for key, value in TYPED.items()}
    filled = fill(sheets.build_xlsx(record.read(db, wid, today=TODAY)), big)
    pdf = convert(filled, tmp_path, "pdf")
    (tmp_path / "book.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "book.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "###" not in text and "Revenue" in text and "123,456.0m" in text
    convert(filled, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")  # every sheet, as shown
    shown = {path.stem: path.read_text() for path in (tmp_path / "out").glob("typed-*.csv")}
    assert "###" not in "".join(shown.values())
    assert "38.5m" in shown["typed-Quarterly actuals"] and "123,456.0m" in shown["typed-Quarterly actuals"]
