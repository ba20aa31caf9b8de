"""A scorecard whose map has no cause and effect (a published "map" that is only perspective columns):
the map draws no arrows and says that the order within a band means nothing; the report tells no
story of chains; the deck's map slide claims no arrows; the gate names the steps nothing links."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from helpers import demo_into
from pptx import Presentation

from workshop.db import scorecard
from workshop.deliverables import record
from workshop.deliverables.deck import slides
from workshop.deliverables.map import graph, layout, svg
from workshop.deliverables.report import document, story
from workshop.method import decisions, objectives, workshops

SVG = "{http://www.w3.org/2000/svg}"
NOTE = "No cause-and-effect links yet: the objectives are grouped by perspective only; their order within a band means nothing."


@pytest.fixture
def columns(fresh_db):
    """Perspective columns only: two themes, two objectives in each perspective, no link."""
    db = fresh_db
    wid = workshops.create_workshop(db, "Fauquier County", "County government", sector="public", scope="organisation")
    growth = objectives.add_theme(db, wid, "Growth")
    service = objectives.add_theme(db, wid, "Service")
    ids = []
    for p in workshops.perspectives(db, wid):
        for theme, word in ((service, "service"), (growth, "growth")):
            ids.append(objectives.add_objective(db, wid, f"Improve {word} in {p['name']}", p["id"], theme_id=theme, proposed_by="Board"))
    return db, wid, ids


def test_a_map_without_links_draws_no_arrow_and_says_its_order_means_nothing(columns):
    db, wid, _ = columns
    card = scorecard.load(db, wid)
    lay = layout.layout(card)
    assert lay.unlinked and lay.arrows == []
    root = ET.fromstring(svg.render_svg(card))
    notes = [" ".join(s.text for s in t.iter(f"{SVG}tspan")) for t in root.iter(f"{SVG}text") if t.get("class") == "no-links"]
    assert notes == [NOTE]
    assert not root.findall(f".//{SVG}path[@class='link']")


def test_the_interactive_map_says_so_too(columns):
    db, wid, _ = columns
    spec = graph.graph_spec(scorecard.load(db, wid))
    (note,) = [n for n in spec["nodes"] if n["id"] == "no-links"]
    assert note["label"] == NOTE
    assert spec["edges"] == []


def test_within_a_band_the_boxes_follow_the_themes_then_the_order_they_were_written(columns):
    db, wid, _ = columns
    card = scorecard.load(db, wid)
    lay = layout.layout(card)
    for band in lay.bands:
        row = sorted((b for b in lay.boxes.values() if b.objective.perspective_id == band.perspective_id), key=lambda b: b.x)
        assert [b.objective.title.split()[1] for b in row] == ["growth", "service"]  # the themes' order, nothing else


def test_one_link_and_the_note_goes(columns):
    db, wid, ids = columns
    objectives.add_link(db, ids[-1], ids[0], "People drive service.")
    card = scorecard.load(db, wid)
    assert not layout.layout(card).unlinked
    assert 'class="no-links"' not in svg.render_svg(card)
    assert not [n for n in graph.graph_spec(card)["nodes"] if n["id"] == "no-links"]


def test_the_demo_with_its_links_carries_no_note(fresh_db):
    card = scorecard.load(fresh_db, demo_into(fresh_db))
    assert 'class="no-links"' not in svg.render_svg(card)


# --- the report and the deck make no claim about chains --------------------------------------------


def _agreed(db, ids):
    for oid in ids:
        decisions.decide_objective(db, oid, "agreed")


def test_the_report_tells_no_story_of_chains_when_the_map_has_none(columns):
    db, wid, ids = columns
    _agreed(db, ids)
    card = scorecard.load(db, wid)
    narrative = " ".join(story.narrative(card, []))
    assert story.NO_LINKS in narrative and "chain" not in narrative
    assert ("Cause and effect to be drawn", "The strategy map") in [(p.kind, p.subject) for p in story.open_points(card, [])]
    html = document.render_html(document.report_context(card, map_svg=svg.render_svg(card)))
    assert 'class="meta lead-in no-links"' in html and "Every chain" not in html and "Cause-and-effect links</h3>" not in html


def test_the_report_says_which_objectives_no_chain_takes_to_the_top(columns):
    db, wid, ids = columns
    _agreed(db, ids)
    card = scorecard.load(db, wid)
    top = [o for o in card.objectives if o.perspective_id == min(card.perspectives, key=lambda p: p.position).id]
    objectives.add_link(db, ids[-1], top[0].id, "People drive service.")
    narrative = " ".join(story.narrative(scorecard.load(db, wid), []))
    assert "Every chain" not in narrative and "5 objectives are not yet on a chain that reaches them" in narrative
    assert story.NO_LINKS not in narrative


def test_a_map_every_objective_of_which_reaches_the_top_says_so(fresh_db):
    card = scorecard.load(fresh_db, demo_into(fresh_db))
    narrative = " ".join(story.narrative(card, []))
    assert "Every chain of cause and effect on the map leads up to" in narrative
    assert "Cause and effect to be drawn" not in [p.kind for p in story.open_points(card, [])]


def test_the_decks_map_slide_claims_no_arrows_when_there_are_none(columns):
    db, wid, ids = columns
    _agreed(db, ids)
    deck = Presentation(io.BytesIO(slides.build_pptx(record.read(db, wid))))
    texts = [" ".join(sh.text_frame.text.split()) for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    assert any("no cause-and-effect links yet: objectives grouped by perspective only" in t for t in texts)
    assert not any("arrows run from cause to effect" in t for t in texts)
