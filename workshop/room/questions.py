"""Questions from the room: asked during any phase, anonymously or by name as the workshop allows,
upvoted by the others, ranked, marked answered, hidden, put on the projector.

Who asked is stored (to mark one's own question, and to refuse upvoting it), but a read for the room,
the facilitator or the projector never selects the name of an anonymous question: it is not in the
rows these functions return. Upvotes are rows, one per person and question (the schema's primary
key), counted when read, so a double tap or two servers racing cannot count one twice.
"""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from workshop.core.clean import clean_choice, clean_text, whole
from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.db import store
from workshop.i18n import N_
from workshop.room.joining import participant_by_token

MAX_LENGTH = 500
# what the facilitator allows: anonymous only, named only, each person chooses, no new questions
NAME_RULES = ("anonymous", "named", "choice", "off")
OPEN, ANSWERED, HIDDEN = "open", "answered", "hidden"

# The ranking: most upvotes first, the newest breaking ties (a new question is not buried under
# older ones nobody upvoted either).
_COUNTED = """
SELECT q.id, q.body, q.status, q.on_screen, q.asked_at, q.anonymous, q.participant_id,
       CASE WHEN q.anonymous = 1 THEN NULL ELSE p.name END AS name,
       (SELECT count(*) FROM question_upvote u WHERE u.question_id = q.id) AS upvotes
FROM question q JOIN participant p ON p.id = q.participant_id
WHERE q.workshop_id = ? {where}
ORDER BY upvotes DESC, q.id DESC"""


def name_rule(db: Database, workshop_id: int) -> str:
    row = store.one(db, "SELECT question_names FROM workshop WHERE id = ?", [workshop_id])
    if row is None:
        raise NotFound("No workshop with that id.")
    return row["question_names"]


def set_name_rule(db: Database, workshop_id: int, rule: str) -> None:
    """What the room may do: ask anonymously only, by name only, choose, or ask nothing new."""
    store.update(db, "workshop", workshop_id, {"question_names": clean_choice(rule, "Who may be named", NAME_RULES)})


def ask(db: Database, token: str, body: object, *, anonymous: bool = True) -> int:
    """A participant's question; the workshop's rule decides whether it may carry their name."""
    text = "" if body is None else str(body).strip()
    if len(text) > MAX_LENGTH:
        raise Invalid(N_("A question holds at most {limit} characters; this one has {n}. Shorten it and ask again."), limit=MAX_LENGTH, n=len(text))
    text = clean_text(text, N_("Your question"), required=True, max_len=MAX_LENGTH)
    with store.write(db):
        me = participant_by_token(db, token)
        rule = name_rule(db, me["workshop_id"])
        if rule == "off":
            raise Invalid(N_("The facilitator is not taking questions right now."))
        hidden_name = {"anonymous": True, "named": False}.get(rule, bool(anonymous))
        return store.insert(
            db, "question", {"workshop_id": me["workshop_id"], "participant_id": me["id"], "body": text, "anonymous": int(hidden_name)}
        )


def _question(db: Database, workshop_id: int, question_id: object) -> dict:
    qid = whole(question_id)
    row = store.one(db, "SELECT * FROM question WHERE id = ? AND workshop_id = ?", [qid, workshop_id]) if qid is not None else None
    if row is None:
        raise NotFound(N_("That question is no longer here; the list has been refreshed."))
    return row


def upvote(db: Database, token: str, question_id: object) -> None:
    """One upvote per person and question; a second tap (or a race) changes nothing."""
    try:
        with store.write(db):
            me = participant_by_token(db, token)
            question = _question(db, me["workshop_id"], question_id)
            if question["participant_id"] == me["id"]:
                raise Invalid(N_("This is your own question: the others upvote it."))
            if question["status"] == HIDDEN:
                raise NotFound(N_("That question is no longer here; the list has been refreshed."))
            store.insert(db, "question_upvote", {"question_id": question["id"], "participant_id": me["id"]})
    except Duplicate:
        return  # already upvoted: nothing changes


