"""The one read behind every deliverable: the workshop's record, fetched once by `read`, then shaped
and rendered by functions that take the record and never the database (the report, the deck, the
workbook and its CSV, the map). The JSON export is a read of its own (exchange/export.py).

Voting rounds come as the room may see them: their results already follow the small-room rule
(room/vote_results.py), and who voted what is fetched for named rounds only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from workshop.core import methods
from workshop.core.model import Scorecard
from workshop.db import actual_reads
from workshop.db import scorecard as scorecard_reads
from workshop.method import alignment, branding
from workshop.room import vote_results


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


def read(db: Database, workshop_id: int) -> WorkshopRecord:
    """Everything the deliverables show of the workshop, read in one go."""
    card = scorecard_reads.load(db, workshop_id)
    return WorkshopRecord(
        card=card,
        branding=branding.get(db, workshop_id),
        rounds=[_closed_round(db, r["round"], r["results"]) for r in vote_results.workshop_record(db, workshop_id)],
        confidence=vote_results.link_confidence(db, workshop_id),
        units=[scorecard_reads.load(db, unit["id"]) for unit in card.units],
        matrix=alignment.matrix(db, card) if card.units else None,
        latest_periods={x.measure.id: x for x in actual_reads.latest(db, card) if x.row is not None and x.row.has_actual},
    )
