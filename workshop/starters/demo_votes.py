"""The demo's voting record: the room's ballots in workshop 1 (draft objectives) and workshop 2
(measures), so a newcomer sees how consensus is recorded and reported."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.round_reads import SENT_BACK
from workshop.method import decisions
from workshop.room import joining, vote_results, voting

EXECUTIVES = ["Helen Park", "Omar Said", "Lena Fischer", "Raj Mehta", "Ines Duarte", "Tom Becker"]
MANAGERS = ["Mia Novak", "Jonas Berg", "Priya Nair", "Sam Osei"]

# gradients per draft objective (by index in demo.OBJECTIVES), one per executive
_AGREE = ("endorse", "endorse", "reservations", "endorse", "endorse", "reservations")
_CONTESTED = ("endorse", "more_discussion", "reservations", "disagree_but_support", "more_discussion", "endorse")
_SETTLED = ("endorse", "reservations", "endorse", "endorse", "reservations", "endorse")
_REJECTED = ("more_discussion", "serious_disagreement", "block", "abstain", "serious_disagreement", "reservations")
CONTESTED, REJECTED = 5, 14  # "Win more work from existing clients", "Expand into cybersecurity consulting"


def _people(db: Database, workshop_id: int, names: list[str]) -> list[str]:
    code = joining.join_code(db, workshop_id)
    return [joining.join(db, code, name)["token"] for name in names]


def record_workshop_one(db: Database, workshop_id: int, objective_ids: list[int]) -> list[str]:
    """Executives rate every draft with gradients of agreement; the contested one is re-voted.
    Returns the executives' tokens (they vote again in workshop 2)."""
    tokens = _people(db, workshop_id, EXECUTIVES)
    rid = voting.open_round(
        db, workshop_id, [("objective", o) for o in objective_ids], method="gradients", title="Draft objectives", anonymity="facilitator_only"
    )
    items = {i["objective_id"]: i["id"] for i in voting.round_items(db, rid)}
    for who, token in enumerate(tokens):
        votes = {items[o]: (_CONTESTED if n == CONTESTED else _REJECTED if n == REJECTED else _AGREE)[who] for n, o in enumerate(objective_ids)}
        voting.submit(db, token, rid, votes)
    voting.close_round(db, rid)
    again = vote_results.revote(db, rid, [items[objective_ids[CONTESTED]]])
    item = voting.round_items(db, again)[0]["id"]
    for who, token in enumerate(tokens):
        voting.submit(db, token, again, {item: _SETTLED[who]})
    voting.close_round(db, again)
    # workshop 1 took place a fortnight before workshop 2
    db.execute(
        """UPDATE voting_round SET opened_at = strftime('%Y-%m-%dT%H:%M:%fZ', opened_at, '-14 days'),
                  closed_at = strftime('%Y-%m-%dT%H:%M:%fZ', closed_at, '-14 days')
                  WHERE workshop_id = ? AND workshop_number = 1""",
        [workshop_id],
    )
    shifted = "(SELECT id FROM voting_round WHERE workshop_id = ? AND workshop_number = 1)"
    db.execute(
        f"""UPDATE ballot SET cast_at = strftime('%Y-%m-%dT%H:%M:%fZ', cast_at, '-14 days')
                   WHERE round_id IN {shifted}""",
        [workshop_id],
    )
    db.execute(
        f"""UPDATE ballot_event SET at = strftime('%Y-%m-%dT%H:%M:%fZ', at, '-14 days')
                   WHERE round_id IN {shifted}""",
        [workshop_id],
    )
    db.execute(
        """UPDATE participant SET joined_at = strftime('%Y-%m-%dT%H:%M:%SZ', joined_at, '-14 days')
                  WHERE workshop_id = ?""",
        [workshop_id],
    )
    return tokens


def record_workshop_two(db: Database, workshop_id: int, measure_ids: list[int], executives: list[str]) -> list[str]:
    """Executives and managers rate the proposed measures 1–5, anonymously; the measures the room
    sends back for discussion are then decided, so the record is complete."""
    everyone = executives + _people(db, workshop_id, MANAGERS)
    rid = voting.open_round(
        db, workshop_id, [("measure", m) for m in measure_ids], method="rating", workshop_number=2, title="Proposed measures", anonymity="anonymous"
    )
    items = [i["id"] for i in voting.round_items(db, rid)]
    for who, token in enumerate(everyone):
        voting.submit(db, token, rid, {item: (5 if (who + n) % 3 else 4) if n % 5 else (3 + who % 3) for n, item in enumerate(items)})
    voting.close_round(db, rid)
    # the measures the room sent back were talked through and kept: the record says so, each
    by_id = {i["id"]: i for i in voting.round_items(db, rid)}
    for row in vote_results.results(db, rid):
        if row["verdict"] in SENT_BACK:
            decisions.decide_round_item(
                db,
                by_id[row["item_id"]],
                "agreed",
                f"Re-discussed in workshop 2 ({vote_results.summary(row, 'rating')}): kept, once the "
                "team agreed its definition and that the data source can report it monthly.",
            )
    return everyone


# each person's 100 points over the initiatives (in demo.INITIATIVES' order: certification academy,
# knowledge base, service automation, key account management, renewal dashboard)
_SPLITS = (
    (30, 15, 25, 10, 20),
    (20, 20, 30, 10, 20),
    (25, 15, 20, 20, 20),
    (30, 10, 30, 15, 15),
    (20, 20, 25, 15, 20),
    (25, 20, 20, 15, 20),
    (20, 15, 25, 20, 20),
    (30, 15, 20, 15, 20),
    (25, 20, 25, 10, 20),
    (25, 15, 25, 15, 20),
)


def record_workshop_three(db: Database, workshop_id: int, initiative_ids: list[int], everyone: list[str]) -> None:
    """Workshop 3 spreads 100 points each over the initiatives, beside the planned budget: the room
    puts the renewal dashboard well above its share of the money and service automation below it."""
    rid = voting.open_round(
        db,
        workshop_id,
        [("initiative", i) for i in initiative_ids],
        method="split",
        workshop_number=3,
        title="Where should next year's money go?",
        anonymity="facilitator_only",
    )
    items = [i["id"] for i in voting.round_items(db, rid)]
    for token, points in zip(everyone, _SPLITS):
        voting.submit(db, token, rid, dict(zip(items, points)))
    voting.close_round(db, rid)
