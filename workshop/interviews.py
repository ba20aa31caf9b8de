"""Phase 2, first half: the executive interviews the draft objectives are drawn from."""
from __future__ import annotations

from functools import partial

from sqlite_utils import Database

from . import store
from .model import clean_date, clean_fields, clean_name, clean_text

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
    return store.insert(db, "interview", {"workshop_id": workshop_id, **row},
                        duplicate=f"An interview with {row['executive']} is already recorded; "
                                  "edit it instead.")


def update_interview(db: Database, interview_id: int, **answers) -> None:
    row = clean_fields(INTERVIEW_FIELDS, answers)
    store.update(db, "interview", interview_id, row,
                 duplicate="Another interview already has that executive's name.")


def interviews(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM interview WHERE workshop_id = ? ORDER BY id", [workshop_id])


def delete_interview(db: Database, interview_id: int) -> None:
    store.delete(db, "interview", interview_id)
