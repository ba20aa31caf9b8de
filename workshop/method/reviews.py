"""After the workshop: the review meeting for a period, its actions (carried over until done), the
room's verdict on each causal link with the evidence it saw, reviewed periods locked (opened again only
with a reason, which is logged), a measure's changes kept with their reasons, and incentive schemes.
"""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from workshop.core.clean import clean_date, clean_name, clean_text
from workshop.core.errors import Invalid, NotFound
from workshop.core.evidence import Evidence
from workshop.core.rewards import check_weights
from workshop.db import store
from workshop.method import measures

VERDICTS = ("holds", "does not hold", "too early to tell")
ACTION_STATES = ("open", "done", "dropped")
REVIEW_KINDS = ("operational", "strategy", "testing")
SUBJECTS = ("objective", "measure", "initiative")


def _day(value: str | dt.date, label: str) -> str:
    day = clean_date(value, label)
    if day is None:
        raise Invalid(f"{label} is missing.")
    return day


# --- the meeting -----------------------------------------------------------------------------


def open_review(db: Database, workshop_id: int, starts: str | dt.date, ends: str | dt.date, kind: str = "strategy") -> int:
    """A review of the period from `starts` to `ends`; reopening the same one returns it."""
    if kind not in REVIEW_KINDS:
        raise Invalid(f"A review is one of: {', '.join(REVIEW_KINDS)}.")
    first, last = _day(starts, "The period's first day"), _day(ends, "The period's last day")
    if last < first:
        raise Invalid("The period ends before it starts.")
    with store.write(db):
        store.get(db, "workshop", workshop_id, "workshop")
        found = store.one(
            db, "SELECT id FROM review WHERE workshop_id = ? AND starts = ? AND ends = ? AND kind = ?", [workshop_id, first, last, kind]
        )
        if found:
            return found["id"]
        return store.insert(db, "review", {"workshop_id": workshop_id, "starts": first, "ends": last, "kind": kind})


def get_review(db: Database, review_id: int) -> dict:
    return store.get(db, "review", review_id, "review")


