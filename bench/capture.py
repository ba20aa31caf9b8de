"""Capture at the speed of the room: how many clicks and filled fields it takes to enter a modest
scorecard in real Chromium, the fastest way the app allows, typed and then uploaded.

    /work/main/.venv/bin/python bench/capture.py [--headed] [--shots DIR]

The scorecard (the same both ways): one executive interview, 12 draft objectives over the four
perspectives (3 themes), the room's decision on each, 10 causal links with their hypotheses, 14
measures with baselines, targets and target dates, 5 initiatives with owners, dates and budgets.

Typed path (no file): create the workshop, record the interview in its form, paste the drafts from
a spreadsheet into the drafts box, agree them together on the consensus page, draw each link on the
map (click the cause, click the effect, type the hypothesis, add), paste the measures and the
initiatives into their boxes. Upload path: create the workshop, record the interview, upload one
workbook (sheets Objectives with their decisions, Links, Measures, Initiatives), save.

An action is one click or one field filled (a paste fills one field; a file chosen is one action);
the robot's reading of the page is not counted. Each path ends by checking the database holds the
whole scorecard. Last line: actions=<n> upload_actions=<n> seconds=<n> (seconds: the typed path's
wall time, machine shared, so noisy).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from helpers import CHROMIUM, RunningApp, map_point, wait_for_app  # noqa: E402

from workshop.db import scorecard, store  # noqa: E402
from workshop.deliverables.map import graph, layout  # noqa: E402

EXECUTIVE = "Helen Park"
THEMES = ("Recurring growth", "Operational excellence", "Client intimacy")
DRAFTS = [  # title, perspective, theme
    ("Grow revenue by 25%", "Financial", THEMES[0]),
    ("Raise the share of recurring revenue", "Financial", THEMES[0]),
    ("Improve profit margin to 18%", "Financial", THEMES[1]),
    ("Grow contract renewal to 85%", "Customer", THEMES[0]),
    ("Raise client satisfaction above 90%", "Customer", THEMES[2]),
    ("Win more work from existing clients", "Customer", THEMES[2]),
    ("Reduce project delivery time by 30%", "Internal processes", THEMES[1]),
    ("Achieve 99% quality on first delivery", "Internal processes", THEMES[1]),
    ("Run quarterly service reviews with every client", "Internal processes", THEMES[2]),
    ("Develop a technical certification programme", "Learning & growth", THEMES[1]),
    ("Build an account management capability", "Learning & growth", THEMES[0]),
    ("Retain our experienced engineers", "Learning & growth", THEMES[1]),
]
LINKS = [  # cause, effect, hypothesis (by draft number)
    (9, 6, "Certified engineers deliver faster."),
    (9, 7, "Certified engineers make fewer errors."),
    (11, 6, "People who stay know the shortcuts."),
    (10, 8, "Account managers hold the reviews."),
    (6, 4, "Fast delivery pleases clients."),
    (7, 4, "Right first time pleases clients."),
    (8, 5, "Reviews surface new work."),
    (4, 3, "Satisfied clients renew."),
    (3, 1, "Renewals are recurring revenue."),
    (5, 0, "More work from clients is growth."),
]
MEASURES = [  # draft, name, unit, kind, baseline, target, target date
    (0, "Revenue growth, year on year", "", "lag", "8%", "25%", "31.12.2028"),
    (1, "Recurring share of revenue", "", "lag", "35%", "50%", "Q4 2027"),
    (2, "Operating margin", "", "lag", "12%", "18%", "2027-12-31"),
    (3, "Contract renewal rate", "", "lag", "72%", "85%", "Q4 2027"),
    (4, "Client satisfaction score", "", "lag", "81%", "90%", "30.06.2027"),
    (5, "Revenue from existing clients", "EUR", "lag", "1,200,000", "1.8m", "Q2 2028"),
    (6, "Average delivery time", "days", "lag", "42", "29", "Q3 2027"),
    (6, "Projects delivered on time", "", "lead", "70%", "90%", "Q3 2027"),
    (7, "First-time-right deliveries", "", "lag", "93%", "99%", "31.12.2027"),
    (8, "Clients with a quarterly review held", "", "lead", "20%", "100%", "Q1 2027"),
    (9, "Engineers certified", "", "lead", "15%", "80%", "31.12.2027"),
    (10, "Key accounts with a named manager", "", "lead", "30%", "100%", "Q2 2027"),
    (11, "Engineer attrition", "", "lag", "14%", "8%", "Q4 2027"),
    (11, "Senior engineers retained", "", "lead", "88%", "95%", "Q4 2027"),
]
INITIATIVES = [  # name, serves (draft numbers), owner, start, deadline, budget
    ("Field certification programme", (9, 7), "HR lead", "01.01.2027", "Q4 2027", "250k"),
    ("Key account programme", (10, 5), "Sales director", "2027-02-01", "Q3 2027", "180,000"),
    ("Quarterly review playbook", (8, 4), "Service director", "01.03.2027", "30.06.2027", "40k"),
    ("Delivery lean sprint", (6, 2), "COO", "Q1 2027", "Q4 2027", "1.2m"),
    ("Engineer retention plan", (11,), "HR lead", "2027-01-15", "Q2 2028", "300k"),
]


def _tsv(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in rows)


def drafts_table() -> list[list[str]]:
    return [["Objective", "Perspective", "Theme", "Drawn from"]] + [[t, p, th, EXECUTIVE] for t, p, th in DRAFTS]


def measures_table() -> list[list[str]]:
    return [["Objective", "Measure", "Unit", "Lead/lag", "Baseline", "Target", "Target date", "Owner"]] + [
        [DRAFTS[d][0], name, unit, kind, base, target, date, "Omar Said"] for d, name, unit, kind, base, target, date in MEASURES
    ]


def initiatives_table() -> list[list[str]]:
    return [["Initiative", "Serves", "Owner", "Start", "Deadline", "Budget"]] + [
        [name, "; ".join(DRAFTS[d][0] for d in serves), owner, start, end, budget] for name, serves, owner, start, end, budget in INITIATIVES
    ]


def workbook() -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {
        "Objectives": [r + (["Decision"] if n == 0 else ["agreed"]) for n, r in enumerate(drafts_table())],
        "Links": [["Cause", "Effect", "Hypothesis"]] + [[DRAFTS[c][0], DRAFTS[e][0], h] for c, e, h in LINKS],
        "Measures": measures_table(),
        "Initiatives": initiatives_table(),
    }
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class Robot:
    """Acts on the page and counts what a person would do: clicks and fields filled."""

    def __init__(self, page, shots: Path | None):
        self.page, self.actions, self.shots, self.n = page, 0, shots, 0

    def click(self, locator) -> None:
        locator.click()
        self.actions += 1
        wait_for_app(self.page)

    def fill(self, locator, text: str, *, commit: bool = False) -> None:
        locator.fill(text)
        if commit:  # a text area sends its text when the person leaves it (Ctrl+Enter here)
            locator.press("Control+Enter")
        self.actions += 1
        wait_for_app(self.page)

    def go(self, link_text: str) -> None:
        self.click(self.page.get_by_role("link", name=link_text).first)

    def shot(self, name: str) -> None:
        if self.shots:
            self.n += 1
            self.page.screenshot(path=str(self.shots / f"{self.n:02d}-{name}.png"))


def create_workshop(r: Robot, app, name: str) -> int:
    r.page.goto(app.url)
    wait_for_app(r.page)
    r.fill(r.page.get_by_role("textbox", name="Organisation"), "Atlas Digital")
    r.fill(r.page.get_by_role("textbox", name="Unit the scorecard is for"), name)
    r.click(r.page.get_by_role("button", name="Create workshop"))
    r.page.get_by_text("1 · Measurement architecture").first.wait_for(timeout=30_000)
    db = store.connect(app.db_file)
    wid = max(w["id"] for w in db.query("SELECT id FROM workshop"))
    db.close()
    return wid


def record_interview(r: Robot) -> None:
    r.go("2 · Interviews & drafts")
    r.fill(r.page.get_by_role("textbox", name="Executive"), EXECUTIVE)
    r.fill(r.page.get_by_role("textbox", name="Role"), "Chief executive")
    r.click(r.page.get_by_role("button", name="Record interview"))
    r.page.get_by_text(EXECUTIVE).first.wait_for(timeout=30_000)


def paste_and_save(r: Robot, opener: str, text: str, rows: int) -> None:
    r.click(r.page.get_by_text(opener))
    box = r.page.get_by_role("textbox", name="Paste rows from Excel or Google Sheets").filter(visible=True)
    r.fill(box, text, commit=True)
    r.click(r.page.get_by_role("button", name=f"Save these {rows} rows"))


def agree_all(r: Robot) -> None:
    r.go("3 · Consensus workshop")
    picker = r.page.locator('[data-testid="stMultiSelect"]').filter(has_text="Agree several drafts at once").get_by_role("combobox")
    for title, _, _ in DRAFTS:
        if not r.page.get_by_role("option").first.is_visible():
            r.click(picker)
        r.click(r.page.get_by_role("option", name=title, exact=False).first)
    r.page.keyboard.press("Escape")
    r.click(r.page.get_by_role("button", name=f"Record {len(DRAFTS)} as agreed"))
    r.page.get_by_text("Every objective has a decision.").wait_for(timeout=30_000)


def link_on_map(r: Robot, app, wid: int) -> None:
    r.go("Strategy map")
    frame = r.page.frame_locator('iframe[title="streamlit_agraph.agraph"]')
    r.click(r.page.get_by_text("Link by clicking", exact=True))
    db = store.connect(app.db_file)
    for cause_n, effect_n, hypothesis in LINKS:
        card = scorecard.load(db, wid)
        ids = {o.title: o.id for o in card.objectives}
        cause, effect = ids[DRAFTS[cause_n][0]], ids[DRAFTS[effect_n][0]]
        lay = layout.layout(card)
        for marked, target in (((), cause), ((cause,), effect)):
            frame.locator("canvas").wait_for(timeout=30_000)
            r.page.wait_for_timeout(700)  # the network draws itself after the frame loads
            canvas = frame.locator("canvas").bounding_box()
            spec = graph.graph_spec(card, marked=marked)
            box = lay.boxes[target]
            r.page.mouse.click(*map_point(spec, canvas, box.cx, box.cy))
            r.actions += 1
            wait_for_app(r.page)
        field = r.page.get_by_role("textbox", name="Why does the first lead to the second? (the hypothesis)")
        field.wait_for(timeout=30_000)
        r.fill(field, hypothesis)
        r.click(r.page.get_by_role("button", name="Add the link").first)
        r.page.get_by_text("Click the cause").wait_for(timeout=30_000)
    db.close()


def typed_path(r: Robot, app) -> int:
    wid = create_workshop(r, app, "Managed Cloud Services")
    record_interview(r)
    r.click(r.page.get_by_role("tab", name="Draft objectives"))
    paste_and_save(r, "Paste or upload many objectives at once", _tsv(drafts_table()), len(DRAFTS))
    r.shot("drafts")
    agree_all(r)
    r.shot("agreed")
    link_on_map(r, app, wid)
    r.shot("map")
    r.go("4 · Measure selection")
    r.click(r.page.get_by_role("tab", name="All measures"))
    paste_and_save(r, "Paste or upload many measures at once", _tsv(measures_table()), len(MEASURES))
    r.shot("measures")
    r.go("5 · Implementation plan")
    paste_and_save(r, "Paste or upload many initiatives at once", _tsv(initiatives_table()), len(INITIATIVES))
    r.shot("initiatives")
    return wid


def upload_path(r: Robot, app, book: Path) -> int:
    wid = create_workshop(r, app, "Managed Cloud Services (uploaded)")
    record_interview(r)
    r.click(r.page.get_by_role("tab", name="Draft objectives"))
    r.click(r.page.get_by_text("Paste or upload many objectives at once"))
    r.page.locator('input[type="file"]').first.set_input_files(str(book))
    r.actions += 1
    wait_for_app(r.page)
    total = len(DRAFTS) + len(LINKS) + len(MEASURES) + len(INITIATIVES)
    r.click(r.page.get_by_role("button", name=f"Save these {total} rows"))
    r.shot("uploaded")
    return wid


def check(app, wid: int) -> str:
    db = store.connect(app.db_file)
    card = scorecard.load(db, wid)
    db.close()
    got = (len(card.interviews), len(card.agreed_objectives()), len(card.links), len(card.measures), len(card.initiatives), len(card.themes))
    want = (1, len(DRAFTS), len(LINKS), len(MEASURES), len(INITIATIVES), len(THEMES))
    if got != want:
        raise SystemExit(
            f"the scorecard is incomplete: got {got}, wanted {want} (interviews, agreed objectives, links, measures, initiatives, themes)"
        )
    percent = [m for m in card.measures if m.unit == "%"]
    return (
        f"{got[1]} objectives agreed, {got[2]} links, {got[3]} measures ({len(percent)} in %), "
        f"{got[4]} initiatives, {sum(i.budget or 0 for i in card.initiatives):,.0f} budget"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--headed", action="store_true")
    parser.add_argument("--shots", type=Path, help="keep a screenshot of each step here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "scorecard.xlsx"
        book.write_bytes(workbook())
        app = RunningApp(Path(tmp) / "capture.db")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=not args.headed, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1600, "height": 1000})
                if args.shots:
                    args.shots.mkdir(parents=True, exist_ok=True)
                typed = Robot(page, args.shots)
                started = time.monotonic()
                try:
                    wid = typed_path(typed, app)
                except Exception:
                    if args.shots:
                        page.screenshot(path=str(args.shots / "failed.png"))
                    raise
                seconds = time.monotonic() - started
                print(f"typed:  {typed.actions} actions in {seconds:.0f} s · {check(app, wid)}")
                uploaded = Robot(page, args.shots)
                started = time.monotonic()
                wid = upload_path(uploaded, app, book)
                upload_seconds = time.monotonic() - started
                print(f"upload: {uploaded.actions} actions in {upload_seconds:.0f} s · {check(app, wid)}")
                browser.close()
        finally:
            app.stop()
    print(f"actions={typed.actions} upload_actions={uploaded.actions} seconds={seconds:.0f}")


if __name__ == "__main__":
    main()
