"""Rounds numbered within their workshop, the full eight-point gradients of agreement, and the
vote a decision was taken on, kept beside the facilitator's rationale."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW_MS = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
# written out: a shipped migration never changes when the code's constants do
_GRADIENT_LIST = "'endorse', 'minor_point', 'reservations', 'abstain', 'more_discussion', 'disagree_but_support', 'serious_disagreement', 'block'"


def m0004_round_numbers_and_gradients(db: Database) -> None:
    """Each round gets its number within its workshop (Round 1, 2, …; set by the schema for every
    door: forms, import, command line), and a ballot accepts Kaner's eight gradients (a minor
    point of contention and serious disagreement were missing). A decision keeps the vote's figures
    as `evidence`, apart from the rationale the facilitator writes."""
    run_sql(
        db,
        f"""
ALTER TABLE decision ADD COLUMN evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 2000);
ALTER TABLE voting_round ADD COLUMN number INTEGER CHECK (number IS NULL OR number >= 1);
UPDATE voting_round SET number = (SELECT count(*) FROM voting_round AS earlier
                                  WHERE earlier.workshop_id = voting_round.workshop_id
                                    AND earlier.id <= voting_round.id);
CREATE UNIQUE INDEX voting_round_number ON voting_round(workshop_id, number);
CREATE TRIGGER voting_round_numbered AFTER INSERT ON voting_round WHEN NEW.number IS NULL
BEGIN
  UPDATE voting_round SET number = (SELECT coalesce(max(number), 0) + 1 FROM voting_round
                                    WHERE workshop_id = NEW.workshop_id)
  WHERE id = NEW.id;
END;

CREATE TABLE ballot_new (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES voting_round(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL,
  participant_id INTEGER REFERENCES participant(id) ON DELETE CASCADE,
  dots INTEGER CHECK (dots IS NULL OR dots >= 1),
  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  gradient TEXT CHECK (gradient IS NULL OR gradient IN ({_GRADIENT_LIST})),
  rank INTEGER CHECK (rank IS NULL OR rank >= 1),
  skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
  cast_at TEXT NOT NULL DEFAULT {_NOW_MS},
  CHECK ((dots IS NOT NULL) + (rating IS NOT NULL) + (gradient IS NOT NULL) + (rank IS NOT NULL)
         + skipped = 1),
  FOREIGN KEY (item_id, round_id) REFERENCES round_item(id, round_id) ON DELETE CASCADE,
  UNIQUE (round_id, item_id, participant_id)
);
INSERT INTO ballot_new SELECT id, round_id, item_id, participant_id, dots, rating, gradient, rank,
                              skipped, cast_at FROM ballot;
DROP TABLE ballot;
ALTER TABLE ballot_new RENAME TO ballot;
CREATE INDEX ballot_participant ON ballot(round_id, participant_id);

CREATE TRIGGER ballot_insert_guard BEFORE INSERT ON ballot
BEGIN
  SELECT RAISE(ABORT, 'ballot refused: the round is closed')
    WHERE (SELECT closed_at FROM voting_round WHERE id = NEW.round_id) < NEW.cast_at;
  SELECT RAISE(ABORT, 'ballot refused: the participant was removed')
    WHERE (SELECT removed_at FROM participant WHERE id = NEW.participant_id) < NEW.cast_at;
  SELECT RAISE(ABORT, 'ballot refused: more dots on one item than the round allows')
    WHERE NEW.dots > (SELECT dots_per_item FROM voting_round WHERE id = NEW.round_id);
  SELECT RAISE(ABORT, 'ballot refused: the dot budget is spent')
    WHERE NEW.dots IS NOT NULL AND NEW.participant_id IS NOT NULL
      AND NEW.dots + (SELECT coalesce(sum(dots), 0) FROM ballot
                      WHERE round_id = NEW.round_id AND participant_id = NEW.participant_id)
          > (SELECT dots_total FROM voting_round WHERE id = NEW.round_id);
END;

CREATE TRIGGER ballot_update_guard BEFORE UPDATE OF dots, rating, gradient, rank, skipped ON ballot
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
END;
""",
    )
