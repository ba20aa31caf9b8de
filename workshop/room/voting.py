"""Voting rounds and ballots.

The facilitator opens a round on chosen items with one method; participants cast ballots until it
closes. Every ballot write is one `BEGIN IMMEDIATE` transaction that re-reads the round, the
participant and their other ballots, so two tabs of one participant cannot overspend a dot budget
(and the schema's triggers refuse it anyway). Every cast, change and withdrawal is logged in
`ballot_event`, so history survives a changed mind.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core import disclosure, methods
from workshop.core.clean import clean_text
from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.core.methods import VALUE_COLUMNS, whole
from workshop.db import store
from workshop.room import ledger
from workshop.room.joining import participant_by_token

METHODS = methods.names()  # each method is a module of core/methods/, found by its name
METHOD_LABELS = methods.labels()
ANONYMITY = ("named", "facilitator_only", "anonymous")
ANONYMITY_LABELS = {"named": "Named", "facilitator_only": "Names visible to the facilitator only", "anonymous": "Fully anonymous"}
SCALES = ("agreement", "importance", "confidence")
KINDS = ("objective", "measure", "initiative", "link", "cluster")  # a cluster: a brainstorm's merged cards (room/brainstorm.py)
WORKSHOP_KINDS = {1: ("objective", "link"), 2: ("measure",), 3: ("objective", "measure", "initiative", "link")}
SKIP = methods.SKIP
LINK_QUESTION = "How confident are you that each cause drives its effect?"
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


# --- what can be voted on -------------------------------------------------------------------


def eligible_items(db: Database, workshop_id: int, workshop_number: int) -> list[dict]:
    """Items a round in this workshop may hold: draft objectives in workshop 1, measures in 2,
    agreed objectives, measures and initiatives in 3 (a draft belongs to workshop 1, where it is
    decided). Each: kind, id, label, grouping (perspective)."""
    kinds = WORKSHOP_KINDS.get(int(workshop_number))
    if kinds is None:
        raise Invalid("Choose workshop 1, 2 or 3.")
    found: list[dict] = []
    if "objective" in kinds:
        statuses = ("draft",) if workshop_number == 1 else ("agreed",)
        marks = ", ".join("?" for _ in statuses)
        found += store.rows(
            db,
            f"""
            SELECT 'objective' AS kind, o.id, o.title AS label, p.name AS grouping
            FROM objective o JOIN perspective p ON p.id = o.perspective_id
            WHERE o.workshop_id = ? AND o.status IN ({marks}) ORDER BY p.position, o.id""",
            [workshop_id, *statuses],
        )
    if "measure" in kinds:
        found += store.rows(
            db,
            """
            SELECT 'measure' AS kind, m.id, m.name || ' (' || o.title || ')' AS label,
                   p.name AS grouping
            FROM measure m JOIN objective o ON o.id = m.objective_id
            JOIN perspective p ON p.id = o.perspective_id
            WHERE o.workshop_id = ? AND o.status <> 'dropped' ORDER BY p.position, o.id, m.id""",
            [workshop_id],
        )
    if "initiative" in kinds:
        found += store.rows(
            db,
            """
            SELECT 'initiative' AS kind, id, name AS label, 'Initiatives' AS grouping
            FROM initiative WHERE workshop_id = ? AND status <> 'cancelled' ORDER BY id""",
            [workshop_id],
        )
    if "link" in kinds:
        found += store.rows(
            db,
            """
            SELECT 'link' AS kind, l.id, c.title || ' → ' || e.title AS label, 'Causal links' AS grouping
            FROM causal_link l JOIN objective c ON c.id = l.cause_id JOIN objective e ON e.id = l.effect_id
            JOIN perspective pc ON pc.id = c.perspective_id
            WHERE l.workshop_id = ? AND c.status <> 'dropped' AND e.status <> 'dropped'
            ORDER BY pc.position DESC, l.id""",
            [workshop_id],
        )
    return found


def cluster_items(db: Database, workshop_id: int, brainstorm_id: int) -> list[dict]:
    """A revealed brainstorm's clusters that hold cards, as round items (a cluster's title is its label)."""
    return store.rows(
        db,
        """SELECT 'cluster' AS kind, c.id, c.title AS label, 'Brainstorm' AS grouping
           FROM brainstorm_cluster c JOIN brainstorm b ON b.id = c.brainstorm_id
           WHERE b.id = ? AND b.workshop_id = ? AND b.status <> 'open'
             AND EXISTS (SELECT 1 FROM brainstorm_card k WHERE k.cluster_id = c.id)
           ORDER BY c.id""",
        [brainstorm_id, workshop_id],
    )


# --- rounds -------------------------------------------------------------------------------


def open_round(
    db: Database,
    workshop_id: int,
    items: list[tuple[str, int]],
    *,
    method: str,
    workshop_number: int = 1,
    title: str = "",
    scale: str = "agreement",
    anonymity: str = "named",
    results_hidden: bool = True,
    dots_total: int = 5,
    dots_per_item: int = 2,
    timer_seconds: int | None = None,
    parent_id: int | None = None,
    grid_axes: str | None = None,
    min_voters: int = disclosure.MIN_VOTERS,
    brainstorm_id: int | None = None,
) -> int:
    """Open a round on `items` ((kind, id) pairs, in the order shown to the room). The method checks
    its own settings (a grid's axes, a preset whose default suits the first item's kind; a split's
    initiatives; the dots). A round that is not named hides its results until it closes and shows
    them only from `min_voters` voters on (core/disclosure.py). With `brainstorm_id`, the items are
    that brainstorm's clusters (room/brainstorm.py sends them)."""
    how = methods.get(method)
    if anonymity not in ANONYMITY:
        raise Invalid("Choose named, facilitator-only or anonymous.")
    if scale not in SCALES:
        raise Invalid("A rating is of agreement, of importance or of confidence.")
    if not items:
        raise Invalid("Choose at least one item to vote on.")
    pairs = [(str(kind), item_id) for kind, item_id in items]
    settings = {"dots_total": dots_total, "dots_per_item": dots_per_item, "grid_axes": grid_axes}
    grid_axes = how.round_settings([kind for kind, _ in pairs], pairs, settings)["grid_axes"]
    if timer_seconds is not None and not (10 <= int(timer_seconds) <= 86400):
        raise Invalid("A timer runs from 10 seconds to 24 hours.")
    try:
        min_voters = disclosure.validate_min_voters(min_voters)
    except ValueError as error:
        raise Invalid(str(error)) from None
    if disclosure.protects(anonymity):
        results_hidden = True  # watching a tally move as one person votes would show their vote
    title = clean_text(title, "The round's title", max_len=200, multiline=False)
    offered = cluster_items(db, workshop_id, brainstorm_id) if brainstorm_id is not None else eligible_items(db, workshop_id, workshop_number)
    allowed = {(i["kind"], i["id"]): i for i in offered}
    chosen = [(str(kind), int(item_id)) for kind, item_id in dict.fromkeys(items)]
    missing = [c for c in chosen if c not in allowed]
    if missing:
        raise Invalid(f"Workshop {workshop_number} cannot vote on that {missing[0][0]}; choose from the list offered.")
    with store.write(db):
        _refuse_same_open_round(
            db,
            workshop_id,
            chosen,
            workshop_number=int(workshop_number),
            method=method,
            anonymity=anonymity,
            scale=scale,
            grid_axes=grid_axes,
            min_voters=min_voters,
        )
        round_id = store.insert(
            db,
            "voting_round",
            {
                "workshop_id": workshop_id,
                "workshop_number": int(workshop_number),
                "title": title or how.label,
                "method": method,
                "scale": scale,
                "anonymity": anonymity,
                "results_hidden": int(bool(results_hidden)),
                "dots_total": int(dots_total),
                "dots_per_item": int(dots_per_item),
                "timer_seconds": int(timer_seconds) if timer_seconds else None,
                "parent_id": parent_id,
                "min_voters": min_voters,
                "salt": ledger.new_salt(),
                "grid_axes": grid_axes,
            },
        )
        if timer_seconds:
            db.execute(
                f"UPDATE voting_round SET closes_at = strftime('%Y-%m-%dT%H:%M:%fZ', opened_at, '+{int(timer_seconds)} seconds') WHERE id = ?",
                [round_id],
            )
        for position, key in enumerate(chosen, start=1):
            item = allowed[key]
            store.insert(
                db,
                "round_item",
                {"round_id": round_id, f"{key[0]}_id": key[1], "label": item["label"], "grouping": item["grouping"], "position": position},
            )
    return round_id


