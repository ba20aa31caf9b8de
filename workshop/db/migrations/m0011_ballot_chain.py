"""The ballot ledger as a hash chain: each event carries its voter's tag and its hash, each round
its voters' secret while it is open and its fingerprint once closed (see room/ledger.py)."""

from __future__ import annotations

import hashlib
import json
import secrets

from sqlite_utils import Database

from workshop.db.migrations import run_sql

# written out here: a shipped migration never changes when the ledger's code does
_COLUMNS = ("dots", "rating", "gradient", "rank", "skipped")
_EMPTY = hashlib.sha256(b"scorecard-workshop: a round with no ballots").hexdigest()


def _hash(previous: str, position: int, voter: str | None, action: str, row: dict) -> str:
    content = json.dumps([previous, position, voter, action, *[row[c] for c in _COLUMNS]], separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(content.encode()).hexdigest()


def m0011_ballot_chain(db: Database) -> None:
    """Add the chain's columns and chain the events already recorded, round by round."""
    run_sql(
        db,
        """
ALTER TABLE ballot_event ADD COLUMN voter TEXT;
ALTER TABLE ballot_event ADD COLUMN hash TEXT;
ALTER TABLE voting_round ADD COLUMN salt TEXT;
ALTER TABLE voting_round ADD COLUMN fingerprint TEXT;
""",
    )
    for rnd in list(db.query("SELECT id, status, anonymity FROM voting_round ORDER BY id")):
        salt = secrets.token_hex(16)
        previous = ""
        for e in list(
            db.query(
                """SELECT e.*, i.position FROM ballot_event e JOIN round_item i ON i.id = e.item_id
                                  WHERE e.round_id = ? ORDER BY e.id""",
                [rnd["id"]],
            )
        ):
            voter = None if e["participant_id"] is None else hashlib.sha256(f"{salt}:{e['position']}:{e['participant_id']}".encode()).hexdigest()[:24]
            previous = _hash(previous, e["position"], voter, e["action"], e)
            db.execute("UPDATE ballot_event SET voter = ?, hash = ? WHERE id = ?", [voter, previous, e["id"]])
        closed = rnd["status"] == "closed"
        db.execute(
            "UPDATE voting_round SET salt = ?, fingerprint = ? WHERE id = ?",
            [None if closed and rnd["anonymity"] == "anonymous" else salt, (previous or _EMPTY) if closed else None, rnd["id"]],
        )
