"""Two more round methods: a 2×2 priority grid (each item placed on two axes, 1–5 each) and a
100-point split across initiatives. A grid round names its axes (a preset); a ballot holds a
placement (x, y) or a number of points; a participant's points in a round never add up to more
than 100 (a trigger, as for the dot budget: the service refuses a split that is not exactly 100)."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

# written out here: a shipped migration never changes when the presets' code does
_AXES = ("impact_effort", "importance_urgency", "importance_measurability")
_AXES_LIST = ", ".join(f"'{a}'" for a in _AXES)

_WIDENED = {
    "voting_round": (
        ("method IN ('dots', 'rating', 'gradients', 'ranking')", "method IN ('dots', 'rating', 'gradients', 'ranking', 'grid', 'split')"),
        (
            "CHECK (parent_id IS NULL OR parent_id <> id)",
            "CHECK (parent_id IS NULL OR parent_id <> id),\n  CHECK ((method = 'grid') = (grid_axes IS NOT NULL))",
        ),
    ),
    "ballot": (
        ("(rank IS NOT NULL)\n         + skipped = 1", "(rank IS NOT NULL)\n         + (grid_x IS NOT NULL) + (points IS NOT NULL) + skipped = 1"),
    ),
}


def m0013_grid_split(db: Database) -> None:
    """Add the columns, then widen the method and "exactly one value" CHECKs in place (as
    m0012_link_rounds does: rebuilding the tables here would cascade-delete every ballot)."""
    run_sql(
        db,
        f"""
ALTER TABLE voting_round ADD COLUMN grid_axes TEXT CHECK (grid_axes IS NULL OR grid_axes IN ({_AXES_LIST}));
ALTER TABLE ballot ADD COLUMN grid_x INTEGER CHECK (grid_x IS NULL OR grid_x BETWEEN 1 AND 5);
ALTER TABLE ballot ADD COLUMN grid_y INTEGER CHECK (grid_y IS NULL OR grid_y BETWEEN 1 AND 5)
  CHECK ((grid_x IS NULL) = (grid_y IS NULL));
ALTER TABLE ballot ADD COLUMN points INTEGER CHECK (points IS NULL OR points BETWEEN 1 AND 100);
ALTER TABLE ballot_event ADD COLUMN grid_x INTEGER;
ALTER TABLE ballot_event ADD COLUMN grid_y INTEGER;
ALTER TABLE ballot_event ADD COLUMN points INTEGER;

DROP TRIGGER ballot_update_guard;
CREATE TRIGGER ballot_update_guard BEFORE UPDATE OF dots, rating, gradient, rank, skipped, grid_x, grid_y, points
ON ballot
BEGIN
  SELECT RAISE(ABORT, 'ballot refused: the round is closed')
    WHERE (SELECT status FROM voting_round WHERE id = NEW.round_id) = 'closed';
  SELECT RAISE(ABORT, 'ballot refused: more dots on one item than the round allows')
    WHERE NEW.dots > (SELECT dots_per_item FROM voting_round WHERE id = NEW.round_id);
  SELECT RAISE(ABORT, 'ballot refused: the dot budget is spent')
    WHERE NEW.dots IS NOT NULL AND NEW.participant_id IS NOT NULL
      AND NEW.dots + (SELECT coalesce(sum(dots), 0) FROM ballot
                      WHERE round_id = NEW.round_id AND participant_id = NEW.participant_id
                        AND id <> OLD.id)
          > (SELECT dots_total FROM voting_round WHERE id = NEW.round_id);
  SELECT RAISE(ABORT, 'ballot refused: more than 100 points in one split')
    WHERE NEW.points IS NOT NULL AND NEW.participant_id IS NOT NULL
      AND NEW.points + (SELECT coalesce(sum(points), 0) FROM ballot
                        WHERE round_id = NEW.round_id AND participant_id = NEW.participant_id
                          AND id <> OLD.id) > 100;
END;

CREATE TRIGGER ballot_priority_guard BEFORE INSERT ON ballot
WHEN NEW.points IS NOT NULL OR NEW.grid_x IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'ballot refused: points belong to a 100-point split')
    WHERE NEW.points IS NOT NULL AND (SELECT method FROM voting_round WHERE id = NEW.round_id) <> 'split';
  SELECT RAISE(ABORT, 'ballot refused: a placement belongs to a priority grid')
    WHERE NEW.grid_x IS NOT NULL AND (SELECT method FROM voting_round WHERE id = NEW.round_id) <> 'grid';
  SELECT RAISE(ABORT, 'ballot refused: more than 100 points in one split')
    WHERE NEW.points IS NOT NULL AND NEW.participant_id IS NOT NULL
      AND NEW.points + (SELECT coalesce(sum(points), 0) FROM ballot
                        WHERE round_id = NEW.round_id AND participant_id = NEW.participant_id) > 100;
END;
""",
    )
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    for table, edits in _WIDENED.items():
        sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
        for old, new in edits:
            assert old in sql, f"{table}'s CHECK is not the one this migration widens"
            sql = sql.replace(old, new)
        db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", [sql, table])
    db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    db.execute("PRAGMA writable_schema = OFF")
