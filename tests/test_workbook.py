"""The initial scorecard workbook and its CSV: content read back with openpyxl, formulas inert."""

from __future__ import annotations

import csv
import io
import zipfile

import hostile
import pytest
from openpyxl import load_workbook

from workshop.db import scorecard, store
from workshop.deliverables import record
from workshop.deliverables.workbook import sheets
from workshop.method import measures


@pytest.fixture(scope="module")
def demo_book(demo):
    db, wid, _ = demo
    return load_workbook(io.BytesIO(sheets.build_xlsx(record.read(db, wid))))


@pytest.fixture(scope="module")
def hostile_files():
    db = store.connect(":memory:")
    wid = hostile.build(db)
    data = sheets.build_xlsx(record.read(db, wid))
    yield {"xlsx": data, "book": load_workbook(io.BytesIO(data)), "csv": sheets.build_csv(record.read(db, wid)), "card": scorecard.load(db, wid)}
    db.close()


def column(ws, header: str) -> list:
    headers = [c.value for c in ws[1]]
    index = headers.index(header)
    return [row[index].value for row in ws.iter_rows(min_row=2)]


def test_the_workbook_has_scorecard_dictionary_and_initiatives_on_their_own_sheets(demo_book):
    assert demo_book.sheetnames == [
        "Summary",
        "Monthly actuals",
        "Quarterly actuals",
        "Scorecard",
        "Measures dictionary",
        "Initiatives",
        "Split vs budget",
        "Initiative budgets",
        "About",
        "Alignment matrix",
        "Lists",  # hidden: the rating scales and milestone states the actuals sheets offer
    ]  # the demo's workshop 3 spread 100 points
    assert demo_book.active.title == "Summary"


def test_the_scorecard_sheet_holds_every_agreed_objective_and_measure_with_its_target(demo, demo_book):
    _, _, card = demo
    ws = demo_book["Scorecard"]
    objectives = set(column(ws, "Objective"))
    assert objectives == {o.title for o in card.agreed_objectives()}
    assert "Expand into cybersecurity consulting" not in objectives
    assert set(column(ws, "Perspective")) == {"Financial", "Customer", "Internal processes", "Learning & growth"}
    rows = dict(zip(column(ws, "Measure"), column(ws, "Target")))
    for m in card.measures:  # a percentage is the spreadsheet's own percent (25% is 0.25)
        assert rows[m.name] == pytest.approx(m.target / 100 if m.unit == "%" else m.target)
    assert column(ws, "Better when").count("lower") == 2


def test_the_dictionary_and_initiatives_sheets_carry_definitions_sources_owners_and_budgets(demo, demo_book):
    _, _, card = demo
    dictionary = demo_book["Measures dictionary"]
    assert "Engineer attrition, as reported from HR system." in column(dictionary, "Definition")
    assert "Monthly extract from CRM by the PMO." in column(dictionary, "How the data is obtained")
    initiatives = demo_book["Initiatives"]
    budgets = column(initiatives, "Budget")
    assert budgets[:-1] == [i.budget for i in card.initiatives]
    assert budgets[-1] == f"=SUM(G2:G{len(card.initiatives) + 1})"
    assert column(initiatives, "Initiative")[-1] == "Total"


def test_sheets_are_formatted_with_styled_frozen_headers_and_set_widths(demo_book):
    for ws in (demo_book["Scorecard"], demo_book["Measures dictionary"], demo_book["Initiatives"]):
        header = ws["A1"]
        assert header.font.bold and header.fill.fgColor.rgb.endswith("1F4E79")
        assert ws.freeze_panes in ("A2", "C2")
        assert ws.column_dimensions["B"].width >= 30


def test_thresholds_are_coloured_and_the_status_turns_green_amber_or_red(demo_book):
    ws = demo_book["Scorecard"]
    headers = [c.value for c in ws[1]]
    green = ws.cell(row=2, column=headers.index("Green from") + 1)
    red = ws.cell(row=2, column=headers.index("Red beyond") + 1)
    assert green.fill.fgColor.rgb.endswith("C6EFCE") and red.fill.fgColor.rgb.endswith("FFC7CE")
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert len(rules) == 3 and any('"amber"' in r.formula[0] for r in rules)
    status = ws.cell(row=2, column=headers.index("Status") + 1).value
    assert status.startswith("=IF(") and "O2" in status and "M2" in status


