"""The in-app map tells the truth: no arrow is drawn across a box it does not join, on the demo
and on a workshop whose links skip bands; the themes have a legend."""

from __future__ import annotations

import pytest
from helpers import demo_into

from workshop.db import scorecard
from workshop.deliverables.map import graph, layout, routes
from workshop.method import objectives, workshops


def skipping_workshop(db) -> int:
    """Three or four objectives a band, and links from learning straight to the top, and across."""
    wid = workshops.create_workshop(db, "Org", "Unit")
    bands = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
    made = {}
    for key, count in (("financial", 3), ("customer", 4), ("internal", 4), ("learning", 3)):
        for n in range(count):
            made[(key, n)] = objectives.add_objective(db, wid, f"Improve {key} outcome {n + 1}", bands[key])
    for cause, effect in [
        (("learning", 0), ("financial", 2)),
        (("learning", 2), ("financial", 0)),
        (("learning", 1), ("customer", 3)),
        (("internal", 0), ("financial", 1)),
        (("internal", 3), ("financial", 0)),
        (("learning", 0), ("internal", 3)),
        (("customer", 0), ("customer", 3)),
        (("learning", 2), ("customer", 0)),
    ]:
        objectives.add_link(db, made[cause], made[effect], "")
    return wid


def drawn_segments(card):
    """Each straight piece the component draws, with the objectives its arrow joins."""
    spec = graph.graph_spec(card)
    at = {n["id"]: (n["x"], n["y"]) for n in spec["nodes"]}
    ends = {l.id: (l.cause_id, l.effect_id) for l in card.links}
    for edge in spec["edges"]:
        link_id = int(edge["id"][1:].split(".")[0])
        yield ends[link_id], at[edge["source"]], at[edge["target"]]


def assert_no_arrow_crosses_a_box_it_does_not_join(card):
    lay = layout.layout(card)
    checked = 0
    for (cause, effect), a, b in drawn_segments(card):
        for box in lay.boxes.values():
            if box.objective.id not in (cause, effect):
                assert not routes.crosses(a, b, box, clearance=2), f"link {cause}->{effect} crosses “{box.objective.title}”"
        checked += 1
    assert checked >= len(card.links)


def test_no_arrow_of_the_demo_map_crosses_a_box_it_does_not_join(fresh_db):
    assert_no_arrow_crosses_a_box_it_does_not_join(scorecard.load(fresh_db, demo_into(fresh_db)))


def test_links_that_skip_bands_are_routed_around_the_boxes_between(fresh_db):
    card = scorecard.load(fresh_db, skipping_workshop(fresh_db))
    lay = layout.layout(card)
    straight_through = [
        l
        for l in card.links
        if any(
            routes.crosses((lay.boxes[l.cause_id].cx, lay.boxes[l.cause_id].cy), (lay.boxes[l.effect_id].cx, lay.boxes[l.effect_id].cy), box)
            for box in lay.boxes.values()
            if box.objective.id not in (l.cause_id, l.effect_id)
        )
    ]
    assert len(straight_through) >= 2  # drawn straight, these would read as passing through a box
    assert_no_arrow_crosses_a_box_it_does_not_join(card)


def test_a_routed_link_is_one_arrow_with_its_head_on_the_effect(fresh_db):
    card = scorecard.load(fresh_db, skipping_workshop(fresh_db))
    spec = graph.graph_spec(card)
    for link in card.links:
        pieces = [e for e in spec["edges"] if e["id"].split(".")[0] == f"l{link.id}"]
        heads = [e for e in pieces if e["arrows"] == "to"]
        assert len(heads) == 1 and heads[0]["target"] == f"o{link.effect_id}"
        assert [e for e in pieces if e["source"] == f"o{link.cause_id}"]
        assert all(e["smooth"] is False for e in pieces)  # drawn as the straight lines checked above


def test_bends_are_not_objectives_and_cannot_be_opened(fresh_db):
    card = scorecard.load(fresh_db, skipping_workshop(fresh_db))
    bends = [n for n in graph.graph_spec(card)["nodes"] if n["id"].startswith("w")]
    assert bends and all(graph.objective_id(n["id"]) is None for n in bends)


def test_the_in_app_map_has_a_legend_of_its_themes(fresh_db):
    card = scorecard.load(fresh_db, demo_into(fresh_db))
    legend = [n for n in graph.graph_spec(card)["nodes"] if n["id"].startswith("legend")]
    labels = {n["label"] for n in legend}
    assert "Themes" in labels and all(graph.safe_label(t.name) in labels for t in card.themes)
    assert all(graph.objective_id(n["id"]) is None for n in legend)
    lay = layout.layout(card)
    assert min(n["y"] for n in legend) > lay.bands[-1].y + lay.bands[-1].h  # under the bands


@pytest.mark.parametrize(
    "a, b, hit",
    [((0, 0), (100, 100), True), ((0, 0), (0, 100), False), ((60, -10), (60, 200), True), ((-50, 50), (45, 50), True), ((-50, 50), (5, 50), False)],
)
def test_a_segment_crossing_a_box_is_told_from_one_passing_beside_it(a, b, hit):
    box = layout.Box(None, 40, 40, "#000000", 0, w=40, h=20)  # type: ignore[arg-type]
    assert routes.crosses(a, b, box) is hit
