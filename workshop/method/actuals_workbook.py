"""The workbook this tool exports, read back once finance has filled it in: a round trip with no
mapping. The writer (workshop/deliverables/workbook/periods.py and budgets.py) lays each actuals
sheet out by the contract below, and this module reads it back by the same contract:

- the third row of each actuals sheet (hidden) names every column: `key`, `scale` and `line` for
  the fixed columns, a period's key ("2027-03", "2027-W05") for a period's column;
- the first column (hidden) names every row's measure ("measure 12") or initiative ("initiative 3"),
  so a row is found by its key and its line, never by where it sits: sorting, a blank row or a column
  typed into elsewhere changes nothing;
- `scale` is what a cell's value is multiplied by to be in the measure's unit (100 for a percentage:
  the sheet holds 42 % as 0.42).

Only the input lines are read (Plan, Actual, Comment; Budget and Spend), and only their open cells:
a period a review locked is exported shut and never read back. A plan is read back only where it
differs from the hidden "Plan as exported" line, so a phased plan exported unchanged stays phased.
An empty cell changes nothing: the workbook never clears a stored figure. `read_rows` gives the rows
`method/actuals.py` checks and saves (with `where`: "sheet 'Quarterly actuals', cell L12").
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from workshop.core.errors import Invalid

KEY_ROW = 3  # the hidden row naming each column
FIRST_ROW = 4  # the first row of figures
KEY, SCALE, LINE = "key", "scale", "line"
MEASURE_KEY = "measure {}"
INITIATIVE_KEY = "initiative {}"
PLAN, ACTUAL, VARIANCE, SHARE, STATUS, YTD_ACTUAL, YTD_PLAN, COMMENT = (
    "Plan",
    "Actual",
    "Variance",
    "% of plan",
    "Status",
    "Year to date",
    "YTD plan",
    "Comment",
)
PLAN_EXPORTED = "Plan as exported"  # a hidden line: a plan read back the same is not a plan typed
BUDGET, SPEND, SPEND_VARIANCE = "Budget", "Spend", "Spend − budget"
INPUT_LINES = (PLAN, ACTUAL, COMMENT)
SPEND_LINES = (BUDGET, SPEND)


@dataclass(frozen=True)
class ActualRow:
    """One measure's period as typed in the workbook; `where` says where it was read."""

    measure_id: int
    measure: str
    period: str  # the period's key, e.g. "2027-03"
    actual: float | str | None  # a number, or a rating / milestone state as typed
    planned: float | None
    comment: str
    where: str


@dataclass(frozen=True)
class SpendRow:
    initiative_id: int
    initiative: str
    period: str
    planned_spend: float | None
    spend: float | None
    where: str


@dataclass(frozen=True)
class Filled:
    """What a filled-in workbook holds: the measures' periods and the initiatives' spend."""

    actuals: list[ActualRow]
    spending: list[SpendRow]


def _where(sheet: str, row: int, column: int) -> str:
    return f"sheet '{sheet}', cell {get_column_letter(column)}{row}"


def _number(value: object, scale: float) -> float | str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        number = float(value) * scale
        return round(number, 9) if math.isfinite(number) else str(value)
    return str(value).strip()


def _columns(ws) -> tuple[dict[str, int], dict[int, str]]:
    """The fixed columns by role and the period columns by index, from the hidden key row."""
    roles: dict[str, int] = {}
    periods: dict[int, str] = {}
    for cell in ws[KEY_ROW]:
        value = cell.value
        if not isinstance(value, str) or not value:
            continue
        if value in (KEY, SCALE, LINE, "name"):
            roles[value] = cell.column
        elif value[:4].isdigit():
            periods[cell.column] = value
    return roles, periods


def _blocks(ws, roles: dict[str, int]) -> dict[str, dict[str, int]]:
    """Each row key's lines: {"measure 12": {"Plan": 5, "Actual": 6, ...}}."""
    found: dict[str, dict[str, int]] = {}
    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=max(roles.values())):
        key = row[roles[KEY] - 1].value
        line = row[roles[LINE] - 1].value
        if isinstance(key, str) and isinstance(line, str):
            found.setdefault(key, {})[line] = row[0].row
    return found


def _kind(key: str) -> tuple[str, int] | None:
    kind, _, number = key.partition(" ")
    return (kind, int(number)) if kind in ("measure", "initiative") and number.isdigit() else None


