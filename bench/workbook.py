"""Time the workbook finance runs at scale: 150 monthly measures over 60 months (five years), two
years of actuals stored, 20 initiatives with budgets; then read the filled workbook back.

    .venv/bin/python bench/workbook.py

Builds the workshop through the services, then times `record.read` (the periods of every measure,
read once) and the whole XLSX (every sheet, saved), and `actuals_workbook.read_filled` on the result.
Each figure is the median of three runs after a warm-up. Target (issue 23): the workbook in <= 5 s.
The last line: read_s=<n> workbook_s=<n> readback_s=<n> cells=<n> size_kb=<n>.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.workbook import sheets
from workshop.method import actuals_workbook, decisions, measures, objectives, plan, workshops

MEASURES, MONTHS, INITIATIVES = 150, 60, 20
KEYS = ["financial", "customer", "internal", "learning"]
TODAY = dt.date(2026, 12, 8)


def build(db) -> int:
    with store.write(db):
        wid = workshops.create_workshop(db, "Bench Corp", "Finance at scale", facilitator="Bench")
        db["workshop"].update(wid, {"reporting_start": "2027-01-01"})
        persp = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
        ids, measure_ids = [], []
        for i in range(MEASURES // 3):
            oid = objectives.add_objective(db, wid, f"Objective {i}", persp[KEYS[i % 4]], owner=f"Owner {i % 7}")
            decisions.decide_objective(db, oid, "agreed", "Agreed.")
            ids.append(oid)
            for k in range(3):
                money = k == 0
                measure_ids.append(
                    measures.add_measure(
                        db,
                        oid,
                        f"Measure {i}.{k}",
                        unit="EUR" if money else "%",
                        kind="lag",
                        frequency="monthly",
                        baseline=150e6 if money else 40,
                        target=175e6 * (1 + i) if money else 80,
                        nature="flow" if money else "level",
                        target_date="2031-12-31",
                    )
                )
        for i in range(INITIATIVES):
            money = {"budget": 1e6 * (1 + i), "status": "approved"}
            plan.add_initiative(db, wid, f"Initiative {i}", [ids[i]], owner="Owner", start_date="2027-01-01", deadline="2029-06-30", **money)
        rows = []
        for n, mid in enumerate(measure_ids):
            for month in range(24):
                starts = dt.date(2027 + month // 12, month % 12 + 1, 1)
                ends = (starts.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
                actual = 14e6 * (1 + n // 3) if n % 3 == 0 else 40 + month
                rows.append({"measure_id": mid, "starts": starts.isoformat(), "ends": ends.isoformat(), "actual": actual, "comment": ""})
        db["measure_period"].insert_all(rows)
    return wid


def timed(fn, runs: int = 3) -> tuple[float, object]:
    fn()
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    db = store.connect(":memory:")
    wid = build(db)
    read_s, rec = timed(lambda: record.read(db, wid, today=TODAY))
    workbook_s, data = timed(lambda: sheets.build_xlsx(record.read(db, wid, today=TODAY)))
    assert isinstance(data, bytes)
    readback_s, filled = timed(lambda: actuals_workbook.read_filled(data), runs=1)
    book = openpyxl.load_workbook(io.BytesIO(data))
    monthly = book["Monthly actuals"]
    cells = sum(ws.max_row * ws.max_column for ws in book.worksheets)
    periods = sum(1 for c in monthly[actuals_workbook.KEY_ROW] if isinstance(c.value, str) and c.value[:2] == "20")
    print(f"{MEASURES} measures x {periods} monthly periods, {INITIATIVES} initiatives; {len(filled.actuals)} periods read back")  # type: ignore[attr-defined]
    print(f"record.read (every measure's periods): {read_s:.2f} s")
    print(f"workbook, whole XLSX (record read included): {workbook_s:.2f} s, {len(data) / 1024:.0f} kB, {cells} cells in the sheets' used ranges")
    print(f"reading the workbook back: {readback_s:.2f} s")
    print(f"read_s={read_s:.2f} workbook_s={workbook_s:.2f} readback_s={readback_s:.2f} cells={cells} size_kb={len(data) / 1024:.0f}")
    del rec


if __name__ == "__main__":
    main()
