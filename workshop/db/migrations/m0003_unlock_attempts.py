"""The facilitator's wrong passphrases, counted so that guessing can be slowed down (see room/access.py)."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql


def m0003_unlock_attempts(db: Database) -> None:
    """Wrong facilitator passphrases, kept a short while so guessing can be slowed down."""
    run_sql(
        db,
        """
CREATE TABLE unlock_failure (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX unlock_failure_workshop ON unlock_failure (workshop_id, at);
""",
    )
