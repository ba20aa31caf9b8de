"""What a review meeting reads: each causal link's evidence from the measures at its two ends, and an
objective's status rolled up from its measures' statuses in a period.

The roll-up rule, stated wherever a map is coloured by status: an objective is off target when any of
its measures is, else watch when any is, else on target when at least one is; "no data" when none of
its measures has a figure for the period.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.core.evidence import Evidence, oriented, weigh_link
from workshop.core.model import CausalLink, Measure, Scorecard
from workshop.core.periods import Period, period_of
from workshop.core.targets import NUMERIC_TYPES
from workshop.db.period_reads import PeriodRow, Track

ROLL_UP_RULE = (
    "An objective is off target when any of its measures is, else watch when any is, else on target "
    "when at least one is; no data when none of its measures has a figure for the period."
)


@dataclass(frozen=True)
class LinkEvidence:
    link: CausalLink
    pairs: tuple[tuple[Measure, Measure, Evidence], ...]  # every cause measure against every effect measure

    @property
    def headline(self) -> tuple[Measure, Measure, Evidence] | None:
        """The pair with the most to say: enough periods and the strongest relation, else the most periods."""
        if not self.pairs:
            return None
        return max(
            self.pairs,
            key=lambda p: (p[2].enough, abs((p[2].best.r or 0.0) if p[2].best else 0.0), max(r.n for r in p[2].results)),
        )

    @property
    def verdict(self) -> str:
        """supports / contradicts / unclear / too few periods / no measures."""
        return self.headline[2].verdict if self.headline else "no measures"


def _series(track: Track) -> list:
    measure = track.measure
    lower = measure.goal.type == "at_most" or (measure.goal.type not in NUMERIC_TYPES and measure.direction == "lower")
    return oriented([(r.period, r.actual) for r in track.rows], lower_is_better=lower)


def link_evidence(card: Scorecard, tracks: list[Track]) -> dict[int, LinkEvidence]:
    """The evidence on every causal link with numeric measures at both ends (others get no pairs)."""
    by_objective: dict[int, list[Track]] = {}
    for track in tracks:
        if track.measure.goal.type in NUMERIC_TYPES:
            by_objective.setdefault(track.measure.objective_id, []).append(track)
    found = {}
    for link in card.links:
        pairs = []
        for cause in by_objective.get(link.cause_id, []):
            for effect in by_objective.get(link.effect_id, []):
                evidence = weigh_link(
                    _series(cause),
                    _series(effect),
                    cause_adds_up=cause.measure.nature == "flow",
                    effect_adds_up=effect.measure.nature == "flow",
                )
                pairs.append((cause.measure, effect.measure, evidence))
        found[link.id] = LinkEvidence(link, tuple(pairs))
    return found


def objective_status(tracks: list[Track], objective_id: int, period_key: str | None = None) -> str:
    """The objective's status in a period (its latest otherwise), rolled up by ROLL_UP_RULE."""
    statuses = []
    for track in tracks:
        if track.measure.objective_id != objective_id:
            continue
        row = track.row(period_key) if period_key else track.latest()
        if row is None and period_key:  # a quarterly measure in a monthly review: the period that holds it
            row = next((r for r in track.rows if r.period.starts.isoformat()[:7] <= period_key <= r.period.ends.isoformat()[:7]), None)
        if row is not None:
            statuses.append(row.status)
    for status in ("off target", "watch", "on target"):
        if status in statuses:
            return status
    return "no data"


RHYTHMS = {"monthly": "monthly", "quarterly": "quarterly", "annual": "annually"}  # a review's rhythm → its periods


@dataclass(frozen=True)
class ReviewLine:
    """One measure in a review of a span: the period of its own that the span reviews (the latest
    of its periods that ends inside the span), its figures, and its actuals so far for the trend."""

    track: Track
    row: PeriodRow | None  # None: no period of this measure ends inside the span
    trend: tuple[tuple[str, float | None, float | None], ...]  # (period label, planned, actual) up to the row

    @property
    def status(self) -> str:
        return self.row.status if self.row else "no data"

    @property
    def previous(self) -> PeriodRow | None:
        return self.track.previous(self.row) if self.row else None


def review_spans(card: Scorecard, tracks: list[Track], rhythm: str) -> list[Period]:
    """The spans a review of this rhythm can cover, latest first: those holding an actual of any measure."""
    frequency = RHYTHMS[rhythm]
    year_start = int(card.workshop.get("year_start_month") or 1)
    found = {period_of(r.period.ends, frequency, year_start) for t in tracks for r in t.rows if r.has_actual}
    return sorted(found, reverse=True)


def review_lines(tracks: list[Track], span: Period) -> list[ReviewLine]:
    """Every measure's line for the span, off target first, then watch, no data, on target; the
    scorecard's order within each."""
    lines = []
    for track in tracks:
        inside = [r for r in track.rows if span.starts <= r.period.ends <= span.ends]
        row = next((r for r in reversed(inside) if r.has_actual), inside[-1] if inside else None)
        upto = track.rows[: track.rows.index(row) + 1] if row else []
        trend = tuple((r.period.label(), r.planned, r.actual) for r in upto)
        lines.append(ReviewLine(track, row, trend))
    order = {"off target": 0, "watch": 1, "no data": 2, "on target": 3}
    return sorted(lines, key=lambda line: order.get(line.status, 2))
