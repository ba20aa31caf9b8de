"""The initial scorecard as a workbook (openpyxl) and as CSV: what teams start reporting against.

User text is never written as a formula: every text cell is stored as a string, and text that a
spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage return) gets
Excel's quote prefix in the workbook and a leading apostrophe in the CSV. The only formulas are the
workbook's own (the status column and the budget total), built from cell references, never from text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workshop.core import figures
from workshop.core.model import Scorecard
from workshop.deliverables.record import WorkshopRecord
from workshop.deliverables.workbook import budgets, cascade, periods, priorities

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
CELL_LIMIT = 32_000  # Excel refuses cells longer than 32,767 characters
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
GREEN_FILL = PatternFill("solid", fgColor="C6EFCE")
AMBER_FILL = PatternFill("solid", fgColor="FFEB9C")
RED_FILL = PatternFill("solid", fgColor="FFC7CE")
BAND_FILL = PatternFill("solid", fgColor="EEF3F8")
THIN = Border(bottom=Side(style="thin", color="D5DDE6"))
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

# (header, width); the scorecard's columns, shared by the workbook and the CSV
SCORECARD_COLUMNS = [
    ("Perspective", 16),
    ("Objective", 34),
    ("Objective owner", 16),
    ("Theme", 18),
    ("Measure", 32),
    ("Lead/lag", 9),
    ("Frequency", 11),
    ("Unit", 9),
    ("Better when", 11),
    ("Baseline", 10),
    ("Target", 10),
    ("Target date", 12),
    ("Green from", 11),
    ("Red beyond", 11),
    ("Actual", 10),
    ("Status", 10),
    ("Measure owner", 16),
    ("Data source", 22),
]
DICTIONARY_COLUMNS = [
    ("Measure", 30),
    ("Objective", 30),
    ("Perspective", 16),
    ("Definition", 50),
    ("Unit", 9),
    ("Lead/lag", 9),
    ("Frequency", 11),
    ("Better when", 11),
    ("Data source", 22),
    ("How the data is obtained", 40),
    ("Owner", 16),
]
INITIATIVE_COLUMNS = [
    ("Initiative", 32),
    ("Description", 44),
    ("Objectives served", 40),
    ("Owner", 16),
    ("Start", 12),
    ("Deadline", 12),
    ("Budget", 13),
    ("Status", 12),
]


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _put(ws: Worksheet, row: int, column: int, value, *, wrap: bool = False):
    """Write one value; text always as a string, quote-prefixed when a spreadsheet would compute it."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text = value if len(value) <= CELL_LIMIT else value[:CELL_LIMIT] + " […]"
        cell.value = text
        cell.data_type = "s"
        if looks_like_formula(text):
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    cell.alignment = WRAP if wrap else TOP
    cell.border = THIN
    return cell


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _sheet(wb: Workbook, title: str, columns: list[tuple[str, int]], *, first: bool = False) -> Worksheet:
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    for column, (header, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=column, value=header)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"
    return ws


def scorecard_rows(card: Scorecard) -> list[dict]:
    """One row per measure of an agreed objective (an objective without a measure gets one row)."""
    rows = []
    for p in card.perspectives:
        for o in card.agreed_objectives():
            if o.perspective_id != p.id:
                continue
            base: dict[str, Any] = {
                "Perspective": p.name,
                "Objective": o.title,
                "Objective owner": o.owner,
                "Theme": "Every theme" if o.all_themes else ", ".join(t.name for t in card.themes_of(o)),
            }
            measures = card.measures_of(o.id)
            if not measures:
                rows.append({**base, "Measure": "", "_measure": None})
            for m in measures:
                rows.append(
                    {
                        **base,
                        "Measure": m.name,
                        "Lead/lag": m.kind,
                        "Frequency": m.frequency,
                        "Unit": m.unit,
                        "Better when": m.direction,
                        "Baseline": m.baseline,
                        "Target": m.target,
                        "Target date": m.target_date,
                        "Green from": m.green,
                        "Red beyond": m.red,
                        "Actual": m.actual,
                        "Status": m.status() or "",
                        "Measure owner": m.owner,
                        "Data source": m.data_source,
                        "_measure": m,
                    }
                )
    return rows


