"""The room's vote on the map's hypotheses during a review: put causal links to a hypothesis vote
(core/methods/hypothesis.py), then, once the round has closed, read each link's verdict from the
room's result and record it in the review beside the evidence the room saw (method/reviews.py).

A link whose result the small-room rule withholds, or that nobody answered, gets no verdict from the
room: the facilitator records it by hand or leaves it open.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from workshop.core.errors import Invalid
from workshop.core.methods import hypothesis
from workshop.db import period_reads, review_reads
from workshop.db import scorecard as scorecard_reads
from workshop.method import reviews
from workshop.room import vote_results, voting

METHOD = hypothesis.Hypothesis.name


@dataclass(frozen=True)
class RoomVerdict:
    """One link's result in a closed hypothesis vote: the verdict to record (None when the room gave
    none) and the result in words."""

    link_id: int
    label: str
    verdict: str | None
    words: str


def round_title(review: dict) -> str:
    return f"Do these links still hold? Review of {review['starts']} to {review['ends']}"


def put_to_room(db: Database, review_id: int, link_ids: list[int], **options) -> int:
    """Open a hypothesis vote on `link_ids` for an open review (the same links again return the round
    already open). Options as voting.open_round's (anonymity, min_voters, timer_seconds …)."""
    review = reviews.get_review(db, review_id)
    if review["status"] != "open":
        raise Invalid("This review is closed: open a review to put links to the room.")
    if not link_ids:
        raise Invalid("Choose at least one causal link to put to the room.")
    already = open_vote(db, review["workshop_id"], link_ids)
    if already:
        return already
    options.setdefault("title", round_title(review))
    return voting.open_round(db, review["workshop_id"], [("link", int(i)) for i in link_ids], method=METHOD, workshop_number=3, **options)


def open_vote(db: Database, workshop_id: int, link_ids: list[int]) -> int | None:
    """The open hypothesis vote on exactly these links (a second tab, a double click), if any."""
    wanted = {int(i) for i in link_ids}
    for rnd in voting.open_rounds(db, workshop_id):
        if rnd["method"] == METHOD and {i["link_id"] for i in voting.round_items(db, rnd["id"])} == wanted:
            return int(rnd["id"])
    return None


def room_verdicts(db: Database, round_id: int) -> list[RoomVerdict]:
    """Each link's verdict from a closed hypothesis vote, in the round's order, as the room may see it."""
    rnd = voting.get_round(db, round_id)
    if rnd["method"] != METHOD:
        raise Invalid("That round is not a hypothesis vote: only a vote on whether links hold gives verdicts.")
    if rnd["status"] != "closed":
        raise Invalid("The vote is still open: close it before recording its verdicts.")
    found = []
    for row in vote_results.results(db, round_id):
        if row.get("link_id") is None:
            continue
        verdict = row.get("verdict")
        found.append(
            RoomVerdict(
                link_id=row["link_id"],
                label=row["label"],
                verdict=verdict if verdict in reviews.VERDICTS else None,
                words=vote_results.summary(row, METHOD),
            )
        )
    return found


def record_from_room(db: Database, review_id: int, round_id: int) -> list[RoomVerdict]:
    """Record each link's verdict from the closed round in the review, with the evidence read from the
    review's periods; returns the verdicts recorded (links without one are left as they were)."""
    review = reviews.get_review(db, review_id)
    if review["status"] != "open":
        raise Invalid("This review is closed: its verdicts can no longer change.")
    rnd = voting.get_round(db, round_id)
    if rnd["workshop_id"] != review["workshop_id"]:
        raise Invalid("That vote belongs to another workshop.")
    given = [v for v in room_verdicts(db, round_id) if v.verdict]
    evidence = link_evidence(db, review["workshop_id"])
    for found in given:
        reviews.record_verdict(db, review_id, found.link_id, str(found.verdict), evidence.get(found.link_id), round_id=round_id)
    return given


def link_evidence(db: Database, workshop_id: int) -> dict:
    """Each causal link's headline evidence (core/evidence.Evidence) from the actuals reported so far."""
    card = scorecard_reads.load(db, workshop_id)
    found = review_reads.link_evidence(card, period_reads.tracks(db, card))
    return {link_id: e.headline[2] for link_id, e in found.items() if e.headline}


def hypothesis_rounds(db: Database, workshop_id: int, since: str) -> list[dict]:
    """The workshop's hypothesis votes opened since `since` (a review's opening), latest first (the review's own votes)."""
    return [r for r in voting.rounds(db, workshop_id) if r["method"] == METHOD and r["opened_at"] >= since]
