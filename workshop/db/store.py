"""Opening the database, and the one way to write to it.

A connection belongs to one unit of work at a time (one Streamlit session, one thread, one command).
Writes go through `write()`, which takes SQLite's write lock at once (`BEGIN IMMEDIATE`) so that
racing writers queue on the busy timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError, Table

from workshop.core.errors import Duplicate, Invalid, NotFound, WorkshopError
from workshop.db.schema import migrate, migrations

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "workshop.db"

# Writers in this process queue here, first come first served, instead of in SQLite's busy handler,
# which sleeps in growing steps (up to 100 ms) and made a burst of votes wait up to seconds.
_WRITE_LOCK = threading.Lock()


def database_path() -> Path:
    """WORKSHOP_DB if set, else data/workshop.db beside the code."""
    return Path(os.environ.get("WORKSHOP_DB") or DEFAULT_DB)


def connect(path: str | Path = ":memory:", *, create: bool = True) -> Database:
    """A connection with foreign keys on, WAL and a busy timeout; migrations applied.

    `create=False` refuses a database file that does not exist yet (the command line uses it).
    """
    path = str(path)
    if path != ":memory:":
        if not create and not Path(path).exists():
            raise NotFound(f"no database at {path}")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=15, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 15000")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    db = Database(conn)
    tables = set(db.table_names())
    if tables and "_sqlite_migrations" not in tables:
        conn.close()
        raise Invalid(f"{path} is another program's database, not a Scorecard Workshop one; nothing was changed in it.")
    if migrations.pending(db):
        with write(db):  # under the write lock, so two first starts migrate one after the other
            migrate(db)
    return db


@contextlib.contextmanager
def write(db: Database, duplicate: str | None = None) -> Iterator[Database]:
    """One transaction; nested calls become savepoints. Constraint failures become user errors,
    a UNIQUE failure with the `duplicate` message when one is given."""
    conn = db.conn
    try:
        if conn.in_transaction:
            with db.atomic():
                yield db
            return
        with _WRITE_LOCK:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
    except sqlite3.IntegrityError as error:
        raise _user_error(error, duplicate) from error


_SQL_WORDS = {
    "length",
    "trim",
    "between",
    "and",
    "or",
    "not",
    "null",
    "is",
    "in",
    "like",
    "glob",
    "typeof",
    "abs",
    "lower",
    "upper",
    "substr",
    "date",
    "datetime",
    "strftime",
    "json_valid",
    "coalesce",
    "ifnull",
    "case",
    "when",
    "then",
    "else",
    "end",
    "cast",
    "as",
    "integer",
    "text",
    "real",
}


def _fields(text: str) -> list[str]:
    """The columns a constraint failure names (`UNIQUE constraint failed: objective.workshop_id,
    objective.title` or the CHECK's expression), without SQL words or quoted values."""
    detail = re.sub(r"'[^']*'", "", text.split(":", 1)[-1])
    names = [n.split(".")[-1] for n in re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", detail)]
    return list(dict.fromkeys(n for n in names if n.lower() not in _SQL_WORDS and n != "workshop_id"))


def _user_error(error: sqlite3.IntegrityError, duplicate: str | None) -> Exception:
    """A constraint failure as a message in plain words: no SQL reaches a user. The columns it names
    are kept on the error (`fields`) for callers that can say which record it was."""
    text = str(error)
    fields = _fields(text)
    shown = " and ".join(f.replace("_", " ") for f in fields)
    if text.startswith("UNIQUE constraint failed") or text.startswith("PRIMARY KEY"):
        result: WorkshopError = Duplicate(duplicate or "That name is already used here; choose another or edit it.")
    elif text.startswith("FOREIGN KEY constraint failed"):
        result = NotFound("Something this refers to no longer exists; reload the page and try again.")
    elif text.startswith("NOT NULL constraint failed"):
        result = Invalid(f"A value is missing{f' ({shown})' if shown else ''}; fill it in and try again.")
    elif text.startswith("CHECK constraint failed"):
        result = Invalid(f"That value{f' of the {shown}' if shown else ''} is not allowed here; check it and try again.")
    else:  # a trigger's RAISE(ABORT, …): the schema's own words, e.g. "ballot refused: the round is closed"
        result = Invalid(text[:1].upper() + text[1:].rstrip(".") + ".")
    result.fields = fields  # type: ignore[attr-defined]
    return result


def _table(db: Database, name: str) -> Table:
    """One of the schema's tables, through sqlite-utils' table API (which would quietly create a
    misspelt table on insert, so a name is checked once against the database)."""
    if name not in _TABLES:
        if not Table(db, name).exists():
            raise ValueError(f"no table {name!r} in the schema")
        _TABLES.add(name)
    return Table(db, name)


_TABLES: set[str] = set()  # the names seen to exist: every database has the same schema


def insert(db: Database, table: str, row: dict, duplicate: str | None = None) -> int:
    """Add a row and return its id (its rowid)."""
    with write(db, duplicate):
        created = _table(db, table).insert(row).last_pk
    assert created is not None
    return int(created)


def update(db: Database, table: str, row_id: int, values: dict, duplicate: str | None = None) -> None:
    """Change some columns of one row; a row that is gone says so in words."""
    if not values:
        return
    with write(db, duplicate):
        try:
            _table(db, table).update(row_id, values)
        except NotFoundError:
            raise NotFound(f"That {table.replace('_', ' ')} no longer exists; reload the page.") from None


def delete(db: Database, table: str, row_id: int) -> None:
    """Delete a row; one already gone is no error (a second click, another tab)."""
    with write(db), contextlib.suppress(NotFoundError):
        _table(db, table).delete(row_id)


def delete_where(db: Database, table: str, where: str, params: list | tuple) -> None:
    """Delete the rows that match (`where` is the schema's own SQL, never user text; values go in `params`)."""
    with write(db):
        _table(db, table).delete_where(where, params)


def get(db: Database, table: str, row_id: int, what: str | None = None) -> dict:
    """One row by its id; a missing one is a NotFound naming `what` (the table's name otherwise)."""
    try:
        return _table(db, table).get(row_id)
    except NotFoundError:
        raise NotFound(f"No {what or table.replace('_', ' ')} with id {row_id}.") from None


def one(db: Database, sql: str, params: list | tuple = ()) -> dict | None:
    return next(iter(db.query(sql, params)), None)


def count(db: Database, sql: str, params: list | tuple = ()) -> int:
    """The number a `SELECT count(...)` query returns."""
    row = db.execute(sql, params).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def rows(db: Database, sql: str, params: list | tuple = ()) -> list[dict]:
    return list(db.query(sql, params))
