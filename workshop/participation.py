"""The room: the facilitator's passphrase, joining by code, participants, comments and proposals.

A participant has no account. Joining with the workshop's code and a display name gives a secret
token (kept in the page's URL, so a reload or a reopened tab keeps the identity) and a short
personal rejoin key, which the person types to rejoin under the same name from a second device.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import socket

from sqlite_utils import Database

from . import objectives, store, workshops
from .model import Duplicate, Invalid, NotFound, clean_name, clean_text

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud from a projector
CODE_LENGTH = 6
KEY_LENGTH = 6
PASSPHRASE_MIN = 8
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


# --- the facilitator's passphrase ---------------------------------------------------------

def hash_passphrase(passphrase: str) -> str:
    """scrypt with a random salt, stored as `scrypt$n$r$p$salt$hash` (hex)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(passphrase.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_passphrase(stored: str | None, passphrase: str) -> bool:
    """Constant-time comparison; False for a missing or malformed hash."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(str(passphrase).encode(), salt=bytes.fromhex(salt), n=int(n),
                                  r=int(r), p=int(p), dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, bytes.fromhex(digest))


def clean_passphrase(passphrase: object) -> str:
    passphrase = str(passphrase or "")
    if len(passphrase.strip()) < PASSPHRASE_MIN:
        raise Invalid(f"Choose a passphrase of at least {PASSPHRASE_MIN} characters.")
    return passphrase


def set_passphrase(db: Database, workshop_id: int, passphrase: str, *, current: str | None = None) -> None:
    """Set the facilitator's passphrase; changing an existing one needs the current one."""
    passphrase = clean_passphrase(passphrase)
    with store.write(db):
        stored = store.get(db, "workshop", workshop_id, "workshop")["passphrase_hash"]
        if stored and not check_passphrase(stored, current or ""):
            raise Invalid("The current passphrase is not right.")
        db.execute("UPDATE workshop SET passphrase_hash = ? WHERE id = ?",
                   [hash_passphrase(passphrase), workshop_id])


def create_workshop(db: Database, organisation: str, unit: str, *, passphrase: str = "",
                    template: str = "", **details) -> int:
    """A new workshop, blank or from a template, with its facilitator passphrase (optional here;
    required before the room joins), in one transaction."""
    from . import templates
    if passphrase:
        clean_passphrase(passphrase)
    with store.write(db):
        if template:
            workshop_id = templates.create_from_template(
                db, template, organisation=clean_name(organisation, "The organisation's name"),
                unit=clean_name(unit, "The unit's name"), phase=1)
        else:
            workshop_id = workshops.create_workshop(db, organisation, unit, **details)
        if passphrase:
            set_passphrase(db, workshop_id, passphrase)
    return workshop_id


def has_passphrase(db: Database, workshop_id: int) -> bool:
    row = store.one(db, "SELECT passphrase_hash FROM workshop WHERE id = ?", [workshop_id])
    return bool(row and row["passphrase_hash"])


UNLOCK_TRIES, UNLOCK_WINDOW_S = 5, 60


def unlock(db: Database, workshop_id: int, passphrase: str) -> None:
    """Raise unless `passphrase` is the workshop's facilitator passphrase. After UNLOCK_TRIES wrong
    ones within UNLOCK_WINDOW_S seconds (from any browser), every try waits out the window, so a
    participant cannot guess their way onto the facilitator's side."""
    since = f"strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-{UNLOCK_WINDOW_S} seconds')"
    row = store.one(db, "SELECT passphrase_hash FROM workshop WHERE id = ?", [workshop_id])
    if row is None:
        raise NotFound("That workshop no longer exists.")
    recent = store.one(db, f"SELECT count(*) AS n FROM unlock_failure WHERE workshop_id = ? AND at >= {since}",
                       [workshop_id])["n"]
    if recent >= UNLOCK_TRIES:
        raise Invalid(f"Too many wrong passphrases in the last minute; wait {UNLOCK_WINDOW_S} seconds "
                      "and try again.")
    if not check_passphrase(row["passphrase_hash"], passphrase):  # slow by design: outside the write lock
        with store.write(db):
            db.execute(f"DELETE FROM unlock_failure WHERE at < {since}")
            db.execute("INSERT INTO unlock_failure (workshop_id) VALUES (?)", [workshop_id])
        raise Invalid("That is not the facilitator's passphrase.")


# --- joining --------------------------------------------------------------------------------

def _random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in str(code or "").upper() if ch.isalnum())


