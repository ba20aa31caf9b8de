"""The strategy map in a review: each objective's box coloured by its status in the period (with the
status written on it, never colour alone) and each causal link drawn by what the numbers say of it
(supports, contradicts, unclear, too few periods), with a legend that names both and states the rule
that rolls an objective's status up from its measures.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from workshop.deliverables.map.layout import wrap

# status: (words, ink, fill)
STATUS = {
    "on target": ("On target", "#2e7d32", "#e4f2e5"),
    "watch": ("Watch", "#8a5a00", "#fcefc9"),
    "off target": ("Off target", "#c62828", "#fbe1e1"),
    "no data": ("No data", "#5b6673", "#eceff3"),
}
# the numbers' reading of a link: (words, colour, width, dash)
EVIDENCE = {
    "supports": ("The numbers support it (r of 0.5 or more)", "#2e7d32", 3.2, ""),
    "contradicts": ("The numbers contradict it (r of −0.3 or less)", "#c62828", 3.2, "10 5"),
    "unclear": ("No clear relation (r between)", "#8a5a00", 2.4, "3 4"),
    "too few periods": ("Too few periods to tell (under 6)", "#7a8593", 1.8, "1 5"),
    "no measures": ("No measures at both ends", "#b4bcc6", 1.6, ""),
}


LABEL_EMS = 13  # the legend's row labels' column, in font sizes


@dataclass(frozen=True)
class ReviewMarks:
    """What a review adds to the map: {objective id: status}, {link id: evidence verdict}, the rule."""

    statuses: dict[int, str] = field(default_factory=dict)
    evidence: dict[int, str] = field(default_factory=dict)
    rule: str = ""


def _x(text: object) -> str:
    return html.escape(str(text), quote=True)


def box_colours(marks: ReviewMarks, objective_id: int) -> tuple[str, str]:
    """(stroke, fill) of an objective's box."""
    _, ink, fill = STATUS[marks.statuses.get(objective_id, "no data")]
    return ink, fill


def badge(marks: ReviewMarks, objective_id: int, x: float, bottom: float, font: float) -> str:
    """The status written in a pill on the box's lower edge, at its left (clear of arrows, which meet
    edges at their middle)."""
    words, ink, _ = STATUS[marks.statuses.get(objective_id, "no data")]
    size = round(font * 0.78, 1)
    width = len(words) * size * 0.62 + size * 1.2
    height = size * 1.45
    top = bottom - height / 2
    return (
        f'<g class="status" data-status="{_x(words)}">'
        f'<rect x="{x + 10:g}" y="{top:g}" width="{width:.1f}" height="{height:.1f}" rx="{height / 2:.1f}" '
        f'fill="{ink}"/><text x="{x + 10 + width / 2:.1f}" y="{top + height * 0.72:.1f}" font-size="{size:g}" font-weight="bold" '
        f'text-anchor="middle" fill="#ffffff">{_x(words)}</text></g>'
    )


def markers() -> list[str]:
    return [
        f'<marker id="arrowhead-{name.replace(" ", "-")}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
        f'orient="auto-start-reverse" markerUnits="strokeWidth"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for name, (_, colour, _, _) in EVIDENCE.items()
    ]


def stroke(verdict: str | None) -> str:
    """The SVG attributes of a link's line, by the numbers' reading of it."""
    name = verdict if verdict in EVIDENCE else "no measures"
    _, colour, width, dash = EVIDENCE[name]
    dashes = f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else ""
    return f'stroke="{colour}" stroke-width="{width}"{dashes} marker-end="url(#arrowhead-{name.replace(" ", "-")})"'


def _rule_lines(marks: ReviewMarks, width: float, font: float) -> list[str]:
    return wrap(f"How an objective's status is set: {marks.rule}", max(40, int(width / (font * 0.56))), 3) if marks.rule else []


def legend_height(marks: ReviewMarks, width: float, font: float) -> float:
    return font * 2.2 + font * 1.5 * 3 + font * 0.6 + font * 1.4 * len(_rule_lines(marks, width, font)) + font * 1.6


def legend(marks: ReviewMarks, x: float, y: float, width: float, font: float) -> list[str]:
    """Two rows: the statuses as the boxes show them, the links as the numbers read them; then the rule."""
    row = font * 2.2
    out = [f'<text x="{x:g}" y="{y + font:g}" font-size="{font:g}" font-weight="bold" fill="#2d3748">Status in the period</text>']
    left = x + font * LABEL_EMS
    step = (width - font * LABEL_EMS) / len(STATUS)
    for n, (words, ink, fill) in enumerate(STATUS.values()):
        at = left + n * step
        out.append(f'<rect x="{at:g}" y="{y:g}" width="{font * 2:g}" height="{font * 1.2:g}" rx="3" fill="{fill}" stroke="{ink}" stroke-width="2"/>')
        out.append(f'<text x="{at + font * 2.6:g}" y="{y + font:g}" font-size="{font:g}" fill="#1a202c">{_x(words)}</text>')
    y += row
    out.append(f'<text x="{x:g}" y="{y + font:g}" font-size="{font:g}" font-weight="bold" fill="#2d3748">Links, by the numbers</text>')
    step = (width - font * LABEL_EMS) / 2
    for n, (words, colour, stroke_width, dash) in enumerate(EVIDENCE.values()):
        at_x = left + (n % 2) * step
        at_y = y + (n // 2) * font * 1.5 + font * 0.6
        dashes = f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else ""
        out.append(
            f'<line x1="{at_x:g}" y1="{at_y:g}" x2="{at_x + font * 2.4:g}" y2="{at_y:g}" stroke="{colour}" stroke-width="{stroke_width}"{dashes}/>'
        )
        out.append(f'<text x="{at_x + font * 2.9:g}" y="{at_y + font * 0.35:g}" font-size="{font * 0.86:g}" fill="#1a202c">{_x(words)}</text>')
    y += font * 1.5 * 3 + font * 0.6
    for n, line in enumerate(_rule_lines(marks, width, font)):
        out.append(
            f'<text x="{x:g}" y="{y + n * font * 1.4 + font:g}" font-size="{font * 0.86:g}" font-style="italic" fill="#2d3748">{_x(line)}</text>'
        )
    return out
