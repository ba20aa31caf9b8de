"""Capture on the pages (AppTest): moving on lands on the next phase's page, a new draft's
perspective is chosen afresh every time, and the paste box previews before it saves."""

from helpers import demo_into, open_drafts, open_new_workshop
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.db import scorecard, store
from workshop.method import objectives, workshops


def test_moving_on_lands_on_the_next_phases_page_with_the_confirmation_there(app):
    db, wid = open_new_workshop(app)
    workshops.update_workshop(db, wid, unit_description="Cloud hosting for SMEs", financial_goals="Break even")
    app.switch_page(nav.ARCHITECTURE.script).run()
    app.button(key="phase-move-on").click().run()
    assert not app.exception and not app.error
    assert app.title[0].value == "2 · Interviews and draft objectives"
    assert any("moved on to phase 2" in s.value for s in app.success)
    assert scorecard.load(db, wid).phase == 2
    app.run()
    assert not any("moved on" in s.value for s in app.success)  # said once, not on every rerun


def test_a_new_draft_needs_its_perspective_chosen(app):
    db, wid = open_new_workshop(app)
    open_drafts(app)
    assert app.selectbox(key="new-objective-perspective").value is None
    app.text_input(key="new-objective-title").input("Grow EBIT")
    [add] = [b for b in app.button if b.label == "Add draft objective"]
    add.click().run()
    assert "Choose the objective's perspective" in app.error[0].value
    assert objectives.objectives(db, wid) == []


def test_a_paste_with_two_bad_rows_lists_both_and_offers_no_save(app):
    db, wid = open_new_workshop(app)
    open_drafts(app)
    app.text_area(key="drafts-load-paste-0").input(
        "Objective\tPerspective\nGrow EBIT\tFinancial\nWin back lapsed customers\tNowhere\n\tCustomer\n"
    ).run()
    errors = "\n".join(e.value for e in app.error)
    assert "row 3 · Perspective" in errors and "row 4 · Objective" in errors
    [save] = [b for b in app.button if b.label.startswith("Save these")]
    assert save.disabled
    assert objectives.objectives(db, wid) == []


def test_a_clean_paste_is_saved_in_one_click_and_the_box_empties(app):
    db, wid = open_new_workshop(app)
    open_drafts(app)
    app.text_area(key="drafts-load-paste-0").input("Grow EBIT\tFinancial\nCertify engineers\tLearning & growth").run()
    [save] = [b for b in app.button if b.label == "Save these 2 rows"]
    save.click().run()
    assert not app.exception and not app.error
    assert {o["title"] for o in objectives.objectives(db, wid)} == {"Grow EBIT", "Certify engineers"}
    assert app.text_area(key="drafts-load-paste-1").value == ""


def test_the_link_form_offers_causes_from_the_bottom_and_effects_above_the_cause_first(tmp_path, monkeypatch):

    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "d.db"))
    db = store.connect(tmp_path / "d.db")
    wid = demo_into(db)
    card = scorecard.load(db, wid)
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state.workshop_id = wid
    at.run()
    at.session_state["map-tabs"] = "Causal links"  # only the open tab is drawn
    at.switch_page(nav.STRATEGY_MAP.script).run()
    cause = at.selectbox(key="link-cause")
    assert cause.value is None  # nothing chosen for the facilitator
    band = {o.id: card.perspective(o.perspective_id).position for o in card.objectives}
    by_title = {o.title: o.id for o in card.objectives}
    firsts = [by_title[t.split(" · ")[0]] for t in cause.options[:3]]
    assert all(band[i] == 4 for i in firsts)  # learning & growth first
    chosen = firsts[0]
    cause.set_value(chosen).run()
    effect = at.selectbox(key=f"link-effect-{chosen}")
    assert effect.value is None
    assert band[by_title[effect.options[0].split(" · ")[0]]] == 3  # the band just above first


def test_a_link_is_removed_from_the_objectives_panel(tmp_path, monkeypatch):

    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "d.db"))
    db = store.connect(tmp_path / "d.db")
    wid = demo_into(db)
    link = objectives.links(db, wid)[0]
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state.workshop_id = wid
    at.run()
    at.switch_page(nav.STRATEGY_MAP.script).run()
    at.selectbox(key="map-open-None").set_value(link["cause_id"]).run()
    at.button(key=f"panel-unlink-{link['id']}").click().run()
    assert not at.exception and not at.error
    assert link["id"] not in [x["id"] for x in objectives.links(db, wid)]


def test_a_suggested_measure_is_taken_into_the_phase_4_form_with_one_click(tmp_path, monkeypatch):
    from workshop.method import measures
    from workshop.method.suggestions import suggest_measures

    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "d.db"))
    db = store.connect(tmp_path / "d.db")
    wid = demo_into(db)
    card = scorecard.load(db, wid)
    objective = next(o for o in card.agreed_objectives() if len(card.measures_of(o.id)) < 2)
    suggestion = suggest_measures(card, objective.id)[0]
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state.workshop_id = wid
    at.run()
    at.switch_page(nav.MEASURES.script).run()
    at.selectbox(key="measures-objective").select(objective.id).run()
    at.button(key=f"adopt-{objective.id}-0").click().run()
    assert not at.exception
    assert at.text_input(key=f"new{objective.id}-name").value == suggestion["name"]
    assert at.text_input(key=f"new{objective.id}-unit").value == suggestion["unit"]
    assert at.selectbox(key=f"new{objective.id}-kind").value == suggestion["kind"]
    at.text_input(key=f"new{objective.id}-target").input("90")
    [add] = [b for b in at.button if b.label == "Add measure"]
    add.click().run()
    assert not at.error, [e.value for e in at.error]
    added = next(m for m in measures.measures(db, wid) if m["name"] == suggestion["name"])
    assert added["objective_id"] == objective.id and added["target"] == 90.0


def test_several_drafts_are_agreed_at_once_and_each_decision_is_logged(app):
    db, wid = open_new_workshop(app)
    pid = workshops.perspectives(db, wid)[0]["id"]
    ids = [objectives.add_objective(db, wid, title, pid) for title in ("Grow EBIT", "Grow cash", "Keep Z")]
    app.switch_page(nav.CONSENSUS.script).run()
    app.multiselect(key="agree-several").select(ids[0]).select(ids[1]).run()
    app.button(key="agree-several-save").click().run()
    assert not app.exception and not app.error
    card = scorecard.load(db, wid)
    assert [card.objective(i).status for i in ids] == ["agreed", "agreed", "draft"]
    assert sorted(d.subject for d in card.decisions if d.outcome == "agreed") == ["Grow EBIT", "Grow cash"]
