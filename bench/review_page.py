"""Time the review meeting page at 100 objectives.

    .venv/bin/python bench/review_page.py [--objectives 100] [--again 5]

Builds the review pack's benchmark workshop in a database file (bench/review.py: the strategy
document's 100 objectives, 200 measures, 111 initiatives, every measure quarterly with eight quarters
of actuals, spend per quarter for a third of the initiatives, two closed reviews with 24 actions and a
verdict on every link), then opens the review page with AppTest as bench/actuals.py does: the script
run from the switch until it has drawn, on a warm app (the first opening, which pays the imports, is
not timed). The page opens on its Scorecard tab (the map by status and the table of every measure);
the Hypotheses and Actions tabs are timed too, each chosen as the facilitator would.

Each figure is the wall-clock median and, beside it, the process's CPU time (AppTest runs the script
in this process), which a loaded machine does not inflate as much.
Prints a line per figure and last: page_open_s=<n> page_cpu_s=<n> hypotheses_s=<n> actions_s=<n>.
Target (issue 24): the review page opens in <= 1.5 s at 100 objectives. The machine is shared: the
load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.report import build  # noqa: E402
from bench.review import with_actuals, with_reviews  # noqa: E402
from ui import nav  # noqa: E402
from workshop.db import scorecard, store  # noqa: E402

CPU: list[float] = []  # the process's CPU time of each timed run (AppTest runs the script in this process)


def timed(again: int, action) -> float:
    times, CPU[:] = [], []
    for _ in range(again):
        times.append(action())
    return statistics.median(times)


def cpu() -> float:
    return statistics.median(CPU)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objectives", type=int, default=100)
    parser.add_argument("--again", type=int, default=5)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="bench-review-page-")) / "bench.db"
    db = store.connect(path)
    began = time.perf_counter()
    wid = build(db, args.objectives, 111, 30, 1667)
    with_actuals(db, wid)
    with_reviews(db, wid)
    card = scorecard.load(db, wid)
    print(
        f"built {len(card.agreed_objectives())} objectives, {len(card.measures)} measures with 8 quarters, {len(card.links)} links, "
        f"{len(card.initiatives)} initiatives in {time.perf_counter() - began:.1f} s ({path})"
    )
    os.environ["WORKSHOP_DB"] = str(path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state.workshop_id = wid
    at.run()
    at.switch_page(nav.REVIEW.script).run()  # the first opening pays the imports
    assert not at.exception, at.exception

    def page() -> float:
        at.switch_page(nav.START.script).run()
        at.session_state["review-tabs"] = "Scorecard"
        began, busy = time.perf_counter(), time.process_time()
        at.switch_page(nav.REVIEW.script).run()
        took = time.perf_counter() - began
        CPU.append(time.process_time() - busy)
        assert not at.exception and at.dataframe, at.exception
        return took

    def tab(name: str) -> float:
        at.session_state["review-tabs"] = name
        began, busy = time.perf_counter(), time.process_time()
        at.run()
        took = time.perf_counter() - began
        CPU.append(time.process_time() - busy)
        assert not at.exception, at.exception
        return took

    page_s = timed(args.again, page)
    rows = max(len(e.value) for e in at.dataframe)
    page_cpu = cpu()
    print(f"review page open on its Scorecard tab (AppTest): {page_s:.2f} s (CPU {page_cpu:.2f} s), {rows} measures in its table")
    hypotheses_s = timed(args.again, lambda: tab("Hypotheses"))
    print(f"Hypotheses tab: {hypotheses_s:.2f} s (CPU {cpu():.2f} s; {len(at.button)} buttons drawn, a page of links at a time)")
    actions_s = timed(args.again, lambda: tab("Actions"))
    print(f"Actions tab: {actions_s:.2f} s (CPU {cpu():.2f} s)")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (medians of {args.again} runs)")
    print(f"page_open_s={page_s:.2f} page_cpu_s={page_cpu:.2f} hypotheses_s={hypotheses_s:.2f} actions_s={actions_s:.2f}")


if __name__ == "__main__":
    main()
