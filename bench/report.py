"""Time the sponsor's report on a full-size workshop, and WeasyPrint alone on the same HTML.

    /work/venv/bin/python bench/report.py

Builds, through the services, a workshop of 18 objectives, 36 measures, 20 initiatives,
30 participants and 300 comments (plus ballots once the voting tables exist), then a second one
at 100 objectives. The whole report is load + context + Jinja + WeasyPrint; "WeasyPrint alone"
renders the very same HTML string. Each figure is the median of several runs after a warm-up.
The deck (PPTX) of the same workshop is timed alongside.
The last line is for the full-size case: report_s=<n> weasyprint_s=<n> ratio=<n> deck_s=<n>.
Target on this machine: report_s <= 3, ratio <= 1.3, deck_s <= 2.
"""

from __future__ import annotations

import io
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader

from workshop.db import scorecard, store
from workshop.deliverables import record
from workshop.deliverables.deck import slides
from workshop.deliverables.report import document, parts
from workshop.deliverables.workbook import sheets
from workshop.method import decisions, interviews, measures, objectives, plan, workshops

KEYS = ["financial", "customer", "internal", "learning"]
WORDS = [
    "client",
    "delivery",
    "margin",
    "renewal",
    "automation",
    "knowledge",
    "certification",
    "growth",
    "service",
    "quality",
    "account",
    "review",
    "cost",
    "people",
    "cloud",
    "contract",
    "satisfaction",
    "retention",
    "speed",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build(db, n_objectives: int, n_initiatives: int, n_participants: int, n_comments: int) -> int:
    rng = random.Random(n_objectives)
    with store.write(db):
        wid = workshops.create_workshop(
            db,
            "Bench Corp",
            f"Unit of {n_objectives} objectives",
            facilitator="Bench Facilitator",
            mission=sentence(rng, 20),
            vision=sentence(rng, 30),
            strategy_summary=sentence(rng, 60),
            core_strategy="operational excellence",
        )
        persp = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
        themes = [objectives.add_theme(db, wid, f"Theme {t}", sentence(rng, 12)) for t in range(4)]
        for e in range(6):
            interviews.record_interview(db, wid, f"Executive {e}", role="Director", strategy=sentence(rng, 80), notes=sentence(rng, 120))
        ids = []
        for i in range(n_objectives):
            oid = objectives.add_objective(
                db,
                wid,
                f"Objective {i}: {sentence(rng, 6)}",
                persp[KEYS[i % 4]],
                theme_id=themes[i % 4],
                owner=f"Owner {i % 7}",
                description=sentence(rng, 25),
            )
            decisions.decide_objective(db, oid, "agreed", sentence(rng, 10))
            ids.append(oid)
            for k in range(2):
                measures.add_measure(
                    db,
                    oid,
                    f"Measure {i}.{k}",
                    unit="%",
                    kind=("lead", "lag")[k],
                    baseline=40,
                    target=80,
                    green=75,
                    red=50,
                    target_date="2028-12-31",
                    data_source=f"System {i % 9}",
                    data_collection=sentence(rng, 10),
                    definition=sentence(rng, 20),
                    owner=f"Owner {k}",
                )
        for i in range(len(ids) - 1):
            if i % 4 != 0:
                objectives.add_link(db, ids[i], ids[i - 1 if i % 4 == 1 else i - 1], sentence(rng, 8))
        for i in range(n_initiatives):
            plan.add_initiative(
                db,
                wid,
                f"Initiative {i}",
                rng.sample(ids, 2),
                owner=f"Owner {i % 5}",
                start_date=f"2027-{1 + i % 9:02d}-01",
                deadline=f"2028-{1 + i % 12:02d}-28",
                budget=10000 * (1 + i % 9),
                status="approved",
                description=sentence(rng, 20),
            )
        for u in range(4):
            plan.add_cascade_unit(db, wid, f"Team {u}", owner=f"Owner {u}", due="2027-06-30", approach=sentence(rng, 15))
        people = [
            store.insert(db, "participant", {"workshop_id": wid, "name": f"Participant {p}", "token": secrets.token_urlsafe(12)})
            for p in range(n_participants)
        ]
        for c in range(n_comments):
            person = rng.choice(people)
            store.insert(
                db,
                "comment",
                {
                    "workshop_id": wid,
                    "objective_id": rng.choice(ids),
                    "participant_id": person,
                    "author": f"Participant {person}",
                    "body": sentence(rng, rng.randint(8, 60)),
                    "addressed": c % 5 == 0,
                },
            )
        db.execute("UPDATE workshop SET phase = 5 WHERE id = ?", [wid])
    return wid


def stand_in_map(card) -> str:
    """A map-sized SVG (one box per objective, one line per link) until strategy_map.py lands."""
    rows = {p.id: n for n, p in enumerate(card.perspectives)}
    place, per_row = {}, {}
    for o in card.agreed_objectives():
        row = rows[o.perspective_id]
        col = per_row.get(row, 0)
        per_row[row] = col + 1
        place[o.id] = (10 + col * 60, 10 + row * 70)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 300">']
    for link in card.links:
        (x1, y1), (x2, y2) = place.get(link.cause_id, (0, 0)), place.get(link.effect_id, (0, 0))
        parts.append(f'<line x1="{x1 + 25}" y1="{y1 + 15}" x2="{x2 + 25}" y2="{y2 + 15}" stroke="#999"/>')
    for oid, (x, y) in place.items():
        parts.append(
            f'<rect x="{x}" y="{y}" width="50" height="30" rx="4" fill="#eef3f8" stroke="#1f4e79"/>'
            f'<text x="{x + 4}" y="{y + 18}" font-size="7">Obj {oid}</text>'
        )
    return "".join(parts) + "</svg>"


def interleaved(fns: dict, repeats: int) -> dict:
    """Median wall-clock and CPU seconds per function, the functions taking turns each repeat so
    that all of them see the same machine load."""
    wall: dict = {k: [] for k in fns}
    cpu: dict = {k: [] for k in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            w, c = time.perf_counter(), time.process_time()
            fn()
            wall[name].append(time.perf_counter() - w)
            cpu[name].append(time.process_time() - c)
    return {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in fns}


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def measure(label: str, n_objectives: int, n_initiatives: int, n_comments: int, repeats: int) -> tuple[float, float]:
    db = store.connect(":memory:")
    wid = build(db, n_objectives, n_initiatives, 30, n_comments)
    card = scorecard.load(db, wid)
    ballots = store.one(db, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'ballot'")["n"]
    original_extras = parts.extras
    if "map_svg" not in original_extras(record.read(db, wid)):
        parts.extras = lambda rec: {**original_extras(rec), "map_svg": stand_in_map(rec.card)}
    try:
        html = document.build_html(record.read(db, wid))
        pdf = document.build_pdf(record.read(db, wid))  # warm-up: fonts and caches
        times = interleaved(
            {
                "report": lambda: document.build_pdf(record.read(db, wid)),
                "weasyprint": lambda: document.render_pdf(html),
                "workbook": lambda: sheets.build_xlsx(record.read(db, wid)),
                "deck": lambda: slides.build_pptx(record.read(db, wid)),
            },
            repeats,
        )
    finally:
        parts.extras = original_extras
    (report_s, report_cpu), (weasy_s, weasy_cpu), (xlsx_s, _) = (times["report"], times["weasyprint"], times["workbook"])
    deck_s = times["deck"][0]
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"{label}: {n_objectives} objectives, {len(card.measures)} measures, {len(card.initiatives)} initiatives, "
        f"{len(card.participants)} participants, {len(card.comments)} comments, "
        f"{'ballot table present' if ballots else 'no ballot table yet'}; {pages} pages, {len(pdf) // 1024} KiB"
    )
    print(
        f"  report {report_s:.2f} s · WeasyPrint alone {weasy_s:.2f} s · ratio {report_s / weasy_s:.2f} · "
        f"workbook {xlsx_s * 1000:.0f} ms · deck {deck_s:.2f} s (medians of {repeats} interleaved runs)"
    )
    print(f"  CPU time: report {report_cpu:.2f} s · WeasyPrint alone {weasy_cpu:.2f} s · load average {load_average()} on {os.cpu_count()} cores")
    return report_s, weasy_s, deck_s


def main() -> None:
    measure("at 100 objectives", 100, 111, 1667, 3)
    report_s, weasy_s, deck_s = measure("full size", 18, 20, 300, 7)
    print(f"report_s={report_s:.2f} weasyprint_s={weasy_s:.2f} ratio={report_s / weasy_s:.2f} deck_s={deck_s:.2f}")


if __name__ == "__main__":
    main()
