"""The scorecard's tables: workshops, perspectives, themes, objectives, links, measures, plan."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


def m0001_initial(db: Database) -> None:
    run_sql(
        db,
        f"""
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
""",
    )
