"""Thirty phones join at once over one shared 20 Mbit/s link: how long until every phone shows its
ballot, and what one phone's first visit weighs, with the app as `make run` serves it (serve.py:
Streamlit's front end compressed, its icon font cut) and with Streamlit's own serving (`--plain`
only, or both by default).

    sudo .venv/bin/python bench/join.py                 # both, the plain serving first
    sudo .venv/bin/python bench/join.py --phones 10 --mbit 5

Needs root and iproute2 (`apt-get install -y iproute2`): the phones' Chromium runs in a network
namespace of the bench's own (`swjoin`), joined to the laptop by a veth pair whose both ends `tc`
shapes to the link's rate (one shared link, as a hotspot is); the app listens on the laptop's end.
The namespace is removed at the end. Last line:
    first_visit_kb=<n> plain_first_visit_kb=<n> all_joined_s=<n> plain_all_joined_s=<n> phones=<n>
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from helpers import CHROMIUM, free_port  # noqa: E402

from workshop.db import store  # noqa: E402
from workshop.method import objectives, workshops  # noqa: E402
from workshop.room import joining, voting  # noqa: E402

NS, HOST_IF, PHONE_IF = "swjoin", "swj0", "swj1"
LAPTOP, PHONES = "10.77.0.1", "10.77.0.2"
PHONE = {"width": 390, "height": 844}


def sh(*args: str, check: bool = True) -> None:
    subprocess.run(args, check=check, capture_output=True)


def link_up(mbit: float) -> None:
    """The namespace and one veth pair, each end shaped to `mbit` (tbf: a queue of ~50 ms)."""
    link_down()
    sh("ip", "netns", "add", NS)
    sh("ip", "link", "add", HOST_IF, "type", "veth", "peer", "name", PHONE_IF)
    sh("ip", "link", "set", PHONE_IF, "netns", NS)
    sh("ip", "addr", "add", f"{LAPTOP}/24", "dev", HOST_IF)
    sh("ip", "link", "set", HOST_IF, "up")
    sh("ip", "netns", "exec", NS, "ip", "addr", "add", f"{PHONES}/24", "dev", PHONE_IF)
    sh("ip", "netns", "exec", NS, "ip", "link", "set", PHONE_IF, "up")
    sh("ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up")
    for prefix in ([], ["ip", "netns", "exec", NS]):
        device = HOST_IF if not prefix else PHONE_IF
        sh(*prefix, "tc", "qdisc", "add", "dev", device, "root", "tbf", "rate", f"{mbit}mbit", "burst", "32kbit", "latency", "50ms")


def link_down() -> None:
    sh("ip", "link", "del", HOST_IF, check=False)
    sh("ip", "netns", "del", NS, check=False)


def room(db_file: Path) -> str:
    """A workshop with six objectives in an open rating round; returns its join code."""
    db = store.connect(db_file)
    wid = workshops.create_workshop(db, "Atlas Digital", "Managed Cloud")
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    oids = [objectives.add_objective(db, wid, f"Objective {n}", persp[n % 4]) for n in range(6)]
    voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", title="Which objectives matter most?")
    code = joining.join_code(db, wid)
    db.close()
    return code


def start(script: str, db_file: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", LAPTOP, "--server.headless", "true"],
        cwd=ROOT,
        env={**os.environ, "WORKSHOP_DB": str(db_file)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://{LAPTOP}:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{script} did not start")


# --- inside the namespace: the phones ------------------------------------------------------------


async def one_phone(browser, url: str, name: str, weigh: bool = False) -> tuple[float, int, int]:
    """(seconds until the ballot shows, bytes on the wire until the join form showed, requests);
    a phone that gave up after 5 minutes counts as infinitely slow."""
    try:
        return await _one_phone(browser, url, name, weigh)
    except Exception as error:  # a phone that times out is a result, not the end of the bench
        print(f"{name}: {str(error).splitlines()[0]}", file=sys.stderr)
        return float("inf"), 0, 0


async def _one_phone(browser, url: str, name: str, weigh: bool) -> tuple[float, int, int]:
    context = await browser.new_context(viewport=PHONE, has_touch=True)
    page = await context.new_page()
    loaded: list[int] = []
    if weigh:
        cdp = await context.new_cdp_session(page)
        await cdp.send("Network.enable")
        cdp.on("Network.loadingFinished", lambda event: loaded.append(event["encodedDataLength"]))
    began = time.perf_counter()
    await page.goto(url, timeout=300_000)
    await page.get_by_label("Your name").fill(name, timeout=300_000)
    weight, requests = sum(loaded), len(loaded)
    await page.get_by_role("button", name="Join", exact=True).click()
    await page.locator(".sw-root").first.wait_for(timeout=300_000)
    took = time.perf_counter() - began
    await context.close()
    return took, weight, requests


async def phones(url: str, count: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        _, weight, requests = await one_phone(browser, url, "First phone", weigh=True)  # alone: its first visit's weight
        began = time.perf_counter()
        times = await asyncio.gather(*(one_phone(browser, url, f"Phone {n}") for n in range(count)))
        everyone = time.perf_counter() - began
        await browser.close()
    failed = sum(1 for t, _, _ in times if t == float("inf"))
    return {"first_visit_bytes": weight, "requests": requests, "all_joined_s": everyone, "failed": failed}


# --- the laptop ------------------------------------------------------------------------------------


def run_case(script: str, count: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "join.db"
        code = room(db_file)
        process, url = start(script, db_file)
        try:
            urllib.request.urlopen(url + "/", timeout=30).read()  # the laptop opened it once, as a facilitator does
            inner = ["ip", "netns", "exec", NS, sys.executable, __file__, "--inner", joining.join_url(url, code), "--phones", str(count)]
            done = subprocess.run(inner, capture_output=True, text=True, timeout=1800)
            if done.returncode:
                raise RuntimeError(f"the phones failed: {done.stderr[-2000:]}")
            return json.loads(done.stdout.strip().splitlines()[-1])
        finally:
            process.terminate()
            process.wait(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--mbit", type=float, default=20)
    parser.add_argument("--plain", action="store_true", help="only Streamlit's own serving (streamlit run app.py)")
    parser.add_argument("--inner", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        print(json.dumps(asyncio.run(phones(args.inner, args.phones))))
        return
    if os.geteuid() != 0:
        sys.exit("bench/join.py needs root (a network namespace and tc); run it with sudo")
    link_up(args.mbit)
    try:
        results = {}
        for label, script in (("plain", "app.py"), ("served", "serve.py")):
            if label == "served" and args.plain:
                continue
            results[label] = found = run_case(script, args.phones)
            print(
                f"{label:>6} ({script}): first visit {found['first_visit_bytes'] / 1000:,.0f} kB in {found['requests']} requests; "
                f"{args.phones} phones over {args.mbit:g} Mbit/s all showed the ballot in {found['all_joined_s']:.1f} s"
                f" ({found['failed']} gave up after 5 minutes)",
                flush=True,
            )
    finally:
        link_down()
    plain, served = results["plain"], results.get("served", results["plain"])
    print(
        f"first_visit_kb={served['first_visit_bytes'] / 1000:.0f} plain_first_visit_kb={plain['first_visit_bytes'] / 1000:.0f} "
        f"all_joined_s={served['all_joined_s']:.1f} plain_all_joined_s={plain['all_joined_s']:.1f} phones={args.phones}"
    )


if __name__ == "__main__":
    main()
