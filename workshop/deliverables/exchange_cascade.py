"""The cascade in the workshop file: the link to the parent by its stable identifier, and the
contributions by the parent objectives' titles (unique within a workshop), so that a lower unit's
file finds its parent again in another database, or is refused with the reason."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.errors import Invalid
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


def _text(where: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{where} must be the text of an objective's title.")
    return value


def find_parent(db: Database, document: dict) -> int | None:
    """The id of the document's parent in this database; None for a workshop with no parent.
    A parent that is not here is refused, saying which one and what to do."""
    parent = document.get("parent")
    if parent is None:
        if document.get("contribution") or document.get("expected_contribution"):
            raise Invalid("The file lists contributions to a parent workshop but names no parent.")
        return None
    if not isinstance(parent, dict) or not isinstance(parent.get("uid"), str) or not parent["uid"].strip():
        raise Invalid("The file's \"parent\" must give the parent workshop's identifier (uid).")
    found = store.one(db, "SELECT id FROM workshop WHERE uid = ?", [parent["uid"]])
    if found is None:
        name = " · ".join(str(parent.get(k)) for k in ("organisation", "unit") if isinstance(parent.get(k), str))
        raise Invalid(
            f"This workshop is a lower unit of {name or 'another workshop'} (identifier "
            f"{parent['uid'][:40]}), which is not in this database. Import the parent's file "
            "first, then this one: the unit's objectives name the parent objectives they serve."
        )
    return found["id"]


def import_part(db: Database, document: dict, workshop_id: int, parent_id: int | None, local_objectives: dict[int, int]) -> None:
    """Link the imported workshop to its parent and restore its contributions (inside the import's
    transaction: a refusal here leaves nothing behind)."""
    if parent_id is None:
        return
    db.execute("UPDATE workshop SET parent_id = ? WHERE id = ?", [parent_id, workshop_id])
    titles = {r["title"].casefold(): r["id"] for r in store.rows(db, "SELECT id, title FROM objective WHERE workshop_id = ?", [parent_id])}

    def parent_objective(where: str, title) -> int:
        found = titles.get(_text(where, title).casefold())
        if found is None:
            raise Invalid(
                f"{where} names the parent objective “{title[:200]}”, which the parent in this "
                "database does not have (renamed or deleted since the file was made?)."
            )
        return found

    for table in ("contribution", "expected_contribution"):
        if not isinstance(document.get(table, []), list):
            raise Invalid(f"{table} must be a list.")
    for index, row in enumerate(document.get("contribution", [])):
        where = f"contribution[{index}]"
        if not isinstance(row, dict) or row.get("objective_id") not in local_objectives:
            raise Invalid(f"{where} must name one of the file's objectives.")
        db.execute(
            "INSERT OR IGNORE INTO contribution (objective_id, parent_objective_id) VALUES (?, ?)",
            [local_objectives[row["objective_id"]], parent_objective(f"{where}.parent_objective", row.get("parent_objective"))],
        )
    for index, row in enumerate(document.get("expected_contribution", [])):
        where = f"expected_contribution[{index}]"
        if not isinstance(row, dict):
            raise Invalid(f"{where} must be an object.")
        db.execute(
            "INSERT OR IGNORE INTO expected_contribution (workshop_id, parent_objective_id) VALUES (?, ?)",
            [workshop_id, parent_objective(f"{where}.parent_objective", row.get("parent_objective"))],
        )
