"""Wrong facilitator passphrases are counted per source (the device's address), so one device
guessing slows down that device only, never the facilitator elsewhere."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql


def m0003_unlock_failure_source(db: Database) -> None:
    """`source` names where the wrong passphrase came from (an address); '' for rows from before."""
    run_sql(
        db,
        """
ALTER TABLE unlock_failure ADD COLUMN source TEXT NOT NULL DEFAULT '' CHECK (length(source) <= 100);
DROP INDEX unlock_failure_workshop;
CREATE INDEX unlock_failure_source ON unlock_failure (workshop_id, source, at);
""",
    )
