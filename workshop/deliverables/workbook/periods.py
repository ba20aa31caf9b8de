"""The workbook finance runs through the first year: actuals per period, following each measure's
frequency, with the status of every period, the variance and the share of the target; and a
summary sheet that counts green, amber and red per perspective as actuals are typed.

Monthly and weekly measures get 12 monthly columns, quarterly ones 4 quarterly columns, annual
ones a single column, all counted from the scorecard's start (story.scorecard_start). Every
measure is a block of four rows: Actual (the only cells to type in, numbers only), Status,
Variance and % of target (formulas). The formulas are the workbook's own, built from cell
references, never from user text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workshop.core.model import Measure, Scorecard
from workshop.deliverables.report.story import scorecard_start

GREEN_FILL = PatternFill("solid", fgColor="C6EFCE")
AMBER_FILL = PatternFill("solid", fgColor="FFEB9C")
RED_FILL = PatternFill("solid", fgColor="FFC7CE")
INPUT_FILL = PatternFill("solid", fgColor="FFFDF2")
LINES = ("Actual", "Status", "Variance", "% of target")
FIXED = [
    ("Perspective", 16),
    ("Objective", 24),
    ("Measure", 24),
    ("Unit", 6),
    ("Better when", 8),
    ("Target", 9),
    ("Green from", 9),
    ("Red beyond", 9),
    ("Figure", 10),
]
PERIOD_W = 9
FONT = "Calibri"  # the workbook's default; a Font without a name falls back to a serif in LibreOffice
SHEETS = {"monthly": "Monthly actuals", "quarterly": "Quarterly actuals", "annually": "Annual actuals"}
FREQUENCY_SHEET = {"weekly": "monthly", "monthly": "monthly", "quarterly": "quarterly", "annually": "annually"}
MAX_NUMBER = 1e15


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def periods(kind: str, start: dt.date) -> list[str]:
    """Column labels of the first year: 'Jan 2027' … ; 'Q1 (Jan–Mar 2027)' … ; 'Year to Dec 2027'."""
    if kind == "monthly":
        return [f"{_add_months(start, n):%b %Y}" for n in range(12)]
    if kind == "quarterly":
        return [f"Q{n + 1} ({_add_months(start, 3 * n):%b}–{_add_months(start, 3 * n + 2):%b %Y})" for n in range(4)]
    return [f"Year to {_add_months(start, 11):%b %Y}"]


def _is_percent(m: Measure) -> bool:
    return m.unit.strip().lower() in ("%", "percent", "per cent", "pct")


def number_format(m: Measure) -> str:
    """Thousands separators; a percentage as a percentage; decimals only when the measure has them."""
    values = [v for v in (m.baseline, m.target, m.green, m.red) if v is not None]
    fractional = any(float(v) != int(v) for v in values)
    if _is_percent(m):
        return "0.0%" if fractional else "0%"
    return "#,##0.0#" if fractional else "#,##0"


def _value(m: Measure, value: float | None):
    if value is None:
        return None
    return value / 100 if _is_percent(m) else value


def status_formula(actual: str, green: str, red: str, direction: str) -> str:
    """green / amber / red for one period's actual; empty until an actual is typed, "not a number"
    for text that got past the validation (a paste does)."""
    if direction == "lower":
        test = f'IF({actual}<={green},"green",IF({actual}>{red},"red","amber"))'
    else:
        test = f'IF({actual}>={green},"green",IF({actual}<{red},"red","amber"))'
    return f'=IF(OR({actual}="",{green}="",{red}=""),"",IF(ISNUMBER({actual}),{test},"not a number"))'


def _validation() -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="between",
        formula1=str(-MAX_NUMBER),
        formula2=str(MAX_NUMBER),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle="A number, please",
        error="Type the period's actual as a number (for a percentage, 42% or 0.42). Text, dates and formulas that give text are refused.",
        promptTitle="Actual for this period",
        prompt="Type a number; leave it empty until known.",
    )


def _measures_by_sheet(card: Scorecard) -> dict[str, list[tuple]]:
    grouped: dict[str, list[tuple]] = {kind: [] for kind in SHEETS}
    perspectives = sorted(card.perspectives, key=lambda p: p.position)
    for p in perspectives:
        for o in card.objectives_in(p.id, statuses=("agreed",)):
            for m in card.measures_of(o.id):
                grouped[FREQUENCY_SHEET.get(m.frequency, "monthly")].append((p, o, m))
    return grouped


def period_sheet(wb: Workbook, kind: str, rows: list[tuple], start: dt.date, *, sheet: Callable, put: Callable) -> Worksheet:
    labels = periods(kind, start)
    ws = sheet(wb, SHEETS[kind], FIXED + [(label, PERIOD_W) for label in labels])
    first_col = len(FIXED) + 1
    last_col = first_col + len(labels) - 1
    validation = _validation()
    ws.add_data_validation(validation)
    r = 2
    for p, o, m in rows:
        fmt = number_format(m)
        target, green, red = (f"${get_column_letter(c)}${r}" for c in (6, 7, 8))
        longest = max(len(o.title), len(m.name))
        if longest > 26:  # the names wrap within the Actual line, which grows to hold them
            ws.row_dimensions[r].height = 15 * min(4, -(-longest // 26))
        for line_no, line in enumerate(LINES):
            row = r + line_no
            for c, value in enumerate([p.name, o.title, m.name, m.unit, m.direction], start=1):
                cell = put(ws, row, c, value, wrap=c in (2, 3))
                if line_no:
                    cell.font = Font(name=FONT, color="FFFFFF")  # repeated for sorting and filtering, shown once
            for c, value in ((6, _value(m, m.target)), (7, _value(m, m.green)), (8, _value(m, m.red))):
                cell = put(ws, row, c, "" if value is None or line_no else value)
                cell.number_format = fmt
            put(ws, row, len(FIXED), line).font = Font(name=FONT, bold=line_no == 0, italic=line_no > 0)
            for col in range(first_col, last_col + 1):
                letter = get_column_letter(col)
                actual = f"{letter}${r}"
                cell = ws.cell(row=row, column=col)
                cell.alignment = Alignment(horizontal="right")
                if line_no == 0:
                    cell.fill = INPUT_FILL
                    cell.number_format = fmt
                    cell.protection = Protection(locked=False)
                elif line_no == 1:
                    cell.value = status_formula(actual, green, red, m.direction)
                    cell.alignment = Alignment(horizontal="center")
                elif line_no == 2:
                    cell.value = f'=IF(AND(ISNUMBER({actual}),ISNUMBER({target})),{actual}-{target},"")'
                    cell.number_format = fmt
                else:
                    cell.value = f'=IF(AND(ISNUMBER({actual}),ISNUMBER({target})),IF({target}=0,"",{actual}/{target}),"")'
                    cell.number_format = "0%"
        span = f"{get_column_letter(first_col)}{r}:{get_column_letter(last_col)}{r}"
        validation.add(span)
        status_row = f"{get_column_letter(first_col)}{r + 1}:{get_column_letter(last_col)}{r + 1}"
        for word, fill in (("green", GREEN_FILL), ("amber", AMBER_FILL), ("red", RED_FILL)):
            rule = FormulaRule(formula=[f'{get_column_letter(first_col)}{r + 1}="{word}"'], fill=fill)
            ws.conditional_formatting.add(status_row, rule)
        r += len(LINES)
    ws.freeze_panes = ws.cell(row=2, column=first_col)
    ws.auto_filter.ref = f"A1:{get_column_letter(last_col)}{max(r - 1, 1)}"
    return ws


def summary_sheet(wb: Workbook, card: Scorecard, sheets: list[Worksheet], start: dt.date, *, put: Callable) -> Worksheet:
    """Per perspective: how many period statuses are green, amber and red so far, across every
    actuals sheet; the counts are formulas, so they move as actuals are typed."""
    ws = wb.create_sheet("Summary", 0)
    ws.column_dimensions["A"].width = 28
    for letter in "BCDEF":
        ws.column_dimensions[letter].width = 18
    title = ws.cell(row=1, column=1, value=f"Scorecard summary · first year from {start:%B %Y}")
    title.font = Font(name=FONT, bold=True, size=14, color="1F4E79")
    put(ws, 2, 1, card.workshop["unit"])
    ws.cell(row=3, column=1, value="Counts of the periods reported so far; they update as actuals are typed on the actuals sheets.").font = Font(
        name=FONT, italic=True, color="6B7785"
    )
    headers = ["Perspective", "Measures", "Green", "Amber", "Red", "Periods reported"]
    fills = [None, None, GREEN_FILL, AMBER_FILL, RED_FILL, None]
    for c, (header, fill) in enumerate(zip(headers, fills), start=1):
        cell = ws.cell(row=5, column=c, value=header)
        cell.font = Font(name=FONT, bold=True, color="FFFFFF" if fill is None else "1D2733")
        cell.fill = fill or PatternFill("solid", fgColor="1F4E79")
    row = 6
    perspectives = sorted(card.perspectives, key=lambda p: p.position)
    for p in perspectives:
        put(ws, row, 1, p.name)
        count = sum(len(card.measures_of(o.id)) for o in card.objectives_in(p.id, statuses=("agreed",)))
        ws.cell(row=row, column=2, value=count)
        for c, word in ((3, "green"), (4, "amber"), (5, "red")):
            ws.cell(row=row, column=c, value=_count(sheets, f"$A{row}", f'"{word}"'))
        ws.cell(row=row, column=6, value=f"=SUM(C{row}:E{row})")
        row += 1
    ws.cell(row=row, column=1, value="All perspectives").font = Font(name=FONT, bold=True)
    for c in range(2, 7):
        letter = get_column_letter(c)
        ws.cell(row=row, column=c, value=f"=SUM({letter}6:{letter}{row - 1})").font = Font(name=FONT, bold=True)
    return ws


def _count(sheets: list[Worksheet], perspective: str, word: str) -> str:
    """A SUMPRODUCT per actuals sheet over its Status rows: perspective matches and status is `word`."""
    parts = []
    for ws in sheets:
        last = max(ws.max_row, 2)
        first_col, last_col = len(FIXED) + 1, ws.max_column
        name = "'" + ws.title.replace("'", "''") + "'"
        periods_range = f"{name}!${get_column_letter(first_col)}$2:${get_column_letter(last_col)}${last}"
        line = f"{name}!${get_column_letter(len(FIXED))}$2:${get_column_letter(len(FIXED))}${last}"
        parts.append(f'SUMPRODUCT(({name}!$A$2:$A${last}={perspective})*({line}="Status")*({periods_range}={word}))')
    return "=" + ("+".join(parts) if parts else "0")


def print_setup(ws: Worksheet) -> None:
    """Landscape, fitted to the page's width, the header row repeated on every printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if ws.max_row > 1 and ws.title != "Summary":
        ws.print_title_rows = "1:1"
    ws.oddFooter.center.text = "&A · page &P of &N"


def add_sheets(wb: Workbook, card: Scorecard, today: dt.date, *, sheet: Callable, put: Callable) -> None:
    """The actuals sheets (one per frequency the scorecard uses) and the summary in front."""
    start = scorecard_start(card, today)
    made = [period_sheet(wb, kind, rows, start, sheet=sheet, put=put) for kind, rows in _measures_by_sheet(card).items() if rows]
    for n, ws in enumerate(made):
        wb.move_sheet(ws, offset=n - wb.worksheets.index(ws))
    summary = summary_sheet(wb, card, made, start, put=put)
    wb.active = 0
    for ws in wb.worksheets:  # one selected tab, or spreadsheets open the sheets grouped
        ws.sheet_view.tabSelected = ws is summary
    for ws in wb.worksheets:
        print_setup(ws)