def _refuse_same_open_round(db: Database, workshop_id: int, chosen: list[tuple[str, int]], **same) -> None:
    """Opening is idempotent: the same items with the same settings (method, anonymity, scale, a grid's
    axes, the small-room minimum) while such a round is open (a second tab, a double click) opens nothing new."""
    wanted = set(chosen)
    where = " AND ".join(f"{column} IS ?" for column in same)
    for rnd in store.rows(
        db, f"SELECT id, number FROM voting_round WHERE workshop_id = ? AND status = 'open' AND {where}", [workshop_id, *same.values()]
    ):
        items = store.rows(db, "SELECT objective_id, measure_id, initiative_id, link_id FROM round_item WHERE round_id = ?", [rnd["id"]])
        have = {next((k, r[f"{k}_id"]) for k in KINDS if r[f"{k}_id"] is not None) for r in items}
        if have == wanted:
            raise Duplicate(f"That round is already open (round {rnd['number']}, perhaps from another tab): nothing new was opened.")


def get_round(db: Database, round_id: int) -> dict:
    return store.get(db, "voting_round", round_id, "voting round")


def rounds(db: Database, workshop_id: int) -> list[dict]:
    close_due_rounds(db, workshop_id)
    return store.rows(db, "SELECT * FROM voting_round WHERE workshop_id = ? ORDER BY id DESC", [workshop_id])


