"""Smaller defects found by trying to break the app (issue 30, item 9): each one something a person
would notice, each checked here."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from workshop.core.errors import Invalid
from workshop.method import branding
from workshop.room import paper


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
