"""AppTest: the strategy map page (links, objective panel, perspectives, themes), the checks page,
templates at creation, and the findings widget the phase pages share."""

from __future__ import annotations

import textwrap

from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.db import scorecard, store
from workshop.method import objectives, workshops

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def open_page(wid: int, page: str, tab: str | None = None) -> AppTest:
    """The page, with one of the map page's tabs chosen (only the open tab is drawn)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.run()
    if tab:
        at.session_state["map-tabs"] = tab
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _titles(db, wid):
    return {o.title: o.id for o in scorecard.load(db, wid).objectives}


def test_the_map_page_draws_the_map_and_offers_the_svg(demo_file):
    db, wid = demo_file
    at = open_page(wid, nav.STRATEGY_MAP.script)
    assert at.title[0].value == "Strategy map"
    assert at.get("download_button")[0].proto.label == "Download the map (SVG)"
    assert at.toggle(key="show-drafts").value is True
    assert [t.label for t in at.tabs] == ["Map", "Causal links", "Perspectives & themes"]


def test_a_facilitator_adds_a_link_with_its_hypothesis(demo_file):
    db, wid = demo_file
    t = _titles(db, wid)
    before = len(objectives.links(db, wid))
    at = open_page(wid, nav.STRATEGY_MAP.script, tab="Causal links")
    at.selectbox(key="link-cause").set_value(t["Retain our experienced engineers"]).run()
    at.selectbox(key=f"link-effect-{t['Retain our experienced engineers']}").set_value(t["Reduce project delivery time by 30%"]).run()
    at.text_input(key="link-hypothesis").input("People who stay know the shortcuts.")
    _button(at, "Add the link").click().run()
    assert not at.exception and not at.error
    found = objectives.links(db, wid)
    assert len(found) == before + 1
    assert found[-1]["hypothesis"] == "People who stay know the shortcuts."
    assert any("Retain our experienced engineers" in m.value and "Reduce project delivery time" in m.value for m in at.markdown)


def test_a_link_that_closes_a_loop_shows_the_loop(demo_file):
    db, wid = demo_file
    t = _titles(db, wid)
    at = open_page(wid, nav.STRATEGY_MAP.script, tab="Causal links")
    at.selectbox(key="link-cause").set_value(t["Grow revenue by 25%"]).run()
    at.selectbox(key=f"link-effect-{t['Grow revenue by 25%']}").set_value(t["Build an account management capability"]).run()
    _button(at, "Add the link").click().run()
    assert at.error and "would close a loop" in at.error[0].value
    assert "Build an account management capability → " in at.error[0].value
    assert len(objectives.links(db, wid)) == 15


def test_a_link_can_be_removed_and_its_hypothesis_reworded(demo_file):
    db, wid = demo_file
    first, second = objectives.links(db, wid)[:2]
    at = open_page(wid, nav.STRATEGY_MAP.script, tab="Causal links")
    at.button(key=f"link-remove-{first['id']}").click().run()
    assert first["id"] not in [l["id"] for l in objectives.links(db, wid)]
    at.text_input(key=f"hypothesis-{second['id']}").input("Reworded.").run()
    assert objectives.links(db, wid)[0]["hypothesis"] == "Reworded."


def test_opening_an_objective_shows_its_links_measures_and_suggestions(demo_file):
    db, wid = demo_file
    t = _titles(db, wid)
    oid = t["Run quarterly service reviews with every client"]
    at = open_page(wid, nav.STRATEGY_MAP.script)
    at.selectbox(key="map-open-None").set_value(oid).run()
    assert not at.exception
    assert any(s.value.startswith("Run quarterly service reviews") for s in at.subheader)
    text = " ".join(m.value for m in at.markdown)
    assert "Win more work from existing clients" in text and "Clients with a quarterly review held" in text
    at.button(key=f"suggest-{oid}-0").click().run()
    assert len(scorecard.load(db, wid).measures_of(oid)) == 2


def test_editing_an_objective_from_the_map(demo_file):
    db, wid = demo_file
    oid = _titles(db, wid)["Retain our experienced engineers"]
    at = open_page(wid, nav.STRATEGY_MAP.script)
    at.selectbox(key="map-open-None").set_value(oid).run()
    at.text_input(key=f"edit-owner-{oid}").input("Mia Chen")
    _button(at, "Save the objective").click().run()
    assert scorecard.load(db, wid).objective(oid).owner == "Mia Chen"


def test_moving_a_perspective_up_changes_the_order(demo_file):
    db, wid = demo_file
    customer = next(p for p in workshops.perspectives(db, wid) if p["key"] == "customer")
    at = open_page(wid, nav.STRATEGY_MAP.script, tab="Perspectives & themes")
    at.button(key=f"perspective-up-{customer['id']}").click().run()
    assert [p["key"] for p in workshops.perspectives(db, wid)][0] == "customer"
    at.button(key="perspective-reset").click().run()
    assert [p["key"] for p in workshops.perspectives(db, wid)][0] == "financial"


def test_a_theme_is_added_and_recoloured(demo_file):
    db, wid = demo_file
    at = open_page(wid, nav.STRATEGY_MAP.script, tab="Perspectives & themes")
    at.text_input(key="theme-new-name").input("Innovation")
    _button(at, "Add the theme").click().run()
    theme = objectives.themes(db, wid)[-1]
    assert theme["name"] == "Innovation"
    at.color_picker(key=f"theme-colour-{theme['id']}").pick("#123456")
    saves = [b for b in at.button if b.label == "Save"]
    saves[-1].click().run()
    assert objectives.themes(db, wid)[-1]["colour"] == "#123456"


def test_hostile_titles_are_shown_as_text(demo_file):
    db, wid = demo_file
    p = workshops.perspectives(db, wid)
    oid = objectives.add_objective(db, wid, "**Bold** <b>x</b> [link](javascript:alert(1))", p[2]["id"])
    at = open_page(wid, nav.STRATEGY_MAP.script)
    at.selectbox(key="map-open-None").set_value(oid).run()
    assert any("\\*\\*Bold\\*\\*" in s.value and "\\<b\\>" in s.value for s in at.subheader)


def test_the_checks_page_lists_findings_with_rule_source_and_fix(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Org", "Unit")
    at = open_page(wid, nav.CHECKS.script)
    assert int(at.metric[0].value) >= 1  # errors
    text = " ".join(m.value for m in at.markdown)
    assert "**Rule.**" in text and "**How to fix.**" in text
    assert any("Source:" in c.value for c in at.caption)


def test_the_demo_passes_every_check_on_the_checks_page(demo_file):
    db, wid = demo_file
    at = open_page(wid, nav.CHECKS.script)
    assert [m.value for m in at.metric][:3] == ["0", "0", "0"]
    assert at.success


def test_a_workshop_can_start_from_a_template(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.text_input(key="new-organisation").input("Acme")
    at.text_input(key="new-unit").input("Valves")
    at.selectbox(key="new-template").set_value("manufacturer")
    _button(at, "Create workshop").click().run()
    assert not at.exception
    db = store.connect(db_path)
    found = workshops.list_workshops(db)
    assert [(w["organisation"], w["unit"], w["phase"], w["objectives"]) for w in found] == [("Acme", "Valves", 1, 14)]


def test_show_findings_shows_only_the_checks_of_the_phase(db_path):
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Org", "Unit")
    src = textwrap.dedent(f"""
        from ui import check_findings
        from workshop import checks
        from workshop.db import scorecard, store
        db = store.connect({str(db_path)!r})
        check_findings.show_findings(checks.run(scorecard.load(db, {wid})), {{phase}})
    """)
    at = AppTest.from_string(src.replace("{phase}", "2"), default_timeout=30).run()
    assert not at.exception
    assert "error" in at.expander[0].label and at.expander[0].proto.expanded
    text = " ".join(m.value for m in at.markdown)
    assert "perspective-empty" in text and "measure" not in text.lower().split("rule")[0]
    at = AppTest.from_string(src.replace("{phase}", "5"), default_timeout=30).run()
    assert not at.expander and "nothing to fix" in at.caption[0].value


def test_a_perspective_is_renamed_from_the_map_page(demo_file):
    db, wid = demo_file
    top = workshops.perspectives(db, wid)[0]
    at = open_page(wid, nav.STRATEGY_MAP.script, tab="Perspectives & themes")
    at.text_input(key=f"perspective-name-{top['id']}").input("Shareholders").run()
    at.button(key="perspective-names-save").click().run()
    assert workshops.perspectives(db, wid)[0]["name"] == "Shareholders"


def test_a_blank_workshop_gets_guidance_instead_of_a_map(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Org", "Unit", sector="public")
    at = open_page(wid, nav.STRATEGY_MAP.script)
    assert any("No objective to draw yet" in i.value for i in at.info)
    at.session_state["map-tabs"] = "Causal links"
    at.run()
    assert any("Draft at least two objectives" in i.value for i in at.info)
    at.session_state["map-tabs"] = "Perspectives & themes"
    at.run()
    assert [t.value for t in at.text_input if t.key and t.key.startswith("perspective-name-")][0] == "Customer"
