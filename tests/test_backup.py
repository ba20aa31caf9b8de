"""Nothing lost: `python -m workshop backup` copies a database consistently while the room votes,
`restore` puts a sound copy back and refuses anything else, and the running app takes snapshots by
itself (every few minutes, at each phase change) from which a dead laptop's room comes back."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from helpers import ROOT, RunningApp, first_visit, integrity_check, run_async
from test_faults_room import _events, _room, _voter

from workshop.core.errors import Invalid
from workshop.db import backup, store
from workshop.room import ledger, voting


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workshop", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def ballots(db_file) -> int:
    with sqlite3.connect(db_file) as conn:
        return conn.execute("SELECT count(*) FROM ballot_event").fetchone()[0]


def test_a_backup_taken_while_threads_vote_is_sound_and_its_chains_verify(tmp_path):
    db_file = tmp_path / "room.db"
    wid, people, rid = _room(db_file, 6)
    db = store.connect(db_file)
    items = [row["id"] for row in db.query("SELECT id FROM round_item WHERE round_id = ?", [rid])]
    db.close()
    stop = threading.Event()

    def vote(person: dict) -> None:
        own = store.connect(db_file)  # a connection per voter, as each session has
        n = 0
        while not stop.is_set():
            voting.submit(own, person["token"], rid, {item: (n + k) % 5 + 1 for k, item in enumerate(items)})
            n += 1
        own.close()

    voters = [threading.Thread(target=vote, args=(p,)) for p in people]
    for voter in voters:
        voter.start()
    try:
        time.sleep(0.5)
        copies = []
        for n in range(3):
            done = cli("backup", "--db", str(db_file), "-o", str(tmp_path / f"copy{n}.db"))
            assert done.returncode == 0, done.stderr
            copies.append(tmp_path / f"copy{n}.db")
            time.sleep(0.3)
    finally:
        stop.set()
        for voter in voters:
            voter.join()
    assert ballots(copies[0]) > 0 and ballots(copies[-1]) > ballots(copies[0])  # taken mid-vote
    for copy in copies:
        assert integrity_check(copy) == "ok"
        done = cli("verify", "--db", str(copy), "--workshop", str(wid))
        assert done.returncode == 0, done.stderr
        assert "every ballot matches its chain" in done.stderr


def test_restore_puts_a_backup_back(tmp_path):
    db_file = tmp_path / "app.db"
    wid, _, rid = _room(db_file, 2)
    backup.backup(db_file, tmp_path / "before.db")
    db = store.connect(db_file)
    voting.close_round(db, rid)
    db.close()  # the app is stopped: no connection open
    done = cli("restore", "--db", str(db_file), str(tmp_path / "before.db"))
    assert done.returncode == 0, done.stderr
    db = store.connect(db_file)
    assert db.execute("SELECT status FROM voting_round WHERE id = ?", [rid]).fetchone()[0] == "open"
    assert [r.problem for r in ledger.verify(db, wid)] == [None]
    db.close()


def test_restore_refuses_a_database_in_use_unless_forced(tmp_path):
    db_file = tmp_path / "app.db"
    _room(db_file, 1)
    backup.backup(db_file, tmp_path / "copy.db")
    holder = store.connect(db_file)  # the app, still running
    try:
        done = cli("restore", "--db", str(db_file), str(tmp_path / "copy.db"))
        assert done.returncode == 1 and "is in use" in done.stderr and "--force" in done.stderr
    finally:
        holder.close()
    assert cli("restore", "--db", str(db_file), str(tmp_path / "copy.db")).returncode == 0


@pytest.mark.parametrize(
    "content, words",
    [(b"hello, not a database", "not a database SQLite can read"), (None, "not a Scorecard Workshop database")],
    ids=["text", "another-programs-db"],
)
def test_restore_refuses_what_is_not_a_scorecard_workshop_database(tmp_path, content, words):
    db_file = tmp_path / "app.db"
    _room(db_file, 1)
    before = db_file.read_bytes()
    other = tmp_path / "other.db"
    if content is None:
        with sqlite3.connect(other) as conn:
            conn.execute("CREATE TABLE invoices (id INTEGER)")
    else:
        other.write_bytes(content)
    done = cli("restore", "--db", str(db_file), str(other))
    assert done.returncode == 1 and words in done.stderr and "nothing was changed" in done.stderr
    assert db_file.read_bytes() == before


def test_a_damaged_copy_is_refused(tmp_path):
    db_file = tmp_path / "app.db"
    _room(db_file, 3)
    backup.backup(db_file, tmp_path / "copy.db")
    data = bytearray((tmp_path / "copy.db").read_bytes())
    page = 4096
    data[page : 6 * page] = b"\xff" * (5 * page)  # five of its pages overwritten
    (tmp_path / "copy.db").write_bytes(bytes(data))
    with pytest.raises(Invalid):
        backup.check_copy(tmp_path / "copy.db")


def test_snapshots_keep_the_latest_and_write_no_half_file(tmp_path):
    db_file = tmp_path / "app.db"
    _room(db_file, 1)
    folder = tmp_path / "stick"
    for _ in range(5):
        backup.snapshot(db_file, folder, keep=3)
    kept = backup.snapshots(folder)
    assert len(kept) == 3 and all(integrity_check(f) == "ok" for f in kept)
    assert sorted(p.name for p in folder.iterdir()) == [p.name for p in kept]  # no temporary file left


def test_the_facilitators_folder_must_exist_and_the_numbers_make_sense(tmp_path):
    db_file = tmp_path / "app.db"
    with pytest.raises(Invalid, match="does not exist"):
        backup.save_settings(db_file, str(tmp_path / "no-stick"), 5, 10)
    with pytest.raises(Invalid, match="1 to 120 minutes"):
        backup.save_settings(db_file, "", 0, 10)
    (tmp_path / "stick").mkdir()
    backup.save_settings(db_file, str(tmp_path / "stick"), 3, 7)
    assert backup.read_settings(db_file) == backup.SnapshotSettings(str(tmp_path / "stick"), 3, 7)
    assert backup.read_settings(tmp_path / "elsewhere.db") == backup.SnapshotSettings()  # defaults


def test_the_snapshot_thread_takes_one_at_start_and_one_at_each_phase_change(tmp_path):
    db_file = tmp_path / "app.db"
    wid, _, _ = _room(db_file, 1)
    taker = backup.Snapshots(db_file, look_every=0.05)
    taker.start()
    try:
        folder = tmp_path / "snapshots"
        deadline = time.time() + 10
        while not backup.snapshots(folder) and time.time() < deadline:
            time.sleep(0.05)
        assert [p.name.endswith("-timer.db") for p in backup.snapshots(folder)] == [True]
        with sqlite3.connect(db_file) as conn:
            conn.execute("UPDATE workshop SET phase = 2 WHERE id = ?", [wid])
        while len(backup.snapshots(folder)) < 2 and time.time() < deadline:
            time.sleep(0.05)
        assert backup.snapshots(folder)[-1].name.endswith("-phase.db")
    finally:
        taker.stop()
        taker.join(5)


# --- the laptop dies mid-workshop -----------------------------------------------------------------


async def _vote_for(url: str, people: list[dict], acked: dict[int, list[int]], seconds: float) -> None:
    stop = asyncio.Event()
    voters = [asyncio.create_task(_voter(url, p, acked[p["id"]], stop)) for p in people]
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*voters), 90)


@pytest.mark.fault
def test_a_room_killed_and_its_database_deleted_comes_back_from_the_last_snapshot(tmp_path):
    db_file = tmp_path / "room.db"
    stick = tmp_path / "stick"
    stick.mkdir()
    wid, people, rid = _room(db_file, 6)
    backup.save_settings(db_file, str(stick), 60, 10)  # the facilitator picked a USB stick
    app = RunningApp(db_file)
    try:
        before: dict[int, list[int]] = {p["id"]: [] for p in people}
        run_async(first_visit(app.url))
        run_async(_vote_for(app.url, people, before, 4))
        taken = len(backup.snapshots(stick))
        with sqlite3.connect(db_file) as conn:  # the facilitator moves on to the next phase
            conn.execute("UPDATE workshop SET phase = 2 WHERE id = ?", [wid])
        deadline = time.time() + 30
        while len(backup.snapshots(stick)) == taken and time.time() < deadline:
            time.sleep(0.2)
        assert len(backup.snapshots(stick)) > taken, "a phase change takes a snapshot"
        after: dict[int, list[int]] = {p["id"]: [] for p in people}
        run_async(_vote_for(app.url, people, after, 2))  # ballots after the snapshot: these may be lost
        app.process.send_signal(signal.SIGKILL)
        assert app.process.wait(10) == -signal.SIGKILL
    finally:
        app.stop()
    for side in ("", "-wal", "-shm"):  # the laptop's disk is gone
        (tmp_path / f"room.db{side}").unlink(missing_ok=True)

    done = cli("restore", "--db", str(db_file), str(backup.snapshots(stick)[-1]))
    assert done.returncode == 0, done.stderr
    assert integrity_check(db_file) == "ok"
    assert sum(len(a) for a in before.values()) >= len(people), "the room should have voted before the snapshot"
    stored = _events(db_file, rid)
    for pid, ratings in before.items():  # every ballot acknowledged before the snapshot is back, in order
        assert stored.get(pid, [])[: len(ratings)] == ratings
    done = cli("verify", "--db", str(db_file), "--workshop", str(wid))
    assert done.returncode == 0, done.stderr