def join_code(db: Database, workshop_id: int) -> str:
    """The workshop's join code, created on first use."""
    with store.write(db):
        code = store.get(db, "workshop", workshop_id, "workshop")["join_code"]
        while not code:
            candidate = _random_code(CODE_LENGTH)
            if not store.one(db, "SELECT 1 FROM workshop WHERE join_code = ?", [candidate]):
                db.execute("UPDATE workshop SET join_code = ? WHERE id = ?", [candidate, workshop_id])
                code = candidate
    return code


def join_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/?join={code}"


def room_address() -> str:
    """This machine's address on the room's network (no packet is sent), or 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def own_addresses() -> set[str]:
    """The addresses a browser on this very machine may connect from: loopback, the room-network
    address and whatever the host name resolves to."""
    found = {"127.0.0.1", "::1", room_address()}
    try:
        found |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        pass
    return found


def is_own_address(address: str, own: set[str] | None = None) -> bool:
    """Whether a browser connecting from `address` sits on this machine: loopback, or one of its
    own addresses, also when written IPv4-mapped (a dual-stack server reports `::ffff:192.0.2.2`)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback or str(ip) in (own if own is not None else own_addresses())


def workshop_for_code(db: Database, code: str) -> dict:
    row = store.one(db, "SELECT id, organisation, unit FROM workshop WHERE join_code = ?",
                    [normalise_code(code)])
    if row is None:
        raise NotFound("No workshop has that code; check it on the facilitator's screen.")
    return row


def join(db: Database, code: str, name: str, rejoin_key: str = "") -> dict:
    """Join (or rejoin) a workshop; returns the participant with its `token` and `rejoin_key`."""
    name = clean_name(name, "Your name")
    with store.write(db):
        workshop = workshop_for_code(db, code)
        existing = store.one(db, "SELECT * FROM participant WHERE workshop_id = ? AND name = ?",
                             [workshop["id"], name])
        if existing is None:
            row = {"workshop_id": workshop["id"], "name": name, "token": secrets.token_urlsafe(24),
                   "rejoin_key": _random_code(KEY_LENGTH)}
            store.insert(db, "participant", row)
            return participant_by_token(db, row["token"])
        if existing["removed_at"]:
            raise Invalid("The facilitator removed you from this workshop; speak to them to rejoin.")
        key = normalise_code(rejoin_key)
        if not key:
            raise Duplicate(f"Someone called “{name}” has already joined. If that is you, type your "
                            "rejoin key (shown on your first device); otherwise choose another name.")
        if not existing["rejoin_key"] or not hmac.compare_digest(key, existing["rejoin_key"]):
            raise Invalid("That rejoin key is not right; it is shown on your first device's page.")
        return participant_by_token(db, existing["token"])


def participant_by_token(db: Database, token: str | None) -> dict:
    """The participant a token belongs to; refuses unknown tokens and removed participants."""
    row = store.one(db, """SELECT p.*, w.organisation, w.unit FROM participant p
                           JOIN workshop w ON w.id = p.workshop_id WHERE p.token = ?""", [str(token or "")])
    if row is None:
        raise NotFound("This participant link is not known here; join again with the workshop's code.")
    if row["removed_at"]:
        raise Invalid("The facilitator removed you from this workshop.")
    return row


def participants(db: Database, workshop_id: int) -> list[dict]:
    """Who has joined (never their tokens), present ones first."""
    return store.rows(db, """SELECT id, name, joined_at, removed_at FROM participant
                             WHERE workshop_id = ? ORDER BY removed_at IS NOT NULL, name""", [workshop_id])


