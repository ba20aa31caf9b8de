"""Streamlit's icon font cut down to the icons this app and Streamlit's own screens name.

Streamlit draws every `:material/…:` icon with one font of all ~4,000 Material Symbols (375 KB,
already compressed), and a phone fetches it as soon as the first icon shows: a third of a first
visit. The icons in use are written literally in our code (`:material/waving_hand:`) and in
Streamlit's front end, so both are read for them once per process; the font is cut to those glyphs
(fontTools, a few seconds of one core, on a thread of its own at start) and weighs a few kilobytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

import streamlit
from fontTools import subset
from fontTools.ttLib import TTFont

ICON = re.compile(rb":material/([a-z0-9_]+):")
PROJECT = Path(__file__).resolve().parent.parent
OUR_CODE = ("app.py", "pages", "ui", "workshop")
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"
FONT_NAME = re.compile(r"MaterialSymbols-Rounded\.[\w-]+\.woff2")
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # icons are ligatures of their names' letters


def is_icon_font(file: Path) -> bool:
    return FONT_NAME.fullmatch(file.name) is not None


def icons_in_use(project: Path = PROJECT, front_end: Path = STREAMLIT_STATIC) -> set[str]:
    """Every icon named as `:material/name:` in our Python files and in Streamlit's JavaScript."""
    files: list[Path] = []
    for part in OUR_CODE:
        place = project / part
        files.extend([place] if place.is_file() else place.rglob("*.py"))
    files.extend((front_end / "static" / "js").glob("*.js"))
    return {name.decode() for file in files for name in ICON.findall(file.read_bytes())}


def cut(font_file: Path, icons: Iterable[str]) -> bytes:
    """The font (WOFF2) holding only `icons` (and their filled forms), still drawn from their
    names' ligatures as before."""
    font = TTFont(font_file)
    known = set(font.getGlyphOrder())
    glyphs = [g for name in icons for g in (name, f"{name}.fill") if g in known]
    options = subset.Options()
    options.layout_closure = False  # keep only the ligatures that end in a kept icon
    options.layout_features = ["*"]
    options.flavor = "woff2"
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(glyphs=glyphs, text=LETTERS)
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
