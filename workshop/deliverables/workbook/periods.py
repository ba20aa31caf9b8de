"""The workbook finance runs: one actuals sheet per frequency in use, every period of the horizon
across (several years, a band naming each year above its periods), every measure of the agreed
scorecard down as a block of lines:

- Plan: the value planned for the period (phased, or as edited), which finance may change;
- Actual: the input cell (numbers only; a rating or a milestone's state picked from a list);
- Variance, % of plan, Status: formulas against the period's own plan (a quarter's revenue against
  the quarter's share of the year, never the year's target), by the rules of `core.targets.judge`;
- Year to date and YTD plan: formulas, the sum, average or latest of the year's periods by the
  measure's year rule;
- Comment: the owner's words on the period.

Formula cells are protected (sheet protection without a password: Review › Unprotect Sheet lifts it),
input cells are open. Hidden keys (the first column and the third row, see
workshop/method/actuals_workbook.py) let `python -m workshop actuals` read the filled workbook back.
A Summary sheet in front counts each perspective's measures by their latest status, as formulas.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from workshop.core.model import Measure, Objective, Perspective
from workshop.core.periods import Period, year_rule
from workshop.core.targets import MILESTONE_STATES, NUMERIC_TYPES, target_text
from workshop.deliverables.record import Track, WorkshopRecord
from workshop.deliverables.workbook import amounts, formulas
from workshop.method import actuals_workbook as layout

GREEN_FILL = PatternFill("solid", fgColor="C6EFCE")
AMBER_FILL = PatternFill("solid", fgColor="FFEB9C")
RED_FILL = PatternFill("solid", fgColor="FFC7CE")
GREY_FILL = PatternFill("solid", fgColor="EDEDED")
INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")  # typed by finance
PLAN_FILL = PatternFill("solid", fgColor="EAF2FB")  # phased, may be changed
YEAR_FILL = PatternFill("solid", fgColor="D9E2EC")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
FONT = "Calibri"  # the workbook's default; a Font without a name falls back to a serif in LibreOffice
BOLD = Font(name=FONT, bold=True)
HIDDEN_TEXT = Font(name=FONT, color="FFFFFF")  # repeated on every line for filtering, shown once
QUIET = Font(name=FONT, color="6B7785", italic=True)
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
OPEN = Protection(locked=False)
LOCKED = Protection(locked=True)
RIGHT = Alignment(horizontal="right")
CENTRE = Alignment(horizontal="center")
WRAP = Alignment(wrap_text=True, vertical="top")
SHEETS = {"monthly": "Monthly actuals", "quarterly": "Quarterly actuals", "annually": "Annual actuals", "weekly": "Weekly actuals"}
STATUS_FILLS = (("on target", GREEN_FILL), ("watch", AMBER_FILL), ("off target", RED_FILL), (formulas.NOT_A_NUMBER, RED_FILL))
RULE_WORDS = {"sum": "the sum", "average": "the average", "last": "the latest"}
MAX_NUMBER = 1e15
LISTS = "Lists"
NUMERIC_LINES = (
    layout.PLAN,
    layout.ACTUAL,
    layout.VARIANCE,
    layout.SHARE,
    layout.STATUS,
    layout.YTD_ACTUAL,
    layout.YTD_PLAN,
    layout.COMMENT,
    layout.PLAN_EXPORTED,
)
OTHER_LINES = (layout.ACTUAL, layout.STATUS, layout.COMMENT)
LINE_FONTS = {
    line: Font(name=FONT, bold=line == layout.ACTUAL, italic=line not in (layout.ACTUAL, layout.PLAN, layout.COMMENT)) for line in NUMERIC_LINES
}
DETAIL_LINES = (layout.VARIANCE, layout.SHARE, layout.YTD_PLAN)  # grouped: finance may fold them away

# (role in the hidden key row, header, width); roles `key`, `scale`, `line` and `name` are read back
FIXED = [
    (layout.KEY, "Key", 12),
    (layout.SCALE, "Scale", 6),
    ("perspective key", "Perspective key", 10),
    ("perspective", "Perspective", 12),
    ("objective", "Objective", 20),
    ("rule", "Year to date is", 9),
    ("name", "Measure", 24),
    ("unit", "Unit", 7),
    ("target", "Target", 13),
    (layout.LINE, "Line", 11),
    ("latest", "Latest status", 11),
]
PRINTED = "name"  # the columns from the measure's name on repeat on every printed page
PAGE_CHARS = 100  # characters of column width across an A4 landscape page at 100 % (LibreOffice, Calibri 11)
PER_PAGE = {"monthly": 6, "quarterly": 4, "annually": 10, "weekly": 13}  # periods on one printed page
HIDDEN = 3  # the first three fixed columns are keys
COL = {role: n for n, (role, _, _) in enumerate(FIXED, start=1)}
FIRST = len(FIXED) + 1  # the first period's column


@dataclass
class Lists:
    """The hidden sheet holding the rating scales and milestone states the actual cells offer."""

    ws: Worksheet
    column: int = 1
    ranges: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, key: str, target: str, levels: list[str]) -> tuple[str, str]:
        """Write one list (row 1 its key, row 2 the level to reach, then the levels); its range and target cell."""
        if key in self.ranges:
            return self.ranges[key]
        self.column += 1
        letter = get_column_letter(self.column)
        for row, value in enumerate([key, target, *levels], start=1):
            cell = self.ws.cell(row=row, column=self.column, value=value)
            cell.data_type = "s"
        found = (f"{LISTS}!${letter}$3:${letter}${len(levels) + 2}", f"{LISTS}!${letter}$2")
        self.ranges[key] = found
        return found


def lists_sheet(wb: Workbook) -> Lists:
    ws = wb.create_sheet(LISTS)
    ws.sheet_state = "hidden"
    ws.cell(row=1, column=1, value="milestone states")
    for row, state in enumerate(MILESTONE_STATES, start=3):
        ws.cell(row=row, column=1, value=state)
    ws.protection.sheet = True
    return Lists(ws)


def validation(kind: str, source: str = "") -> DataValidation:
    if kind == "number":
        return DataValidation(
            type="decimal",
            operator="between",
            formula1=str(-MAX_NUMBER),
            formula2=str(MAX_NUMBER),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="A number, please",
            error="Type the period's figure as a number (for a percentage, 42% or 0.42). Text and dates are refused.",
        )
    if kind == "comment":
        return DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1="4000",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="A shorter comment, please",
            error="A period's comment is at most 4,000 characters.",
        )
    return DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Pick from the list",
        error="Pick one of the list's levels (or leave the cell empty until known).",
    )


class Styles:
    """Cell styles made once per sheet and copied onto each cell: openpyxl looks a style up by its hash
    every time one is set, which took most of the time of a 150-measure, five-year workbook."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.made: dict[tuple, object] = {}

    def __call__(self, cell, **attrs) -> None:
        key = tuple((name, value if isinstance(value, (str, bool)) else id(value)) for name, value in attrs.items())
        style = self.made.get(key)
        if style is None:
            model = Cell(self.ws)  # not placed on the sheet: only its style is kept
            for name, value in attrs.items():
                setattr(model, name, value)
            style = self.made[key] = model._style
        cell._style = copy(style)