PERCENT_COLUMNS = ("Baseline", "Target", "Green from", "Red beyond", "Actual")


def _is_percent(measure) -> bool:
    return measure is not None and measure.unit.strip().lower() in ("%", "percent", "per cent", "pct")


def _status_formula(row: int) -> str:
    c = {h: get_column_letter(i) for i, (h, _) in enumerate(SCORECARD_COLUMNS, start=1)}
    a, g, r, d = (f"{c[h]}{row}" for h in ("Actual", "Green from", "Red beyond", "Better when"))
    return (
        f'=IF(OR({a}="",{g}="",{r}=""),"",IF({d}="lower",'
        f'IF({a}<={g},"green",IF({a}>{r},"red","amber")),'
        f'IF({a}>={g},"green",IF({a}<{r},"red","amber"))))'
    )


def _scorecard_sheet(wb: Workbook, card: Scorecard) -> None:
    ws = _sheet(wb, "Scorecard", SCORECARD_COLUMNS, first=True)
    headers = [h for h, _ in SCORECARD_COLUMNS]
    wrapped = {"Objective", "Measure", "Data source", "Theme"}
    for r, row in enumerate(scorecard_rows(card), start=2):
        for c, header in enumerate(headers, start=1):
            value = row.get(header)
            if header == "Target date":
                value = _date(value)
            if header == "Status":
                ws.cell(row=r, column=c, value=_status_formula(r)).border = THIN
                continue
            percent = header in PERCENT_COLUMNS and _is_percent(row["_measure"]) and value is not None
            cell = _put(ws, r, c, "" if value is None else value / 100 if percent else value, wrap=header in wrapped)
            if percent:  # 20 with the unit % is the spreadsheet's 20%, which calculates as 0.2
                cell.number_format = "0%" if float(value or 0).is_integer() else "0.0##%"
            if header == "Perspective":
                cell.fill = BAND_FILL
            elif header == "Green from" and value is not None:
                cell.fill = GREEN_FILL
            elif header == "Red beyond" and value is not None:
                cell.fill = RED_FILL
    last = ws.max_row
    if last >= 2:
        letter = {h: get_column_letter(i) for i, h in enumerate(headers, start=1)}
        span = f"{letter['Actual']}2:{letter['Status']}{last}"
        status = f"${letter['Status']}2"
        for word, fill in (("green", GREEN_FILL), ("amber", AMBER_FILL), ("red", RED_FILL)):
            ws.conditional_formatting.add(span, FormulaRule(formula=[f'{status}="{word}"'], fill=fill))
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    ws.freeze_panes = "C2"


def _dictionary_sheet(wb: Workbook, card: Scorecard) -> None:
    ws = _sheet(wb, "Measures dictionary", DICTIONARY_COLUMNS)
    agreed = {o.id: o for o in card.agreed_objectives()}
    r = 1
    for m in card.measures:
        o = agreed.get(m.objective_id)
        if not o:
            continue
        r += 1
        values = [
            m.name,
            o.title,
            card.perspective(o.perspective_id).name,
            m.definition,
            m.unit,
            m.kind,
            m.frequency,
            m.direction,
            m.data_source,
            m.data_collection,
            m.owner,
        ]
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value, wrap=c in (1, 2, 4, 9, 10))


