"""The parts of the report that other modules produce, shaped from the workshop's record: the
strategy map, the voting record in the shape the consensus section reads, and the method checks'
findings."""

from __future__ import annotations

from markupsafe import Markup

from workshop import checks
from workshop.core import disclosure, figures, methods, priorities
from workshop.core.model import Decision, Scorecard
from workshop.deliverables.map import confidence as map_confidence
from workshop.deliverables.map import svg
from workshop.deliverables.record import WorkshopRecord
from workshop.deliverables.report import cascade, charts, story
from workshop.room import ledger, paper, presenting

_ANONYMITY = {"named": "named", "facilitator_only": "facilitator", "anonymous": "anonymous"}


def _tally(row: dict, rnd: dict) -> str:
    """The votes in words, as the round's method says them: who supported it and how, never an
    internal name or a statistic; in a round that is not named, only what the small-room rule lets
    the room see (core/disclosure.py)."""
    if row.get("disclosure") == disclosure.WITHHELD:
        return row["note"]
    return methods.get(rnd["method"]).evidence(row, rnd)


def _decision_after(decisions: list[Decision], row: dict, closed_at: str) -> str | None:
    column = f"{row['kind']}_id"
    later = [d for d in decisions if getattr(d, column, None) == row[column] and d.decided_at >= closed_at[:19]]
    return later[0].outcome if later else None


def _in_room(people: list[dict], moment: str) -> int:
    """How many participants had joined, and not been removed, when a round closed."""
    moment = moment[:19]
    return sum(p["joined_at"][:19] <= moment and (p["removed_at"] is None or p["removed_at"][:19] > moment) for p in people)


def consensus_rounds(record: WorkshopRecord) -> list[dict]:
    """Every closed round, oldest first, as report_context's `consensus_rounds` expects."""
    decisions = record.card.decisions
    people = record.card.participants  # those who joined by device
    currency = record.card.workshop.get("currency") or ""
    numbers: dict[int, int] = {}
    out = []
    for closed in record.rounds:
        r = closed.round
        how = methods.get(r["method"])
        numbers[r["workshop_number"]] = numbers.get(r["workshop_number"], 0) + 1
        voters_by_item: dict[str, list[str]] = {}
        for b in closed.named:  # a named round's ballots; none for the others
            voters_by_item.setdefault(b["label"], []).append(paper.voter_label(b["name"], b["source"], "paper"))
        counted = closed.turnout  # paper voters and hands count as voters in the room
        out.append(
            {
                "workshop": r["workshop_number"],
                "round": numbers[r["workshop_number"]],
                "title": r["title"] or how.label,
                "method": how.label.lower(),
                "anonymity": _ANONYMITY[r["anonymity"]],
                "closed_at": r["closed_at"],
                "fingerprint": ledger.short(r.get("fingerprint")),
                "rule": closed.rule,
                "withheld": presenting.withheld_note(closed.results),
                "ranked": how.chart == methods.RANKED,
                "eligible": max(_in_room(people, r["closed_at"]) + counted["paper"] + counted["hands"], counted["voters"]),
                "voted": counted["voters"],
                "sources": paper.mark(counted["paper"], counted["hands"]),
                "paper": counted["paper"],
                "hands": counted["hands"],
                "items": [
                    {
                        "key": f"{row['kind']}:{row[row['kind'] + '_id']}",
                        "subject": row["label"],
                        "tally": _tally(row, r),
                        "standing": how.standing_words(row),
                        "points": row["points"] if how.chart == methods.RANKED else None,
                        "positive_pct": row["pct_positive"],
                        "median": row["median"],
                        "iqr": row["iqr"],
                        "blocks": row["blocks"],
                        "verdict": row["verdict"],
                        "split": bool(row.get("split")),
                        "withheld": row.get("disclosure") == disclosure.WITHHELD,
                        "decision": _decision_after(decisions, row, r["closed_at"]),
                        "voters": sorted(set(voters_by_item.get(row["label"], []))),
                        "sources": paper.item_mark(row.get("paper") or 0, row.get("hands") or 0),
                    }
                    for row in presenting.ranked(closed.results, r["method"])
                ],  # dots and ranking by points
                "priority": _priority(r, closed.results, decisions, voters_by_item, currency, record.card),
            }
        )
    return out


def _money(value: float | None, currency: str) -> str:
    return "–" if value is None else figures.money(value, currency)


