"""Figures as entered in the deliverables: the PDF's scorecard table at amounts up to 10^12 has no
word printed over another (read back with `pdftotext -bbox-layout`), and neither the PDF nor the
deck writes a figure with an exponent, for the demo and for a workshop of very large amounts."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import demo_copy
from pptx import Presentation

from workshop.db import scorecard
from workshop.deliverables import files, record
from workshop.deliverables.exchange import export
from workshop.method import measures, plan
from workshop.starters import from_json

PDFTOTEXT = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
EXPONENT = re.compile(r"\d[eE][+-]\d")  # 1.75e+08, 1e-07 (a fingerprint's hex such as 6E2 is not one)

# Each measure of the demo takes one of these in turn: a trillion euros, a figure under a million
# with six decimals (never compacted, so it must wrap inside its column), a trillion of a plain
# unit, and a mix of sizes.
BIG = (
    {"unit": "EUR", "baseline": 1e12, "target": "1000000000000", "green": 1e12, "red": 1e12},
    {"unit": "EUR", "baseline": 999999.123456, "target": "999999.654321", "green": 999999.654321, "red": 999998.123456},
    {"unit": "customers", "baseline": 1e12, "target": "1000000000000", "green": 1e12, "red": 9e11},
    {"unit": "EUR", "baseline": 1.75e8, "target": "1000000000000", "green": 1e12, "red": 1.75e8},
)


@pytest.fixture(scope="module")
def big_record():
    """The demo with every measure's baseline, target and thresholds near 10^12 and every budget 10^12."""
    db, wid = demo_copy(units=False)
    card = scorecard.load(db, wid)
    for n, m in enumerate(card.measures):
        measures.update_measure(db, m.id, direction="higher", **BIG[n % len(BIG)])
    for i in card.initiatives:
        plan.update_initiative(db, i.id, budget=1e12)
    yield record.read(db, wid)
    db.close()


@pytest.fixture(scope="module")
def big_pdf(big_record, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("figures") / "big.pdf"
    path.write_bytes(files.build(big_record, "pdf"))
    return path


def words_by_page(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    xml = subprocess.run([PDFTOTEXT, "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(page)]
        for page in re.findall(r"<page.*?</page>", xml, re.S)
    ]


def overprinted(words, margin: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap by more than `margin` points both ways."""
    found = []
    for n, a in enumerate(words):
        for b in words[n + 1 :]:
            if min(a[2], b[2]) - max(a[0], b[0]) > margin and min(a[3], b[3]) - max(a[1], b[1]) > margin:
                found.append((a[4], b[4]))
    return found


def scorecard_pages(pages) -> list[int]:
    return [n for n, words in enumerate(pages) if {"Baseline", "Thresholds"} <= {w[4] for w in words}]


def deck_text(data: bytes) -> str:
    parts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


@needs_poppler
def test_no_word_of_the_scorecard_table_overprints_another_at_a_trillion_euros(big_pdf):
    pages = words_by_page(big_pdf)
    found = scorecard_pages(pages)
    assert len(found) >= 3, "the scorecard runs over several pages"
    for n in found:
        assert overprinted(pages[n]) == [], f"page {n + 1}"
    text = " ".join(w[4] for n in found for w in pages[n]).replace("\u200b", "")
    assert "€1tn" in text and "1tn customers" in text, "amounts from a million on are compact in the scorecard table"
    assert "€999,999.123456" in text.replace(" ", ""), "under a million the figure is printed in full, as typed (wrapped)"


@needs_poppler
def test_no_page_of_the_big_numbers_report_overprints_or_writes_an_exponent(big_pdf):
    for n, words in enumerate(words_by_page(big_pdf), start=1):
        if any(w[4] == "The strategy map" for w in words[:12]):
            continue  # the map's own layout is checked by its tests
        assert overprinted(words) == [], f"page {n}"
        assert not [w[4] for w in words if EXPONENT.search(w[4])], f"page {n}"


def test_the_report_html_states_thresholds_with_their_unit(big_record):
    text = files.build(big_record, "html").decode()
    assert "≥\u00a0€1tn" in text and "&lt;\u00a0900bn customers" in text.replace("\u200b", "")


def test_the_decks_text_has_no_exponent_for_the_demo_or_for_a_trillion(demo, big_record):
    db, wid, _ = demo
    for rec in (record.read(db, wid), big_record):
        text = deck_text(files.build(rec, "pptx"))
        assert "e+" not in text and not EXPONENT.search(text)
    big = deck_text(files.build(big_record, "pptx"))
    assert "≥ €1tn" in big and "€5,000,000,000,000 in all" in big


@needs_poppler
def test_the_demo_report_has_no_exponent_and_no_overprint_in_its_scorecard(demo_report_pdf, tmp_path):
    path = tmp_path / "demo.pdf"
    path.write_bytes(demo_report_pdf)
    pages = words_by_page(path)
    assert scorecard_pages(pages)
    for n in scorecard_pages(pages):
        assert overprinted(pages[n]) == []
    assert not EXPONENT.search(" ".join(w[4] for words in pages for w in words))


def test_the_workshop_file_writes_large_amounts_out_and_reads_every_figure_back_exactly():
    db, wid = demo_copy(units=False)
    card = scorecard.load(db, wid)
    typed = [(1e12, 1e15), (4.24, 0.34), (1234567.891, 1e-7)]
    for m, (baseline, target) in zip(card.measures, typed, strict=False):
        measures.update_measure(db, m.id, unit="EUR", baseline=baseline, target=target, green=None, red=None)
    text = export.workshop_file(db, wid).decode()
    assert "e+" not in text.lower(), "amounts up to 10^15 are written out in the workshop file"
    copy = scorecard.load(db, from_json.import_workshop(db, from_json.parse(text)))
    assert [(m.baseline, m.target) for m in copy.measures[: len(typed)]] == typed
    db.close()
