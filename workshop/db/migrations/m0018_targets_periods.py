"""Real targets and real numbers: a measure's target has a type (at least, at most, within a range,
exactly, a rating, a milestone, to be decided), its lead/lag kind and frequency may be "not stated",
it says whether a period's value is a level or an amount over the period and how periods make up the
year; each measure has periods with a planned value, an actual, a comment; initiatives have a budget
phased into periods with the spend against it; a workshop locks the periods it has reviewed.

The measure table keeps its rows; see LOOSER for how its constraints are loosened in place.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"

# SQLite cannot loosen a CHECK constraint or change a default in place with ALTER TABLE, and rebuilding
# the table inside a transaction would cascade-delete every comment, round item and decision that
# names a measure. SQLite documents the way for exactly these changes (removing or loosening CHECK
# constraints, changing defaults): rewrite the table's stored definition under writable_schema in the
# same transaction and bump the schema version (https://www.sqlite.org/lang_altertable.html#otheralter).
# Every row already stored satisfies the looser definition, so nothing on disk changes.
LOOSER = (
    # '' is "not stated": an import or a form that says nothing stores nothing, never a silent default
    ("kind TEXT NOT NULL DEFAULT 'lag' CHECK (kind IN ('lead', 'lag'))", "kind TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'lead', 'lag'))"),
    (
        "frequency TEXT NOT NULL DEFAULT 'monthly' CHECK (frequency IN ('weekly', 'monthly', 'quarterly', 'annually'))",
        "frequency TEXT NOT NULL DEFAULT '' CHECK (frequency IN ('', 'weekly', 'monthly', 'quarterly', 'annually'))",
    ),
    # thresholds ordered by direction only for targets with a direction (at least, at most)
    (
        "CHECK (green IS NULL OR red IS NULL OR (direction = 'higher' AND red <= green)",
        "CHECK (green IS NULL OR red IS NULL OR target_type NOT IN ('', 'at_least', 'at_most') OR (direction = 'higher' AND red <= green)",
    ),
)

MEASURE_COLUMNS = """
ALTER TABLE measure ADD COLUMN target_type TEXT NOT NULL DEFAULT '' CHECK (target_type IN
  ('', 'at_least', 'at_most', 'range', 'exactly', 'rating', 'milestone', 'tbd'));
UPDATE measure SET target_type = CASE direction WHEN 'lower' THEN 'at_most' ELSE 'at_least' END WHERE target IS NOT NULL;
ALTER TABLE measure ADD COLUMN target_strict INTEGER NOT NULL DEFAULT 0 CHECK (target_strict IN (0, 1));
ALTER TABLE measure ADD COLUMN target_low REAL;
ALTER TABLE measure ADD COLUMN target_high REAL CHECK (target_high IS NULL OR target_low IS NULL OR target_low <= target_high);
ALTER TABLE measure ADD COLUMN target_level TEXT NOT NULL DEFAULT '' CHECK (length(target_level) <= 200);
ALTER TABLE measure ADD COLUMN rating_scale TEXT NOT NULL DEFAULT '' CHECK (length(rating_scale) <= 500);
ALTER TABLE measure ADD COLUMN nature TEXT NOT NULL DEFAULT '' CHECK (nature IN ('', 'level', 'flow'));
ALTER TABLE measure ADD COLUMN year_rule TEXT NOT NULL DEFAULT '' CHECK (year_rule IN ('', 'sum', 'average', 'last'));
"""

TRIGGERS = """
-- What each type of target needs, held by triggers since ADD COLUMN cannot add a table constraint.
CREATE TRIGGER measure_target_complete_insert BEFORE INSERT ON measure
WHEN NOT (
  (NEW.target_type IN ('', 'tbd') AND NEW.target IS NULL AND NEW.target_low IS NULL AND NEW.target_high IS NULL)
  OR (NEW.target_type = 'at_least' AND NEW.target IS NOT NULL AND NEW.direction = 'higher')
  OR (NEW.target_type = 'at_most' AND NEW.target IS NOT NULL AND NEW.direction = 'lower')
  OR (NEW.target_type = 'exactly' AND NEW.target IS NOT NULL)
  OR (NEW.target_type = 'range' AND NEW.target_low IS NOT NULL AND NEW.target_high IS NOT NULL)
  OR (NEW.target_type = 'rating' AND NEW.target_level <> '' AND NEW.rating_scale <> '')
  OR (NEW.target_type = 'milestone' AND NEW.target_level <> ''))
BEGIN
  SELECT RAISE(ABORT, 'a target of this type lacks what it needs');
END;

CREATE TRIGGER measure_target_complete_update BEFORE UPDATE ON measure
WHEN NOT (
  (NEW.target_type IN ('', 'tbd') AND NEW.target IS NULL AND NEW.target_low IS NULL AND NEW.target_high IS NULL)
  OR (NEW.target_type = 'at_least' AND NEW.target IS NOT NULL AND NEW.direction = 'higher')
  OR (NEW.target_type = 'at_most' AND NEW.target IS NOT NULL AND NEW.direction = 'lower')
  OR (NEW.target_type = 'exactly' AND NEW.target IS NOT NULL)
  OR (NEW.target_type = 'range' AND NEW.target_low IS NOT NULL AND NEW.target_high IS NOT NULL)
  OR (NEW.target_type = 'rating' AND NEW.target_level <> '' AND NEW.rating_scale <> '')
  OR (NEW.target_type = 'milestone' AND NEW.target_level <> ''))
