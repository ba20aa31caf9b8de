"""Where the interactive map's arrows run: straight lines that never cross a box they do not join.

The graph component draws an edge as a line between two node centres and cannot bend it around
an obstacle. So an arrow whose straight line would cross another box (a link that skips a band,
or joins two boxes of one row with others between them) is drawn as a chain of straight pieces
through small waypoints: out of the cause's side, through the gaps between the boxes of every row
in between (the same gaps the SVG map uses), and into the effect's side.
"""

from __future__ import annotations

from workshop.deliverables.map.layout import Box, MapLayout, _rows, _waypoints

CLEARANCE = 6  # a line this close to a box reads as touching it
PORT = 16  # how far outside its box an arrow turns towards the next gap
LIFT = 24  # how high above its row a same-row arrow runs

Point = tuple[float, float]


def crosses(a: Point, b: Point, box: Box, clearance: float = CLEARANCE) -> bool:
    """Whether the segment a–b passes through `box` grown by `clearance` (Liang–Barsky clipping)."""
    x0, y0 = a
    dx, dy = b[0] - a[0], b[1] - a[1]
    left, right = box.x - clearance, box.x + box.w + clearance
    top, bottom = box.y - clearance, box.y + box.h + clearance
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def route(lay: MapLayout, cause_id: int, effect_id: int, used_gaps: dict | None = None) -> list[Point]:
    """The waypoints between the cause's centre and the effect's: none when the straight line
    between them crosses no other box."""
    cause, effect = lay.boxes[cause_id], lay.boxes[effect_id]
    others = [b for b in lay.boxes.values() if b is not cause and b is not effect]
    if not any(crosses((cause.cx, cause.cy), (effect.cx, effect.cy), b) for b in others):
        return []
    if cause.y == effect.y:  # one row: up, across above the row, and down
        above = cause.y - LIFT
        return [(cause.cx, above), (effect.cx, above)]
    down = effect.y > cause.y
    start = (cause.cx, cause.y + cause.h + PORT if down else cause.y - PORT)
    end = (effect.cx, effect.y - PORT if down else effect.y + effect.h + PORT)
    gaps = _waypoints(_rows(lay.boxes), start, end, {} if used_gaps is None else used_gaps)
    return [start, *gaps, end]


def segments(lay: MapLayout, cause_id: int, effect_id: int, waypoints: list[Point]) -> list[tuple[Point, Point]]:
    """The straight pieces an arrow is drawn as, from the cause's centre to the effect's."""
    cause, effect = lay.boxes[cause_id], lay.boxes[effect_id]
    points = [(cause.cx, cause.cy), *waypoints, (effect.cx, effect.cy)]
    return list(zip(points, points[1:]))
