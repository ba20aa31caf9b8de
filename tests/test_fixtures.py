"""The databases the fixtures hand out are copies of templates built once per test process
(tests/helpers.py): they must be connected as the app connects, and no test may see another's writes."""

from __future__ import annotations

import threading

from helpers import demo_copy, demo_on_disk, file_copy, memory_copy

from workshop.db import store
from workshop.db.schema import migrations
from workshop.method import workshops


def _settings(db) -> dict:
    pragmas = {name: db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("foreign_keys", "busy_timeout", "journal_mode", "synchronous")}
    schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    applied = db.execute("SELECT name FROM _sqlite_migrations ORDER BY name").fetchall()
    return {**pragmas, "isolation_level": db.conn.isolation_level, "schema": schema, "migrations": applied}


def test_a_copied_database_is_connected_and_migrated_as_store_connect_does_it(tmp_path):
    assert _settings(memory_copy()) == _settings(store.connect(":memory:"))
    assert _settings(file_copy(tmp_path / "copy.db")) == _settings(store.connect(tmp_path / "new.db"))
    assert migrations.pending(memory_copy()) == []


def test_a_copy_can_be_used_from_another_thread_as_a_connection_from_store_connect_can():
    db = memory_copy()
    seen = []
    worker = threading.Thread(target=lambda: seen.append(workshops.create_workshop(db, "Atlas", "Cloud")))
    worker.start()
    worker.join()
    assert seen == [1]


def test_each_copy_is_its_own_database_and_the_template_stays_as_built(tmp_path):
    first, wid = demo_copy()
    count = len(workshops.list_workshops(first))
    workshops.update_workshop(first, wid, mission="Changed by one test")
    workshops.create_workshop(first, "Another", "Unit")
    second, _ = demo_copy()
    on_disk, _ = demo_on_disk(tmp_path / "demo.db")
    for db in (second, on_disk):
        assert len(workshops.list_workshops(db)) == count
        assert store.get(db, "workshop", wid)["mission"] != "Changed by one test"
    assert (tmp_path / "demo.db").exists() and on_disk.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
