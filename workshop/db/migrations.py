"""The register of migrations, and running several SQL statements inside one transaction.

Integrity lives here: foreign keys, UNIQUE, NOT NULL and CHECK constraints, so that a bug or a race
in Python cannot store a scorecard the method forbids. Add a change as a new numbered migration;
never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("scorecard_workshop")

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


def run_sql(db: Database, sql: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit)."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement[:60]}")
