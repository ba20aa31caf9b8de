"""Priority grids and the 100-point split: what the room's placements and points say about each
item. Pure functions, no database; the one place that names the grids' axes and quadrants.

A **priority grid** places each item on two axes, 1–5 each. The room's position on an axis is the
median of its answers; the spread is the interquartile range (the middle half of the room, inclusive
quartiles, as for ratings), drawn as a box from the lower to the upper quartile. The quadrant is the
one the two medians fall in, the midpoint 3 being the line between low and high: a median of
exactly 3 sits on the line and is named as such ("between Quick wins and Major projects"), never
forced into a side.

The presets and their quadrant names:
- impact × effort (initiatives): the action priority matrix — Quick wins (high impact, low effort),
  Major projects (high, high), Fill-ins (low, low), Thankless tasks (low impact, high effort);
- importance × urgency (objectives): the Eisenhower matrix — Do first (important and urgent),
  Schedule (important, not urgent), Delegate (urgent, not important), Drop (neither);
- importance × measurability (measures): this tool's reading of a measure-selection grid — Adopt
  now (important, data at hand), Build the data (important, hard to measure yet), Optional extra
  (easy but of little importance), Leave out (neither).

A **100-point split**: each participant spreads exactly 100 points over the items. An item's share
is the mean of the voters' points on it, i.e. its share of all the room's points; beside the planned
budget it shows where money and the room's priorities disagree.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from workshop.core.clean import whole
from workshop.core.errors import Invalid
from workshop.core.words import plural

SPLIT_TOTAL = 100
MIDPOINT = 3
WIDE_SPREAD = 2  # an interquartile range this wide on an axis: the room does not agree where it sits
GAP_NOTABLE = 10  # percentage points between the room's share and the budget's share worth a sentence


@dataclass(frozen=True)
class Axis:
    name: str  # "Impact"
    low: str  # the words at 1: "little impact"
    high: str  # the words at 5: "great impact"
    question: str  # what the ballot asks: "How much would it move our objectives?"


@dataclass(frozen=True)
class GridPreset:
    key: str
    label: str
    x: Axis
    y: Axis
    # (x side, y side) → name; sides are "low" and "high"
    quadrants: dict
    advice: dict  # quadrant name → what the facilitator might record
    source: str
    kind: str  # the kind of item it is made for


GRID_PRESETS: dict[str, GridPreset] = {
    p.key: p
    for p in (
        GridPreset(
            "impact_effort",
            "Impact × effort",
            x=Axis("Effort", "little effort", "a lot of effort", "How much effort and money would it take?"),
            y=Axis("Impact", "little impact", "great impact", "How much would it move our objectives?"),
            quadrants={
                ("low", "high"): "Quick wins",
                ("high", "high"): "Major projects",
                ("low", "low"): "Fill-ins",
                ("high", "low"): "Thankless tasks",
            },
            advice={
                "Quick wins": "start first",
                "Major projects": "plan and fund deliberately",
                "Fill-ins": "do when there is slack",
                "Thankless tasks": "consider stopping or rethinking",
            },
            source="the action priority matrix (impact against effort)",
            kind="initiative",
        ),
        GridPreset(
            "importance_urgency",
            "Importance × urgency",
            x=Axis("Urgency", "can wait", "cannot wait", "How soon must we act on it?"),
            y=Axis("Importance", "minor", "essential", "How much does it matter to the strategy?"),
            quadrants={("high", "high"): "Do first", ("low", "high"): "Schedule", ("high", "low"): "Delegate", ("low", "low"): "Drop"},
            advice={
                "Do first": "act on it in the first quarter",
                "Schedule": "plan it in, with an owner and a date",
                "Delegate": "hand it to a unit below, not the top scorecard",
                "Drop": "consider leaving it out of the scorecard",
            },
            source="the Eisenhower matrix (importance against urgency)",
            kind="objective",
        ),
        GridPreset(
            "importance_measurability",
            "Importance × measurability",
            x=Axis("Measurability", "hard to measure", "data at hand", "How readily can we get reliable data for it?"),
            y=Axis("Importance", "minor", "essential", "How well does it show progress on its objective?"),
            quadrants={
                ("high", "high"): "Adopt now",
                ("low", "high"): "Build the data",
                ("high", "low"): "Optional extra",
                ("low", "low"): "Leave out",
            },
            advice={
                "Adopt now": "keep it on the scorecard",
                "Build the data": "keep it, with a plan to obtain the data",
                "Optional extra": "report it only if it costs nothing",
                "Leave out": "consider dropping it",
            },
            source="a measure-selection grid (importance against the data's availability)",
            kind="measure",
        ),
    )
}
DEFAULT_GRID = {p.kind: p.key for p in GRID_PRESETS.values()}


def preset(key: str | None) -> GridPreset:
    if key not in GRID_PRESETS:
        raise Invalid("Choose the grid's axes: " + "; ".join(p.label for p in GRID_PRESETS.values()) + ".")
    return GRID_PRESETS[str(key)]


def default_grid(kinds: list[str]) -> str:
    """The preset made for the round's first kind of item (impact × effort otherwise)."""
    return next((DEFAULT_GRID[k] for k in kinds if k in DEFAULT_GRID), "impact_effort")


