"""A round may vote on the map's causal links: a round item names an objective, a measure, an
initiative or a causal link, and a rating can be of confidence (how sure the room is that the
cause drives the effect)."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_WIDENED = {
    "round_item": ("(initiative_id IS NOT NULL) = 1", "(initiative_id IS NOT NULL)\n         + (link_id IS NOT NULL) = 1"),
    "voting_round": ("scale IN ('agreement', 'importance')", "scale IN ('agreement', 'importance', 'confidence')"),
}


def m0012_link_rounds(db: Database) -> None:
    """Add the link column and widen two CHECKs. Rebuilding the tables inside the migration's
    transaction would cascade-delete every ballot (foreign keys cannot be switched off there), so
    the CHECKs are widened in place the way SQLite documents for constraint changes that leave the
    stored rows valid: edit the schema text, bump the schema version."""
    run_sql(
        db,
        """
ALTER TABLE round_item ADD COLUMN link_id INTEGER REFERENCES causal_link(id) ON DELETE CASCADE;
CREATE UNIQUE INDEX round_item_link ON round_item(round_id, link_id);
""",
    )
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    for table, (old, new) in _WIDENED.items():
        sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
        assert old in sql, f"{table}'s CHECK is not the one this migration widens"
        db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", [sql.replace(old, new), table])
    db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    db.execute("PRAGMA writable_schema = OFF")
