"""Anonymity that holds in small rooms (see core/disclosure.py): each round keeps its minimum number
of voters, a round that is not named never shows results while it is open, and each voter's
ballots in a round share a sheet number drawn at random when it closes, so an anonymous round that
forgets its voters still keeps a voter's ranks together."""

from __future__ import annotations

import secrets

from sqlite_utils import Database

from workshop.db.migrations import run_sql


def _shuffled_sheets(voters: list) -> dict:
    """Sheet numbers 1…n given to `voters` in a random order: nothing of a voter's id or of the
    order they voted in survives in their number."""
    numbers = list(range(1, len(voters) + 1))
    secrets.SystemRandom().shuffle(numbers)
    return dict(zip(voters, numbers))


def m0014_privacy(db: Database) -> None:
    """Add the minimum (3–10, default 5) and the sheet; hide the results of every open round that is
    not named; give the ballots of closed rounds that still know their voters their sheets (a fully
    anonymous round closed before this forgot its voters, so its ballots stay apart)."""
    run_sql(
        db,
        """
ALTER TABLE voting_round ADD COLUMN min_voters INTEGER NOT NULL DEFAULT 5 CHECK (min_voters BETWEEN 3 AND 10);
ALTER TABLE ballot ADD COLUMN sheet INTEGER CHECK (sheet IS NULL OR sheet >= 1);
CREATE UNIQUE INDEX ballot_sheet ON ballot(round_id, item_id, sheet);
UPDATE voting_round SET results_hidden = 1 WHERE anonymity <> 'named' AND results_hidden = 0;
CREATE TRIGGER round_private_results_hidden_insert BEFORE INSERT ON voting_round
WHEN NEW.anonymity <> 'named' AND NEW.results_hidden = 0
BEGIN
  SELECT RAISE(ABORT, 'round refused: a round that is not named hides its results until it closes');
END;
CREATE TRIGGER round_private_results_hidden_update BEFORE UPDATE OF results_hidden, anonymity ON voting_round
WHEN NEW.anonymity <> 'named' AND NEW.results_hidden = 0
BEGIN
  SELECT RAISE(ABORT, 'round refused: a round that is not named hides its results until it closes');
END;
""",
    )
    closed = [r["id"] for r in db.query("SELECT id FROM voting_round WHERE status = 'closed' ORDER BY id")]
    for round_id in closed:
        voters = [
            r["participant_id"]
            for r in db.query(
                "SELECT DISTINCT participant_id FROM ballot WHERE round_id = ? AND participant_id IS NOT NULL ORDER BY participant_id", [round_id]
            )
        ]
        for participant_id, sheet in _shuffled_sheets(voters).items():
            db.execute("UPDATE ballot SET sheet = ? WHERE round_id = ? AND participant_id = ?", [sheet, round_id, participant_id])
