"""The initiatives' budgets against their spend, quarter by quarter: the budget phased per quarter
(as planned per period when someone did, else shared evenly over the months from the start to the
deadline), the spend typed by finance, the gap and the totals as formulas. Laid out by the same
contract as the actuals sheets (workshop/method/actuals_workbook.py), so `actuals` reads the spend back.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workshop.core.model import Initiative
from workshop.core.periods import Period, add_months, period_of, periods
from workshop.deliverables.record import WorkshopRecord
from workshop.deliverables.workbook import amounts, formulas
from workshop.deliverables.workbook.periods import (
    BOLD,
    CENTRE,
    GREY_FILL,
    HEADER_FILL,
    HEADER_FONT,
    INPUT_FILL,
    OPEN,
    PLAN_FILL,
    QUIET,
    YEAR_FILL,
    paginate,
    protect,
    validation,
    year_label,
)
from workshop.method import actuals_workbook as layout

TITLE = "Initiative budgets"
FREQUENCY = "quarterly"
FIXED = [
    (layout.KEY, "Key", 12),
    ("name", "Initiative", 26),
    ("owner", "Owner", 12),
    ("runs", "Runs", 16),
    ("budget", "Budget", 12),
    ("spent", "Spent", 12),
    ("left", "Left", 12),
    (layout.LINE, "Line", 16),
]
COL = {role: n for n, (role, _, _) in enumerate(FIXED, start=1)}
FIRST = len(FIXED) + 1
LINES = (layout.BUDGET, layout.SPEND, layout.SPEND_VARIANCE)


def _quarters(record: WorkshopRecord) -> list[Period]:
    """The horizon's quarters, stretched to hold every initiative's start and deadline."""
    card = record.card
    days = list(record.horizon or ())
    for i in card.initiatives:
        days += [dt.date.fromisoformat(d) for d in (i.start_date, i.deadline) if d]
    if not days:
        return []
    return periods(FREQUENCY, min(days), max(days), int(card.workshop.get("year_start_month") or 1))


def phased(initiative: Initiative, stored: list[dict], quarters: list[Period]) -> list[float | None]:
    """Each quarter's budget: the planned spend stored per period, else the budget shared evenly over
    the months from the start to the deadline."""
    by_key = {q.key: q for q in quarters}
    if any(r.get("planned_spend") is not None for r in stored):
        found: dict[str, float] = {}
        for r in stored:
            if r.get("planned_spend") is not None:
                key = period_of(dt.date.fromisoformat(r["starts"]), FREQUENCY, quarters[0].year_start_month).key
                found[key] = found.get(key, 0.0) + r["planned_spend"]
        return [found.get(q.key) for q in quarters]
    if not (initiative.budget and initiative.start_date and initiative.deadline) or not by_key:
        return [None] * len(quarters)
    start, end = dt.date.fromisoformat(initiative.start_date), dt.date.fromisoformat(initiative.deadline)
    months = max((end.year - start.year) * 12 + end.month - start.month + 1, 1)
    share = initiative.budget / months
    found = {}
    for n in range(months):
        key = period_of(add_months(dt.date(start.year, start.month, 1), n), FREQUENCY, quarters[0].year_start_month).key
        found[key] = found.get(key, 0.0) + share
    return [found.get(q.key) for q in quarters]


def spent(stored: list[dict], quarters: list[Period]) -> list[float | None]:
    found: dict[str, float] = {}
    for r in stored:
        if r.get("spend") is not None:
            key = period_of(dt.date.fromisoformat(r["starts"]), FREQUENCY, quarters[0].year_start_month).key
            found[key] = found.get(key, 0.0) + r["spend"]
    return [found.get(q.key) for q in quarters]


def _runs(i: Initiative) -> str:
    if not (i.start_date and i.deadline):
        return "dates not set"
    return f"{dt.date.fromisoformat(i.start_date):%b %Y} – {dt.date.fromisoformat(i.deadline):%b %Y}"


def _header(ws: Worksheet, quarters: list[Period], currency: str) -> None:
    for n, (role, header, width) in enumerate(FIXED, start=1):
        for row, value in ((2, header), (layout.KEY_ROW, role)):
            cell = ws.cell(row=row, column=n, value=value)
            cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(n)].width = width
    note = f"Amounts in {currency}. " if currency else ""
    ws.cell(row=1, column=2, value=note + "Type each quarter's spend in the yellow cells; the budget (blue) may be rephased.").font = QUIET
    year = None
    for n, q in enumerate(quarters):
        col = FIRST + n
        ws.cell(row=layout.KEY_ROW, column=col, value=q.key)
        label = ws.cell(row=2, column=col, value=q.label())
        label.fill, label.font, label.alignment = HEADER_FILL, HEADER_FONT, Alignment(horizontal="center", vertical="center", wrap_text=True)
        band = ws.cell(row=1, column=col)
        band.fill = YEAR_FILL
        if q.fiscal_year != year:
            year = q.fiscal_year
            band.value, band.font = year_label(q), BOLD
    ws.row_dimensions[2].height = 45 if any(len(q.label()) > 12 for q in quarters) else 30
    ws.row_dimensions[layout.KEY_ROW].hidden = True
    ws.column_dimensions["A"].hidden = True


def _block(ws: Worksheet, row: int, i: Initiative, budget: list[float | None], spend: list[float | None], fmt: str, last: int) -> None:
    first_letter, last_letter = get_column_letter(FIRST), get_column_letter(last)
    values = {layout.KEY: layout.INITIATIVE_KEY.format(i.id), "name": i.name, "owner": i.owner, "runs": _runs(i)}
    for n, line in enumerate(LINES):
        for role, value in values.items():
            cell = ws.cell(row=row + n, column=COL[role], value=value)
            cell.data_type = "s"
            cell.quotePrefix = str(value).startswith(("=", "+", "-", "@"))
            if n:
                cell.font = Font(name="Calibri", color="FFFFFF")
            elif role == "name":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=row + n, column=COL[layout.LINE], value=line).font = Font(
            name="Calibri", bold=line == layout.SPEND, italic=line == layout.SPEND_VARIANCE
        )
    totals: tuple[tuple[str, float | str | None], ...] = (
        ("budget", i.budget),
        ("spent", f"=SUM({first_letter}{row + 1}:{last_letter}{row + 1})"),
        (
            "left",
            f'=IF(ISNUMBER({get_column_letter(COL["budget"])}{row}),{get_column_letter(COL["budget"])}{row}-{get_column_letter(COL["spent"])}{row},"")',
        ),
    )
    for role, total in totals:
        ws.cell(row=row, column=COL[role], value=total).number_format = fmt
    for n, (planned, paid) in enumerate(zip(budget, spend, strict=True)):
        col = FIRST + n
        letter = get_column_letter(col)
        for offset, amount, fill in ((0, planned, PLAN_FILL), (1, paid, INPUT_FILL)):
            cell = ws.cell(row=row + offset, column=col, value=amount)
            cell.number_format, cell.fill, cell.protection = fmt, fill, OPEN
        gap = ws.cell(row=row + 2, column=col, value=formulas.spend_variance(f"{letter}{row + 1}", f"{letter}{row}"))
        gap.number_format = fmt


def _totals(ws: Worksheet, row: int, first_row: int, last: int, fmt: str) -> None:
    line = get_column_letter(COL[layout.LINE])
    ws.cell(row=row, column=COL["name"], value="All initiatives").font = BOLD
    for role in ("budget", "spent", "left"):
        letter = get_column_letter(COL[role])
        cell = ws.cell(row=row, column=COL[role], value=f"=SUM({letter}{first_row}:{letter}{row - 1})")
        cell.number_format, cell.font = fmt, BOLD
    for n, word in enumerate(LINES):
        ws.cell(row=row + n, column=COL[layout.LINE], value=word).font = BOLD
        for col in range(FIRST, last + 1):
            letter = get_column_letter(col)
            span = f"{letter}${first_row}:{letter}${row - 1}"
            cell = ws.cell(row=row + n, column=col, value=f'=SUMIF(${line}${first_row}:${line}${row - 1},"{word}",{span})')
            cell.number_format, cell.font, cell.fill = fmt, BOLD, GREY_FILL


def add_sheet(wb: Workbook, record: WorkshopRecord) -> Worksheet | None:
    """The budgets sheet, when the scorecard has initiatives."""
    card = record.card
    if not card.initiatives:
        return None
    quarters = _quarters(record)
    if not quarters:
        return None
    plans = {i.id: (phased(i, record.spending.get(i.id, []), quarters), spent(record.spending.get(i.id, []), quarters)) for i in card.initiatives}
    figures: list[float | None] = [i.budget for i in card.initiatives]
    for budget, spend in plans.values():
        figures += budget + spend
    total = sum(i.budget or 0 for i in card.initiatives)
    fmt = amounts.number_format("", [*figures, total])
    ws = wb.create_sheet(TITLE)
    _header(ws, quarters, (card.workshop.get("currency") or "").strip())
    last = FIRST + len(quarters) - 1
    numbers = validation("number")
    ws.add_data_validation(numbers)
    row = layout.FIRST_ROW
    for i in card.initiatives:
        _block(ws, row, i, *plans[i.id], fmt, last)
        numbers.add(f"{get_column_letter(FIRST)}{row}:{get_column_letter(last)}{row + 1}")
        row += len(LINES)
    _totals(ws, row, layout.FIRST_ROW, last, fmt)
    width = amounts.width(fmt, [*figures, total])
    for col in [*range(FIRST, last + 1), COL["budget"], COL["spent"], COL["left"]]:
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.cell(row=2, column=COL[layout.LINE]).alignment = CENTRE
    ws.freeze_panes = ws.cell(row=layout.FIRST_ROW, column=FIRST)
    ws.print_title_rows = "1:2"
    paginate(ws, sum(w for _, _, w in FIXED[1:]), FIRST, len(quarters), 4, width)
    ws.print_title_cols = f"B:{get_column_letter(COL[layout.LINE])}"
    protect(ws)
    return ws
