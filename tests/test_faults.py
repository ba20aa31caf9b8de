"""Crashes while people write: nothing acknowledged is lost, and the database stays sound.

The app is killed with SIGKILL (no clean shutdown, as when a laptop's lid closes on a dying battery
or the process is killed) while several browser-like tabs (bench/stdriver.py, Streamlit's own
websocket protocol) submit a form; it is restarted on the same file, and every write a tab saw
acknowledged must be there, with `PRAGMA integrity_check` = ok.

What a "write through the app" is lives in WRITE below, so the participant ballot is the
same test with another entry: its page, query, form steps, acknowledgement and stored rows.
"""

from __future__ import annotations

import asyncio
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers import ROOT, RunningApp, first_visit, integrity_check, run_async

from bench.stdriver import Tab
from ui.display import escape_md
from workshop.db import store
from workshop.method import workshops

# page (URL path), query, the steps of one write, the text that acknowledges it, and the SQL
# that lists what was stored (one value per acknowledged write, as `{key}` in the steps).
WRITE = {
    "page": "architecture",
    "query": "w={w}",
    "steps": [("set", "Theme", "{key}"), ("click", "Add head-office theme")],
    "ack": "Head-office theme added.",
    "stored": "SELECT name FROM head_office_theme WHERE workshop_id = ?",
}
TABS = 8


def _stored(db_file, workshop_id: int) -> set[str]:
    conn = sqlite3.connect(db_file)
    try:
        return {r[0] for r in conn.execute(WRITE["stored"], [workshop_id])}
    finally:
        conn.close()


async def _writer(url: str, number: int, workshop_id: int, acked: list[str], stop: asyncio.Event) -> None:
    tab = Tab(url, WRITE["query"].format(w=workshop_id), WRITE["page"])
    try:
        await tab.open()
        n = 0
        while not stop.is_set():
            n += 1
            key = f"Write {number}-{n}"
            await tab.do(WRITE["steps"], key=key)
            tab.check(WRITE["ack"])
            acked.append(key)
            await asyncio.sleep(random.uniform(0, 0.05))
    except Exception:
        return


async def _write_then_kill(app: RunningApp, workshop_id: int, after_s: float) -> list[str]:
    await first_visit(app.url)
    acked: list[str] = []
    stop = asyncio.Event()
    writers = [asyncio.create_task(_writer(app.url, i, workshop_id, acked, stop)) for i in range(TABS)]
    await asyncio.sleep(after_s)
    app.process.send_signal(signal.SIGKILL)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*writers), 90)
    return acked


@pytest.mark.parametrize("round_number", [1, 2])
def test_every_acknowledged_write_survives_the_server_being_killed(tmp_path, round_number):
    db_file = tmp_path / "app.db"
    db = store.connect(db_file)
    workshop_id = workshops.create_workshop(db, "Fault Org", "Fault Unit")
    db.close()
    app = RunningApp(db_file)
    try:
        acked = run_async(_write_then_kill(app, workshop_id, after_s=3 + round_number))
        assert app.process.wait(10) == -signal.SIGKILL
    finally:
        app.stop()
    assert len(acked) >= TABS, f"the load should have written something before the kill ({len(acked)})"
    assert integrity_check(db_file) == "ok"

    again = RunningApp(db_file)  # restart on the same file: the app must come back and show them
    try:
        stored = _stored(db_file, workshop_id)
        missing = set(acked) - stored
        assert not missing, f"{len(missing)} acknowledged writes lost, e.g. {sorted(missing)[:5]}"

        async def reload() -> Tab:
            await first_visit(again.url)
            tab = Tab(again.url, WRITE["query"].format(w=workshop_id), WRITE["page"])
            await tab.open()
            await tab.close()
            return tab

        tab = run_async(reload())
        tab.check()
        assert any(escape_md(acked[0]) in text for text in tab.shown.texts), "the page shows them again"
    finally:
        again.stop()
    assert integrity_check(db_file) == "ok"


WRITER = """
import sys
from workshop.db import store
from workshop.method import architecture
db = store.connect(sys.argv[1])
n = 0
while True:
    n += 1
    architecture.add_head_office_theme(db, int(sys.argv[2]), f"Service write {n}", "x" * 2000)
    print(n, flush=True)
"""


def test_a_writer_killed_mid_transaction_leaves_every_committed_row_and_a_sound_file(tmp_path):
    db_file = tmp_path / "service.db"
    db = store.connect(db_file)
    workshop_id = workshops.create_workshop(db, "Fault Org", "Fault Unit")
    db.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_file), str(workshop_id)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    committed = []
    deadline = time.time() + 30
    while len(committed) < 300 and time.time() < deadline:
        committed.append(int(writer.stdout.readline()))
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert len(committed) >= 300
    assert integrity_check(db_file) == "ok"
    stored = _stored(db_file, workshop_id)
    assert {f"Service write {n}" for n in committed} <= stored
    db = store.connect(db_file)  # and the service layer opens it and writes again
    from workshop.method import architecture

    architecture.add_head_office_theme(db, workshop_id, "After the crash")
    assert "After the crash" in _stored(db_file, workshop_id)
