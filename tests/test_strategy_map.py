"""The strategy map: bands in the configured order, boxes that never overlap, arrows from cause to
effect, and user text that cannot escape into the SVG or the graph component."""

from __future__ import annotations

import dataclasses
import itertools
import xml.etree.ElementTree as ET

import pytest
from helpers import as_shown, demo_into, html_markup

from workshop.core.model import CausalLink, Objective, Perspective, Scorecard, Theme
from workshop.db import scorecard
from workshop.deliverables.map import graph, layout, svg
from workshop.method import map_setup, objectives, workshops
from workshop.starters import catalogue

SVG = "{http://www.w3.org/2000/svg}"


def _overlap(a, b, gap: float = 0) -> bool:
    return not (a.x + a.w + gap <= b.x or b.x + b.w + gap <= a.x or a.y + a.h + gap <= b.y or b.y + b.h + gap <= a.y)


def _assert_legible(lay):
    boxes = list(lay.boxes.values())
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b, gap=10), (a.objective.title, b.objective.title)
    for box in boxes:
        band = lay.bands[box.band]
        assert band.y <= box.y and box.y + box.h <= band.y + band.h
        assert box.x >= 0 and box.x + box.w <= lay.width


def big_card(per_band=(4, 5, 8, 5)) -> Scorecard:
    """22 objectives (8 in one band, so two rows) with crossing links between every band."""
    perspectives = [Perspective(i + 1, k, k.title(), i + 1) for i, k in enumerate(("financial", "customer", "internal", "learning"))]
    themes = [Theme(1, "A", "", "#4e79a7"), Theme(2, "B", "", "#f28e2b"), Theme(3, "C", "", "#59a14f")]
    objs, n = [], 0
    for p, count in zip(perspectives, per_band):
        for _ in range(count):
            n += 1
            objs.append(Objective(n, p.id, (n % 3) + 1, f"Improve a rather long objective title number {n}", "", "Owner", "agreed", ""))
    links, lid = [], 0
    for lower, upper in itertools.permutations(objs, 2):
        if lower.perspective_id == upper.perspective_id + 1 and (lower.id * 7 + upper.id) % 3 == 0:
            lid += 1
            links.append(CausalLink(lid, lower.id, upper.id, f"hypothesis {lid}"))
    return Scorecard(workshop={"id": 1, "unit": "Big unit"}, perspectives=perspectives, themes=themes, objectives=objs, links=links)


@pytest.fixture
def demo_card(fresh_db):
    return scorecard.load(fresh_db, demo_into(fresh_db))


def test_bands_run_top_to_bottom_in_the_configured_order(demo_card):
    lay = layout.layout(demo_card)
    names = [b.name for b in lay.bands]
    assert names == ["Financial", "Customer", "Internal processes", "Learning & growth"]
    assert all(a.y + a.h <= b.y for a, b in zip(lay.bands, lay.bands[1:]))


def test_a_public_body_has_its_customers_on_top(fresh_db):
    wid = catalogue.create_from_template(fresh_db, "public-hospital")
    lay = layout.layout(scorecard.load(fresh_db, wid))
    assert [b.name for b in lay.bands][0] == "Patients & community"


def test_reordering_the_perspectives_reorders_the_bands(fresh_db):
    wid = demo_into(fresh_db)
    customer = next(p for p in workshops.perspectives(fresh_db, wid) if p["key"] == "customer")
    map_setup.move_perspective(fresh_db, customer["id"], -1)
    lay = layout.layout(scorecard.load(fresh_db, wid))
    assert [b.name for b in lay.bands][:2] == ["Customer", "Financial"]
    top = {o.id for o in scorecard.load(fresh_db, wid).objectives if o.perspective_id == customer["id"]}
    assert {b.objective.id for b in lay.boxes.values() if b.band == 0} == top - {
        o.id for o in scorecard.load(fresh_db, wid).objectives if o.status == "dropped"
    }


@pytest.mark.parametrize("name", catalogue.list_templates())
def test_no_box_overlaps_another_on_any_template(fresh_db, name):
    card = scorecard.load(fresh_db, catalogue.create_from_template(fresh_db, name))
    lay = layout.layout(card)
    _assert_legible(lay)
    assert len(lay.boxes) == len(card.live_objectives())
    assert len(lay.arrows) == len(card.links)


def test_a_crowded_band_wraps_into_rows_without_overlap():
    card = big_card()
    lay = layout.layout(card)
    _assert_legible(lay)
    rows = {b.y for b in lay.boxes.values() if b.band == 2}
    assert len(rows) == 2 and len(lay.boxes) == 22
    assert len(lay.arrows) == len(card.links) > 18