def _priority(r: dict, rows: list[dict], decisions: list[Decision], voters: dict[str, list[str]], currency: str, card: Scorecard) -> dict | None:
    """A grid's scatter and key, or a split beside the planned budget, as the round's method charts
    it (None for the other charts). The SVG is this tool's own, every piece of user text escaped in charts.
    Each row carries its `key` and what the item is called now (`now`), as the story names it."""
    part = {methods.GRID: _grid, methods.SPLIT: _split}.get(methods.get(r["method"]).chart)
    if not part:
        return None
    shaped = part(r, rows, decisions, voters, currency)
    named = shaped["key"] if shaped["chart"] == methods.GRID else shaped["rows"]
    ordered = rows if shaped["chart"] == methods.GRID else presenting.ranked(rows, r["method"])
    for entry, row in zip(named, ordered):
        entry["item_key"] = f"{row['kind']}:{row[row['kind'] + '_id']}"
        entry["now"] = story.current_subject(card, entry["item_key"], row["label"])
    return shaped


def _grid(r: dict, rows: list[dict], decisions: list[Decision], voters: dict[str, list[str]], currency: str) -> dict:
    grid = priorities.preset(r["grid_axes"])
    key = [
        {**k, "decision": _decision_after(decisions, row, r["closed_at"]), "voters": sorted(set(voters.get(row["label"], [])))}
        for k, row in zip(priorities.grid_key(rows, r["grid_axes"]), rows)
    ]
    for k, row in zip(key, rows):
        if row.get("disclosure") == disclosure.WITHHELD:  # the small-room rule: too few placed it
            k |= {"quadrant": row["note"], "votes": "–", "skipped": None}
    return {
        "chart": methods.GRID,
        "svg": Markup(charts.grid_svg(rows, r["grid_axes"], font=15)),
        "key": key,
        "x": grid.x.name,
        "y": grid.y.name,
        "source": grid.source,
        "quadrants": " · ".join(grid.quadrants.values()),
    }


def _split(r: dict, rows: list[dict], decisions: list[Decision], voters: dict[str, list[str]], currency: str) -> dict:
    table = [
        {
            "standing": row.get("standing") or "–",
            "subject": row["label"],
            "share": row["share"],
            "points": row["points"],
            "votes": row["votes"],  # None where the small-room rule keeps them
            "budget": _money(row.get("budget"), currency),
            "budget_share": row.get("budget_share"),
            "gap": row.get("gap"),
            "notable": row.get("gap") is not None and abs(row["gap"]) >= priorities.GAP_NOTABLE,
            "words": row["note"] or priorities.gap_words(row),
            "decision": _decision_after(decisions, row, r["closed_at"]),
            "voters": sorted(set(voters.get(row["label"], []))),
        }
        for row in presenting.ranked(rows, r["method"])
    ]
    return {
        "chart": methods.SPLIT,
        "svg": Markup(charts.split_svg(rows, font=15, width=900)),
        "rows": table,
        "budgets": any(row.get("budget_share") is not None for row in rows),
    }


def findings(card: Scorecard) -> list[dict]:
    """Every finding, open or acknowledged; an acknowledged one carries the facilitator's reason."""
    return [
        {
            "id": f.check.id,
            "severity": f.check.severity,
            "rule": f.check.rule,
            "items": [i.label for i in f.items],
            "fix": f.check.fix,
            "title": f.check.title,
            "message": f.message,
            "acknowledged": f.acknowledgement["reason"] if f.acknowledgement else None,
            "acknowledged_at": f.acknowledgement["acknowledged_at"] if f.acknowledgement else None,
        }
        for f in checks.review(card)
    ]


PRINT_MAP_FONT = 15  # SVG units; the report scales the map to its page and keeps this at 8 pt or more
PRINT_MAP_COLUMNS = 5
PRINT_CASCADE_SCALE = 1.4  # the cascade's 11-unit pills and 13-unit legend, enlarged to match


def extras(record: WorkshopRecord) -> dict:
    """The map, the hypotheses, the voting record, the findings and the cascade, for report_context."""
    card, confidence = record.card, record.confidence
    return {
        "map_svg": svg.render_svg(
            card, font_size=PRINT_MAP_FONT, max_per_row=PRINT_MAP_COLUMNS, cascade_scale=PRINT_CASCADE_SCALE, confidence=confidence
        )
        if card.agreed_objectives()
        else None,
        "hypotheses": map_confidence.hypotheses(card, confidence),
        "consensus_rounds": consensus_rounds(record),
        "findings": findings(card),
        "cascade": cascade.context(record),
    }