def round_items(db: Database, round_id: int) -> list[dict]:
    return store.rows(
        db,
        """SELECT *, CASE WHEN objective_id IS NOT NULL THEN 'objective'
                                   WHEN measure_id IS NOT NULL THEN 'measure'
                                   WHEN link_id IS NOT NULL THEN 'link' WHEN cluster_id IS NOT NULL THEN 'cluster'
                                   ELSE 'initiative' END AS kind
                             FROM round_item WHERE round_id = ? ORDER BY position""",
        [round_id],
    )


def close_round(db: Database, round_id: int) -> None:
    """Close a round (closing twice is harmless). Each voter's ballots get one sheet number, drawn
    at random; a fully anonymous round then forgets who voted, and the sheet keeps a voter's ballots
    together (a ranking adds up per voter) without saying whose they were."""
    with store.write(db):
        rnd = get_round(db, round_id)
        if rnd["status"] == "closed":
            return
        voters = store.count(db, "SELECT count(DISTINCT participant_id) AS n FROM ballot WHERE round_id = ?", [round_id])
        paper = store.count(db, "SELECT count(DISTINCT participant_id) AS n FROM ballot WHERE round_id = ? AND source = 'paper'", [round_id])
        people = [
            r["participant_id"]
            for r in store.rows(
                db, "SELECT DISTINCT participant_id FROM ballot WHERE round_id = ? AND participant_id IS NOT NULL ORDER BY participant_id", [round_id]
            )
        ]
        for participant_id, sheet in disclosure.shuffled_sheets(people).items():
            db.execute("UPDATE ballot SET sheet = ? WHERE round_id = ? AND participant_id = ?", [sheet, round_id, participant_id])
        anonymous = rnd["anonymity"] == "anonymous"
        now = (store.one(db, f"SELECT {_NOW} AS now") or {})["now"]
        if anonymous:  # forget who, and when each ballot came (a watched clock would say who)
            db.execute("UPDATE ballot SET participant_id = NULL, cast_at = ? WHERE round_id = ?", [now, round_id])
            db.execute("UPDATE ballot_event SET participant_id = NULL, at = ? WHERE round_id = ?", [now, round_id])
            ledger.forget_sources(db, round_id)  # and which ballot came on paper (that would say whose)
        db.execute(
            "UPDATE voting_round SET status = 'closed', closed_at = ?, voters = ?, paper_voters = ? WHERE id = ?", [now, voters, paper, round_id]
        )
        ledger.seal(db, round_id, forget=anonymous)


def close_due_rounds(db: Database, workshop_id: int) -> None:
    """Close the workshop's rounds whose timer has run out."""
    due = store.rows(
        db,
        f"""SELECT id FROM voting_round WHERE workshop_id = ? AND status = 'open'
                             AND closes_at IS NOT NULL AND closes_at <= {_NOW}""",
        [workshop_id],
    )
    for row in due:
        close_round(db, row["id"])


