"""The strategy map drawn as SVG on the server (report, download, `python -m workshop map`), from
the same layout the app's graph uses (layout.py).

Every piece of user text is XML-escaped where it is written here; the graph spec escapes its own
(graph.py). Node ids are internal (`o12`), never user text.
"""

from __future__ import annotations

import html

from workshop.core.model import Scorecard
from workshop.deliverables.map import cascade, marks
from workshop.deliverables.map import confidence as map_confidence
from workshop.deliverables.map import status as map_status
from workshop.deliverables.map.layout import (
    BAND_FILLS,
    EDGE_COLOUR,
    FONT_SIZE,
    LINE_CHARS,
    MARGIN,
    MAX_PER_ROW,
    NO_THEME,
    TITLE_H,
    MapLayout,
    layout,
    legend_entries,
    tint,
    unlinked_note,
    wrap,
)
from workshop.deliverables.map.marks import ALSO_SERVES, EVERY_THEME


def _x(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_svg(
    card: Scorecard,
    *,
    statuses: tuple[str, ...] = ("draft", "agreed"),
    title: str | None = None,
    font_size: int = FONT_SIZE,
    max_per_row: int = MAX_PER_ROW,
    cascade_scale: float = 1.0,
    confidence: dict[int, dict] | None = None,
    review: map_status.ReviewMarks | None = None,
) -> str:
    """The map as a standalone SVG document (no scripts, no external references); print asks for a
    larger `font_size` (box text wraps sooner) so that the scaled-down page still reads at 8 pt; with
    the room's `confidence` in its links, each link is drawn by its level, with a legend. In a review
    (`review`), boxes take their status and links their evidence, and the legend says both instead of the themes."""
    lay = layout(card, statuses=statuses, max_per_row=max_per_row, cascade_scale=cascade_scale)
    if confidence and not review:
        lay.height += map_confidence.LEGEND_H
    below_bands = lay.bands[-1].y + lay.bands[-1].h + MARGIN + 6 if lay.bands else MARGIN + TITLE_H
    if review:
        lay.height = below_bands + map_status.legend_height(review, lay.width - 2 * MARGIN, font_size) + MARGIN
        lay.height += cascade.legend_height(card, set(lay.boxes), cascade_scale)
    w = card.workshop
    heading = title if title is not None else f"Strategy map · {w.get('unit', '')}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lay.width:g} {lay.height:g}" '
        f'width="{lay.width:g}" height="{lay.height:g}" role="img" aria-label="{_x(heading)}" '
        f'font-family="DejaVu Sans, Verdana, Arial, sans-serif">',
        f"<title>{_x(heading)}</title>",
        '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse" markerUnits="strokeWidth">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{EDGE_COLOUR}"/></marker>'
        + "".join(map_status.markers() if review else map_confidence.markers() if confidence else [])
        + "</defs>",
        f'<rect width="{lay.width:g}" height="{lay.height:g}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="{MARGIN + 22}" font-size="20" font-weight="bold" fill="#1a202c">{_x(heading)}</text>',
    ]
    for i, band in enumerate(lay.bands):
        out.append(f'<rect x="{MARGIN}" y="{band.y:g}" width="{lay.width - 2 * MARGIN:g}" height="{band.h:g}" fill="{BAND_FILLS[i % 2]}"/>')
        lines = wrap(band.name, 14, 3)
        top = band.y + band.h / 2 - (len(lines) - 1) * 9
        for n, line in enumerate(lines):
            out.append(f'<text x="{MARGIN + 12}" y="{top + n * 18 + 5:g}" font-size="15" font-weight="bold" fill="#2d3748">{_x(line)}</text>')
    for a in lay.arrows:  # a white halo under each arrow keeps crossings apart
        out.append(f'<path d="{a.path}" fill="none" stroke="#ffffff" stroke-width="5" stroke-opacity="0.9"/>')
    for a in lay.arrows:
        line = (
            map_status.stroke(review.evidence.get(a.link_id))
            if review
            else map_confidence.stroke(confidence.get(a.link_id))
            if confidence
            else f'stroke="{EDGE_COLOUR}" stroke-width="1.6" marker-end="url(#arrowhead)"'
        )
        out.append(f'<path class="link" data-link="{a.link_id}" d="{a.path}" fill="none" {line}/>')
    for box in lay.boxes.values():
        o = box.objective
        dash = ' stroke-dasharray="6 4"' if o.status == "draft" else ""
        lines = wrap(o.title, LINE_CHARS * FONT_SIZE // font_size)
        step = font_size + 3
        top = box.cy - (len(lines) - 1) * step / 2 - (font_size * 0.3 if review else 0)
        stroke, fill = map_status.box_colours(review, o.id) if review else (box.colour, tint(box.colour))
        out.append(
            f'<g class="objective" data-objective="{o.id}"><title>{_x(o.title)}</title>'
            f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.w:g}" height="{box.h:g}" rx="10" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{3 if review else 2.5}"{dash}/>'
        )
        for n, line in enumerate(lines):
            out.append(
                f'<text x="{box.cx:g}" y="{top + n * step + 4.5:g}" font-size="{font_size}" text-anchor="middle" fill="#1a202c">{_x(line)}</text>'
            )
        if review:
            out.append(map_status.badge(review, o.id, box.x, box.y + box.h, font_size))
        else:
            out.extend(marks.dots(card, box.objective, box.x + box.w, box.y))
            out.extend(marks.strip(card, box.objective, box.x, box.y, box.w))
        out.append("</g>")
    out.extend(cascade.badges(card, lay.boxes, cascade_scale))
    if review:
        out.extend(map_status.legend(review, MARGIN, below_bands, lay.width - 2 * MARGIN, font_size))
    else:
        out.extend(_legend(card, lay, font_size))
    below = lay.height - MARGIN - (map_confidence.LEGEND_H if confidence and not review else 0)
    out.extend(cascade.legend(card, lay.boxes, MARGIN, below - cascade.legend_height(card, set(lay.boxes), cascade_scale), lay.width, cascade_scale))
    if confidence and not review:
        out.extend(map_confidence.legend(MARGIN, below, confidence, font_size))
    out.append("</svg>")
    return "\n".join(out)


