"""The interactive map's nodes and edges, as plain dicts for the app's graph component.

The component (streamlit-agraph, vis-network) parses a node's `title` as HTML in the app's own
origin (on a detached element, where an `<img onerror>` still runs) and opens it as a URL on
double click; vis-network then shows the same title as plain text in its tooltip (`innerText`) and
draws labels on a canvas. So ids are internal (`o12`, `band3`); in user text, a `<` that would open
a tag, a comment or a declaration gets an invisible word joiner after it, which leaves it plain
text to the HTML parser and shows it as typed; `&`, quotes and everything else stay exactly as
typed (an entity such as `&lt;` only decodes to text inside that detached element, never shown).
Every title starts with fixed text, so it is never a `javascript:` URL.
"""

from __future__ import annotations

import re

from workshop.core.model import Scorecard
from workshop.deliverables.map import cascade, marks, routes
from workshop.deliverables.map import confidence as map_confidence
from workshop.deliverables.map.layout import (
    BAND_FILLS,
    EDGE_COLOUR,
    MARGIN,
    NODE_W,
    layout,
    legend_entries,
    tint,
    unlinked_note,
    wrap,
)

_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")  # what the HTML tokenizer reads as the start of markup
WORD_JOINER = "\u2060"


def safe_label(text: str) -> str:
    """User text for a label or tooltip, as typed, that no HTML parser turns into an element."""
    return _TAG_OPEN.sub("<" + WORD_JOINER, str(text))


def node_id(objective_id: int) -> str:
    return f"o{objective_id}"


def objective_id(node: object) -> int | None:
    """The objective a clicked node stands for; None for a band or anything else."""
    text = str(node or "")
    return int(text[1:]) if text.startswith("o") and text[1:].isdigit() else None


def graph_spec(
    card: Scorecard,
    *,
    statuses: tuple[str, ...] = ("draft", "agreed"),
    selected: int | None = None,
    marked: tuple[int, ...] = (),
    confidence: dict[int, dict] | None = None,
) -> dict:
    """{"nodes": [...], "edges": [...], "width": …, "height": …} positioned like the SVG.

    `selected` is the objective open beside the map; `marked` the ones picked for a new link;
    `confidence` the room's vote on the links (colour, weight and dashes by level)."""
    confidence = confidence or {}
    lay = layout(card, statuses=statuses)
    perspectives = {p.id: p.name for p in card.perspectives}
    titles = {o.id: o.title for o in card.objectives}
    nodes = []
    for i, band in enumerate(lay.bands):  # the bands first, so objectives are drawn over them
        nodes.append(
            {
                "id": f"band{band.perspective_id}",
                "label": safe_label(band.name),
                "title": "Perspective: " + safe_label(band.name),
                "shape": "box",
                "x": lay.width / 2,
                "y": band.y + band.h / 2,
                "fixed": True,
                "physics": False,
                "chosen": False,
                "size": 10,
                "widthConstraint": {"minimum": lay.width - 2 * MARGIN, "maximum": lay.width - 2 * MARGIN},
                "heightConstraint": {"minimum": band.h - 4, "valign": "middle"},
                "color": {"background": BAND_FILLS[i % 2], "border": BAND_FILLS[i % 2]},
                "font": {"size": 15, "color": "#2d3748", "face": "sans-serif", "align": "left", "bold": True},
                "margin": {"left": 12, "right": 12, "top": 5, "bottom": 5},
                "opacity": 0.35,
            }
        )
    for box in lay.boxes.values():
        o = box.objective
        served = card.themes_of(o)
        note = cascade.node_note(card, o)
        also = marks.also_line(card, o)
        themes = ", ".join(safe_label(t.name) for t in served) if served else "none"
        tooltip = "\n".join(
            [
                f"Objective: {safe_label(o.title)}",
                f"Perspective: {safe_label(perspectives.get(o.perspective_id, ''))}",
                "Themes: every theme" if o.all_themes else ("Themes: " if len(served) > 1 else "Theme: ") + themes,
                f"Owner: {safe_label(o.owner) if o.owner else 'not named'}",
                f"Status: {o.status}",
            ]
            + ([f"Cascade: {safe_label(note)}"] if note else [])
        )
        nodes.append(
            {
                "id": node_id(o.id),
                "title": tooltip,
                "label": safe_label("\n".join(wrap(o.title) + ([also] if also else []) + ([note] if note else []))),
                "shape": "box",
                "x": box.cx,
                "y": box.cy,
                "fixed": True,
                "physics": False,
                "size": 20,
                "widthConstraint": {"minimum": NODE_W, "maximum": NODE_W},
                "heightConstraint": {"minimum": box.h, "valign": "middle"},
                "color": {
                    "background": tint(box.colour),
                    "border": "#1a202c" if o.id in marked else box.colour,
                    "highlight": {"background": tint(box.colour, 0.6), "border": "#1a202c"},
                },
                "borderWidth": 5 if o.id in marked else 4 if o.id == selected else 2,
                "shapeProperties": {"borderDashes": [6, 4] if o.status == "draft" else False, "borderRadius": 8},
                "font": {"size": 14, "color": "#1a202c", "face": "sans-serif"},
            }
        )
    edges = []
    hypotheses = {l.id: l.hypothesis for l in card.links}
    used_gaps: dict = {}
    for a in lay.arrows:
        hypothesis = hypotheses.get(a.link_id, "")
        name, colour, width, dash, words = map_confidence.level(confidence.get(a.link_id))
        voted = confidence.get(a.link_id)
        share = (voted.get("support_text") or f"{voted['support']:g}%") if voted else ""
        title = (
            f"Link: {safe_label(titles[a.cause_id])} → {safe_label(titles[a.effect_id])}"
            + (f"\n{safe_label(hypothesis)}" if hypothesis else "")
            + (f"\nThe room: {share} confident of {voted['votes']} ({words})" if voted else "")
        )
        points = routes.route(lay, a.cause_id, a.effect_id, used_gaps)
        chain = [node_id(a.cause_id)] + [f"w{a.link_id}.{n}" for n in range(len(points))] + [node_id(a.effect_id)]
        for n, (x, y) in enumerate(points):  # a bend: a dot the size of the line, not clickable
            nodes.append(
                {
                    "id": chain[n + 1],
                    "shape": "dot",
                    "size": 1,
                    "x": x,
                    "y": y,
                    "fixed": True,
                    "physics": False,
                    "chosen": False,
                    "label": " ",
                    "title": title,
                    "color": {"background": EDGE_COLOUR, "border": EDGE_COLOUR},
                }
            )
        for n, (source, target) in enumerate(zip(chain, chain[1:])):
            last = n == len(chain) - 2
            edges.append(
                {
                    "id": f"l{a.link_id}" if len(chain) == 2 else f"l{a.link_id}.{n}",
                    "source": source,
                    "target": target,
                    "color": colour if confidence else EDGE_COLOUR,
                    "width": width if confidence else 1.6,
                    "arrows": "to" if last else "",
                    "dashes": [int(n) for n in dash.split()] if confidence and dash else False,
                    "title": title,
                    "smooth": False,
                }
            )
    nodes.extend(_legend_nodes(card, lay))
    return {"nodes": nodes, "edges": edges, "width": lay.width, "height": lay.height}


