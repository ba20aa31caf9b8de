"""The room's priorities in the workbook: the latest 100-point split beside the planned budget, and
the latest priority grid's medians, middle half and quadrant per item, exactly as the results show
them (a facilitator-only or anonymous round follows the small-room rule there too). Each sheet is
added only when such a round has closed."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl import Workbook

from workshop.core import methods, priorities
from workshop.deliverables.record import ClosedRound, WorkshopRecord
from workshop.room import presenting

SPLIT_COLUMNS = [
    ("Place", 7),
    ("Initiative", 36),
    ("Room's share (%)", 12),
    ("Points", 9),
    ("Voters", 8),
    ("Planned budget", 16),
    ("Budget share (%)", 12),
    ("Room − budget (pts)", 13),
    ("Reading", 56),
]


def _about(closed: ClosedRound) -> str:
    rnd = closed.round
    return (
        f"Round {rnd.get('number') or rnd['id']} “{rnd['title']}”, closed {str(rnd['closed_at'])[:10]}, "
        f"{closed.turnout['voters']} voted. {closed.short_rule}"
    ).strip()


def _note(ws, row: int, text: str, put: Callable, last_column: int) -> None:
    """A sentence under the table, across its width."""
    put(ws, row, 2, text, wrap=True)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_column)
    ws.row_dimensions[row].height = 48


def _after_initiatives(wb: Workbook, ws) -> None:
    """Beside the initiatives they rank (the sheets after them keep their order)."""
    if "Initiatives" in wb.sheetnames:
        wb.move_sheet(ws, offset=wb.sheetnames.index("Initiatives") + 1 - wb.sheetnames.index(ws.title))


def add_sheets(wb: Workbook, record: WorkshopRecord, *, sheet: Callable, put: Callable) -> None:
    currency = (record.card.workshop.get("currency") or "").replace('"', "")
    split = record.latest(methods.SPLIT)
    if split is not None:
        ws = sheet(wb, "Split vs budget", SPLIT_COLUMNS)
        rows = presenting.ranked(split.results, split.round["method"])
        for n, r in enumerate(rows, start=2):
            shown = r.get("share") is not None
            values = [
                r.get("standing"),
                r["label"],
                r.get("share"),
                r["points"] if shown else None,
                r["votes"] if shown else None,
                r.get("budget"),
                r.get("budget_share"),
                r.get("gap"),
                priorities.gap_words(r),
            ]  # a withheld item's words are the rule's note
            for column, value in enumerate(values, start=1):
                cell = put(ws, n, column, value, wrap=column == 2)
                if column == 6 and value is not None:
                    cell.number_format = f'#,##0 "{currency}"' if currency else "#,##0"
                elif column in (3, 7, 8) and value is not None:
                    cell.number_format = "0.0"
        _note(ws, len(rows) + 3, _about(split), put, len(SPLIT_COLUMNS))
        _after_initiatives(wb, ws)
    grid = record.latest(methods.GRID)
    if grid is not None:
        preset = priorities.preset(grid.round["grid_axes"])
        columns = [
            ("#", 5),
            ("Item", 36),
            ("Quadrant", 28),
            (f"{preset.y.name} (median)", 13),
            (f"{preset.y.name} (middle half)", 15),
            (f"{preset.x.name} (median)", 13),
            (f"{preset.x.name} (middle half)", 15),
            ("Placed by", 9),
            ("Suggests", 44),
        ]
        ws = sheet(wb, "Priority grid", columns)
        rows = grid.results
        for n, r in enumerate(rows, start=2):
            spread = lambda a: None if r.get(f"{a}_q1") is None else f"{r[f'{a}_q1']:g}–{r[f'{a}_q3']:g}"
            values = [
                n - 1,
                r["label"],
                r.get("quadrant") or r.get("note") or "",
                r.get("y_median"),
                spread("y"),
                r.get("x_median"),
                spread("x"),
                r["votes"],
                r["note"] if r.get("disclosure") == "withheld" else priorities.grid_advice(preset, r),
            ]
            for column, value in enumerate(values, start=1):
                put(ws, n, column, value, wrap=column == 2)
        _note(ws, len(rows) + 3, _about(grid) + f" Quadrants after {preset.source}; 3 is the midline.", put, len(columns))
        _after_initiatives(wb, ws)
