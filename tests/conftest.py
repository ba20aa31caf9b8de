"""Shared fixtures: databases (in memory and on disk), the demo, a running app and a browser;
and the markers (browser, fault, slow) each test gets from what it needs.

Databases are copies of templates built once per test process (helpers.memory_copy, file_copy,
demo_copy, demo_on_disk): each test still gets a database of its own."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from helpers import CHROMIUM, PASSPHRASE, RunningApp, demo_copy, demo_on_disk, file_copy, memory_copy, need_chromium
from sqlite_utils import Database
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from workshop.core.model import Scorecard
from workshop.db import scorecard
from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.method import objectives
from workshop.room import joining
from workshop.starters import starting


class Demo(NamedTuple):
    """The demo workshop read whole: its database, its id and its scorecard."""

    db: Database
    workshop_id: int
    card: Scorecard


class DemoDb(NamedTuple):
    db: Database
    workshop_id: int


class LiveRoom(NamedTuple):
    """A workshop the app opens from disk: two objectives, a join code, Ann joined."""

    db: Database
    workshop_id: int
    objective_ids: list[int]
    code: str
    ann: dict


def pytest_collection_modifyitems(items):
    """Markers by what a test needs, so `pytest -m "not browser and not fault"` runs the fast layer:
    browser (drives Chromium), fault (kills or cuts a running server), slow (starts the app)."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if "browser" in needs:
            item.add_marker(pytest.mark.browser)
        if item.path.name.startswith("test_faults"):
            item.add_marker(pytest.mark.fault)
        if needs & {"running_app", "demo_app", "browser"} or item.path.name.startswith(("test_faults", "test_settings")):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once():
    """Each new AppTest scans every installed package for Streamlit components on its first run
    (0.07–0.2 s, a sixth of a typical page test); the installed packages cannot change during a test
    run, so the scan is made once and its answer given to every AppTest of this test process."""
    scanned = manifest_scanner.scan_component_manifests()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: list(scanned))
        yield


@pytest.fixture
def fresh_db():
    """An empty, migrated, in-memory database."""
    db = memory_copy()
    yield db
    db.close()


@pytest.fixture
def db_path(tmp_path) -> Path:
    """A path for a database file (created on first connect)."""
    return tmp_path / "workshop.db"


@pytest.fixture
def live_room(db_path, monkeypatch):
    """The room the page tests (AppTest) run in: a workshop on disk that the app opens
    (WORKSHOP_DB), locked with `helpers.PASSPHRASE`, two objectives, and Ann joined with a device."""
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = file_copy(db_path)
    wid = starting.create_workshop(db, "Atlas", "Cloud", passphrase=PASSPHRASE)
    persp = [p["id"] for p in db.query("SELECT id FROM perspective WHERE workshop_id = ? ORDER BY position", [wid])]
    oids = [objectives.add_objective(db, wid, t, persp[i]) for i, t in enumerate(["Grow revenue", "Delight customers"])]
    code = joining.join_code(db, wid)
    yield LiveRoom(db, wid, oids, code, joining.join(db, code, "Ann"))
    db.close()


@pytest.fixture(scope="module", name="demo")
def demo_scorecard():
    """The demo in memory, one copy per test module (read only)."""
    db, wid = demo_copy()
    yield Demo(db, wid, scorecard.load(db, wid))
    db.close()


@pytest.fixture(scope="session")
def demo_report_pdf() -> bytes:
    """The demo's report on A4 (`report.build_pdf`), rendered once per test process: a render costs
    2–3 s of CPU, and several modules only read it."""
    db, wid = demo_copy()
    pdf = document.build_pdf(record.read(db, wid), paper="A4")
    db.close()
    return pdf


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app under AppTest, on an empty database file of its own (`app.db_file`)."""
    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "pages.db"))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.db_file = tmp_path / "pages.db"
    return at


@pytest.fixture
def demo_file(db_path, monkeypatch):
    """The demo workshop in the database file the app reads: (db, workshop id)."""
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db, wid = demo_on_disk(db_path)
    yield db, wid
    db.close()


@pytest.fixture
def demo_db():
    """The demo workshop in a fresh in-memory database."""
    db, wid = demo_copy()
    yield DemoDb(db, wid)
    db.close()


@pytest.fixture
def running_app(tmp_path):
    app = RunningApp(tmp_path / "app.db")
    yield app
    app.stop()


class RunningDemo(NamedTuple):
    app: RunningApp
    workshop_id: int


@pytest.fixture
def demo_app(tmp_path):
    """The app running on a file holding the demo workshop."""
    db_file = tmp_path / "demo.db"
    db, wid = demo_on_disk(db_file)
    db.close()
    app = RunningApp(db_file)
    yield RunningDemo(app, wid)
    app.stop()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; never skipped when CI is set."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
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
        yield chromium
        chromium.close()
