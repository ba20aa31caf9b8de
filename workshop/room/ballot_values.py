"""What a ballot holds, per method: turning what a participant sent (a form's value, the ballot
component's JSON) into the ballot's columns, or a refusal that says what to do. Pure: no store."""

from __future__ import annotations

from workshop.core import priorities
from workshop.core.consensus import GRADIENTS
from workshop.core.errors import Invalid

SKIP = "skip"
VALUE_COLUMNS = ("dots", "rating", "gradient", "rank", "skipped", "grid_x", "grid_y", "points")


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


def _axis(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        n = 0
    if not 1 <= n <= 5:
        raise Invalid("A place on the grid is a whole number from 1 to 5 on each axis.")
    return n


def grid_value(value, label: str = "", axes: str | None = None) -> dict | None:
    """A placement: {"x": 1–5, "y": 1–5} (or [x, y]), "skip" for don't know, None withdraws."""
    if value is None or value == "":
        return None
    if value == SKIP:
        return {"skipped": 1}
    if isinstance(value, (list, tuple)) and len(value) == 2:
        value = {"x": value[0], "y": value[1]}
    if not isinstance(value, dict):
        raise Invalid("A place on the grid is a whole number from 1 to 5 on each axis.")
    x, y = _axis(value.get("x")), _axis(value.get("y"))
    if x is None and y is None:
        return None
    if x is None or y is None:
        grid = priorities.GRID_PRESETS.get(axes or "")
        both = f"{grid.y.name.lower()} and {grid.x.name.lower()}" if grid else "both axes"
        raise Invalid(f"“{label}”: give it both {both}, or leave both empty." if label else f"Give each item both {both}, or leave both empty.")
    return {"grid_x": x, "grid_y": y}


def split_values(items: dict[int, dict], wanted: dict[int, object]) -> dict[int, dict | None]:
    """A whole split: every item's points, exactly 100 in all (an item with 0 holds no ballot)."""
    points = priorities.split_points(wanted, list(items))
    return {i: ({"points": n} if n else None) for i, n in points.items()}


def values_for(method: str, items: dict[int, dict], wanted: dict[int, object], axes: str | None = None) -> dict[int, dict | None]:
    """Each item's ballot value (None withdraws) for a rating, gradients, ranking, grid or split round."""
    if method == "ranking":
        return ranking_values(items, wanted)
    if method == "split":
        return split_values(items, wanted)
    if method == "grid":
        return {i: grid_value(v, items[i].get("label", ""), axes) for i, v in wanted.items()}
    convert = rating_value if method == "rating" else gradient_value
    return {i: convert(v) for i, v in wanted.items()}
