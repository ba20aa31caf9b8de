"""The workbook's cascade sheets: the alignment matrix of a workshop with lower units, and how a
lower unit's objectives serve its parent. Written with the workbook's own cell writers (passed in),
so user text is never a formula here either."""

from __future__ import annotations

from collections.abc import Callable
from copy import copy

from openpyxl import Workbook

from workshop.core.model import Scorecard

MATRIX_COLUMNS = [("Perspective", 16), ("Objective", 36), ("Units serving it", 10)]
UNIT_WIDTH = 34
PARENT_COLUMNS = [("Perspective", 16), ("Objective", 36), ("Contributes to", 44), ("Local to the unit because", 44)]


def matrix_sheet(wb: Workbook, matrix: dict, *, sheet: Callable, put: Callable) -> None:
    """Objectives (rows) × lower units (columns); a cell lists the unit's contributing objectives,
    "expected" when the unit is to serve the objective and does not yet."""
    columns = MATRIX_COLUMNS + [(u["unit"][:60], UNIT_WIDTH) for u in matrix["units"]]
    ws = sheet(wb, "Alignment matrix", columns)
    first = ws.cell(row=1, column=1)
    for c, u in enumerate(matrix["units"], start=len(MATRIX_COLUMNS) + 1):
        header = put(ws, 1, c, u["unit"], wrap=True)  # a unit's name is user text: never a formula
        header.fill, header.font, header.alignment = copy(first.fill), copy(first.font), copy(first.alignment)
    for r, row in enumerate(matrix["rows"], start=2):
        put(ws, r, 1, row["perspective"])
        put(ws, r, 2, row["objective"].title, wrap=True)
        put(ws, r, 3, row["units"])
        for c, cell in enumerate(row["cells"], start=4):
            text = "\n".join(cell["objectives"]) or ("expected" if cell["expected"] else "")
            put(ws, r, c, text, wrap=True)


def parent_sheet(wb: Workbook, card: Scorecard, *, sheet: Callable, put: Callable) -> None:
    """Each objective of a lower unit: the parent objectives it serves, or why it is local."""
    ws = sheet(wb, "Alignment to parent", PARENT_COLUMNS)
    titles = {p.id: p.title for p in card.parent_objectives}
    for r, o in enumerate(card.live_objectives(), start=2):
        put(ws, r, 1, card.perspective(o.perspective_id).name)
        put(ws, r, 2, o.title, wrap=True)
        put(ws, r, 3, "\n".join(titles.get(i, "") for i in o.contributes_to), wrap=True)
        put(ws, r, 4, o.local_reason, wrap=True)


def add_sheets(wb: Workbook, card: Scorecard, matrix: dict | None, *, sheet: Callable, put: Callable) -> None:
    if matrix and matrix["units"]:
        matrix_sheet(wb, matrix, sheet=sheet, put=put)
    if card.has_parent:
        parent_sheet(wb, card, sheet=sheet, put=put)