@dataclass
class Sheet:
    """One actuals sheet being written: its periods, validations and where each year begins."""

    ws: Worksheet
    periods: list[Period]
    lists: Lists
    numbers: DataValidation = field(default_factory=lambda: validation("number"))
    comments: DataValidation = field(default_factory=lambda: validation("comment"))
    choices: dict[str, DataValidation] = field(default_factory=dict)
    year_first: list[int] = field(default_factory=list)  # per period, the column of its year's first period
    widths: list[float] = field(default_factory=list)
    style: Styles = field(init=False)

    def __post_init__(self) -> None:
        self.style = Styles(self.ws)

    @property
    def last(self) -> int:
        return FIRST + len(self.periods) - 1

    def span(self, row: int, *, fixed: bool = False) -> str:
        d = "$" if fixed else ""
        return f"{d}{get_column_letter(FIRST)}{d}{row}:{d}{get_column_letter(self.last)}{d}{row}"

    def choice(self, source: str) -> DataValidation:
        if source not in self.choices:
            self.choices[source] = validation("list", source)
            self.ws.add_data_validation(self.choices[source])
        return self.choices[source]


def _years(periods: list[Period]) -> list[int]:
    """Per period, the column of the first period of its financial year."""
    found, first, year = [], FIRST, None
    for n, p in enumerate(periods):
        if p.fiscal_year != year:
            first, year = FIRST + n, p.fiscal_year
        found.append(first)
    return found


def year_label(p: Period) -> str:
    return f"{p.fiscal_year}" if p.year_start_month == 1 else f"FY{p.fiscal_year}"


