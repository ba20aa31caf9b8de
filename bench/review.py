"""Time the review pack at 100 objectives, and WeasyPrint alone on the same HTML.

    .venv/bin/python bench/review.py

Builds the strategy document's benchmark workshop (bench/report.py: 100 objectives, 200 measures,
111 initiatives, 1,667 comments), makes every measure quarterly with eight quarters of actuals
(2025–2026), gives a third of the initiatives spend per quarter, and holds two closed reviews with
actions and a verdict on every link. The whole pack is read_review + story + Jinja + WeasyPrint;
"WeasyPrint alone" renders the very same HTML string. Each figure is the median of interleaved runs
after a warm-up. The deck (PPTX) of the same pack is timed alongside.
The last line: pack_s=<n> weasyprint_s=<n> ratio=<n> deck_s=<n>. Target on this machine: ratio <= 1.3.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader

from bench.report import build, interleaved, load_average
from workshop.db import period_reads, scorecard, store
from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.deliverables.review import document as review_document
from workshop.deliverables.review import slides
from workshop.method import reviews

TODAY = dt.date(2026, 12, 8)
LAST = dt.date(2026, 12, 31)


def with_actuals(db, wid: int) -> None:
    """Every measure quarterly, a level phased from its baseline, with eight quarters of actuals."""
    with store.write(db):
        db.execute("UPDATE workshop SET reporting_start = '2025-01-01' WHERE id = ?", [wid])
        db.execute(
            "UPDATE measure SET frequency = 'quarterly', nature = 'level' WHERE objective_id IN (SELECT id FROM objective WHERE workshop_id = ?)",
            [wid],
        )
    card = scorecard.load(db, wid)
    rows = []
    for n, track in enumerate(period_reads.tracks(db, card, TODAY)):
        shape = (1.04, 0.93, 0.8)[n % 3]
        for k, row in enumerate(r for r in track.rows if r.period.ends <= LAST):
            actual = round(row.planned * (shape if k >= 2 else 1.0) * (1 + 0.03 * math.sin(k * 1.7 + n)), 2)
            comment = f"Owner's note on quarter {k + 1}: behind plan, recovery under way." if shape < 0.9 and k == 7 else ""
            rows.append(
                {"measure_id": track.measure.id, "starts": f"{row.period.starts}", "ends": f"{row.period.ends}", "actual": actual, "comment": comment}
            )
    spend = []
    for i in card.initiatives[::3]:
        for q, starts in enumerate(("2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01")):
            ends = {"01": "03-31", "04": "06-30", "07": "09-30", "10": "12-31"}[starts[5:7]]
            spend.append({"initiative_id": i.id, "starts": starts, "ends": f"2026-{ends}", "planned_spend": 10000.0, "spend": 9000.0 + 1000 * q})
    with store.write(db):
        db["measure_period"].insert_all(rows)
        db["initiative_period"].insert_all(spend)


def with_reviews(db, wid: int) -> None:
    card = scorecard.load(db, wid)
    q3 = reviews.open_review(db, wid, "2026-07-01", "2026-09-30")
    for n in range(12):
        reviews.add_action(db, q3, f"Action {n} from the third quarter's review", owner=f"Owner {n % 5}", due=f"2026-{10 + n % 3}-15")
    reviews.close_review(db, q3, next_review="2027-01-20")
    q4 = reviews.open_review(db, wid, "2026-10-01", "2026-12-31")
    for n in range(12):
        reviews.add_action(db, q4, f"Action {n} from the fourth quarter's review", owner=f"Owner {n % 5}", due="2027-02-28")
    pack = record.read_review(db, wid, "Q4 2026", today=TODAY)
    for link in card.links:
        found = pack.evidence[link.id].headline
        reviews.record_verdict(db, q4, link.id, ("holds", "does not hold", "too early to tell")[link.id % 3], found[2] if found else None)
    reviews.close_review(db, q4, next_review="2027-04-20")


def main() -> None:
    db = store.connect(":memory:")
    wid = build(db, 100, 111, 30, 1667)
    with_actuals(db, wid)
    with_reviews(db, wid)
    pack = record.read_review(db, wid, today=TODAY)
    html = review_document.build_html(pack)
    pdf = review_document.build_pdf(record.read_review(db, wid, today=TODAY))  # warm-up: fonts and caches
    times = interleaved(
        {
            "pack": lambda: review_document.build_pdf(record.read_review(db, wid, today=TODAY)),
            "weasyprint": lambda: document.render_pdf(html),
            "deck": lambda: slides.build_pptx(record.read_review(db, wid, today=TODAY)),
        },
        3,
    )
    (pack_s, pack_cpu), (weasy_s, weasy_cpu), (deck_s, _) = times["pack"], times["weasyprint"], times["deck"]
    card = pack.card
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"review pack of {pack.period.label()}: {len(card.agreed_objectives())} objectives, {len(pack.tracks)} measures with 8 quarters, "
        f"{len(card.links)} links, {len(card.initiatives)} initiatives, {len(pack.actions)} actions; {pages} pages, {len(pdf) // 1024} KiB"
    )
    print(f"  pack {pack_s:.2f} s · WeasyPrint alone {weasy_s:.2f} s · ratio {pack_s / weasy_s:.2f} · deck {deck_s:.2f} s (medians of 3 runs)")
    print(f"  CPU time: pack {pack_cpu:.2f} s · WeasyPrint alone {weasy_cpu:.2f} s · load average {load_average()} on {os.cpu_count()} cores")
    print(f"pack_s={pack_s:.2f} weasyprint_s={weasy_s:.2f} ratio={pack_s / weasy_s:.2f} deck_s={deck_s:.2f}")


if __name__ == "__main__":
    main()
