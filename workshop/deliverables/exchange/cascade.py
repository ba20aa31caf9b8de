"""The cascade in the workshop file: the link to the parent by its stable identifier, and the
contributions by the parent objectives' titles (unique within a workshop), so that a lower unit's
file finds its parent again in another database, or is refused with the reason (on import:
starters/from_json.py)."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db import store


def export_part(db: Database, workshop_id: int, local_objectives: dict[int, int]) -> dict:
    """`parent`, `contribution` and `expected_contribution` for the document (empty when the
    workshop is not a lower unit). `local_objectives` maps database ids to the document's ids."""
    parent = store.one(
        db,
        """SELECT p.uid, p.organisation, p.unit FROM workshop w
                              JOIN workshop p ON p.id = w.parent_id WHERE w.id = ?""",
        [workshop_id],
    )
    if parent is None:
        return {"parent": None, "contribution": [], "expected_contribution": []}
    contributions = store.rows(
        db,
        """
        SELECT c.objective_id, p.title FROM contribution c JOIN objective o ON o.id = c.objective_id
        JOIN objective p ON p.id = c.parent_objective_id WHERE o.workshop_id = ?
        ORDER BY c.objective_id, c.parent_objective_id""",
        [workshop_id],
    )
    expected = store.rows(
        db,
        """
        SELECT p.title FROM expected_contribution e JOIN objective p ON p.id = e.parent_objective_id
        WHERE e.workshop_id = ? ORDER BY e.parent_objective_id""",
        [workshop_id],
    )
    return {
        "parent": parent,
        "contribution": [{"objective_id": local_objectives[c["objective_id"]], "parent_objective": c["title"]} for c in contributions],
        "expected_contribution": [{"parent_objective": e["title"]} for e in expected],
    }
