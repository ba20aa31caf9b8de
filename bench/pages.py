"""Time every facilitator page in a real browser, on a 100-objective workshop and on the demo.

    .venv/bin/python bench/pages.py [--objectives 100] [--again 3]

Builds one database through the services: the demo, and a workshop of N agreed objectives (one or
two measures each, causal links along each perspective, initiatives, cascade units, 12
participants who rated every draft objective in workshop 1 and every measure in workshop 2, and
comments). Starts the app with `streamlit run` on that database (the project's
.streamlit/config.toml applies), opens headless Chromium, and for each workshop clicks every link
in the sidebar in turn, timing each page from the click until the script has finished
(`[data-test-script-state="notRunning"]` on the app, after it was "running" for this click).
Every page is first opened once on the demo, untimed, so module imports (WeasyPrint, pandas,
python-pptx) are paid before anything is timed, as on a facilitator's laptop where the app has been
open a while; that first opening is printed too. The slowest pages of the big workshop
are then opened `--again` more times and their figure is the median.

Prints a line per page and last: slowest_page_s=<n> slowest=<page> pages=<n> objectives=<n>.
Target on this machine: every page <= 1.5 s at 100 objectives, <= 1 s on the demo. The machine
is shared: the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from workshop.db import store  # noqa: E402
from workshop.method import decisions, interviews, measures, objectives, plan, workshops  # noqa: E402
from workshop.room import access, discussion, joining, voting  # noqa: E402
from workshop.starters import demo  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PASSPHRASE = "bench passphrase"
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
]
GRADIENTS = ["endorse", "endorse", "reservations", "endorse", "more_discussion", "disagree_but_support"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build_big(db, n: int) -> int:
    """A workshop at phase 5 with `n` agreed objectives and everything the pages show about them."""
    rng = random.Random(n)
    with store.write(db):
        wid = workshops.create_workshop(
            db,
            "Bench Corp",
            f"Division of {n} objectives",
            facilitator="Bench Facilitator",
            mission=sentence(rng, 20),
            vision=sentence(rng, 30),
            strategy_summary=sentence(rng, 60),
            core_strategy="operational excellence",
        )
        persp = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
        themes = [objectives.add_theme(db, wid, f"Theme {t}", sentence(rng, 12)) for t in range(4)]
        for e in range(6):
            interviews.record_interview(db, wid, f"Executive {e}", role="Director", strategy=sentence(rng, 60), notes=sentence(rng, 80))
        ids = [
            objectives.add_objective(
                db,
                wid,
                f"Objective {i}: {sentence(rng, 5)}",
                persp[KEYS[i % 4]],
                theme_id=themes[i % 4],
                owner=f"Owner {i % 7}",
                description=sentence(rng, 20),
            )
            for i in range(n)
        ]
    code = joining.join_code(db, wid)
    tokens = [joining.join(db, code, f"Participant {p}")["token"] for p in range(12)]
    rid = voting.open_round(db, wid, [("objective", o) for o in ids], method="gradients", title="Draft objectives", anonymity="facilitator_only")
    items = [i["id"] for i in voting.round_items(db, rid)]
    for who, token in enumerate(tokens):
        voting.submit(db, token, rid, {item: GRADIENTS[(who + k) % len(GRADIENTS)] for k, item in enumerate(items)})
    voting.close_round(db, rid)
    with store.write(db):
        for i, oid in enumerate(ids):
            decisions.decide_objective(db, oid, "agreed", sentence(rng, 8))
            for k in range(1 + i % 2):
                measures.add_measure(
                    db,
                    oid,
                    f"Measure {i}.{k}",
                    unit="%",
                    kind=("lag", "lead")[k],
                    baseline=40,
                    target=80,
                    green=75,
                    red=50,
                    target_date="2028-12-31",
                    data_source=f"System {i % 9}",
                    data_collection=sentence(rng, 10),
                    definition=sentence(rng, 16),
                    owner=f"Owner {k}",
                )
        for i in range(1, n):  # objectives drive one or two of the perspective above them
            for effect in (i - 1, i - 5) if i % 4 else ():
                if effect >= 0:
                    objectives.add_link(db, ids[i], ids[effect], sentence(rng, 6))
        for i in range(n // 3):
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
                description=sentence(rng, 16),
            )
        for u in range(4):
            plan.add_cascade_unit(db, wid, f"Team {u}", owner=f"Owner {u}", due="2027-06-30", approach=sentence(rng, 12))
    measure_items = [(m["kind"], m["id"]) for m in voting.eligible_items(db, wid, 2)]
    rid = voting.open_round(db, wid, measure_items, method="rating", workshop_number=2, title="Proposed measures", anonymity="anonymous")
    items = [i["id"] for i in voting.round_items(db, rid)]
    for who, token in enumerate(tokens):
        voting.submit(db, token, rid, {item: 3 + (who + k) % 3 for k, item in enumerate(items)})
    voting.close_round(db, rid)
    for c in range(3 * n):
        discussion.add_comment(db, wid, f"Participant {c % 12}", sentence(rng, rng.randint(6, 30)), objective_id=rng.choice(ids))
    with store.write(db):
        db.execute("UPDATE workshop SET phase = 5 WHERE id = ?", [wid])
    return wid


# --- the app and the browser --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """`streamlit run app.py` on a free port with its own database file."""

    def __init__(self, db_file: Path):
        self.url = f"http://127.0.0.1:{free_port()}"
        port = self.url.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", port, "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=ROOT,
            env={**os.environ, "WORKSHOP_DB": str(db_file)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/_stcore/health", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()[-2000:]) from None
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("streamlit did not start within 60 s")

    def cpu_s(self) -> float:
        """CPU seconds the server has used (a figure other sessions on the machine barely move)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