def _legend_nodes(card: Scorecard, lay) -> list[dict]:
    """The themes' colours under the bands, where the SVG map has its legend."""
    entries = legend_entries(card, lay.boxes)
    if not lay.bands:
        return []
    y = lay.bands[-1].y + lay.bands[-1].h + MARGIN + 14
    notes = _note_nodes(lay, y)
    if notes:
        y += 42
    if not entries:
        return notes
    per_row = max(1, int((lay.width - 2 * MARGIN) // 260))
    nodes = notes + [
        {
            "id": "legend",
            "label": "Themes",
            "title": "Legend: the colour of each theme",
            "shape": "text",
            "x": MARGIN + 30,
            "y": y - 4,
            "fixed": True,
            "physics": False,
            "chosen": False,
            "font": {"size": 13, "color": "#2d3748", "face": "sans-serif", "bold": True},
        }
    ]
    for n, (colour, name, dashed) in enumerate(entries):
        if colour == marks.ALSO_SERVES:  # here the other themes are named under the title
            colour, name = "#ffffff", "“+ Theme”: also serves that theme"
        elif colour == marks.EVERY_THEME:
            colour, name = marks.EVERY_THEME_COLOUR, marks.EVERY_THEME_WORDS
        nodes.append(
            {
                "id": f"legend{n}",
                "label": safe_label(wrap(name, 28, 1)[0]),
                "title": "Theme: " + safe_label(name),
                "shape": "box",
                "x": MARGIN + (n % per_row) * 260 + 120,
                "y": y + 20 + (n // per_row) * 24,
                "fixed": True,
                "physics": False,
                "chosen": False,
                "widthConstraint": {"minimum": 230, "maximum": 230},
                "color": {"background": tint(colour), "border": colour},
                "borderWidth": 2,
                "shapeProperties": {"borderDashes": [4, 3] if dashed else False, "borderRadius": 4},
                "font": {"size": 12, "color": "#1a202c", "face": "sans-serif"},
                "margin": {"top": 3, "bottom": 3, "left": 8, "right": 8},
            }
        )
    return nodes


def _note_nodes(lay, y: float) -> list[dict]:
    """The line a map with no cause and effect carries above its legend, as the SVG does."""
    note = unlinked_note(lay)
    if not note:
        return []
    return [
        {
            "id": "no-links",
            "label": note,
            "title": "Legend: " + note,
            "shape": "text",
            "x": lay.width / 2,
            "y": y - 4,
            "fixed": True,
            "physics": False,
            "chosen": False,
            "font": {"size": 13, "color": "#2d3748", "face": "sans-serif", "ital": True},
        }
    ]
