"""The ballot ledger: every change to a ballot is an event, and each round's events form a hash
chain, so a result can be verified by anyone holding the file.

Each event's `hash` is SHA-256 of the previous event's hash in the same round and the event's own
content: the item's position in the round, the voter's tag, the action and the values. The voter's
tag is SHA-256 of a per-round secret, the item's position and the participant, so one person's
ballots on two items cannot be linked through it; a fully anonymous round forgets its secret when
it closes, together with the participant ids. When a round closes, its last hash becomes the
round's *fingerprint*, shown at close and printed in the report.

The fingerprint also seals the round's settings (its method, anonymity, minimum of voters, count of
voters …: `SETTINGS`), so the small-room rule cannot be stripped after the fact; a round closed before
settings were sealed keeps the fingerprint it was given (`seal_version` 1). The workshop seals its list
of closed rounds (`workshop.rounds_seal`: each one's number, fingerprint and settings), so a round
deleted whole, or set back to open, is caught too.

`verify` recomputes every chain of a workshop and replays it: an event edited in the database
afterwards breaks its own hash; a ballot edited afterwards no longer matches what the chain says
was cast. Times are not part of the chain (a moved clock changes no vote).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from dataclasses import dataclass, field

from sqlite_utils import Database

from workshop.core import disclosure
from workshop.core.methods import VALUE_COLUMNS
from workshop.db import store

# The columns every event has hashed since the chain began; each later group (a grid's placement and
# a split's points; fist-to-five's fingers; a hypothesis vote's answer) joins the hashed content only when one of its columns
# holds a value, so older chains verify as before.
_FIRST_COLUMNS = VALUE_COLUMNS[:5]
_LATER_GROUPS = (VALUE_COLUMNS[5:8], VALUE_COLUMNS[8:9], VALUE_COLUMNS[9:10])
EMPTY = hashlib.sha256(b"scorecard-workshop: a round with no ballots").hexdigest()
# What a closed round's fingerprint seals besides its ballots (seal version 2; version 1 sealed none).
SETTINGS = (
    "number",
    "workshop_number",
    "title",
    "method",
    "scale",
    "anonymity",
    "dots_total",
    "dots_per_item",
    "grid_axes",
    "min_voters",
    "voters",
    "paper_voters",
)
SEAL_VERSION = 2
ACTION_WORDS = {
    "cast": "a ballot cast",
    "changed": "a ballot changed",
    "withdrawn": "a ballot withdrawn",
    "removed": "a ballot withdrawn when its voter was removed",
}


def new_salt() -> str:
    return secrets.token_hex(16)


def voter_tag(salt: str | None, position: int, participant_id: int | None) -> str | None:
    if not salt or participant_id is None:
        return None
    return hashlib.sha256(f"{salt}:{position}:{participant_id}".encode()).hexdigest()[:24]


def event_hash(previous: str, position: int, voter: str | None, action: str, values: dict, source: str = "device") -> str:
    """In a named round a paper ballot's events (entered by the facilitator) carry "paper" in their
    content, so the mark cannot be added or taken off afterwards; a device's events hash as they
    always did. A facilitator-only or anonymous round hashes every event as a device's (`hashed_source`):
    a hash that held "paper" would tell anyone holding the file which ballot came on paper, and so
    whose it was, by hashing it both ways."""
    fields = [values.get(c) for c in _FIRST_COLUMNS]
    for group in _LATER_GROUPS:
        later = [values.get(c) for c in group]
        if any(v is not None for v in later):
            fields += later
    parts = [previous, position, voter, action, *fields]
    content = json.dumps(parts + ([source] if source != "device" else []), separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(content.encode()).hexdigest()


def hashed_source(anonymity: str | None, source: str) -> str:
    """Where a ballot came from, as its round's chain hashes it (see `event_hash`)."""
    return "device" if disclosure.protects(anonymity) else source


def _last_hash(db: Database, round_id: int) -> str:
    row = store.one(db, "SELECT hash FROM ballot_event WHERE round_id = ? ORDER BY id DESC LIMIT 1", [round_id])
    return (row or {}).get("hash") or ""


