"""The sponsor's deck: read back with python-pptx, and opened by LibreOffice as a sponsor's laptop would."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest
from helpers import demo_into
from pptx import Presentation
from pptx.oxml.ns import qn
from pypdf import PdfReader

from workshop import cli
from workshop.db import scorecard, store
from workshop.deliverables import files, record
from workshop.deliverables.deck import slides, style
from workshop.method import branding, objectives
from workshop.starters import catalogue

SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def demo_deck(demo):
    db, wid, _ = demo
    return slides.build_pptx(record.read(db, wid))


def slides_of(data: bytes):
    return list(Presentation(io.BytesIO(data)).slides)


def text_of(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def map_slide(data: bytes):
    return next(s for s in slides_of(data) if any(sh.name.startswith("Objective ") for sh in s.shapes))


def test_the_map_slide_holds_one_shape_per_objective_and_one_glued_connector_per_causal_link(demo, demo_deck):
    _, _, card = demo
    slide = map_slide(demo_deck)
    boxes = {int(s.name.split()[-1]): s for s in slide.shapes if s.name.startswith("Objective ")}
    assert sorted(boxes) == sorted(o.id for o in card.agreed_objectives())
    for oid, shape in boxes.items():
        assert shape.text_frame.text == next(o.title for o in card.agreed_objectives() if o.id == oid)
    connectors = {int(s.name.split()[-1]): s for s in slide.shapes if s.name.startswith("Causal link ")}
    assert sorted(connectors) == sorted(link.id for link in card.links)
    for link in card.links:
        xml = connectors[link.id]._element
        start = xml.find(f".//{qn('a:stCxn')}")
        end = xml.find(f".//{qn('a:endCxn')}")
        assert start is not None and end is not None, "each connector is glued at both ends"
        assert int(start.get("id")) == boxes[link.cause_id].shape_id
        assert int(end.get("id")) == boxes[link.effect_id].shape_id
        assert xml.find(f".//{qn('a:tailEnd')}").get("type") == "triangle"  # arrow points at the effect


def test_the_deck_tells_the_story_in_order_with_a_slide_per_perspective(demo, demo_deck):
    _, _, card = demo
    slides = slides_of(demo_deck)
    texts = [text_of(s) for s in slides]
    assert card.workshop["unit"] in texts[0] and card.workshop["organisation"] in texts[0]
    assert "Vision and strategy" in texts[1] and card.workshop["vision"] in texts[1]
    assert "The strategy map" in texts[2]
    for p in card.perspectives:
        page = next(t for t in texts if t.startswith(p.name) or f" {p.name} " in t[:200])
        for o in card.objectives_in(p.id, statuses=("agreed",)):
            assert o.title in page
    assert any("How the room decided" in t for t in texts)
    roadmap = next(t for t in texts if "Initiative roadmap" in t)
    assert all(i.name in roadmap for i in card.initiatives)
    assert "the first 90 days" in texts[-1]


def test_consensus_highlights_are_a_native_chart_of_support(demo_deck):
    slide = next(s for s in slides_of(demo_deck) if "How the room decided" in text_of(s))
    charts = [s for s in slide.shapes if s.has_chart]
    assert len(charts) == 1
    values = charts[0].chart.plots[0].series[0].values
    assert values and all(0 <= v <= 100 for v in values)


def test_the_accent_colour_and_logo_stored_for_the_workshop_reach_the_deck(demo_db, tmp_path):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "#aa3355").save(buffer, "PNG")
    branding.set_logo(demo_db.db, demo_db.workshop_id, buffer.getvalue())
    branding.set_accent(demo_db.db, demo_db.workshop_id, "#7a1f5c")
    first = slides_of(slides.build_pptx(record.read(demo_db.db, demo_db.workshop_id)))[0]
    assert any(s.shape_type == 13 for s in first.shapes)  # a picture: the logo
    fills = [s.fill.fore_color.rgb for s in first.shapes if s.shape_type == 1 and s.fill.type == 1]
    assert str(fills[0]) == "7A1F5C"


def test_user_text_in_the_deck_stays_plain_text(demo_db):
    card = scorecard.load(demo_db.db, demo_db.workshop_id)
    target = card.agreed_objectives()[0]
    hostile = '<b>bold</b> & =HYPERLINK("http://x") {{ 7*7 }}'
    objectives.update_objective(demo_db.db, target.id, title=hostile)
    slide = map_slide(slides.build_pptx(record.read(demo_db.db, demo_db.workshop_id)))
    box = next(s for s in slide.shapes if s.name == f"Objective {target.id}")
    assert box.text_frame.text == hostile
    assert not box.click_action.hyperlink.address


def test_control_characters_and_huge_text_are_made_fit_for_a_slide():
    assert style.clean("a\x07b\x00c\u2028d") == "abc\nd"
    assert len(style.clean("x" * 10_000, 600)) == 600


def test_the_command_line_writes_the_deck(tmp_path):
    path = tmp_path / "w.db"
    wid = demo_into(store.connect(path))
    out = tmp_path / "deck.pptx"
    assert cli.main(["report", "--db", str(path), "--workshop", str(wid), "--format", "pptx", "-o", str(out)]) == 0
    assert len(slides_of(out.read_bytes())) >= 9
    assert files.filename(scorecard.load(store.connect(path), wid), "pptx").endswith(".pptx")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("template", [catalogue.DEMO, "public-hospital"])
def test_libreoffice_opens_the_deck_and_every_slide_shows_its_text(template, tmp_path):
    db = store.connect(":memory:")
    wid = demo_into(db) if template == catalogue.DEMO else catalogue.create_from_template(db, template)
    data = slides.build_pptx(record.read(db, wid))
    (tmp_path / "deck.pptx").write_bytes(data)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "deck.pptx"),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "deck.pdf").pages]
    shown = slides_of(data)
    assert len(pages) == len(shown)
    for page, slide in zip(pages, shown):
        words = [w for w in text_of(slide).replace("…", " ").split() if len(w) > 3][:12]
        squashed = page.replace(" ", "")
        missing = [w for w in words if w.replace(" ", "") not in squashed]
        assert not missing, f"slide text not rendered: {missing[:5]} in {page[:120]!r}"
