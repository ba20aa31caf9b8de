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
from workshop.core.model import DIRECTIONS, FREQUENCIES, MEASURE_KINDS, NATURES, YEAR_RULES
from workshop.core.targets import TARGET_TYPES, Target, read_scale, read_target, target_of
from workshop.db import store

MEASURE_FIELDS = {
    "name": partial(clean_name, label="The measure's name"),
    "definition": partial(clean_text, label="The definition"),
    "unit": partial(clean_text, label="The unit", max_len=40, multiline=False),
    "data_source": partial(clean_text, label="The data source", max_len=500),
    "data_collection": partial(clean_text, label="How the data will be obtained"),
    "kind": partial(clean_choice, label="Lead or lag", choices=("", *MEASURE_KINDS)),
    "frequency": partial(clean_choice, label="The frequency", choices=("", *FREQUENCIES)),
    "direction": partial(clean_choice, label="The direction", choices=DIRECTIONS),
    "baseline": partial(clean_number, label="The baseline"),
    "target_date": partial(clean_date, label="The target date"),
    "target_low": partial(clean_number, label="The range's lower end"),
    "target_high": partial(clean_number, label="The range's upper end"),
    "nature": partial(clean_choice, label="Level or amount over the period", choices=("", *NATURES)),
    "year_rule": partial(clean_choice, label="How periods make up the year", choices=("", *YEAR_RULES)),
    "green": partial(clean_number, label="The green threshold"),
    "red": partial(clean_number, label="The red threshold"),
    "actual": partial(clean_number, label="The actual value"),
    "owner": partial(clean_name, label="The owner", required=False),
}


QUANTITY_FIELDS = ("baseline", "green", "red", "actual")
TARGET_FIELDS = ("target", "target_type", "target_low", "target_high", "target_level", "rating_scale", "target_strict")
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
    row, problems = clean_fields_each(MEASURE_FIELDS, {k: v for k, v in values.items() if k in MEASURE_FIELDS})
    unknown = sorted(set(values) - set(MEASURE_FIELDS) - set(TARGET_FIELDS))
    if unknown:
        raise Invalid(f"A measure has no field {', '.join(unknown)}.")
    unit = row.get("unit", current_unit) or ""
    if any(name in values for name in TARGET_FIELDS):
        try:
            row.update(_target_fields(values, row, unit, problems))
        except Invalid as error:
            problems["target"] = str(error)
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


def _target_fields(values: dict, row: dict, unit: str, problems: dict[str, str]) -> dict:
    """The target's columns from what was typed: the target as text ("≥ 24 %", "98–100%", "AAA",
    "Launch by 2027-06-30", "TBD") or a number, or a type chosen with its figures."""
    kind = values.get("target_type")
    if kind is not None and kind not in ("", *TARGET_TYPES):
        raise Invalid(f"The target's type must be one of {', '.join(TARGET_TYPES)}.")
    scale = values.get("rating_scale") or ""
    if kind in (None, "") or (kind not in ("range",) and isinstance(values.get("target"), str) and not _is_plain_number(values["target"])):
        target = read_target(
            values.get("target"), direction=row.get("direction", "higher"), scale=scale if isinstance(scale, str) else "", due=row.get("target_date")
        )
        if kind == "tbd" or (kind == "" and target.type == ""):
            target = Target(type=kind or "")
    else:
        target = _typed_target(kind, values, row, scale)
    typed_percent = target.unit == "%"
    if typed_percent and unit.strip() and unit.strip().lower() not in PERCENT_UNITS:
        raise Invalid(f"The target is typed as a percentage but the measure's unit is “{unit}”; drop the % or change the unit.")
    fields = target.fields()
    if typed_percent and not unit.strip():
        fields["unit"] = "%"
    if "direction" in values and target.direction and row.get("direction") not in (None, target.direction):
        word = {"higher": "higher is better", "lower": "lower is better"}
        problems["direction"] = (
            f"The target {values.get('target')} says {word[target.direction]}, but the direction says {word[row['direction']]}; change one of them."
        )
    return fields


def with_target_read(row: dict) -> dict:
    """A stored or imported row whose target may be text ("< 2.00%", "AAA", "TBD") or a bare number
    without its type: the row with the target's columns filled in as the forms would."""
    if not isinstance(row, dict) or (row.get("target_type") and not isinstance(row.get("target"), str)):
        return row
    if row.get("target") is None and not row.get("target_type"):
        return row
    problems: dict[str, str] = {}
    unit = row.get("unit") if isinstance(row.get("unit"), str) else ""
    values = {k: row[k] for k in TARGET_FIELDS if k in row}
    context = {"direction": row.get("direction") or "higher", "target_date": row.get("target_date")}
    fields = _target_fields(values, context, unit or "", problems)
    return {**row, **fields}


def is_bare_figure(value: object) -> bool:
    """A target typed as a figure alone ("15", 15): its direction comes from the measure, not the text."""
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) or isinstance(value, str) and bool(value.strip()) and _is_plain_number(value)
    )


def _is_plain_number(text: str) -> bool:
    try:
        read_quantity(text, "x")
    except Invalid:
        return False
    return True


def _typed_target(kind: str, values: dict, row: dict, scale: object) -> Target:
    """A target whose type was chosen in a form, with its figures in their own fields."""
    if kind == "tbd":
        return Target(type="tbd")
    if kind == "range":
        low, high = row.get("target_low"), row.get("target_high")
        if low is None or high is None:
            raise Invalid("A range needs its lower and its upper end.")
        if low > high:
            raise Invalid("The range's lower end is above its upper end.")
        return Target(type="range", low=low, high=high)
    if kind in ("rating", "milestone"):
        level = clean_text(values.get("target_level") or values.get("target"), label="The target", max_len=200, multiline=False)
        if not level:
            raise Invalid("A rating needs the level to reach." if kind == "rating" else "A milestone needs what it delivers.")
        if kind == "milestone":
            return Target(type="milestone", level=level, due=row.get("target_date"))
        levels = read_scale(scale) if isinstance(scale, str) else tuple(scale or ())  # type: ignore[arg-type]
        if not levels:
            raise Invalid("A rating needs its scale, best first (AAA > AA > A).")
        return read_target(level, scale=" > ".join(levels))
    number = clean_number(values.get("target"), label="The target")
    if number is None:
        raise Invalid("This type of target needs a figure.")
    strict = bool(values.get("target_strict"))
    return Target(type=kind, value=number, strict=strict)


def _cleaned(values: dict, current: dict | None = None) -> dict:
    row, problems = clean_measure(values, (current or {}).get("unit", ""))
    if problems:
        raise Invalid(" ".join(dict.fromkeys(problems.values())))
    return row


def check_thresholds(row: dict) -> None:
    green, red, direction = row.get("green"), row.get("red"), row.get("direction", "higher")
    if green is None or red is None or target_of(row).type not in ("", "at_least", "at_most"):
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
