"""Who may open the facilitator's side: the passphrase, its throttle, this laptop."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import socket
import time

from sqlite_utils import Database

from workshop.core.errors import Invalid, NotFound
from workshop.db import store

PASSPHRASE_MIN = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


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
        computed = hashlib.scrypt(str(passphrase).encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, bytes.fromhex(digest))


def clean_passphrase(passphrase: object) -> str:
    passphrase = str(passphrase or "")
    if len(passphrase.strip()) < PASSPHRASE_MIN:
        raise Invalid(f"Choose a passphrase of at least {PASSPHRASE_MIN} characters.")
    return passphrase


def _owner(db: Database, workshop_id: int) -> dict:
    """The workshop whose passphrase opens `workshop_id`: itself, or for a lower unit without one of
    its own, the nearest unit above it that has one. A cascade shares its parent's passphrase, never
    a copy: one secret, one hash, one guessing budget, and a change above reaches every unit below."""
    row = store.one(db, "SELECT id, parent_id, passphrase_hash FROM workshop WHERE id = ?", [workshop_id])
    if row is None:
        raise NotFound("That workshop no longer exists.")
    seen = {row["id"]}
    while not row["passphrase_hash"] and row["parent_id"] and row["parent_id"] not in seen:
        parent = store.one(db, "SELECT id, parent_id, passphrase_hash FROM workshop WHERE id = ?", [row["parent_id"]])
        if parent is None:
            break
        seen.add(parent["id"])
        row = parent
    return row


def set_passphrase(db: Database, workshop_id: int, passphrase: str, *, current: str | None = None, source: str | None = None) -> None:
    """Set the facilitator's passphrase; changing an existing one needs the current one, which is
    throttled like an unlock (`source` as for `unlock`). A lower unit that shares its parent's
    passphrase gets one of its own."""
    passphrase = clean_passphrase(passphrase)
    owner = _owner(db, workshop_id)
    if owner["passphrase_hash"]:
        _check(db, owner, current or "", source, "The current passphrase is not right.")
    with store.write(db):
        store.update(db, "workshop", workshop_id, {"passphrase_hash": hash_passphrase(passphrase)})


def has_passphrase(db: Database, workshop_id: int) -> bool:
    """Whether a passphrase opens the workshop (its own, or the unit's above it)."""
    try:
        return bool(_owner(db, workshop_id)["passphrase_hash"])
    except NotFound:
        return False


def passphrase_tag(db: Database, workshop_id: int) -> str:
    """A short fingerprint of the passphrase that opens the workshop now ('' without one): a session
    remembers it when it is unlocked, and a change of passphrase ends the sessions opened before."""
    try:
        stored = _owner(db, workshop_id)["passphrase_hash"] or ""
    except NotFound:
        return ""
    return hashlib.sha256(("session:" + stored).encode()).hexdigest()[:16] if stored else ""


UNLOCK_TRIES, UNLOCK_WINDOW_S = 5, 60
WORKSHOP_TRIES = 10  # wrong passphrases a minute for one workshop from all devices together (not the laptop's)


def unlock(db: Database, workshop_id: int, passphrase: str, source: str | None = None) -> None:
    """Raise unless `passphrase` is the workshop's facilitator passphrase.

    `source` is where the try comes from (a device's address). After UNLOCK_TRIES wrong ones from
    that source within UNLOCK_WINDOW_S seconds, its every try waits out the window, so a
    participant cannot guess their way onto the facilitator's side; and after WORKSHOP_TRIES from
    all devices together, every device waits, so one device with many addresses gains nothing.
    `source=None` is the laptop running the app: never throttled, never counted (whoever holds it
    holds the database too), so a guesser never locks the facilitator's own laptop out."""
    _check(db, _owner(db, workshop_id), passphrase, source, "That is not the facilitator's passphrase.")


def _check(db: Database, owner: dict, passphrase: str, source: str | None, wrong: str) -> None:
    """The passphrase checked against `owner`'s (the workshop that holds it), throttled and counted
    against that one secret, whichever field or unit it was typed for."""
    since = f"strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-{UNLOCK_WINDOW_S} seconds')"
    if source is not None:
        source = str(source)[:100]
        recent = f"SELECT count(*) FROM unlock_failure WHERE workshop_id = ? AND at >= {since}"
        if store.count(db, recent + " AND source = ?", [owner["id"], source]) >= UNLOCK_TRIES:
            raise Invalid(f"Too many wrong passphrases from this device in the last minute; wait {UNLOCK_WINDOW_S} seconds and try again.")
        if store.count(db, recent + " AND source != ''", [owner["id"]]) >= WORKSHOP_TRIES:
            raise Invalid(
                f"Too many wrong passphrases for this workshop in the last minute, from several devices; wait {UNLOCK_WINDOW_S} "
                "seconds and try again. On the laptop running the app it opens at once."
            )
    if not check_passphrase(owner["passphrase_hash"], passphrase):  # slow by design: outside the write lock
        if source is not None:
            with store.write(db):
                db.execute(f"DELETE FROM unlock_failure WHERE at < {since}")
                store.insert(db, "unlock_failure", {"workshop_id": owner["id"], "source": source})
        raise Invalid(wrong)


# --- keeping a facilitator's unlock across a reload -----------------------------------------

PASS_HOURS = 12  # a workshop day


def facilitator_pass(db: Database, workshop_id: int, *, hours: float = PASS_HOURS, now: float | None = None, device: str = "") -> str:
    """A token the facilitator's browser keeps (as a cookie) so that a reload does not ask for the
    passphrase again: `workshop.expiry.signature`, signed with a key drawn from the workshop's
    stored passphrase hash (never sent anywhere), so changing the passphrase revokes every pass.
    The signature also covers `device` (the address it was issued to, '' for the laptop running the
    app): the cookie cannot be HttpOnly (Streamlit sets no header, so a script writes it), and a
    pass a script carried off to another device opens nothing there."""
    expires = int((time.time() if now is None else now) + hours * 3600)
    return f"{workshop_id}.{expires}.{_signature(db, workshop_id, expires, device)}"


def pass_opens(db: Database, workshop_id: int, token: object, *, now: float | None = None, device: str = "") -> bool:
    """Whether `token` is an unexpired pass for this workshop under its current passphrase, issued
    to this `device`."""
    try:
        wid, expires, signature = str(token or "").split(".")
        if int(wid) != workshop_id or int(expires) < (time.time() if now is None else now):
            return False
    except ValueError:
        return False
    expected = _signature(db, workshop_id, int(expires), device)
    return bool(expected) and hmac.compare_digest(expected, signature)


def _signature(db: Database, workshop_id: int, expires: int, device: str = "") -> str:
    try:
        stored = _owner(db, workshop_id)["passphrase_hash"]
    except NotFound:
        return ""
    if not stored:
        return ""
    key = hashlib.sha256(("facilitator-pass:" + stored).encode()).digest()
    signed = f"{workshop_id}.{expires}" + (f".{str(device)[:100]}" if device else "")  # the laptop's passes as before
    return hmac.new(key, signed.encode(), hashlib.sha256).hexdigest()


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
        found |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
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
