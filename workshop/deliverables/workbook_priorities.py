"""The room's priorities in the workbook: the latest 100-point split beside the planned budget, and
the latest priority grid's medians, middle half and quadrant per item, exactly as the results show
them (a facilitator-only or anonymous round follows the small-room rule there too). Each sheet is
added only when such a round has closed."""
from __future__ import annotations

from collections.abc import Callable

from openpyxl import Workbook
from sqlite_utils import Database

from workshop.core import priorities
from workshop.db import store
from workshop.room import presenting, vote_results

SPLIT_COLUMNS = [("Place", 7), ("Initiative", 36), ("Share of the room's points (%)", 14), ("Points", 9),
                 ("Voters", 8), ("Planned budget", 15), ("Share of the budget (%)", 13),
                 ("Room minus budget (points)", 13), ("Reading", 44)]


def _latest(db: Database, workshop_id: int, method: str) -> dict | None:
    return store.one(db, """SELECT * FROM voting_round WHERE workshop_id = ? AND status = 'closed' AND method = ?
                            ORDER BY closed_at DESC, id DESC LIMIT 1""", [workshop_id, method])


def _about(db: Database, rnd: dict) -> str:
    voters = vote_results.turnout(db, rnd["id"])["voters"]
    return (f"Round {rnd.get('number') or rnd['id']} “{rnd['title']}”, closed {str(rnd['closed_at'])[:10]}, "
            f"{voters} voted. {vote_results.rule(db, rnd['id'], short=True)}").strip()


def _after_initiatives(wb: Workbook, ws) -> None:
    """Beside the initiatives they rank (the sheets after them keep their order)."""
    if "Initiatives" in wb.sheetnames:
        wb.move_sheet(ws, offset=wb.sheetnames.index("Initiatives") + 1 - wb.sheetnames.index(ws.title))


def add_sheets(wb: Workbook, db: Database, workshop_id: int, *, sheet: Callable, put: Callable) -> None:
    currency = (store.get(db, "workshop", workshop_id, "workshop").get("currency") or "").replace('"', "")
    split = _latest(db, workshop_id, "split")
    if split is not None:
        ws = sheet(wb, "Split vs budget", SPLIT_COLUMNS)
        rows = presenting.ranked(vote_results.results(db, split["id"]), "split")
        for n, r in enumerate(rows, start=2):
            shown = r.get("share") is not None
            values = [r.get("standing") if shown else None, r["label"], r.get("share"), r["points"] if shown else None,
                      r["votes"] if shown else None, r.get("budget"), r.get("budget_share"), r.get("gap"),
                      priorities.gap_words(r) if shown else (r.get("note") or "withheld: too few chose it")]
            for column, value in enumerate(values, start=1):
                cell = put(ws, n, column, value, wrap=column in (2, 9))
                if column == 6 and value is not None:
                    cell.number_format = f'#,##0 "{currency}"' if currency else "#,##0"
                elif column in (3, 7, 8) and value is not None:
                    cell.number_format = "0.0"
        put(ws, len(rows) + 3, 2, _about(db, split), wrap=True)
        _after_initiatives(wb, ws)
    grid = _latest(db, workshop_id, "grid")
    if grid is not None:
        preset = priorities.preset(grid["grid_axes"])
        columns = [("#", 5), ("Item", 36), ("Quadrant", 26), (f"{preset.y.name}: median", 11),
                   (f"{preset.y.name}: middle half", 13), (f"{preset.x.name}: median", 11),
                   (f"{preset.x.name}: middle half", 13), ("Placed by", 9), ("Suggests", 40)]
        ws = sheet(wb, "Priority grid", columns)
        rows = vote_results.results(db, grid["id"])
        for n, r in enumerate(rows, start=2):
            spread = (lambda a: None if r.get(f"{a}_q1") is None else f"{r[f'{a}_q1']:g}–{r[f'{a}_q3']:g}")
            values = [n - 1, r["label"], r.get("quadrant") or r.get("note") or "", r.get("y_median"), spread("y"),
                      r.get("x_median"), spread("x"), r["votes"],
                      r["note"] if r.get("disclosure") == "withheld" else priorities.grid_advice(preset, r)]
            for column, value in enumerate(values, start=1):
                put(ws, n, column, value, wrap=column in (2, 3, 9))
        put(ws, len(rows) + 3, 2, _about(db, grid) + f" Quadrants after {preset.source}; 3 is the midline.",
            wrap=True)
        _after_initiatives(wb, ws)
