"""The initiatives on a timeline: a Gantt-style chart drawn as inline SVG for the report.

Every piece of user text is XML-escaped here, because the report inserts this markup as is.
Names are shortened to fit their column; the full names are in the table beside the chart.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

LABEL_W = 165
CHART_W = 345
ROW_H = 17
TOP = 30
TICK_CHAR_W = 4.4  # width of a character of the 7-unit axis labels (DejaVu Sans)
WIDTH = LABEL_W + CHART_W + 52  # room after the last bar for its budget note


@dataclass(frozen=True)
class Bar:
    label: str
    start: dt.date
    end: dt.date
    colour: str = "#4e79a7"
    note: str = ""


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        months.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Month labels for plans of a year or less, quarter labels beyond, years for very long ones;
    then every second (third …) label only, until no two labels can overlap on the axis."""
    months = _month_starts(first, last)
    if len(months) <= 12:
        ticks = [(m, m.strftime("%b %y")) for m in months]
    elif len(months) <= 60:
        ticks = [(m, f"Q{(m.month - 1) // 3 + 1} {m:%y}") for m in months if m.month in (1, 4, 7, 10)]
    else:
        ticks = [(m, f"{m.year}") for m in months if m.month == 1]
    span = (last - first).days + 1
    widest = max((len(label) for _, label in ticks), default=0) * TICK_CHAR_W + 6
    gap = min(((b - a).days for (a, _), (b, _) in zip(ticks, ticks[1:])), default=span)
    every = max(1, math.ceil(widest / (CHART_W * gap / span))) if gap else 1
    return ticks[::every]


def gantt_svg(bars: list[Bar], *, today: dt.date | None = None) -> Markup:
    """An SVG of the bars on a shared time axis; empty markup when no bar has both dates."""
    if not bars:
        return Markup("")
    first = min(b.start for b in bars)
    last = max(b.end for b in bars)
    first = dt.date(first.year, first.month, 1)
    last = max(last, first + dt.timedelta(days=27))
    span = (last - first).days + 1

    def x(day: dt.date) -> float:
        return LABEL_W + CHART_W * ((day - first).days / span)

    height = TOP + ROW_H * len(bars) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="DejaVu Sans, sans-serif" font-size="8">'
    ]
    for day, label in _ticks(first, last):
        px = x(day)
        parts.append(f'<line x1="{px:.1f}" y1="{TOP - 6}" x2="{px:.1f}" y2="{height - 6}" stroke="#d5dde6" stroke-width="0.6"/>')
        parts.append(f'<text x="{px + 2:.1f}" y="{TOP - 10}" fill="#6b7785" font-size="7">{escape(label)}</text>')
    for row, bar in enumerate(bars):
        y = TOP + row * ROW_H
        if row % 2:
            parts.append(f'<rect x="0" y="{y - 2}" width="{WIDTH}" height="{ROW_H}" fill="#f5f8fb"/>')
        parts.append(f'<text x="4" y="{y + 9}" fill="#1d2733">{escape(_short(bar.label, 34))}</text>')
        x0, x1 = x(bar.start), x(bar.end + dt.timedelta(days=1))
        parts.append(f'<rect x="{x0:.1f}" y="{y + 1}" width="{max(x1 - x0, 2):.1f}" height="{ROW_H - 6}" rx="2" fill="{escape(bar.colour)}"/>')
        if bar.note:
            parts.append(f'<text x="{x1 + 3:.1f}" y="{y + 9}" fill="#3d4b5c" font-size="7">{escape(_short(bar.note, 16))}</text>')
    if today and first <= today <= last:
        px = x(today)
        parts.append(f'<line x1="{px:.1f}" y1="{TOP - 6}" x2="{px:.1f}" y2="{height - 6}" stroke="#e15759" stroke-width="1" stroke-dasharray="3 2"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
