"""Hypothesis vote (core/methods/hypothesis.py): a round of that method, a ballot holding a link's
answer (holds, does_not_hold or too_early) in a column of its own, the ledger's events with that
answer, and a show of hands counted per answer."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

# written out here: a shipped migration never changes when the methods' code does
_GRADIENTS = "'endorse', 'minor_point', 'reservations', 'abstain', 'more_discussion', 'disagree_but_support', 'serious_disagreement', 'block'"
_ANSWERS = "'holds', 'does_not_hold', 'too_early'"

_WIDENED = {
    "voting_round": (
        (
            "method IN ('dots', 'rating', 'gradients', 'ranking', 'grid', 'split', 'fist_to_five')",
            "method IN ('dots', 'rating', 'gradients', 'ranking', 'grid', 'split', 'fist_to_five', 'hypothesis')",
        ),
    ),
    "ballot": (("+ (fingers IS NOT NULL) + skipped = 1", "+ (fingers IS NOT NULL) + (holds IS NOT NULL) + skipped = 1"),),
    "hand_count": (("CHECK (answer IN ('0', ", f"CHECK (answer IN ({_ANSWERS}, '0', "),),
}


def m0024_hypothesis(db: Database) -> None:
    """Add the columns and triggers, then widen the method, "exactly one value" and hand-answer CHECKs
    in place, as m0016_fist_to_five does (a new column is NULL everywhere and no round is of the new
    method yet, so every stored row stays valid; rebuilding the tables inside the migration's
    transaction would cascade-delete every ballot)."""
    run_sql(
        db,
        f"""
ALTER TABLE ballot ADD COLUMN holds TEXT CHECK (holds IS NULL OR holds IN ({_ANSWERS}));
ALTER TABLE ballot_event ADD COLUMN holds TEXT;

DROP TRIGGER ballot_update_guard;
CREATE TRIGGER ballot_update_guard BEFORE UPDATE OF dots, rating, gradient, rank, skipped, grid_x, grid_y, points, fingers, holds
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
  SELECT RAISE(ABORT, 'ballot refused: fingers belong to a fist-to-five round')
    WHERE NEW.fingers IS NOT NULL AND (SELECT method FROM voting_round WHERE id = NEW.round_id) <> 'fist_to_five';
  SELECT RAISE(ABORT, 'ballot refused: holds, does not hold or too early belong to a hypothesis vote')
    WHERE NEW.holds IS NOT NULL AND (SELECT method FROM voting_round WHERE id = NEW.round_id) <> 'hypothesis';
END;

CREATE TRIGGER ballot_holds_guard BEFORE INSERT ON ballot
WHEN NEW.holds IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'ballot refused: holds, does not hold or too early belong to a hypothesis vote')
    WHERE (SELECT method FROM voting_round WHERE id = NEW.round_id) <> 'hypothesis';
END;

CREATE TRIGGER round_item_hypothesis_guard BEFORE INSERT ON round_item
WHEN NEW.link_id IS NULL
BEGIN
  SELECT RAISE(ABORT, 'round item refused: a hypothesis vote is on causal links only')
    WHERE (SELECT method FROM voting_round WHERE id = NEW.round_id) = 'hypothesis';
END;

DROP TRIGGER hand_tally_insert_guard;
CREATE TRIGGER hand_tally_insert_guard BEFORE INSERT ON hand_tally
BEGIN
  SELECT RAISE(ABORT, 'hand count refused: the round is closed')
    WHERE (SELECT closed_at FROM voting_round WHERE id = NEW.round_id) < NEW.entered_at;
  SELECT RAISE(ABORT, 'hand count refused: hands are counted for rating, gradients, fist to five, hypothesis and dots only')
    WHERE (SELECT method FROM voting_round WHERE id = NEW.round_id) NOT IN ('rating', 'gradients', 'dots', 'fist_to_five', 'hypothesis');
END;

DROP TRIGGER hand_count_insert_guard;
CREATE TRIGGER hand_count_insert_guard BEFORE INSERT ON hand_count
BEGIN
  SELECT RAISE(ABORT, 'hand count refused: that answer is not one of this round''s')
    WHERE NOT (SELECT CASE method WHEN 'rating' THEN NEW.answer IN ('1', '2', '3', '4', '5')
                                  WHEN 'dots' THEN NEW.answer = 'dot'
                                  WHEN 'gradients' THEN NEW.answer IN ({_GRADIENTS})
                                  WHEN 'fist_to_five' THEN NEW.answer IN ('0', '1', '2', '3', '4', '5')
                                  WHEN 'hypothesis' THEN NEW.answer IN ({_ANSWERS})
                                  ELSE 0 END
               FROM voting_round WHERE id = NEW.round_id);
  SELECT RAISE(ABORT, 'hand count refused: more hands counted than people voting by hand')
    WHERE NEW.count + (SELECT coalesce(sum(count), 0) FROM hand_count WHERE tally_id = NEW.tally_id)
          > (SELECT hands FROM hand_tally WHERE id = NEW.tally_id)
      AND (SELECT method FROM voting_round WHERE id = NEW.round_id) <> 'dots';
  SELECT RAISE(ABORT, 'hand count refused: more hands counted than people voting by hand')
    WHERE NEW.count > (SELECT hands FROM hand_tally WHERE id = NEW.tally_id);
END;
""",
    )
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    for table, edits in _WIDENED.items():
        sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
        for old, new in edits:
            assert sql.count(old) == 1, f"{table}'s CHECK is not the one this migration widens"
            sql = sql.replace(old, new)
        db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", [sql, table])
    db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    db.execute("PRAGMA writable_schema = OFF")
