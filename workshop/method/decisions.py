"""The decision log: what the room decided on each item, and why.

In the consensus workshop every draft objective is agreed, changed (and so agreed in its new
wording) or dropped; the decision and its rationale are kept for the sponsor's report.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.clean import clean_choice, clean_text
from workshop.core.errors import Invalid
from workshop.core.model import DECISION_OUTCOMES, Phase
from workshop.db import store
from workshop.method import objectives
from workshop.method.objectives import OBJECTIVE_FIELDS, get_objective, update_objective

_STATUS_AFTER = {"agreed": "agreed", "changed": "agreed", "dropped": "dropped"}


def record_decision(
    db: Database,
    workshop_id: int,
    subject: str,
    outcome: str,
    rationale: str = "",
    *,
    objective_id: int | None = None,
    measure_id: int | None = None,
    initiative_id: int | None = None,
    phase: int | None = None,
    evidence: str = "",
) -> int:
    """Log one decision; `phase` defaults to the workshop's current phase. `evidence` is what the
    vote said (kept apart from the facilitator's own rationale); a change or a drop needs one of them."""
    outcome = clean_choice(outcome, "The decision", DECISION_OUTCOMES)
    rationale = clean_text(rationale, "The rationale")
    evidence = clean_text(evidence, "The vote's figures", max_len=2000)
    if outcome in ("changed", "dropped") and not rationale and not evidence:
        raise Invalid(f"Say why the item was {outcome}: the rationale goes into the sponsor's report.")
    with store.write(db):
        phase = phase or store.get(db, "workshop", workshop_id, "workshop")["phase"]
        return store.insert(
            db,
            "decision",
            {
                "workshop_id": workshop_id,
                "phase": phase,
                "subject": subject,
                "outcome": outcome,
                "rationale": rationale,
                "objective_id": objective_id,
                "measure_id": measure_id,
                "initiative_id": initiative_id,
                "evidence": evidence,
            },
        )


def decide_objective(db: Database, objective_id: int, outcome: str, rationale: str = "", *, evidence: str = "", **changes) -> int:
    """Agree, change or drop a draft objective and log it. `changes` (title, description, owner,
    perspective_id, theme_id) are required for "changed" and applied before it is agreed."""
    outcome = clean_choice(outcome, "The decision", ("agreed", "changed", "dropped"))
    with store.write(db):
        objective = get_objective(db, objective_id)
        subject = objective["title"]
        cleaned = {k: v for k, v in changes.items() if k in OBJECTIVE_FIELDS}
        differs = {k: v for k, v in cleaned.items() if v is not None and str(v).strip() != str(objective[k])}
        if differs and outcome == "agreed":
            raise Invalid(
                f"You edited the objective ({', '.join(sorted(differs))}) but recorded it as {outcome}: choose Changed and say why, or undo the edit."
            )
        if outcome == "changed":
            if not differs:
                raise Invalid("Nothing was changed: edit the wording, owner or perspective, or record the objective as agreed.")
            update_objective(db, objective_id, **differs)
            if "title" in differs:
                rationale = f"{rationale} (was: “{subject}”)".strip()
                subject = get_objective(db, objective_id)["title"]
        decision_id = record_decision(
            db, objective["workshop_id"], subject, outcome, rationale, objective_id=objective_id, phase=Phase.CONSENSUS, evidence=evidence
        )
        store.update(db, "objective", objective_id, {"status": _STATUS_AFTER[outcome]})
    return decision_id


def decide_objectives(db: Database, objective_ids: list[int], outcome: str, rationale: str = "") -> int:
    """The same decision on several drafts at once (after a vote, say), all logged, or none."""
    if not objective_ids:
        raise Invalid("Choose the objectives the decision is about.")
    with store.write(db):
        for objective_id in dict.fromkeys(objective_ids):
            decide_objective(db, objective_id, outcome, rationale)
    return len(dict.fromkeys(objective_ids))


def reopen_objective(db: Database, objective_id: int, rationale: str) -> int:
    """Put an agreed or dropped objective back to draft, and log why."""
    with store.write(db):
        objective = get_objective(db, objective_id)
        decision_id = record_decision(
            db,
            objective["workshop_id"],
            objective["title"],
            "noted",
            f"Reopened for discussion. {clean_text(rationale, 'The reason')}".strip(),
            objective_id=objective_id,
        )
        store.update(db, "objective", objective_id, {"status": "draft"})
        # a draft again means the consensus workshop is not finished: the workshop goes back to it
        db.execute("UPDATE workshop SET phase = min(phase, ?) WHERE id = ?", [Phase.CONSENSUS, objective["workshop_id"]])
    return decision_id


def decisions(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM decision WHERE workshop_id = ? ORDER BY id", [workshop_id])


def decide_round_item(db: Database, round_item: dict, outcome: str, rationale: str = "", new_title: str = "", *, evidence: str = "") -> int:
    """Record the room's decision on one item of a voting round. An objective's status follows the
    decision ("changed" needs its new wording); a measure or an initiative is logged."""
    if round_item.get("objective_id") is not None:
        changes = {"title": new_title} if new_title.strip() else {}
        return decide_objective(db, round_item["objective_id"], outcome, rationale, evidence=evidence, **changes)
    outcome = clean_choice(outcome, "The decision", ("agreed", "changed", "dropped"))
    workshop_id = store.get(db, "voting_round", round_item["round_id"], "round")["workshop_id"]
    if round_item.get("link_id") is not None:  # the room kept or cut a causal link of the map
        with store.write(db):
            if outcome == "dropped" and store.one(db, "SELECT 1 FROM causal_link WHERE id = ?", [round_item["link_id"]]):
                objectives.remove_link(db, round_item["link_id"])
            return record_decision(db, workshop_id, f"Causal link: {round_item['label']}", outcome, rationale)
    subject = round_item["label"] if not new_title.strip() else f"{new_title.strip()} (was: {round_item['label']})"
    return record_decision(
        db,
        workshop_id,
        subject,
        outcome,
        rationale,
        measure_id=round_item.get("measure_id"),
        initiative_id=round_item.get("initiative_id"),
        evidence=evidence,
    )


def decided_subjects(db: Database, workshop_id: int, since: str) -> set[tuple[str, int]]:
    """(kind, id) of the objectives, measures and initiatives decided at or after `since`."""
    found = set()
    for d in store.rows(
        db, "SELECT * FROM decision WHERE workshop_id = ? AND decided_at >= ?", [workshop_id, since[:19] + "Z" if len(since) > 20 else since]
    ):
        for kind in ("objective", "measure", "initiative"):
            if d[f"{kind}_id"] is not None:
                found.add((kind, d[f"{kind}_id"]))
    return found
