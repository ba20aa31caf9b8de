"""The tables, and the ordered migrations that build them.

Integrity lives here: foreign keys, UNIQUE, NOT NULL and CHECK constraints, so that a bug or a race
in Python cannot store a scorecard the method forbids. Add a change as a new numbered migration;
never edit one that has shipped.
"""
from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("scorecard_workshop")

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


def run_sql(db: Database, sql: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit)."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement[:60]}")


@migrations()
def m0001_initial(db: Database) -> None:
    run_sql(db, f"""
CREATE TABLE workshop (
  id INTEGER PRIMARY KEY,
  organisation TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
  unit TEXT NOT NULL CHECK (length(trim(unit)) > 0),
  sector TEXT NOT NULL DEFAULT 'for-profit' CHECK (sector IN ('for-profit', 'public', 'non-profit')),
  facilitator TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) BETWEEN 1 AND 8),
  unit_description TEXT NOT NULL DEFAULT '',
  financial_goals TEXT NOT NULL DEFAULT '',
  mission TEXT NOT NULL DEFAULT '',
  vision TEXT NOT NULL DEFAULT '',
  values_statement TEXT NOT NULL DEFAULT '',
  core_strategy TEXT NOT NULL DEFAULT '' CHECK (core_strategy IN
    ('', 'product leadership', 'operational excellence', 'customer intimacy')),
  strategy_summary TEXT NOT NULL DEFAULT '',
  review_kpis TEXT NOT NULL DEFAULT 'Monthly KPI review by the leadership team',
  review_initiatives TEXT NOT NULL DEFAULT 'Quarterly deep dive on strategic initiatives',
  review_strategy TEXT NOT NULL DEFAULT 'Annual strategy refresh',
  phase INTEGER NOT NULL DEFAULT 1 CHECK (phase BETWEEN 1 AND 5),
  join_code TEXT UNIQUE,
  passphrase_hash TEXT,
  created_at TEXT NOT NULL DEFAULT {_NOW}
);

CREATE TABLE perspective (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  key TEXT NOT NULL CHECK (key IN ('financial', 'customer', 'internal', 'learning')),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 4),
  UNIQUE (workshop_id, key),
  UNIQUE (workshop_id, position)
);

CREATE TABLE theme (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  description TEXT NOT NULL DEFAULT '',
  colour TEXT NOT NULL DEFAULT '#4e79a7' CHECK (colour GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
  UNIQUE (workshop_id, name)
);

CREATE TABLE head_office_theme (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  requirement TEXT NOT NULL DEFAULT '',
  UNIQUE (workshop_id, name)
);

CREATE TABLE sister_unit (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  relationship TEXT NOT NULL DEFAULT '',
  UNIQUE (workshop_id, name)
);

CREATE TABLE interview (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  executive TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(executive)) > 0),
  role TEXT NOT NULL DEFAULT '',
  held_on TEXT CHECK (held_on IS NULL OR date(held_on) = held_on),
  mission TEXT NOT NULL DEFAULT '',
  vision TEXT NOT NULL DEFAULT '',
  values_statement TEXT NOT NULL DEFAULT '',
  strategy TEXT NOT NULL DEFAULT '',
  competitive_position TEXT NOT NULL DEFAULT '',
  competencies TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  UNIQUE (workshop_id, executive)
);

CREATE TABLE participant (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  token TEXT NOT NULL UNIQUE,
  joined_at TEXT NOT NULL DEFAULT {_NOW},
  removed_at TEXT,
  UNIQUE (workshop_id, name)
);

CREATE TABLE objective (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  perspective_id INTEGER NOT NULL REFERENCES perspective(id),
  theme_id INTEGER REFERENCES theme(id) ON DELETE SET NULL,
  title TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(title)) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed', 'dropped')),
  proposed_by TEXT NOT NULL DEFAULT '',
  proposed_by_participant_id INTEGER REFERENCES participant(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT {_NOW},
  UNIQUE (workshop_id, title)
);

CREATE TABLE objective_source (
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  interview_id INTEGER NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
  PRIMARY KEY (objective_id, interview_id)
);

CREATE TABLE causal_link (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  cause_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  effect_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  hypothesis TEXT NOT NULL DEFAULT '',
  CHECK (cause_id <> effect_id),
  UNIQUE (cause_id, effect_id)
);

CREATE TABLE measure (
  id INTEGER PRIMARY KEY,
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 200),
  definition TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  data_source TEXT NOT NULL DEFAULT '',
  data_collection TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT 'lag' CHECK (kind IN ('lead', 'lag')),
  frequency TEXT NOT NULL DEFAULT 'monthly' CHECK (frequency IN ('weekly', 'monthly', 'quarterly', 'annually')),
  direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
  baseline REAL,
  target REAL,
  target_date TEXT CHECK (target_date IS NULL OR date(target_date) = target_date),
  green REAL,
  red REAL,
  actual REAL,
  owner TEXT NOT NULL DEFAULT '',
  CHECK (green IS NULL OR red IS NULL OR (direction = 'higher' AND red <= green)
         OR (direction = 'lower' AND red >= green)),
  UNIQUE (objective_id, name)
);

CREATE TABLE initiative (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
  deadline TEXT CHECK (deadline IS NULL OR date(deadline) = deadline),
  budget REAL CHECK (budget IS NULL OR budget >= 0),
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'in progress', 'done', 'cancelled')),
  CHECK (start_date IS NULL OR deadline IS NULL OR deadline >= start_date),
  UNIQUE (workshop_id, name)
);

CREATE TABLE initiative_objective (
  initiative_id INTEGER NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  PRIMARY KEY (initiative_id, objective_id)
);

CREATE TABLE cascade_unit (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  unit TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(unit)) > 0),
  owner TEXT NOT NULL DEFAULT '',
  due TEXT CHECK (due IS NULL OR date(due) = due),
  approach TEXT NOT NULL DEFAULT '',
  UNIQUE (workshop_id, unit)
);

CREATE TABLE comment (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  objective_id INTEGER REFERENCES objective(id) ON DELETE CASCADE,
  measure_id INTEGER REFERENCES measure(id) ON DELETE CASCADE,
  participant_id INTEGER REFERENCES participant(id) ON DELETE SET NULL,
  parent_id INTEGER REFERENCES comment(id) ON DELETE CASCADE,
  author TEXT NOT NULL CHECK (length(trim(author)) > 0),
  body TEXT NOT NULL CHECK (length(trim(body)) > 0),
  addressed INTEGER NOT NULL DEFAULT 0 CHECK (addressed IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT {_NOW},
  CHECK ((objective_id IS NULL) + (measure_id IS NULL) = 1)
);

CREATE TABLE decision (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  phase INTEGER NOT NULL CHECK (phase BETWEEN 1 AND 5),
  objective_id INTEGER REFERENCES objective(id) ON DELETE SET NULL,
  measure_id INTEGER REFERENCES measure(id) ON DELETE SET NULL,
  initiative_id INTEGER REFERENCES initiative(id) ON DELETE SET NULL,
  subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),
  outcome TEXT NOT NULL CHECK (outcome IN ('agreed', 'changed', 'dropped', 'noted')),
  rationale TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT {_NOW}
);

CREATE INDEX perspective_workshop ON perspective(workshop_id);
CREATE INDEX objective_workshop ON objective(workshop_id);
CREATE INDEX measure_objective ON measure(objective_id);
CREATE INDEX link_workshop ON causal_link(workshop_id);
CREATE INDEX initiative_workshop ON initiative(workshop_id);
CREATE INDEX comment_objective ON comment(objective_id);
CREATE INDEX comment_measure ON comment(measure_id);
CREATE INDEX decision_workshop ON decision(workshop_id);
""")


_NOW_MS = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"


@migrations()
def m0002_voting(db: Database) -> None:
    """Live participation: voting rounds, their items, ballots with their history, consensus
    thresholds per workshop, and the participant's personal rejoin key."""
    run_sql(db, f"""
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
""")


@migrations()
def m0003_unlock_attempts(db: Database) -> None:
    """Wrong facilitator passphrases, kept a short while so guessing can be slowed down."""
    run_sql(db, """
CREATE TABLE unlock_failure (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX unlock_failure_workshop ON unlock_failure (workshop_id, at);
""")


def migrate(db: Database) -> None:
    """Bring the database up to date; safe to call on every start."""
    migrations.apply(db)