def test_arrows_leave_the_cause_and_end_at_the_effect():
    card = big_card()
    lay = layout.layout(card)
    for arrow in lay.arrows:
        cause, effect = lay.boxes[arrow.cause_id], lay.boxes[arrow.effect_id]
        assert cause.x <= arrow.start[0] <= cause.x + cause.w and arrow.start[1] in (cause.y, cause.y + cause.h)
        assert effect.x <= arrow.end[0] <= effect.x + effect.w
        assert abs(arrow.end[1] - (effect.y + effect.h)) <= 2 or abs(arrow.end[1] - effect.y) <= 2


def test_arrows_that_skip_a_band_pass_between_boxes_not_under_them(demo_card):
    lay = layout.layout(demo_card)
    automate = next(o.id for o in demo_card.objectives if o.title.startswith("Automate"))
    arrow = next(a for a in lay.arrows if a.cause_id == automate)  # internal → financial
    assert " L" in arrow.path  # a straight run through a gap in the customer band


def test_the_layout_is_deterministic(demo_card):
    assert svg.render_svg(demo_card) == svg.render_svg(demo_card)


def test_the_svg_is_well_formed_and_shows_every_objective_and_link(demo_card):
    root = ET.fromstring(svg.render_svg(demo_card))
    groups = root.findall(f"{SVG}g")
    assert len(groups) == len(demo_card.live_objectives())
    assert len([p for p in root.iter(f"{SVG}path") if p.get("class") == "link"]) == len(demo_card.links)
    assert root.find(f"{SVG}title").text == "Strategy map · Managed Cloud Services"
    assert not list(root.iter(f"{SVG}script"))


def test_drafts_are_dashed_and_can_be_left_out(fresh_db):
    wid = demo_into(fresh_db)
    ids = workshops.perspectives(fresh_db, wid)
    objectives.add_objective(fresh_db, wid, "Explore a new market", ids[1]["id"])
    card = scorecard.load(fresh_db, wid)
    assert 'stroke-dasharray="6 4"' in svg.render_svg(card)
    assert "Explore a new market" not in svg.render_svg(card, statuses=("agreed",))


def test_user_text_cannot_become_markup_in_the_svg(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit <script>alert(1)</script>")
    p = workshops.perspectives(fresh_db, wid)
    objectives.add_theme(fresh_db, wid, "Theme <b>bold</b>")
    objectives.add_objective(fresh_db, wid, '<img src=x onerror="alert(1)"> & more', p[0]["id"])
    workshops.rename_perspective(fresh_db, p[1]["id"], "</text><script>x</script>")
    drawn = svg.render_svg(scorecard.load(fresh_db, wid))
    root = ET.fromstring(drawn)
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}img"))
    assert "<img" not in drawn and "<script" not in drawn and "<b>" not in drawn
    assert "&lt;img src=x" in drawn


def test_long_titles_wrap_and_end_in_an_ellipsis():
    lines = layout.wrap("Improve " * 30)
    assert len(lines) == layout.MAX_LINES and lines[-1].endswith("…")
    assert all(len(line) <= layout.LINE_CHARS for line in lines)
    assert layout.wrap("A" * 60)[0].endswith("-")


# --- the interactive map's nodes and edges -------------------------------------------------------


