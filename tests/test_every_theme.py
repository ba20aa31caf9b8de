"""An objective that serves every theme: the top financial objective and the learning base of Kaplan and
Norton's maps, which every strand of the strategy shares. The theme checks understand it."""

from __future__ import annotations

import copy
import dataclasses
import sqlite3
import xml.etree.ElementTree as ET

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop import checks
from workshop.checks import fingerprint
from workshop.core.errors import Invalid
from workshop.db import scorecard, store
from workshop.deliverables.exchange import export
from workshop.deliverables.map import graph, svg
from workshop.deliverables.report import document, story
from workshop.deliverables.workbook import sheets
from workshop.method import acknowledgements, objectives, workshops
from workshop.starters import demo, from_json

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def demo_card():
    db = store.connect(":memory:")
    return scorecard.load(db, demo.create_demo(db))


def _ids(card) -> set[str]:
    return {f.id for f in checks.run(card)}


def _top(card):
    top = min(card.perspectives, key=lambda p: p.position)
    return next(o for o in card.objectives if o.perspective_id == top.id)


def _mark_every_theme(card, objective):
    n = card.objectives.index(objective)
    card.objectives[n] = dataclasses.replace(objective, theme_id=None, other_theme_ids=(), all_themes=True)
    return card.objectives[n]


def test_an_objective_serving_every_theme_is_not_without_a_theme(demo_card):
    card = copy.deepcopy(demo_card)
    top = _top(card)
    card.objectives[card.objectives.index(top)] = dataclasses.replace(top, theme_id=None, other_theme_ids=())
    assert "objective-no-theme" in _ids(card)
    _mark_every_theme(card, card.objective(top.id))
    assert "objective-no-theme" not in _ids(card)


def test_a_theme_served_only_by_the_shared_objectives_is_still_empty(demo_card):
    card = copy.deepcopy(demo_card)
    lonely = card.themes[0]
    for o in list(card.objectives):
        if lonely.id in o.theme_ids:
            _mark_every_theme(card, o)
    finding = next(f for f in checks.run(card) if f.id == "theme-empty")
    assert [i.label for i in finding.items] == [lonely.name]


def _two_themes(card):
    """The demo on a two-strategy map: its third theme's objectives moved into the second."""
    first, second, *rest = card.themes
    card.themes = [first, second]
    gone = {t.id for t in rest}
    card.objectives = [
        dataclasses.replace(
            o, theme_id=second.id if o.theme_id in gone else o.theme_id, other_theme_ids=tuple(t for t in o.other_theme_ids if t not in gone)
        )
        for o in card.objectives
    ]


def test_two_themes_are_too_few_unless_a_top_objective_joins_them(demo_card):
    card = copy.deepcopy(demo_card)
    _two_themes(card)
    assert "themes-count" in _ids(card)
    _mark_every_theme(card, _top(card))
    assert "themes-count" not in _ids(card)


def test_a_shared_learning_base_alone_does_not_make_two_themes_enough(demo_card):
    card = copy.deepcopy(demo_card)
    _two_themes(card)
    bottom = max(card.perspectives, key=lambda p: p.position)
    _mark_every_theme(card, next(o for o in card.objectives if o.perspective_id == bottom.id))
    assert "themes-count" in _ids(card)


def test_one_theme_is_too_few_whatever_is_shared(demo_card):
    card = copy.deepcopy(demo_card)
    card.themes = card.themes[:1]
    _mark_every_theme(card, _top(card))
    assert "themes-count" in _ids(card)


# --- storage: the mark, kept by the schema ----------------------------------------------------


@pytest.fixture
def bank(fresh_db):
    """Two strategies (revenue growth, productivity) and an objective in each."""
    db = fresh_db
    wid = workshops.create_workshop(db, "Metro Bank", "Retail bank", scope="organisation")
    p = {r["key"]: r["id"] for r in workshops.perspectives(db, wid)}
    growth = objectives.add_theme(db, wid, "Revenue growth")
    productivity = objectives.add_theme(db, wid, "Productivity")
    top = objectives.add_objective(db, wid, "Improve returns", p["financial"], theme_id=growth, other_theme_ids=[productivity])
    mix = objectives.add_objective(db, wid, "Broaden revenue mix", p["financial"], theme_id=growth)
    return db, wid, {"growth": growth, "productivity": productivity, "top": top, "mix": mix, **p}