BEGIN
  SELECT RAISE(ABORT, 'a target of this type lacks what it needs');
END;
"""

PERIODS = f"""
ALTER TABLE workshop ADD COLUMN reporting_start TEXT
  CHECK (reporting_start IS NULL OR (date(reporting_start) = reporting_start AND strftime('%d', reporting_start) = '01'));
ALTER TABLE workshop ADD COLUMN year_start_month INTEGER NOT NULL DEFAULT 1 CHECK (year_start_month BETWEEN 1 AND 12);
ALTER TABLE initiative ADD COLUMN spend_to_date REAL CHECK (spend_to_date IS NULL OR spend_to_date >= 0);

-- One row per measure and period (a month, a quarter, a year or an ISO week, by the measure's
-- frequency), named by its first and last day. planned NULL means "phased from the target".
CREATE TABLE measure_period (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  starts TEXT NOT NULL CHECK (date(starts) = starts),
  ends TEXT NOT NULL CHECK (date(ends) = ends AND ends >= starts),
  planned REAL,
  actual REAL,
  actual_text TEXT NOT NULL DEFAULT '' CHECK (length(actual_text) <= 200),
  comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
  updated_at TEXT NOT NULL DEFAULT {_NOW},
  UNIQUE (measure_id, starts)
);
CREATE INDEX measure_period_measure ON measure_period(measure_id, starts);

-- An initiative's budget by period and what was spent.
CREATE TABLE initiative_period (
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
  starts TEXT NOT NULL CHECK (date(starts) = starts),
  ends TEXT NOT NULL CHECK (date(ends) = ends AND ends >= starts),
  planned_spend REAL CHECK (planned_spend IS NULL OR planned_spend >= 0),
  spend REAL CHECK (spend IS NULL OR spend >= 0),
  comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
  UNIQUE (initiative_id, starts)
);

-- A reviewed period is locked: its figures no longer change.
CREATE TABLE period_lock (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  starts TEXT NOT NULL CHECK (date(starts) = starts),
  ends TEXT NOT NULL CHECK (date(ends) = ends AND ends >= starts),
  locked_at TEXT NOT NULL DEFAULT {_NOW},
  UNIQUE (workshop_id, starts, ends)
);

CREATE TRIGGER measure_period_locked_insert BEFORE INSERT ON measure_period
WHEN EXISTS (SELECT 1 FROM period_lock l JOIN objective o ON o.workshop_id = l.workshop_id
             JOIN measure m ON m.objective_id = o.id
             WHERE m.id = NEW.measure_id AND NEW.starts <= l.ends AND NEW.ends >= l.starts)
BEGIN
  SELECT RAISE(ABORT, 'period locked: a reviewed period keeps its figures; open it again with a reason to change them');
END;

CREATE TRIGGER measure_period_locked_update BEFORE UPDATE ON measure_period
WHEN EXISTS (SELECT 1 FROM period_lock l JOIN objective o ON o.workshop_id = l.workshop_id
             JOIN measure m ON m.objective_id = o.id
             WHERE m.id = OLD.measure_id AND OLD.starts <= l.ends AND OLD.ends >= l.starts)
BEGIN
  SELECT RAISE(ABORT, 'period locked: a reviewed period keeps its figures; open it again with a reason to change them');
END;

CREATE TRIGGER measure_period_locked_delete BEFORE DELETE ON measure_period
WHEN EXISTS (SELECT 1 FROM period_lock l JOIN objective o ON o.workshop_id = l.workshop_id
             JOIN measure m ON m.objective_id = o.id
             WHERE m.id = OLD.measure_id AND OLD.starts <= l.ends AND OLD.ends >= l.starts)
  AND EXISTS (SELECT 1 FROM measure WHERE id = OLD.measure_id)
BEGIN
  SELECT RAISE(ABORT, 'period locked: a reviewed period keeps its figures; open it again with a reason to change them');
END;

CREATE TRIGGER initiative_period_locked_insert BEFORE INSERT ON initiative_period
WHEN EXISTS (SELECT 1 FROM period_lock l JOIN initiative i ON i.workshop_id = l.workshop_id
             WHERE i.id = NEW.initiative_id AND NEW.starts <= l.ends AND NEW.ends >= l.starts)
BEGIN
  SELECT RAISE(ABORT, 'period locked: a reviewed period keeps its figures; open it again with a reason to change them');
END;

CREATE TRIGGER initiative_period_locked_update BEFORE UPDATE ON initiative_period
WHEN EXISTS (SELECT 1 FROM period_lock l JOIN initiative i ON i.workshop_id = l.workshop_id
             WHERE i.id = OLD.initiative_id AND OLD.starts <= l.ends AND OLD.ends >= l.starts)
BEGIN
  SELECT RAISE(ABORT, 'period locked: a reviewed period keeps its figures; open it again with a reason to change them');
END;
"""


def m0018_targets_periods(db: Database) -> None:
    run_sql(db, MEASURE_COLUMNS)
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'measure'").fetchone()
    for old, new in LOOSER:
        if old not in sql:
            raise RuntimeError(f"the measure table is not as shipped: {old[:40]}…")
        sql = sql.replace(old, new)
    (version,) = db.execute("PRAGMA schema_version").fetchone()
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'measure'", [sql])
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    run_sql(db, TRIGGERS)
    run_sql(db, PERIODS)
