"""Time the actuals at scale: 150 monthly measures over 60 months, every month reported.

    .venv/bin/python bench/actuals.py [--measures 150] [--months 60] [--again 5]

Builds the workshop through the services (the figures saved with `actuals.save_rows`, timed too),
then times, each the median of `--again` runs after one untimed warm-up: `period_reads.tracks`
(every measure's periods read whole), `actual_reads.latest` (what `status` prints), the `status`
command as a user runs it (a new Python process, imports included), and the actuals page opened
with AppTest (the script run of the page from the switch until it has drawn, on a warm app).

Prints a line per figure and last: page_open_s=<n> status_s=<n> tracks_s=<n>.
Targets (issue 23): the page opens in <= 1.5 s, `status` in <= 5 s. The machine is shared: the
load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from ui import nav  # noqa: E402
from workshop.core.periods import add_months  # noqa: E402
from workshop.db import actual_reads, period_reads, store  # noqa: E402
from workshop.db import scorecard as scorecard_reads  # noqa: E402
from workshop.method import actuals, decisions, measures, objectives, workshops  # noqa: E402

KEYS = ["financial", "customer", "internal", "learning"]


def build(db, n_measures: int, n_months: int) -> int:
    import datetime as dt

    start = dt.date(2025, 1, 1)
    last = add_months(start, n_months - 1)
    with store.write(db):
        wid = workshops.create_workshop(db, "Bench", "Actuals")
        actuals.set_calendar(db, wid, reporting_start=start.isoformat())
        persp = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
        objective_ids = []
        for n in range(n_measures // 2):
            oid = objectives.add_objective(db, wid, f"Objective {n + 1}", persp[KEYS[n % 4]])
            decisions.decide_objective(db, oid, "agreed")
            objective_ids.append(oid)
        names = []
        for n in range(n_measures):
            name = f"Measure {n + 1}"
            measures.add_measure(
                db,
                objective_ids[n % len(objective_ids)],
                name,
                unit="%" if n % 2 else "EUR k",
                frequency="monthly",
                nature="level" if n % 2 else "flow",
                baseline=50,
                target="≥ 80" if n % 3 else "≤ 20",
                direction="higher" if n % 3 else "lower",
                target_date=f"{last.year}-{last.month:02d}-28",
            )
            names.append(name)
    rows = [
        {"measure": name, "period": f"{add_months(start, m):%Y-%m}", "actual": str(40 + (n * 7 + m * 3) % 50), "comment": "" if m % 5 else "Noted."}
        for n, name in enumerate(names)
        for m in range(n_months)
    ]
    began = time.perf_counter()
    for chunk in range(0, len(rows), 2000):
        actuals.save_rows(db, wid, rows[chunk : chunk + 2000])
    print(f"save_rows: {len(rows)} figures in {time.perf_counter() - began:.2f} s")
    return wid


def median(again: int, action) -> float:
    action()  # warm-up, untimed
    times = []
    for _ in range(again):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=150)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--again", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-actuals-"))
    path = folder / "bench.db"
    db = store.connect(path)
    began = time.perf_counter()
    wid = build(db, args.measures, args.months)
    print(f"built {args.measures} measures x {args.months} months in {time.perf_counter() - began:.1f} s ({path})")
    card = scorecard_reads.load(db, wid)
    tracks_s = median(args.again, lambda: period_reads.tracks(db, card))
    print(f"period_reads.tracks: {tracks_s:.3f} s")
    latest_s = median(args.again, lambda: actual_reads.latest(db, scorecard_reads.load(db, wid)))
    print(f"actual_reads.latest (load + tracks + lines): {latest_s:.3f} s")

    def status() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "workshop", "status", "--db", str(path), "--workshop", str(wid)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert len(done.stdout.splitlines()) == args.measures + 1

    status_s = median(min(args.again, 3), status)
    print(f"status command (new process): {status_s:.2f} s")

    os.environ["WORKSHOP_DB"] = str(path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state.workshop_id = wid
    at.run()
    at.switch_page(nav.ACTUALS.script).run()  # the first opening pays the imports
    assert not at.exception, at.exception

    def page() -> None:
        at.switch_page(nav.START.script).run()
        began = time.perf_counter()
        at.switch_page(nav.ACTUALS.script).run()
        page.took.append(time.perf_counter() - began)  # type: ignore[attr-defined]
        assert not at.exception and at.dataframe

    page.took = []  # type: ignore[attr-defined]
    for _ in range(args.again):
        page()
    page_s = statistics.median(page.took)  # type: ignore[attr-defined]
    print(f"actuals page open (AppTest): {page_s:.2f} s, {len(at.dataframe[0].value)} rows in its table")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(f"page_open_s={page_s:.2f} status_s={status_s:.2f} tracks_s={tracks_s:.3f}")


if __name__ == "__main__":
    main()
