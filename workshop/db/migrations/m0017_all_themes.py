"""An objective that serves every theme: the top financial objective and the learning base of Kaplan and
Norton's maps, which every strand of the strategy shares. It has no main theme and lists no others."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql


def m0017_all_themes(db: Database) -> None:
    """`objective.all_themes`: 1 when the objective serves every theme (then it has no main theme and no
    other themes of its own), 0 otherwise."""
    run_sql(
        db,
        """
ALTER TABLE objective ADD COLUMN all_themes INTEGER NOT NULL DEFAULT 0
  CHECK (all_themes IN (0, 1) AND (all_themes = 0 OR theme_id IS NULL));

CREATE TRIGGER objective_theme_not_all BEFORE INSERT ON objective_theme
WHEN (SELECT all_themes FROM objective WHERE id = NEW.objective_id) = 1
BEGIN
  SELECT RAISE(ABORT, 'an objective that serves every theme lists no themes of its own');
END;

-- Marked as serving every theme: the themes it listed go.
CREATE TRIGGER objective_all_themes_clears AFTER UPDATE OF all_themes ON objective
WHEN NEW.all_themes = 1
BEGIN
  DELETE FROM objective_theme WHERE objective_id = NEW.id;
END;
""",
    )
