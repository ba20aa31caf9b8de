"""A brainstorm: each person writes cards privately (an objective, a risk, an initiative or a free
question), the facilitator reveals them all at once, merges similar ones into clusters under a
stated lens (each merge is a numbered step naming every card of the merged cluster, the ones that
moved and the ones already there), and sends the clusters to a dot vote (a round item may name a
cluster) or straight into draft objectives (a cluster keeps the objective it became, and its cards
stay behind it).

The schema holds the rules when Python is bypassed: a card is refused once the brainstorm is no
longer collecting, or from someone of another workshop; a person cannot store the same card twice
(a double tap); whether names are shown is fixed when the brainstorm opens; at most one brainstorm
of a workshop collects at a time. Every merge and un-merge is a row of `brainstorm_merge`, kept."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
_WIDENED = (
    "(initiative_id IS NOT NULL)\n         + (link_id IS NOT NULL) = 1",
    "(initiative_id IS NOT NULL)\n         + (link_id IS NOT NULL) + (cluster_id IS NOT NULL) = 1",
)


def m0025_brainstorm(db: Database) -> None:
    run_sql(
        db,
        f"""
CREATE TABLE brainstorm (
  id INTEGER PRIMARY KEY,
  workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
  prompt TEXT NOT NULL CHECK (length(trim(prompt)) BETWEEN 1 AND 300),
  named INTEGER NOT NULL DEFAULT 0 CHECK (named IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'revealed', 'sent')),
  opened_at TEXT NOT NULL DEFAULT {_NOW},
  revealed_at TEXT,
  round_id INTEGER REFERENCES voting_round(id) ON DELETE SET NULL,
  on_screen INTEGER NOT NULL DEFAULT 0 CHECK (on_screen IN (0, 1)),
  CHECK ((status = 'open') = (revealed_at IS NULL))
);
CREATE INDEX brainstorm_workshop ON brainstorm (workshop_id, status);
CREATE UNIQUE INDEX brainstorm_one_open ON brainstorm (workshop_id) WHERE status = 'open';
CREATE UNIQUE INDEX brainstorm_one_on_screen ON brainstorm (workshop_id) WHERE on_screen = 1;

CREATE TRIGGER brainstorm_named_fixed BEFORE UPDATE OF named ON brainstorm
WHEN NEW.named IS NOT OLD.named
BEGIN
  SELECT RAISE(ABORT, 'a brainstorm refused: whether names are shown is fixed when it opens');
END;

CREATE TRIGGER brainstorm_no_reopening BEFORE UPDATE OF status ON brainstorm
WHEN OLD.status <> 'open' AND NEW.status = 'open'
BEGIN
  SELECT RAISE(ABORT, 'a brainstorm refused: a revealed brainstorm does not collect cards again');
END;

CREATE TABLE brainstorm_cluster (
  id INTEGER PRIMARY KEY,
  brainstorm_id INTEGER NOT NULL REFERENCES brainstorm(id) ON DELETE CASCADE,
  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
  lens TEXT CHECK (lens IS NULL OR lens IN ('outcome', 'cause', 'customer', 'process', 'capability', 'other')),
  objective_id INTEGER REFERENCES objective(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT {_NOW},
  UNIQUE (id, brainstorm_id)
);
CREATE INDEX brainstorm_cluster_brainstorm ON brainstorm_cluster (brainstorm_id);
CREATE UNIQUE INDEX brainstorm_cluster_objective ON brainstorm_cluster (objective_id) WHERE objective_id IS NOT NULL;

CREATE TABLE brainstorm_card (
  id INTEGER PRIMARY KEY,
  brainstorm_id INTEGER NOT NULL REFERENCES brainstorm(id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('objective', 'risk', 'initiative', 'question')),
  body TEXT NOT NULL CHECK (length(trim(body)) BETWEEN 1 AND 300),
  cluster_id INTEGER,
  written_at TEXT NOT NULL DEFAULT {_NOW},
  UNIQUE (brainstorm_id, participant_id, kind, body),
  FOREIGN KEY (cluster_id, brainstorm_id) REFERENCES brainstorm_cluster(id, brainstorm_id)
);
CREATE INDEX brainstorm_card_brainstorm ON brainstorm_card (brainstorm_id, participant_id);
CREATE INDEX brainstorm_card_cluster ON brainstorm_card (cluster_id);

CREATE TRIGGER brainstorm_card_while_open BEFORE INSERT ON brainstorm_card
BEGIN
  SELECT RAISE(ABORT, 'a card refused: the brainstorm is no longer collecting cards')
  WHERE (SELECT status FROM brainstorm WHERE id = NEW.brainstorm_id) IS NOT 'open';
  SELECT RAISE(ABORT, 'a card refused: the person writing it is not in this workshop')
  WHERE (SELECT workshop_id FROM participant WHERE id = NEW.participant_id)
        IS NOT (SELECT workshop_id FROM brainstorm WHERE id = NEW.brainstorm_id);
END;

CREATE TRIGGER brainstorm_card_text_kept BEFORE UPDATE OF body, kind, participant_id, brainstorm_id ON brainstorm_card
BEGIN
  SELECT RAISE(ABORT, 'a card refused: a card is kept as it was written');
END;

CREATE TABLE brainstorm_merge (
  id INTEGER PRIMARY KEY,
  brainstorm_id INTEGER NOT NULL REFERENCES brainstorm(id) ON DELETE CASCADE,
  step INTEGER NOT NULL CHECK (step >= 1),
  card_id INTEGER NOT NULL REFERENCES brainstorm_card(id) ON DELETE CASCADE,
  from_cluster_id INTEGER NOT NULL REFERENCES brainstorm_cluster(id) ON DELETE CASCADE,
  to_cluster_id INTEGER NOT NULL REFERENCES brainstorm_cluster(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('merged', 'unmerged')),
  lens TEXT CHECK (lens IS NULL OR lens IN ('outcome', 'cause', 'customer', 'process', 'capability', 'other')),
  at TEXT NOT NULL DEFAULT {_NOW},
  CHECK ((action = 'merged') = (lens IS NOT NULL)),
  CHECK (action = 'merged' OR from_cluster_id <> to_cluster_id),
  UNIQUE (brainstorm_id, step, card_id)
);
CREATE INDEX brainstorm_merge_brainstorm ON brainstorm_merge (brainstorm_id, id);

ALTER TABLE round_item ADD COLUMN cluster_id INTEGER REFERENCES brainstorm_cluster(id) ON DELETE CASCADE;
CREATE UNIQUE INDEX round_item_cluster ON round_item(round_id, cluster_id);
""",
    )
    _widen_round_item(db)


def _widen_round_item(db: Database) -> None:
    """A round item names exactly one thing, a cluster now among them: the CHECK is widened in place
    as m0012 did (a rebuild would cascade-delete every ballot)."""
    old, new = _WIDENED
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'round_item'").fetchone()[0]
    assert old in sql, "round_item's CHECK is not the one this migration widens"
    db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'round_item'", [sql.replace(old, new)])
    db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    db.execute("PRAGMA writable_schema = OFF")
