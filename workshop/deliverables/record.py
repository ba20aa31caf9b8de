"""The one read behind every deliverable: the workshop's record, fetched once by `read`, then shaped
and rendered by functions that take the record and never the database (the report, the deck, the
workbook and its CSV, the map). The JSON export is a read of its own (exchange/export.py).

Voting rounds come as the room may see them: their results already follow the small-room rule
(room/vote_results.py), and who voted what is fetched for named rounds only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlite_utils import Database

from workshop.core import methods
from workshop.core.errors import Invalid
from workshop.core.evidence import FINER
from workshop.core.model import Scorecard
from workshop.core.periods import Period, read_period
from workshop.db import actual_reads, period_reads, review_reads
from workshop.db import scorecard as scorecard_reads
from workshop.db.period_reads import PeriodRow, Track
from workshop.db.review_reads import ROLL_UP_RULE, LinkEvidence, ReviewLine
from workshop.method import alignment, branding, reviews
from workshop.room import vote_results

__all__ = ["ROLL_UP_RULE", "ClosedRound", "LinkEvidence", "PeriodRow", "ReviewRecord", "Track", "WorkshopRecord", "read", "read_review"]


@dataclass(frozen=True)
class ClosedRound:
    """A closed voting round: the round as stored, its results per item (the small-room rule
    applied), its turnout, who voted what (named rounds only; else empty) and the small-room rule in
    words (`rule`: the round's line in the report; `short_rule`: the room's one line; "" when named)."""

    round: dict
    results: list[dict]
    turnout: dict
    named: list[dict]
    rule: str
    short_rule: str


@dataclass(frozen=True)
class WorkshopRecord:
    """What the deliverables show of one workshop: the scorecard, the client's branding, the closed
    rounds (oldest first), the room's confidence in each causal link, and for a workshop with lower
    units their scorecards (in `card.units` order) and the alignment matrix."""

    card: Scorecard
    branding: branding.Branding
    rounds: list[ClosedRound]
    confidence: dict[int, dict]
    units: list[Scorecard]
    matrix: dict | None
    tracks: list[Track] = field(default_factory=list)  # each measure's periods (period_reads)
    horizon: tuple[dt.date, dt.date] | None = None  # the first reporting month to the furthest target date
    spending: dict[int, list[dict]] = field(default_factory=dict)  # each initiative's stored periods
    latest_periods: dict[int, actual_reads.Latest] = field(default_factory=dict)  # measure id → its latest reported period

    def latest(self, chart: str) -> ClosedRound | None:
        """The round drawn as this chart (methods.SPLIT, methods.GRID) that closed last (e.g. the split
        the workbook sets beside the budget)."""
        charted = (r for r in self.rounds if methods.get(r.round["method"]).chart == chart)
        return max(charted, key=lambda r: (r.round["closed_at"], r.round["id"]), default=None)


def _closed_round(db: Database, rnd: dict, results: list[dict]) -> ClosedRound:
    return ClosedRound(
        round=rnd,
        results=results,
        turnout=vote_results.turnout(db, rnd["id"]),
        named=vote_results.named_ballots(db, rnd["id"]) if rnd["anonymity"] == "named" else [],
        rule=vote_results.rule(db, rnd["id"], report=True),
        short_rule=vote_results.rule(db, rnd["id"], short=True),
    )


def read(db: Database, workshop_id: int, *, today: dt.date | None = None) -> WorkshopRecord:
    """Everything the deliverables show of the workshop, read in one go (`today` places the
    reporting periods when the workshop states no first reporting month)."""
    card = scorecard_reads.load(db, workshop_id)
    return WorkshopRecord(
        card=card,
        branding=branding.get(db, workshop_id),
        rounds=[_closed_round(db, r["round"], r["results"]) for r in vote_results.workshop_record(db, workshop_id)],
        confidence=vote_results.link_confidence(db, workshop_id),
        units=[scorecard_reads.load(db, unit["id"]) for unit in card.units],
        matrix=alignment.matrix(db, card) if card.units else None,
        tracks=period_reads.tracks(db, card, today),
        horizon=period_reads.span(card, today),
        spending=period_reads.initiative_periods(db, workshop_id),
        latest_periods={x.measure.id: x for x in actual_reads.latest(db, card) if x.row is not None and x.row.has_actual},
    )


# --- the review pack's record ------------------------------------------------------------------

NO_ACTUALS = (
    "There are no actuals yet for this workshop: type them on the actuals page or load them with "
    "`python -m workshop actuals`, then make the review pack."
)


@dataclass(frozen=True)
class ReviewRecord:
    """What the review pack shows of one workshop for one period: the scorecard and branding, each
    measure's periods up to the end of the period reviewed (`tracks`), every causal link's evidence
    from those periods, each objective's status in the period (rolled up by ROLL_UP_RULE), the review
    held for the period (None when none was opened) and every review, the action log (open first) with
    the ids of those carried over into this period, the room's verdicts (latest review first), the log
    of periods opened again, each initiative's spend, and the incentive schemes when rewards are on."""

    card: Scorecard
    branding: branding.Branding
    period: Period
    tracks: list[Track]
    evidence: dict[int, LinkEvidence]
    statuses: dict[int, str]
    lines: dict[int, ReviewLine]
    review: dict | None
    reviews: list[dict]
    actions: list[dict]
    carried: frozenset[int]
    verdicts: list[dict]
    unlocks: list[dict]
    spend: dict[int, dict]
    schemes: list[dict]
    rewards: bool
    today: dt.date

    def row(self, track: Track) -> PeriodRow | None:
        """A measure's row for the period, as the review page reads it (review_reads.review_lines): the
        latest of its own periods ending inside the period, with an actual if one has."""
        line = self.lines.get(track.measure.id)
        return line.row if line else None


