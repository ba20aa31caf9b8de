"""The scorecard's scope, which the method checks read: a business unit or a whole organisation."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql


def m0009_scope(db: Database) -> None:
    """Whether the scorecard is for a business unit (with a head office and sister units) or for a
    whole organisation. Workshops made before keep the method's default: a business unit."""
    run_sql(
        db,
        """
ALTER TABLE workshop ADD COLUMN scope TEXT NOT NULL DEFAULT 'unit'
  CHECK (scope IN ('unit', 'organisation'));
""",
    )