def test_marking_an_objective_as_serving_every_theme_replaces_its_own_themes(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], all_themes=True)
    o = scorecard.load(db, wid).objective(ids["top"])
    assert o.all_themes is True and o.theme_id is None and o.other_theme_ids == ()


def test_choosing_a_main_theme_unmarks_it(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], all_themes=True)
    objectives.update_objective(db, ids["top"], theme_id=ids["productivity"])
    o = scorecard.load(db, wid).objective(ids["top"])
    assert o.all_themes is False and o.theme_id == ids["productivity"]


def test_a_new_objective_can_serve_every_theme(bank):
    db, wid, ids = bank
    oid = objectives.add_objective(db, wid, "Develop strategic skills", ids["learning"], theme_id=ids["growth"], all_themes=True)
    o = scorecard.load(db, wid).objective(oid)
    assert o.all_themes and o.theme_id is None


def test_the_database_refuses_a_main_theme_or_other_themes_on_an_objective_serving_every_theme(bank):
    db, _, ids = bank
    objectives.update_objective(db, ids["top"], all_themes=True)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE objective SET theme_id = ? WHERE id = ?", [ids["growth"], ids["top"]])
    with pytest.raises(sqlite3.IntegrityError, match="serves every theme"):
        db.execute("INSERT INTO objective_theme (objective_id, theme_id) VALUES (?, ?)", [ids["top"], ids["growth"]])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE objective SET all_themes = 2 WHERE id = ?", [ids["mix"]])


def test_an_objective_is_in_no_theme_until_it_is_marked(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], theme_id=None, other_theme_ids=[])
    assert "objective-no-theme" in _ids(scorecard.load(db, wid))
    objectives.update_objective(db, ids["top"], all_themes=True)
    assert "objective-no-theme" not in _ids(scorecard.load(db, wid))


def test_marking_it_is_an_edit_of_the_objective_an_acknowledgement_named(bank):
    db, wid, ids = bank
    acknowledgements.acknowledge(db, wid, "objective-no-owner", "Owners are named at the next board.")
    assert "objective-no-owner" not in _ids(scorecard.load(db, wid))
    objectives.update_objective(db, ids["top"], all_themes=True)
    finding = next(f for f in checks.run(scorecard.load(db, wid)) if f.id == "objective-no-owner")
    assert finding.lapsed


def test_an_unmarked_objective_keeps_the_fingerprint_it_had_before_the_mark_existed(bank):
    db, wid, ids = bank
    card = scorecard.load(db, wid)
    o = card.objective(ids["mix"])
    assert "all_themes" not in fingerprint._objective(card, o.id)


# --- the facilitator's objective panel on the map page -------------------------------------------


