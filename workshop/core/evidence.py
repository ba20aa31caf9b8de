"""The map's hypotheses tested with the numbers: for a causal link with a measure at each end, the
correlation of the cause's measure with the effect's measure when the effect is read 0, 1 or 2
periods later, with the number of periods behind each figure.

Both series are turned so that "up" means "better" (a measure where lower is better is negated), so a
positive correlation says the effect improved when the cause did. A measure reported more often than
the other is brought to the other's periods first (its periods' values added up for an amount over
the period, the last one kept for a level). Below six pairs of periods nothing is claimed: "too few
periods to tell". A correlation is a prompt for the room's judgement, never a proof: the room votes
on each link (holds / does not hold / too early to tell) with this evidence beside it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from workshop.core.periods import Period, period_of

MIN_PERIODS = 6
LAGS = (0, 1, 2)
STRONG = 0.5  # |r| from here is a clear relation
AGAINST = -0.3  # r at or below this: the effect moved against the cause
LAG_WORDS = {0: "in the same period", 1: "one period later", 2: "two periods later"}
FINER = {"weekly": 0, "monthly": 1, "quarterly": 2, "annually": 3}


@dataclass(frozen=True)
class LagResult:
    lag: int
    r: float | None  # None when one of the series never moved over the pairs
    n: int  # pairs of periods behind r


@dataclass(frozen=True)
class Evidence:
    results: tuple[LagResult, ...]
    frequency: str  # the periods the two were compared in
    cause_trend: float | None = None  # slope of the cause (better per period), over its periods
    effect_trend: float | None = None

    @property
    def enough(self) -> bool:
        return any(r.n >= MIN_PERIODS and r.r is not None for r in self.results)

    @property
    def best(self) -> LagResult | None:
        """The lag with the strongest relation among those with enough periods."""
        usable = [r for r in self.results if r.n >= MIN_PERIODS and r.r is not None]
        return max(usable, key=lambda r: (abs(r.r or 0.0), -r.lag), default=None)

    @property
    def verdict(self) -> str:
        """supports / contradicts / unclear / too few periods."""
        best = self.best
        if best is None or best.r is None:
            return "too few periods"
        if best.r >= STRONG:
            return "supports"
        if best.r <= AGAINST:
            return "contradicts"
        return "unclear"

    @property
    def pattern(self) -> str:
        """What the two did over the periods, even with too few periods for a correlation."""
        cause, effect = _moved(self.cause_trend), _moved(self.effect_trend)
        if cause == "improved" and effect != "improved":
            return f"the cause improved, the effect {effect}"
        if cause == "" or effect == "":
            return ""
        return f"the cause {cause}, the effect {effect}"

    def words(self, periods_word: str = "periods") -> str:
        """One sentence for the map, the review page and the pack."""
        best = self.best
        most = max((r.n for r in self.results), default=0)
        if best is None or best.r is None:
            return f"Too few periods to tell: {most} of the {MIN_PERIODS} needed."
        read = {
            "supports": f"The effect follows the cause {LAG_WORDS[best.lag]}",
            "contradicts": f"The effect moves against the cause {LAG_WORDS[best.lag]}",
            "unclear": "No clear relation at a lag of up to two periods",
        }[self.verdict]
        return f"{read} (r = {best.r:.2f} over {best.n} {periods_word})."


def _moved(slope: float | None) -> str:
    if slope is None:
        return ""
    return "improved" if slope > 0 else "worsened" if slope < 0 else "did not move"


def oriented(values: Sequence[tuple[Period, float | None]], lower_is_better: bool) -> list[tuple[Period, float]]:
    """The series with "up" meaning "better", periods without a value left out."""
    sign = -1.0 if lower_is_better else 1.0
    return [(p, sign * v) for p, v in values if v is not None]


def coarsen(values: Sequence[tuple[Period, float]], frequency: str, *, adds_up: bool) -> list[tuple[Period, float]]:
    """Values brought to coarser periods: added up (amounts over the period) or the last one kept (levels)."""
    grouped: dict[Period, list[float]] = {}
    for period, value in sorted(values):
        grouped.setdefault(period_of(period.starts, frequency, period.year_start_month), []).append(value)
    return [(p, sum(v) if adds_up else v[-1]) for p, v in sorted(grouped.items())]


def _slope(values: Sequence[float]) -> float | None:
    if len(values) < 2:
        return None
    xs = range(len(values))
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(values)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, values, strict=True)) / spread
    scale = max(abs(mean_y), 1e-12)
    return 0.0 if abs(slope) / scale < 1e-3 else slope


def _r(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    if len(xs) < 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    return statistics.correlation(xs, ys)


def _later(period: Period, lag: int) -> Period:
    for _ in range(lag):
        period = period_of(period.ends + dt.timedelta(days=1), period.frequency, period.year_start_month)
    return period


def weigh_link(
    cause: Sequence[tuple[Period, float]],
    effect: Sequence[tuple[Period, float]],
    *,
    cause_adds_up: bool = False,
    effect_adds_up: bool = False,
) -> Evidence:
    """The evidence on one link from the two oriented series (see `oriented`): at each lag, the
    cause's value in a period paired with the effect's value `lag` periods later."""
    if not cause or not effect:
        return Evidence(tuple(LagResult(lag, None, 0) for lag in LAGS), "")
    frequency = max(cause[0][0].frequency, effect[0][0].frequency, key=lambda f: FINER.get(f, 0))
    if cause[0][0].frequency != frequency:
        cause = coarsen(cause, frequency, adds_up=cause_adds_up)
    if effect[0][0].frequency != frequency:
        effect = coarsen(effect, frequency, adds_up=effect_adds_up)
    effect_at = {p.starts: v for p, v in effect}
    results = []
    for lag in LAGS:
        pairs = [(v, effect_at[later.starts]) for p, v in cause if (later := _later(p, lag)).starts in effect_at]
        results.append(LagResult(lag, _r([c for c, _ in pairs], [e for _, e in pairs]), len(pairs)))
    return Evidence(tuple(results), frequency, _slope([v for _, v in cause]), _slope([v for _, v in effect]))