def _quartiles(values: list[int]) -> tuple[float, float, float]:
    if len(values) == 1:
        return float(values[0]), float(values[0]), float(values[0])
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return float(q1), float(q2), float(q3)


def side(median: float | None) -> str | None:
    if median is None:
        return None
    return "mid" if median == MIDPOINT else "high" if median > MIDPOINT else "low"


def quadrant(grid: GridPreset, x_median: float | None, y_median: float | None) -> str:
    """The quadrant's name where the medians fall; on the line between two, both named."""
    sx, sy = side(x_median), side(y_median)
    if sx is None or sy is None:
        return "No placements"
    if sx == "mid" and sy == "mid":
        return "Centre: no clear quadrant"
    if sx == "mid":
        return f"Between {grid.quadrants[('low', sy)]} and {grid.quadrants[('high', sy)]}"
    if sy == "mid":
        return f"Between {grid.quadrants[(sx, 'low')]} and {grid.quadrants[(sx, 'high')]}"
    return grid.quadrants[(sx, sy)]


def grid_result(grid: GridPreset, placements: list[tuple[int, int]], skipped: int = 0) -> dict:
    """One item's placements (x, y), each 1–5: the room's medians, quartiles and interquartile
    ranges per axis, the quadrant, whether the room is divided, and how many placed it."""
    out: dict = {"votes": len(placements), "skipped": skipped, "quadrant": quadrant(grid, None, None), "divided": False}
    for axis, index in (("x", 0), ("y", 1)):
        values = [p[index] for p in placements]
        if values:
            q1, med, q3 = _quartiles(values)
            out.update({f"{axis}_median": med, f"{axis}_q1": q1, f"{axis}_q3": q3, f"{axis}_iqr": q3 - q1})
        else:
            out.update(dict.fromkeys(f"{axis}_{k}" for k in ("median", "q1", "q3", "iqr")))
    if placements:
        out["quadrant"] = quadrant(grid, out["x_median"], out["y_median"])
        out["divided"] = max(out["x_iqr"], out["y_iqr"]) >= WIDE_SPREAD
    return out


def grid_summary(grid: GridPreset, row: dict) -> str:
    """One line of plain words (kept with a decision, printed in the report)."""
    if not row.get("votes"):
        return "not placed by anyone"
    voters = plural(row["votes"], "voter")
    text = f"{row['quadrant']} ({grid.y.name.lower()} {row['y_median']:g}, {grid.x.name.lower()} {row['x_median']:g} of 5; {voters})"
    if row.get("divided"):
        text += "; the room is divided on where it sits"
    return text


def grid_advice(grid: GridPreset, row: dict) -> str:
    """What the placement suggests the facilitator records (a suggestion, never a verdict)."""
    if row.get("disclosure") == "withheld":  # the small-room rule: too few placed it to suggest anything
        return row.get("note") or ""
    if not row.get("votes"):
        return "Nobody placed it: decide in the room."
    if row.get("divided"):
        return "The room is divided on where it sits: discuss before deciding."
    return grid.advice.get(row["quadrant"], "on the line between two quadrants: the room decides").capitalize() + "."


