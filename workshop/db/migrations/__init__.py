"""The migrations, one file each, named as the migration it holds: `m0009_scope.py` holds the
function `m0009_scope`, and a database records that name once it has applied it.

`db/schema.py` registers them in the order they apply, which is the order of their numbers, so this
folder lists them in order. Numbers were picked by pieces of work that landed side by side (m0009
landed before m0004): two share m0003, three share m0009 (separate tables, applied scope, objective
themes, acknowledgements: the order they were written in), and 0005, 0007 and 0010 were never taken
by any migration. Never edit, rename or reorder one that has shipped.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database


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