def _initiatives_sheet(wb: Workbook, card: Scorecard) -> None:
    ws = _sheet(wb, "Initiatives", INITIATIVE_COLUMNS)
    titles = {o.id: o.title for o in card.objectives}
    currency = card.workshop["currency"]
    r = 1
    for i in card.initiatives:
        r += 1
        values = [
            i.name,
            i.description,
            "\n".join(titles[x] for x in i.objective_ids if x in titles),
            i.owner,
            _date(i.start_date),
            _date(i.deadline),
            i.budget,
            i.status,
        ]
        for c, value in enumerate(values, start=1):
            cell = _put(ws, r, c, "" if value is None else value, wrap=c in (1, 2, 3))
            if c == 7:
                cell.number_format = f'#,##0 "{currency.replace(chr(34), "")}"'
    if r > 1:
        ws.cell(row=r + 1, column=1, value="Total").font = Font(name="Calibri", bold=True)
        total = ws.cell(row=r + 1, column=7, value=f"=SUM(G2:G{r})")
        total.font = Font(name="Calibri", bold=True)
        total.number_format = f'#,##0 "{currency.replace(chr(34), "")}"'


def _about_sheet(wb: Workbook, card: Scorecard, today: dt.date, actuals_note: str) -> None:
    ws = wb.create_sheet("About")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90
    w = card.workshop
    facts = [
        ("Organisation", w["organisation"]),
        ("Unit", w["unit"]),
        ("Prepared", today),
        ("Facilitator", w["facilitator"]),
        ("Mission", w["mission"]),
        ("Vision", w["vision"]),
        ("Core strategy", w["core_strategy"]),
        ("KPI review", w["review_kpis"]),
        ("Initiative review", w["review_initiatives"]),
        ("Strategy review", w["review_strategy"]),
        ("Actuals", actuals_note),
        ("Status column", "On the Scorecard sheet, computed from the latest known Actual against the green and red thresholds."),
    ]
    for r, (label, value) in enumerate(facts, start=1):
        ws.cell(row=r, column=1, value=label).font = Font(name="Calibri", bold=True)
        _put(ws, r, 2, value, wrap=True)


def workbook_for(record: WorkshopRecord, *, today: dt.date | None = None) -> Workbook:
    card = record.card
    wb = Workbook()
    _scorecard_sheet(wb, card)
    _dictionary_sheet(wb, card)
    _initiatives_sheet(wb, card)
    budgets.add_sheet(wb, record)
    _about_sheet(wb, card, today or dt.date.today(), periods.reporting_note(record))
    periods.add_sheets(wb, record, put=_put)
    wb.properties.title = f"Initial scorecard · {card.workshop['unit']}"[:200]
    wb.properties.creator = "Scorecard Workshop"
    return wb


def build_xlsx(record: WorkshopRecord) -> bytes:
    """The initial scorecard workbook: Summary, the actuals sheets, Scorecard, Measures dictionary,
    Initiatives, About (and the cascade's sheets when the workshop has lower units; the room's
    latest split beside the budget and latest priority grid when it voted them)."""
    buffer = io.BytesIO()
    card = record.card
    book = workbook_for(record)
    cascade.add_sheets(book, card, record.matrix, sheet=_sheet, put=_put)
    priorities.add_sheets(book, record, sheet=_sheet, put=_put)
    lists = book[periods.LISTS]
    book.move_sheet(lists, offset=len(book.worksheets) - 1 - book.worksheets.index(lists))  # the hidden lists last
    for ws in book.worksheets:
        periods.print_setup(ws)
    book.save(buffer)
    return buffer.getvalue()


def csv_cell(value) -> str:
    """One CSV field: numbers plain, text with a leading apostrophe when it would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, float):
        return figures.plain(value)  # never an exponent: 175000000, 0.0000001
    text = str(value)
    return "'" + text if looks_like_formula(text) else text


def csv_for(card: Scorecard) -> str:
    headers = [h for h, _ in SCORECARD_COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in scorecard_rows(card):
        writer.writerow([csv_cell(row.get(h)) for h in headers])
    return out.getvalue()


def build_csv(record: WorkshopRecord) -> bytes:
    """The scorecard sheet as CSV, UTF-8 with a byte-order mark so Excel reads accents right."""
    return csv_for(record.card).encode("utf-8-sig")