APP = '[data-testid="stApp"]'
CLICK = """(title) => {
  const link = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
    .find(a => a.innerText.trim().endsWith(title));
  link.click();
}"""
DRAWN = """async () => {
  const app = () => document.querySelector('[data-testid="stApp"]');
  while (app().getAttribute('data-test-script-state') !== 'notRunning')
    await new Promise(r => setTimeout(r, 5));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
}"""


class Wire:
    """The page's websocket frames as Chromium saw them (DevTools protocol), to tell when the
    server has finished the script run a click asked for. Frames carry the browser's own clock."""

    def __init__(self, page):
        self.sent: list[float] = []
        self.finished: list[tuple[float, int]] = []
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameSent", lambda e: self.sent.append(e["timestamp"]))
        cdp.on("Network.webSocketFrameReceived", self._received)
        cdp.send("Network.enable")

    def _received(self, event: dict) -> None:
        frame = event["response"]
        if frame.get("opcode") != 2:
            return
        msg = ForwardMsg()
        msg.ParseFromString(base64.b64decode(frame["payloadData"]))
        if msg.WhichOneof("type") == "script_finished":
            self.finished.append((event["timestamp"], msg.script_finished))


def wait_ready(page) -> None:
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=60_000)
    page.wait_for_selector(f'{APP}[data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_timeout(300)
    page.wait_for_selector(f'{APP}[data-test-script-state="notRunning"]', timeout=60_000)


def sidebar_titles(page) -> list[str]:
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if more.count() and "more" in more.inner_text().lower():
        more.click()
    return [
        t.strip().splitlines()[-1].strip()  # the text after the icon's ligature
        for t in page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    ]


def open_by_link(page, wire: Wire, title: str) -> tuple[float, float]:
    """Click the page's sidebar link. Returns (seconds until the browser had the script's end and
    had drawn it with the app showing notRunning, seconds the server took as seen on the wire:
    from the rerun request sent to its script_finished received)."""
    sent, finished = len(wire.sent), len(wire.finished)
    started = time.perf_counter()
    page.evaluate(CLICK, title)
    deadline = started + 120
    while not any(status == ForwardMsg.FINISHED_SUCCESSFULLY for _, status in wire.finished[finished:]):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{title}: the script did not finish within 120 s")
        page.wait_for_timeout(5)  # lets Playwright deliver the DevTools events
    page.evaluate(DRAWN)
    drawn = time.perf_counter() - started
    done = next(t for t, status in wire.finished[finished:] if status == ForwardMsg.FINISHED_SUCCESSFULLY)
    on_wire = done - wire.sent[sent] if len(wire.sent) > sent else float("nan")
    if page.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{title}: {page.locator('[data-testid=stException]').first.inner_text()[:300]}")
    return drawn, on_wire


def open_workshop(browser, url: str, wid: int):
    """A facilitator's tab on the workshop, its passphrase given; returns the page and its wire."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{url}/?w={wid}")
    wait_ready(page)
    wire = Wire(page)
    open_by_link(page, wire, sidebar_titles(page)[1])
    page.get_by_label("Passphrase", exact=True).fill(PASSPHRASE)
    page.get_by_role("button", name="Open the workshop").click()
    wait_ready(page)
    return page, wire


def time_pages(browser, app: App, wid: int, label: str) -> dict[str, float]:
    page, wire = open_workshop(browser, app.url, wid)
    titles = [t for t in sidebar_titles(page) if t != "Workshops"]
    found = {}
    for title in titles:
        cpu = app.cpu_s()
        found[title], on_wire = open_by_link(page, wire, title)
        print(f"{label} · {title:<30} {found[title]:6.2f} s   (server: {on_wire:.2f} s on the wire, {app.cpu_s() - cpu:.2f} s CPU)", flush=True)
    page.close()
    return found


def again(browser, url: str, wid: int, titles: list[str], repeats: int) -> dict[str, list[float]]:
    page, wire = open_workshop(browser, url, wid)
    runs: dict[str, list[float]] = {t: [] for t in titles}
    for _ in range(repeats):
        for title in titles:
            open_by_link(page, wire, "Workshops")  # leave the page first
            runs[title].append(open_by_link(page, wire, title)[0])
    page.close()
    return runs


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objectives", type=int, default=100)
    parser.add_argument("--again", type=int, default=2, help="extra openings of the three slowest pages")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "pages.db"
        db = store.connect(db_file)
        started = time.perf_counter()
        demo_id = demo.create_demo(db)
        big_id = build_big(db, args.objectives)
        for wid in (demo_id, big_id):  # as when the room has joined: the pages ask for it once
            access.set_passphrase(db, wid, PASSPHRASE)
        counts = store.one(
            db,
            """SELECT (SELECT count(*) FROM objective WHERE workshop_id = :w) AS objectives,
            (SELECT count(*) FROM measure m JOIN objective o ON o.id = m.objective_id WHERE o.workshop_id = :w) AS measures,
            (SELECT count(*) FROM causal_link l JOIN objective o ON o.id = l.cause_id WHERE o.workshop_id = :w) AS links,
            (SELECT count(*) FROM initiative WHERE workshop_id = :w) AS initiatives,
            (SELECT count(*) FROM ballot b JOIN voting_round r ON r.id = b.round_id WHERE r.workshop_id = :w) AS ballots,
            (SELECT count(*) FROM comment WHERE workshop_id = :w) AS comments""",
            {"w": big_id},
        )
        db.close()
        print(f"built in {time.perf_counter() - started:.1f} s: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        app = App(db_file)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM,
                    headless=True,
                    args=[
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                    ],
                )
                try:
                    time_pages(browser, app, demo_id, "first opening after the start (imports; not counted)")
                    demo_s = time_pages(browser, app, demo_id, "demo")
                    big_s = time_pages(browser, app, big_id, f"{args.objectives} objectives")
                    slowest3 = sorted(big_s, key=big_s.get, reverse=True)[:3]
                    if args.again:
                        for title, runs in again(browser, app.url, big_id, slowest3, args.again).items():
                            all_runs = [big_s[title], *runs]
                            big_s[title] = statistics.median(all_runs)
                            print(f"again · {title:<30} " + " ".join(f"{r:.2f}" for r in all_runs) + f" s → median {big_s[title]:.2f} s", flush=True)
                finally:
                    browser.close()
        finally:
            app.stop()
    print(f"load average {load_average()} on {os.cpu_count()} cores (the machine is shared)")
    worst_demo = max(demo_s, key=demo_s.get)
    print(f"demo_slowest_page_s={demo_s[worst_demo]:.2f} demo_slowest={worst_demo!r}")
    worst = max(big_s, key=big_s.get)
    print(f"slowest_page_s={big_s[worst]:.2f} slowest={worst!r} pages={len(big_s)} objectives={args.objectives}")


if __name__ == "__main__":
    main()
