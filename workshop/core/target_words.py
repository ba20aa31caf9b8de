"""A measure's target, its thresholds and its unstated fields in the words every output prints:
the app, the report, the deck and the exports all take them from here, so a cap reads "< 2 %"
everywhere and a lead/lag or frequency nobody stated reads "not stated", never a default.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.core.model import Measure
from workshop.core.targets import DEFAULT_WATCH, NUMERIC_TYPES, SCALE_SEPARATOR, Target, target_text

NOT_STATED = "not stated"
NO_TARGET = "no target yet"


def stated(value: str | None) -> str:
    """A choice as printed: the value, or "not stated" when nobody gave one (lead/lag, frequency)."""
    return value or NOT_STATED


def target_words(m: Measure, *, dates: bool = True, none: str = NO_TARGET, compact: bool = False) -> str:
    """The measure's target as meant: "< 2 %", "≥ 24 %", "98–100 %", "AAA", "Successful
    implementation by 2027-06-30", "to be decided"; `none` when no target is set. With `compact`,
    figures from a million on are written short (≥ €175m), for places where space is short."""
    goal = m.goal
    if goal.type in NUMERIC_TYPES and not _complete(goal):
        return none
    return target_text(goal, m.unit, dates=dates, compact=compact) or none


def has_target(m: Measure) -> bool:
    """A target a value can be judged against: a figure, a range, a rating or a milestone (not TBD)."""
    return m.goal.is_stated and _complete(m.goal)


def _complete(goal: Target) -> bool:
    if goal.type in ("at_least", "at_most", "exactly"):
        return goal.value is not None
    if goal.type == "range":
        return goal.low is not None and goal.high is not None
    if goal.type in ("rating", "milestone"):
        return bool(goal.level)
    return False


@dataclass(frozen=True)
class Band:
    status: str  # on target / watch / off target
    colour: str  # green / amber / red
    text: str


def bands(m: Measure, *, compact: bool = False) -> list[Band]:
    """When the measure is on target, on watch and off target, in the measure's unit, by the rules
    `targets.judge` applies; [] when no target can be judged. Without thresholds the 10 % rule shows."""
    goal = m.goal
    if not has_target(m):
        return []
    if goal.type == "rating":
        return _rating_bands(goal)
    if goal.type == "milestone":
        return [
            Band("on target", "green", "done or on track"),
            Band("watch", "amber", "at risk or not started"),
            Band("off target", "red", "late or overdue"),  # the due date stands beside the target
        ]
    if goal.type == "range":
        return _range_bands(goal, m, compact)
    if goal.type == "exactly":
        return _exact_bands(goal, m, compact)
    return _bound_bands(goal, m, compact)


def bands_text(m: Measure) -> str:
    """The bands on one line: "on target ≥ 5.5 % · watch 4–5.5 % · off target < 4 %"; "" if none."""
    return " · ".join(f"{b.status} {b.text}" for b in bands(m))


def _fig(number: float | None, unit: str, compact: bool = False) -> str:
    return target_text(Target(type="exactly", value=number), unit, compact=compact).removeprefix("= ")


def _rating_bands(goal: Target) -> list[Band]:
    levels = list(goal.scale)
    at = next((n for n, s in enumerate(levels) if s.casefold() == goal.level.casefold()), None)
    if at is None:
        return []
    out = [Band("on target", "green", f"{goal.level} or better" if at else goal.level)]
    if at + 1 < len(levels):
        out.append(Band("watch", "amber", levels[at + 1]))
    if at + 2 < len(levels):
        below = levels[at + 2 :]
        out.append(Band("off target", "red", below[0] if len(below) == 1 else f"{below[0]} or below"))
    return out


def _range_bands(goal: Target, m: Measure, compact: bool = False) -> list[Band]:
    assert goal.low is not None and goal.high is not None
    margin = abs(goal.high) * DEFAULT_WATCH if m.red is None else abs(m.red)
    below = Target(type="range", low=goal.low - margin, high=goal.low)
    above = Target(type="range", low=goal.high, high=goal.high + margin)
    return [
        Band("on target", "green", target_text(goal, m.unit, compact=compact)),
        Band("watch", "amber", f"{target_text(below, m.unit, compact=compact)} or {target_text(above, m.unit, compact=compact)}"),
        Band("off target", "red", f"< {_fig(goal.low - margin, m.unit, compact)} or > {_fig(goal.high + margin, m.unit, compact)}"),
    ]


def _exact_bands(goal: Target, m: Measure, compact: bool = False) -> list[Band]:
    assert goal.value is not None
    green = abs(m.green - goal.value) if m.green is not None else 0.0
    red = abs(m.red - goal.value) if m.red is not None else abs(goal.value) * DEFAULT_WATCH
    within = f"within ± {_fig(green, m.unit, compact)} of {_fig(goal.value, m.unit, compact)}"
    on = target_text(goal, m.unit, compact=compact) if not green else within
    return [
        Band("on target", "green", on),
        Band("watch", "amber", f"within ± {_fig(max(red, green), m.unit)}"),
        Band("off target", "red", f"more than ± {_fig(max(red, green), m.unit)} away"),
    ]


def _bound_bands(goal: Target, m: Measure, compact: bool = False) -> list[Band]:
    """At least / at most: from the thresholds when set, else from the target and the 10 % rule."""
    assert goal.value is not None
    up = goal.type == "at_least"
    green = goal.value if m.green is None else m.green
    strict = goal.strict and m.green is None
    red = green - (1 if up else -1) * abs(green) * DEFAULT_WATCH if m.red is None else m.red
    on = Target(type=goal.type, value=green, strict=strict)
    off = Target(type="at_most" if up else "at_least", value=red, strict=True)
    low, high = (red, green) if up else (green, red)
    out = [Band("on target", "green", target_text(on, m.unit, compact=compact))]
    if low != high:
        out.append(Band("watch", "amber", target_text(Target(type="range", low=low, high=high), m.unit, compact=compact)))
    out.append(Band("off target", "red", target_text(off, m.unit, compact=compact)))
    return out


def scale_words(m: Measure) -> str:
    """A rating's scale, best first ("AAA > AA > A"); "" for other targets."""
    return SCALE_SEPARATOR.join(m.goal.scale) if m.goal.type == "rating" else ""
