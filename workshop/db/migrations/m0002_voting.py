"""The live room's tables: voting rounds, items, ballots with their history, comments."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW_MS = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"


def m0002_voting(db: Database) -> None:
    """Live participation: voting rounds, their items, ballots with their history, consensus
    thresholds per workshop, and the participant's personal rejoin key."""
    run_sql(
        db,
        f"""
ALTER TABLE workshop ADD COLUMN consensus_positive INTEGER NOT NULL DEFAULT 75
  CHECK (consensus_positive BETWEEN 1 AND 100);
ALTER TABLE workshop ADD COLUMN consensus_negative INTEGER NOT NULL DEFAULT 15
  CHECK (consensus_negative BETWEEN 0 AND 100);
ALTER TABLE workshop ADD COLUMN rediscuss_positive INTEGER NOT NULL DEFAULT 50
  CHECK (rediscuss_positive BETWEEN 0 AND 100);
ALTER TABLE participant ADD COLUMN rejoin_key TEXT;

CREATE TABLE voting_round (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  workshop_number INTEGER NOT NULL CHECK (workshop_number BETWEEN 1 AND 3),
  title TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL CHECK (method IN ('dots', 'rating', 'gradients', 'ranking')),
  scale TEXT NOT NULL DEFAULT 'agreement' CHECK (scale IN ('agreement', 'importance')),
  anonymity TEXT NOT NULL DEFAULT 'named' CHECK (anonymity IN ('named', 'facilitator_only', 'anonymous')),
  results_hidden INTEGER NOT NULL DEFAULT 1 CHECK (results_hidden IN (0, 1)),
  dots_total INTEGER NOT NULL DEFAULT 5 CHECK (dots_total BETWEEN 1 AND 100),
  dots_per_item INTEGER NOT NULL DEFAULT 2 CHECK (dots_per_item BETWEEN 1 AND dots_total),
  timer_seconds INTEGER CHECK (timer_seconds IS NULL OR timer_seconds BETWEEN 10 AND 86400),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_at TEXT NOT NULL DEFAULT {_NOW_MS},
  closes_at TEXT,
  closed_at TEXT,
  voters INTEGER CHECK (voters IS NULL OR voters >= 0),
  parent_id INTEGER REFERENCES voting_round(id) ON DELETE SET NULL,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE TABLE round_item (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES voting_round(id) ON DELETE CASCADE,
  objective_id INTEGER REFERENCES objective(id) ON DELETE CASCADE,
  measure_id INTEGER REFERENCES measure(id) ON DELETE CASCADE,
  initiative_id INTEGER REFERENCES initiative(id) ON DELETE CASCADE,
  label TEXT NOT NULL CHECK (length(trim(label)) > 0),
  grouping TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL CHECK (position >= 1),
  CHECK ((objective_id IS NOT NULL) + (measure_id IS NOT NULL) + (initiative_id IS NOT NULL) = 1),
  UNIQUE (round_id, objective_id),
  UNIQUE (round_id, measure_id),
  UNIQUE (round_id, initiative_id),
  UNIQUE (round_id, position),
  UNIQUE (id, round_id)
);

CREATE TABLE ballot (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES voting_round(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL,
  participant_id INTEGER REFERENCES participant(id) ON DELETE CASCADE,
  dots INTEGER CHECK (dots IS NULL OR dots >= 1),
  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  gradient TEXT CHECK (gradient IS NULL OR gradient IN ('endorse', 'reservations', 'abstain',
    'more_discussion', 'disagree_but_support', 'block')),
  rank INTEGER CHECK (rank IS NULL OR rank >= 1),
  skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
  cast_at TEXT NOT NULL DEFAULT {_NOW_MS},
  CHECK ((dots IS NOT NULL) + (rating IS NOT NULL) + (gradient IS NOT NULL) + (rank IS NOT NULL)
         + skipped = 1),
  FOREIGN KEY (item_id, round_id) REFERENCES round_item(id, round_id) ON DELETE CASCADE,
  UNIQUE (round_id, item_id, participant_id)
);

CREATE TABLE ballot_event (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES voting_round(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES round_item(id) ON DELETE CASCADE,
  participant_id INTEGER REFERENCES participant(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('cast', 'changed', 'withdrawn', 'removed')),
  dots INTEGER,
  rating INTEGER,
  gradient TEXT,
  rank INTEGER,
  skipped INTEGER NOT NULL DEFAULT 0,
  at TEXT NOT NULL DEFAULT {_NOW_MS}
);

CREATE INDEX voting_round_workshop ON voting_round(workshop_id, status);
CREATE INDEX round_item_round ON round_item(round_id);
CREATE INDEX ballot_participant ON ballot(round_id, participant_id);
CREATE INDEX ballot_event_round ON ballot_event(round_id);

-- The last line of defence: the services check all of this first, with clearer messages.
-- "Closed" and "removed" compare times so that an import can restore ballots cast before either.
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

CREATE TRIGGER round_anonymity_is_final BEFORE UPDATE OF anonymity ON voting_round
WHEN OLD.anonymity = 'anonymous' AND NEW.anonymity <> 'anonymous'
BEGIN
  SELECT RAISE(ABORT, 'a fully anonymous round cannot be made named');
END;

CREATE TRIGGER round_stays_closed BEFORE UPDATE OF status ON voting_round
WHEN OLD.status = 'closed' AND NEW.status <> 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed round cannot be reopened; open a re-vote instead');
END;

CREATE TRIGGER comment_replies_one_level BEFORE INSERT ON comment
WHEN NEW.parent_id IS NOT NULL
  AND (SELECT parent_id FROM comment WHERE id = NEW.parent_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'replies are one level deep');
END;
""",
    )