def reviews(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM review WHERE workshop_id = ? ORDER BY starts DESC, id DESC", [workshop_id])


def close_review(db: Database, review_id: int, *, notes: str = "", next_review: str | dt.date | None = None, lock: bool = True) -> None:
    """Close the meeting: its notes and the next review's date kept, the period locked (by default)."""
    note = clean_text(notes, "The notes", max_len=20000)
    following = clean_date(next_review, "The next review's date")
    with store.write(db):
        review = get_review(db, review_id)
        if review["status"] == "closed":
            raise Invalid("This review is already closed.")
        if following and following <= review["ends"]:
            raise Invalid("The next review falls after the period reviewed.")
        store.update(
            db,
            "review",
            review_id,
            {"status": "closed", "closed_at": _now(), "notes": note, "next_review": following},
        )
        if lock:
            lock_period(db, review["workshop_id"], review["starts"], review["ends"])


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- locks -----------------------------------------------------------------------------------


def lock_period(db: Database, workshop_id: int, starts: str | dt.date, ends: str | dt.date) -> None:
    """Lock every figure of the span: actuals, plans, comments and spend stay as reviewed."""
    first, last = _day(starts, "The period's first day"), _day(ends, "The period's last day")
    with store.write(db):
        if not store.one(db, "SELECT 1 AS x FROM period_lock WHERE workshop_id = ? AND starts = ? AND ends = ?", [workshop_id, first, last]):
            store.insert(db, "period_lock", {"workshop_id": workshop_id, "starts": first, "ends": last})


def unlock_period(db: Database, workshop_id: int, starts: str | dt.date, ends: str | dt.date, reason: str) -> None:
    """Open a locked period again: only with a reason, which is logged with the time."""
    why = clean_text(reason, "The reason", required=True, max_len=2000)
    first, last = _day(starts, "The period's first day"), _day(ends, "The period's last day")
    with store.write(db):
        lock = store.one(db, "SELECT id FROM period_lock WHERE workshop_id = ? AND starts = ? AND ends = ?", [workshop_id, first, last])
        if lock is None:
            raise NotFound("That period is not locked.")
        store.insert(db, "period_unlock", {"workshop_id": workshop_id, "starts": first, "ends": last, "reason": why})
        store.delete(db, "period_lock", lock["id"])


def unlock_log(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM period_unlock WHERE workshop_id = ? ORDER BY id", [workshop_id])


# --- actions ---------------------------------------------------------------------------------


def add_action(
    db: Database, review_id: int, what: str, *, owner: str = "", due: str | dt.date | None = None, subject: tuple[str, int] | None = None
) -> int:
    """An action the review decided: what, who, by when, and the objective, measure or initiative it serves."""
    row: dict = {
        "what": clean_text(what, "The action", required=True, max_len=1000, multiline=False),
        "owner": clean_name(owner, "The owner", required=False),
        "due": clean_date(due, "The due date"),
    }
    if subject is not None:
        kind, subject_id = subject
        if kind not in SUBJECTS:
            raise Invalid(f"An action serves one of: {', '.join(SUBJECTS)}.")
        row[f"{kind}_id"] = subject_id
    with store.write(db):
        review = get_review(db, review_id)
        if review["status"] == "closed":
            raise Invalid("This review is closed; add the action to the next one.")
        return store.insert(db, "review_action", {"workshop_id": review["workshop_id"], "review_id": review_id, **row})


def settle_action(db: Database, action_id: int, review_id: int, status: str, outcome: str = "") -> None:
    """Mark an action done or dropped in the review that saw it settled."""
    if status not in ("done", "dropped"):
        raise Invalid("An action is settled as done or dropped.")
    text = clean_text(outcome, "The outcome", max_len=2000)
    with store.write(db):
        action = store.get(db, "review_action", action_id, "action")
        if action["status"] != "open":
            raise Invalid(f"This action is already {action['status']}.")
        review = get_review(db, review_id)
        if review["workshop_id"] != action["workshop_id"]:
            raise NotFound("That action belongs to another workshop.")
        store.update(db, "review_action", action_id, {"status": status, "closed_in": review_id, "outcome": text})


def action_log(db: Database, workshop_id: int) -> list[dict]:
    """Every action, open ones first (oldest due first), with the review that raised it."""
    return store.rows(
        db,
        """SELECT a.*, r.starts AS raised_starts, r.ends AS raised_ends FROM review_action a
        JOIN review r ON r.id = a.review_id WHERE a.workshop_id = ?
        ORDER BY a.status <> 'open', a.due IS NULL, a.due, a.id""",
        [workshop_id],
    )


def carried_over(db: Database, review_id: int) -> list[dict]:
    """Open actions raised in earlier reviews: what this review starts with."""
    review = get_review(db, review_id)
    return store.rows(
        db,
        """SELECT a.* FROM review_action a JOIN review r ON r.id = a.review_id
        WHERE a.workshop_id = ? AND a.status = 'open' AND a.review_id <> ? AND r.ends <= ?
        ORDER BY a.due IS NULL, a.due, a.id""",
        [review["workshop_id"], review_id, review["ends"]],
    )


# --- the hypotheses --------------------------------------------------------------------------


def record_verdict(db: Database, review_id: int, link_id: int, verdict: str, evidence: Evidence | None = None, round_id: int | None = None) -> None:
    """The room's verdict on a causal link, kept with the evidence it saw; a second verdict in the
    same review replaces the first."""
    if verdict not in VERDICTS:
        raise Invalid(f"A verdict is one of: {', '.join(VERDICTS)}.")
    best = evidence.best if evidence else None
    row = {
        "review_id": review_id,
        "link_id": link_id,
        "verdict": verdict,
        "evidence": evidence.words() if evidence else "No measures at both ends of this link.",
        "r": None if best is None else round(best.r or 0.0, 4),
        "lag": None if best is None else best.lag,
        "periods": max((r.n for r in evidence.results), default=0) if evidence else 0,
        "round_id": round_id,
    }
    with store.write(db):
        review = get_review(db, review_id)
        link = store.get(db, "causal_link", link_id, "causal link")
        if link["workshop_id"] != review["workshop_id"]:
            raise NotFound("That link belongs to another workshop.")
        old = store.one(db, "SELECT id FROM link_verdict WHERE review_id = ? AND link_id = ?", [review_id, link_id])
        if old:
            store.update(db, "link_verdict", old["id"], row)
        else:
            store.insert(db, "link_verdict", row)


def verdicts(db: Database, workshop_id: int) -> list[dict]:
    """Every verdict, latest review first."""
    return store.rows(
        db,
        """SELECT v.*, r.starts, r.ends FROM link_verdict v JOIN review r ON r.id = v.review_id
        WHERE r.workshop_id = ? ORDER BY r.ends DESC, v.link_id""",
        [workshop_id],
    )


# --- a measure's history ---------------------------------------------------------------------


def change_measure(db: Database, measure_id: int, reason: str, review_id: int | None = None, **fields) -> list[str]:
    """Change a measure after the workshop with a reason: each changed field is kept in its history
    (old and new as they read), never overwritten. Returns the fields that changed."""
    why = clean_text(reason, "The reason for the change", required=True, max_len=2000)
    with store.write(db):
        before = measures.get_measure(db, measure_id)
        measures.update_measure(db, measure_id, **fields)
        after = measures.get_measure(db, measure_id)
        changed = [k for k in after if after[k] != before[k]]
        for name in changed:
            store.insert(
                db,
                "measure_change",
                {
                    "measure_id": measure_id,
                    "review_id": review_id,
                    "field": name,
                    "old_value": "" if before[name] is None else str(before[name]),
                    "new_value": "" if after[name] is None else str(after[name]),
                    "reason": why,
                },
            )
    return changed


def history(db: Database, measure_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM measure_change WHERE measure_id = ? ORDER BY id", [measure_id])


# --- incentive schemes -----------------------------------------------------------------------


def save_scheme(db: Database, workshop_id: int, name: str, weights: dict[tuple[str, int], float], cap: float = 1.2) -> int:
    """An incentive scheme with its weights on objectives or measures, adding up to 100 %; all or nothing."""
    title = clean_name(name, "The scheme's name")
    problem = check_weights(list(weights.values()))
    if problem:
        raise Invalid(problem)
    if not 1 <= cap <= 3:
        raise Invalid("A measure's achievement is capped between 100 % and 300 %.")
    with store.write(db, duplicate=f"A scheme called “{title}” already exists."):
        store.get(db, "workshop", workshop_id, "workshop")
        found = store.one(db, "SELECT id FROM incentive_scheme WHERE workshop_id = ? AND name = ?", [workshop_id, title])
        if found:
            scheme_id = found["id"]
            store.update(db, "incentive_scheme", scheme_id, {"cap": cap})
            store.delete_where(db, "incentive_weight", "scheme_id = ?", [scheme_id])
        else:
            scheme_id = store.insert(db, "incentive_scheme", {"workshop_id": workshop_id, "name": title, "cap": cap})
        for (kind, item_id), weight in weights.items():
            if kind not in ("objective", "measure"):
                raise Invalid("A weight is on an objective or a measure.")
            owner = store.one(
                db,
                "SELECT o.workshop_id FROM objective o WHERE o.id = ?"
                if kind == "objective"
                else "SELECT o.workshop_id FROM measure m JOIN objective o ON o.id = m.objective_id WHERE m.id = ?",
                [item_id],
            )
            if owner is None or owner["workshop_id"] != workshop_id:
                raise NotFound(f"That {kind} is not in this workshop.")
            store.insert(db, "incentive_weight", {"scheme_id": scheme_id, f"{kind}_id": item_id, "weight": weight})
        return scheme_id


def schemes(db: Database, workshop_id: int) -> list[dict]:
    found = store.rows(db, "SELECT * FROM incentive_scheme WHERE workshop_id = ? ORDER BY name", [workshop_id])
    for scheme in found:
        scheme["weights"] = store.rows(db, "SELECT * FROM incentive_weight WHERE scheme_id = ? ORDER BY id", [scheme["id"]])
    return found


def set_rewards(db: Database, workshop_id: int, enabled: bool) -> None:
    """The reward link is off by default; a facilitator switches it on for the workshop."""
    with store.write(db):
        store.update(db, "workshop", workshop_id, {"rewards_enabled": int(bool(enabled))})
