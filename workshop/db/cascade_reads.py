"""The cascade as read around one workshop: its parent's context, its lower units, and which of
their objectives contribute to its own. Used by `scorecard.load`; plain dicts and model objects."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db import store

PARENT_COLUMNS = "id, uid, organisation, unit, phase, vision, mission, strategy_summary, sector"


def contributions(db: Database, workshop_id: int) -> dict[int, list[int]]:
    """Objective id of this workshop → the parent objective ids it contributes to."""
    found: dict[int, list[int]] = {}
    for row in store.rows(
        db,
        """SELECT c.objective_id, c.parent_objective_id FROM contribution c
                                 JOIN objective o ON o.id = c.objective_id WHERE o.workshop_id = ?
                                 ORDER BY c.parent_objective_id""",
        [workshop_id],
    ):
        found.setdefault(row["objective_id"], []).append(row["parent_objective_id"])
    return found


def parent(db: Database, workshop_id: int) -> dict | None:
    return store.one(
        db,
        f"""SELECT {PARENT_COLUMNS} FROM workshop
                             WHERE id = (SELECT parent_id FROM workshop WHERE id = ?)""",
        [workshop_id],
    )


def expected(db: Database, workshop_id: int) -> tuple[int, ...]:
    return tuple(
        r["parent_objective_id"]
        for r in store.rows(
            db, "SELECT parent_objective_id FROM expected_contribution WHERE workshop_id = ? ORDER BY parent_objective_id", [workshop_id]
        )
    )


def units(db: Database, workshop_id: int) -> list[dict]:
    """The lower units cascaded from this workshop, in the order they were started."""
    return store.rows(db, "SELECT id, uid, unit, phase, created_at FROM workshop WHERE parent_id = ? ORDER BY id", [workshop_id])


def served_by(db: Database, workshop_id: int) -> dict[int, list[dict]]:
    """Objective id of this workshop → the live objectives of its lower units that contribute to it."""
    found: dict[int, list[dict]] = {}
    for row in store.rows(
        db,
        """
            SELECT c.parent_objective_id, w.id AS unit_id, w.unit, o.id AS objective_id, o.title,
                   o.status
            FROM contribution c JOIN objective o ON o.id = c.objective_id
            JOIN workshop w ON w.id = o.workshop_id
            WHERE w.parent_id = ? AND o.status != 'dropped' ORDER BY w.id, o.id""",
        [workshop_id],
    ):
        found.setdefault(row["parent_objective_id"], []).append(row)
    return found
