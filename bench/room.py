"""A room on one laptop: the product against the floor, under the same settings and the same load.

    /work/venv/bin/python bench/room.py                      # every case, product and floor
    /work/venv/bin/python bench/room.py --cases room100 burst --targets floor
    /work/venv/bin/python bench/room.py --cases brainstorm   # the brainstorm's own case

Starts each target with `streamlit run` (cwd = the project, so .streamlit/config.toml applies to
both; one process each; a fresh process and database per case), drives it with bench/stdriver.py
and prints p50/p95 round trips, errors and server CPU per case, then the ratio product/floor.
Last line (room400, else the largest room case run):
    room_p95_ms=<n> floor_p95_ms=<n> ratio=<n> participants=<n> lost=<n>
`lost` = ballots the load saw acknowledged minus ballots found in the database.

Load models: brainstorm: 100 participants join over 30 s and each sends 3 brainstorm cards (2-8 s
apart) while the facilitator's Brainstorm page is open (its own target; `lost` = cards acknowledged
minus cards stored). room100/room400: that many participants join over 30 s, each casts 10 ballots with
2-8 s between them, while the facilitator's live-results page is open. burst: 100 participants cast
a ballot in the same second. idle: 100 participants connected, waiting for a round for 60 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.stdriver import Tab, percentile, summary  # noqa: E402

# --- what a ballot is, per target --------------------------------------------------------
# Each target names its script, the URL path of the participant page, the query a participant joins
# with, the steps of one ballot, the text that acknowledges it, the facilitator's live-results page,
# and how to count stored ballots. `{i}` is the participant's number, `{n}` the ballot's (1-10),
# `{score}` a random rating 1-5, `{cycle}` the rating ((n - 1) mod 5) + 1, `{w}` what `setup`
# returned for participant `{i}`, `{wid}` the workshop.
#
# The product's ballot is its real participant page (pages/participate.py, reached with the
# participant's personal link `?t=TOKEN`): a rating round on six objectives, all six rated in the
# ballot component and sent as one value (what the browser's Submit sends), one fragment run. A
# ballot replaces the participant's earlier one; only changes are logged in `ballot_event`, so the
# first objective's rating cycles 1..5 and each acknowledged ballot must leave exactly one event on
# it: that count is what "stored" compares with "acked". A waiting participant's page fetches the
# room's signal file as the component does in the browser (bench/stdriver.py: `_watch`).
ITEMS = [f"Objective {k}" for k in range(1, int(os.environ.get("ROOM_ITEMS", "6")) + 1)]  # ROOM_ITEMS=1: one rating, as the floor
BALLOT = "scorecard_workshop.ballot"  # the component's name (ui/ballot_component.py)


def product_ballot(data: dict, *, cycle: int, **_) -> dict:
    """The value the ballot component sends on Submit: the first objective rated `cycle`, the
    others at random."""
    round_ = data["rounds"][0]
    items = round_["items"]
    choices = {str(items[0]["id"]): str(cycle)}
    choices.update({str(item["id"]): str(random.randint(1, 5)) for item in items[1:]})
    return {"round": round_["id"], "choices": choices}


TARGETS: dict[str, dict] = {
    "floor": {
        "script": "bench/floor.py",
        "db_env": "FLOOR_DB",
        "page": "",
        "results_page": "",
        "join": "p=user{i}",
        "wait": "p=user{i}&wait=1",
        "results": "view=results",
        "ballot": [("set", "Objective", "{n}"), ("set", "Rate", "{score}"), ("click", "Submit")],
        "ack": "Thanks, your rating is in.",
        "stored": "SELECT count(*) FROM ballot",
        "setup": None,
    },
    "product": {
        "script": "app.py",
        "db_env": "WORKSHOP_DB",
        "page": "",
        "results_page": "rounds",
        "join": "t={w}",
        "wait": "t={w}",
        "results": "w={wid}",
        "ballot": [("trigger", BALLOT, "submit", product_ballot)],
        "ack": "Your votes are in",
        "stored": "SELECT count(*) FROM ballot_event WHERE item_id = (SELECT min(id) FROM round_item)",
        "setup": "bench.room:product_room",
    },
    # The brainstorm (case `brainstorm`): the participant's page, its Brainstorm section chosen once,
    # then each card typed and sent with "Add the card" (one run of the page: the text travels with
    # the click, as the browser sends it); the facilitator's Brainstorm page open with its counter.
    "brainstorm": {
        "script": "app.py",
        "db_env": "WORKSHOP_DB",
        "page": "",
        "results_page": "brainstorm",
        "join": "t={w}",
        "wait": "t={w}",
        "results": "w={wid}",
        "prepare": [("set", "Section", ":material/sticky_note_2: Brainstorm")],
        "ballot": [("type", "Your card", "Idea {n} of participant {i}: grow the loyalty base"), ("click", "Add the card")],
        "ack": "You have written",
        "stored": "SELECT count(*) FROM brainstorm_card",
        "setup": "bench.room:brainstorm_room",
    },
}

CASES = {
    "room100": {"participants": 100, "join_s": 30, "ballots": 10, "think": (2, 8), "results": True},
    "room400": {"participants": 400, "join_s": 30, "ballots": 10, "think": (2, 8), "results": True},
    "burst": {"participants": 100, "join_s": 10, "ballots": 1, "burst": True},
    "idle": {"participants": 100, "join_s": 10, "idle_s": 60},
    # 100 people send 3 cards each within a minute while the facilitator's Brainstorm page is open
    "brainstorm": {"participants": 100, "join_s": 30, "ballots": 3, "think": (2, 8), "results": True, "target": "brainstorm"},
}


def brainstorm_room(db_file: Path, participants: int, case: dict) -> tuple[list[str], dict]:
    """One workshop, `participants` joined with the code, a brainstorm collecting cards."""
    from workshop.db import store
    from workshop.room import brainstorm, joining
    from workshop.starters import starting

    db = store.connect(db_file)
    wid = starting.create_workshop(db, "Bench Org", "Bench Unit")
    code = joining.join_code(db, wid)
    tokens = [joining.join(db, code, f"Participant {i}")["token"] for i in range(participants)]
    brainstorm.open_brainstorm(db, wid, "What must we be great at by 2028?")
    db.close()
    return tokens, {"wid": wid}


def product_room(db_file: Path, participants: int, case: dict) -> tuple[list[str], dict]:
    """One workshop, six draft objectives, `participants` joined with the code; a rating round
    open on the objectives unless the room is idle (waiting for the facilitator to open one)."""
    from workshop.db import store
    from workshop.method import objectives
    from workshop.room import joining, voting
    from workshop.starters import starting

    db = store.connect(db_file)
    wid = starting.create_workshop(db, "Bench Org", "Bench Unit")
    perspectives = [p["id"] for p in db.query("SELECT id FROM perspective WHERE workshop_id = ? ORDER BY position", [wid])]
    oids = [objectives.add_objective(db, wid, title, perspectives[k % 4]) for k, title in enumerate(ITEMS)]
    code = joining.join_code(db, wid)
    tokens = [joining.join(db, code, f"Participant {i}")["token"] for i in range(participants)]
    if "idle_s" not in case:
        voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    db.close()
    return tokens, {"wid": wid}


# --- a server under test -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, target: dict, db_file: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, target["db_env"]: str(db_file)}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                target["script"],
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/_stcore/health", timeout=1)
                break
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"{target['script']} did not start") from None
                time.sleep(0.2)

    def cpu_s(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


# --- the load ----------------------------------------------------------------------------


def machine_busy_s() -> float:
    """CPU seconds all processes on the machine have used (the first line of /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass
class Result:
    target: str
    case: str
    participants: int
    ballots: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    polls: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    acked: int = 0
    stored: int = 0
    cpu_pct: float = 0.0
    rss_mb: float = 0.0
    driver_cpu_pct: float = 0.0
    others_cpu_pct: float = 0.0  # the rest of the machine: other programs competing for the cores

    @property
    def lost(self) -> int:
        return max(0, self.acked - self.stored)

    def line(self) -> str:
        timed = self.polls if self.case == "idle" else self.ballots
        what = "polls " if self.case == "idle" else "ballots"
        return (
            f"{self.target:7s} {self.case:8s} {what} {summary(timed)} | load p95="
            f"{percentile(self.loads, 95):.0f} ms | errors={len(self.errors)} acked={self.acked} "
            f"stored={self.stored} lost={self.lost} | server cpu={self.cpu_pct:.1f}% of a core "
            f"rss={self.rss_mb:.0f} MB | driver cpu={self.driver_cpu_pct:.0f}% | other programs "
            f"cpu={self.others_cpu_pct:.0f}% of a core"
        )


def _fill(template: str, **names) -> str:
    return template.format(**names)


async def participant(target: dict, url: str, i: int, w, case: dict, result: Result, burst_at: float | None, names: dict) -> None:
    joined_after = i * case["join_s"] / case["participants"]
    await asyncio.sleep(joined_after)
    tab = Tab(url, _fill(target["wait"] if "idle_s" in case else target["join"], i=i, w=w, **names), target["page"])
    try:
        result.loads.append(await tab.open())
        tab.check()
        if target.get("prepare"):
            await tab.do(target["prepare"], i=i, w=w, **names)
            tab.check()
        if "idle_s" in case:
            tab.start_timers()
            await asyncio.sleep(case["join_s"] + case["idle_s"] - joined_after)
            result.polls.extend(tab.poll_ms)
            return
        for n in range(1, case["ballots"] + 1):
            if burst_at is not None:  # everyone within the same second
                await asyncio.sleep(max(0.0, burst_at - time.monotonic()) + random.uniform(0, 0.9))
            else:
                await asyncio.sleep(random.uniform(*case["think"]))
            took = await tab.do(target["ballot"], i=i, n=n, score=random.randint(1, 5), cycle=(n - 1) % 5 + 1, w=w, **names)
            tab.check(target["ack"])
            result.acked += 1
            result.ballots.append(took)
    except Exception as error:
        result.errors.append(f"participant {i}: {type(error).__name__}: {error}")
    finally:
        if hasattr(tab, "ws"):
            await tab.close()


async def facilitator(target: dict, url: str, stop: asyncio.Event, result: Result, names: dict) -> None:
    try:
        async with Tab(url, _fill(target["results"], **names), target["results_page"]) as tab:
            tab.start_timers()
            await stop.wait()
            result.polls.extend(tab.poll_ms)
    except Exception as error:
        result.errors.append(f"facilitator: {type(error).__name__}: {error}")


async def drive(target: dict, url: str, case: dict, ws: list, result: Result, names: dict) -> None:
    burst_at = time.monotonic() + case["join_s"] + 3 if case.get("burst") else None
    stop = asyncio.Event()
    watcher = asyncio.create_task(facilitator(target, url, stop, result, names)) if case.get("results") else None
    await asyncio.gather(*(participant(target, url, i, ws[i], case, result, burst_at, names) for i in range(case["participants"])))
    stop.set()
    if watcher:
        await watcher


def _stored(sql: str, db_file: Path) -> int:
    conn = sqlite3.connect(db_file, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


class _Marks:
    """CPU of the server, of this driver and of the rest of the machine over a window of time."""

    def __init__(self, server: Server):
        self.server = server
        self.reset()

    def reset(self) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.wall, self.server_s = time.monotonic(), self.server.cpu_s()
        self.driver_s, self.busy_s = usage.ru_utime + usage.ru_stime, machine_busy_s()

    def fill(self, result: Result) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        wall = time.monotonic() - self.wall
        result.cpu_pct = 100 * (self.server.cpu_s() - self.server_s) / wall
        result.driver_cpu_pct = 100 * (usage.ru_utime + usage.ru_stime - self.driver_s) / wall
        machine = 100 * (machine_busy_s() - self.busy_s) / wall
        result.others_cpu_pct = max(0.0, machine - result.cpu_pct - result.driver_cpu_pct)
        result.rss_mb = self.server.rss_mb()


async def _first_visit(url: str) -> None:
    """The facilitator opens the app once before the room arrives. (Streamlit runs the very first
    session after a start in its legacy pages-folder mode; the app then lands on its home page.)"""
    async with Tab(url):
        pass


def run_case(name: str, case: dict, target_name: str) -> Result:
    target = TARGETS[target_name]
    folder = Path(tempfile.mkdtemp(prefix=f"room-{target_name}-"))
    db_file = folder / "bench.db"
    ws: list = [None] * case["participants"]
    names: dict = {}
    if target["setup"]:
        module, _, function = target["setup"].partition(":")
        ws, names = getattr(__import__(module, fromlist=[function]), function)(db_file, case["participants"], case)
    server = Server(target, db_file)
    asyncio.run(_first_visit(server.url))
    result = Result(target_name, name, case["participants"])
    try:
        mark = _Marks(server)
        if "idle_s" in case:  # measured only over the idle window, once everyone is in

            async def idle() -> None:
                load = asyncio.create_task(drive(target, server.url, case, ws, result, names))
                await asyncio.sleep(case["join_s"] + 2)
                mark.reset()
                await load

            asyncio.run(idle())
        else:
            asyncio.run(drive(target, server.url, case, ws, result, names))
        mark.fill(result)
    finally:
        server.stop()
    if db_file.exists() and "idle_s" not in case:
        result.stored = _stored(target["stored"], db_file)
    shutil.rmtree(folder, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument("--targets", nargs="+", choices=list(TARGETS), default=["product", "floor"])
    args = parser.parse_args(argv)
    results: dict[tuple[str, str], Result] = {}
    for name in args.cases:
        for target in [CASES[name]["target"]] if "target" in CASES[name] else args.targets:  # a case of one page has its own target
            result = run_case(name, CASES[name], target)
            results[(target, name)] = result
            print(result.line(), flush=True)
            for error in result.errors[:3]:
                print("   error:", error[:300], flush=True)
    for name in args.cases:
        product, floor = results.get(("product", name)), results.get(("floor", name))
        if product and floor:
            key = "polls" if name == "idle" else "ballots"
            p, f = percentile(getattr(product, key), 95), percentile(getattr(floor, key), 95)
            print(
                f"ratio product/floor {name:8s} p95 {p:.0f} / {f:.0f} ms = {p / f:.2f}"
                + (f"; cpu {product.cpu_pct:.1f}% / {floor.cpu_pct:.1f}%" if name == "idle" else "")
            )
    rooms = [n for n in ("room400", "room100") if n in args.cases]
    if rooms:
        name = rooms[0]
        product, floor = results.get(("product", name)), results.get(("floor", name))
        room_p95 = percentile(product.ballots, 95) if product else float("nan")
        floor_p95 = percentile(floor.ballots, 95) if floor else float("nan")
        shown = product or floor
        lost = sum(r.lost for r in results.values())
        print(
            f"room_p95_ms={room_p95:.0f} floor_p95_ms={floor_p95:.0f} ratio={room_p95 / floor_p95:.2f} participants={shown.participants} lost={lost}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
