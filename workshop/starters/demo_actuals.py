"""The demo's first year of reporting: four quarters of 2027 (monthly measures month by month),
reported from January 2027, the month after the workshops. Most measures are on target; some are
on watch or off target, with their owners' comments; the accounts with a named account manager have
no figure yet; and the certification of engineers (a lead measure) climbs quarter after quarter
while the first-time-right deliveries it should drive do not move — the kind of evidence a strategy
review tests the map's links with.
"""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from workshop.db import period_reads, review_reads, scorecard
from workshop.method import actuals, reviews

REPORTING_START = "2027-01-01"
QUARTERS = ("Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027")
MONTHS = tuple(f"2027-{m:02d}" for m in range(1, 13))

# measure → its figures, one per quarter (or per month), oldest first
FIGURES: dict[str, tuple[float, ...]] = {
    "Revenue growth, year on year": (9.5, 12.0, 15.1, 17.4),
    "Recurring revenue share": (38, 41, 44, 48),
    "Client satisfaction score": (80, 81, 81, 80),
    "Contract renewal rate": (72, 70, 67, 63),
    "Revenue from existing clients": (1180, 1235, 1260, 1290),
    "Clients with a quarterly review held": (40, 52, 61, 71),
    "Engineers certified": (50, 52, 55, 57, 59, 62, 64, 65, 67, 69, 71, 72),
    "Engineer attrition": (13.8, 13.5, 13.2, 12.9),
    "Operating margin": (12.1, 12.3, 12.2, 12.6, 12.8, 12.9, 13.1, 13.0, 13.3, 13.5, 13.4, 13.1),
    "Average delivery time": (41.5, 41, 40.5, 40, 39.2, 38.8, 38.1, 37.7, 37.0, 36.4, 36.0, 35.5),
    "First-time-right deliveries": (93.1, 93.0, 92.9, 93.2, 92.8, 93.0, 92.7, 92.6, 92.4, 92.3, 92.0, 91.8),
    "Share of tickets resolved automatically": (13, 14, 15, 17, 18, 20, 21, 23, 24, 26, 27, 29),
    "Knowledge articles reused per month": (45, 52, 60, 66, 75, 82, 90, 97, 105, 112, 118, 126),
}

# measure → {period: the owner's comment}
COMMENTS: dict[str, dict[str, str]] = {
    "Contract renewal rate": {
        "Q3 2027": "Two large clients moved to a group-wide supplier; both said price, not service.",
        "Q4 2027": "Renewals keep slipping: the early-warning dashboard was postponed. Proposal to approve it in January.",
    },
    "First-time-right deliveries": {
        "2027-12": "Certification is up, first-time-right is not: most errors happen at handover, which the cloud "
        "certificates do not cover. Handover checklists from February.",
    },
    "Client satisfaction score": {"Q4 2027": "Flat for a year: the survey's comments name slow answers on change requests."},
    "Engineer attrition": {"Q4 2027": "Down from 13.8 % but still above plan; two senior leavers in November."},
    "Operating margin": {"2027-12": "December carries the year's training costs for the certification academy."},
    "Knowledge articles reused per month": {
        "2027-12": "Reuse grows every month, but search still misses the older runbooks: a clean-up sprint is planned for January."
    },
    "Accounts with a named account manager": {"Q4 2027": "No figure yet: the CRM field for account managers goes live in January."},
}


def rows() -> list[dict]:
    found = []
    for name, figures in FIGURES.items():
        periods = QUARTERS if len(figures) == len(QUARTERS) else MONTHS
        notes = COMMENTS.get(name, {})
        found += [{"measure": name, "period": p, "actual": str(v), "comment": notes.get(p, "")} for p, v in zip(periods, figures, strict=True)]
    found += [
        {"measure": name, "period": period, "comment": note}
        for name, notes in COMMENTS.items()
        if name not in FIGURES
        for period, note in notes.items()
    ]
    return found


def record_actuals(db: Database, workshop_id: int) -> None:
    """Reporting from January 2027, and the year's figures."""
    actuals.set_calendar(db, workshop_id, reporting_start=REPORTING_START, year_start_month=1)
    actuals.save_rows(db, workshop_id, rows())


# --- the third quarter's strategy review, held in October 2027 --------------------------------

REVIEWED = ("2027-07-01", "2027-09-30")
TESTED_LINK = ("Develop a technical certification programme", "Achieve 99% quality on first delivery")


def hold_review(db: Database, workshop_id: int) -> None:
    """The Q3 2027 strategy review, closed: two actions (one done at the meeting, one carried to the
    next review), the room's verdict that certification does not drive first-time-right deliveries
    (the nine months behind it say the two moved apart), its period locked, the next review set."""
    card = scorecard.load(db, workshop_id)
    review = reviews.open_review(db, workshop_id, *REVIEWED)
    renewals = next(m for m in card.measures if m.name == "Contract renewal rate")
    reviews.add_action(
        db,
        review,
        "Approve the renewal early-warning dashboard and name its owner",
        owner="Helen Park",
        due="2028-01-31",
        subject=("measure", renewals.id),
    )
    margin = reviews.add_action(db, review, "Brief the board on the margin plan for 2028", owner="Omar Said", due="2027-10-31")
    reviews.settle_action(db, margin, review, "done", "Briefed at the October board meeting.")
    by_title = {o.title: o.id for o in card.objectives}
    link = next(k for k in card.links if (k.cause_id, k.effect_id) == tuple(by_title[t] for t in TESTED_LINK))
    upto = dt.date.fromisoformat(REVIEWED[1])
    tracks = [_until(t, upto) for t in period_reads.tracks(db, card)]
    evidence = review_reads.link_evidence(card, tracks)[link.id].headline
    reviews.record_verdict(db, review, link.id, "does not hold", evidence[2] if evidence else None)
    reviews.close_review(
        db,
        review,
        notes="Revenue and automation ahead of plan; renewals and first-time-right behind. Certification alone "
        "does not cut delivery errors: handovers are the cause. The period is locked.",
        next_review="2028-01-20",
    )


def _until(track: period_reads.Track, day: dt.date) -> period_reads.Track:
    """The track as the review saw it: the periods up to the end of the quarter reviewed."""
    return period_reads.Track(track.measure, [r for r in track.rows if r.period.ends <= day], track.locked)
