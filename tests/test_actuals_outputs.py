"""The latest period in the deliverables: the PDF's scorecard and the deck's perspective slides
carry a compact "Latest" column (period, actual, status, trend arrow) once figures are reported."""

import io

import helpers
from helpers import demo_copy
from pptx import Presentation

from workshop.deliverables import record
from workshop.deliverables.deck import slides
from workshop.deliverables.report import document


def test_the_reports_scorecard_has_a_latest_column_with_the_trend():
    db, wid = demo_copy(units=False)
    html = document.build_html(record.read(db, wid))
    assert '<th class="w-latest">Latest</th>' in html
    assert 'Dec 2027<div class="small">91.8% · off target ↓</div>' in html
    assert 'Dec 2027<div class="small">72% · on target ↑</div>' in html  # engineers certified, monthly


def test_without_figures_the_reports_scorecard_keeps_its_columns():
    db, wid = demo_copy(units=False)
    helpers.clear_reporting(db)
    html = document.build_html(record.read(db, wid))
    assert "w-latest" not in html


def test_the_decks_perspective_slides_show_the_latest_period():
    db, wid = demo_copy(units=False)
    deck = Presentation(io.BytesIO(slides.build_pptx(record.read(db, wid))))
    cells = [cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    assert "Latest" in cells
    assert "Dec 2027: 91.8% · off target ↓" in cells
    assert not any("e+" in c for c in cells)
