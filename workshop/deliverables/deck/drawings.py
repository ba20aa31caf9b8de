"""The deck's drawings, made of native shapes so the sponsor's team can edit them in PowerPoint:
the strategy map (one box per objective, one connector per causal link glued to its two boxes, so
a moved box keeps its arrows) and the initiative roadmap (one bar per initiative on a quarter grid).
"""

from __future__ import annotations

import datetime as dt

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from workshop.core import figures
from workshop.core.model import Scorecard
from workshop.deliverables.deck.style import INK, MARGIN, MUTED, PALE, RULE, SLIDE_H, SLIDE_W, WHITE, arrow_end, rectangle, rgb, text_box, tint, write
from workshop.deliverables.map import layout

# connection sites of a rectangle, in PowerPoint's order
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
BAND_LABEL_W = Inches(1.45)


def draw_map(slide, card: Scorecard, accent: str, *, top=Inches(1.25), bottom_room=Inches(0.85), themes: bool = True) -> dict:
    """The agreed objectives in their perspective bands; returns {"boxes": {objective id: shape},
    "connectors": {link id: shape}} so a test can read the drawing back. Without `themes`, no theme
    legend (a review recolours the boxes by status and draws its own)."""
    widest = max([len(card.objectives_in(p.id, statuses=("agreed",))) for p in card.perspectives] + [1])
    lay = layout.layout(card, statuses=("agreed",), max_per_row=min(max(widest, 3), 5))
    if not lay.bands:
        return {"boxes": {}, "connectors": {}}
    first, last = lay.bands[0], lay.bands[-1]
    x0 = layout.MARGIN + layout.LABEL_W
    units_w = lay.width - x0 - layout.MARGIN
    units_h = last.y + last.h - first.y
    area_w = SLIDE_W - 2 * MARGIN - BAND_LABEL_W
    area_h = SLIDE_H - top - bottom_room
    scale = min(area_w / units_w, area_h / units_h)
    left = MARGIN + BAND_LABEL_W + (area_w - units_w * scale) / 2

    def ex(x: float) -> int:
        return int(left + (x - x0) * scale)

    def ey(y: float) -> int:
        return int(top + (y - first.y) * scale)

    for n, band in enumerate(lay.bands):
        rectangle(slide, MARGIN, ey(band.y), SLIDE_W - 2 * MARGIN, band.h * scale, PALE if n % 2 == 0 else WHITE, line=RULE, line_width=0.5)
        text_box(
            slide,
            MARGIN + Inches(0.08),
            ey(band.y),
            BAND_LABEL_W - Inches(0.1),
            band.h * scale,
            [band.name],
            size=13,
            bold=True,
            colour=rgb(accent),
            anchor=MSO_ANCHOR.MIDDLE,
        )
    font = 11 if scale * layout.NODE_W > Inches(1.9) else 10
    boxes = {}
    for oid, box in lay.boxes.items():
        shape = rectangle(
            slide,
            ex(box.x),
            ey(box.y),
            box.w * scale,
            box.h * scale,
            tint(box.colour),
            line=rgb(box.colour),
            shape=MSO_SHAPE.ROUNDED_RECTANGLE,
            line_width=1.75,
        )
        shape.name = f"Objective {oid}"
        write(shape.text_frame, [box.objective.title], size=font, colour=INK, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE, spacing=0)
        shape.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # a long title shrinks, never spills
        boxes[oid] = shape
    connectors = {}
    for link in card.links:
        cause, effect = boxes.get(link.cause_id), boxes.get(link.effect_id)
        if cause is None or effect is None:
            continue
        if effect.top < cause.top:
            sites = (TOP, BOTTOM)
        elif effect.top > cause.top:
            sites = (BOTTOM, TOP)
        else:
            sites = (RIGHT, LEFT) if effect.left > cause.left else (LEFT, RIGHT)
        line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        line.begin_connect(cause, sites[0])
        line.end_connect(effect, sites[1])
        line.line.color.rgb = INK
        line.line.width = Pt(1.25)
        line.name = f"Causal link {link.id}"
        arrow_end(line)
        connectors[link.id] = line
    legend_y = SLIDE_H - bottom_room + Inches(0.07)
    x = int(MARGIN)
    for theme in card.themes if themes else []:
        rectangle(
            slide,
            x,
            legend_y + Inches(0.04),
            Inches(0.3),
            Inches(0.18),
            tint(theme.colour),
            line=rgb(theme.colour),
            shape=MSO_SHAPE.ROUNDED_RECTANGLE,
        )
        text_box(slide, x + Inches(0.35), legend_y, Inches(2.6), Inches(0.3), [theme.name], size=10, colour=MUTED)
        x += Inches(3.0)
    return {"boxes": boxes, "connectors": connectors}


