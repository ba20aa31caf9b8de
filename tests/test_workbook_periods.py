"""The workbook finance runs: actuals per period, status per period, validation, number formats,
print setup and a summary that moves as actuals are typed (recalculated by LibreOffice, headless)."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess

import openpyxl
import pytest
from helpers import demo_into

from workshop.db import scorecard, store
from workshop.deliverables import record
from workshop.deliverables.workbook import periods, sheets
from workshop.method import measures

SOFFICE = shutil.which("soffice")
FIRST = 10  # column J: the first period


@pytest.fixture(scope="module")
def book_bytes(demo):
    db, wid, _ = demo
    return sheets.build_xlsx(record.read(db, wid))


@pytest.fixture(scope="module")
def book(book_bytes):
    return openpyxl.load_workbook(io.BytesIO(book_bytes))


def block_of(ws, measure: str) -> int:
    """The row of a measure's Actual line."""
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=3).value == measure and ws.cell(row=r, column=9).value == "Actual")


def test_the_summary_comes_first_then_one_actuals_sheet_per_frequency_in_use(book):
    assert book.sheetnames[:4] == ["Summary", "Monthly actuals", "Quarterly actuals", "Scorecard"]
    assert "Annual actuals" not in book.sheetnames  # the demo has no annual measure


def test_actuals_follow_each_measures_frequency_from_the_scorecards_start(demo, book):
    _, _, card = demo
    monthly, quarterly = book["Monthly actuals"], book["Quarterly actuals"]
    assert [monthly.cell(row=1, column=FIRST + n).value for n in (0, 1, 11)] == ["Jan 2027", "Feb 2027", "Dec 2027"]
    assert monthly.max_column == FIRST + 11
    assert quarterly.cell(row=1, column=FIRST).value == "Q1 (Jan–Mar 2027)"
    assert quarterly.max_column == FIRST + 3
    agreed = {o.id for o in card.agreed_objectives()}
    for m in card.measures:
        if m.objective_id not in agreed:
            continue
        sheet = monthly if m.frequency in ("monthly", "weekly") else quarterly
        row = block_of(sheet, m.name)
        assert [sheet.cell(row=row + n, column=9).value for n in range(4)] == list(periods.LINES)


def test_every_period_has_a_status_variance_and_share_of_target_formula(book):
    ws = book["Monthly actuals"]
    row = block_of(ws, "Operating margin")
    for col in range(FIRST, FIRST + 12):
        letter = openpyxl.utils.get_column_letter(col)
        assert ws.cell(row=row, column=col).value is None  # to be typed
        assert f"{letter}${row}" in ws.cell(row=row + 1, column=col).value
        assert ws.cell(row=row + 2, column=col).value.startswith("=IF(AND(ISNUMBER(")
        assert ws.cell(row=row + 3, column=col).number_format == "0%"


def test_actual_cells_accept_numbers_only_with_a_message(book):
    ws = book["Monthly actuals"]
    row = block_of(ws, "Operating margin")
    rules = [dv for dv in ws.data_validations.dataValidation if f"J{row}" in str(dv.sqref)]
    assert len(rules) == 1
    rule = rules[0]
    assert rule.type == "decimal" and rule.errorStyle == "stop" and rule.showErrorMessage
    assert "number" in rule.error and rule.prompt


def test_numbers_are_formatted_for_finance(book):
    ws = book["Monthly actuals"]
    margin = block_of(ws, "Operating margin")  # a percentage
    assert ws.cell(row=margin, column=6).value == pytest.approx(0.18)
    assert ws.cell(row=margin, column=6).number_format == "0%"
    assert ws.cell(row=margin, column=FIRST).number_format == "0%"
    delivery = block_of(ws, "Average delivery time")  # days
    assert ws.cell(row=delivery, column=6).number_format == "#,##0"
    initiatives = book["Initiatives"]
    assert initiatives["G2"].number_format == '#,##0 "EUR"'


def test_initiatives_carry_their_descriptions(book):
    ws = book["Initiatives"]
    descriptions = [ws.cell(row=r, column=2).value for r in range(2, ws.max_row) if ws.cell(row=r, column=1).value]
    assert descriptions and all(d and len(d) > 20 for d in descriptions if d != "Total")


def test_every_sheet_prints_landscape_fitted_to_width_with_its_header_repeated(book):
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        if ws.title != "Summary":
            assert ws.print_title_rows == "$1:$1", ws.title


def test_periods_are_labelled_by_frequency():
    start = dt.date(2027, 11, 1)
    assert periods.periods("monthly", start)[:3] == ["Nov 2027", "Dec 2027", "Jan 2028"]
    assert periods.periods("quarterly", start)[1] == "Q2 (Feb–Apr 2028)"
    assert periods.periods("annually", start) == ["Year to Oct 2028"]


def recalculate(data: bytes, tmp_path) -> openpyxl.Workbook:
    """Open the workbook in LibreOffice (headless), let it recalculate, read the values back."""
    (tmp_path / "typed.xlsx").write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(tmp_path / "typed.xlsx"),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    return openpyxl.load_workbook(out / "typed.xlsx", data_only=True)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed")
def test_typing_actuals_turns_each_period_green_amber_or_red_and_the_summary_counts_them(tmp_path):
    db = store.connect(":memory:")
    wid = demo_into(db)
    book = openpyxl.load_workbook(io.BytesIO(sheets.build_xlsx(record.read(db, wid))))
    ws = book["Monthly actuals"]
    margin = block_of(ws, "Operating margin")  # higher is better: green from 16%, red below 13%
    delivery = block_of(ws, "Average delivery time")  # lower is better: green to 32 days, red above 38
    for col, value in ((FIRST, 0.17), (FIRST + 1, 0.14), (FIRST + 2, 0.10)):
        ws.cell(row=margin, column=col, value=value)
    ws.cell(row=delivery, column=FIRST, value=30)
    ws.cell(row=delivery, column=FIRST + 1, value=40)
    ws.cell(row=delivery, column=FIRST + 2, value="about 35")  # text pasted past the validation
    buffer = io.BytesIO()
    book.save(buffer)
    done = recalculate(buffer.getvalue(), tmp_path)
    sheet = done["Monthly actuals"]
    status = [sheet.cell(row=margin + 1, column=FIRST + n).value for n in range(4)]
    assert status == ["green", "amber", "red", None]
    assert [sheet.cell(row=delivery + 1, column=FIRST + n).value for n in range(3)] == ["green", "red", "not a number"]
    assert sheet.cell(row=margin + 2, column=FIRST).value == pytest.approx(-0.01)
    assert sheet.cell(row=delivery + 3, column=FIRST).value == pytest.approx(30 / 29)
    summary = {row[0]: row[1:] for row in done["Summary"].iter_rows(min_row=6, values_only=True) if row[0]}
    assert summary["Financial"][1:5] == (1, 1, 1, 3)
    assert summary["Internal processes"][1:5] == (1, 0, 1, 2)
    assert summary["All perspectives"][1:5] == (2, 1, 2, 5)


def test_a_measure_named_like_a_formula_stays_text_on_the_actuals_sheets(fresh_db):
    wid = demo_into(fresh_db)
    card = scorecard.load(fresh_db, wid)
    target = next(m for m in card.measures if m.frequency == "monthly")
    hostile = '=HYPERLINK("http://evil.example","click")'
    measures.update_measure(fresh_db, target.id, name=hostile)
    ws = sheets.workbook_for(scorecard.load(fresh_db, wid))["Monthly actuals"]
    cells = [ws.cell(row=r, column=3) for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=3).value == hostile]
    assert len(cells) == 4
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
