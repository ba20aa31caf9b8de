"""The report's sections as plain data: the implementation plan's figures and the consensus record.

Kept apart from report.py so that each function can be tested on a Scorecard without rendering.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from workshop.core import figures, methods
from workshop.core.model import Initiative, Scorecard
from workshop.core.target_words import stated
from workshop.deliverables.report.timeline import Bar, gantt_svg

WORKSHOP_OF_PHASE = {
    1: "Before the workshops",
    2: "Before the workshops",
    3: "Workshop 1 · consensus",
    4: "Workshop 2 · measures",
    5: "Workshop 3 · implementation plan",
}
ANONYMITY = {"named": "named ballots", "facilitator": "names visible to the facilitator only", "anonymous": "fully anonymous"}
SEVERITY_ORDER = {"error": 0, "high": 0, "warning": 1, "medium": 1, "info": 2, "low": 2}
COMMENT_EXCERPT = 500
NOTABLE_PER_ITEM = 2


def shorten(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rstrip() + " […]"


def budget_split(card: Scorecard) -> tuple[list[dict], list[dict], float]:
    """Budget totals by theme and by perspective. An initiative serving several objectives is split
    equally among them; one serving none is counted as unallocated."""
    by_theme: dict[int | None, float] = defaultdict(float)
    by_perspective: dict[int | None, float] = defaultdict(float)
    unallocated = 0.0
    objectives = {o.id: o for o in card.objectives}
    for i in card.initiatives:
        served = [objectives[oid] for oid in i.objective_ids if oid in objectives]
        if not i.budget:
            continue
        if not served:
            unallocated += i.budget
            continue
        share = i.budget / len(served)
        for o in served:
            by_theme[o.theme_id] += share
            by_perspective[o.perspective_id] += share
    themes = [{"name": t.name, "colour": t.colour, "budget": by_theme.get(t.id, 0.0)} for t in card.themes]
    if by_theme.get(None):
        themes.append({"name": "No theme", "colour": "#bab0ac", "budget": by_theme[None]})
    perspectives = [{"name": p.name, "budget": by_perspective.get(p.id, 0.0)} for p in card.perspectives]
    return themes, perspectives, unallocated


def _colour_of(card: Scorecard, initiative: Initiative) -> str:
    for oid in initiative.objective_ids:
        theme = card.theme(next((o.theme_id for o in card.objectives if o.id == oid), None))
        if theme:
            return theme.colour
    return "#4e79a7"


def timeline(card: Scorecard, currency: str, today: dt.date | None = None) -> dict:
    """The Gantt chart of initiatives that have both dates, and the names of those that do not."""
    bars, unscheduled = [], []
    for i in sorted(card.initiatives, key=lambda i: (i.start_date or "9999", i.deadline or "9999", i.id)):
        if i.start_date and i.deadline:
            note = figures.money(i.budget, currency, compact=True) if i.budget else ""
            bars.append(Bar(i.name, dt.date.fromisoformat(i.start_date), dt.date.fromisoformat(i.deadline), _colour_of(card, i), note))
        else:
            unscheduled.append(i.name)
    return {
        "svg": gantt_svg(bars, today=today),
        "unscheduled": unscheduled,
        "first": min((b.start for b in bars), default=None),
        "last": max((b.end for b in bars), default=None),
    }


def data_sources(card: Scorecard) -> list[dict]:
    """Each system the scorecard draws on, the measures it feeds and how the data is obtained."""
    agreed = {o.id for o in card.agreed_objectives()}
    grouped: dict[str, list] = defaultdict(list)
    for m in card.measures:
        if m.objective_id in agreed:
            grouped[m.data_source.strip() or ""].append(m)
    rows = [
        {
            "source": source,
            "measures": ms,
            "collection": sorted({m.data_collection for m in ms if m.data_collection}),
            "frequencies": sorted({stated(m.frequency) for m in ms}),
        }
        for source, ms in grouped.items()
    ]
    return sorted(rows, key=lambda r: (r["source"] == "", r["source"].lower()))


def _item_subject(card: Scorecard, comment: dict) -> tuple[str, str]:
    if comment.get("objective_id"):
        o = next((o for o in card.objectives if o.id == comment["objective_id"]), None)
        return f"objective:{comment['objective_id']}", o.title if o else "(removed objective)"
    m = next((m for m in card.measures if m.id == comment.get("measure_id")), None)
    return f"measure:{comment.get('measure_id')}", f"Measure: {m.name}" if m else "(removed measure)"


def comment_record(card: Scorecard) -> list[dict]:
    """Per commented item: how many comments, and the notable ones (addressed by the facilitator or
    answered by the room first, then the earliest), each shortened for print."""
    replies: dict[int, list[dict]] = defaultdict(list)
    top: dict[str, list[dict]] = defaultdict(list)
    subjects: dict[str, str] = {}
    counts: dict[str, int] = defaultdict(int)
    for c in card.comments:
        key, subject = _item_subject(card, c)
        subjects[key] = subject
        counts[key] += 1
        (replies[c["parent_id"]] if c.get("parent_id") else top[key]).append(c)
    items = []
    for key, comments in top.items():
        ranked = sorted(comments, key=lambda c: (not c["addressed"], not replies.get(c["id"]), c["id"]))
        notable = [
            {
                "author": c["author"],
                "body": shorten(c["body"], COMMENT_EXCERPT),
                "addressed": bool(c["addressed"]),
                "replies": [{"author": r["author"], "body": shorten(r["body"], COMMENT_EXCERPT)} for r in replies.get(c["id"], [])[:2]],
            }
            for c in ranked[:NOTABLE_PER_ITEM]
        ]
        items.append(
            {"key": key, "subject": subjects[key], "count": counts[key], "addressed": sum(1 for c in comments if c["addressed"]), "notable": notable}
        )
    return sorted(items, key=lambda i: (-i["count"], i["subject"].lower()))


def decisions_by_workshop(card: Scorecard) -> list[dict]:
    grouped: dict[str, list] = defaultdict(list)
    for d in card.decisions:
        grouped[WORKSHOP_OF_PHASE.get(d.phase, "Other")].append(d)
    order = list(dict.fromkeys(WORKSHOP_OF_PHASE.values()))
    return [{"workshop": name, "decisions": grouped[name]} for name in order if grouped.get(name)]


ROUND_DEFAULTS = {
    "workshop": "?",
    "round": "?",
    "title": "",
    "method": "",
    "anonymity": "anonymous",
    "closed_at": "",
    "fingerprint": "",
    "eligible": 0,
    "voted": 0,
    "items": [],
    "sources": "",
    "paper": 0,
    "hands": 0,
    "priority": None,
    "rule": "",
    "withheld": "",
    "ranked": None,
}
ITEM_DEFAULTS: dict[str, object] = {
    "key": None,
    "tally": "",
    "points": None,
    "standing": "",
    "positive_pct": None,
    "median": None,
    "iqr": None,
    "blocks": 0,
    "verdict": "",
    "split": False,
    "decision": None,
    "voters": [],
    "sources": "",
}


def honour_anonymity(rounds: list[dict]) -> list[dict]:
    """The voting rounds, normalised for print; only named rounds keep their voters' names.

    A round: {workshop, round, title, method, anonymity ("named" | "facilitator" | "anonymous"),
    closed_at, eligible, voted, items}; an item: {key (stable across rounds, e.g. "objective:12"),
    subject, tally (one line, e.g. "endorse 6 · agree 3 · block 1"), positive_pct, median, iqr,
    blocks, verdict ("consensus" | "re-discuss" | "drop" | "discuss"), split (the answers cluster at
    both ends: consensus.splits_the_room), decision, voters}.
    """
    safe = []
    for r in rounds:
        r = {**ROUND_DEFAULTS, **r}
        named = r["anonymity"] == "named"
        items = [{**ITEM_DEFAULTS, **item, "voters": list(item.get("voters") or []) if named else []} for item in r["items"]]
        safe.append(
            {
                **r,
                "items": items,
                "anonymity_label": ANONYMITY.get(r["anonymity"], "anonymous"),
                "turnout_pct": (100 * r["voted"] / r["eligible"]) if r["eligible"] else None,
            }
        )
    return safe


def movement(rounds: list[dict]) -> list[dict]:
    """Items voted on in more than one round, with their share of positive votes and verdict each time."""
    path: dict[str, list[dict]] = defaultdict(list)
    subjects: dict[str, str] = {}
    for r in rounds:
        label = f"W{r.get('workshop', '?')} R{r.get('round', '?')}"
        for item in r.get("items", []):
            key = item.get("key") or item["subject"]
            subjects[key] = item["subject"]
            path[key].append(
                {"round": label, "positive_pct": item.get("positive_pct"), "verdict": item.get("verdict", ""), "withheld": bool(item.get("withheld"))}
            )
    return [{"subject": subjects[k], "steps": steps} for k, steps in path.items() if len(steps) > 1]


def sorted_findings(findings: list[dict]) -> list[dict]:
    rows = []
    for f in findings:
        items = f.get("items") or []
        rows.append({"message": "", "acknowledged": None, "acknowledged_at": None, **f, "items": [items] if isinstance(items, str) else list(items)})
    return sorted(rows, key=lambda f: (SEVERITY_ORDER.get(str(f.get("severity", "")).lower(), 3), str(f.get("id", ""))))


def split_note(rounds: list[dict]) -> dict | None:
    """The latest 100-point split, for the implementation plan: its title and the initiatives where
    the room's share of points and the share of the budget differ by ten points or more."""
    split = next((r for r in reversed(rounds) if (r.get("priority") or {}).get("chart") == methods.SPLIT), None)
    if split is None or not split["priority"]["budgets"]:
        return None
    rows = [s for s in split["priority"]["rows"] if s.get("share") is not None and s.get("budget_share") is not None]
    if not rows:
        return None
    return {"title": split["title"], "workshop": split["workshop"], "apart": [s for s in rows if s.get("notable")]}
