"""The cascade drawn on a strategy map: on a parent's map, how many lower units serve each
objective; on a lower unit's map, which parent objectives each objective serves, with the parent's
objectives listed under the legend. Plain SVG fragments; every piece of user text XML-escaped."""

from __future__ import annotations

import html

from workshop.core.model import Scorecard

LINE_H = 20
HEADER_H = 40
UNIT_FILL = "#1f4e79"
PARENT_FILL = "#5b4a8b"


def _x(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def served_parent_objectives(card: Scorecard, shown_ids: set[int]) -> list[int]:
    """The parent objectives the shown objectives serve, in the parent's order (P1, P2 …)."""
    served = {p for o in card.objectives if o.id in shown_ids for p in o.contributes_to}
    return [p.id for p in card.parent_objectives if p.id in served]


def legend_height(card: Scorecard, shown_ids: set[int], scale: float = 1.0) -> float:
    """`scale` enlarges the cascade's text and pills (print asks for it so they stay legible)."""
    if card.has_parent:
        served = served_parent_objectives(card, shown_ids)
        return (HEADER_H + LINE_H * len(served) + 8) * scale if served else 0
    if any(card.served_by.get(i) for i in shown_ids):
        return (HEADER_H + LINE_H + 8) * scale
    return 0


def _parent_title(card: Scorecard, objective_id: int) -> str:
    found = card.parent_objective(objective_id)
    return found.title if found else ""


def _parent_unit(card: Scorecard) -> str:
    return card.parent["unit"] if card.parent else ""


def _pill(x: float, y: float, text: str, fill: str, s: float = 1.0) -> str:
    w = (12 + 7.2 * len(text)) * s
    return (
        f'<rect class="cascade-badge" x="{x - w:g}" y="{y - 9 * s:g}" width="{w:g}" height="{18 * s:g}" '
        f'rx="{9 * s:g}" fill="{fill}"/><text class="cascade-badge" x="{x - w / 2:g}" y="{y + 4 * s:g}" '
        f'font-size="{11 * s:g}" text-anchor="middle" fill="#ffffff" font-weight="bold">{_x(text)}</text>'
    )


def badges(card: Scorecard, boxes: dict, scale: float = 1.0) -> list[str]:
    """One pill at the top-right corner of each box the cascade concerns."""
    out = []
    numbers = {pid: n for n, pid in enumerate(served_parent_objectives(card, set(boxes)), start=1)}
    for box in boxes.values():
        o = box.objective
        corner_x, corner_y = box.x + box.w - 6, box.y
        if card.has_parent and o.contributes_to:
            label = "↑ " + " ".join(f"P{numbers[p]}" for p in o.contributes_to if p in numbers)
            out.append(_pill(corner_x, corner_y, _cut(label, 22), PARENT_FILL, scale))
        elif card.has_parent and o.local_reason:
            out.append(_pill(corner_x, corner_y, "local", "#6b7785", scale))
        units = card.units_serving(o.id)
        if units:
            out.append(_pill(corner_x, corner_y, f"◆ {len(units)} unit{'s' if len(units) != 1 else ''}", UNIT_FILL, scale))
    return out


def legend(card: Scorecard, boxes: dict, x: float, y: float, width: float, scale: float = 1.0) -> list[str]:
    """Under the themes: the parent objectives served (P1 …), or what the unit counts mean."""
    s = scale
    chars = int((width - 60 * s) / (7.4 * s))
    if card.has_parent:
        served = served_parent_objectives(card, set(boxes))
        if not served:
            return []
        out = [
            f'<text x="{x}" y="{y + 26 * s:g}" font-size="{13 * s:g}" font-weight="bold" fill="#2d3748">'
            f"{_x(_cut('Objectives of ' + _parent_unit(card) + ' this map serves', chars))}</text>"
        ]
        for n, pid in enumerate(served, start=1):
            title = _parent_title(card, pid)
            row_y = y + (HEADER_H + (n - 1) * LINE_H) * s
            out.append(_pill(x + 40 * s, row_y + 4 * s, f"P{n}", PARENT_FILL, s))
            out.append(f'<text x="{x + 48 * s:g}" y="{row_y + 8 * s:g}" font-size="{13 * s:g}" fill="#1a202c">{_x(_cut(title, chars))}</text>')
        return out
    units = [u["unit"] for u in card.units if card.units_serving_by(u["id"])]
    if not units:
        return []
    text = "Lower units with an objective serving it: " + ", ".join(units)
    return [
        f'<text x="{x}" y="{y + 26 * s:g}" font-size="{13 * s:g}" font-weight="bold" fill="#2d3748">Cascade</text>',
        _pill(x + 70 * s, y + (HEADER_H + 4) * s, "◆ n", UNIT_FILL, s),
        f'<text x="{x + 78 * s:g}" y="{y + (HEADER_H + 8) * s:g}" font-size="{13 * s:g}" fill="#1a202c">{_x(_cut(text, chars))}</text>',
    ]


def node_note(card: Scorecard, objective) -> str:
    """One short line for the interactive map's box: units serving it, or what it serves above."""
    units = card.units_serving(objective.id)
    if units:
        return f"◆ {len(units)} unit{'s' if len(units) != 1 else ''}"
    if card.has_parent and objective.contributes_to:
        n = len(objective.contributes_to)
        return f"↑ serves {n} of {_parent_unit(card)}" if n > 1 else "↑ serves " + _cut(_parent_title(card, objective.contributes_to[0]), 24)
    if card.has_parent and objective.local_reason:
        return "local to the unit"
    return ""
