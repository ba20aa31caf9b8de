"""What several test files use: databases copied from templates built once, the app running as a
server, the browser's readiness, the database's own verdict. Imported as a module
(`from helpers import ...`); the fixtures are in conftest.py."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.db import store
from workshop.db.schema import migrations
from workshop.method import actuals, measures, objectives, reviews, workshops
from workshop.starters import demo

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PASSPHRASE = "facilitate well"  # the facilitator's passphrase in the page tests' workshops


# --- databases copied from templates ---------------------------------------------------------
# Migrating an empty database costs ~35 ms and building the demo ~0.4 s; SQLite's backup API copies
# either in about a millisecond. Each test process builds a template once, on first use, and every
# test gets its own copy: nothing written in one test reaches another.

T = TypeVar("T")
_TEMPLATES: dict[str, tuple[Database, Any]] = {}


def built_once(name: str, build: Callable[[Database], T]) -> tuple[Database, T]:
    """The in-memory database that `build(db)` filled, and what it returned, built on the first call
    with this name in this test process. Copy it (`memory_copy`, `file_copy`); never write to it."""
    if name not in _TEMPLATES:
        db = store.connect(":memory:")
        _TEMPLATES[name] = (db, build(db))
    return _TEMPLATES[name]


def memory_copy(template: Database | None = None) -> Database:
    """A new in-memory database connected as `store.connect(":memory:")` connects it (foreign keys on,
    the busy timeout, autocommit, usable from any thread), holding a copy of `template`: by default
    the empty, migrated schema. tests/test_fixtures.py checks that it is connected the same way."""
    source = template if template is not None else built_once("empty", lambda db: None)[0]
    conn = sqlite3.connect(":memory:", timeout=15, isolation_level=None, check_same_thread=False)
    source.conn.backup(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 15000")
    db = Database(conn)
    assert not migrations.pending(db), "the template is behind the schema"
    return db


def file_copy(path: Path, template: Database | None = None) -> Database:
    """`template` (by default the empty, migrated schema) copied into a new database file at `path`,
    then opened with `store.connect`, as the app opens it."""
    source = template if template is not None else built_once("empty", lambda db: None)[0]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        source.conn.backup(conn)
    finally:
        conn.close()
    return store.connect(path)


def demo_template(*, units: bool = True) -> tuple[Database, int]:
    """The demo workshop (`demo.create_demo`), built once per test process: (template db, its id).
    Copy it with `memory_copy` or `file_copy`; never write to the template itself."""
    return built_once(f"demo-units-{units}", lambda db: demo.create_demo(db, units=units))


def demo_into(db: Database, *, units: bool = True) -> int:
    """The demo workshop copied into `db`, an empty database (e.g. `fresh_db`, or a file the app
    opens), as `demo.create_demo(db)` would build it there; returns its id."""
    assert not db.execute("SELECT 1 FROM workshop LIMIT 1").fetchall(), "demo_into replaces the whole database: give it an empty one"
    template, wid = demo_template(units=units)
    template.conn.backup(db.conn)
    return wid


def demo_copy(*, units: bool = True) -> tuple[Database, int]:
    """A fresh in-memory copy of the demo workshop: (db, workshop id)."""
    template, wid = demo_template(units=units)
    return memory_copy(template), wid


def demo_on_disk(path: Path, *, units: bool = True) -> tuple[Database, int]:
    """A fresh copy of the demo workshop in a database file at `path`: (db, workshop id)."""
    template, wid = demo_template(units=units)
    return file_copy(path, template), wid


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningApp:
    """`streamlit run serve.py` (as `make run`) on a free port with its own database file."""

    def __init__(self, db_file: Path, script: str = "serve.py"):
        self.db_file = db_file
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WORKSHOP_DB": str(db_file)}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                script,
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
            ],
            cwd=ROOT,
            env=env,
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

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit is connected and its script has finished running."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(200)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


def run_async(coroutine):
    """`asyncio.run` on a thread of its own: a Playwright sync test earlier in the session leaves
    an event loop running on the main thread, where asyncio.run refuses to start another."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def integrity_check(db_file) -> str:
    """SQLite's own verdict on a database file: "ok" when it is sound."""
    conn = sqlite3.connect(db_file)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


async def first_visit(url: str) -> None:
    """The facilitator opens the app's home page first, as after any start. (Streamlit runs the
    first session of a fresh server in its legacy pages-folder mode, where a page's own URL is
    handed to the home page.)"""
    from bench.stdriver import Tab

    async with Tab(url):
        pass


