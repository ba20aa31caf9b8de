"""The consensus maths: what a round's ballots say about each item. Pure functions, no database.

Here are the verdict and its thresholds, the shares, median and spread of a scale of answers
(`answers_result`), Borda points and standings, and the gradients' and ratings' answers named in
plain words (internal names such as `more_discussion` never reach a reader). Each voting method
(core/methods/) puts these together for its own ballots.

Gradients of agreement follow Sam Kaner et al., *Facilitator's Guide to Participatory
Decision-Making* (Community at Work), its eight-point scale, read as the method means it:
- support (a vote to go ahead): whole-hearted endorsement; agreement with a minor point of
  contention; support with reservations; "don't like it, but will support it" (the person will
  not obstruct);
- neutral, not a vote against: abstain (stands aside: shown, not counted in the shares) and "more
  discussion needed" (the item is not ready, which is not the same as wrong);
- concern (opposition): serious disagreement, and a block (veto), which stops the item until the
  room has discussed it.
Ratings 1–5: 4–5 support, 3 neutral, 1–2 concern; a skip is not counted at all.
For both, an item short of support is dropped only when concern outweighs the neutral answers;
a lukewarm or undecided room re-discusses it.
% positive (support) and % negative (concern) are shares of the counted answers. Dots and ranking
rank the items against each other and give no verdict.

**An item splits the room** (`splits_the_room`) when its counted answers cluster at both ends: at
least a quarter of them support and at least a quarter concern, each end held by at least two
people, and fewer answers in the middle (neutral) than at either end. A low average is not a split:
a room of "neutral" or of lukewarm support has one cluster, not two. The flag sits beside the verdict
(a split room may still reach "re-discuss" or even "consensus" by the thresholds) so that a
facilitator talks to both camps instead of averaging them away. Two people at each end keep the flag
within the small-room rule (core/disclosure.py): it only says what the shown counts already say.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from workshop.i18n import ENGLISH, N_, Translator

SCALE_SOURCE = "Sam Kaner et al., Facilitator's Guide to Participatory Decision-Making (Community at Work): the Gradients of Agreement scale"

# Kaner's order, from whole-hearted endorsement to a veto (the order a ballot offers them in).
GRADIENTS = ("endorse", "minor_point", "reservations", "abstain", "more_discussion", "disagree_but_support", "serious_disagreement", "block")
GRADIENT_LABELS = {
    "endorse": N_("Whole-hearted endorsement"),
    "minor_point": N_("Agree, with a minor point of contention"),
    "reservations": N_("Support, with reservations"),
    "abstain": N_("Abstain"),
    "more_discussion": N_("More discussion needed"),
    "disagree_but_support": N_("Don't like it, but will support it"),
    "serious_disagreement": N_("Serious disagreement"),
    "block": N_("Block (veto)"),
}
GRADIENT_SHORT_LABELS = {  # for chart legends and narrow screens
    "endorse": N_("Endorse"),
    "minor_point": N_("Minor point"),
    "reservations": N_("Reservations"),
    "abstain": N_("Abstain"),
    "more_discussion": N_("More discussion"),
    "disagree_but_support": N_("Don't like, will support"),
    "serious_disagreement": N_("Serious disagreement"),
    "block": N_("Block"),
}

SUPPORT, NEUTRAL, CONCERN = "support", "neutral", "concern"
GROUP_LABELS = {SUPPORT: N_("Support"), NEUTRAL: N_("Neutral or not ready"), CONCERN: N_("Concern")}
GRADIENT_GROUPS = {
    "endorse": SUPPORT,
    "minor_point": SUPPORT,
    "reservations": SUPPORT,
    "disagree_but_support": SUPPORT,
    "abstain": NEUTRAL,
    "more_discussion": NEUTRAL,
    "serious_disagreement": CONCERN,
    "block": CONCERN,
}
POSITIVE_GRADIENTS = tuple(g for g in GRADIENTS if GRADIENT_GROUPS[g] == SUPPORT)
NEUTRAL_GRADIENTS = tuple(g for g in GRADIENTS if GRADIENT_GROUPS[g] == NEUTRAL)
NEGATIVE_GRADIENTS = tuple(g for g in GRADIENTS if GRADIENT_GROUPS[g] == CONCERN)
NOT_COUNTED_GRADIENTS = ("abstain",)
# From most concern to most support: the order of a chart (support to the right) and of the median.
GRADIENT_SUPPORT_ORDER = (
    "block",
    "serious_disagreement",
    "more_discussion",
    "abstain",
    "disagree_but_support",
    "reservations",
    "minor_point",
    "endorse",
)
_GRADIENT_POSITION = {g: n for n, g in enumerate([g for g in GRADIENT_SUPPORT_ORDER if g not in NOT_COUNTED_GRADIENTS], start=1)}

GRADIENTS_EXPLAINED = (
    f"Gradients of agreement ({SCALE_SOURCE}). "
    "Support — a vote to go ahead: whole-hearted endorsement; agree with a minor point of contention; "
    "support with reservations; don't like it, but will support it (the person will not stand in the way). "
    "Neutral, not a vote against: abstain (shown, but left out of the shares) and more discussion needed "
    "(the item is not ready, which is not the same as wrong; an item the room mostly wants to discuss is "
    "re-discussed, never dropped). "
    "Concern: serious disagreement and a block (veto); a single block stops the item until the room has "
    "discussed it. The full spread of answers is the result; the verdict applies the workshop's thresholds "
    "to the share of support and of concern."
)

RATING_LABELS = {
    "agreement": {1: N_("1 · strongly disagree"), 2: N_("2 · disagree"), 3: N_("3 · neither"), 4: N_("4 · agree"), 5: N_("5 · strongly agree")},
    "importance": {1: N_("1 · not important"), 2: N_("2 · minor"), 3: N_("3 · moderate"), 4: N_("4 · important"), 5: N_("5 · essential")},
    "confidence": {1: N_("1 · not at all confident"), 2: N_("2 · doubtful"), 3: N_("3 · unsure"), 4: N_("4 · confident"), 5: N_("5 · certain")},
}
RATING_GROUPS = {1: CONCERN, 2: CONCERN, 3: NEUTRAL, 4: SUPPORT, 5: SUPPORT}

CONSENSUS, REDISCUSS, DROP, DISCUSS, NO_VOTES = "consensus", "re-discuss", "drop", "discuss", "no votes"
# A hypothesis vote's verdicts on a causal link (core/methods/hypothesis.py), as a review records them
HOLDS, DOES_NOT_HOLD, TOO_EARLY = "holds", "does not hold", "too early to tell"
VERDICT_LABELS = {
    CONSENSUS: N_("Consensus"),
    REDISCUSS: N_("Re-discuss"),
    DROP: N_("Drop"),
    DISCUSS: N_("Blocked: discuss"),
    NO_VOTES: N_("No votes"),
    HOLDS: N_("Holds"),
    DOES_NOT_HOLD: N_("Does not hold"),
    TOO_EARLY: N_("Too early to tell"),
}
# The decision a verdict suggests; re-discuss, a block or no votes leave the choice to the facilitator.
SUGGESTED_DECISIONS = {CONSENSUS: "agreed", DROP: "dropped"}


def gradient_label(value: str, short: bool = False, tr: Translator = ENGLISH) -> str:
    """A gradient in plain words; an unknown value is a programming error."""
    return tr.gettext((GRADIENT_SHORT_LABELS if short else GRADIENT_LABELS)[value])


def verdict_label(value: str | None, tr: Translator = ENGLISH) -> str:
    label = VERDICT_LABELS.get(value or "")
    return tr.gettext(label) if label else "—"


def group_label(group: str, tr: Translator = ENGLISH) -> str:
    """ "Support", "Neutral or not ready", "Concern" in the viewer's language."""
    return tr.gettext(GROUP_LABELS[group])


