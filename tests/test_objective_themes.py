"""Objectives that serve several themes: one main theme (it places and colours the objective on the
map) and others it also serves; shown on the map, in the report and the workbook; the theme checks
count every theme an objective serves."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import demo_into, open_drafts
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop import checks
from workshop.core.errors import Invalid
from workshop.db import scorecard, store
from workshop.deliverables.exchange import export
from workshop.deliverables.map import graph, svg
from workshop.deliverables.report import document
from workshop.deliverables.workbook import sheets
from workshop.method import objectives, workshops
from workshop.starters import from_json

ROOT = Path(__file__).resolve().parent.parent

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def city(fresh_db):
    """Two objectives, three themes; the second theme is served only as another theme."""
    db = fresh_db
    wid = workshops.create_workshop(db, "City", "City", sector="public", scope="organisation")
    p = workshops.perspectives(db, wid)
    safety = objectives.add_theme(db, wid, "Community safety")
    economy = objectives.add_theme(db, wid, "Economic development")
    roads = objectives.add_theme(db, wid, "Transportation <&> planning")
    crime = objectives.add_objective(db, wid, "Reduce crime", p[0]["id"], theme_id=safety)
    roads_o = objectives.add_objective(db, wid, "Provide transportation choices", p[0]["id"], theme_id=roads, other_theme_ids=[economy, roads])
    return db, wid, {"safety": safety, "economy": economy, "roads": roads, "crime": crime, "transport": roads_o}


def test_an_objective_serves_its_main_theme_first_and_then_the_others(city):
    db, wid, ids = city
    card = scorecard.load(db, wid)
    o = card.objective(ids["transport"])
    assert o.theme_id == ids["roads"] and o.other_theme_ids == (ids["economy"],)  # the main one is not repeated
    assert [t.name for t in card.themes_of(o)] == ["Transportation <&> planning", "Economic development"]
    assert [x.title for x in card.objectives_serving(ids["economy"])] == ["Provide transportation choices"]


def test_a_theme_served_only_as_another_theme_is_not_empty(city):
    db, wid, ids = city
    found = {f.id: f for f in checks.run(scorecard.load(db, wid))}
    assert "theme-empty" not in found
    objectives.set_other_themes(db, ids["transport"], [])
    found = {f.id: f for f in checks.run(scorecard.load(db, wid))}
    assert [i.label for i in found["theme-empty"].items] == ["Economic development"]
    assert "no objective serves" in found["theme-empty"].message


def test_the_other_themes_are_replaced_when_the_objective_is_saved(city):
    db, wid, ids = city
    objectives.update_objective(db, ids["crime"], other_theme_ids=[ids["economy"], ids["roads"]])
    card = scorecard.load(db, wid)
    assert set(card.objective(ids["crime"]).other_theme_ids) == {ids["economy"], ids["roads"]}
    objectives.update_objective(db, ids["crime"], title="Reduce violent crime")  # not given: kept
    assert len(scorecard.load(db, wid).objective(ids["crime"]).other_theme_ids) == 2


def test_making_another_theme_the_main_one_moves_it(city):
    db, wid, ids = city
    objectives.update_objective(db, ids["transport"], theme_id=ids["economy"])
    o = scorecard.load(db, wid).objective(ids["transport"])
    assert o.theme_id == ids["economy"] and o.other_theme_ids == ()


def test_other_themes_need_a_main_theme_and_must_be_of_this_workshop(city, fresh_db):
    db, wid, ids = city
    bare = objectives.add_objective(db, wid, "Strengthen neighborhoods", workshops.perspectives(db, wid)[0]["id"])
    with pytest.raises(Invalid, match="main theme first"):
        objectives.set_other_themes(db, bare, [ids["economy"]])
    other = workshops.create_workshop(db, "Elsewhere", "Unit")
    foreign = objectives.add_theme(db, other, "Foreign")
    with pytest.raises(Invalid, match="this workshop's themes"):
        objectives.set_other_themes(db, ids["crime"], [foreign])
    with pytest.raises(sqlite3.IntegrityError, match="its own workshop"):  # the schema refuses it too
        db.execute("INSERT INTO objective_theme VALUES (?, ?)", [ids["crime"], foreign])
    with pytest.raises(sqlite3.IntegrityError, match="main theme"):
        db.execute("INSERT INTO objective_theme VALUES (?, ?)", [ids["crime"], ids["safety"]])


def test_the_map_marks_each_other_theme_with_a_dot_and_explains_it_in_the_legend(city):
    db, wid, ids = city
    drawn = svg.render_svg(scorecard.load(db, wid))
    root = ET.fromstring(drawn)
    dots = root.findall(f".//{SVG}circle[@class='also-serves']")
    assert len(dots) == 1
    assert dots[0].find(f"{SVG}title").text == "Also serves: Economic development"
    assert "Dot: also serves that theme" in drawn
    assert "Transportation &lt;&amp;&gt; planning" in drawn


def test_the_interactive_map_lists_every_theme_in_the_tooltip(city):
    db, wid, ids = city
    spec = graph.graph_spec(scorecard.load(db, wid))
    node = next(n for n in spec["nodes"] if "Provide transportation" in n["title"])
    assert f"Themes: {graph.safe_label('Transportation <&> planning')}, Economic development" in node["title"]
    assert node["label"].endswith("+ Economic development")  # the other theme, named under the title


def test_the_report_and_the_workbook_show_every_theme(city):
    db, wid, ids = city
    db.execute("UPDATE objective SET status = 'agreed'")
    card = scorecard.load(db, wid)
    context = document.report_context(card)
    assert context["theme_counts"] == {ids["safety"]: 1, ids["economy"]: 1, ids["roads"]: 1}
    html = document.render_html(context)
    assert html.count("Economic development") >= 2  # the themes table and the objective's tags
    rows = sheets.scorecard_rows(card)
    assert next(r for r in rows if r["Objective"] == "Provide transportation choices")["Theme"] == "Transportation <&> planning, Economic development"


def test_other_themes_survive_export_and_import(city):
    db, wid, ids = city
    document = export.export_workshop(db, wid)
    assert document["objective_theme"] == [{"objective_id": 2, "theme_id": 2}]
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(document)))
    card = scorecard.load(db, copy)
    transport = next(o for o in card.objectives if o.title == "Provide transportation choices")
    assert [t.name for t in card.themes_of(transport)] == ["Transportation <&> planning", "Economic development"]


def test_the_map_page_saves_the_other_themes_an_objective_serves(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = demo_into(db)
    card = scorecard.load(db, wid)
    o = card.live_objectives()[0]
    other = next(t for t in card.themes if t.id != o.theme_id)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.run()
    at.switch_page(nav.STRATEGY_MAP.script).run()
    at.selectbox(key="map-open-None").set_value(o.id).run()
    at.multiselect(key=f"edit-other-themes-{o.id}").set_value([other.id])
    next(b for b in at.button if b.label == "Save the objective").click().run()
    assert not at.exception
    assert scorecard.load(db, wid).objective(o.id).other_theme_ids == (other.id,)
    assert any(other.name in c.value and "themes:" in c.value for c in at.caption)


def test_a_draft_is_given_other_themes_on_the_interviews_page(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "City", "City", sector="public", scope="organisation")
    safety = objectives.add_theme(db, wid, "Community safety")
    economy = objectives.add_theme(db, wid, "Economic development")
    draft = objectives.add_objective(db, wid, "Reduce crime", workshops.perspectives(db, wid)[0]["id"], theme_id=safety, proposed_by="Council")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.run()
    open_drafts(at)
    assert not at.exception
    at.multiselect(key=f"edit-also-{draft}").set_value([economy])
    next(b for b in at.button if b.label == "Save draft").click().run()
    assert not at.exception and not at.error
    o = scorecard.load(db, wid).objective(draft)
    assert (o.theme_id, o.other_theme_ids) == (safety, (economy,))