def _legend(card: Scorecard, lay: MapLayout, font_size: int = FONT_SIZE) -> list[str]:
    y = lay.bands[-1].y + lay.bands[-1].h + MARGIN + 14 if lay.bands else MARGIN + TITLE_H
    note = unlinked_note(lay)
    out = []
    if note:  # said first, above the themes, in two lines at most
        lines = wrap(note, int((lay.width - 2 * MARGIN) / (font_size * 0.6)), 2)
        spans = "".join(f'<tspan x="{MARGIN}" dy="{0 if n == 0 else 18}">{_x(line)}</tspan>' for n, line in enumerate(lines))
        out.append(f'<text class="no-links" x="{MARGIN}" y="{y:g}" font-size="{font_size}" font-style="italic" fill="#2d3748">{spans}</text>')
        y += 18 * len(lines) + 6
    entries = legend_entries(card, lay.boxes)
    if not entries:
        return out
    per_row = max(1, int((lay.width - 2 * MARGIN) // 260))
    out.append(f'<text x="{MARGIN}" y="{y:g}" font-size="{font_size}" font-weight="bold" fill="#2d3748">Themes</text>')
    for n, (colour, name, dashed) in enumerate(entries):
        x = MARGIN + (n % per_row) * 260
        row_y = y + 12 + (n // per_row) * 24
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        if colour == ALSO_SERVES:
            out.append(marks.legend_mark(x, row_y, NO_THEME, EDGE_COLOUR))
        elif colour == EVERY_THEME:
            out.append(marks.legend_strip(card, x, row_y))
        else:
            out.append(f'<rect x="{x}" y="{row_y:g}" width="26" height="16" rx="4" fill="{tint(colour)}" stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{x + 34}" y="{row_y + 12.5:g}" font-size="{font_size}" fill="#1a202c">{_x(wrap(name, 28, 1)[0])}</text>')
    return out