def _next_quarter(day: dt.date) -> dt.date:
    month = day.month + 3
    return dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)


def _quarters(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every quarter from the one holding `first` to the one holding `last`."""
    day = dt.date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    out = []
    while day <= last:
        out.append(day)
        day = _next_quarter(day)
    return out


def draw_roadmap(slide, card: Scorecard, accent: str, *, top=Inches(1.35)) -> int:
    """Initiatives with both dates as bars on a quarter grid, coloured by the theme they serve;
    returns how many were drawn. Names, owners and budgets sit beside the bars."""
    themes = {o.id: card.theme(o.theme_id) for o in card.objectives}
    spans = sorted(
        [
            (dt.date.fromisoformat(i.start_date), dt.date.fromisoformat(i.deadline), i.id, i)
            for i in card.initiatives
            if i.start_date and i.deadline and i.status != "cancelled"
        ],
        key=lambda s: s[:3],
    )[:14]
    if not spans:
        return 0
    dated = [s[3] for s in spans]
    first = min(s[0] for s in spans)
    last = max(s[1] for s in spans)
    quarters = _quarters(first, last)
    end = _next_quarter(quarters[-1])
    label_w = Inches(3.6)
    chart_left = MARGIN + label_w
    chart_w = SLIDE_W - MARGIN - chart_left
    span = (end - quarters[0]).days

    def ex(day: dt.date) -> int:
        return int(chart_left + chart_w * (day - quarters[0]).days / span)

    row_h = min(Inches(0.42), (SLIDE_H - top - Inches(1.0)) / len(dated))
    grid_bottom = top + Inches(0.35) + row_h * len(dated)
    for n in range(0, len(dated), 2):
        rectangle(slide, MARGIN, top + Inches(0.35) + row_h * n, SLIDE_W - 2 * MARGIN, row_h, PALE)
    for q in quarters:
        rectangle(slide, ex(q), top, Pt(0.75), grid_bottom - top, RULE)
        text_box(slide, ex(q), top, Inches(1.2), Inches(0.3), [f"Q{(q.month - 1) // 3 + 1} {q.year}"], size=10, colour=MUTED)
    currency = card.workshop.get("currency", "")
    for n, (start, finish, _, i) in enumerate(spans):
        y = top + Inches(0.35) + row_h * n
        served = [theme for o in i.objective_ids if (theme := themes.get(o)) is not None]
        colour = served[0].colour if served else accent
        bar = rectangle(
            slide, ex(start), y + row_h * 0.18, max(ex(finish) - ex(start), Inches(0.1)), row_h * 0.64, rgb(colour), shape=MSO_SHAPE.ROUNDED_RECTANGLE
        )
        bar.name = f"Initiative {i.id}"
        owner = i.owner or "owner to be named"
        text_box(slide, MARGIN, y, label_w - Inches(0.1), row_h, [(i.name, {"size": 11, "bold": True, "limit": 60})], anchor=MSO_ANCHOR.MIDDLE)
        note = f"{owner}" + (f" · {figures.money(i.budget, currency, compact=True)}" if i.budget else "")
        room = SLIDE_W - MARGIN - ex(finish)
        if room > Inches(1.6):
            text_box(slide, ex(finish) + Inches(0.05), y, room, row_h, [note], size=9, colour=MUTED, anchor=MSO_ANCHOR.MIDDLE)
        else:
            write(bar.text_frame, [note], size=9, colour=WHITE, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE)
    return len(dated)
