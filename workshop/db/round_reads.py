"""Which voted items still wait for the room's decision: read with the workshop, so the phase
gates (which know nothing of the live room) can say what an item sent back still needs."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core import consensus, disclosure, methods
from workshop.db import store

SENT_BACK = (consensus.REDISCUSS, consensus.DISCUSS)  # re-discuss, or a block: talk it through


def _verdicts(db: Database, rnd: dict, rules: consensus.Thresholds) -> dict[int, str | None]:
    """Each item's verdict; none where the small-room rule withholds it (core/disclosure.py)."""
    least = rnd.get("min_voters") or disclosure.MIN_VOTERS
    private = disclosure.protects(rnd.get("anonymity"))
    if private and (rnd.get("voters") or 0) < least:
        return {}
    ballots: dict[int, list[dict]] = {}
    for b in store.rows(db, "SELECT * FROM ballot WHERE round_id = ?", [rnd["id"]]):
        ballots.setdefault(b["item_id"], []).append(b)
    method = methods.get(rnd["method"])
    found = {}
    for item_id, own in ballots.items():
        result = method.item_result([method.counted(b) for b in own], rules)
        if not private or result.votes >= least:
            found[item_id] = result.verdict
    return found


def sent_back(db: Database, workshop_id: int) -> list[dict]:
    """Items of closed rounds with verdicts (rating, gradients, fist to five) that the room sent back for discussion and that no
    decision settled since (a later round on the same item speaks instead of an earlier one): each
    {kind, subject_id, label, round, verdict}, in the order the rounds closed."""
    w = store.get(db, "workshop", workshop_id, "workshop")
    rules = consensus.Thresholds(w["consensus_positive"], w["consensus_negative"], w["rediscuss_positive"])
    latest: dict[tuple[str, int], dict] = {}
    verdict_methods = [m.name for m in methods.all_methods() if m.gives_verdict]
    for rnd in store.rows(
        db,
        f"""SELECT * FROM voting_round WHERE workshop_id = ? AND status = 'closed'
                                 AND method IN ({", ".join("?" for _ in verdict_methods)}) ORDER BY closed_at, id""",
        [workshop_id, *verdict_methods],
    ):
        verdicts = _verdicts(db, rnd, rules)
        for item in store.rows(db, "SELECT * FROM round_item WHERE round_id = ? ORDER BY position", [rnd["id"]]):
            for kind in ("objective", "measure", "initiative"):
                if item[f"{kind}_id"] is not None:
                    latest[(kind, item[f"{kind}_id"])] = {
                        "kind": kind,
                        "subject_id": item[f"{kind}_id"],
                        "label": item["label"],
                        "round": rnd["title"],
                        "closed_at": rnd["closed_at"],
                        "verdict": verdicts.get(item["id"], consensus.NO_VOTES),
                    }
    waiting = []
    for (kind, subject_id), item in latest.items():
        if item["verdict"] not in SENT_BACK:
            continue
        since = item["closed_at"][:19] + "Z" if len(item["closed_at"]) > 20 else item["closed_at"]
        decided = store.count(
            db, f"SELECT count(*) FROM decision WHERE workshop_id = ? AND {kind}_id = ? AND decided_at >= ?", [workshop_id, subject_id, since]
        )
        if not decided:
            waiting.append({k: v for k, v in item.items() if k != "closed_at"})
    return waiting
