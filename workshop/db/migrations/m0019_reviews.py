"""After the workshop: review meetings for a period, the actions they record and carry over, the room's
verdict on each causal link with the evidence it saw, the history of a measure's changes with their
reasons (kept, never overwritten), the log of unlocked periods, and incentive schemes weighting
objectives or measures (off by default)."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


def m0019_reviews(db: Database) -> None:
    run_sql(
        db,
        f"""
ALTER TABLE workshop ADD COLUMN rewards_enabled INTEGER NOT NULL DEFAULT 0 CHECK (rewards_enabled IN (0, 1));

CREATE TABLE review (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  starts TEXT NOT NULL CHECK (date(starts) = starts),
  ends TEXT NOT NULL CHECK (date(ends) = ends AND ends >= starts),
  kind TEXT NOT NULL DEFAULT 'strategy' CHECK (kind IN ('operational', 'strategy', 'testing')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
  next_review TEXT CHECK (next_review IS NULL OR date(next_review) = next_review),
  opened_at TEXT NOT NULL DEFAULT {_NOW},
  closed_at TEXT,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  UNIQUE (workshop_id, starts, ends, kind)
);

-- What a review decided someone does; open ones are carried to the next review until done or dropped.
CREATE TABLE review_action (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
  what TEXT NOT NULL CHECK (length(trim(what)) BETWEEN 1 AND 1000),
  owner TEXT NOT NULL DEFAULT '' CHECK (length(owner) <= 200),
  due TEXT CHECK (due IS NULL OR date(due) = due),
  objective_id INTEGER REFERENCES objective(id) ON DELETE SET NULL,
  measure_id INTEGER REFERENCES measure(id) ON DELETE SET NULL,
  initiative_id INTEGER REFERENCES initiative(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
  closed_in INTEGER REFERENCES review(id) ON DELETE SET NULL,
  outcome TEXT NOT NULL DEFAULT '' CHECK (length(outcome) <= 2000),
  created_at TEXT NOT NULL DEFAULT {_NOW},
  CHECK ((objective_id IS NOT NULL) + (measure_id IS NOT NULL) + (initiative_id IS NOT NULL) <= 1)
);
CREATE INDEX review_action_workshop ON review_action(workshop_id, status);

-- The room's verdict on a causal link in a review, with the evidence it had before it.
CREATE TABLE link_verdict (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
  link_id INTEGER NOT NULL REFERENCES causal_link(id) ON DELETE CASCADE,
  verdict TEXT NOT NULL CHECK (verdict IN ('holds', 'does not hold', 'too early to tell')),
  evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 1000),
  r REAL CHECK (r IS NULL OR r BETWEEN -1 AND 1),
  lag INTEGER CHECK (lag IS NULL OR lag BETWEEN 0 AND 2),
  periods INTEGER NOT NULL DEFAULT 0 CHECK (periods >= 0),
  round_id INTEGER REFERENCES voting_round(id) ON DELETE SET NULL,
  recorded_at TEXT NOT NULL DEFAULT {_NOW},
  UNIQUE (review_id, link_id)
);

-- A measure's history: each change of its target or definition after the workshop, with why.
CREATE TABLE measure_change (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  review_id INTEGER REFERENCES review(id) ON DELETE SET NULL,
  field TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 40),
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 2000),
  changed_at TEXT NOT NULL DEFAULT {_NOW}
);
CREATE INDEX measure_change_measure ON measure_change(measure_id, id);

CREATE TRIGGER measure_change_kept BEFORE UPDATE ON measure_change
BEGIN
  SELECT RAISE(ABORT, 'a measure''s history is kept as it was written');
END;

-- Unlocking a reviewed period is allowed, with a reason, and logged here.
CREATE TABLE period_unlock (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  starts TEXT NOT NULL CHECK (date(starts) = starts),
  ends TEXT NOT NULL CHECK (date(ends) = ends AND ends >= starts),
  reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 2000),
  unlocked_at TEXT NOT NULL DEFAULT {_NOW}
);

CREATE TRIGGER period_unlock_logged BEFORE DELETE ON period_lock
WHEN EXISTS (SELECT 1 FROM workshop WHERE id = OLD.workshop_id)
  AND NOT EXISTS (SELECT 1 FROM period_unlock u WHERE u.workshop_id = OLD.workshop_id
                  AND u.starts = OLD.starts AND u.ends = OLD.ends AND u.unlocked_at >= OLD.locked_at)
BEGIN
  SELECT RAISE(ABORT, 'a locked period opens only with a reason');
END;

-- An incentive scheme weights objectives or measures; its weights add up to 100 (checked on saving).
CREATE TABLE incentive_scheme (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 200),
  cap REAL NOT NULL DEFAULT 1.2 CHECK (cap BETWEEN 1 AND 3),
  UNIQUE (workshop_id, name)
);

CREATE TABLE incentive_weight (
  id INTEGER PRIMARY KEY,
  scheme_id INTEGER NOT NULL REFERENCES incentive_scheme(id) ON DELETE CASCADE,
  objective_id INTEGER REFERENCES objective(id) ON DELETE CASCADE,
  measure_id INTEGER REFERENCES measure(id) ON DELETE CASCADE,
  weight REAL NOT NULL CHECK (weight > 0 AND weight <= 100),
  CHECK ((objective_id IS NULL) + (measure_id IS NULL) = 1),
  UNIQUE (scheme_id, objective_id),
  UNIQUE (scheme_id, measure_id)
);
""",
    )