def _header(ws: Worksheet, periods: list[Period]) -> None:
    for n, (role, header, width) in enumerate(FIXED, start=1):
        for row, value in ((2, header), (layout.KEY_ROW, role)):
            cell = ws.cell(row=row, column=n, value=value)
            cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.cell(row=1, column=COL[PRINTED], value="Type figures in the yellow cells; plans (blue) may be changed.").font = QUIET
    year = None
    for n, p in enumerate(periods):
        col = FIRST + n
        ws.cell(row=layout.KEY_ROW, column=col, value=p.key)
        label = ws.cell(row=2, column=col, value=p.label())
        label.fill, label.font, label.alignment = HEADER_FILL, HEADER_FONT, Alignment(horizontal="center", vertical="center", wrap_text=True)
        if p.fiscal_year != year:
            year = p.fiscal_year
            band = ws.cell(row=1, column=col, value=year_label(p))
            band.fill, band.font = YEAR_FILL, BOLD
        else:
            ws.cell(row=1, column=col).fill = YEAR_FILL
    ws.row_dimensions[2].height = 45 if any(len(p.label()) > 12 for p in periods) else 30
    ws.row_dimensions[layout.KEY_ROW].hidden = True
    for n in range(1, HIDDEN + 1):
        ws.column_dimensions[get_column_letter(n)].hidden = True


def _figures(track: Track) -> list[float | None]:
    m = track.measure
    found = [m.baseline, m.target, m.target_low, m.target_high, m.green, m.red]
    for r in track.rows:
        found += [r.planned, r.actual, r.ytd_actual, r.ytd_planned]
    return found


def _year_amounts(track: Track) -> list[float]:
    """Each year's plan added up: what a flow's year to date reaches."""
    totals: dict[int, float] = {}
    for r in track.rows:
        totals[r.period.fiscal_year] = totals.get(r.period.fiscal_year, 0.0) + abs(r.planned or 0.0)
    return list(totals.values())


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
REPEATED = (layout.KEY, layout.SCALE, "perspective key", "perspective", "name")  # on every line: the key to read back, the names to filter by


def _fixed(sheet: Sheet, row: int, values: dict, *, first: bool) -> None:
    for role, value in values.items():
        if not first and role not in REPEATED:
            continue
        cell = sheet.ws.cell(row=row, column=COL[role], value=value)
        quoted = isinstance(value, str) and value.startswith(FORMULA_STARTS)
        if isinstance(value, str):
            cell.data_type = "s"
        if role in ("perspective", "objective", "name", "target") and first:
            sheet.style(cell, alignment=WRAP, quotePrefix=quoted)
        elif not first and COL[role] > HIDDEN:
            sheet.style(cell, font=HIDDEN_TEXT, quotePrefix=quoted)
        elif quoted:
            cell.quotePrefix = True


@dataclass(frozen=True)
class Block:
    """Where one measure's lines sit and how its figures are shown."""

    track: Track
    rows: dict[str, int]
    fmt: str
    scale: float

    def ref(self, line: str, col: int, *, absolute_row: bool = True) -> str:
        return f"{get_column_letter(col)}{'$' if absolute_row else ''}{self.rows[line]}"


def _write_inputs(sheet: Sheet, block: Block, list_source: str) -> None:
    ws, track = sheet.ws, block.track
    numeric = track.measure.goal.type in NUMERIC_TYPES
    for n, r in enumerate(track.rows):
        col = FIRST + n
        locked = r.period.key in track.locked
        for line, value, fill in (
            (layout.PLAN, None if r.planned is None else r.planned * block.scale, PLAN_FILL),
            (layout.ACTUAL, (None if r.actual is None else r.actual * block.scale) if numeric else (r.actual_text or None), INPUT_FILL),
            (layout.COMMENT, r.comment or None, INPUT_FILL),
            (layout.PLAN_EXPORTED, None if r.planned is None else r.planned * block.scale, None),
        ):
            if line not in block.rows or (line == layout.PLAN and not numeric):
                continue
            cell = ws.cell(row=block.rows[line], column=col, value=value)
            if fill is None:  # the hidden copy of the plan
                continue
            quoted = False
            if isinstance(value, str):
                cell.data_type = "s"
                quoted = value.startswith(FORMULA_STARTS)
            sheet.style(
                cell,
                number_format="General" if line == layout.COMMENT else block.fmt,
                fill=GREY_FILL if locked else fill,
                protection=LOCKED if locked else OPEN,
                quotePrefix=quoted,
            )
    span = sheet.span(block.rows[layout.ACTUAL])
    if numeric:
        sheet.numbers.add(span)
        sheet.numbers.add(sheet.span(block.rows[layout.PLAN]))
    elif list_source:
        sheet.choice(list_source).add(span)
    sheet.comments.add(sheet.span(block.rows[layout.COMMENT]))


