"""What a round's ballots add up to: turnout, per-item results and verdicts, and how opinion moved
between a round and its re-vote. Participants only get results once allowed (`participant_results`).
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core import consensus, disclosure, methods
from workshop.core.errors import Invalid
from workshop.db import store
from workshop.room import paper as paper_votes
from workshop.room.joining import participant_by_token
from workshop.room.voting import get_round, open_round, round_items


def thresholds(db: Database, workshop_id: int) -> consensus.Thresholds:
    w = store.get(db, "workshop", workshop_id, "workshop")
    return consensus.Thresholds(w["consensus_positive"], w["consensus_negative"], w["rediscuss_positive"])


def set_thresholds(db: Database, workshop_id: int, consensus_positive: int, consensus_negative: int, rediscuss_positive: int) -> None:
    values = {
        "consensus_positive": int(consensus_positive),
        "consensus_negative": int(consensus_negative),
        "rediscuss_positive": int(rediscuss_positive),
    }
    if not 0 <= values["rediscuss_positive"] <= values["consensus_positive"] <= 100:
        raise Invalid("The re-discuss level must be at or below the consensus level (0–100%).")
    if not 0 <= values["consensus_negative"] <= 100:
        raise Invalid("The negative limit is a percentage from 0 to 100.")
    store.update(db, "workshop", workshop_id, values)


def turnout(db: Database, round_id: int) -> dict:
    """Who has voted so far (a count, never names or values) out of the people in the room. Paper
    voters and people voting by hand count as voters and as people in the room (`paper`, `hands`:
    how many of them); `participants` is everyone who joined by device, plus them."""
    rnd = get_round(db, round_id)
    room = store.count(db, "SELECT count(*) FROM participant WHERE workshop_id = ? AND removed_at IS NULL AND kind = 'device'", [rnd["workshop_id"]])
    if rnd["status"] == "closed":
        voters, paper = rnd["voters"] or 0, rnd.get("paper_voters") or 0
    else:
        row = (
            store.one(
                db,
                """SELECT count(DISTINCT participant_id) AS voters,
                                      count(DISTINCT CASE WHEN source = 'paper' THEN participant_id END) AS paper
                               FROM ballot WHERE round_id = ?""",
                [round_id],
            )
            or {}
        )
        voters, paper = row.get("voters") or 0, row.get("paper") or 0
    hands = paper_votes.hand_voters(db, round_id)
    ballots = store.count(db, "SELECT count(*) AS n FROM ballot WHERE round_id = ?", [round_id])
    return {
        "voters": voters + hands,
        "participants": room + paper + hands,
        "ballots": ballots,
        "status": rnd["status"],
        "paper": paper,
        "hands": hands,
        "by_device": voters - paper,
    }


def results(db: Database, round_id: int) -> list[dict]:
    """Per item, in the round's order, as the room, the presenter, the report and every deliverable
    may see it: in a facilitator-only or anonymous round, withheld or merged by the small-room rule
    (core/disclosure.py), each row saying which (`disclosure`, `note`)."""
    rnd = get_round(db, round_id)
    return methods.get(rnd["method"]).protect(
        full_results(db, round_id),
        anonymity=rnd["anonymity"],
        voters=turnout(db, round_id)["voters"],
        min_voters=rnd.get("min_voters") or disclosure.MIN_VOTERS,
        closed=rnd["status"] == "closed",
    )


def rule(db: Database, round_id: int, *, short: bool = False, report: bool = False) -> str:
    """The small-room rule in words for a round that follows it (`short`: the room's one line;
    `report`: the round's line in the report); "" for a named round."""
    rnd = get_round(db, round_id)
    if not disclosure.protects(rnd["anonymity"]):
        return ""
    least = rnd.get("min_voters") or disclosure.MIN_VOTERS
    if report:
        return disclosure.round_note(least)
    if short:
        return disclosure.short_rule_text(rnd["anonymity"], least, part=methods.get(rnd["method"]).small_room)
    return disclosure.rule_text(least)


def full_results(db: Database, round_id: int) -> list[dict]:
    """Per item, in the round's order: the item, its result's fields and its `standing`, every
    count as cast, as the round's method tallies them from the ballots, the show of hands and (a
    split) the planned budgets read here. Never shown as such to the room for a round that is not
    named: see `results`."""
    rnd = get_round(db, round_id)
    method = methods.get(rnd["method"])
    items = round_items(db, round_id)
    ballots: dict[int, list[dict]] = {i["id"]: [] for i in items}
    for b in store.rows(db, "SELECT * FROM ballot WHERE round_id = ? ORDER BY id", [round_id]):
        ballots[b["item_id"]].append(b)
    shown = paper_votes.hand_counts(db, round_id) if method.hand_answers else {}
    hands = {i: method.hand_values(shown[i]["counts"]) for i in ballots if i in shown}
    return method.results(items, ballots, hands, thresholds(db, rnd["workshop_id"]), rnd, _budgets(db, round_id) if method.uses_budgets else {})


def _budgets(db: Database, round_id: int) -> dict[int, float | None]:
    """Each round item's planned budget (an initiative's; None for the others and for none planned)."""
    return {
        r["id"]: r["budget"]
        for r in store.rows(
            db, "SELECT i.id, n.budget FROM round_item i LEFT JOIN initiative n ON n.id = i.initiative_id WHERE i.round_id = ?", [round_id]
        )
    }


def answer(rnd: dict, ballot: dict) -> str:
    """One ballot's answer in plain words, whatever the method."""
    return methods.get(rnd["method"]).answer(ballot, rnd)


def named_ballots(db: Database, round_id: int) -> list[dict]:
    """Who voted what, for the facilitator, the answer in plain words (name, label, answer, source:
    "paper" for a paper ballot); empty for a fully anonymous round."""
    rnd = get_round(db, round_id)
    if rnd["anonymity"] == "anonymous":
        return []
    rows = store.rows(
        db,
        """SELECT p.name, i.label, b.*
                             FROM ballot b JOIN participant p ON p.id = b.participant_id
                             JOIN round_item i ON i.id = b.item_id
                             WHERE b.round_id = ? ORDER BY i.position, p.name""",
        [round_id],
    )
    return [{"name": r["name"], "label": r["label"], "source": r["source"], "answer": answer(rnd, r)} for r in rows]


def participant_results(db: Database, token: str, round_id: int) -> list[dict] | None:
    """Results as a participant may see them: None while the round is open with results hidden;
    never names unless the round is named."""
    participant = participant_by_token(db, token)
    rnd = get_round(db, round_id)
    if rnd["workshop_id"] != participant["workshop_id"]:
        raise Invalid("That round is not part of your workshop.")
    if rnd["status"] == "open" and rnd["results_hidden"]:
        return None
    return results(db, round_id)


def movement(db: Database, round_id: int) -> list[dict]:
    """For a re-vote: each item's result in the earlier round beside its result now."""
    rnd = get_round(db, round_id)
    if rnd["parent_id"] is None:
        return []
    before = {_subject(r): r for r in results(db, rnd["parent_id"])}
    moved = []
    for now in results(db, round_id):
        was = before.get(_subject(now))
        if was is not None:
            moved.append({"label": now["label"], "item_id": now["item_id"], "before": was, "after": now})
    return moved


def _subject(row: dict) -> tuple:
    return (row["kind"], row["objective_id"] or row["measure_id"] or row["initiative_id"] or row["link_id"] or row.get("cluster_id"))


def workshop_record(db: Database, workshop_id: int) -> list[dict]:
    """Every closed round with its results, oldest first: the evidence of consensus for the report."""
    closed = store.rows(db, "SELECT * FROM voting_round WHERE workshop_id = ? AND status = 'closed' ORDER BY id", [workshop_id])
    return [{"round": r, "results": results(db, r["id"])} for r in closed]


def summary(row: dict, method: str, grid_axes: str | None = None) -> str:
    """One line of plain words: what the vote said about an item (stored with its decision) as the
    small-room rule lets the room see it, and how many of its votes came on paper or by a show of hands."""
    marked = paper_votes.mark(row.get("paper") or 0, row.get("hands") or 0)
    rnd = {"method": method, "grid_axes": grid_axes}
    text = row["note"] if row.get("disclosure") == disclosure.WITHHELD else methods.get(method).summary(row, rnd)
    return f"{text} ({marked})" if marked else text


def participant_named_ballots(db: Database, token: str, round_id: int) -> list[dict]:
    """Who voted what, as a participant may see it: only in a named round, and only once closed."""
    participant = participant_by_token(db, token)
    rnd = get_round(db, round_id)
    if rnd["workshop_id"] != participant["workshop_id"] or rnd["anonymity"] != "named" or rnd["status"] != "closed":
        return []
    return named_ballots(db, round_id)


def revote(db: Database, round_id: int, item_ids: list[int] | None = None, **options) -> int:
    """A second round on (contested) items of a closed round, linked to it so the record shows how
    opinion moved. `item_ids` are round items; the default is every item without consensus (in a
    priority grid, every item the room is divided on)."""
    rnd = get_round(db, round_id)
    if rnd["status"] != "closed":
        raise Invalid("Close the round before opening a re-vote.")
    items = {i["id"]: i for i in round_items(db, round_id)}
    if item_ids is None:
        item_ids = [
            r["item_id"]
            for r in results(db, round_id)  # contested, or a grid's divided items
            if r["verdict"] not in (None, "consensus") or r.get("divided")
        ]
    chosen = [items[i] for i in item_ids if i in items]
    if not chosen:
        raise Invalid("Choose at least one item of that round for the re-vote.")
    settings = {
        k: rnd[k]
        for k in ("method", "workshop_number", "scale", "anonymity", "dots_total", "dots_per_item", "timer_seconds", "grid_axes", "min_voters")
    }
    settings["results_hidden"] = bool(rnd["results_hidden"])
    settings["title"] = f"Re-vote: {rnd['title']}"[:200]
    settings.update(options)
    return open_round(db, rnd["workshop_id"], [(i["kind"], i[f"{i['kind']}_id"]) for i in chosen], parent_id=round_id, **settings)


def link_confidence(db: Database, workshop_id: int) -> dict[int, dict]:
    """The room's confidence in each causal link it voted on, from the latest closed round that held
    it with a verdict (rating, gradients, fist to five): {link_id: {support (% of votes in support), median, votes, verdict, round}}."""
    found: dict[int, dict] = {}
    rounds_ = store.rows(
        db,
        """SELECT DISTINCT r.* FROM voting_round r JOIN round_item i ON i.round_id = r.id
                                WHERE r.workshop_id = ? AND r.status = 'closed' AND i.link_id IS NOT NULL ORDER BY r.id""",
        [workshop_id],
    )
    for rnd in (r for r in rounds_ if methods.get(r["method"]).gives_verdict):
        found.update(link_entries(results(db, rnd["id"]), rnd.get("number") or rnd["id"]))
    return found


def link_entries(rows: list[dict], round_number: int) -> dict[int, dict]:
    """One round's results on causal links as the map draws them: {link_id: {support, median, votes,
    verdict, round, few, support_text}} for each link someone voted on."""
    found: dict[int, dict] = {}
    for row in rows:
        if row.get("link_id") is not None and row["votes"]:
            few = row["pct_positive"] is None  # the small-room rule merged a support of one
            found[row["link_id"]] = {
                "support": row["pct_positive"],
                "median": row["median"],
                "votes": row["votes"],
                "verdict": row["verdict"],
                "round": round_number,
                "few": few,
                "support_text": f"{row['pct_positive']:g}%" if not few else f"{disclosure.fewer_than()} people",
            }
    return found