def test_graph_nodes_use_internal_ids_and_the_layout_positions(demo_card):
    spec = graph.graph_spec(demo_card)
    lay = layout.layout(demo_card)
    objective_nodes = [n for n in spec["nodes"] if n["id"].startswith("o")]
    assert {n["id"] for n in objective_nodes} == {f"o{i}" for i in lay.boxes}
    for n in objective_nodes:
        box = lay.boxes[int(n["id"][1:])]
        assert (n["x"], n["y"]) == (box.cx, box.cy) and n["fixed"]
    assert [n["id"] for n in spec["nodes"] if n["id"].startswith("band")] == [f"band{b.perspective_id}" for b in lay.bands]
    ids = {n["id"] for n in spec["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in spec["edges"])
    assert len({e["id"].split(".")[0] for e in spec["edges"]}) == len(demo_card.links)  # a routed link has pieces


def test_graph_text_is_inert_as_html_and_titles_cannot_be_opened_as_scripts(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    p = workshops.perspectives(fresh_db, wid)
    theme = objectives.add_theme(fresh_db, wid, "<i>Theme</i>")
    evil = objectives.add_objective(
        fresh_db, wid, "<img src=x onerror=alert(1)>", p[0]["id"], theme_id=theme, owner="O'Brien & <b>Co</b> <!-- x --> <!DOCTYPE html> <?php"
    )
    other = objectives.add_objective(fresh_db, wid, "javascript:alert(1)", p[1]["id"])
    objectives.add_link(fresh_db, other, evil, "<script>alert(2)</script>")
    spec = graph.graph_spec(scorecard.load(fresh_db, wid))
    for item in spec["nodes"] + spec["edges"]:
        for key in ("id", "title", "label"):
            assert html_markup(str(item.get(key, ""))) == [], item.get(key)
        assert not str(item.get("title", "")).lower().startswith("javascript:")
    node = next(n for n in spec["nodes"] if n["id"] == f"o{evil}")
    assert as_shown(node["title"]).startswith("Objective: <img src=x onerror=alert(1)>\n")
    assert "Owner: O'Brien & <b>Co</b> <!-- x --> <!DOCTYPE html> <?php" in as_shown(node["title"])
    assert as_shown(node["label"]).replace("\n", " ") == "<img src=x onerror=alert(1)>"


def test_ampersands_and_quotes_read_on_the_map_as_typed(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    p = workshops.perspectives(fresh_db, wid)
    workshops.rename_perspective(fresh_db, p[3]["id"], "Learning & growth")
    oid = objectives.add_objective(fresh_db, wid, 'Win "hero" clients & keep \'em', p[3]["id"], owner="O'Brien & Sons")
    spec = graph.graph_spec(scorecard.load(fresh_db, wid))
    band = next(n for n in spec["nodes"] if n["id"] == f"band{p[3]['id']}")
    assert band["label"] == "Learning & growth" and band["title"] == "Perspective: Learning & growth"
    node = next(n for n in spec["nodes"] if n["id"] == f"o{oid}")
    assert node["label"].replace("\n", " ") == 'Win "hero" clients & keep \'em'
    assert node["title"].startswith('Objective: Win "hero" clients & keep \'em\nPerspective: Learning & growth')
    assert "Owner: O'Brien & Sons" in node["title"]


def test_a_clicked_node_maps_back_to_its_objective():
    assert graph.objective_id("o12") == 12
    assert graph.objective_id("band3") is None
    assert graph.objective_id(None) is None
    assert graph.objective_id("o12x") is None


def test_the_selected_objective_is_drawn_bolder(demo_card):
    first = demo_card.live_objectives()[0].id
    spec = graph.graph_spec(demo_card, selected=first)
    widths = {n["id"]: n["borderWidth"] for n in spec["nodes"] if n["id"].startswith("o")}
    assert widths[f"o{first}"] > max(w for k, w in widths.items() if k != f"o{first}")


def test_an_empty_workshop_draws_empty_bands(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit", sector="non-profit")
    card = scorecard.load(fresh_db, wid)
    lay = layout.layout(card)
    assert len(lay.bands) == 4 and not lay.boxes
    ET.fromstring(svg.render_svg(card))
    assert graph.graph_spec(card)["edges"] == []


def test_themes_colour_the_boxes(demo_card):
    lay = layout.layout(demo_card)
    colours = {t.id: t.colour for t in demo_card.themes}
    for box in lay.boxes.values():
        assert box.colour == colours[box.objective.theme_id]
    untheemed = dataclasses.replace(demo_card.objectives[0], theme_id=None)
    card = dataclasses.replace(demo_card, objectives=[untheemed, *demo_card.objectives[1:]])
    assert layout.layout(card).boxes[untheemed.id].colour == layout.NO_THEME


def test_the_legend_names_each_theme_and_only_the_marks_the_map_uses(fresh_db):
    card = scorecard.load(fresh_db, catalogue.create_from_template(fresh_db, "manufacturer"))
    drawn = svg.render_svg(card)
    assert all(f">{t.name}</text>" in drawn for t in card.themes)
    assert "Draft (not yet agreed)" not in drawn and "No theme" not in drawn
    p = workshops.perspectives(fresh_db, card.workshop["id"])
    objectives.add_objective(fresh_db, card.workshop["id"], "Explore additive manufacturing", p[2]["id"])
    drawn = svg.render_svg(scorecard.load(fresh_db, card.workshop["id"]))
    assert "Draft (not yet agreed)" in drawn and "No theme" in drawn


def test_crossings_are_counted_between_straight_arrows():
    a, b, c, d = (Objective(i, 1, None, f"Improve {i}", "", "", "agreed", "") for i in range(1, 5))
    crossed = [CausalLink(1, a.id, d.id, ""), CausalLink(2, b.id, c.id, "")]
    assert layout.crossings([[c, d], [a, b]], crossed) == 1
    assert layout.crossings([[d, c], [a, b]], crossed) == 0


@pytest.mark.parametrize("name", catalogue.list_templates())
def test_the_layout_leaves_few_crossings(fresh_db, name):
    card = scorecard.load(fresh_db, catalogue.create_from_template(fresh_db, name))
    lay = layout.layout(card)
    bands = [[b.objective for b in sorted(lay.boxes.values(), key=lambda b: b.x) if b.band == i] for i in range(len(lay.bands))]
    assert layout.crossings(bands, card.links) <= 5