def _write_formulas(sheet: Sheet, block: Block, levels: str, target: str) -> None:
    ws, m = sheet.ws, block.track.measure
    rule = year_rule(m.nature, m.year_rule)
    numeric = m.goal.type in NUMERIC_TYPES
    for n, r in enumerate(block.track.rows):
        col = FIRST + n
        a = block.ref(layout.ACTUAL, col, absolute_row=False)
        p = block.ref(layout.PLAN, col, absolute_row=False) if numeric else '""'
        status = ws.cell(
            row=block.rows[layout.STATUS], column=col, value=formulas.status(m, a, p, block.scale, ends=r.period.ends, levels=levels, target=target)
        )
        sheet.style(status, alignment=CENTRE)
        if not numeric:
            continue
        first = get_column_letter(sheet.year_first[n])
        here = get_column_letter(col)
        cells: list[tuple[str, str, str]] = [
            (layout.VARIANCE, formulas.variance(a, p), block.fmt),
            (layout.SHARE, formulas.share(a, p), "0%"),
            (layout.YTD_ACTUAL, formulas.year_to_date(a, f"{first}{block.rows[layout.ACTUAL]}:{a}", a, rule), block.fmt),
            (layout.YTD_PLAN, formulas.year_to_date(a, f"{first}{block.rows[layout.PLAN]}:{here}{block.rows[layout.PLAN]}", p, rule), block.fmt),
        ]
        for line, formula, fmt in cells:
            sheet.style(ws.cell(row=block.rows[line], column=col, value=formula), number_format=fmt)


