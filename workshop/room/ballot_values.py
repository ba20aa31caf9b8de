"""What a ballot holds, per method: turning what a participant sent (a form's value, the ballot
component's JSON) into the ballot's columns, or a refusal that says what to do. Pure: no store."""
from __future__ import annotations

from workshop.core.consensus import GRADIENTS
from workshop.core.errors import Invalid

SKIP = "skip"
VALUE_COLUMNS = ("dots", "rating", "gradient", "rank", "skipped")


def empty_value(value: dict) -> dict:
    """A ballot's value with every column present (the unused ones None, `skipped` 0)."""
    return {c: value.get(c, 0 if c == "skipped" else None) for c in VALUE_COLUMNS}


def rating_value(value) -> dict | None:
    if value is None or value == "":
        return None
    if value == SKIP:
        return {"skipped": 1}
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise Invalid("A rating is a whole number from 1 to 5, or skip.")
    return {"rating": rating}


def gradient_value(value) -> dict | None:
    if value is None or value == "":
        return None
    if value not in GRADIENTS:
        raise Invalid("Choose one of the gradients of agreement.")
    return {"gradient": value}


def ranking_values(items: dict[int, dict], wanted: dict[int, object]) -> dict[int, dict | None]:
    """Ranks within each perspective: 1 = best, each place used once."""
    values: dict[int, dict | None] = {}
    seen: dict[str, set[int]] = {}
    for item_id, rank in wanted.items():
        if rank in (None, ""):
            values[item_id] = None
            continue
        group = items[item_id]["grouping"]
        size = sum(1 for i in items.values() if i["grouping"] == group)
        try:
            rank = int(str(rank))
        except (TypeError, ValueError):
            rank = 0
        if not 1 <= rank <= size:
            raise Invalid(f"Ranks in {group} run from 1 to {size}.")
        if rank in seen.setdefault(group, set()):
            raise Invalid(f"Two items in {group} share rank {rank}; give each its own place.")
        seen[group].add(rank)
        values[item_id] = {"rank": rank}
    return values


def values_for(method: str, items: dict[int, dict], wanted: dict[int, object]) -> dict[int, dict | None]:
    """Each item's ballot value (None withdraws) for a rating, gradients or ranking round."""
    if method == "ranking":
        return ranking_values(items, wanted)
    convert = rating_value if method == "rating" else gradient_value
    return {i: convert(v) for i, v in wanted.items()}
