"""Mixed rooms: votes the facilitator enters for people without a device.

A *paper ballot* is one person's whole ballot, typed in while the round is open. It is stored as
ordinary ballots of a paper voter (a participant of kind 'paper' that can never join: see
db/migrations/m0015_paper.py), so results, Borda points, the dots budget, re-votes and the ledger's chain treat
it like any other ballot; its events are marked as entered by the facilitator. In a named round the
paper voter carries the person's name (in a facilitator-only round too, seen only where that round's
names are); otherwise a number within the round ("Paper ballot 3").

A *show of hands* (for the methods that say what a hand can be raised for: rating, gradients, fist
to five and dots) is counted per item: how many people vote by hand, and how many hands went up for
each answer. For dots each raised hand is one dot. Entering an
item's count again replaces the previous one in one transaction; the replaced count is kept, marked
replaced, so the history can be read back (`hand_history`).

Both count as voters in turnout and in every verdict, and every output that shows results says how
many votes came on paper and by hand.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from workshop.core import methods
from workshop.core.clean import clean_name
from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.core.methods import whole
from workshop.core.words import plural
from workshop.db import store
from workshop.room import ledger, voting

MAX_HANDS = 10_000
PAPER_NAME = "Paper ballot"
ROUND_MARK = " · round "
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def _open_round(db: Database, round_id: int, what: str) -> tuple[dict, dict[int, dict]]:
    """Inside the write: the round, open and in time, with its items; or a refusal in plain words."""
    rnd = store.one(db, f"SELECT *, (closes_at IS NOT NULL AND closes_at <= {_NOW}) AS timed_out FROM voting_round WHERE id = ?", [round_id])
    if rnd is None:
        raise NotFound("That round is not in this workshop any more; reload the page.")
    if rnd["status"] == "closed" or rnd["timed_out"]:
        raise Invalid(f"This round is closed; {what} must be entered before it closes.")
    items = {i["id"]: i for i in store.rows(db, "SELECT * FROM round_item WHERE round_id = ?", [round_id])}
    return rnd, items


def _is_empty(method: str, choices: dict) -> bool:
    """Nothing written on the paper: no answer, no dot, no point, no place on the grid."""
    how = methods.get(method)

    def blank(value) -> bool:
        if isinstance(value, dict):
            return all(blank(v) for v in value.values())
        if isinstance(value, (list, tuple)):
            return all(blank(v) for v in value)
        return how.blank("" if value is None else str(value).strip())

    return all(blank(v) for v in choices.values())


def _checked(rnd: dict, choices: dict) -> dict:
    """A paper ballot checked by its method in words about the paper (the facilitator is entering
    it, not casting it): dots as whole numbers, a split that adds up to 100."""
    return methods.get(rnd["method"]).paper_choices(rnd, choices)


def _voter_id(value) -> int:
    voter_id = whole(value)
    if voter_id is None:
        raise Invalid("That is not one of this round's paper ballots; reload the page and choose it from the list.")
    return voter_id


# --- paper ballots ------------------------------------------------------------------------------


def _paper_voter(db: Database, rnd: dict, name: str) -> int:
    """The paper voter a ballot belongs to: by name in a named or facilitator-only round (the same
    person across rounds; shown only where that round's names are), else a new one numbered within
    the round ("Paper ballot 1 · round 4", listed as "Paper ballot 1")."""
    name = clean_name(name, "The voter's name", required=False)
    if name and rnd["anonymity"] == "anonymous":
        raise Invalid("This round is fully anonymous: nobody's name is kept with a vote, so enter the paper ballot without a name.")
    if name:
        found = store.one(db, "SELECT id, kind, removed_at FROM participant WHERE workshop_id = ? AND name = ?", [rnd["workshop_id"], name])
        if found and found["kind"] == "device":
            raise Duplicate(
                f"“{name}” joined with a device and votes there (on another device, with their "
                "rejoin key). If this is someone else, add an initial to tell them apart."
            )
        if found:
            if found["removed_at"]:
                raise Invalid(f"“{name}” was removed from this workshop; their ballot cannot be entered.")
            return int(found["id"])
    else:
        taken = {
            r["name"].casefold()
            for r in store.rows(db, "SELECT name FROM participant WHERE workshop_id = ? AND name LIKE ?", [rnd["workshop_id"], f"{PAPER_NAME} %"])
        }
        number = 1
        while _numbered(number, rnd).casefold() in taken:
            number += 1
        name = _numbered(number, rnd)
    return store.insert(
        db,
        "participant",
        {"workshop_id": rnd["workshop_id"], "name": name, "kind": "paper", "token": f"paper:{ledger.new_salt()}", "rejoin_key": None},
    )


def _numbered(number: int, rnd: dict) -> str:
    """A numbered paper voter's name, unique in the workshop: the number runs within the round."""
    return f"{PAPER_NAME} {number}{ROUND_MARK}{rnd.get('number') or rnd['id']}"


def add_paper_ballot(db: Database, round_id: int, choices: dict, *, name: str = "") -> int:
    """Enter one person's paper ballot (item → value, as `voting.submit` takes it) in an open round;
    returns the paper voter's id, to correct or remove it later."""
    with store.write(db):
        rnd, items = _open_round(db, round_id, "paper ballots")
        if _is_empty(rnd["method"], choices):
            raise Invalid("The paper ballot is empty: fill in at least one answer, as written on the paper.")
        choices = _checked(rnd, choices)
        voter = _paper_voter(db, rnd, name)
        if store.one(db, "SELECT 1 FROM ballot WHERE round_id = ? AND participant_id = ?", [round_id, voter]):
            raise Duplicate("A paper ballot under that name is already in this round: correct it in the list below instead.")
        voting.cast(db, rnd, items, voter, choices, source="paper")
    return voter


def _paper_voter_in(db: Database, rnd: dict, voter_id: int) -> None:
    found = store.one(
        db,
        "SELECT 1 FROM participant p JOIN ballot b ON b.participant_id = p.id WHERE p.id = ? AND p.kind = 'paper' AND b.round_id = ?",
        [voter_id, rnd["id"]],
    )
    if found is None:
        raise NotFound("That paper ballot is not in this round any more; reload the page.")


def correct_paper_ballot(db: Database, round_id: int, voter_id: int, choices: dict) -> None:
    """Replace a paper ballot entered earlier with what the paper says (items left out are withdrawn)."""
    with store.write(db):
        rnd, items = _open_round(db, round_id, "paper ballots")
        voter = _voter_id(voter_id)
        _paper_voter_in(db, rnd, voter)
        if _is_empty(rnd["method"], choices):
            raise Invalid("That would leave the paper ballot empty; to take it out, remove it.")
        voting.cast(db, rnd, items, voter, _checked(rnd, choices), source="paper")


def remove_paper_ballot(db: Database, round_id: int, voter_id: int) -> None:
    """Take a paper ballot out of an open round (each answer withdrawn, in the ledger)."""
    with store.write(db):
        rnd, items = _open_round(db, round_id, "paper ballots")
        voter = _voter_id(voter_id)
        _paper_voter_in(db, rnd, voter)
        voting.cast(db, rnd, items, voter, {}, source="paper")


def paper_ballots(db: Database, round_id: int) -> list[dict]:
    """The paper ballots in a round, for the facilitator: voter_id, name, answers (item → the value
    as a ballot form takes it, see `form_value`) and the stored ballots. Empty once an anonymous
    round has closed (it forgets who voted)."""
    rows = store.rows(
        db,
        """SELECT p.id AS voter_id, p.name, b.* FROM ballot b JOIN participant p
                             ON p.id = b.participant_id WHERE b.round_id = ? AND b.source = 'paper'
                             ORDER BY p.id, b.item_id""",
        [round_id],
    )
    out: dict[int, dict] = {}
    for r in rows:
        entry = out.setdefault(r["voter_id"], {"voter_id": r["voter_id"], "name": short_name(r["name"]), "answers": {}, "ballots": {}})
        entry["answers"][r["item_id"]] = form_value(r)
        entry["ballots"][r["item_id"]] = r
    return list(out.values())


def form_value(ballot: dict):
    """A stored ballot as a ballot form takes it back (to correct it): the value its column holds."""
    if ballot["skipped"]:
        return voting.SKIP
    if ballot.get("grid_x") is not None:
        return {"x": ballot["grid_x"], "y": ballot["grid_y"]}
    return next((ballot[c] for c in methods.VALUE_COLUMNS if c not in ("skipped", "grid_y") and ballot.get(c) is not None), None)


# --- show of hands ------------------------------------------------------------------------------


def hand_answers(method: str) -> tuple[str, ...]:
    """What a hand can be raised for in a round of `method` (as stored: '1'…'5', a gradient, 'dot')."""
    return methods.get(method).hand_answers


def _refuse_method(rnd: dict) -> None:
    refusal = methods.get(rnd["method"]).hands_refused()
    if refusal:
        raise Invalid(refusal)


def _count(value, label: str) -> int:
    number = 0 if value is None or value == "" else whole(value)  # 2.5 hands is not 2, nor true 1
    if number is None:
        raise Invalid(f"{label} must be a whole number (0 or more).") from None
    if not 0 <= number <= MAX_HANDS:
        raise Invalid(f"{label} must be from 0 to {MAX_HANDS:,}.")
    return number


def set_hand_counts(db: Database, round_id: int, hands, counts: Mapping[int, Mapping[str, object]]) -> None:
    """Record a show of hands: `hands` people voting by hand, and for each item (round item id) the
    hands raised per answer. Items given replace their earlier count, all in one transaction."""
    people = _count(hands, "The number of people voting by hand")
    if people < 1:
        raise Invalid("Say how many people vote by hand (1 or more) before counting their hands.")
    with store.write(db):
        rnd, items = _open_round(db, round_id, "hand counts")
        _refuse_method(rnd)
        method = methods.get(rnd["method"])
        allowed = method.hand_answers
        cleaned: dict[int, dict[str, int]] = {}
        if not isinstance(counts, dict):
            raise Invalid("Give the hands counted for each item of the round.")
        for key, raw in counts.items():
            item_id = whole(key)
            if item_id not in items:
                raise Invalid("That item is not part of this round; reload the page to see what is.")
            label = items[item_id]["label"]
            if not isinstance(raw, dict):
                raise Invalid(f"Give the hands for “{label}” answer by answer ({', '.join(allowed)}), not one number for the item.")
            per_answer = {str(answer).strip(): n for answer, n in raw.items()}
            unknown = set(per_answer) - set(allowed)
            if unknown:
                raise Invalid(f"“{sorted(unknown)[0]}” is not an answer in this round.")
            cleaned[item_id] = {a: n for a in allowed if (n := _count(per_answer.get(a), f"The hands for “{label}”"))}
            too_many = method.too_many_hands(sum(cleaned[item_id].values()), people, label)
            if too_many:
                raise Invalid(too_many)
        if cleaned and not any(cleaned.values()):
            raise Invalid("No hand went up, so there is nothing to record.")
        others = sum(sum(c["counts"].values()) for i, c in _current(db, round_id).items() if i not in cleaned)
        method.check_hand_total(others + sum(sum(c.values()) for c in cleaned.values()), people, rnd)
        for item_id, tallied in cleaned.items():
            db.execute(f"UPDATE hand_tally SET replaced_at = {_NOW} WHERE round_id = ? AND item_id = ? AND replaced_at IS NULL", [round_id, item_id])
            if not tallied:  # no hand for this item: nobody answered it by hand
                continue
            tally = store.insert(db, "hand_tally", {"round_id": round_id, "item_id": item_id, "hands": people})
            for answer, hands in tallied.items():
                store.insert(db, "hand_count", {"round_id": round_id, "tally_id": tally, "answer": answer, "count": hands})


def clear_hand_counts(db: Database, round_id: int) -> None:
    """Take every show of hands out of an open round (kept in the history, marked replaced)."""
    with store.write(db):
        _open_round(db, round_id, "hand counts")
        db.execute(f"UPDATE hand_tally SET replaced_at = {_NOW} WHERE round_id = ? AND replaced_at IS NULL", [round_id])


def _current(db: Database, round_id: int, *, history: bool = False) -> dict:
    where = "" if history else "AND t.replaced_at IS NULL"
    rows = store.rows(
        db,
        f"""SELECT t.id, t.item_id, t.hands, t.entered_at, t.replaced_at, c.answer, c.count
                              FROM hand_tally t LEFT JOIN hand_count c ON c.tally_id = t.id
                              WHERE t.round_id = ? {where} ORDER BY t.id, c.id""",
        [round_id],
    )
    out: dict[int, dict] = {}
    for r in rows:
        key = r["id"] if history else r["item_id"]
        entry = out.setdefault(key, {k: r[k] for k in ("item_id", "hands", "entered_at", "replaced_at")} | {"counts": {}})
        if r["answer"] is not None:
            entry["counts"][r["answer"]] = r["count"]
    return out


def hand_counts(db: Database, round_id: int) -> dict[int, dict]:
    """The show of hands in force, per round item: {hands, counts (answer → hands), entered_at}."""
    return _current(db, round_id)


def hand_history(db: Database, round_id: int) -> list[dict]:
    """Every show of hands entered in the round, oldest first, replaced ones included."""
    return list(_current(db, round_id, history=True).values())


def hand_voters(db: Database, round_id: int) -> int:
    """How many people voted by hand in the round: the hands actually raised, never more than were
    declared. A hand goes up once per person on an item, so the item with the most hands (for dots,
    also the dots raised over each person's dots) says how many at least answered; those declared
    who raised no hand count no more than a device voter who sends nothing."""
    tallies = _current(db, round_id)
    if not tallies:
        return 0
    declared = max(t["hands"] for t in tallies.values())
    raised = max(sum(t["counts"].values()) for t in tallies.values())
    rnd = voting.get_round(db, round_id)
    total = sum(sum(t["counts"].values()) for t in tallies.values())
    return min(declared, max(raised, methods.get(rnd["method"]).least_hand_voters(total, rnd)))


def hand_values(method: str, counts: dict[str, int]) -> list:
    """A show of hands as the answers the consensus maths reads: ratings, gradients, 1-dot votes."""
    return methods.get(method).hand_values(counts)


# --- the words every output uses -----------------------------------------------------------------


def counted(paper: int, hands: int) -> str:
    """ "3 paper ballots and 4 by show of hands"; empty when every vote came from a device."""
    parts = [plural(paper, "paper ballot")] if paper else []
    parts += [f"{hands} by show of hands"] if hands else []
    return " and ".join(parts)


def mark(paper: int, hands: int) -> str:
    """ "includes 3 paper ballots and 4 by show of hands"; empty when every vote came from a device."""
    words = counted(paper, hands)
    return f"includes {words}" if words else ""


def short_name(name: str) -> str:
    """A paper voter's name as its round lists it: "Paper ballot 1", without the round it belongs to."""
    if name.startswith(f"{PAPER_NAME} ") and ROUND_MARK in name:
        return name.split(ROUND_MARK)[0]
    return name


def voter_label(name: str, source: str | None, suffix: str = "on paper") -> str:
    """A voter's name where ballots are listed: a named paper ballot says so ("Dora (on paper)");
    a numbered one already does ("Paper ballot 3")."""
    if source != "paper":
        return name
    if name.startswith(f"{PAPER_NAME} "):
        return short_name(name)
    return f"{name} ({suffix})"


def item_mark(paper: int, hands: int) -> str:
    """One item's votes by where they came from: "2 on paper · 3 by show of hands"; empty for none."""
    parts = [f"{paper} on paper"] if paper else []
    parts += [f"{hands} by show of hands"] if hands else []
    return " · ".join(parts)


def turnout_words(turnout: dict) -> str:
    """ "14 of 18 have voted · 3 on paper · 4 by show of hands"."""
    text = f"{turnout['voters']} of {turnout['participants']} have voted"
    if turnout.get("paper"):
        text += f" · {turnout['paper']} on paper"
    if turnout.get("hands"):
        text += f" · {turnout['hands']} by show of hands"
    return text
