"""Figures as entered on the measure page (AppTest): what the facilitator types reads back as typed,
with its unit, and the largest amounts are written out, never in an exponent."""

import pytest
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.db import scorecard, store
from workshop.method import decisions, measures, objectives, workshops


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "pages.db"))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.db = store.connect(tmp_path / "pages.db")
    return at


def agreed_objective(db) -> tuple[int, int]:
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    oid = objectives.add_objective(db, wid, "Grow revenue", workshops.perspectives(db, wid)[0]["id"])
    decisions.decide_objective(db, oid, "agreed")
    return wid, oid


def open_measures(at, wid: int) -> AppTest:
    at.session_state.workshop_id = wid
    at.run()
    return at.switch_page(nav.MEASURES.script).run()


def page_text(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown).replace("\\", "")


def test_a_figure_typed_with_two_decimals_reads_back_with_both(app):
    wid, oid = agreed_objective(app.db)
    at = open_measures(app, wid)
    at.text_input(key=f"new{oid}-name").input("Net interest margin")
    at.text_input(key=f"new{oid}-unit").input("%")
    at.text_input(key=f"new{oid}-base").input("4.24")
    at.text_input(key=f"new{oid}-target").input("≥ 5.5 %")
    at.text_input(key=f"new{oid}-green").input("5.5")
    at.text_input(key=f"new{oid}-red").input("0.34")
    [add] = [b for b in at.button if b.label == "Add measure"]
    add.click().run()
    assert not at.exception and not at.error
    [m] = scorecard.load(app.db, wid).measures
    assert (m.baseline, m.red) == (4.24, 0.34)
    line = page_text(at)
    assert "baseline 4.24 % → target ≥ 5.5 %" in line, line
    assert "on target ≥ 5.5 %" in line and "off target < 0.34 %" in line, "thresholds carry the unit of the figure beside them"
    at.session_state[f"measure-edit-{m.id}"] = True
    at.run()
    assert at.text_input(key=f"m{m.id}-base").value == "4.24"
    assert at.text_input(key=f"m{m.id}-red").value == "0.34"
    at.session_state["measures-overview-tabs"] = "All measures: edit, paste, upload"
    table = at.run().dataframe[0].value
    assert list(table["baseline"]) == ["4.24"] and list(table["red"]) == ["0.34"]


def test_a_trillion_euros_is_written_out_with_its_currency(app):
    wid, oid = agreed_objective(app.db)
    measures.add_measure(app.db, oid, "Assets under management", unit="EUR", baseline=1e12, target=1e15, green=1e15, red=1e12)
    at = open_measures(app, wid)
    assert not at.exception
    line = page_text(at)
    assert "baseline €1,000,000,000,000 → target ≥ €1,000,000,000,000,000" in line, line
    assert "e+" not in line
    [m] = scorecard.load(app.db, wid).measures
    at.session_state[f"measure-edit-{m.id}"] = True
    at.run()
    assert at.text_input(key=f"m{m.id}-base").value == "1000000000000"
