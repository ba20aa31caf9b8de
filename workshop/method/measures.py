"""Phase 4, measure selection: one or two measures per agreed objective, each fully specified."""

from __future__ import annotations

from functools import partial

from sqlite_utils import Database

from workshop.core.clean import (
    clean_choice,
    clean_date,
    clean_fields_each,
    clean_name,
    clean_number,
    clean_text,
    read_quantity,
)
from workshop.core.errors import Invalid
from workshop.core.model import DIRECTIONS, FREQUENCIES, MEASURE_KINDS
from workshop.db import store

MEASURE_FIELDS = {
    "name": partial(clean_name, label="The measure's name"),
    "definition": partial(clean_text, label="The definition"),
    "unit": partial(clean_text, label="The unit", max_len=40, multiline=False),
    "data_source": partial(clean_text, label="The data source", max_len=500),
    "data_collection": partial(clean_text, label="How the data will be obtained"),
    "kind": partial(clean_choice, label="Lead or lag", choices=MEASURE_KINDS),
    "frequency": partial(clean_choice, label="The frequency", choices=FREQUENCIES),
    "direction": partial(clean_choice, label="The direction", choices=DIRECTIONS),
    "baseline": partial(clean_number, label="The baseline"),
    "target": partial(clean_number, label="The target"),
    "target_date": partial(clean_date, label="The target date"),
    "green": partial(clean_number, label="The green threshold"),
    "red": partial(clean_number, label="The red threshold"),
    "actual": partial(clean_number, label="The actual value"),
    "owner": partial(clean_name, label="The owner", required=False),
}


QUANTITY_FIELDS = ("baseline", "target", "green", "red", "actual")
_LABELS = {
    "baseline": "The baseline",
    "target": "The target",
    "green": "The green threshold",
    "red": "The red threshold",
    "actual": "The actual value",
}
PERCENT_UNITS = ("%", "percent", "per cent", "pct")


def clean_measure(values: dict, current_unit: str = "") -> tuple[dict, dict[str, str]]:
    """Every field cleaned, with every problem by field at once. A value typed with a percent
    sign ("20%") makes an empty unit "%", so the scorecard keeps saying percent; against a
    measure in another unit it is refused rather than silently read as a plain number."""
    row, problems = clean_fields_each(MEASURE_FIELDS, values)
    unit = row.get("unit", current_unit) or ""
    for name in QUANTITY_FIELDS:
        if name in problems or not isinstance(values.get(name), str):
            continue
        _number, typed = read_quantity(values[name], name)
        if typed != "%":
            continue
        if not unit.strip():
            unit = row["unit"] = "%"
        elif unit.strip().lower() not in PERCENT_UNITS:
            problems[name] = f"{_LABELS[name]} is typed as a percentage but the measure's unit is “{unit}”; drop the % or change the unit."
    if not problems:
        try:
            check_thresholds(row)
        except Invalid as error:
            problems["red"] = str(error)
    return row, problems


def _cleaned(values: dict, current: dict | None = None) -> dict:
    row, problems = clean_measure(values, (current or {}).get("unit", ""))
    if problems:
        raise Invalid(" ".join(dict.fromkeys(problems.values())))
    return row


def check_thresholds(row: dict) -> None:
    green, red, direction = row.get("green"), row.get("red"), row.get("direction", "higher")
    if green is None or red is None:
        return
    if direction == "higher" and red > green:
        raise Invalid("When higher is better the red threshold must be at or below the green one.")
    if direction == "lower" and red < green:
        raise Invalid("When lower is better the red threshold must be at or above the green one.")


def add_measure(db: Database, objective_id: int, name: str, **fields) -> int:
    row = _cleaned({"name": name, **fields})
    store.get(db, "objective", objective_id, "objective")
    return store.insert(
        db, "measure", {"objective_id": objective_id, **row}, duplicate=f"This objective already has a measure called “{row['name']}”."
    )


def update_measure(db: Database, measure_id: int, **fields) -> None:
    with store.write(db):
        current = get_measure(db, measure_id)
        row = _cleaned(fields, current)
        merged = {**current, **row}
        check_thresholds(merged)
        store.update(db, "measure", measure_id, row, duplicate="This objective already has a measure with that name.")


def get_measure(db: Database, measure_id: int) -> dict:
    return store.get(db, "measure", measure_id, "measure")


def measures(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(
        db,
        """
        SELECT m.*, o.title AS objective, p.name AS perspective FROM measure m
        JOIN objective o ON o.id = m.objective_id JOIN perspective p ON p.id = o.perspective_id
        WHERE o.workshop_id = ? ORDER BY p.position, o.id, m.id""",
        [workshop_id],
    )


def delete_measure(db: Database, measure_id: int) -> None:
    store.delete(db, "measure", measure_id)
