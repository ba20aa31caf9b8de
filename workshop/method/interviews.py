"""Phase 2, first half: the executive interviews the draft objectives are drawn from."""

from __future__ import annotations

from functools import partial

from sqlite_utils import Database

from workshop.core.clean import clean_date, clean_fields, clean_name, clean_text
from workshop.core.errors import Invalid
from workshop.db import store

INTERVIEW_FIELDS = {
    "executive": partial(clean_name, label="The executive's name"),
    "role": partial(clean_name, label="The executive's role", required=False),
    "held_on": partial(clean_date, label="The interview date"),
    "mission": partial(clean_text, label="Mission"),
    "vision": partial(clean_text, label="Vision"),
    "values_statement": partial(clean_text, label="Values"),
    "strategy": partial(clean_text, label="Strategy"),
    "competitive_position": partial(clean_text, label="Competitive position"),
    "competencies": partial(clean_text, label="Competencies"),
    "notes": partial(clean_text, label="Notes"),
}
TOPIC_LABELS = {
    "mission": "Mission: why the unit exists",
    "vision": "Vision: where it wants to be",
    "values_statement": "Values",
    "strategy": "Strategy: how it will get there",
    "competitive_position": "Competitive position",
    "competencies": "Functional competencies",
    "notes": "Other notes",
}


def record_interview(db: Database, workshop_id: int, executive: str, **answers) -> int:
    row = clean_fields(INTERVIEW_FIELDS, {"executive": executive, **answers})
    return store.insert(
        db, "interview", {"workshop_id": workshop_id, **row}, duplicate=f"An interview with {row['executive']} is already recorded; edit it instead."
    )


def update_interview(db: Database, interview_id: int, **answers) -> None:
    row = clean_fields(INTERVIEW_FIELDS, answers)
    store.update(db, "interview", interview_id, row, duplicate="Another interview already has that executive's name.")


def interviews(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM interview WHERE workshop_id = ? ORDER BY id", [workshop_id])


def delete_interview(db: Database, interview_id: int) -> None:
    """Refused while the interview is the only source of an objective: its provenance would vanish."""
    with store.write(db):
        orphans = store.rows(
            db,
            """
            SELECT o.title FROM objective o JOIN objective_source s ON s.objective_id = o.id
            WHERE s.interview_id = ? AND o.proposed_by = '' AND NOT EXISTS (
                SELECT 1 FROM objective_source t WHERE t.objective_id = o.id AND t.interview_id <> ?)
            ORDER BY o.id""",
            [interview_id, interview_id],
        )
        if orphans:
            raise Invalid(
                "This interview is the only source of: "
                + "; ".join(o["title"] for o in orphans)
                + ". Give those objectives another source first, so the report can say where "
                "they came from."
            )
        store.delete(db, "interview", interview_id)