def _map_page(db_path, wid: int, objective_id: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.run()
    at.switch_page(nav.STRATEGY_MAP.script).run()
    at.selectbox(key="map-open-None").set_value(objective_id).run()
    assert not at.exception
    return at


def _save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Save the objective").click().run()
    assert not at.exception and not at.error


def test_the_map_page_marks_an_objective_as_serving_every_theme_and_says_so(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = demo.create_demo(db)
    top = _top(scorecard.load(db, wid))
    at = _map_page(db_path, wid, top.id)
    at.checkbox(key=f"edit-all-themes-{top.id}").check()
    _save(at)
    o = scorecard.load(db, wid).objective(top.id)
    assert o.all_themes and o.theme_id is None and o.other_theme_ids == ()
    assert any("themes: every theme" in c.value for c in at.caption)
    at.session_state["map-tabs"] = "Perspectives & themes"  # only the open tab is drawn
    at.run()
    assert any("1 objective serves every theme" in c.value and top.title in c.value for c in at.caption)


def test_choosing_a_main_theme_on_the_map_page_unmarks_it(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = demo.create_demo(db)
    card = scorecard.load(db, wid)
    top = _top(card)
    objectives.update_objective(db, top.id, all_themes=True)
    at = _map_page(db_path, wid, top.id)
    at.checkbox(key=f"edit-all-themes-{top.id}").uncheck()
    at.selectbox(key=f"edit-theme-{top.id}").set_value(card.themes[1].id)
    _save(at)
    o = scorecard.load(db, wid).objective(top.id)
    assert not o.all_themes and o.theme_id == card.themes[1].id


# --- the map: its own colour, a strip of every theme's colour, a legend line --------------------


def test_the_map_draws_an_objective_serving_every_theme_with_a_strip_of_every_colour(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], all_themes=True)
    card = scorecard.load(db, wid)
    root = ET.fromstring(svg.render_svg(card))
    box = next(g for g in root.iter(f"{SVG}g") if g.get("data-objective") == str(ids["top"]))
    (strip,) = [g for g in box.iter(f"{SVG}g") if g.get("class") == "every-theme"]
    assert [r.get("fill") for r in strip.iter(f"{SVG}rect")] == [t.colour for t in card.themes]
    assert not [c for c in box.iter(f"{SVG}circle") if c.get("class") == "also-serves"]  # no dots beside the strip
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert "Serves every theme" in legend and "No theme" not in legend


def test_the_interactive_map_names_it_and_explains_the_mark(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], all_themes=True)
    spec = graph.graph_spec(scorecard.load(db, wid))
    node = next(n for n in spec["nodes"] if n["id"] == graph.node_id(ids["top"]))
    assert "Themes: every theme" in node["title"] and node["label"].endswith("+ every theme")
    assert any(n.get("label") == "Serves every theme" for n in spec["nodes"] if n["id"].startswith("legend"))


def test_an_objective_with_no_theme_is_still_called_so(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], theme_id=None, other_theme_ids=[])
    legend = [t.text for t in ET.fromstring(svg.render_svg(scorecard.load(db, wid))).iter(f"{SVG}text")]
    assert "No theme" in legend and "Serves every theme" not in legend


# --- the report, the workbook and the JSON exchange ----------------------------------------------


def test_the_report_and_the_workbook_say_every_theme(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], all_themes=True)
    db.execute("UPDATE objective SET status = 'agreed'")
    card = scorecard.load(db, wid)
    html = document.render_html(document.report_context(card))
    assert '<span class="theme every-theme">Every theme</span>' in html
    assert "Serving every theme, shared by all the strands: Improve returns." in html
    assert "1 objective serves every theme" in " ".join(story.narrative(card, []))
    rows = sheets.scorecard_rows(card)
    assert next(r for r in rows if r["Objective"] == "Improve returns")["Theme"] == "Every theme"


def test_an_objective_serving_every_theme_survives_export_and_import(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], all_themes=True)
    exported = export.export_workshop(db, wid)
    assert [o["all_themes"] for o in exported["objective"]] == [1, 0]
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(exported)))
    card = scorecard.load(db, copy)
    assert [o.title for o in card.objectives if o.all_themes] == ["Improve returns"]
    assert export.export_workshop(db, copy)["objective"] == exported["objective"]


def test_a_file_from_before_the_mark_imports_with_no_objective_serving_every_theme(bank):
    db, wid, _ = bank
    exported = export.export_workshop(db, wid)
    for o in exported["objective"]:
        del o["all_themes"]
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(exported)))
    assert not any(o.all_themes for o in scorecard.load(db, copy).objectives)


@pytest.mark.parametrize("value", [2, "yes"])
def test_a_file_cannot_mark_an_objective_with_anything_but_0_or_1(bank, value):
    db, wid, _ = bank
    exported = export.export_workshop(db, wid)
    exported["objective"][0]["all_themes"] = value
    with pytest.raises(Invalid, match=r"objective\[0\]\.all_themes"):
        from_json.import_workshop(db, from_json.parse(export.dumps(exported)))


def test_a_file_cannot_give_an_objective_serving_every_theme_a_main_theme(bank):
    db, wid, ids = bank
    objectives.update_objective(db, ids["top"], all_themes=True)
    exported = export.export_workshop(db, wid)
    exported["objective"][0]["theme_id"] = 1
    with pytest.raises(Invalid, match=r"objective\[0\]"):
        from_json.import_workshop(db, from_json.parse(export.dumps(exported)))
