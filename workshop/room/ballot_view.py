"""What a participant's ballot and results show, as plain data a page can draw: the items with
their perspective and description, the participant's current choices, how much of the ballot is
in, the time left, result cards, and a fingerprint of the room that changes only when a round
opens, closes or runs out of time; and what the ballot sends back, its shape checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlite_utils import Database

from workshop.core import disclosure, methods
from workshop.core.errors import Invalid
from workshop.db import store
from workshop.i18n import ENGLISH, Translator
from workshop.room import paper

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


UNREADABLE = "That ballot could not be read. Reload the page and vote again."


def sent_ballot(sent: object) -> tuple[int, dict]:
    """What the ballot component sent on submit, {"round": id, "choices": {item id: value}}, as the
    round's id and the choices; a refusal in words for any other shape (a browser's page can be
    made to send any JSON). The values are the round's method's to check (`voting.submit`)."""
    if not isinstance(sent, dict) or not isinstance(sent.get("choices"), dict):
        raise Invalid(UNREADABLE)
    round_id = methods.whole(sent.get("round"))
    if round_id is None or round_id <= 0:
        raise Invalid(UNREADABLE)
    return round_id, sent["choices"]


def ballot_items(db: Database, round_id: int) -> list[dict]:
    """A round's items in their order: id, title, perspective, description (what the objective,
    measure or initiative says about itself; '' when nothing was written)."""
    return store.rows(
        db,
        """
        SELECT i.id, i.label AS title, i.grouping AS perspective,
               coalesce(o.description, m.definition, n.description, '') AS description
        FROM round_item i
        LEFT JOIN objective o ON o.id = i.objective_id
        LEFT JOIN measure m ON m.id = i.measure_id
        LEFT JOIN initiative n ON n.id = i.initiative_id
        WHERE i.round_id = ? ORDER BY i.position""",
        [round_id],
    )


def current_choices(mine: dict[int, dict], method: str) -> dict[int, object]:
    """The participant's ballots as the values a ballot sends back (the method says how: dots as a
    number, a rating as "1"-"5" or "skip", a gradient, a rank, a placement, fingers as "0"-"5" …)."""
    how = methods.get(method)
    return {item_id: how.choice(ballot) for item_id, ballot in mine.items()}


def extent(mine: dict[int, dict], item_count: int, round_: dict, tr: Translator = ENGLISH) -> str:
    """ "for 4 of 6 items" (and ", 3 of 5 dots used" in a dot round)."""
    return methods.get(round_["method"]).extent(mine, item_count, round_, tr)


def seconds_left(round_: dict, now: dt.datetime | None = None) -> int | None:
    """Whole seconds until a timed round closes (0 once time is up); None without a timer."""
    if not round_.get("closes_at"):
        return None
    end = dt.datetime.fromisoformat(round_["closes_at"].replace("Z", "+00:00"))
    now = now or dt.datetime.now(dt.UTC)
    return max(0, int((end - now).total_seconds()))


def room_fingerprints(db: Database, workshop_id: int | None = None) -> dict[int, str]:
    """Per workshop, a short fingerprint of its open rounds and its latest round, each with its id and
    whether it still takes ballots (a round whose time is up counts as closed, so closing it later
    changes nothing); '' before its first round. It changes exactly when a participant's page must
    redraw."""
    scope, args = ("AND workshop_id = ?", [workshop_id]) if workshop_id is not None else ("", [])
    waiting = {} if workshop_id is not None else {r["id"]: "" for r in store.rows(db, "SELECT id FROM workshop")}
    rows = store.rows(
        db,
        f"""
        SELECT workshop_id, id,
               status = 'open' AND NOT (closes_at IS NOT NULL AND closes_at <= {_NOW}) AS taking
        FROM voting_round r
        WHERE (status = 'open' OR id = (SELECT max(id) FROM voting_round WHERE workshop_id = r.workshop_id))
        {scope}
        ORDER BY workshop_id, id""",
        args,
    )
    states: dict[int, list[str]] = {}
    for row in rows:
        states.setdefault(row["workshop_id"], []).append(f"{row['id']}:{'o' if row['taking'] else 'c'}")
    return waiting | {wid: hashlib.sha256(",".join(parts).encode()).hexdigest()[:16] for wid, parts in states.items()}


def room_fingerprint(db: Database, workshop_id: int) -> str:
    """One workshop's fingerprint ('' before its first round)."""
    return room_fingerprints(db, workshop_id).get(workshop_id, "")


def result_cards(
    rows: list[dict],
    method: str,
    *,
    scale: str = "agreement",
    named: list[dict] | None = None,
    grid_axes: str | None = None,
    tr: Translator = ENGLISH,
) -> list[dict]:
    """One card per item, in the order the method shows them: title, perspective, the verdict in
    words with a mark, the figures that matter for the method, the spread of answers and (named
    rounds) who answered what, as the small-room rule lets the room see them (`note` says what it
    withheld). Plain strings only: the page draws them as text."""
    by_label: dict[str, list[list[str]]] = {}
    for row in named or []:
        name = paper.voter_label(row["name"], row.get("source"))
        by_label.setdefault(row["label"], []).append([name, row["answer"]])
    how = methods.get(method)
    cards = []
    for r in how.card_order(rows):
        card: dict = {
            "title": r["label"],
            "perspective": r.get("grouping") or "",
            "verdict": "",
            "verdict_key": "",
            "mark": "",
            "spread": [],
            "names": by_label.get(r["label"], []),
            "note": disclosure.note_in(r.get("note", ""), tr),
            "figures": [],
        }
        if r.get("disclosure") != disclosure.WITHHELD:
            card.update(how.card(r, rows, scale, grid_axes, tr))
        cards.append(card)
    return cards
