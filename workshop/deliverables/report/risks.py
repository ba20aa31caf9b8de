"""The risk register fed by the room: what the votes, the priorities, the scorecard's gaps and the
figures reported so far say may go wrong, each risk with its cause, its owner and where it came
from (a round, a decision, a reported period). Shared by the PDF and the deck.

A pure function over the record: `register(card, rounds, latest)` takes the scorecard, the rounds
as report/parts.consensus_rounds shapes them and each measure's latest reported period. Every
sentence of the register is written here, in one place, for a later pass to translate. Each risk
has a stable `key`, so that a later step can let the facilitator confirm, edit or dismiss it.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.core import consensus, figures, methods
from workshop.core.model import Scorecard
from workshop.core.target_words import has_target
from workshop.deliverables.report.story import TO_BE_NAMED, bare, current_subject, plural, quoted, renamed

AGAINST = "Decided against the vote"
UNSETTLED = "Closed without consensus"
BLOCKED = "Blocked in the vote"
MONEY = "Money and the room apart"
DIVIDED = "The room divided"
OFF_TARGET = "Off target"
NO_OWNER = "Measure with no owner"
NO_TARGET = "Target to be decided"
ORDER = (AGAINST, UNSETTLED, BLOCKED, MONEY, DIVIDED, OFF_TARGET, NO_OWNER, NO_TARGET)
LEADERSHIP = "the leadership team"


@dataclass(frozen=True)
class Risk:
    key: str  # stable across renders: what the risk is about and where it came from
    kind: str  # one of ORDER: the heading it sits under
    subject: str  # the item, as it is called now
    cause: str  # why it is a risk, in words
    owner: str  # who owns the item ("to be named" when no one does)
    source: str  # where it came from: the round, the decision, the reported period


def register(card: Scorecard, rounds: list[dict], latest: dict | None = None) -> list[Risk]:
    """Every risk the record shows, in the order of ORDER: decisions against a vote, items left
    without consensus or blocked at their last vote, 100-point splits away from the budget, items
    the room is divided on, measures off target in their latest period, and measures with no owner or
    no target yet."""
    found = _vote_risks(card, rounds) + _priority_risks(card, rounds) + _figure_risks(card, latest or {}) + _measure_risks(card)
    return sorted(found, key=lambda r: ORDER.index(r.kind))


def grouped(risks: list[Risk]) -> list[dict]:
    """The risks under their headings, in the order of ORDER."""
    groups: dict[str, list[Risk]] = {}
    for r in risks:
        groups.setdefault(r.kind, []).append(r)
    return [{"kind": kind, "risks": items} for kind, items in groups.items()]


COVERED = ("Blocked in the vote", "Contested")  # open points the register states with their cause and source


def beyond(points: list) -> list:
    """The open points (story.open_points) the register does not already hold: its votes and its
    measures with no owner are risks, with a cause and a source."""
    return [p for p in points if p.kind not in COVERED and not (p.kind == "Owner to be named" and p.detail == "measure")]


def owner_of(card: Scorecard, key: str | None) -> str:
    """Who owns a voted item: the objective's, measure's or initiative's owner; the leadership team
    for a causal link; "to be named" when the item has no owner."""
    kind, _, number = (key or "").partition(":")
    if kind == "link" or not number.isdigit():
        return LEADERSHIP
    owners = {
        "objective": {o.id: o.owner for o in card.objectives},
        "measure": {m.id: m.owner for m in card.measures},
        "initiative": {i.id: i.owner for i in card.initiatives},
    }.get(kind, {})
    return (owners.get(int(number)) or "").strip() or TO_BE_NAMED


def _source(r: dict) -> str:
    return f"Workshop {r['workshop']}, round {r['round']} ({bare(r['title'])})"


def _support(item: dict, card: Scorecard) -> str:
    share = item.get("positive_pct")
    needed = card.workshop.get("consensus_positive", 75)
    return f"{share:.0f}% in support, below the {needed}% set for consensus" if share is not None else "no consensus"


def _last_votes(rounds: list[dict]) -> dict[str, tuple[dict, dict]]:
    """Each item's last vote in a round with a verdict (a grid or a split sets priorities and gives none)."""
    last: dict[str, tuple[dict, dict]] = {}
    for r in rounds:
        if r.get("priority") or r.get("ranked"):
            continue
        for item in r.get("items", []):
            if item.get("verdict") and not item.get("withheld"):
                last[item.get("key") or item["subject"]] = (r, item)
    return last


def _vote_risks(card: Scorecard, rounds: list[dict]) -> list[Risk]:
    risks = []
    for key, (r, item) in _last_votes(rounds).items():
        found = _verdict_risk(card, item)
        if found is None:
            continue
        kind, cause, decided = found
        subject = current_subject(card, item.get("key"), item["subject"])
        voted = f" (voted on as {quoted(item['subject'])})" if renamed(subject, item["subject"]) else ""
        source = _source(r) + (f"; decision: {item['decision']}" if decided else "")
        risks.append(Risk(f"{kind}:{key}:{r['workshop']}.{r['round']}", kind, subject, cause + voted, owner_of(card, key), source))
    return risks