def grid_key(rows: list[dict], grid_axes: str) -> list[dict]:
    """A grid chart's key: number, label, quadrant, medians and spread in words, voters."""
    grid = preset(grid_axes)
    out = []
    for n, r in enumerate(rows, start=1):
        placed = r.get("x_median") is not None
        spread = placed and r.get("x_q1") is not None  # the small-room rule may keep the middle half
        out.append(
            {
                "number": n,
                "label": r["label"],
                "quadrant": r.get("quadrant") or r.get("note") or "–",
                "votes": r.get("votes"),
                "skipped": r.get("skipped", 0),
                "divided": bool(r.get("divided")),
                "y": (f"{r['y_median']:g} ({r['y_q1']:g}–{r['y_q3']:g})" if spread else f"{r['y_median']:g}") if placed else "–",
                "x": (f"{r['x_median']:g} ({r['x_q1']:g}–{r['x_q3']:g})" if spread else f"{r['x_median']:g}") if placed else "–",
                "spread_note": "" if spread or not placed else r.get("note") or "",
                "advice": grid_advice(grid, r),
            }
        )
    return out


def grid_answer(grid: GridPreset, x: int | None, y: int | None) -> str:
    if x is None or y is None:
        return "Skipped"
    return f"{grid.y.name} {int(y)} · {grid.x.name} {int(x)}"


def split_points(values: dict[int, object], item_ids: list[int]) -> dict[int, int]:
    """A whole 100-point split (item → points; absent or empty is 0), or a refusal that says what
    to do: whole numbers from 0 to 100 adding up to exactly 100."""
    points: dict[int, int] = {}
    for item_id in item_ids:
        raw = values.get(item_id)
        if raw in (None, ""):
            points[item_id] = 0
            continue
        n = whole(raw)  # 33.5 points is not 33, nor true 1
        if n is None or not 0 <= n <= SPLIT_TOTAL:
            raise Invalid("Points are whole numbers from 0 to 100.")
        points[item_id] = n
    total = sum(points.values())
    if total > SPLIT_TOTAL:
        raise Invalid(f"You gave {total} points; you have {SPLIT_TOTAL}. Take {total - SPLIT_TOTAL} back from some items, then send again.")
    if total < SPLIT_TOTAL:
        raise Invalid(
            f"You gave {total} of your {SPLIT_TOTAL} points; give the other {SPLIT_TOTAL - total} "
            "too (all 100 points must be spread), then send again."
        )
    return points


def split_results(points_by_item: dict[int, list[int]], ballots: int, budgets: dict[int, float | None]) -> dict[int, dict]:
    """Per item: its total points, how many gave it any, its share of the room's points (the mean
    of every voter's points on it, %), its planned budget and share of the round's planned budget
    (over the items that have one), and the gap between the two shares in percentage points.
    `ballots` is the number of whole splits (each holds exactly 100 points)."""
    planned = {i: float(b) for i, b in budgets.items() if b is not None}
    budget_total = sum(planned.values())
    out = {}
    for item_id, points in points_by_item.items():
        total = sum(points)
        share = round(total / ballots, 1) if ballots else None
        budget_share = round(100 * planned[item_id] / budget_total, 1) if item_id in planned and budget_total > 0 else None
        gap = round(share - budget_share, 1) if share is not None and budget_share is not None else None
        out[item_id] = {
            "points": total,
            "votes": sum(1 for p in points if p > 0),
            "share": share,
            "budget": budgets.get(item_id),
            "budget_share": budget_share,
            "gap": gap,
        }
    return out


def gap_words(row: dict) -> str:
    """Where money and the room disagree, in words a sponsor reads."""
    gap = row.get("gap")
    if row.get("share") is None:  # no splits yet, or the small-room rule keeps its points private
        return row.get("note") or "no points yet"
    if row.get("budget") is None:
        return "no budget planned"
    if gap is None:
        return "—"
    if gap >= GAP_NOTABLE:
        return f"the room wants more: {gap:g} points above its budget share"
    if gap <= -GAP_NOTABLE:
        return f"the room wants less: {-gap:g} points below its budget share"
    return "in line with the budget"


def gap_sentence(row: dict) -> str:
    """`gap_words` as a sentence under an item's figures (the rule's own note when it is withheld)."""
    words = gap_words(row)
    return words if row.get("share") is None and row.get("note") else words[0].upper() + words[1:] + "."


def split_summary(row: dict) -> str:
    """One line of plain words (kept with a decision, printed in the report)."""
    if row.get("share") is None:  # no splits yet, or the small-room rule keeps its points private
        return row.get("note") or "no points yet"
    voters = "" if row.get("votes") is None else f" from {plural(row['votes'], 'voter')}"
    text = f"{row['share']:g}% of the room's points ({plural(row['points'], 'point')}{voters}), place {row.get('standing', '?')}"
    if row.get("budget_share") is not None:
        text += f"; {row['budget_share']:g}% of the planned budget: {gap_words(row)}"
    return text
