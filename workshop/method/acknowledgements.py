"""Acknowledging a method check's finding: the facilitator says, with a reason, that a warning or an
advice is known and accepted ("a deliberately small illustrative map"). The finding is then silenced
in the app and listed with its reason in the report, until the items at fault change."""

from __future__ import annotations

from sqlite_utils import Database

from workshop import checks
from workshop.core.clean import clean_text
from workshop.core.errors import Invalid
from workshop.db import scorecard as scorecard_reads
from workshop.db import store

REASON_MAX = 1000


def acknowledge(db: Database, workshop_id: int, check_id: str, reason: str, *, fingerprint: str | None = None) -> None:
    """Acknowledge what `check_id` finds now. `fingerprint`, when given, is the finding the facilitator
    read: if the scorecard changed since, nothing is stored and the message says to read it again."""
    reason = clean_text(reason, "The reason", required=True, max_len=REASON_MAX)
    with store.write(db):
        card = scorecard_reads.load(db, workshop_id)
        try:
            check = checks.get(check_id)
        except StopIteration:
            raise Invalid(f"There is no method check called “{check_id}”.") from None
        if check.severity not in checks.ACKNOWLEDGEABLE:
            raise Invalid(f"“{check.title}” is an error: the method requires it, so it cannot be acknowledged. Fix it instead.")
        finding = next(iter(checks.review(card, only=(check_id,))), None)
        if finding is None:
            raise Invalid(f"“{check.title}” finds nothing now, so there is nothing to acknowledge.")
        if fingerprint is not None and fingerprint != finding.fingerprint:
            raise Invalid(
                f"“{check.title}” changed while you were writing (the items at fault are not "
                "the same); read it again and acknowledge what it says now."
            )
        db.execute(
            """INSERT INTO finding_acknowledgement (workshop_id, check_id, fingerprint, reason)
                      VALUES (?, ?, ?, ?)
                      ON CONFLICT (workshop_id, check_id) DO UPDATE SET fingerprint = excluded.fingerprint,
                        reason = excluded.reason, acknowledged_at = excluded.acknowledged_at""",
            [workshop_id, check_id, finding.fingerprint, reason],
        )


def withdraw(db: Database, workshop_id: int, check_id: str) -> None:
    """Take an acknowledgement back: the finding shows again."""
    with store.write(db):
        db.execute("DELETE FROM finding_acknowledgement WHERE workshop_id = ? AND check_id = ?", [workshop_id, check_id])


def acknowledgements(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM finding_acknowledgement WHERE workshop_id = ? ORDER BY id", [workshop_id])
