"""Direction controls cannot spoof text: a single-line field refuses the embeddings, overrides
and isolates (U+202A–U+202E, U+2066–U+2069) on every door (form, service, import, command
line), and the report isolates whatever user text still holds them (long texts may)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import ROOT, demo_into
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.core.clean import clean_name, clean_text
from workshop.core.errors import Invalid
from workshop.db import scorecard, store
from workshop.deliverables.exchange import export
from workshop.deliverables.report import document
from workshop.method import objectives, workshops
from workshop.starters import from_json

SPOOF = "Cut \u202eswohs-on\u202c rates"  # displays as "Cut no-shows rates"
CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_single_line_field_refuses_every_direction_control(control):
    with pytest.raises(Invalid, match=f"direction control \\(U\\+{ord(control):04X}\\)"):
        clean_name(f"Grow {control}revenue", "The objective's title")


def test_long_text_keeps_them_for_right_to_left_writing():
    text = "Quote: \u2067שלום\u2069 as written"
    assert clean_text(text, "The description") == text


def test_the_draft_objective_form_refuses_a_spoofed_title_with_a_message(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["w"] = str(wid)
    at.session_state["interviews-tabs"] = "Draft objectives"  # only the open tab is drawn
    at.run()
    at.switch_page(nav.INTERVIEWS.script).run()
    at.text_input(key="new-objective-title").input(SPOOF)
    at = next(b for b in at.button if b.label == "Add draft objective").click().run()
    assert not at.exception
    assert any("invisible direction control \\(U\\+202E\\)" in str(e.value) for e in at.error), at.error
    assert objectives.objectives(db, wid) == []


def test_import_and_the_command_line_refuse_a_spoofed_title(tmp_path):
    db = store.connect(tmp_path / "a.db")
    document = export.export_workshop(db, demo_into(db))
    document["objective"][0]["title"] = SPOOF
    with pytest.raises(Invalid, match=r"objective\[0\]\.title contains an invisible direction control"):
        from_json.import_workshop(store.connect(":memory:"), document)
    source = tmp_path / "spoof.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "workshop", "import", "--db", tmp_path / "b.db", source], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert "objective[0].title contains an invisible direction control (U+202E)" in done.stderr


def test_the_report_isolates_user_text_that_holds_direction_controls(demo_db):
    db, wid = demo_db
    card = scorecard.load(db, wid)
    target = card.agreed_objectives()[0]
    # an override left open in a long text: without isolation it would turn what follows around
    objectives.update_objective(db, target.id, description="Start \u202eopen override")
    html = document.render_html(document.report_context(scorecard.load(db, wid)))
    assert "\u2068Start \u202eopen override\u2069" in html
    assert "\u202e" not in html.replace("\u2068Start \u202eopen override\u2069", "")


def test_the_bulk_loader_and_the_cascade_command_refuse_a_spoofed_name(tmp_path):
    db_file = tmp_path / "w.db"
    db = store.connect(db_file)
    wid = demo_into(db)
    sheet = tmp_path / "drafts.csv"
    sheet.write_text(f"Objective,Perspective\n{SPOOF},Customer\n", encoding="utf-8")
    run = lambda *args: subprocess.run(
        [sys.executable, "-m", "workshop", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    loaded = run("load", "--db", db_file, "--workshop", wid, sheet, "--kind", "objectives")
    assert loaded.returncode == 1 and "invisible direction control (U+202E)" in loaded.stderr, loaded.stderr
    started = run("cascade", "--db", db_file, "--workshop", wid, "--unit", "Service \u2067Desk\u2069")
    assert started.returncode == 1 and "invisible direction control (U+2067)" in started.stderr, started.stderr
    titles = [o.title for o in scorecard.load(store.connect(db_file), wid).objectives]
    assert SPOOF not in titles