def rating_label(scale: str, n: int, tr: Translator = ENGLISH) -> str:
    """ "4 · agree" on a scale (agreement when the scale is unknown)."""
    return tr.gettext(RATING_LABELS.get(scale, RATING_LABELS["agreement"])[n])


SPLIT_SHARE = 25  # % of the counted answers at each end, at least
SPLIT_PEOPLE = 2  # people at each end, at least (never one person's answer: core/disclosure.py)
SPLIT_RULE_TEXT = N_(
    "Splits the room: at least {share}% of the answers (and {people} people) in support and as many in concern, "
    "with fewer in the middle than at either end."
)
SPLIT_RULE = SPLIT_RULE_TEXT.format(share=SPLIT_SHARE, people=SPLIT_PEOPLE)


def split_rule(tr: Translator = ENGLISH) -> str:
    return tr.gettext(SPLIT_RULE_TEXT).format(share=SPLIT_SHARE, people=SPLIT_PEOPLE)


def splits_the_room(positive: int, neutral: int, negative: int) -> bool:
    """Whether the answers cluster at both ends (see the module's docstring for the rule and why)."""
    counted = positive + neutral + negative
    if counted == 0 or min(positive, negative) < SPLIT_PEOPLE:
        return False
    both_ends = 100 * positive >= SPLIT_SHARE * counted and 100 * negative >= SPLIT_SHARE * counted
    return both_ends and neutral < min(positive, negative)


@dataclass(frozen=True)
class Thresholds:
    """A workshop's rules: consensus at ≥ `consensus_positive`% support and ≤ `consensus_negative`%
    concern; re-discuss from `rediscuss_positive`%; below that, drop; any block means discuss."""

    consensus_positive: int = 75
    consensus_negative: int = 15
    rediscuss_positive: int = 50


