"""Ordering the boxes within each band of the strategy map: objectives near what they link to,
grouped by theme, then neighbours swapped while that removes crossings."""

from __future__ import annotations

from workshop.core.model import Objective, Scorecard


def order_within_bands(card: Scorecard, bands: list[list[Objective]], links) -> list[list[Objective]]:
    """Order each band so linked objectives sit near each other (barycentre sweeps, deterministic)."""
    theme_rank = {t.id: n for n, t in enumerate(card.themes)}
    neighbours: dict[int, list[int]] = {}
    for link in links:
        neighbours.setdefault(link.cause_id, []).append(link.effect_id)
        neighbours.setdefault(link.effect_id, []).append(link.cause_id)
    bands = [sorted(b, key=lambda o: (theme_rank.get(o.theme_id or 0, 99), o.id)) for b in bands]
    for _ in range(6):
        place = {o.id: (i + 0.5) / len(b) for b in bands for i, o in enumerate(b)}
        reordered = []
        for b in bands:

            def key(o: Objective):
                near = [place[n] for n in neighbours.get(o.id, []) if n in place]
                centre = sum(near) / len(near) if near else place[o.id]
                return (round(centre, 6), theme_rank.get(o.theme_id or 0, 99), o.id)

            reordered.append(sorted(b, key=key))
        if reordered == bands:
            break
        bands = reordered
    return _fewer_crossings(bands, links)


def _segments(bands: list[list[Objective]], links) -> list[tuple[float, float, float, float, int, int]]:
    where = {o.id: ((i + 0.5) / len(b), float(level)) for level, b in enumerate(bands) for i, o in enumerate(b)}
    out: list[tuple[float, float, float, float, int, int]] = []
    for link in links:
        (x1, y1), (x2, y2) = where[link.cause_id], where[link.effect_id]
        if y1 != y2:  # arcs within a band are drawn above the boxes and left out
            out.append((x1, y1, x2, y2, link.cause_id, link.effect_id))
    return out


def crossings(bands: list[list[Objective]], links) -> int:
    """How many pairs of arrows cross, with each arrow taken as a straight line between its boxes."""

    def side(ax, ay, bx, by, cx, cy) -> float:
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

    segments = _segments(bands, links)
    count = 0
    for n, (ax, ay, bx, by, a1, a2) in enumerate(segments):
        for cx, cy, dx, dy, c1, c2 in segments[n + 1 :]:
            if {a1, a2} & {c1, c2} or max(ay, by) <= min(cy, dy) or max(cy, dy) <= min(ay, by):
                continue
            if side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0 and side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0:
                count += 1
    return count


def _fewer_crossings(bands: list[list[Objective]], links, passes: int = 4) -> list[list[Objective]]:
    """Swap neighbours in a band while that removes crossings (deterministic, greedy)."""
    bands = [list(b) for b in bands]
    best = crossings(bands, links)
    for _ in range(passes):
        improved = False
        for b in bands:
            for i in range(len(b) - 1):
                if best == 0:
                    return bands
                b[i], b[i + 1] = b[i + 1], b[i]
                now = crossings(bands, links)
                if now < best:
                    best, improved = now, True
                else:
                    b[i], b[i + 1] = b[i + 1], b[i]
        if not improved:
            break
    return bands
