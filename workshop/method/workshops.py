"""Creating, opening and setting up a workshop: the organisation, the unit and its strategy."""

from __future__ import annotations

from functools import partial

from sqlite_utils import Database

from workshop.core.clean import clean_choice, clean_fields, clean_name, clean_text
from workshop.core.model import CORE_STRATEGIES, DEFAULT_PERSPECTIVE_NAMES, SCOPES, SECTORS, perspective_order
from workshop.db import store

WORKSHOP_FIELDS = {
    "organisation": partial(clean_name, label="The organisation's name"),
    "unit": partial(clean_name, label="The unit's name"),
    "sector": partial(clean_choice, label="The sector", choices=SECTORS),
    "scope": partial(clean_choice, label="Whom the scorecard is for", choices=SCOPES),
    "facilitator": partial(clean_name, label="The facilitator's name", required=False),
    "currency": partial(clean_text, label="The currency code", required=True, max_len=8, multiline=False),
    "unit_description": partial(clean_text, label="The unit's description"),
    "financial_goals": partial(clean_text, label="The financial goals"),
    "mission": partial(clean_text, label="The mission"),
    "vision": partial(clean_text, label="The vision"),
    "values_statement": partial(clean_text, label="The values"),
    "core_strategy": partial(clean_choice, label="The core strategy", choices=CORE_STRATEGIES),
    "strategy_summary": partial(clean_text, label="The strategy summary"),
    "review_kpis": partial(clean_text, label="The KPI review rhythm"),
    "review_initiatives": partial(clean_text, label="The initiative review rhythm"),
    "review_strategy": partial(clean_text, label="The strategy review rhythm"),
}


def _cleaned(values: dict) -> dict:
    return clean_fields(WORKSHOP_FIELDS, values)


def create_workshop(db: Database, organisation: str, unit: str, *, sector: str = "for-profit", facilitator: str = "", **details) -> int:
    """A new workshop in phase 1, with the four perspectives ordered for its sector."""
    row = _cleaned({"organisation": organisation, "unit": unit, "sector": sector, "facilitator": facilitator, **details})
    with store.write(db):
        workshop_id = store.insert(db, "workshop", row)
        for position, key in enumerate(perspective_order(row["sector"]), start=1):
            store.insert(db, "perspective", {"workshop_id": workshop_id, "key": key, "name": DEFAULT_PERSPECTIVE_NAMES[key], "position": position})
    return workshop_id


def list_workshops(db: Database) -> list[dict]:
    return store.rows(
        db,
        """
        SELECT w.id, w.organisation, w.unit, w.phase, w.created_at,
               (SELECT count(*) FROM objective o WHERE o.workshop_id = w.id) AS objectives,
               (SELECT p.unit FROM workshop p WHERE p.id = w.parent_id) AS parent_unit
        FROM workshop w ORDER BY w.id DESC""",
    )


def update_workshop(db: Database, workshop_id: int, **values) -> None:
    """Change the unit's details or its strategy statements; the phase moves through `phases`."""
    row = _cleaned(values)
    store.update(db, "workshop", workshop_id, row)


def perspectives(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM perspective WHERE workshop_id = ? ORDER BY position", [workshop_id])


def rename_perspective(db: Database, perspective_id: int, name: str) -> None:
    store.update(db, "perspective", perspective_id, {"name": clean_name(name, "The perspective's name")})
