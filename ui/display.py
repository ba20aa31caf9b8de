"""User text and stored figures as the pages show them: escaped for markdown, numbers exact, units as
people write them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TypeVar

from workshop.core import figures

K = TypeVar("K")

_LINE_END = re.compile(r"(?<=[^\n])\n")


_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|~$&"


def escape_md(text: str) -> str:
    """User text shown through markdown is escaped so that it reads as typed.

    Backslashes cover markdown; a zero-width space after each colon stops Streamlit's own
    shortcodes (`:smile:`, `:red[…]`, `:material/…:`) and autolinks (`http://`); `&` is escaped so
    that a typed `&lt;` stays `&lt;`; a line break stays a line break."""
    escaped = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))
    escaped = escaped.replace(":", ":\u200b").replace("\r\n", "\n")
    return _LINE_END.sub("  \n", escaped)  # a hard break; blank lines stay blank (paragraphs)


def number_text(value) -> str:
    """A stored number for a field the facilitator edits: exact as typed, no grouping, no exponent,
    no float noise ("1234567.891", "0.0000001"); read back as it reads."""
    return figures.plain(value)


def quantity_text(value, unit: str, locale: str = figures.LOCALE) -> str:
    """A measure's value with its unit as people write it: 4.24, 0.34 %, 42 days, €1,200,000; "—" if unset."""
    return figures.quantity(value, unit, locale)


def label_of(mapping: Mapping[K, str]) -> Callable[[K], str]:
    """A widget's `format_func` that shows each option's label from `mapping` (the options are its keys).

    Typed for mypy, which cannot take the overloaded `dict.get` as a `format_func`."""

    def label(key: K) -> str:
        return mapping[key]

    return label