def _open(ws, lines: dict[str, int], line: str, column: int, scale: float) -> float | str | None:
    """An input cell's value, or None when the line is missing or the cell is shut (a locked period)."""
    if line not in lines:
        return None
    cell = ws.cell(row=lines[line], column=column)
    if cell.protection.locked:
        return None
    return _number(cell.value, scale) if line != COMMENT else (str(cell.value).strip() if cell.value is not None else None)


def _measure_rows(ws, ident: int, lines: dict[str, int], roles: dict[str, int], periods: dict[int, str]) -> Iterable[ActualRow]:
    anchor = lines.get(ACTUAL) or lines.get(PLAN)
    if anchor is None:
        return
    name = str(ws.cell(row=anchor, column=roles["name"]).value or "") if "name" in roles else ""
    scale_cell = ws.cell(row=anchor, column=roles[SCALE]).value if SCALE in roles else 1
    scale = float(scale_cell) if isinstance(scale_cell, (int, float)) else 1.0
    for column, period in periods.items():
        actual = _open(ws, lines, ACTUAL, column, scale)
        planned = _open(ws, lines, PLAN, column, scale)
        if planned is not None and PLAN_EXPORTED in lines and planned == _number(ws.cell(row=lines[PLAN_EXPORTED], column=column).value, scale):
            planned = None
        comment = _open(ws, lines, COMMENT, column, 1)
        if actual is None and planned is None and not comment:
            continue
        if isinstance(planned, str):
            raise Invalid(f"{_where(ws.title, lines[PLAN], column)}: the plan “{planned[:40]}” is not a number.")
        yield ActualRow(ident, name, period, actual, planned, str(comment or "").strip(), _where(ws.title, lines.get(ACTUAL, anchor), column))


def _spend_rows(ws, ident: int, lines: dict[str, int], roles: dict[str, int], periods: dict[int, str]) -> Iterable[SpendRow]:
    anchor = lines.get(SPEND) or lines.get(BUDGET)
    if anchor is None:
        return
    name = str(ws.cell(row=anchor, column=roles["name"]).value or "") if "name" in roles else ""
    for column, period in periods.items():
        spend = _number(ws.cell(row=lines[SPEND], column=column).value, 1) if SPEND in lines else None
        budget = _number(ws.cell(row=lines[BUDGET], column=column).value, 1) if BUDGET in lines else None
        for value, line in ((spend, SPEND), (budget, BUDGET)):
            if isinstance(value, str):
                raise Invalid(f"{_where(ws.title, lines[line], column)}: “{value[:40]}” is not an amount.")
        if spend is None and budget is None:
            continue
        yield SpendRow(ident, name, period, budget, spend, _where(ws.title, lines.get(SPEND, anchor), column))  # type: ignore[arg-type]


def read_filled(data: bytes) -> Filled:
    """Every figure typed in an exported workbook's actuals and budget sheets."""
    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises zipfile, KeyError or its own errors on a file that is not a workbook
        raise Invalid("The file is not a workbook this tool exported (it could not be opened as .xlsx).") from error
    actuals: list[ActualRow] = []
    spending: list[SpendRow] = []
    for ws in book.worksheets:
        roles, periods = _columns(ws)
        if KEY not in roles or LINE not in roles or not periods:
            continue
        for key, lines in _blocks(ws, roles).items():
            kind = _kind(key)
            if kind is None:
                continue
            if kind[0] == "measure":
                actuals.extend(_measure_rows(ws, kind[1], lines, roles, periods))
            else:
                spending.extend(_spend_rows(ws, kind[1], lines, roles, periods))
    if not actuals and not spending and not any(_columns(ws)[1] for ws in book.worksheets):
        raise Invalid("The workbook has no actuals sheet this tool exported: export the workbook again and type the actuals into it.")
    return Filled(actuals, spending)


def read_rows(data: bytes) -> list[dict]:
    """The measures' rows as `method/actuals.py` takes them (the actuals command's reader for .xlsx)."""
    rows = []
    for r in read_filled(data).actuals:
        row: dict = {"where": r.where, "measure_id": r.measure_id, "measure": r.measure, "period": r.period}
        for column, value in (("actual", r.actual), ("planned", r.planned), ("comment", r.comment or None)):
            if value is not None:
                row[column] = value
        rows.append(row)
    return rows


def read_spend_rows(data: bytes) -> list[dict]:
    """The initiatives' budget and spend as `actuals.save_spend` takes them."""
    rows = []
    for r in read_filled(data).spending:
        row: dict = {"where": r.where, "initiative_id": r.initiative_id, "initiative": r.initiative, "period": r.period}
        for column, value in (("planned_spend", r.planned_spend), ("spend", r.spend)):
            if value is not None:
                row[column] = value
        rows.append(row)
    return rows
