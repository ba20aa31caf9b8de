"""The next cycle: the annual refresh starts a new workshop from this one, linked to it, and keeps what
was carried, changed or dropped, and why."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


def m0021_cycles(db: Database) -> None:
    run_sql(
        db,
        f"""
ALTER TABLE workshop ADD COLUMN previous_cycle_id INTEGER REFERENCES workshop(id) ON DELETE SET NULL;
ALTER TABLE workshop ADD COLUMN cycle_label TEXT NOT NULL DEFAULT '' CHECK (length(cycle_label) <= 40);
ALTER TABLE objective ADD COLUMN carried_from INTEGER REFERENCES objective(id) ON DELETE SET NULL;
ALTER TABLE measure ADD COLUMN carried_from INTEGER REFERENCES measure(id) ON DELETE SET NULL;

CREATE TRIGGER workshop_cycle_not_self BEFORE UPDATE OF previous_cycle_id ON workshop
WHEN NEW.previous_cycle_id = NEW.id
BEGIN
  SELECT RAISE(ABORT, 'a cycle cannot follow itself');
END;

-- What the new cycle took from the last one: each objective and measure carried, changed or dropped, and why.
CREATE TABLE cycle_change (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('objective', 'measure', 'initiative')),
  subject TEXT NOT NULL CHECK (length(trim(subject)) BETWEEN 1 AND 400),
  change TEXT NOT NULL CHECK (change IN ('carried', 'changed', 'dropped')),
  detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 2000),
  reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  recorded_at TEXT NOT NULL DEFAULT {_NOW}
);
CREATE INDEX cycle_change_workshop ON cycle_change(workshop_id, id);
""",
    )
