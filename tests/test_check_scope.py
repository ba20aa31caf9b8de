"""Scope: a scorecard is for a business unit or for a whole organisation; the rules about head office
and sister units apply to a business unit only, and the measurement-architecture page records which."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop import checks
from workshop.core.errors import Invalid
from workshop.db import scorecard, store
from workshop.method import architecture, phases, workshops

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def _ids(db, wid) -> set[str]:
    return {f.id for f in checks.run(scorecard.load(db, wid))}


def test_a_new_workshop_is_for_a_business_unit_as_the_method_starts(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    card = scorecard.load(fresh_db, wid)
    assert card.scope == "unit" and card.is_business_unit


def test_head_office_links_are_asked_of_a_business_unit(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    assert "head-office-links" in _ids(fresh_db, wid)
    architecture.add_head_office_theme(fresh_db, wid, "Safety", "Zero harm")
    assert "head-office-links" not in _ids(fresh_db, wid)


def test_a_whole_organisation_is_not_asked_for_head_office_links(fresh_db):
    wid = workshops.create_workshop(fresh_db, "City of Charlotte", "City of Charlotte", sector="public", scope="organisation")
    card = scorecard.load(fresh_db, wid)
    assert not card.is_business_unit
    assert "head-office-links" not in _ids(fresh_db, wid)


def test_the_scope_can_be_changed_and_only_to_a_known_one(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    workshops.update_workshop(fresh_db, wid, scope="organisation")
    assert scorecard.load(fresh_db, wid).scope == "organisation"
    with pytest.raises(Invalid, match="Whom the scorecard is for"):
        workshops.update_workshop(fresh_db, wid, scope="division")


def test_the_schema_refuses_an_unknown_scope(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    with pytest.raises(Invalid):
        store.update(fresh_db, "workshop", wid, {"scope": "group"})


def test_the_architecture_gate_speaks_of_head_office_only_for_a_unit(fresh_db):
    unit = workshops.create_workshop(fresh_db, "Org", "Unit")
    whole = workshops.create_workshop(fresh_db, "Org", "Org", scope="organisation")
    assert any("head office" in t for t in phases.missing(scorecard.load(fresh_db, unit), 1))
    todo = phases.missing(scorecard.load(fresh_db, whole), 1)
    assert todo and not any("head office" in t for t in todo)
    assert any("organisation" in t for t in todo)


def _open(wid: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.run()
    at.switch_page(nav.ARCHITECTURE.script).run()
    assert not at.exception, at.exception
    return at


def test_the_architecture_page_records_that_the_scorecard_is_for_a_whole_organisation(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Org", "Unit")
    at = _open(wid)
    assert at.radio(key="unit-scope").value == "unit"
    assert any("Head-office themes" in s.value for s in at.subheader)
    at.radio(key="unit-scope").set_value("organisation")
    next(b for b in at.button if b.label == "Save the unit").click().run()
    assert not at.exception
    assert scorecard.load(db, wid).scope == "organisation"
    assert not any("Head-office themes" in s.value for s in at.subheader)
    assert any("whole organisation" in i.value for i in at.info)