def open_rounds(db: Database, workshop_id: int) -> list[dict]:
    close_due_rounds(db, workshop_id)
    return store.rows(db, "SELECT * FROM voting_round WHERE workshop_id = ? AND status = 'open' ORDER BY id", [workshop_id])


def room_state(db: Database, workshop_id: int) -> tuple:
    """A cheap fingerprint of the rounds (ids and statuses): a waiting page polls it and reruns
    only when it changes."""
    row = store.one(
        db,
        f"""SELECT group_concat(id || ':' || status || ':'
                                   || (closes_at IS NOT NULL AND closes_at <= {_NOW})) AS s
                           FROM voting_round WHERE workshop_id = ? AND (status = 'open'
                           OR id = (SELECT max(id) FROM voting_round WHERE workshop_id = ?))""",
        [workshop_id, workshop_id],
    )
    return ((row or {}).get("s") or "",)


# --- ballots ------------------------------------------------------------------------------


def _voting_context(db: Database, token: str, round_id: int) -> tuple[dict, dict, dict[int, dict]]:
    """Inside the write transaction: the participant, the open round and its items, or a refusal
    (a round id is whatever a page sent: a crafted 1e30 or "two" is no round of the workshop)."""
    participant = participant_by_token(db, token)
    rid = whole(round_id)
    query = f"SELECT *, (closes_at IS NOT NULL AND closes_at <= {_NOW}) AS timed_out FROM voting_round WHERE id = ?"
    rnd = None if rid is None else store.one(db, query, [rid])
    if rnd is None or rnd["workshop_id"] != participant["workshop_id"]:
        raise NotFound("That vote is not part of your workshop; reload the page.")
    if rnd["status"] == "closed":
        raise Invalid("This round is closed, so your vote was not counted.")
    if rnd["timed_out"]:
        raise Invalid("Time is up for this round, so your vote was not counted.")
    items = {i["id"]: i for i in store.rows(db, "SELECT * FROM round_item WHERE round_id = ?", [rid])}
    return participant, rnd, items


def empty_value(value: dict) -> dict:
    """A ballot's value with every column present (the unused ones None, `skipped` 0)."""
    return {c: value.get(c, 0 if c == "skipped" else None) for c in VALUE_COLUMNS}


def _put(db: Database, rnd: dict, participant_id: int, item_id: int, value: dict | None, source: str = "device") -> None:
    """Set one ballot to `value` (column → value) or withdraw it (None), logging the event;
    `source` "paper" for a paper voter's ballot, entered by the facilitator."""
    current = store.one(db, "SELECT * FROM ballot WHERE round_id = ? AND item_id = ? AND participant_id = ?", [rnd["id"], item_id, participant_id])
    if value is not None:
        value = empty_value(value)
    if current is None and value is None:
        return
    if current is not None and value is not None and all(current[c] == value[c] for c in VALUE_COLUMNS):
        return
    if value is None:
        assert current is not None
        db.execute("DELETE FROM ballot WHERE id = ?", [current["id"]])
        action, logged = "withdrawn", {c: current[c] for c in VALUE_COLUMNS}
    elif current is None:
        db.execute(
            f"INSERT INTO ballot (round_id, item_id, participant_id, source, {', '.join(VALUE_COLUMNS)}) "
            f"VALUES (?, ?, ?, ?, {', '.join('?' for _ in VALUE_COLUMNS)})",
            [rnd["id"], item_id, participant_id, source, *value.values()],
        )
        action, logged = "cast", value
    else:
        sets = ", ".join(f"{c} = ?" for c in VALUE_COLUMNS)
        db.execute(f"UPDATE ballot SET {sets}, cast_at = {_NOW} WHERE id = ?", [*value.values(), current["id"]])
        action, logged = "changed", value
    ledger.append(db, rnd["id"], item_id, participant_id, action, logged, source)


def _check_item(items: dict[int, dict], item_id) -> int:
    item_id = whole(item_id)  # an item's id as a page sends it ("12" or 12; never 12.5 or true)
    if item_id not in items:
        raise Invalid("That item is not part of this round; reload the page to see what is.")
    return item_id


