"""Comments on objectives and measures, and participants' proposals."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.clean import clean_name, clean_text
from workshop.core.errors import Invalid, NotFound
from workshop.db import store
from workshop.method import objectives

# --- comments and proposals ---------------------------------------------------------------


def add_comment(
    db: Database,
    workshop_id: int,
    author: str,
    body: str,
    *,
    objective_id: int | None = None,
    measure_id: int | None = None,
    parent_id: int | None = None,
    participant_id: int | None = None,
) -> int:
    """A comment on an objective or a measure, or a reply to a comment (one level deep)."""
    author = clean_name(author, "The author's name")
    body = clean_text(body, "The comment", required=True, max_len=5000)
    with store.write(db):
        if parent_id is not None:
            parent = store.get(db, "comment", parent_id, "comment")
            if parent["workshop_id"] != workshop_id:
                raise NotFound("That comment is not in this workshop.")
            if parent["parent_id"] is not None:
                parent_id = parent["parent_id"]  # a reply to a reply joins the same thread
            objective_id, measure_id = parent["objective_id"], parent["measure_id"]
        elif (objective_id is None) == (measure_id is None):
            raise Invalid("Choose one objective or one measure to comment on.")
        if objective_id is not None and not store.one(db, "SELECT 1 FROM objective WHERE id = ? AND workshop_id = ?", [objective_id, workshop_id]):
            raise NotFound("That objective is not in this workshop.")
        if measure_id is not None and not store.one(
            db,
            """SELECT 1 FROM measure m JOIN objective o ON o.id = m.objective_id
                       WHERE m.id = ? AND o.workshop_id = ?""",
            [measure_id, workshop_id],
        ):
            raise NotFound("That measure is not in this workshop.")
        return store.insert(
            db,
            "comment",
            {
                "workshop_id": workshop_id,
                "objective_id": objective_id,
                "measure_id": measure_id,
                "participant_id": participant_id,
                "parent_id": parent_id,
                "author": author,
                "body": body,
            },
        )


def comments(db: Database, workshop_id: int, *, objective_id: int | None = None, measure_id: int | None = None) -> list[dict]:
    """Comments as threads: each top-level comment with its `replies`, oldest first."""
    where, params = "c.workshop_id = ?", [workshop_id]
    if objective_id is not None:
        where, params = where + " AND c.objective_id = ?", [*params, objective_id]
    if measure_id is not None:
        where, params = where + " AND c.measure_id = ?", [*params, measure_id]
    found = store.rows(
        db,
        f"""SELECT c.*, o.title AS objective, m.name AS measure FROM comment c
                              LEFT JOIN objective o ON o.id = c.objective_id
                              LEFT JOIN measure m ON m.id = c.measure_id
                              WHERE {where} ORDER BY c.id""",
        params,
    )
    threads = {c["id"]: {**c, "replies": []} for c in found if c["parent_id"] is None}
    for c in found:
        if c["parent_id"] in threads:
            threads[c["parent_id"]]["replies"].append(c)
    return list(threads.values())


def mark_addressed(db: Database, comment_id: int, addressed: bool = True) -> None:
    store.update(db, "comment", comment_id, {"addressed": int(bool(addressed))})


def propose_objective(db: Database, participant: dict, title: str, perspective_id: int, description: str = "") -> int:
    """A participant's proposal lands as a draft objective with the proposer as its provenance."""
    return objectives.add_objective(
        db,
        participant["workshop_id"],
        title,
        perspective_id,
        description=description,
        proposed_by=participant["name"],
        proposed_by_participant_id=participant["id"],
    )


def commentable(db: Database, workshop_id: int) -> list[dict]:
    """What participants can comment on: live objectives and their measures (kind, id, label)."""
    return store.rows(
        db,
        """
        SELECT 'objective' AS kind, o.id, o.title AS label, p.position, o.id AS o_id, 0 AS m_id
        FROM objective o JOIN perspective p ON p.id = o.perspective_id
        WHERE o.workshop_id = ? AND o.status <> 'dropped'
        UNION ALL
        SELECT 'measure', m.id, m.name || ' (measure of ' || o.title || ')', p.position, o.id, m.id
        FROM measure m JOIN objective o ON o.id = m.objective_id JOIN perspective p ON p.id = o.perspective_id
        WHERE o.workshop_id = ? AND o.status <> 'dropped'
        ORDER BY 4, 5, 6""",
        [workshop_id, workshop_id],
    )
