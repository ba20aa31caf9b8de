"""Nothing lost: copies of the database made with SQLite's online backup API (consistent while the
room votes: a copy holds every transaction committed before it began and none after), restoring
one, and the snapshots the running app takes by itself.

A copy is written to a temporary file beside its target and renamed, so a folder never holds half a
copy. Snapshots are taken by `Snapshots`, a thread with its own connections: every few minutes, and
whenever a workshop changes phase (it reads the phases every few seconds, so no use case has to call
it). A participant's request never waits for one. Where they go is the facilitator's choice (a USB
stick, a synced folder), kept in a small file beside the database (`<db>.snapshots.json`): it belongs
to this laptop, not to the workshops, so a database restored elsewhere does not carry it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from workshop.core.errors import Invalid, NotFound

log = logging.getLogger(__name__)
PREFIX = "scorecard-"
SUFFIX = ".db"
SIDE_FILES = ("-wal", "-shm", "-journal")


def backup(db_path: str | Path, target: str | Path) -> Path:
    """Copy the database at `db_path` to `target` while others may be writing it; returns `target`."""
    source_path, target = Path(db_path), Path(target)
    if not source_path.is_file():
        raise NotFound(f"no database at {source_path}")
    if target.is_dir():
        raise Invalid(f"{target} is a folder; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(source_path, timeout=15)) as source, contextlib.closing(sqlite3.connect(tmp)) as copy:
            source.backup(copy)  # all pages in one step: one consistent read of the source
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def check_copy(path: str | Path) -> None:
    """Refuse a file that is not a sound Scorecard Workshop database, saying why."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"no backup at {path}")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise Invalid(f"{path} is not a database SQLite can read ({error}); nothing was changed.") from None
    if verdict != "ok":
        raise Invalid(f"{path} is damaged (SQLite's integrity check: {verdict}); nothing was changed.")
    if not {"_sqlite_migrations", "workshop"} <= tables:
        raise Invalid(f"{path} is not a Scorecard Workshop database; nothing was changed.")


def in_use(db_path: str | Path) -> bool:
    """Whether a program has the database open: SQLite keeps its -wal and -shm files beside it while
    any connection is open, and removes them when the last one closes (a crash leaves them)."""
    return any(Path(f"{db_path}{side}").exists() for side in ("-wal", "-shm"))


def restore(copy: str | Path, db_path: str | Path, *, force: bool = False) -> Path:
    """Put the copy in the database's place, after checking it. Refuses while the database is open
    (stop the app first) unless `force`, for a database whose app crashed."""
    check_copy(copy)
    db_path = Path(db_path)
    if in_use(db_path) and not force:
        raise Invalid(
            f"{db_path} is in use (the app or another program has it open): stop the app, then restore again. "
            "If nothing has it open (the app crashed), add --force."
        )
    staged = backup(copy, db_path.with_name(f".{db_path.name}.restoring"))
    for side in SIDE_FILES:  # an old write-ahead log must never be replayed onto the restored file
        Path(f"{db_path}{side}").unlink(missing_ok=True)
    os.replace(staged, db_path)
    return db_path


# --- snapshots while the app runs -----------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotSettings:
    folder: str = ""  # empty: the `snapshots` folder beside the database
    every_minutes: int = 5
    keep: int = 24

    def where(self, db_path: str | Path) -> Path:
        return Path(self.folder).expanduser() if self.folder.strip() else Path(db_path).parent / "snapshots"


def settings_file(db_path: str | Path) -> Path:
    return Path(f"{db_path}.snapshots.json")


def read_settings(db_path: str | Path) -> SnapshotSettings:
    try:
        raw = json.loads(settings_file(db_path).read_text())
        return SnapshotSettings(str(raw.get("folder", "")), int(raw.get("every_minutes", 5)), int(raw.get("keep", 24)))
    except (OSError, ValueError, TypeError, AttributeError):
        return SnapshotSettings()


def save_settings(db_path: str | Path, folder: str, every_minutes: int, keep: int) -> SnapshotSettings:
    """Check and keep the facilitator's choice; the folder must exist (a stick that is plugged in)
    and take a file."""
    if not 1 <= every_minutes <= 120:
        raise Invalid("Take a snapshot every 1 to 120 minutes.")
    if not 1 <= keep <= 1000:
        raise Invalid("Keep between 1 and 1000 snapshots.")
    chosen = SnapshotSettings(folder.strip(), every_minutes, keep)
    where = chosen.where(db_path)
    if chosen.folder and not where.is_dir():
        raise Invalid("That folder does not exist on this laptop: plug the stick in, or create the folder, then save again.")
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=where):
            pass
    except OSError:
        raise Invalid("The app cannot write to that folder; pick another one.") from None
    text = json.dumps(asdict(chosen), indent=2)
    fd, tmp = tempfile.mkstemp(dir=settings_file(db_path).parent, prefix=".snapshots.")
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.replace(tmp, settings_file(db_path))
    return chosen


def snapshots(folder: str | Path) -> list[Path]:
    """The snapshots in a folder, oldest first (their names sort by time)."""
    return sorted(Path(folder).glob(f"{PREFIX}*{SUFFIX}"))


def snapshot(db_path: str | Path, folder: str | Path, keep: int, reason: str = "timer") -> Path:
    """One snapshot into `folder`, then all but the `keep` latest removed."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    taken = backup(db_path, Path(folder) / f"{PREFIX}{stamp}-{reason}{SUFFIX}")
    for old in snapshots(folder)[:-keep]:
        old.unlink(missing_ok=True)
    return taken


def phases(db_path: str | Path) -> tuple:
    """Every workshop's phase, read with a connection of its own."""
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=15)) as conn:
        return tuple(conn.execute("SELECT id, phase FROM workshop ORDER BY id"))


class Snapshots(threading.Thread):
    """Takes a snapshot every `every_minutes` (read from the settings each time, so a change on the
    page applies at once) and when a phase changes; `last` and `error` say how it went."""

    def __init__(self, db_path: str | Path, look_every: float = 5.0) -> None:
        super().__init__(name="snapshots", daemon=True)
        self.db_path = Path(db_path)
        self.look_every = look_every
        self.last: Path | None = None
        self.error = ""
        self.stopping = threading.Event()

    def run(self) -> None:
        seen, due = None, time.monotonic()
        while not self.stopping.is_set():
            try:
                now_phases = phases(self.db_path) if self.db_path.exists() else None
                if now_phases is not None and (time.monotonic() >= due or (seen is not None and now_phases != seen)):
                    settings = read_settings(self.db_path)
                    reason = "timer" if time.monotonic() >= due else "phase"
                    self.last = snapshot(self.db_path, settings.where(self.db_path), settings.keep, reason)
                    self.error = ""
                    due = time.monotonic() + 60 * settings.every_minutes
                seen = now_phases
            except (OSError, sqlite3.Error, Invalid, NotFound) as error:
                if str(error) != self.error:  # said once, not every few seconds
                    log.warning("snapshot failed: %s", error)
                self.error = str(error)
            self.stopping.wait(self.look_every)

    def stop(self) -> None:
        self.stopping.set()
