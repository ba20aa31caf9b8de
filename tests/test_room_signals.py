"""The room's signal files (ui/room_signal.py): one per workshop, rewritten only when its room
changed, named with the process's secret, removed when the process ends."""

from __future__ import annotations

from ui import room_signal
from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import ballot_view, voting


def _workshop(db) -> tuple[int, int]:
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    oid = objectives.add_objective(db, wid, "Grow revenue", workshops.perspectives(db, wid)[0]["id"])
    return wid, oid


def test_a_signal_file_is_written_when_the_room_changes_and_only_then(db_path, tmp_path):
    db = store.connect(db_path)
    wid, oid = _workshop(db)
    signals = room_signal.RoomSignals(db_path, folder=tmp_path / "room")
    signals.folder.mkdir(parents=True)
    signals.publish_once(db)
    target = signals.folder / signals.name(wid)
    # no round yet: the file is there and empty, as the page's fingerprint is '' (a missing file would
    # answer every waiting page's fetch, every 4 s, with a 404)
    assert target.exists() and target.read_text() == ""
    rid = voting.open_round(db, wid, [("objective", oid)], method="rating")
    signals.publish_once(db)
    assert target.read_text() == ballot_view.room_fingerprint(db, wid) != ""
    written = target.stat().st_mtime_ns
    signals.publish_once(db)
    assert target.stat().st_mtime_ns == written  # unchanged room: the file is left alone
    voting.close_round(db, rid)
    signals.publish_once(db)
    assert target.read_text() == ballot_view.room_fingerprint(db, wid)
    signals.stop()
    assert not signals.folder.exists()
    db.close()


def test_signal_file_names_cannot_be_guessed_and_differ_per_workshop_and_process(db_path, tmp_path):
    one = room_signal.RoomSignals(db_path, folder=tmp_path)
    two = room_signal.RoomSignals(db_path, folder=tmp_path)
    assert one.name(1) != one.name(2)
    assert one.name(1) != two.name(1) and one.folder != two.folder
    assert len(one.name(1)) == len("0123456789abcdef01234567.txt")
    assert one.url(1) == f"/app/static/room/{one.folder.name}/{one.name(1)}"
