"""The demo as a newcomer meets it: its join screen can be projected at once (link, code and QR
code, with the passphrase asked for beside them), and its voting record is complete."""
from __future__ import annotations

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from workshop.db import store
from workshop.room import access, joining
from workshop.starters import demo


@pytest.fixture
def demo_file(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = demo.create_demo(db)
    yield db, wid
    db.close()


def _join_screen(wid: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["w"] = str(wid)
    at.run()
    at.switch_page("pages/join_screen.py").run()
    assert not at.exception, at.exception
    return at


def test_the_demo_join_screen_shows_link_code_and_qr_and_asks_for_a_passphrase_beside_them(demo_file):
    db, wid = demo_file
    assert not access.has_passphrase(db, wid)
    at = _join_screen(wid)
    code = joining.join_code(db, wid)
    markdown = " ".join(str(m.value) for m in at.markdown)
    assert f"/?join={code}" in markdown and f"`{code}`" in markdown
    assert at.get("image"), "the QR code is shown before any passphrase is set"
    assert any("Set a facilitator passphrase" in str(w.value) for w in at.warning)
    at.text_input(key="pass-new").input("facilitate well")
    at.text_input(key="pass-again").input("facilitate well")
    at = next(b for b in at.button if b.label == "Set passphrase").click().run()
    assert not at.exception and access.has_passphrase(db, wid)
    assert not any("Set a facilitator passphrase" in str(w.value) for w in at.warning)
    assert at.get("image") and f"`{code}`" in " ".join(str(m.value) for m in at.markdown)