def map_point(spec: dict, canvas: dict, x: float, y: float) -> tuple[float, float]:
    """Where a point of the interactive map's layout lands on the page: vis-network fits every node
    (bands, boxes, legend) into the canvas, centred, at one zoom."""
    left = top = float("inf")
    right = bottom = float("-inf")
    for node in spec["nodes"]:
        half_w = node.get("widthConstraint", {}).get("minimum", 2) / 2
        half_h = node.get("heightConstraint", {}).get("minimum", 20) / 2
        left, right = min(left, node["x"] - half_w), max(right, node["x"] + half_w)
        top, bottom = min(top, node["y"] - half_h), max(bottom, node["y"] + half_h)
    zoom = min(canvas["width"] / (right - left), canvas["height"] / (bottom - top))
    return (canvas["x"] + canvas["width"] / 2 + (x - (left + right) / 2) * zoom, canvas["y"] + canvas["height"] / 2 + (y - (top + bottom) / 2) * zoom)


def html_markup(text: str) -> list[str]:
    """What an HTML parser makes of `text` besides plain text (tags, comments, declarations): empty
    when `text` is inert as `innerHTML`, as the map component uses a node's title."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append(f"<{tag}>")

        def handle_endtag(self, tag):
            found.append(f"</{tag}>")

        def handle_comment(self, data):
            found.append("comment")

        def handle_decl(self, decl):
            found.append("declaration")

        def handle_pi(self, data):
            found.append("processing instruction")

        def unknown_decl(self, data):
            found.append("declaration")

    parser = Collect(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return found


def as_shown(text: str) -> str:
    """Text as a reader sees it on the map: the invisible word joiners dropped."""
    return text.replace("\u2060", "")


def open_new_workshop(app) -> tuple:
    """An AppTest app (the `app` fixture) on a new, empty workshop: (db, workshop id)."""
    db = store.connect(app.db_file)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    app.session_state.workshop_id = wid
    app.run()
    return db, wid


def open_drafts(app) -> None:
    """The interviews page on its "Draft objectives" tab (only the open tab is drawn)."""
    app.session_state["interviews-tabs"] = "Draft objectives"
    app.switch_page(nav.INTERVIEWS.script).run()


# --- a scorecard to enter actuals into ----------------------------------------------------


def actuals_scorecard(db: Database) -> tuple[int, dict[str, int]]:
    """A small scorecard reporting from January 2027: a quarterly revenue (a flow), a monthly
    margin (a level), a quarterly rating, a milestone, two measures of the same name, and one
    whose frequency is not stated."""
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    actuals.set_calendar(db, wid, reporting_start="Jan 2027")
    persp = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
    money = objectives.add_objective(db, wid, "Grow revenue", persp["financial"])
    clients = objectives.add_objective(db, wid, "Delight clients", persp["customer"])
    staff = objectives.add_objective(db, wid, "Keep our engineers", persp["learning"])
    ids = {
        "revenue": measures.add_measure(
            db, money, "Revenue", unit="EUR m", frequency="quarterly", nature="flow", baseline=140, target="≥ 175", target_date="2027-12-31"
        ),
        "margin": measures.add_measure(
            db, money, "Operating margin", unit="%", frequency="monthly", nature="level", baseline=12, target="18%", target_date="2028-12-31"
        ),
        "rating": measures.add_measure(db, money, "Credit rating", frequency="quarterly", target="AA", rating_scale="AAA > AA > A > BBB"),
        "launch": measures.add_measure(db, clients, "Portal launch", frequency="quarterly", target="Portal live by 2027-09-30"),
        "sat_clients": measures.add_measure(db, clients, "Satisfaction", unit="%", frequency="quarterly", target="90%"),
        "sat_staff": measures.add_measure(db, staff, "Satisfaction", unit="%", frequency="quarterly", target="80%"),
        "unstated": measures.add_measure(db, staff, "Engineers certified", unit="%", target="90%"),
    }
    return wid, ids


def clear_reporting(db: Database) -> None:
    """The demo without its year of actuals and its Q3 review, for a test that writes its own: each
    locked period opened again with a logged reason (as a facilitator would), then the reviews, the
    figures and the spend removed, and the unlock log with them."""
    for lock in store.rows(db, "SELECT workshop_id, starts, ends FROM period_lock"):
        reviews.unlock_period(db, lock["workshop_id"], lock["starts"], lock["ends"], "The test writes its own figures.")
    for table in ("review", "measure_period", "initiative_period", "period_unlock"):
        store.delete_where(db, table, "1 = 1", [])


def demo_page(path: Path, spec: nav.PageSpec):
    """A facilitator's page on the demo in a file database (WORKSHOP_DB must name `path`), opened
    through the frame as a click in the sidebar would: the AppTest, with `.db` and `.wid` on it."""
    db, wid = demo_on_disk(path)
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.db, at.wid = db, wid
    at.session_state.workshop_id = wid
    at.run()
    at.switch_page(spec.script).run()
    assert not at.exception, at.exception
    return at
