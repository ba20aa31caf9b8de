"""Bring your own network: the join screen says when the address it shows cannot be opened from
another device (this laptop only, or a self-assigned address), and stays quiet for an ordinary one."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.db import backup
from workshop.room import joining

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://localhost:8501/?join=K7MQ2X", "this laptop only"),
        ("http://127.0.0.1:8501/?join=K7MQ2X", "on no network"),
        ("http://[::1]:8501/?join=K7MQ2X", "on no network"),
        ("http://0.0.0.0:8501/?join=K7MQ2X", "on no network"),
        ("http://169.254.12.7:8501/?join=K7MQ2X", "self-assigned"),
        ("http://[fe80::1]:8501/?join=K7MQ2X", "self-assigned"),
    ],
)
def test_an_address_only_this_laptop_can_open_is_named(url, words):
    assert words in (joining.address_problem(url) or "")


@pytest.mark.parametrize(
    "url", ["http://192.168.137.1:8501/?join=K7MQ2X", "http://10.0.0.5:8501", "https://workshop.example.org/?join=K7MQ2X", "http://laptop.lan:8501"]
)
def test_an_ordinary_address_gets_no_warning(url):
    assert joining.address_problem(url) is None


def join_screen(live_room, address: str) -> AppTest:
    _, wid, _, _, _ = live_room
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.session_state["unlocked"] = {wid}
    at.session_state["room-address"] = address
    at.run().switch_page(nav.JOIN_SCREEN.script).run()
    assert not at.exception
    return at


def test_the_join_screen_warns_when_its_address_is_this_laptops_own(live_room):
    at = join_screen(live_room, "http://127.0.0.1:8501")
    assert any("on no network" in w.value for w in at.warning)


def test_the_join_screen_is_quiet_for_the_rooms_address(live_room):
    at = join_screen(live_room, "http://192.168.137.1:8501")
    assert not any("network" in w.value for w in at.warning)


def test_the_start_page_on_the_laptop_sets_where_snapshots_go(db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    stick = tmp_path / "stick"
    stick.mkdir()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert any("No snapshot" in i.value for i in at.info)
    at.text_input(key="snapshot-folder").input(str(stick))
    at.number_input(key="snapshot-every").set_value(2)
    at.button[[b.label for b in at.button].index("Save")].click().run()
    assert not at.exception
    assert backup.read_settings(db_path) == backup.SnapshotSettings(str(stick), 2, 24)
    at.text_input(key="snapshot-folder").input(str(tmp_path / "no-stick"))
    at.button[[b.label for b in at.button].index("Save")].click().run()
    assert any("does not exist" in e.value for e in at.error)
    assert backup.read_settings(db_path).folder == str(stick)  # the earlier choice stands
