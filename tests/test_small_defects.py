"""Smaller defects found by trying to break the app (issue 30, item 9): each one something a person
would notice, each checked here."""

from __future__ import annotations

import io
import struct
import zlib

import pdf_layout
import pytest
from PIL import Image

from workshop.core.errors import Invalid
from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.method import branding
from workshop.room import ledger, paper


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width × height (its pixels are never needed to refuse it)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    raw = zlib.compress(b"\x00" * (1 + width // 8))  # one row is enough to be a file
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [20_000, 5_000])
def test_a_logo_too_large_is_called_too_large_and_the_limit_is_given(side):
    with pytest.raises(Invalid) as refused:
        branding.logo_type(_png_header(side, side))
    message = str(refused.value)
    assert "too large" in message and "4,000 × 4,000" in message and "opens" not in message


def test_a_logo_within_the_limit_is_accepted():
    out = io.BytesIO()
    Image.new("RGB", (400, 100), "navy").save(out, "PNG")
    assert branding.logo_type(out.getvalue()) == "image/png"


def test_a_count_of_people_voting_by_hand_that_is_not_a_number_is_refused_in_plain_words():
    with pytest.raises(Invalid) as refused:
        paper._count("three", "The number of people voting by hand")
    assert "whole number of hands" not in str(refused.value)
    assert str(refused.value).startswith("The number of people voting by hand must be a whole number")


def _lines_of(box, css_class: str) -> set[float]:
    """The heights at which the text inside elements of `css_class` sits (one per line it takes)."""
    found: set[float] = set()

    def walk(b, inside: bool) -> None:
        element = getattr(b, "element", None)
        inside = inside or (element is not None and css_class in (element.get("class") or "").split() and getattr(b, "element_tag", "") == "span")
        if inside and type(b).__name__ == "TextBox":
            found.add(round(b.position_y, 1))
        for child in getattr(b, "children", []) or []:
            walk(child, inside)

    walk(box, False)
    return found


def test_a_rounds_fingerprint_sits_on_one_line_of_the_pdf_wherever_its_line_breaks(demo):
    """The report's own head and stylesheet; the round's line as the report prints it, with more or
    less before the fingerprint, so the line's end falls at every place of it in turn."""
    html = document.build_html(record.read(demo.db, demo.workshop_id))
    fingerprint = store.one(demo.db, "SELECT fingerprint FROM voting_round WHERE fingerprint IS NOT NULL LIMIT 1", [])["fingerprint"]
    meta = (
        '<div class="round"><p class="meta lead-in">Gradients of agreement · Fully anonymous · 6 of 8 in the room voted (75%) · '
        'closed 2026-03-02 10:41 · {pad} · fingerprint <span class="fingerprint">{fp}</span></p></div>'
    )
    lines = "".join(meta.format(pad="w" * n, fp=ledger.short(fingerprint)) for n in range(0, 80, 2))
    rendered = pdf_layout.render(html.split("<body", 1)[0] + f"<body>{lines}</body></html>")
    heights = [_lines_of(page._page_box, "fingerprint") for page in rendered.pages]
    assert sum(len(h) for h in heights) == 40, "a fingerprint broken over two lines is misread aloud"
