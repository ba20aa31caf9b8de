"""Joining the room by code: participants, their tokens and rejoin keys.

A participant has no account. Joining with the workshop's code and a display name gives a secret
token (kept in the page's URL, so a reload or a reopened tab keeps the identity) and a short
personal rejoin key, which the person types to rejoin under the same name from a second device.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from sqlite_utils import Database

from workshop.core.clean import clean_name
from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.db import store
from workshop.i18n import N_
from workshop.room import ledger

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud from a projector
CODE_LENGTH = 6
KEY_LENGTH = 6


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
                store.update(db, "workshop", workshop_id, {"join_code": candidate})
                code = candidate
    return code


def join_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/?join={code}"


def address_problem(url: str) -> str | None:
    """Why another device could not open `url`, in words, or None when it can be reached as far as
    its address tells (a name, or an ordinary network address). For the facilitator's join screen,
    which speaks English."""
    host = (urlsplit(url).hostname or "").strip("[]").lower()
    if host in ("localhost", "") or host.endswith(".localhost"):
        return (
            "This address names this laptop only: phones cannot open it. Connect the laptop to the room's network, "
            "or type the address the room uses under Join address."
        )
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None  # a name: the network's DNS decides
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:
        return (
            "This laptop is on no network, so the address shown works on this laptop only. Join the room's Wi-Fi, "
            "or start a hotspot on the laptop (see the README's 'The room's network'), then reload this page."
        )
    if ip.is_link_local:
        return (
            "This is a self-assigned address (the network gave the laptop none): other devices usually cannot reach it. "
            "Reconnect to the Wi-Fi, or use a hotspot or a travel router, then reload this page."
        )
    return None


def workshop_for_code(db: Database, code: str) -> dict:
    row = store.one(db, "SELECT id, organisation, unit FROM workshop WHERE join_code = ?", [normalise_code(code)])
    if row is None:
        raise NotFound(N_("No workshop has that code; check it on the facilitator's screen."))
    return row


def join(db: Database, code: str, name: str, rejoin_key: str = "") -> dict:
    """Join (or rejoin) a workshop; returns the participant with its `token` and `rejoin_key`."""
    # TRANSLATORS: the name field of the join screen, named in error messages ("Your name is empty")
    name = clean_name(name, N_("Your name"))
    with store.write(db):
        workshop = workshop_for_code(db, code)
        existing = store.one(db, "SELECT * FROM participant WHERE workshop_id = ? AND name = ?", [workshop["id"], name])
        if existing is None:
            row = {"workshop_id": workshop["id"], "name": name, "token": secrets.token_urlsafe(24), "rejoin_key": _random_code(KEY_LENGTH)}
            store.insert(db, "participant", row)
            return participant_by_token(db, row["token"])
        if existing["kind"] == "paper":
            raise Duplicate(
                N_(
                    "A paper ballot is recorded under the name “{name}”; if you voted on paper, "
                    "the facilitator keeps it for you. Otherwise choose another name (add an initial)."
                ),
                name=name,
            )
        if existing["removed_at"]:
            raise Invalid(N_("The facilitator removed you from this workshop; speak to them to rejoin."))
        key = normalise_code(rejoin_key)
        if not key:
            raise Duplicate(
                N_(
                    "Someone called “{name}” has already joined. If that is you, type your "
                    "rejoin key (shown on your first device); otherwise choose another name."
                ),
                name=name,
            )
        if not existing["rejoin_key"] or not hmac.compare_digest(key, existing["rejoin_key"]):
            raise Invalid(N_("That rejoin key is not right; it is shown on your first device's page."))
        return participant_by_token(db, existing["token"])


def participant_by_token(db: Database, token: str | None) -> dict:
    """The participant a token belongs to; refuses unknown tokens and removed participants."""
    row = store.one(
        db,
        """SELECT p.*, w.organisation, w.unit FROM participant p
                           JOIN workshop w ON w.id = p.workshop_id WHERE p.token = ? AND p.kind = 'device'""",
        [str(token or "")],
    )
    if row is None:
        raise NotFound(N_("This participant link is not known here; join again with the workshop's code."))
    if row["removed_at"]:
        raise Invalid(N_("The facilitator removed you from this workshop."))
    return row


def participants(db: Database, workshop_id: int) -> list[dict]:
    """Who has joined by device (never their tokens), present ones first; paper voters are not
    people in the room (see room/paper.py)."""
    return store.rows(
        db,
        """SELECT id, name, joined_at, removed_at FROM participant
                             WHERE workshop_id = ? AND kind = 'device' ORDER BY removed_at IS NOT NULL, name""",
        [workshop_id],
    )


def remove_participant(db: Database, participant_id: int) -> None:
    """Remove someone: their link stops working and their ballots in open rounds are withdrawn."""
    with store.write(db):
        store.get(db, "participant", participant_id, "participant")
        db.execute("UPDATE participant SET removed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND removed_at IS NULL", [participant_id])
        open_ballots = store.rows(
            db,
            """SELECT b.* FROM ballot b JOIN voting_round r ON r.id = b.round_id
                                         WHERE b.participant_id = ? AND r.status = 'open'""",
            [participant_id],
        )
        for ballot in open_ballots:
            ledger.append(db, ballot["round_id"], ballot["item_id"], participant_id, "removed", {})
            db.execute("DELETE FROM ballot WHERE id = ?", [ballot["id"]])
