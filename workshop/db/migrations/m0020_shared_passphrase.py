"""A lower unit shares its parent's passphrase instead of keeping a copy of its hash: a copy kept
the old passphrase working on the unit after the parent changed it, and gave every unit its own
guessing budget for the same secret. The room now reads a unit's passphrase from the nearest unit
above it that has one (room/access.py)."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql


def m0020_shared_passphrase(db: Database) -> None:
    """Each lower unit whose hash is its parent's (copied when its scorecard was started) drops it."""
    run_sql(
        db,
        """
UPDATE workshop SET passphrase_hash = NULL
WHERE parent_id IS NOT NULL
  AND passphrase_hash = (SELECT parent.passphrase_hash FROM workshop AS parent WHERE parent.id = workshop.parent_id);
""",
    )
