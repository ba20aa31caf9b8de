"""Findings of the method checks that the facilitator has acknowledged, with a reason."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


def m0009_acknowledgements(db: Database) -> None:
    """A warning or advice the facilitator has acknowledged, with the reason. `fingerprint` is what
    the finding named when it was acknowledged: when the items at fault change, it no longer matches
    and the finding shows again."""
    run_sql(
        db,
        f"""
CREATE TABLE finding_acknowledgement (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  check_id TEXT NOT NULL CHECK (length(trim(check_id)) > 0),
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) > 0),
  reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 1000),
  acknowledged_at TEXT NOT NULL DEFAULT {_NOW},
  UNIQUE (workshop_id, check_id)
);
""",
    )