def _verdict_risk(card: Scorecard, item: dict) -> tuple[str, str, bool] | None:
    """The risk an item's last vote and the decision after it leave: (kind, cause, whether a decision
    is part of the source), or None when the vote and the decision agree."""
    verdict, decision = item["verdict"], item.get("decision")
    label = consensus.verdict_label(verdict)
    if decision == "dropped" and verdict != "consensus":
        return None  # the room's doubts and the decision agree
    if item.get("blocks") or verdict == "discuss":
        settled = f"; it was {decision} since" if decision else "; no decision recorded since"
        return (
            BLOCKED,
            f"{plural(item.get('blocks') or 1, 'block')} at the last vote: someone in the room could not live with it{settled}",
            bool(decision),
        )
    if verdict == "consensus" and decision == "dropped":
        return AGAINST, "Dropped although the room reached consensus to keep it: those who voted need to hear why", True
    if (verdict == "drop" and decision in ("agreed", "changed")) or (verdict == "re-discuss" and decision == "agreed"):
        return AGAINST, f"The vote said {label} ({_support(item, card)}), yet it was {decision}: its support may not hold once the work starts", True
    if verdict in ("re-discuss", "drop") and not decision:
        return UNSETTLED, f"The round closed at {label} ({_support(item, card)}) and no decision was recorded", False
    return None


def _priority_risks(card: Scorecard, rounds: list[dict]) -> list[Risk]:
    """Splits away from the budget (the latest split), items a grid found divided, items an answer
    round found split between its two ends."""
    split = next((r for r in reversed(rounds) if (r.get("priority") or {}).get("chart") == methods.SPLIT), None)
    risks = _split_risks(card, split) if split else []
    for r in rounds:
        if (r.get("priority") or {}).get("chart") == methods.GRID:
            risks += _grid_risks(card, r)
        elif not r.get("priority"):
            risks += _split_room_risks(card, r)
    return risks


def _split_risks(card: Scorecard, split: dict) -> list[Risk]:
    risks = []
    for row in split["priority"]["rows"]:
        if not row.get("notable") or row.get("gap") is None:
            continue
        key, gap = row.get("item_key") or row["subject"], row["gap"]
        way = f"{-gap:g} points less" if gap < 0 else f"{gap:g} points more"
        why = "the money may go where the team sees no priority" if gap < 0 else "the team may expect more than the budget pays for"
        cause = (
            f"The room put {way} on it than its share of the budget ({row['share']:g}% of the points, {row['budget_share']:g}% of the budget): {why}"
        )
        risks.append(Risk(f"{MONEY}:{key}", MONEY, row.get("now") or row["subject"], cause, owner_of(card, row.get("item_key")), _source(split)))
    return risks


def _grid_risks(card: Scorecard, r: dict) -> list[Risk]:
    p = r["priority"]
    cause = f"The grid found the room divided on where it sits ({bare(p['y'])} against {bare(p['x'])}): discuss it before committing"
    return [
        Risk(f"{DIVIDED}:{key}:{r['workshop']}.{r['round']}", DIVIDED, entry.get("now") or entry["label"], cause, owner_of(card, key), _source(r))
        for entry in p["key"]
        if entry.get("divided")
        for key in [entry.get("item_key") or entry["label"]]
    ]


def _split_room_risks(card: Scorecard, r: dict) -> list[Risk]:
    cause = "The answers gathered at both ends, in support and in concern, with few in the middle: the team may not pull the same way"
    return [
        Risk(
            f"{DIVIDED}:{key}:{r['workshop']}.{r['round']}",
            DIVIDED,
            current_subject(card, item.get("key"), item["subject"]),
            cause,
            owner_of(card, key),
            _source(r),
        )
        for item in r.get("items", [])
        if item.get("split") and not item.get("withheld")
        for key in [item.get("key") or item["subject"]]
    ]


def _figure_risks(card: Scorecard, latest: dict) -> list[Risk]:
    """Measures of agreed objectives off target in their latest reported period."""
    agreed = {o.id for o in card.agreed_objectives()}
    risks = []
    for m in card.measures:
        found = latest.get(m.id)
        if m.objective_id not in agreed or found is None or found.status != "off target":
            continue
        row, unit = found.row, m.unit
        actual = figures.quantity(row.actual, unit) if row.actual is not None else "–"
        planned = f" against {figures.quantity(row.planned, unit)} planned" if row.planned is not None else ""
        cause = f"Off target in {found.period_text}: {actual}{planned}"
        risks.append(Risk(f"{OFF_TARGET}:measure:{m.id}", OFF_TARGET, m.name, cause, m.owner.strip() or TO_BE_NAMED, f"Actuals, {found.period_text}"))
    return risks


def _measure_risks(card: Scorecard) -> list[Risk]:
    """Measures of agreed objectives no one owns, or whose target is still to be decided."""
    agreed = {o.id: o for o in card.agreed_objectives()}
    risks = []
    for m in card.measures:
        objective = agreed.get(m.objective_id)
        if objective is None:
            continue
        where = f"Measure of {quoted(objective.title)}"
        if not m.owner.strip():
            cause = "No one is named to report it, so no one will notice when it slips"
            risks.append(Risk(f"{NO_OWNER}:measure:{m.id}", NO_OWNER, m.name, cause, (objective.owner or "").strip() or TO_BE_NAMED, where))
        if m.goal.type == "tbd" or not has_target(m):
            cause = "No target is set: no review can say whether it is on track"
            risks.append(Risk(f"{NO_TARGET}:measure:{m.id}", NO_TARGET, m.name, cause, m.owner.strip() or TO_BE_NAMED, where))
    return risks
