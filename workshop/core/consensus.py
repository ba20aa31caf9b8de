"""The consensus maths: what a round's ballots say about each item. Pure functions, no database.

Positive and negative, per method:
- rating 1–5: 4–5 positive, 1–2 negative, 3 neutral; "skip" is not counted at all;
- gradients of agreement: endorse and agree-with-reservations positive; need-more-discussion,
  disagree-but-will-support and block negative; abstain is not counted in the percentages;
- dots and ranking rank the items against each other and give no verdict.
% positive and % negative are shares of the counted votes. A single block sends the item back to
discussion whatever the percentages say.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

GRADIENTS = ("endorse", "reservations", "abstain", "more_discussion", "disagree_but_support", "block")
GRADIENT_LABELS = {
    "endorse": "Endorse",
    "reservations": "Agree with reservations",
    "abstain": "Abstain",
    "more_discussion": "Need more discussion",
    "disagree_but_support": "Disagree, but will support",
    "block": "Block",
}
POSITIVE_GRADIENTS = ("endorse", "reservations")
NEGATIVE_GRADIENTS = ("more_discussion", "disagree_but_support", "block")

CONSENSUS, REDISCUSS, DROP, DISCUSS, NO_VOTES = "consensus", "re-discuss", "drop", "discuss", "no votes"


@dataclass(frozen=True)
class Thresholds:
    """A workshop's rules: consensus at ≥ `consensus_positive`% positive and ≤ `consensus_negative`%
    negative; re-discuss from `rediscuss_positive`%; below that, drop; any block means discuss."""
    consensus_positive: int = 75
    consensus_negative: int = 15
    rediscuss_positive: int = 50


@dataclass(frozen=True)
class ItemResult:
    votes: int                 # ballots counted in the percentages
    skipped: int = 0           # skips (rating) and abstentions (gradients)
    positive: int = 0
    negative: int = 0
    blocks: int = 0
    pct_positive: float | None = None
    pct_negative: float | None = None
    median: float | None = None
    iqr: float | None = None
    counts: dict = field(default_factory=dict)  # value → number of ballots
    points: int = 0            # dots, or Borda points
    verdict: str | None = None


def median_iqr(values: list[int]) -> tuple[float | None, float | None]:
    """Median and interquartile range (inclusive quartiles); one value has an IQR of 0."""
    if not values:
        return None, None
    if len(values) == 1:
        return float(values[0]), 0.0
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return float(statistics.median(values)), float(q3 - q1)


def verdict(pct_positive: float | None, pct_negative: float | None, blocks: int,
            thresholds: Thresholds = Thresholds()) -> str:
    if blocks:
        return DISCUSS
    if pct_positive is None:
        return NO_VOTES
    if pct_positive >= thresholds.consensus_positive and pct_negative <= thresholds.consensus_negative:
        return CONSENSUS
    if pct_positive >= thresholds.rediscuss_positive:
        return REDISCUSS
    return DROP


def _shares(positive: int, negative: int, votes: int) -> tuple[float | None, float | None]:
    if votes == 0:
        return None, None
    return round(100 * positive / votes, 1), round(100 * negative / votes, 1)


def rating_result(ratings: list[int | None], thresholds: Thresholds = Thresholds()) -> ItemResult:
    """`ratings` holds 1–5, or None for a skip."""
    given = [r for r in ratings if r is not None]
    positive = sum(1 for r in given if r >= 4)
    negative = sum(1 for r in given if r <= 2)
    pct_pos, pct_neg = _shares(positive, negative, len(given))
    median, iqr = median_iqr(given)
    counts = {value: given.count(value) for value in range(1, 6)}
    return ItemResult(votes=len(given), skipped=len(ratings) - len(given), positive=positive,
                      negative=negative, pct_positive=pct_pos, pct_negative=pct_neg, median=median,
                      iqr=iqr, counts=counts, verdict=verdict(pct_pos, pct_neg, 0, thresholds))


def gradient_result(gradients: list[str], thresholds: Thresholds = Thresholds()) -> ItemResult:
    unknown = set(gradients) - set(GRADIENTS)
    if unknown:
        raise ValueError(f"unknown gradients: {sorted(unknown)}")
    counted = [g for g in gradients if g != "abstain"]
    positive = sum(1 for g in counted if g in POSITIVE_GRADIENTS)
    negative = sum(1 for g in counted if g in NEGATIVE_GRADIENTS)
    blocks = gradients.count("block")
    pct_pos, pct_neg = _shares(positive, negative, len(counted))
    # the median of the gradient's position (1 = endorse … 6 = block) shows where the room sits
    median, iqr = median_iqr([GRADIENTS.index(g) + 1 for g in counted])
    counts = {g: gradients.count(g) for g in GRADIENTS}
    return ItemResult(votes=len(counted), skipped=len(gradients) - len(counted), positive=positive,
                      negative=negative, blocks=blocks, pct_positive=pct_pos, pct_negative=pct_neg,
                      median=median, iqr=iqr, counts=counts,
                      verdict=verdict(pct_pos, pct_neg, blocks, thresholds))


def dots_result(dots: list[int]) -> ItemResult:
    """`dots` holds each voter's dots on the item."""
    return ItemResult(votes=len(dots), points=sum(dots),
                      counts={n: dots.count(n) for n in sorted(set(dots))})


def borda(rankings: list[dict[int, int]], items: list[int]) -> dict[int, int]:
    """Borda points over one group of `items`: in each voter's ranking (item → rank, 1 = best) an
    item at rank r earns n − r + 1 points, n being the number of items; unranked items earn 0."""
    n = len(items)
    points = dict.fromkeys(items, 0)
    for ranking in rankings:
        for item, rank in ranking.items():
            if item in points and 1 <= rank <= n:
                points[item] += n - rank + 1
    return points


def ranking_result(ranks: list[int], points: int) -> ItemResult:
    median, iqr = median_iqr(ranks)
    return ItemResult(votes=len(ranks), points=points, median=median, iqr=iqr,
                      counts={r: ranks.count(r) for r in sorted(set(ranks))})


def standings(points: dict[int, int]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) of items by points, so ties share a place."""
    ordered = sorted(points.values(), reverse=True)
    return {item: ordered.index(p) + 1 for item, p in points.items()}
