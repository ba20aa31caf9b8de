"""The cascade's pages with AppTest: starting a unit from the parent, the alignment view, a unit's
phase 1 and its objectives' alignment, and the map's notes."""

from __future__ import annotations

import re

import pytest
from helpers import demo_into
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.db import scorecard, store


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "pages.db"))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.db = store.connect(tmp_path / "pages.db")
    at.parent_id = demo_into(at.db)
    return at


def text_of(at) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "info", "success", "warning", "error") for e in getattr(at, kind))


def _open(at, wid, page):
    at.session_state.workshop_id = wid
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("which", [0, 1, 2])
@pytest.mark.parametrize("page", [nav.ALIGNMENT.script, nav.ARCHITECTURE.script, nav.STRATEGY_MAP.script, nav.PLAN.script])
def test_every_cascade_page_runs_for_the_parent_and_both_units(app, page, which):
    wid = [app.parent_id, *(u["id"] for u in scorecard.load(app.db, app.parent_id).units)][which]
    _open(app, wid, page)
    assert not app.error


def test_the_alignment_view_shows_the_tree_and_the_matrix(app):
    _open(app, app.parent_id, nav.ALIGNMENT.script)
    text = text_of(app)
    assert "**Managed Cloud Services** · *this workshop*" in text
    assert "Service Desk" in text and "Cloud Operations" in text
    assert "Phase 4 · Measure selection" in text and "Serves 7 of the 7 objectives expected of it" in text
    [matrix] = app.dataframe
    frame = matrix.value
    assert list(frame.columns) == ["Perspective", "Objective", "Units", "Service Desk", "Cloud Operations"]
    row = frame[frame["Objective"] == "Improve profit margin to 18%"].iloc[0]
    assert row["Units"] == 1 and "Reduce the cost per ticket by 20%" in row["Service Desk"]
    assert row["Cloud Operations"] == "expected"


def test_starting_the_cascade_from_the_plan_opens_the_new_unit_pre_filled(app):
    app.session_state["plan-tabs"] = "Cascade to lower units"  # only the open tab is drawn
    _open(app, app.parent_id, nav.PLAN.script)
    [start] = [b for b in app.button if b.label == "Start the cascade for Account Management"]
    start.click().run()
    assert not app.exception
    units = scorecard.load(app.db, app.parent_id).units
    assert [u["unit"] for u in units][-1] == "Account Management"
    assert app.session_state.workshop_id == units[-1]["id"]
    app.switch_page(nav.ARCHITECTURE.script).run()  # where the frame sends the browser
    text = text_of(app)
    assert "The scorecard of Account Management is started from Managed Cloud Services" in text
    assert "lower unit of **Managed Cloud Services**" in text


def test_a_unit_adds_an_objective_that_serves_the_parent_and_the_parent_counts_it(app):
    cloud = scorecard.load(app.db, app.parent_id).units[1]["id"]
    _open(app, cloud, nav.ALIGNMENT.script)
    app.text_input(key="align-new-title").input("Patch every client platform within 14 days")
    [perspective] = [s for s in app.selectbox if s.key == "align-new-perspective"]
    perspective.set_value(next(p.id for p in scorecard.load(app.db, cloud).perspectives if p.key == "internal"))
    target = next(o for o in scorecard.load(app.db, app.parent_id).objectives if o.title == "Achieve 99% quality on first delivery")
    app.multiselect(key="align-new-serves").set_value([target.id])
    [add] = [b for b in app.button if b.label == "Add the objective"]
    add.click().run()
    assert not app.exception and not app.error
    parent = scorecard.load(app.db, app.parent_id)
    assert parent.units_serving(target.id) == ["Service Desk", "Cloud Operations"]


def test_marking_an_objective_local_needs_a_reason(app):
    desk = scorecard.load(app.db, app.parent_id).units[0]["id"]
    card = scorecard.load(app.db, desk)
    o = card.objectives[0]
    _open(app, desk, nav.ALIGNMENT.script)
    app.multiselect(key=f"align-serves-{o.id}").set_value([])
    app.text_input(key=f"align-local-{o.id}").input("<b>Only</b> the desk's budget")
    [save] = [b for b in app.button if b.key == f"align-save-{o.id}"]
    save.click().run()
    assert not app.exception
    assert scorecard.load(app.db, desk).objective(o.id).local_reason == "<b>Only</b> the desk's budget"


def test_a_units_name_with_markdown_and_html_reads_as_typed(app):
    from workshop.method import cascade

    hostile = "**Desk** <img src=x onerror=alert(1)> :red[x] [link](http://evil.example)"
    child = cascade.start_cascade(app.db, app.parent_id, hostile)
    app.session_state["plan-tabs"] = "Cascade to lower units"  # where the plan names its units
    for wid, page in (
        (child, nav.ALIGNMENT.script),
        (child, nav.ARCHITECTURE.script),
        (app.parent_id, nav.ALIGNMENT.script),
        (app.parent_id, nav.PLAN.script),
    ):
        _open(app, wid, page)
        shown = [str(e.value) for kind in ("markdown", "subheader", "caption") for e in getattr(app, kind)]
        assert not any("**Desk**" in v and "\\*\\*Desk" not in v for v in shown), page
        assert not any(re.search(r"(?<!\\)<img", v) for v in shown), page
