"""What the method checks need: the scorecard's scope, objectives that serve several themes, and
findings the facilitator has acknowledged with a reason."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import migrations, run_sql

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


@migrations()
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


@migrations()
def m0009_objective_themes(db: Database) -> None:
    """The other themes an objective serves, beyond its main one (`objective.theme_id`, which places
    and colours it on the map)."""
    run_sql(
        db,
        """
CREATE TABLE objective_theme (
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
  PRIMARY KEY (objective_id, theme_id)
);
CREATE INDEX objective_theme_theme ON objective_theme(theme_id);

CREATE TRIGGER objective_theme_same_workshop BEFORE INSERT ON objective_theme
WHEN (SELECT workshop_id FROM theme WHERE id = NEW.theme_id)
     <> (SELECT workshop_id FROM objective WHERE id = NEW.objective_id)
BEGIN
  SELECT RAISE(ABORT, 'an objective can only serve themes of its own workshop');
END;

CREATE TRIGGER objective_theme_not_main BEFORE INSERT ON objective_theme
WHEN NEW.theme_id = (SELECT theme_id FROM objective WHERE id = NEW.objective_id)
BEGIN
  SELECT RAISE(ABORT, 'that theme is already the objective''s main theme');
END;

-- A theme that becomes the main one is no longer listed among the others.
CREATE TRIGGER objective_main_theme_moves AFTER UPDATE OF theme_id ON objective
WHEN NEW.theme_id IS NOT NULL
BEGIN
  DELETE FROM objective_theme WHERE objective_id = NEW.id AND theme_id = NEW.theme_id;
END;
""",
    )


@migrations()
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
