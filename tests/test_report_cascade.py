"""The cascade in the deliverables: the parent's PDF section and matrix, the unit's parent context,
the workbook's alignment sheets (pdftotext reads the PDFs as a sponsor's viewer would)."""

from __future__ import annotations

import io
import subprocess

import pytest
from helpers import demo_copy, demo_into
from openpyxl import load_workbook

from workshop.db import scorecard
from workshop.deliverables import files, record
from workshop.deliverables.deck import slides
from workshop.deliverables.report import document
from workshop.method import cascade


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, demo_report_pdf):
    db, wid = demo_copy()
    desk, cloud = (u["id"] for u in scorecard.load(db, wid).units)
    folder = tmp_path_factory.mktemp("pdfs")
    return {
        "db": db,
        "parent": pdf_text(demo_report_pdf, folder),
        "desk": pdf_text(document.build_pdf(record.read(db, desk)), folder),
        "ids": (wid, desk, cloud),
    }


def test_the_parents_pdf_names_both_units_and_shows_the_alignment_matrix(pdfs):
    text = pdfs["parent"]
    assert "The cascade to lower units" in text and "Alignment matrix" in text
    for phrase in (
        "Service Desk",
        "Phase 4 of 5 · measure",
        "7 of 7 expected",
        "Cloud Operations",
        "Phase 1 of 5 · measurement",
        "0 of 14 expected",
        "Account Management",
        "planned by 30 April 2027; its scorecard is not started yet",
    ):
        assert phrase in text, phrase
    assert (
        "2 lower units build their own scorecards from this one. 8 of the 14 agreed objectives are "
        "served by at least one unit; 14 expected contributions are still missing." in text
    )
    assert "Reduce the cost per ticket by 20%" in text, "a contributing objective named in its cell"


def test_the_units_pdf_names_the_parent_objectives_it_serves(pdfs):
    text = pdfs["desk"]
    assert "The unit above: Managed Cloud Services" in text
    assert "Service Desk is a lower unit of Managed Cloud Services (Atlas Digital)" in text
    assert "Of the 7 objectives of Managed Cloud Services expected of this unit, 7 have a contributing" in text
    for served in ("Improve profit margin to 18%", "Retain our experienced engineers", "Achieve 99% quality on first delivery"):
        assert served in text
    assert "Objectives local to Service Desk" in text and "Keep the ISO 20000 service certification" in text
    assert "Objectives of Managed Cloud Services this map serves" in text, "the map lists them too"


def test_a_workshop_outside_any_cascade_has_no_cascade_section(fresh_db, tmp_path):

    wid = demo_into(fresh_db, units=False)
    html = document.build_html(record.read(fresh_db, wid))
    assert 'id="cascade"' not in html


def test_the_workbook_carries_the_alignment_matrix_and_the_units_alignment(pdfs):
    db, (wid, desk, _) = pdfs["db"], pdfs["ids"]
    book = load_workbook(io.BytesIO(files.build(record.read(db, wid), "xlsx")))
    rows = list(book["Alignment matrix"].iter_rows(values_only=True))
    assert rows[0] == ("Perspective", "Objective", "Units serving it", "Service Desk", "Cloud Operations")
    margin = next(r for r in rows if r[1] == "Improve profit margin to 18%")
    assert margin[2] == 1 and "Reduce the cost per ticket by 20%" in margin[3] and margin[4] == "expected"
    unit_book = load_workbook(io.BytesIO(files.build(record.read(db, desk), "xlsx")))
    rows = list(unit_book["Alignment to parent"].iter_rows(values_only=True))
    assert rows[9][:3] == ("Internal processes", "Keep the ISO 20000 service certification", None)
    assert rows[9][3].startswith("A certification duty")


def test_a_units_name_in_the_workbook_is_never_a_formula(fresh_db):

    wid = demo_into(fresh_db, units=False)
    cascade.start_cascade(fresh_db, wid, '=HYPERLINK("http://evil.example","x")')
    sheet = load_workbook(io.BytesIO(files.build(record.read(fresh_db, wid), "xlsx")))["Alignment matrix"]
    header = sheet.cell(row=1, column=4)
    assert header.value.startswith("=HYPERLINK") and header.data_type == "s" and header.quotePrefix


def test_the_deck_has_a_cascade_slide_for_the_parent_and_for_the_unit(pdfs):
    from pptx import Presentation

    db, (wid, desk, _) = pdfs["db"], pdfs["ids"]

    def slide_texts(workshop_id):
        shown = Presentation(io.BytesIO(slides.build_pptx(record.read(db, workshop_id))))
        return [
            " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            + " ".join(cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells)
            for slide in shown.slides
        ]

    [parent_slide] = [t for t in slide_texts(wid) if "The cascade to lower units" in t]
    assert "Service Desk (phase 4)" in parent_slide and "Cloud Operations (phase 1)" in parent_slide
    assert "Reduce the cost per ticket by 20% + 1 more" in parent_slide
    [unit_slide] = [t for t in slide_texts(desk) if "What Service Desk serves in Managed Cloud Services" in t]
    assert "Retain experienced analysts" in unit_slide and "Keep the ISO 20000 service certification" in unit_slide
