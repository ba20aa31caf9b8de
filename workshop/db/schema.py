"""The tables, built by ordered, named migrations (one module each, applied in the order imported here).

Integrity lives in the schema: foreign keys, UNIQUE, NOT NULL and CHECK constraints, so that a bug or
a race in Python cannot store a scorecard the method forbids. Add a change as a new module
`m00NN_<what>.py` registering its migration, and import it below, last; never edit one that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db import (  # noqa: F401  (each registers its migrations)
    m0001_scorecard,
    m0002_room,
    m0003_unlock_source,
    m0004_rounds,
    m0006_branding,
    m0008_cascade,
    m0009_checks,
    m0011_ballot_chain,
    m0012_link_rounds,
    m0013_grid_split,
    m0014_privacy,
    m0015_paper,
)
from workshop.db.migrations import migrations

__all__ = ["migrate", "migrations"]


def migrate(db: Database) -> None:
    """Bring the database up to date; safe to call on every start."""
    migrations.apply(db)