def test_user_text_that_looks_like_a_formula_stays_text_in_the_workbook(hostile_files):
    book = hostile_files["book"]
    ws = book["Scorecard"]
    measure = ws.cell(row=2, column=5)
    assert measure.value.startswith("=HYPERLINK(") and measure.data_type == "s" and measure.quotePrefix
    for header, text in (("Objective owner", "@SUM(A1:A9)"), ("Unit", "-1+1"), ("Measure owner", "-2+3"), ("Data source", "+SUM(1,2)")):
        cell = ws.cell(row=2, column=[c.value for c in ws[1]].index(header) + 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True), header
    assert book["Initiatives"]["A2"].data_type == "s"
    assert book["About"]["B4"].value.startswith("=cmd|") and book["About"]["B4"].data_type == "s"


def test_the_only_formulas_in_the_workbook_are_its_own(hostile_files):
    with zipfile.ZipFile(io.BytesIO(hostile_files["xlsx"])) as z:
        sheets = {n: z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")}
    formulas = [f for xml in sheets.values() for f in xml.split("<f>")[1:]]
    assert formulas, "the status column and the budget total are formulas"
    for f in formulas:
        body = f.split("</f>")[0]
        assert body.startswith(("IF(", "SUM(", "SUMIF(", "COUNTIFS(", "IFERROR(LOOKUP(", '"no data"')), body
        assert "HYPERLINK" not in body and "cmd" not in body


def test_text_longer_than_a_spreadsheet_cell_is_shortened_not_refused(hostile_files):
    ws = hostile_files["book"]["Measures dictionary"]
    definition = column(ws, "Definition")[0]
    assert 32_000 <= len(definition) < 32_767 and definition.endswith("[…]")


def test_the_csv_has_the_scorecard_and_formulas_there_are_inert_too(hostile_files):
    data = hostile_files["csv"]
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 4
    first = rows[0]
    assert first["Measure"].startswith("'=HYPERLINK(")
    assert first["Objective owner"] == "'@SUM(A1:A9)" and first["Measure owner"] == "'-2+3"
    assert first["Data source"] == "'+SUM(1,2)" and first["Unit"] == "'-1+1"
    assert first["Baseline"] == "-5" and first["Target"] == "10"  # numbers stay numbers
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")) or value == "-5"


def test_the_csv_of_the_demo_lists_every_measure_with_its_status_when_an_actual_is_known(demo_db):
    db, wid = demo_db
    card = scorecard.load(db, wid)
    margin = next(m for m in card.measures if m.name == "Operating margin")
    measures.update_measure(db, margin.id, actual=16)  # watch: 15 ≤ 16 < 17
    rows = list(csv.DictReader(io.StringIO(sheets.build_csv(record.read(db, wid)).decode("utf-8-sig"))))
    assert [r["Measure"] for r in rows] == [
        m.name for p in card.perspectives for o in card.agreed_objectives() if o.perspective_id == p.id for m in card.measures_of(o.id)
    ]
    row = next(r for r in rows if r["Measure"] == "Operating margin")
    assert (row["Actual"], row["Status"]) == ("16", "amber")
    book = load_workbook(io.BytesIO(sheets.build_xlsx(record.read(db, wid))))
    assert pytest.approx(0.16) in column(book["Scorecard"], "Actual")  # 16 % is a percent cell


@pytest.mark.parametrize(
    "text, inert",
    [("=1+1", True), ("+1", True), ("-1", True), ("@A1", True), ("\t=1", True), ("＝1+1", True), ("Revenue = price × volume", False), ("1-2", False)],
)
def test_only_text_a_spreadsheet_would_compute_is_quoted(text, inert):
    assert sheets.csv_cell(text) == ("'" + text if inert else text)