def withdraw_upvote(db: Database, token: str, question_id: object) -> None:
    with store.write(db):
        me = participant_by_token(db, token)
        question = _question(db, me["workshop_id"], question_id)
        store.delete_where(db, "question_upvote", "question_id = ? AND participant_id = ?", [question["id"], me["id"]])


def for_participant(db: Database, token: str) -> list[dict]:
    """What a participant sees, ranked: open and answered questions (never hidden ones), each with
    its upvotes, whether it is `mine`, whether I `upvoted` it, and a name only if it was asked by name."""
    me = participant_by_token(db, token)
    rows = store.rows(db, _COUNTED.format(where="AND q.status <> 'hidden'"), [me["workshop_id"]])
    mine_up = {r["question_id"] for r in store.rows(db, "SELECT question_id FROM question_upvote WHERE participant_id = ?", [me["id"]])}
    return [_public(r) | {"mine": r["participant_id"] == me["id"], "upvoted": r["id"] in mine_up} for r in rows]


def _public(row: dict) -> dict:
    """A question as the room may see it: no asker's id, a name only when asked by name."""
    return {k: v for k, v in row.items() if k != "participant_id"}


def ranked(db: Database, workshop_id: int, *, hidden: bool = False) -> list[dict]:
    """The facilitator's list, ranked; hidden questions only when asked for."""
    where = "" if hidden else "AND q.status <> 'hidden'"
    return [_public(r) for r in store.rows(db, _COUNTED.format(where=where), [workshop_id])]


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _set(db: Database, workshop_id: int, question_id: object, values: dict) -> None:
    with store.write(db):
        question = _question(db, workshop_id, question_id)
        store.update(db, "question", question["id"], values | {"changed_at": _now()})


def mark_answered(db: Database, workshop_id: int, question_id: object, answered: bool = True) -> None:
    _set(db, workshop_id, question_id, {"status": ANSWERED if answered else OPEN})


def hide(db: Database, workshop_id: int, question_id: object, hidden: bool = True) -> None:
    """An abusive question leaves every list and the projector; shown again, it comes back open."""
    _set(db, workshop_id, question_id, {"status": HIDDEN, "on_screen": 0} if hidden else {"status": OPEN})


def show_on_screen(db: Database, workshop_id: int, question_id: object | None) -> None:
    """Put one question on the projector (taking any other off), or none (`question_id` None)."""
    with store.write(db):
        for shown in store.rows(db, "SELECT id FROM question WHERE workshop_id = ? AND on_screen = 1", [workshop_id]):
            store.update(db, "question", shown["id"], {"on_screen": 0, "changed_at": _now()})
        if question_id is not None:
            question = _question(db, workshop_id, question_id)
            if question["status"] == HIDDEN:
                raise Invalid("A hidden question cannot go on the projector; show it again first.")
            store.update(db, "question", question["id"], {"on_screen": 1, "changed_at": _now()})


def on_screen_id(db: Database, workshop_id: int) -> int | None:
    """The id of the question on the projector (one indexed query, cheap enough for every second)."""
    row = store.one(db, "SELECT id FROM question WHERE workshop_id = ? AND on_screen = 1", [workshop_id])
    return row["id"] if row else None


def on_screen(db: Database, workshop_id: int) -> dict | None:
    """The question on the projector, with its upvotes and its place, or None."""
    rows = ranked(db, workshop_id)
    for place, row in enumerate(rows, start=1):
        if row["on_screen"]:
            return row | {"place": place, "of": len(rows)}
    return None


def fingerprint(db: Database, workshop_id: int) -> tuple:
    """Changes whenever a question is asked, upvoted, withdrawn, answered, hidden or put on screen:
    a page redraws its list only then."""
    row = store.one(
        db,
        """SELECT count(*) AS n, coalesce(max(q.id), 0) AS last, coalesce(max(q.changed_at), '') AS changed,
                  coalesce(sum(q.on_screen * q.id), 0) AS shown,
                  (SELECT count(*) FROM question_upvote u JOIN question q2 ON q2.id = u.question_id WHERE q2.workshop_id = ?) AS up
           FROM question q WHERE q.workshop_id = ?""",
        [workshop_id, workshop_id],
    )
    return tuple(row.values()) if row else ()