def _pack_frequency(tracks: list[Track]) -> str:
    """The review's rhythm: the coarsest of the measures' frequencies that have actuals, a year only
    when every measure is annual."""
    reported = {t.measure.frequency for t in tracks if t.latest() is not None}
    within = [f for f in reported if f != "annually"] or list(reported)
    return max(within, key=lambda f: FINER.get(f, 0))


_FREQUENCY_OF_TEXT = ((re.compile(r"W\d", re.I), "weekly"), (re.compile(r"\bQ[1-4]\b|-Q[1-4]\b", re.I), "quarterly"))
_YEAR_TEXT = re.compile(r"^\s*(FY)?\s*\d{4}\s*$", re.I)
_DAY_TEXT = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _typed_frequency(text: str) -> str | None:
    """The rhythm a typed period names: a week, a quarter, a year, a month; None for a day (the
    review's own period holding it)."""
    found = next((f for pattern, f in _FREQUENCY_OF_TEXT if pattern.search(text)), None)
    if found:
        return found
    if _YEAR_TEXT.match(text):
        return "annually"
    return None if _DAY_TEXT.match(text) else "monthly"


def pick_period(card: Scorecard, tracks: list[Track], text: str | None) -> Period:
    """The period the pack reviews: the one typed ("Q2 2027", "Jun 2027", "2027", or a day: the
    period of the review's rhythm holding it), else the latest period of the review's rhythm with
    actuals. Refused in words when nothing has actuals yet."""
    if not any(t.latest() is not None for t in tracks):
        raise Invalid(NO_ACTUALS)
    frequency = _pack_frequency(tracks)
    if text:
        year_start_month = int(card.workshop.get("year_start_month") or 1)
        return read_period(text, _typed_frequency(text) or frequency, year_start_month, "The period to review")
    return review_reads.review_spans(card, tracks, RHYTHM_OF[frequency])[0]


RHYTHM_OF = {"weekly": "monthly", "monthly": "monthly", "quarterly": "quarterly", "annually": "annual"}


def roll_up(statuses: list[str]) -> str:
    """An objective's status from its measures' statuses, by ROLL_UP_RULE."""
    return next((s for s in ("off target", "watch", "on target") if s in statuses), "no data")


def _up_to(track: Track, period: Period) -> Track:
    return Track(track.measure, [r for r in track.rows if r.period.starts <= period.ends], track.locked)


def _review_of(found: list[dict], period: Period) -> dict | None:
    """The review held for the period: the one on exactly its span, else one covering its end."""
    starts, ends = period.starts.isoformat(), period.ends.isoformat()
    exact = [r for r in found if r["starts"] == starts and r["ends"] == ends]
    covering = [r for r in found if r["starts"] <= ends <= r["ends"]]
    return next(iter(exact or covering), None)


def read_review(
    db: Database, workshop_id: int, period: str | Period | None = None, *, today: dt.date | None = None, tracks: list[Track] | None = None
) -> ReviewRecord:
    """Everything the review pack shows, read in one go for the period typed or chosen (a `Period`,
    as the review page offers them), or the latest with actuals. `tracks`: every measure's periods
    when the caller has just read them (the review page, which offers the periods from them)."""
    card = scorecard_reads.load(db, workshop_id)
    today = today or dt.date.today()
    every = tracks if tracks is not None else period_reads.tracks(db, card, today)
    chosen = period if isinstance(period, Period) else pick_period(card, every, period)
    tracks = [_up_to(t, chosen) for t in every]
    lines = {line.track.measure.id: line for line in review_reads.review_lines(tracks, chosen)}
    held = reviews.reviews(db, workshop_id)
    review = _review_of(held, chosen)
    actions = reviews.action_log(db, workshop_id)
    carried = frozenset(
        a["id"]
        for a in actions
        if a["status"] == "open" and a["raised_ends"] < chosen.starts.isoformat() and (review is None or a["review_id"] != review["id"])
    )
    rewards = bool(card.workshop.get("rewards_enabled"))
    return ReviewRecord(
        card=card,
        branding=branding.get(db, workshop_id),
        period=chosen,
        tracks=tracks,
        evidence=review_reads.link_evidence(card, tracks),
        statuses={o.id: roll_up([lines[m.id].status for m in card.measures_of(o.id) if m.id in lines]) for o in card.agreed_objectives()},
        lines=lines,
        review=review,
        reviews=held,
        actions=actions,
        carried=carried,
        verdicts=[v for v in reviews.verdicts(db, workshop_id) if v["starts"] <= chosen.ends.isoformat()],
        unlocks=reviews.unlock_log(db, workshop_id),
        spend=period_reads.initiative_spend(db, workshop_id),
        schemes=reviews.schemes(db, workshop_id) if rewards else [],
        rewards=rewards,
        today=today,
    )