def _amounts(db: Database, round_id: int, participant_id: int, column: str) -> dict[int, int]:
    """The voter's dots or points in a round, item by item."""
    return {
        r["item_id"]: r[column]
        for r in store.rows(
            db, f"SELECT item_id, {column} FROM ballot WHERE round_id = ? AND participant_id = ? AND {column} IS NOT NULL", [round_id, participant_id]
        )
    }


def add_dot(db: Database, token: str, round_id: int, item_id: int, count: int = 1) -> None:
    """Put `count` more dots on an item (negative takes them back)."""
    with store.write(db):
        participant, rnd, items = _voting_context(db, token, round_id)
        if "dots" not in methods.get(rnd["method"]).columns:
            raise Invalid(f"This round uses {METHOD_LABELS[rnd['method']].lower()}; reload the page.")
        item_id = _check_item(items, item_id)
        used = _amounts(db, round_id, participant["id"], "dots")
        cast(db, rnd, items, participant["id"], {item_id: used.get(item_id, 0) + int(count)}, partial=True)


def rate(db: Database, token: str, round_id: int, item_id: int, rating) -> None:
    """Rate one item 1–5, or "skip"; None withdraws the rating."""
    submit(db, token, round_id, {item_id: rating}, partial=True)


def submit(db: Database, token: str, round_id: int, choices: dict, *, partial: bool = False) -> None:
    """A whole ballot in one transaction (a submitted form): item → value. For dots the value is a
    number of dots; for rating 1–5 or "skip"; for gradients a gradient; for ranking a rank (1 =
    best, unique within a perspective). Items left out (or None) are withdrawn unless `partial`."""
    with store.write(db):
        participant, rnd, items = _voting_context(db, token, round_id)
        cast(db, rnd, items, participant["id"], choices, partial=partial)


def cast(
    db: Database, rnd: dict, items: dict[int, dict], participant_id: int, choices: dict, *, partial: bool = False, source: str = "device"
) -> None:
    """Inside the caller's write: one voter's ballot in the open round `rnd` (see `submit`). The
    round's method turns the choices into ballot values, or refuses them in words."""
    method = methods.get(rnd["method"])
    if not isinstance(choices, dict) or len(choices) > len(items):  # one answer per item, as a page sends it
        raise Invalid("That ballot could not be read: it should hold one answer per item of the round. Reload the page and vote again.")
    wanted = {_check_item(items, i): v for i, v in choices.items()}
    budget = method.amount_column  # dots or points: a ballot spends a budget, so it is always whole
    if budget and partial:  # `partial` changes some items' dots or points
        wanted = {**_amounts(db, rnd["id"], participant_id, budget), **wanted}
    values = method.values(items, wanted, rnd, source)
    targets = values if partial and not budget else {i: values.get(i) for i in items}
    if budget:  # fewer dots or points first, so no moment holds more than the budget
        now = _amounts(db, rnd["id"], participant_id, budget)
        targets = dict(sorted(targets.items(), key=lambda t: method.amount(t[1]) - now.get(t[0], 0)))
    for item_id, value in targets.items():
        _put(db, rnd, participant_id, item_id, value, source)


def my_points(db: Database, round_id: int, participant_id: int) -> dict[int, int]:
    return _amounts(db, round_id, participant_id, "points")


def withdraw(db: Database, token: str, round_id: int, item_id: int) -> None:
    """Take back one's ballot on an item (any method)."""
    with store.write(db):
        participant, rnd, items = _voting_context(db, token, round_id)
        _put(db, rnd, participant["id"], _check_item(items, item_id), None)


def my_ballots(db: Database, token: str, round_id: int) -> dict[int, dict]:
    """The participant's own ballots in a round (item → ballot); nobody else's."""
    participant = participant_by_token(db, token)
    return {b["item_id"]: b for b in store.rows(db, "SELECT * FROM ballot WHERE round_id = ? AND participant_id = ?", [round_id, participant["id"]])}


def history(db: Database, round_id: int) -> list[dict]:
    """Every cast, change and withdrawal in the round, oldest first."""
    return store.rows(db, "SELECT * FROM ballot_event WHERE round_id = ? ORDER BY id", [round_id])
