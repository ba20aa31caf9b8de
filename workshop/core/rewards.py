"""The reward link: an incentive scheme weights objectives or measures (the weights add up to 100 %),
and each period gets a scorecard score — the weighted achievement of the measures, each capped.

A measure's achievement in a period is how much of its plan it reached: actual ÷ plan when higher is
better, plan ÷ actual when lower is better, 100 % inside a range (and falling with the distance
outside it), 100 % for a rating at or above its level (50 % one level below, 0 further), 100 % for a
milestone done or on track (50 % at risk, 0 late). Each is capped (120 % by default) and never below
0. An objective's weight is shared equally by its measures that have a figure in the period; weights
of items without one are left out and the rest scaled up, and the score says how much weight it covers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workshop.core.targets import Target, judge

TOTAL = 100.0
TOLERANCE = 0.01


def check_weights(weights: Sequence[float]) -> str | None:
    """Words for what is wrong with a scheme's weights, or None when they add up to 100 %."""
    if not weights:
        return "A scheme needs at least one weight."
    if any(w <= 0 for w in weights):
        return "Every weight must be above 0 %."
    total = sum(weights)
    if abs(total - TOTAL) > TOLERANCE:
        return f"The weights add up to {total:g} %, not 100 %; {'remove' if total > TOTAL else 'add'} {abs(total - TOTAL):g} %."
    return None


def achievement(target: Target, planned: float | None, actual: float | None, text: str = "", *, cap: float = 1.2) -> float | None:
    """The share of the plan reached in a period (see the module's docstring); None without a figure."""
    kind = target.type
    if kind in ("rating", "milestone"):
        status = judge(target, None, text)
        return {"on target": 1.0, "watch": 0.5, "off target": 0.0}.get(status)
    if actual is None:
        return None
    if kind == "range" and target.low is not None and target.high is not None:
        if target.low <= actual <= target.high:
            return 1.0
        edge = target.low if actual < target.low else target.high
        return _bounded(1 - abs(actual - edge) / max(abs(edge), 1e-12), cap)
    aim = planned if planned is not None else target.value
    if aim is None or kind not in ("at_least", "at_most", "exactly"):
        return None
    if kind == "exactly":
        return _bounded(1 - abs(actual - aim) / max(abs(aim), 1e-12), cap)
    if kind == "at_most":
        if actual <= 0:
            return cap if aim >= 0 else 0.0
        return _bounded(aim / actual, cap)
    if aim <= 0:
        return cap if actual >= aim else 0.0
    return _bounded(actual / aim, cap)


def _bounded(value: float, cap: float) -> float:
    return max(0.0, min(cap, value))


@dataclass(frozen=True)
class Score:
    score: float | None  # weighted achievement, 0 … cap
    covered: float  # the share of the scheme's weight with a figure this period, 0 … 1
    parts: tuple[tuple[int, float, float], ...]  # (measure id, weight used, achievement)


def score(measure_weights: Mapping[int, float], achievements: Mapping[int, float | None]) -> Score:
    """The scheme's score for a period: `measure_weights` already spread from objectives to measures."""
    used = [(mid, w, achievements.get(mid)) for mid, w in measure_weights.items()]
    counted = [(mid, w, a) for mid, w, a in used if a is not None]
    total = sum(w for _, w, _ in used)
    have = sum(w for _, w, _ in counted)
    if not counted or have <= 0:
        return Score(None, 0.0, ())
    value = sum(w * a for _, w, a in counted) / have
    return Score(value, have / total if total else 0.0, tuple((mid, w, a) for mid, w, a in counted))


def spread(
    objective_weights: Mapping[int, float], measure_weights: Mapping[int, float], measures_of: Mapping[int, Sequence[int]]
) -> dict[int, float]:
    """Each measure's weight: its own, plus an equal share of its objective's."""
    found = dict(measure_weights)
    for objective_id, weight in objective_weights.items():
        ids = list(measures_of.get(objective_id, ()))
        for mid in ids:
            found[mid] = found.get(mid, 0.0) + weight / len(ids)
    return found
