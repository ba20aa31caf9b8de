"""Phase 5, the implementation plan: initiatives, the cascade to lower units, the review rhythm."""

from __future__ import annotations

from functools import partial

from sqlite_utils import Database

from workshop.core.clean import clean_choice, clean_date, clean_fields, clean_name, clean_number, clean_text
from workshop.core.errors import Invalid
from workshop.core.model import INITIATIVE_STATUSES
from workshop.db import store

INITIATIVE_FIELDS = {
    "name": partial(clean_name, label="The initiative's name"),
    "description": partial(clean_text, label="The description"),
    "owner": partial(clean_name, label="The owner", required=False),
    "start_date": partial(clean_date, label="The start date", start=True),
    "deadline": partial(clean_date, label="The deadline"),
    "budget": partial(clean_number, label="The budget", minimum=0),
    "status": partial(clean_choice, label="The status", choices=INITIATIVE_STATUSES),
}
CASCADE_FIELDS = {
    "unit": partial(clean_name, label="The lower unit's name"),
    "owner": partial(clean_name, label="The owner", required=False),
    "due": partial(clean_date, label="The due date"),
    "approach": partial(clean_text, label="The approach"),
}


def check_dates(row: dict) -> None:
    if row.get("start_date") and row.get("deadline") and row["deadline"] < row["start_date"]:
        raise Invalid("The deadline is before the start date.")


def _link_objectives(db: Database, workshop_id: int, initiative_id: int, objective_ids) -> None:
    db.execute("DELETE FROM initiative_objective WHERE initiative_id = ?", [initiative_id])
    for objective_id in dict.fromkeys(int(i) for i in objective_ids):
        if not store.one(db, "SELECT 1 FROM objective WHERE id = ? AND workshop_id = ?", [objective_id, workshop_id]):
            raise Invalid("An initiative can only serve this workshop's objectives.")
        db.table("initiative_objective").insert({"initiative_id": initiative_id, "objective_id": objective_id})


def add_initiative(db: Database, workshop_id: int, name: str, objective_ids=(), **fields) -> int:
    row = clean_fields(INITIATIVE_FIELDS, {"name": name, **fields})
    check_dates(row)
    with store.write(db):
        initiative_id = store.insert(
            db, "initiative", {"workshop_id": workshop_id, **row}, duplicate=f"An initiative called “{row['name']}” already exists."
        )
        _link_objectives(db, workshop_id, initiative_id, objective_ids)
    return initiative_id


def update_initiative(db: Database, initiative_id: int, objective_ids=None, **fields) -> None:
    row = clean_fields(INITIATIVE_FIELDS, fields)
    with store.write(db):
        current = store.get(db, "initiative", initiative_id, "initiative")
        check_dates({**current, **row})
        store.update(db, "initiative", initiative_id, row, duplicate="Another initiative already has that name.")
        if objective_ids is not None:
            _link_objectives(db, current["workshop_id"], initiative_id, objective_ids)


def delete_initiative(db: Database, initiative_id: int) -> None:
    store.delete(db, "initiative", initiative_id)


def add_cascade_unit(db: Database, workshop_id: int, unit: str, **fields) -> int:
    row = clean_fields(CASCADE_FIELDS, {"unit": unit, **fields})
    return store.insert(db, "cascade_unit", {"workshop_id": workshop_id, **row}, duplicate=f"The cascade plan already includes “{row['unit']}”.")


def delete_cascade_unit(db: Database, cascade_id: int) -> None:
    store.delete(db, "cascade_unit", cascade_id)
