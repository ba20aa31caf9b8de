"""The interactive map's nodes and edges, as plain dicts for the app's graph component.

The component (streamlit-agraph, vis-network) parses a node's `title` as HTML in the app's own
origin (on a detached element, where an `<img onerror>` still runs) and opens it as a URL on
double click; vis-network then shows the same title as plain text in its tooltip. So ids are
internal (`o12`, `band3`); every user string in a title or label has its HTML characters swapped
for look-alikes and is then `html.escape`d (a no-op by then, kept as a guard), which keeps it both
inert and readable; and every title starts with fixed text, so it is never a `javascript:` URL.
"""
from __future__ import annotations

import html

from workshop.core.model import Scorecard
from workshop.deliverables import map_cascade
from workshop.deliverables.strategy_map import BAND_FILLS, EDGE_COLOUR, MARGIN, NODE_W, layout, tint, wrap

_LOOKALIKES = str.maketrans({"&": "+", "<": "‹", ">": "›", '"': "”", "'": "’"})


def safe_label(text: str) -> str:
    """User text for a label or tooltip: HTML characters swapped for look-alikes, then escaped
    (a no-op by then) — inert when parsed as HTML, readable when shown as text."""
    return html.escape(str(text).translate(_LOOKALIKES))


def node_id(objective_id: int) -> str:
    return f"o{objective_id}"


def objective_id(node: object) -> int | None:
    """The objective a clicked node stands for; None for a band or anything else."""
    text = str(node or "")
    return int(text[1:]) if text.startswith("o") and text[1:].isdigit() else None


def graph_spec(card: Scorecard, *, statuses: tuple[str, ...] = ("draft", "agreed"),
               selected: int | None = None) -> dict:
    """{"nodes": [...], "edges": [...], "width": …, "height": …} positioned like the SVG."""
    lay = layout(card, statuses=statuses)
    perspectives = {p.id: p.name for p in card.perspectives}
    titles = {o.id: o.title for o in card.objectives}
    nodes = []
    for i, band in enumerate(lay.bands):  # the bands first, so objectives are drawn over them
        nodes.append({
            "id": f"band{band.perspective_id}", "label": safe_label(band.name),
            "title": "Perspective: " + safe_label(band.name),
            "shape": "box", "x": lay.width / 2, "y": band.y + band.h / 2, "fixed": True,
            "physics": False, "chosen": False, "size": 10,
            "widthConstraint": {"minimum": lay.width - 2 * MARGIN, "maximum": lay.width - 2 * MARGIN},
            "heightConstraint": {"minimum": band.h - 4, "valign": "middle"},
            "color": {"background": BAND_FILLS[i % 2], "border": BAND_FILLS[i % 2]},
            "font": {"size": 15, "color": "#2d3748", "face": "sans-serif", "align": "left",
                     "bold": True},
            "margin": {"left": 12, "right": 12, "top": 5, "bottom": 5},
            "opacity": 0.35,
        })
    for box in lay.boxes.values():
        o = box.objective
        theme = card.theme(o.theme_id)
        note = map_cascade.node_note(card, o)
        tooltip = "\n".join([f"Objective: {safe_label(o.title)}",
                             f"Perspective: {safe_label(perspectives.get(o.perspective_id, ''))}",
                             f"Theme: {safe_label(theme.name) if theme else 'none'}",
                             f"Owner: {safe_label(o.owner) if o.owner else 'not named'}",
                             f"Status: {o.status}"]
                            + ([f"Cascade: {safe_label(note)}"] if note else []))
        nodes.append({
            "id": node_id(o.id), "title": tooltip,
            "label": safe_label("\n".join(wrap(o.title) + ([note] if note else []))),
            "shape": "box", "x": box.cx, "y": box.cy, "fixed": True, "physics": False, "size": 20,
            "widthConstraint": {"minimum": NODE_W, "maximum": NODE_W},
            "heightConstraint": {"minimum": box.h, "valign": "middle"},
            "color": {"background": tint(box.colour), "border": box.colour,
                      "highlight": {"background": tint(box.colour, 0.6), "border": "#1a202c"}},
            "borderWidth": 4 if o.id == selected else 2,
            "shapeProperties": {"borderDashes": [6, 4] if o.status == "draft" else False,
                                "borderRadius": 8},
            "font": {"size": 14, "color": "#1a202c", "face": "sans-serif"},
        })
    edges = []
    hypotheses = {l.id: l.hypothesis for l in card.links}
    for a in lay.arrows:
        hypothesis = hypotheses.get(a.link_id, "")
        cause, effect = lay.boxes[a.cause_id], lay.boxes[a.effect_id]
        if cause.y == effect.y:  # same row: bow upwards, over the boxes between
            smooth = {"type": "curvedCCW" if effect.cx < cause.cx else "curvedCW", "roundness": 0.35}
        else:
            smooth = {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.5}
        edges.append({
            "id": f"l{a.link_id}", "source": node_id(a.cause_id), "target": node_id(a.effect_id), "color": EDGE_COLOUR, "width": 1.6, "arrows": "to",
            "title": (f"Link: {safe_label(titles[a.cause_id])} → {safe_label(titles[a.effect_id])}"
                      + (f"\n{safe_label(hypothesis)}" if hypothesis else "")),
            "smooth": smooth,
        })
    return {"nodes": nodes, "edges": edges, "width": lay.width, "height": lay.height}