def append(db: Database, round_id: int, item_id: int, participant_id: int, action: str, values: dict, source: str = "device") -> None:
    """Log one change of a ballot at the end of its round's chain (inside the caller's write);
    `source` "paper" for a ballot the facilitator entered from paper."""
    row = store.one(
        db,
        """SELECT i.position, r.salt, r.anonymity FROM round_item i JOIN voting_round r ON r.id = i.round_id
                           WHERE i.id = ? AND i.round_id = ?""",
        [item_id, round_id],
    )
    assert row is not None, "an event for an item outside its round"
    values = {c: values.get(c, 0 if c == "skipped" else None) for c in VALUE_COLUMNS}
    voter = voter_tag(row["salt"], row["position"], participant_id)
    digest = event_hash(_last_hash(db, round_id), row["position"], voter, action, values, hashed_source(row["anonymity"], source))
    db.execute(
        f"""INSERT INTO ballot_event (round_id, item_id, participant_id, voter, action, hash, source,
                   {", ".join(VALUE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, {", ".join("?" for _ in VALUE_COLUMNS)})""",
        [round_id, item_id, participant_id, voter, action, digest, source, *values.values()],
    )


def hands_in_force(db: Database, round_id: int) -> list:
    """The round's show of hands as it counts (room/paper.py), in a fixed order: per item its
    position, the people voting by hand and each answer's hands."""
    rows = store.rows(
        db,
        """SELECT i.position, t.hands, c.answer, c.count FROM hand_tally t
                             JOIN round_item i ON i.id = t.item_id LEFT JOIN hand_count c ON c.tally_id = t.id
                             WHERE t.round_id = ? AND t.replaced_at IS NULL ORDER BY i.position, c.answer""",
        [round_id],
    )
    state: dict[int, list] = {}
    for r in rows:
        entry = state.setdefault(r["position"], [r["position"], r["hands"], []])
        if r["answer"] is not None:
            entry[2].append([r["answer"], r["count"]])
    return list(state.values())


def _digest(content: list) -> str:
    return hashlib.sha256(json.dumps(content, separators=(",", ":"), ensure_ascii=True).encode()).hexdigest()


def sealed(last_hash: str, hands: list, settings: list | None = None) -> str:
    """A round's fingerprint: its chain's last hash; with a show of hands, that hash and the hands
    as they counted, hashed together (a round without hands keeps the fingerprint it always had);
    from seal version 2 on, with the round's settings hashed in as well."""
    chained = _digest([last_hash or EMPTY, "hands", hands]) if hands else last_hash or EMPTY
    return chained if settings is None else _digest([chained, "settings", settings])


def settings_of(rnd: dict) -> list:
    """What a closed round's fingerprint seals besides its ballots (never an id: a copy keeps them)."""
    return [[c, rnd.get(c)] for c in SETTINGS]


def seal(db: Database, round_id: int, *, forget: bool) -> str:
    """At close, once the round is marked closed (inside its write): the round's fingerprint (its
    last hash, its show of hands and its settings), stored, and the workshop's list of closed rounds
    sealed again; `forget` drops the voters' secret."""
    rnd = store.get(db, "voting_round", round_id, "voting round")
    fingerprint = sealed(_last_hash(db, round_id), hands_in_force(db, round_id), settings_of(rnd))
    db.execute(
        f"UPDATE voting_round SET fingerprint = ?, seal_version = ?{', salt = NULL' if forget else ''} WHERE id = ?",
        [fingerprint, SEAL_VERSION, round_id],
    )
    seal_rounds(db, rnd["workshop_id"])
    return fingerprint


