"""Objectives that serve several themes (a method check needs them)."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql


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
