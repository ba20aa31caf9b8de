"""Seeing the cascade: the tree of units with where each stands, and the alignment matrix of a
workshop's objectives against the lower units that serve them."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from workshop import checks
from workshop.core.model import PHASE_TITLES, Scorecard
from workshop.db import cascade_reads, store
from workshop.db import scorecard as scorecard_reads

MAX_DEPTH = 12  # a tree deeper than this is a loop in the data, not an organisation


def root_of(db: Database, workshop_id: int) -> int:
    """The top of the tree a workshop belongs to."""
    current, seen = workshop_id, {workshop_id}
    while True:
        row = store.one(db, "SELECT parent_id FROM workshop WHERE id = ?", [current])
        if row is None or row["parent_id"] is None or row["parent_id"] in seen or len(seen) > MAX_DEPTH:
            return current
        current = row["parent_id"]
        seen.add(current)


def unit_status(card: Scorecard) -> dict:
    """Where one unit stands: its phase, its check summary, and its alignment with its parent
    (expected parent objectives served / expected)."""
    findings = checks.run(card)
    expected = [p for p in card.parent_objectives if p.id in card.expected and p.status == "agreed"]
    served = [p for p in expected if card.contributors_of(p.id)]
    return {
        "id": card.workshop["id"],
        "unit": card.workshop["unit"],
        "organisation": card.workshop["organisation"],
        "phase": int(card.phase),
        "phase_title": PHASE_TITLES[card.phase],
        "checks": checks.summary(findings),
        "expected": len(expected),
        "served": len(served),
        "objectives": len(card.live_objectives()),
        "parent": card.parent["unit"] if card.parent else None,
    }


def unit_tree(db: Database, workshop_id: int) -> list[dict]:
    """Every workshop in the tree of `workshop_id`, top first, depth-first, each with its status,
    `depth` (0 at the top) and `current` (the workshop asked about)."""
    out: list[dict] = []

    def visit(wid: int, depth: int) -> None:
        card = scorecard_reads.load(db, wid)
        out.append({**unit_status(card), "depth": depth, "current": wid == workshop_id})
        if depth < MAX_DEPTH:
            for unit in card.units:
                visit(unit["id"], depth + 1)

    visit(root_of(db, workshop_id), 0)
    return out


def matrix(db: Database, card: Scorecard) -> dict:
    """The alignment matrix of a workshop: its agreed objectives (rows) against its lower units
    (columns). A cell lists the unit's objectives that contribute, and says whether the unit is
    expected to serve that objective. Also the share of objectives served by at least one unit."""
    units = card.units
    expected = {u["id"]: set(cascade_reads.expected(db, u["id"])) for u in units}
    rows: list[dict[str, Any]] = []
    for o in card.agreed_objectives():
        serving = card.served_by.get(o.id, [])
        cells = [
            {"unit_id": u["id"], "expected": o.id in expected[u["id"]], "objectives": [s["title"] for s in serving if s["unit_id"] == u["id"]]}
            for u in units
        ]
        rows.append(
            {
                "objective": o,
                "perspective": card.perspective(o.perspective_id).name,
                "cells": cells,
                "units": sum(1 for c in cells if c["objectives"]),
            }
        )
    served = sum(1 for r in rows if r["units"])
    gaps = sum(1 for r in rows for c in r["cells"] if c["expected"] and not c["objectives"])
    return {"units": units, "rows": rows, "served": served, "total": len(rows), "share": (served / len(rows)) if rows else None, "gaps": gaps}


def planned_not_started(card: Scorecard) -> list[dict]:
    """The cascade plan's units that have no scorecard of their own yet."""
    started = {u["unit"].casefold() for u in card.units}
    return [c for c in card.cascade if c["unit"].casefold() not in started]
