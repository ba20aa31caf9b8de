"""Cheap waiting: one tiny file per workshop that the app rewrites when its room changes.

A thread of the app's process reads every workshop's room fingerprint once a second (one small
query) and rewrites `static/room/<process>/<name>.txt` when it changed. Streamlit serves that folder
(`server.enableStaticServing`), so a waiting participant's ballot fetches a few bytes every few
seconds without running any script, and asks for a rerun only when the fingerprint differs from
the one its page was drawn with. File names are keyed with a secret of the process, so they cannot
be guessed, and two servers started from one folder (tests, benchmarks) never share a file.

Without static serving, or when the folder cannot be written, `signal_for` returns None and the
page falls back to polling with a fragment timer.
"""

from __future__ import annotations

import atexit
import hashlib
import hmac
import logging
import os
import secrets
import shutil
import threading
import time
from pathlib import Path

import streamlit as st

from workshop.db import store
from workshop.room import ballot_view

STATIC = Path(__file__).resolve().parent.parent / "static"  # beside app.py: what Streamlit serves
FOLDER = STATIC / "room"
PERIOD_S = 1.0  # how often the thread looks at the rounds
FETCH_EVERY_S = 4.0  # how often a waiting page fetches its file (jittered ±20 % in the browser)
STALE_S = 12 * 3600  # folders left by processes that died without cleaning up

log = logging.getLogger(__name__)


class RoomSignals:
    def __init__(self, db_path: Path, folder: Path = FOLDER):
        self.db_path = db_path
        self.secret = secrets.token_bytes(16)
        self.folder = folder / f"{os.getpid()}-{secrets.token_hex(4)}"
        self.written: dict[int, str] = {}
        self.alive = False
        self._stop = threading.Event()

    def name(self, workshop_id: int) -> str:
        digest = hmac.new(self.secret, f"{self.db_path}:{workshop_id}".encode(), hashlib.sha256)
        return digest.hexdigest()[:24] + ".txt"

    def url(self, workshop_id: int) -> str:
        base = (st.get_option("server.baseUrlPath") or "").strip("/")
        prefix = f"/{base}" if base else ""
        return f"{prefix}/app/static/room/{self.folder.name}/{self.name(workshop_id)}"  # served from FOLDER

    def start(self) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _remove_stale(self.folder.parent, keep=self.folder)
            self.publish_once()
        except (OSError, ValueError) as error:
            log.warning("room signals are off (pages poll instead): %s", error)
            return False
        atexit.register(self.stop)
        threading.Thread(target=self._run, name="room-signals", daemon=True).start()
        self.alive = True
        return True

    def stop(self) -> None:
        self._stop.set()
        shutil.rmtree(self.folder, ignore_errors=True)

    def publish_once(self, db=None) -> None:
        """Rewrite the files of the workshops whose fingerprint changed."""
        own = db is None
        db = db or store.connect(self.db_path)
        try:
            for workshop_id, fingerprint in ballot_view.room_fingerprints(db).items():
                if self.written.get(workshop_id) != fingerprint:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    target = self.folder / self.name(workshop_id)
                    temporary = target.with_suffix(".tmp")
                    temporary.write_text(fingerprint, encoding="ascii")
                    os.replace(temporary, target)
                    self.written[workshop_id] = fingerprint
        finally:
            if own:
                db.close()

    def _run(self) -> None:
        db = store.connect(self.db_path)  # this thread's own connection
        while not self._stop.wait(PERIOD_S):
            try:
                self.publish_once(db)
            except Exception:
                log.exception("room signals: one pass failed")
                time.sleep(PERIOD_S)


def _remove_stale(parent: Path, keep: Path) -> None:
    now = time.time()
    for folder in parent.iterdir():
        if folder != keep and folder.is_dir() and now - folder.stat().st_mtime > STALE_S:
            shutil.rmtree(folder, ignore_errors=True)


@st.cache_resource(show_spinner=False)
def _signals(db_path: str) -> RoomSignals | None:
    signals = RoomSignals(Path(db_path))
    return signals if signals.start() else None


def signal_for(db, workshop_id: int) -> dict | None:
    """What a ballot needs to watch its room: the file's URL, the fingerprint this page was drawn
    with and how often to look; None when waiting must fall back to polling."""
    if not st.get_option("server.enableStaticServing"):
        return None
    signals = _signals(str(store.database_path()))
    if signals is None:
        return None
    return {"url": signals.url(workshop_id), "seen": ballot_view.room_fingerprint(db, workshop_id), "every": FETCH_EVERY_S}