def _block(sheet: Sheet, row: int, place: tuple[Perspective, Objective, Measure], track: Track) -> int:
    p, o, m = place
    numeric = m.goal.type in NUMERIC_TYPES
    lines = NUMERIC_LINES if numeric else OTHER_LINES
    scale = 0.01 if amounts.is_percent(m.unit) else 1.0
    figures = _figures(track)
    entered = [m.baseline, m.target, m.target_low, m.target_high, m.green, m.red, *(r.actual for r in track.rows)]
    fmt = amounts.number_format(m.unit, entered + [r.planned for r in track.rows if r.planned_edited])
    block = Block(track, {line: row + n for n, line in enumerate(lines)}, fmt, scale)
    levels = target = ""
    if m.goal.type == "rating":
        levels, target = sheet.lists.add(layout.MEASURE_KEY.format(m.id), m.goal.level, list(m.goal.scale))
    elif m.goal.type == "milestone":
        levels = f"{LISTS}!$A$3:$A${len(MILESTONE_STATES) + 2}"
    rule = year_rule(m.nature, m.year_rule)
    fixed = {
        layout.KEY: layout.MEASURE_KEY.format(m.id),
        layout.SCALE: 100 if scale != 1 else 1,
        "perspective key": f"perspective {p.id}",
        "perspective": p.name,
        "objective": o.title,
        "name": m.name,
        "unit": m.unit,
        "target": target_text(m.goal, m.unit) or "none yet",
        "rule": RULE_WORDS[rule] if numeric else "",
    }
    ws = sheet.ws
    for n, line in enumerate(lines):
        _fixed(sheet, row + n, fixed, first=n == 0)
        cell = ws.cell(row=row + n, column=COL[layout.LINE], value=line)
        sheet.style(cell, font=LINE_FONTS[line])
        if line in DETAIL_LINES:
            ws.row_dimensions[row + n].outlineLevel = 1
        if line == layout.PLAN_EXPORTED:
            ws.row_dimensions[row + n].hidden = True
    longest = max(len(o.title) * 24 / 20, len(m.name))
    if longest > 24:  # the names wrap on the block's first line, which grows to hold them
        ws.row_dimensions[row].height = 15 * min(4, -(-int(longest) // 24))
    _write_inputs(sheet, block, levels)
    _write_formulas(sheet, block, levels, target)
    actuals, statuses = sheet.span(block.rows[layout.ACTUAL], fixed=True), sheet.span(block.rows[layout.STATUS], fixed=True)
    latest = ws.cell(row=block.rows[layout.STATUS], column=COL["latest"], value=formulas.latest(actuals, statuses))
    latest.alignment = CENTRE
    sheet.widths.append(amounts.width(fmt, [v * scale if v is not None else None for v in figures + _year_amounts(track)]))
    return row + len(lines)


def _conditional(sheet: Sheet, last_row: int) -> None:
    ws = sheet.ws
    line = get_column_letter(COL[layout.LINE])
    area = f"{get_column_letter(COL['latest'])}{layout.FIRST_ROW}:{get_column_letter(sheet.last)}{last_row}"
    first = get_column_letter(COL["latest"])
    for word, fill in STATUS_FILLS:
        rule = FormulaRule(formula=[f'AND(${line}{layout.FIRST_ROW}="{layout.STATUS}",{first}{layout.FIRST_ROW}="{word}")'], fill=fill)
        ws.conditional_formatting.add(area, rule)


def protect(ws: Worksheet) -> None:
    """Formulas and labels locked, input cells open; no password. Columns may be widened, rows
    filtered and groups folded."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def period_sheet(wb: Workbook, frequency: str, blocks: list[tuple[tuple[Perspective, Objective, Measure], Track]], lists: Lists) -> Worksheet:
    spans = [r.period for r in blocks[0][1].rows]
    ws = wb.create_sheet(SHEETS[frequency])
    sheet = Sheet(ws, spans, lists, year_first=_years(spans))
    ws.add_data_validation(sheet.numbers)
    ws.add_data_validation(sheet.comments)
    _header(ws, spans)
    row = layout.FIRST_ROW
    for place, track in blocks:
        row = _block(sheet, row, place, track)
    width = max(sheet.widths, default=amounts.MIN_WIDTH)
    for col in range(FIRST, sheet.last + 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    _conditional(sheet, row - 1)
    ws.freeze_panes = ws.cell(row=layout.FIRST_ROW, column=FIRST)
    ws.auto_filter.ref = f"{get_column_letter(COL['perspective'])}3:{get_column_letter(sheet.last)}{max(row - 1, 3)}"
    ws.sheet_properties.outlinePr.summaryBelow = False
    ws.print_title_rows = "1:2"
    ws.print_title_cols = f"{get_column_letter(COL[PRINTED])}:{get_column_letter(COL['latest'])}"
    protect(ws)
    paginate(ws, sum(w for _, _, w in FIXED[HIDDEN:]), FIRST, len(spans), PER_PAGE[frequency], width)
    return ws


def paginate(ws: Worksheet, fixed: float, first: int, count: int, per_page: int, width: float) -> None:
    """A page break every `per_page` periods, and the scale at which the widest page (the first, with
    every fixed column) fits an A4 landscape page: printed pages never cut a column."""
    for col in range(first + per_page, first + count, per_page):
        ws.col_breaks.append(Break(id=col - 1))
    ws.page_setup.scale = max(10, min(100, int(100 * PAGE_CHARS / (fixed + min(per_page, count) * width))))


def _placed(record: WorkshopRecord) -> dict[str, list[tuple[tuple[Perspective, Objective, Measure], Track]]]:
    """The agreed scorecard's measures with periods, by frequency, in the scorecard's order."""
    card = record.card
    by_measure = {t.measure.id: t for t in record.tracks}
    grouped: dict[str, list] = {}
    for p in sorted(card.perspectives, key=lambda x: x.position):
        for o in card.objectives_in(p.id, statuses=("agreed",)):
            for m in card.measures_of(o.id):
                track = by_measure.get(m.id)
                if track is not None and track.rows:
                    grouped.setdefault(m.frequency, []).append(((p, o, m), track))
    return {f: grouped[f] for f in SHEETS if f in grouped}


def summary_sheet(wb: Workbook, record: WorkshopRecord, sheets: list[Worksheet], *, put: Callable) -> Worksheet:
    """Per perspective: its measures counted by their latest status (on target, watch, off target, no
    data), as formulas over the actuals sheets, so the counts move as actuals are typed."""
    card = record.card
    ws = wb.create_sheet("Summary", 0)
    ws.column_dimensions["A"].width = 30
    for letter in "BCDEF":
        ws.column_dimensions[letter].width = 13
    ws.column_dimensions["G"].hidden = True
    title = ws.cell(row=1, column=1, value="Scorecard summary")
    title.font = Font(name=FONT, bold=True, size=14, color="1F4E79")
    put(ws, 2, 1, card.workshop["unit"])
    note = "Each measure counted once, by the status of its latest period with an actual; the counts move as actuals are typed."
    ws.cell(row=3, column=1, value=note).font = QUIET
    headers = ["Perspective", "Measures", "On target", "Watch", "Off target", "No data"]
    fills = [None, None, GREEN_FILL, AMBER_FILL, RED_FILL, GREY_FILL]
    for c, (header, fill) in enumerate(zip(headers, fills, strict=True), start=1):
        cell = ws.cell(row=5, column=c, value=header)
        cell.font = Font(name=FONT, bold=True, color="FFFFFF" if fill is None else "1D2733")
        cell.fill = fill or HEADER_FILL
    row = 6
    for p in sorted(card.perspectives, key=lambda x: x.position):
        put(ws, row, 1, p.name)
        ws.cell(row=row, column=7, value=f"perspective {p.id}")
        ws.cell(row=row, column=2, value=_count(sheets, f"$G{row}", layout.LINE, f'"{layout.STATUS}"'))
        for c, word in ((3, "on target"), (4, "watch"), (5, "off target"), (6, formulas.NO_DATA)):
            ws.cell(row=row, column=c, value=_count(sheets, f"$G{row}", "latest", f'"{word}"'))
        row += 1
    ws.cell(row=row, column=1, value="All perspectives").font = BOLD
    for c in range(2, 7):
        letter = get_column_letter(c)
        ws.cell(row=row, column=c, value=f"=SUM({letter}6:{letter}{row - 1})").font = BOLD
    missing = [m.name for m in card.measures if not m.frequency and m.objective_id in {o.id for o in card.agreed_objectives()}]
    if missing:
        ws.cell(row=row + 2, column=1, value="Not on the actuals sheets until someone states how often each is measured:").font = QUIET
        for n, name in enumerate(missing, start=row + 3):
            put(ws, n, 1, name)
    ws.protection.sheet = True
    return ws


def _count(sheets: list[Worksheet], key: str, role: str, word: str) -> str | int:
    parts = []
    for ws in sheets:
        name = quote_sheetname(ws.title)
        keys = f"{name}!${get_column_letter(COL['perspective key'])}:${get_column_letter(COL['perspective key'])}"
        column = f"{name}!${get_column_letter(COL[role])}:${get_column_letter(COL[role])}"
        parts.append(f"COUNTIFS({keys},{key},{column},{word})")
    return "=" + "+".join(parts) if parts else 0


def print_setup(ws: Worksheet) -> None:
    """Landscape A4 with the header rows repeated on every page. An actuals sheet prints a year per
    page width (its names repeated on each page, a break before each year); any other sheet is fitted
    to the page's width."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if not ws.print_title_cols:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if ws.max_row > 1 and ws.title != "Summary":
            ws.print_title_rows = "1:1"
    ws.oddFooter.center.text = "&A · page &P of &N"


def add_sheets(wb: Workbook, record: WorkshopRecord, *, put: Callable) -> None:
    """The actuals sheets (one per frequency the scorecard uses) and the summary in front."""
    lists = lists_sheet(wb)
    made = [period_sheet(wb, frequency, blocks, lists) for frequency, blocks in _placed(record).items()]
    for n, ws in enumerate(made):
        wb.move_sheet(ws, offset=n - wb.worksheets.index(ws))
    summary = summary_sheet(wb, record, made, put=put)
    wb.move_sheet(lists.ws, offset=len(wb.worksheets) - 1 - wb.worksheets.index(lists.ws))
    wb.active = 0
    for ws in wb.worksheets:  # one selected tab, or spreadsheets open the sheets grouped
        ws.sheet_view.tabSelected = ws is summary
    for ws in wb.worksheets:
        print_setup(ws)


def reporting_note(record: WorkshopRecord) -> str:
    """What the About sheet says of the periods."""
    spans = [r.period for t in record.tracks for r in t.rows]
    if not spans:
        return "No measure states how often it is measured yet, so there are no periods to report."
    first, last = min(p.starts for p in spans), max(p.ends for p in spans)
    return (
        f"From {first:%B %Y} to {last:%B %Y}. Type each period's actual in the yellow cells of the actuals sheets "
        "(one sheet per frequency); the plan (blue) may be changed. Variance, % of plan, status and year to date are "
        "formulas; the Summary counts each perspective's measures by their latest status. "
        "`python -m workshop actuals --db FILE --workshop ID` reads the filled workbook back."
    )
