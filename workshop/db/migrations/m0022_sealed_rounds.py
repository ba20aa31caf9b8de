"""A closed round's settings join its seal, and a workshop seals its list of closed rounds (see
room/ledger.py): without them, someone holding the file could make an anonymous round named after it
closed, or delete a whole round, and `verify` would not notice.

Rounds closed before this migration keep the fingerprint they were given (`seal_version` 1): it was
read out in the room and printed in the report, and re-sealing would make the paper disagree with
the file. Their settings are sealed from now on by the workshop's list, computed here as the rounds
stand today; rounds closed afterwards seal their settings in their own fingerprint (version 2).
"""

from __future__ import annotations

import hashlib
import json

from sqlite_utils import Database

from workshop.db.migrations import run_sql

# written out here: a shipped migration never changes when the ledger's code does
_SETTINGS = (
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
_NO_CLOSED_ROUNDS = "433ca782284eed9ee7490918a6cf11cb2573dc389d0700c15bb1566d1bb8d86e"  # the seal of an empty list


def _rounds_seal(rounds: list[dict]) -> str:
    listed = [[r["number"], r["seal_version"] or 1, r["fingerprint"], [[c, r[c]] for c in _SETTINGS]] for r in rounds]
    return hashlib.sha256(json.dumps(["closed rounds", listed], separators=(",", ":"), ensure_ascii=True).encode()).hexdigest()


def m0022_sealed_rounds(db: Database) -> None:
    """`voting_round.seal_version` (1: the fingerprint seals the chain and the show of hands; 2: the
    round's settings too); `workshop.rounds_seal`, the seal of the workshop's closed rounds."""
    run_sql(
        db,
        f"""
ALTER TABLE voting_round ADD COLUMN seal_version INTEGER CHECK (seal_version IS NULL OR seal_version IN (1, 2));
ALTER TABLE workshop ADD COLUMN rounds_seal TEXT NOT NULL DEFAULT '{_NO_CLOSED_ROUNDS}';
UPDATE voting_round SET seal_version = 1 WHERE status = 'closed';
""",
    )
    for (workshop_id,) in db.execute("SELECT id FROM workshop").fetchall():
        rounds = list(db.query("SELECT * FROM voting_round WHERE workshop_id = ? AND status = 'closed' ORDER BY number, id", [workshop_id]))
        db.execute("UPDATE workshop SET rounds_seal = ? WHERE id = ?", [_rounds_seal(rounds), workshop_id])
