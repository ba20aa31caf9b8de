"""Deciding a closed round's items in a few clicks.

Each item's decision starts at what its verdict suggests (consensus → agreed, drop → dropped); a
re-discuss, a block or no votes leave the choice to the facilitator. The whole round is recorded
at once, all or nothing, and each decision keeps what the vote said as its evidence, apart from
the rationale the facilitator writes in their own words.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core import consensus, methods
from workshop.core.errors import Invalid, WorkshopError
from workshop.db import store
from workshop.method import decisions
from workshop.room import vote_results, voting

OUTCOMES = ("agreed", "changed", "dropped")
OUTCOME_LABELS = {"agreed": "Agree", "changed": "Change", "dropped": "Drop"}


def _subject(item: dict) -> tuple[str, int]:
    return item["kind"], item[f"{item['kind']}_id"]


def undecided(db: Database, round_id: int) -> list[dict]:
    """The round's items still without a decision since it closed, each with its result, the
    suggested outcome (None: the facilitator must choose) and the evidence a decision will keep."""
    round_ = voting.get_round(db, round_id)
    if round_["status"] != "closed":
        return []
    done = decisions.decided_subjects(db, round_["workshop_id"], round_["closed_at"])
    out = []
    for row in vote_results.results(db, round_id):
        if _subject(row) in done:
            continue
        suggested = consensus.SUGGESTED_DECISIONS.get(row["verdict"]) if methods.get(round_["method"]).gives_verdict else None
        summary = vote_results.summary(row, round_["method"], round_.get("grid_axes"))
        evidence = f"Round {round_['number']} ({round_['title']}): {summary}"
        out.append(
            {
                "item_id": row["item_id"],
                "label": row["label"],
                "kind": row["kind"],
                "result": row,
                "suggested": suggested,
                "evidence": evidence[:2000],
                "advice": advice(round_, row),
            }
        )
    return out


def advice(round_: dict, row: dict) -> str:
    """What a prioritising round suggests for an item, in words ('' for a verdict round): a grid's
    quadrant, a split's share against the budget. A suggestion for the facilitator, not an outcome;
    none where the small-room rule withholds the result."""
    if row.get("disclosure") == "withheld":
        return ""
    return methods.get(round_["method"]).advice(row, round_)


def decide_round(db: Database, round_id: int, choices: dict[int, dict]) -> int:
    """Record the decisions on a closed round's items in one transaction: round item → {outcome,
    rationale, new_title}. An item left out (or with no outcome) stays open. Returns how many were
    recorded; one refusal records none and names the item."""
    round_ = voting.get_round(db, round_id)
    if round_["status"] != "closed":
        raise Invalid("Close the round before recording its decisions.")
    items = {i["id"]: i for i in voting.round_items(db, round_id)}
    pending = {u["item_id"]: u for u in undecided(db, round_id)}
    wanted = {int(k): v for k, v in choices.items() if v and v.get("outcome")}
    for item_id in wanted:
        if item_id not in items:
            raise Invalid("That item is not part of this round; reload the page.")
        if item_id not in pending:
            raise Invalid(f"{items[item_id]['label']}: already decided since the round closed; reload the page.")
    with store.write(db):
        for item_id, choice in wanted.items():
            outcome = choice["outcome"]
            if outcome not in OUTCOMES:
                raise Invalid(f"{items[item_id]['label']}: choose agree, change or drop.")
            try:
                decisions.decide_round_item(
                    db, items[item_id], outcome, choice.get("rationale", ""), choice.get("new_title", ""), evidence=pending[item_id]["evidence"]
                )
            except WorkshopError as error:
                raise type(error)(f"{items[item_id]['label']}: {error}") from None
    return len(wanted)


def waiting(db: Database, workshop_id: int) -> list[dict]:
    """Items of the workshop's closed gradients and rating rounds still waiting for a decision (each
    subject once, from its latest round): round number, label, verdict."""
    seen: set[tuple[str, int]] = set()
    out = []
    for round_ in voting.rounds(db, workshop_id):  # newest first
        if round_["status"] != "closed" or not methods.get(round_["method"]).gives_verdict:
            continue
        for item in undecided(db, round_["id"]):
            subject = _subject(item["result"])
            if subject in seen:
                continue
            seen.add(subject)
            out.append({"round": round_["number"], "round_id": round_["id"], "label": item["label"], "verdict": item["result"]["verdict"]})
    return out


def decided_in(db: Database, round_id: int) -> int:
    """How many of the round's items have a decision since it closed."""
    return len(voting.round_items(db, round_id)) - len(undecided(db, round_id))
