"""The strategy map's layout: deterministic, drawn as SVG on the server (svg.py), handed to the app's
graph (graph.py) and to the deck (deck/drawings.py).

Perspectives are horizontal bands, top to bottom in the workshop's order; objectives are boxes
coloured by theme; causal links are arrows from cause to effect.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workshop.core.model import Objective, Scorecard
from workshop.deliverables.map import cascade, marks
from workshop.deliverables.map.marks import ALSO_SERVES
from workshop.deliverables.map.order import crossings, order_within_bands

__all__ = ["crossings", "layout", "tint", "wrap"]

NODE_W, NODE_H = 190, 74
GAP_X, ROW_GAP = 34, 46
BAND_PAD = 40
LABEL_W = 150
MARGIN = 16
TITLE_H = 44
MAX_PER_ROW = 6
FONT_SIZE = 13
LINE_CHARS = 25  # what fits in NODE_W at FONT_SIZE in DejaVu Sans
MAX_LINES = 4
NO_THEME = "#8c96a3"
EDGE_COLOUR = "#3d4652"
BAND_FILLS = ("#f4f6f9", "#e9edf2")
NOTE_H = 42  # two lines at most


@dataclass
class Box:
    objective: Objective
    x: float  # top-left corner
    y: float
    colour: str
    band: int  # index of the band, 0 at the top
    w: float = NODE_W
    h: float = NODE_H

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass
class Band:
    perspective_id: int
    name: str
    y: float
    h: float


@dataclass
class Arrow:
    link_id: int
    cause_id: int
    effect_id: int
    start: tuple[float, float]
    end: tuple[float, float]
    path: str


@dataclass
class MapLayout:
    width: float
    height: float
    bands: list[Band] = field(default_factory=list)
    boxes: dict[int, Box] = field(default_factory=dict)
    arrows: list[Arrow] = field(default_factory=list)
    # no cause and effect among the boxes: the legend says the order within a band means nothing
    unlinked: bool = False


def layout(
    card: Scorecard, *, statuses: tuple[str, ...] = ("draft", "agreed"), max_per_row: int = MAX_PER_ROW, cascade_scale: float = 1.0
) -> MapLayout:
    """Bands top to bottom in the configured order; boxes in rows that never overlap."""
    perspectives = sorted(card.perspectives, key=lambda p: p.position)
    shown = [o for o in card.objectives if o.status in statuses]
    ids = {o.id for o in shown}
    links = [l for l in card.links if l.cause_id in ids and l.effect_id in ids]
    ordered = order_within_bands(card, [[o for o in shown if o.perspective_id == p.id] for p in perspectives], links)
    columns = max([min(len(b), max_per_row) for b in ordered] + [3])
    area_w = columns * (NODE_W + GAP_X)
    result = MapLayout(width=LABEL_W + area_w + 2 * MARGIN, height=0)
    y = MARGIN + TITLE_H
    for index, (p, objectives) in enumerate(zip(perspectives, ordered)):
        rows = max(1, math.ceil(len(objectives) / max_per_row))
        h = 2 * BAND_PAD + rows * NODE_H + (rows - 1) * ROW_GAP
        result.bands.append(Band(p.id, p.name, y, h))
        per_row = math.ceil(len(objectives) / rows) if objectives else 0
        for r in range(rows):
            row = objectives[r * per_row : (r + 1) * per_row]
            slot = area_w / max(len(row), 1)
            for i, o in enumerate(row):
                x = MARGIN + LABEL_W + slot * i + (slot - NODE_W) / 2
                result.boxes[o.id] = Box(o, round(x, 1), y + BAND_PAD + r * (NODE_H + ROW_GAP), _colour(card, o), index)
        y += h
    result.unlinked = len(result.boxes) >= 2 and not links
    result.height = (
        y
        + MARGIN
        + _legend_height(legend_entries(card, result.boxes), result.width)
        + (NOTE_H if result.unlinked else 0)
        + cascade.legend_height(card, set(result.boxes), cascade_scale)
    )
    result.arrows = _arrows(result.boxes, links)
    return result


def _colour(card: Scorecard, o: Objective) -> str:
    """The main theme's colour; its own for an objective that serves every theme; grey for none."""
    if o.all_themes:
        return marks.EVERY_THEME_COLOUR
    theme = card.theme(o.theme_id)
    return theme.colour if theme else NO_THEME


def unlinked_note(lay: MapLayout) -> str:
    """What a map with no cause and effect must say, so that no order is read into it."""
    if not lay.unlinked:
        return ""
    return "No cause-and-effect links yet: the objectives are grouped by perspective only; their order within a band means nothing."