def remove_participant(db: Database, participant_id: int) -> None:
    """Remove someone: their link stops working and their ballots in open rounds are withdrawn."""
    with store.write(db):
        store.get(db, "participant", participant_id, "participant")
        db.execute("UPDATE participant SET removed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                   "WHERE id = ? AND removed_at IS NULL", [participant_id])
        open_ballots = store.rows(db, """SELECT b.* FROM ballot b JOIN voting_round r ON r.id = b.round_id
                                         WHERE b.participant_id = ? AND r.status = 'open'""", [participant_id])
        for ballot in open_ballots:
            db.execute("""INSERT INTO ballot_event (round_id, item_id, participant_id, action)
                          VALUES (?, ?, ?, 'removed')""",
                       [ballot["round_id"], ballot["item_id"], participant_id])
            db.execute("DELETE FROM ballot WHERE id = ?", [ballot["id"]])


# --- comments and proposals ---------------------------------------------------------------

def add_comment(db: Database, workshop_id: int, author: str, body: str, *, objective_id: int | None = None,
                measure_id: int | None = None, parent_id: int | None = None,
                participant_id: int | None = None) -> int:
    """A comment on an objective or a measure, or a reply to a comment (one level deep)."""
    author = clean_name(author, "The author's name")
    body = clean_text(body, "The comment", required=True, max_len=5000)
    with store.write(db):
        if parent_id is not None:
            parent = store.get(db, "comment", parent_id, "comment")
            if parent["workshop_id"] != workshop_id:
                raise NotFound("That comment is not in this workshop.")
            if parent["parent_id"] is not None:
                parent_id = parent["parent_id"]  # a reply to a reply joins the same thread
            objective_id, measure_id = parent["objective_id"], parent["measure_id"]
        elif (objective_id is None) == (measure_id is None):
            raise Invalid("Choose one objective or one measure to comment on.")
        if objective_id is not None and not store.one(
                db, "SELECT 1 FROM objective WHERE id = ? AND workshop_id = ?", [objective_id, workshop_id]):
            raise NotFound("That objective is not in this workshop.")
        if measure_id is not None and not store.one(
                db, """SELECT 1 FROM measure m JOIN objective o ON o.id = m.objective_id
                       WHERE m.id = ? AND o.workshop_id = ?""", [measure_id, workshop_id]):
            raise NotFound("That measure is not in this workshop.")
        return store.insert(db, "comment", {
            "workshop_id": workshop_id, "objective_id": objective_id, "measure_id": measure_id,
            "participant_id": participant_id, "parent_id": parent_id, "author": author, "body": body})


def comments(db: Database, workshop_id: int, *, objective_id: int | None = None,
             measure_id: int | None = None) -> list[dict]:
    """Comments as threads: each top-level comment with its `replies`, oldest first."""
    where, params = "c.workshop_id = ?", [workshop_id]
    if objective_id is not None:
        where, params = where + " AND c.objective_id = ?", [*params, objective_id]
    if measure_id is not None:
        where, params = where + " AND c.measure_id = ?", [*params, measure_id]
    found = store.rows(db, f"""SELECT c.*, o.title AS objective, m.name AS measure FROM comment c
                              LEFT JOIN objective o ON o.id = c.objective_id
                              LEFT JOIN measure m ON m.id = c.measure_id
                              WHERE {where} ORDER BY c.id""", params)
    threads = {c["id"]: {**c, "replies": []} for c in found if c["parent_id"] is None}
    for c in found:
        if c["parent_id"] in threads:
            threads[c["parent_id"]]["replies"].append(c)
    return list(threads.values())


def mark_addressed(db: Database, comment_id: int, addressed: bool = True) -> None:
    store.update(db, "comment", comment_id, {"addressed": int(bool(addressed))})


def propose_objective(db: Database, participant: dict, title: str, perspective_id: int,
                      description: str = "") -> int:
    """A participant's proposal lands as a draft objective with the proposer as its provenance."""
    return objectives.add_objective(db, participant["workshop_id"], title, perspective_id,
                                    description=description, proposed_by=participant["name"],
                                    proposed_by_participant_id=participant["id"])


def commentable(db: Database, workshop_id: int) -> list[dict]:
    """What participants can comment on: live objectives and their measures (kind, id, label)."""
    return store.rows(db, """
        SELECT 'objective' AS kind, o.id, o.title AS label, p.position, o.id AS o_id, 0 AS m_id
        FROM objective o JOIN perspective p ON p.id = o.perspective_id
        WHERE o.workshop_id = ? AND o.status <> 'dropped'
        UNION ALL
        SELECT 'measure', m.id, m.name || ' (measure of ' || o.title || ')', p.position, o.id, m.id
        FROM measure m JOIN objective o ON o.id = m.objective_id JOIN perspective p ON p.id = o.perspective_id
        WHERE o.workshop_id = ? AND o.status <> 'dropped'
        ORDER BY 4, 5, 6""", [workshop_id, workshop_id])