def _closed_rounds(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM voting_round WHERE workshop_id = ? AND status = 'closed' ORDER BY number, id", [workshop_id])


def rounds_sealed(rounds: list[dict]) -> str:
    """The seal of a workshop's closed rounds: each one's number, seal version, fingerprint and settings."""
    return _digest(["closed rounds", [[r["number"], r.get("seal_version") or 1, r["fingerprint"], settings_of(r)] for r in rounds]])


def seal_rounds(db: Database, workshop_id: int) -> None:
    """Seal the workshop's list of closed rounds as it stands (inside the caller's write)."""
    db.execute("UPDATE workshop SET rounds_seal = ? WHERE id = ?", [rounds_sealed(_closed_rounds(db, workshop_id)), workshop_id])


def rounds_problem(db: Database, workshop_id: int) -> str | None:
    """The workshop's closed rounds must be the ones it sealed: none removed, reopened or changed."""
    workshop = store.get(db, "workshop", workshop_id, "workshop")
    if rounds_sealed(_closed_rounds(db, workshop_id)) == workshop.get("rounds_seal"):
        return None
    return (
        "The workshop's list of closed rounds does not match its seal: a closed round was removed, reopened, "
        "or its fingerprint or settings changed afterwards."
    )


def short(fingerprint: str | None) -> str:
    """A fingerprint as people read it aloud: four groups of four."""
    f = (fingerprint or "").upper()
    return " ".join(f[i : i + 4] for i in range(0, 16, 4)) if f else ""


@dataclass(frozen=True)
class Problem:
    round_number: int
    round_title: str
    event_id: int | None
    what: str

    def __str__(self) -> str:
        where = f"Round {self.round_number} “{self.round_title}”"
        return f"{where}, event {self.event_id}: {self.what}" if self.event_id else f"{where}: {self.what}"


@dataclass(frozen=True)
class RoundCheck:
    round_number: int
    title: str
    events: int
    fingerprint: str | None
    problem: Problem | None


def _values(row: dict, protected: bool = False) -> tuple:
    """What a ballot holds, as the chain is replayed against the stored ballots; where it came from
    only in a named round (a protected round does not hash it, an anonymous one forgets it)."""
    return (*(row[c] for c in VALUE_COLUMNS), "device" if protected else row.get("source") or "device")


def forget_sources(db: Database, round_id: int) -> None:
    """At an anonymous round's close (inside its write): every ballot and event reads as a device's,
    so no ballot can be told apart as the one that came on paper; the round keeps how many voted on
    paper (`voting_round.paper_voters`)."""
    db.execute("UPDATE ballot SET source = 'device' WHERE round_id = ?", [round_id])
    db.execute("UPDATE ballot_event SET source = 'device' WHERE round_id = ?", [round_id])


def check_round(db: Database, rnd: dict, number: int) -> RoundCheck:
    """Recompute one round's chain and replay it against the stored ballots."""
    events = store.rows(
        db,
        """SELECT e.*, i.position, i.label FROM ballot_event e
                               JOIN round_item i ON i.id = e.item_id WHERE e.round_id = ? ORDER BY e.id""",
        [rnd["id"]],
    )
    title = rnd["title"] or "untitled"
    protected = disclosure.protects(rnd.get("anonymity"))
    replay = _replay(rnd, events, protected)
    if replay.broken is not None:
        found: tuple[int | None, str] | None = _edited_event(replay.broken)
    else:
        found = _fingerprint_problem(db, rnd, replay.last_hash)
    if found is None and not any(e["voter"] is None for e in events):
        found = _ballot_problem(db, rnd["id"], events, replay, protected)
    problem = Problem(number, title, *found) if found else None
    return RoundCheck(number, title, len(events), rnd.get("fingerprint"), problem)


@dataclass
class _Replay:
    """A round's chain walked event by event: the last hash that matched, and for each (item, voter)
    what the chain says is cast now and the event that cast it; `broken` is the first event whose
    hash does not match (the walk stops there)."""

    last_hash: str = ""
    cast: dict[tuple, tuple] = field(default_factory=dict)
    cast_by: dict[tuple, dict] = field(default_factory=dict)
    broken: dict | None = None


def _replay(rnd: dict, events: list[dict], protected: bool) -> _Replay:
    replay = _Replay()
    for e in events:
        source = hashed_source(rnd.get("anonymity"), e.get("source") or "device")
        expected = {event_hash(replay.last_hash, e["position"], e["voter"], e["action"], e, source)}
        if protected:  # a chain from before protected rounds stopped hashing "paper"
            expected.add(event_hash(replay.last_hash, e["position"], e["voter"], e["action"], e, "paper"))
        if e["hash"] not in expected:
            replay.broken = e
            return replay
        replay.last_hash = e["hash"]
        key = (e["item_id"], e["voter"])
        if e["action"] in ("cast", "changed"):
            replay.cast[key], replay.cast_by[key] = _values(e, protected), e
        else:
            replay.cast.pop(key, None)
    return replay


def _edited_event(e: dict) -> tuple[int, str]:
    action = ACTION_WORDS.get(e["action"], e["action"])
    if e.get("source") == "paper":
        action = action.replace("a ballot", "a paper ballot (entered by the facilitator)", 1)
    return e["id"], f"{action} on “{e['label']}” does not match its fingerprint: it was edited after it was recorded."


def _fingerprint_problem(db: Database, rnd: dict, last_hash: str) -> tuple[None, str] | None:
    """A closed round's chain (show of hands and settings) must still end at the fingerprint shown at
    close; a closed round always has one, an open round never."""
    if rnd["status"] != "closed":
        if rnd.get("fingerprint"):
            return None, "the round is open but has a fingerprint: it was closed and set back to open afterwards."
        return None
    if not rnd.get("fingerprint"):
        return None, "the round is closed but has no fingerprint: a closed round is always sealed, so its fingerprint was removed afterwards."
    hands = hands_in_force(db, rnd["id"])
    with_settings = (rnd.get("seal_version") or 1) >= SEAL_VERSION
    if sealed(last_hash, hands, settings_of(rnd) if with_settings else None) == rnd["fingerprint"]:
        return None
    if with_settings:
        what = "the ballots, the show of hands" if hands else "the ballots"
        changed = "a hand count, a ballot event or a setting" if hands else "a ballot event or a setting"
        return (
            None,
            f"{what} and the round's settings (its method, anonymity, minimum and count of voters …) do not end at "
            f"the fingerprint shown when the round closed: {changed} was changed, added or removed afterwards.",
        )
    if hands:
        return (
            None,
            "the ballots and the show of hands do not end at the fingerprint shown when "
            "the round closed: a hand count or a ballot event was changed, added or removed "
            "afterwards.",
        )
    return (
        None,
        "the chain does not end at the fingerprint shown when the round closed: events (or a show of hands) were added or removed afterwards.",
    )


def _ballot_problem(db: Database, round_id: int, events: list[dict], replay: _Replay, protected: bool) -> tuple[int | None, str] | None:
    """The stored ballots must hold, item by item, what the chain says was cast."""
    ballots = store.rows(db, "SELECT * FROM ballot WHERE round_id = ?", [round_id])
    for item_id in {k[0] for k in replay.cast} | {b["item_id"] for b in ballots}:
        chained = Counter(v for (i, _), v in replay.cast.items() if i == item_id)
        stored = Counter(_values(b, protected) for b in ballots if b["item_id"] == item_id)
        if chained != stored:
            missing = chained - stored
            culprit = next((replay.cast_by[k] for k, v in replay.cast.items() if k[0] == item_id and v in missing), None)
            label = next((e["label"] for e in events if e["item_id"] == item_id), "an item")
            return (
                culprit["id"] if culprit else None,
                f"the stored ballots on “{label}” differ from what the chain says was cast: a ballot was changed in the database afterwards.",
            )
    return None


def verify(db: Database, workshop_id: int) -> list[RoundCheck]:
    """Every round of the workshop, checked; a problem names the first event that does not match."""
    rounds = store.rows(db, "SELECT * FROM voting_round WHERE workshop_id = ? ORDER BY id", [workshop_id])
    return [check_round(db, rnd, rnd.get("number") or n) for n, rnd in enumerate(rounds, 1)]
