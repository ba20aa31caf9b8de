"""Mixed rooms: people without a device vote on paper or by a show of hands, entered by the
facilitator.

A paper ballot is stored as ordinary ballots of a *paper voter*: a participant row of kind 'paper',
whose token can never be used to join (it starts 'paper:', which no joining link carries), so every
result, Borda count, dots budget, re-vote and the ledger's chain work unchanged. Each ballot and
ballot event says where it came from (`source`), which survives a fully anonymous round's close
(that forgets who voted, not how). A show of hands is a *hand tally* per item (how many people
voted by hand) with its *hand counts* per answer; a tally is never edited: entering it again marks
the old one replaced, so the history stays readable.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_NOW_MS = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
# written out: a shipped migration never changes when the code's constants do
_ANSWERS = (
    "'1', '2', '3', '4', '5', 'dot', 'endorse', 'minor_point', 'reservations', 'abstain', "
    "'more_discussion', 'disagree_but_support', 'serious_disagreement', 'block'"
)
_GRADIENTS = "'endorse', 'minor_point', 'reservations', 'abstain', 'more_discussion', 'disagree_but_support', 'serious_disagreement', 'block'"


def m0015_paper(db: Database) -> None:
    """Paper voters, the source of each ballot, the paper voters a closed round counted, and the
    hand tallies with their counts."""
    run_sql(
        db,
        f"""
ALTER TABLE participant ADD COLUMN kind TEXT NOT NULL DEFAULT 'device' CHECK (kind IN ('device', 'paper'));
ALTER TABLE ballot ADD COLUMN source TEXT NOT NULL DEFAULT 'device' CHECK (source IN ('device', 'paper'));
ALTER TABLE ballot_event ADD COLUMN source TEXT NOT NULL DEFAULT 'device' CHECK (source IN ('device', 'paper'));
ALTER TABLE voting_round ADD COLUMN paper_voters INTEGER CHECK (paper_voters IS NULL OR paper_voters >= 0);

CREATE TRIGGER paper_voter_cannot_join BEFORE INSERT ON participant
WHEN NEW.kind = 'paper' AND (NEW.token NOT LIKE 'paper:%' OR NEW.rejoin_key IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'a paper voter has no joining link and no rejoin key');
END;

CREATE TRIGGER device_token_is_not_paper BEFORE INSERT ON participant
WHEN NEW.kind = 'device' AND NEW.token LIKE 'paper:%'
BEGIN
  SELECT RAISE(ABORT, 'a joining link cannot look like a paper voter''s');
END;

CREATE TRIGGER participant_kind_is_final BEFORE UPDATE OF kind, token ON participant
WHEN NEW.kind <> OLD.kind OR (OLD.kind = 'paper' AND NEW.token <> OLD.token)
BEGIN
  SELECT RAISE(ABORT, 'a paper voter stays a paper voter');
END;

CREATE TRIGGER ballot_source_matches_voter BEFORE INSERT ON ballot
WHEN NEW.participant_id IS NOT NULL
  AND NEW.source <> (SELECT kind FROM participant WHERE id = NEW.participant_id)
BEGIN
  SELECT RAISE(ABORT, 'ballot refused: a paper ballot belongs to a paper voter, and only there');
END;

CREATE TABLE hand_tally (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES voting_round(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL,
  hands INTEGER NOT NULL CHECK (hands BETWEEN 1 AND 10000),
  entered_at TEXT NOT NULL DEFAULT {_NOW_MS},
  replaced_at TEXT,
  CHECK (replaced_at IS NULL OR replaced_at >= entered_at),
  FOREIGN KEY (item_id, round_id) REFERENCES round_item(id, round_id) ON DELETE CASCADE,
  UNIQUE (id, round_id)
);
CREATE UNIQUE INDEX hand_tally_current ON hand_tally(round_id, item_id) WHERE replaced_at IS NULL;

CREATE TABLE hand_count (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES voting_round(id) ON DELETE CASCADE,
  tally_id INTEGER NOT NULL,
  answer TEXT NOT NULL CHECK (answer IN ({_ANSWERS})),
  count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 10000),
  FOREIGN KEY (tally_id, round_id) REFERENCES hand_tally(id, round_id) ON DELETE CASCADE,
  UNIQUE (tally_id, answer)
);
CREATE INDEX hand_count_round ON hand_count(round_id);

-- As for ballots, the services check all of this first with clearer messages; times are compared
-- so that an import can restore tallies entered before the round closed.
CREATE TRIGGER hand_tally_insert_guard BEFORE INSERT ON hand_tally
BEGIN
  SELECT RAISE(ABORT, 'hand count refused: the round is closed')
    WHERE (SELECT closed_at FROM voting_round WHERE id = NEW.round_id) < NEW.entered_at;
  SELECT RAISE(ABORT, 'hand count refused: hands are counted for rating, gradients and dots only')
    WHERE (SELECT method FROM voting_round WHERE id = NEW.round_id) NOT IN ('rating', 'gradients', 'dots');
END;

CREATE TRIGGER hand_tally_is_never_edited BEFORE UPDATE ON hand_tally
WHEN OLD.replaced_at IS NOT NULL OR NEW.hands <> OLD.hands OR NEW.item_id <> OLD.item_id
  OR NEW.round_id <> OLD.round_id OR NEW.entered_at <> OLD.entered_at
  OR (SELECT status FROM voting_round WHERE id = OLD.round_id) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a hand count is never edited: enter it again while the round is open');
END;

CREATE TRIGGER hand_count_insert_guard BEFORE INSERT ON hand_count
BEGIN
  SELECT RAISE(ABORT, 'hand count refused: that answer is not one of this round''s')
    WHERE NOT (SELECT CASE method WHEN 'rating' THEN NEW.answer IN ('1', '2', '3', '4', '5')
                                  WHEN 'dots' THEN NEW.answer = 'dot'
                                  WHEN 'gradients' THEN NEW.answer IN ({_GRADIENTS})
                                  ELSE 0 END
               FROM voting_round WHERE id = NEW.round_id);
  SELECT RAISE(ABORT, 'hand count refused: more hands counted than people voting by hand')
    WHERE NEW.count + (SELECT coalesce(sum(count), 0) FROM hand_count WHERE tally_id = NEW.tally_id)
          > (SELECT hands FROM hand_tally WHERE id = NEW.tally_id)
      AND (SELECT method FROM voting_round WHERE id = NEW.round_id) <> 'dots';
  SELECT RAISE(ABORT, 'hand count refused: more hands counted than people voting by hand')
    WHERE NEW.count > (SELECT hands FROM hand_tally WHERE id = NEW.tally_id);
END;

CREATE TRIGGER hand_count_is_never_edited BEFORE UPDATE ON hand_count
BEGIN
  SELECT RAISE(ABORT, 'a hand count is never edited: enter it again while the round is open');
END;
""",
    )
