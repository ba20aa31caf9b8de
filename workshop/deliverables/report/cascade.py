"""The report's cascade section as plain data: for a workshop with lower units, the units, where
each stands and the alignment matrix; for a lower unit, the parent context it serves."""

from __future__ import annotations

from workshop.core.model import Scorecard
from workshop.deliverables.record import WorkshopRecord
from workshop.method import alignment


def _units(units: list[Scorecard]) -> list[dict]:
    out = []
    for unit in units:
        status = alignment.unit_status(unit)
        counts = status["checks"]
        status["check_text"] = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no findings"
        out.append(status)
    return out


def _parent_context(card: Scorecard) -> dict:
    """What a lower unit serves above it: each parent objective expected of it or served by it,
    with the unit's contributing objectives; and the objectives that are local, with their reasons."""
    rows = []
    for p in card.parent_objectives:
        contributors = [o.title for o in card.contributors_of(p.id)]
        if p.id in card.expected or contributors:
            rows.append({"title": p.title, "expected": p.id in card.expected, "contributors": contributors})
    return {
        "parent": card.parent,
        "rows": rows,
        "served": sum(1 for r in rows if r["contributors"] and r["expected"]),
        "expected": sum(1 for r in rows if r["expected"]),
        "local": [o for o in card.live_objectives() if not o.contributes_to and o.local_reason],
        "unaligned": [o.title for o in card.live_objectives() if not o.contributes_to and not o.local_reason],
    }


def context(record: WorkshopRecord) -> dict | None:
    """None when the workshop is neither a parent of lower units nor a lower unit itself."""
    card = record.card
    if not card.units and not card.has_parent:
        return None
    found: dict = {"units": [], "matrix": None, "not_started": [], "above": None}
    if card.units:
        found |= {"units": _units(record.units), "matrix": record.matrix, "not_started": alignment.planned_not_started(card)}
    if card.has_parent:
        found["above"] = _parent_context(card)
    return found