def _arrows(boxes: dict[int, Box], links) -> list[Arrow]:
    """Each arrow leaves and enters at its own port, spread along the box's side by the other end's x."""
    ports: dict[tuple[int, str], list] = {}
    plan = []
    for link in links:
        cause, effect = boxes[link.cause_id], boxes[link.effect_id]
        if effect.y < cause.y:
            sides = ("top", "bottom")
        elif effect.y > cause.y:
            sides = ("bottom", "top")
        else:
            sides = ("top", "top")
        plan.append((link, sides))
        ports.setdefault((link.cause_id, sides[0]), []).append((effect.cx, link.id))
        ports.setdefault((link.effect_id, sides[1]), []).append((cause.cx, link.id))

    def port(objective_id: int, side: str, link_id: int) -> tuple[float, float]:
        box = boxes[objective_id]
        users = sorted(ports[(objective_id, side)])
        i = [u[1] for u in users].index(link_id)
        x = box.x + 14 + (box.w - 28) * (i + 1) / (len(users) + 1)
        return (round(x, 1), box.y if side == "top" else box.y + box.h)

    rows = _rows(boxes)
    used_gaps: dict[tuple[float, float], int] = {}
    arrows = []
    for link, (out_side, in_side) in plan:
        (x1, y1), (x2, y2) = port(link.cause_id, out_side, link.id), port(link.effect_id, in_side, link.id)
        if out_side == in_side:  # same row: an arc over the top
            lift = 26 + min(abs(x2 - x1) / 8, 20)
            path = f"M{x1},{y1} C{x1},{y1 - lift} {x2},{y2 - lift} {x2},{y2 - 2}"
            end = (x2, y2 - 2)
        else:
            sign = -1 if out_side == "top" else 1
            tip = y2 + (2 if out_side == "top" else -2)
            points = [(x1, y1)] + _waypoints(rows, (x1, y1), (x2, y2), used_gaps) + [(x2, tip)]
            path = f"M{x1},{y1}"
            for n in range(1, len(points)):
                (ax, ay), (bx, by) = points[n - 1], points[n]
                if n % 2 == 0 and n < len(points) - 1:  # straight through a gap in a row of boxes
                    path += f" L{bx},{by}"
                    continue
                bend = max(abs(by - ay) * 0.45, 12)
                path += f" C{ax},{ay + sign * bend} {bx},{by - sign * bend} {bx},{by}"
            end = (x2, tip)
        arrows.append(Arrow(link.id, link.cause_id, link.effect_id, (x1, y1), end, path))
    return arrows


def _rows(boxes: dict[int, Box]) -> list[tuple[float, float, list[Box]]]:
    """(top, bottom, boxes left to right) for each row of boxes."""
    by_top: dict[float, list[Box]] = {}
    for box in boxes.values():
        by_top.setdefault(box.y, []).append(box)
    return [(top, top + NODE_H, sorted(row, key=lambda b: b.x)) for top, row in sorted(by_top.items())]


def _waypoints(rows, start, end, used_gaps) -> list[tuple[float, float]]:
    """Where an arrow crosses the rows between its ends: through the gaps, never under a box."""
    (x1, y1), (x2, y2) = start, end
    low, high = min(y1, y2), max(y1, y2)
    between = [r for r in rows if r[0] >= low and r[1] <= high]
    between.sort(key=lambda r: r[0], reverse=y2 < y1)  # in the order the arrow meets them
    points = []
    for top, bottom, row in between:
        centre = (top + bottom) / 2
        x = x1 + (x2 - x1) * (centre - y1) / (y2 - y1)
        if all(x < b.x - 8 or x > b.x + b.w + 8 for b in row):
            gx = x
        else:
            edges = [row[0].x - GAP_X / 2] + [(a.x + a.w + b.x) / 2 for a, b in zip(row, row[1:])] + [row[-1].x + row[-1].w + GAP_X / 2]
            gx = min(edges, key=lambda g: (abs(g - x), g))
            key = (top, gx)
            used_gaps[key] = used_gaps.get(key, 0) + 1
            k = used_gaps[key] - 1
            gx = round(gx + (k % 2 * 2 - 1) * 5 * ((k + 1) // 2), 1)
        near, far = (bottom, top) if y2 < y1 else (top, bottom)
        points += [(gx, near), (gx, far)]
    return points


# --- text and colour, shared by the SVG, the app's graph and the deck ------------------------------


def wrap(text: str, width: int = LINE_CHARS, lines: int = MAX_LINES) -> list[str]:
    """Greedy word wrap; a word longer than a line is cut, and overflow ends in an ellipsis."""
    out: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            if current:
                out.append(current)
                current = ""
            out.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out or [""]


def tint(colour: str, amount: float = 0.82) -> str:
    """The colour mixed with white (amount 1 is white): a fill that keeps dark text readable."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def legend_entries(card: Scorecard, boxes: dict[int, Box]) -> list[tuple[str, str, bool]]:
    """(colour, name, dashed) for each theme, and for "no theme", "serves every theme" and "draft"
    when the map has them."""
    entries = [(t.colour, t.name, False) for t in card.themes]
    if any(not b.objective.all_themes and card.theme(b.objective.theme_id) is None for b in boxes.values()):
        entries.append((NO_THEME, "No theme", False))
    if any(b.objective.all_themes for b in boxes.values()):
        entries.append((marks.EVERY_THEME, marks.EVERY_THEME_WORDS, False))
    if any(b.objective.status == "draft" for b in boxes.values()):
        entries.append((NO_THEME, "Draft (not yet agreed)", True))
    if any(marks.other_themes(card, b.objective) for b in boxes.values()):
        entries.append((ALSO_SERVES, "Dot: also serves that theme", False))
    return entries


def _legend_height(entries: list, width: float) -> float:
    per_row = max(1, int((width - 2 * MARGIN) // 260))
    return 30 + 24 * max(1, math.ceil(len(entries) / per_row))