@dataclass(frozen=True)
class ItemResult:
    votes: int  # answers counted in the percentages
    skipped: int = 0  # skips (rating) and abstentions (gradients)
    positive: int = 0  # support
    negative: int = 0  # concern
    blocks: int = 0
    pct_positive: float | None = None
    pct_negative: float | None = None
    median: float | None = None  # gradients: 1 = block … 7 = whole-hearted endorsement (support is higher)
    iqr: float | None = None
    counts: dict = field(default_factory=dict)  # value → number of ballots
    points: int = 0  # dots, or Borda points
    verdict: str | None = None
    neutral: int = 0  # counted, neither support nor concern (rating 3, more discussion needed)
    pct_neutral: float | None = None
    split: bool = False  # the answers cluster at both ends (`splits_the_room`)


def median_iqr(values: list[int]) -> tuple[float | None, float | None]:
    """Median and interquartile range (inclusive quartiles); one value has an IQR of 0."""
    if not values:
        return None, None
    if len(values) == 1:
        return float(values[0]), 0.0
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return float(statistics.median(values)), float(q3 - q1)


def verdict(
    pct_positive: float | None, pct_negative: float | None, blocks: int, thresholds: Thresholds = Thresholds(), *, mostly_not_ready: bool = False
) -> str:
    """The room's verdict on one item. `mostly_not_ready`: more "more discussion needed" than concern,
    so an item short of support is re-discussed rather than dropped."""
    if blocks:
        return DISCUSS
    if pct_positive is None:
        return NO_VOTES
    if pct_positive >= thresholds.consensus_positive and (pct_negative or 0) <= thresholds.consensus_negative:
        return CONSENSUS
    if pct_positive >= thresholds.rediscuss_positive or mostly_not_ready:
        return REDISCUSS
    return DROP


def _share(part: int, votes: int) -> float | None:
    return None if votes == 0 else round(100 * part / votes, 1)


def answers_result(
    answers: list,
    groups: dict,
    thresholds: Thresholds = Thresholds(),
    *,
    values: tuple,
    not_counted: tuple = (),
    block: object = None,
    position: dict | None = None,
) -> ItemResult:
    """One item's result on a scale of answers. `answers` holds each voter's answer (None for a
    skip); `groups` says what each answer counts as (support, neutral or concern); `values` are the
    scale's answers, for the counts; an answer in `not_counted` (an abstention) is shown but left out
    of the shares, like a skip; each `block` is counted apart; the median runs on `position` (an
    answer's place from most concern to most support) or on the answers themselves."""
    counted = [a for a in answers if a is not None and a not in not_counted]
    positive = sum(1 for a in counted if groups[a] == SUPPORT)
    negative = sum(1 for a in counted if groups[a] == CONCERN)
    neutral = len(counted) - positive - negative
    blocks = 0 if block is None else answers.count(block)
    pct_pos, pct_neg = _share(positive, len(counted)), _share(negative, len(counted))
    median, iqr = median_iqr([position[a] for a in counted] if position else counted)
    return ItemResult(
        votes=len(counted),
        skipped=len(answers) - len(counted),
        positive=positive,
        negative=negative,
        neutral=neutral,
        blocks=blocks,
        pct_positive=pct_pos,
        pct_negative=pct_neg,
        pct_neutral=_share(neutral, len(counted)),
        median=median,
        iqr=iqr,
        counts={value: answers.count(value) for value in values},
        verdict=verdict(pct_pos, pct_neg, blocks, thresholds, mostly_not_ready=neutral > negative),
        split=splits_the_room(positive, neutral, negative),
    )


def rating_result(ratings: list[int | None], thresholds: Thresholds = Thresholds()) -> ItemResult:
    """`ratings` holds 1–5, or None for a skip."""
    return answers_result(ratings, RATING_GROUPS, thresholds, values=tuple(range(1, 6)))


def gradient_result(gradients: list[str], thresholds: Thresholds = Thresholds()) -> ItemResult:
    """Support, neutral and concern as Kaner's scale means them (see the module's docstring)."""
    unknown = set(gradients) - set(GRADIENTS)
    if unknown:
        raise ValueError(f"unknown gradients: {sorted(unknown)}")
    return answers_result(
        gradients, GRADIENT_GROUPS, thresholds, values=GRADIENTS, not_counted=NOT_COUNTED_GRADIENTS, block="block", position=_GRADIENT_POSITION
    )


def gradient_at(position: float | None) -> str:
    """The gradient a (median) position stands for, in plain words ("—" for none)."""
    if position is None:
        return "—"
    by_position = {n: g for g, n in _GRADIENT_POSITION.items()}
    return GRADIENT_LABELS[by_position[min(max(round(position), 1), len(by_position))]]


def dots_result(dots: list[int]) -> ItemResult:
    """`dots` holds each voter's dots on the item."""
    return ItemResult(votes=len(dots), points=sum(dots), counts={n: dots.count(n) for n in sorted(set(dots))})


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
    return ItemResult(votes=len(ranks), points=points, median=median, iqr=iqr, counts={r: ranks.count(r) for r in sorted(set(ranks))})


def standings(points: dict[int, int]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) of items by points, so ties share a place."""
    ordered = sorted(points.values(), reverse=True)
    return {item: ordered.index(p) + 1 for item, p in points.items()}
