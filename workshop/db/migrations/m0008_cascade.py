"""The cascade: a workshop may be the scorecard of a lower unit of another (its parent).

A child's objectives name the parent objectives they contribute to, or say why they are local to
the unit; the child lists the parent objectives it is expected to serve. Every workshop carries a
stable identifier (`uid`) so that an exported child can find its parent again in another database.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql


def m0008_cascade(db: Database) -> None:
    run_sql(
        db,
        """
ALTER TABLE workshop ADD COLUMN parent_id INTEGER REFERENCES workshop(id) ON DELETE SET NULL;
ALTER TABLE workshop ADD COLUMN uid TEXT;
ALTER TABLE workshop ADD COLUMN perspective_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE objective ADD COLUMN local_reason TEXT NOT NULL DEFAULT '';

UPDATE workshop SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX workshop_uid ON workshop(uid);
CREATE INDEX workshop_parent ON workshop(parent_id);

CREATE TRIGGER workshop_uid_given AFTER INSERT ON workshop WHEN NEW.uid IS NULL
BEGIN
  UPDATE workshop SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

CREATE TRIGGER workshop_parent_not_self BEFORE UPDATE OF parent_id ON workshop
WHEN NEW.parent_id = NEW.id
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: a workshop cannot be its own parent');
END;

-- A child objective → the parent objective it contributes to.
CREATE TABLE contribution (
  objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  parent_objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  PRIMARY KEY (objective_id, parent_objective_id)
);
CREATE INDEX contribution_parent ON contribution(parent_objective_id);

-- The parent objectives a child unit is expected to contribute to.
CREATE TABLE expected_contribution (
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  parent_objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
  PRIMARY KEY (workshop_id, parent_objective_id)
);

CREATE TRIGGER contribution_to_parent BEFORE INSERT ON contribution
WHEN (SELECT w.parent_id FROM objective o JOIN workshop w ON w.id = o.workshop_id
      WHERE o.id = NEW.objective_id) IS NOT
     (SELECT workshop_id FROM objective WHERE id = NEW.parent_objective_id)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: a contribution names an objective of the parent workshop');
END;

CREATE TRIGGER expected_of_parent BEFORE INSERT ON expected_contribution
WHEN (SELECT parent_id FROM workshop WHERE id = NEW.workshop_id) IS NOT
     (SELECT workshop_id FROM objective WHERE id = NEW.parent_objective_id)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: an expected contribution names an objective of the parent workshop');
END;
""",
    )
