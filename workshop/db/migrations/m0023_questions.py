"""Questions from the room: a participant asks (anonymously or by name, as the workshop allows),
others upvote, the facilitator marks a question answered, hides an abusive one, and puts one on the
projector.

An upvote is a row, one per person and question (its primary key), never a counter to increase, so
two taps at once cannot count twice; the schema refuses an upvote on one's own question, on a
hidden one, or from another workshop. At most one question of a workshop is on the projector (a
partial unique index), and a hidden one never is."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


def m0023_questions(db: Database) -> None:
    run_sql(
        db,
        f"""
ALTER TABLE workshop ADD COLUMN question_names TEXT NOT NULL DEFAULT 'choice'
  CHECK (question_names IN ('anonymous', 'named', 'choice', 'off'));

CREATE TABLE question (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
  body TEXT NOT NULL CHECK (length(trim(body)) BETWEEN 1 AND 500),
  anonymous INTEGER NOT NULL DEFAULT 1 CHECK (anonymous IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'hidden')),
  on_screen INTEGER NOT NULL DEFAULT 0 CHECK (on_screen IN (0, 1)),
  asked_at TEXT NOT NULL DEFAULT {_NOW},
  changed_at TEXT NOT NULL DEFAULT {_NOW},
  CHECK (NOT (on_screen = 1 AND status = 'hidden'))
);
CREATE INDEX question_workshop ON question (workshop_id, status);
CREATE UNIQUE INDEX question_one_on_screen ON question (workshop_id) WHERE on_screen = 1;

CREATE TRIGGER question_asker_in_workshop BEFORE INSERT ON question
WHEN (SELECT workshop_id FROM participant WHERE id = NEW.participant_id) IS NOT NEW.workshop_id
BEGIN
  SELECT RAISE(ABORT, 'a question refused: the person asking is not in this workshop');
END;

CREATE TABLE question_upvote (
  question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
  at TEXT NOT NULL DEFAULT {_NOW},
  PRIMARY KEY (question_id, participant_id)
) WITHOUT ROWID;
CREATE INDEX question_upvote_participant ON question_upvote (participant_id);

CREATE TRIGGER question_upvote_guard BEFORE INSERT ON question_upvote
BEGIN
  SELECT RAISE(ABORT, 'an upvote refused: nobody upvotes their own question')
  WHERE (SELECT participant_id FROM question WHERE id = NEW.question_id) = NEW.participant_id;
  SELECT RAISE(ABORT, 'an upvote refused: the question is hidden')
  WHERE (SELECT status FROM question WHERE id = NEW.question_id) = 'hidden';
  SELECT RAISE(ABORT, 'an upvote refused: the question belongs to another workshop')
  WHERE (SELECT workshop_id FROM question WHERE id = NEW.question_id)
        IS NOT (SELECT workshop_id FROM participant WHERE id = NEW.participant_id);
END;
""",
    )
