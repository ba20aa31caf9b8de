"""The sponsor's story, shared by the PDF and the deck: the narrative, the open points and the
first 90 days, built from the workshop's own content. Plain data and plain sentences; the
templates and the deck only lay them out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshop.core import figures
from workshop.core.model import Scorecard
from workshop.core.target_words import has_target

IRREGULAR = {"person": "people", "body": "bodies", "this": "these", "is": "are", "was": "were"}
TO_BE_NAMED = "to be named"


def plural(n: int | float, word: str, many: str | None = None) -> str:
    """'1 objective', '3 objectives', '2 strategic initiatives' (the last word takes the plural)."""
    if n == 1:
        return f"1 {word}"
    head, _, last = word.rpartition(" ")
    last = (
        many
        or IRREGULAR.get(last)
        or (
            last[:-1] + "ies"
            if last.endswith("y") and last[-2:-1] not in "aeiou"
            else last + "es"
            if last.endswith(("s", "x", "ch", "sh"))
            else last + "s"
        )
    )
    count = figures.number(n)
    return f"{count} {head + ' ' if head and not many else ''}{last}"


def listing(items: list[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def scorecard_start(card: Scorecard, today: dt.date) -> dt.date:
    """The first day of the scorecard's first reporting month: the month the earliest initiative
    starts if that is still ahead, else the month after the report."""
    following = dt.date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    starts = [dt.date.fromisoformat(i.start_date) for i in card.initiatives if i.start_date]
    first = min(starts, default=None)
    if first and first > today:
        return dt.date(first.year, first.month, 1)
    return following


# --- the narrative ----------------------------------------------------------------------------
# Every sentence of the story is written in this block and the open points below, so that a later
# pass can mark them for translation in one place. A title is set as it was typed, in quotes, never
# re-cased; the sentence around it carries the punctuation.

GO_LIVE_OWNER = "the sponsor, with the strategy office"
NO_LINKS = "The map draws no cause and effect yet: its objectives are grouped by perspective only, and nothing says which drives which."
_CLOSING = ".;:,"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    return text if text[-1] in ".!?…" else text + "."


def bare(text: str) -> str:
    """User text set inside a sentence: spaces tidied and a closing full stop (or comma, colon,
    semicolon) left off, since the sentence brings its own punctuation."""
    return " ".join(text.split()).rstrip(_CLOSING).rstrip()


def quoted(title: str) -> str:
    """A title inside a sentence, as typed and in quotes: “Improve Market Share”, “We serve our customers”."""
    return f"“{bare(title)}”"


def day(value: dt.date | str | None) -> str:
    """A date as people write it: 31 March 2027 (an ISO date is read first); "" for none."""
    if not value:
        return ""
    when = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{when.day} {when:%B} {when.year}"


def theme_counts(card: Scorecard) -> dict[int, int]:
    """Agreed objectives serving each theme, as their main theme or another: the count the themes
    table prints and the narrative repeats."""
    agreed = card.agreed_objectives()
    return {t.id: sum(t.id in o.theme_ids for o in agreed) for t in card.themes}


def current_subject(card: Scorecard, key: str | None, subject: str) -> str:
    """What a voted item is called now: an objective reworded after the vote by its current title,
    a measure or an initiative by its current name; else the name it was voted under."""
    kind, _, number = (key or "").partition(":")
    if not number.isdigit():
        return subject
    found = {
        "objective": {o.id: o.title for o in card.objectives},
        "measure": {m.id: m.name for m in card.measures},
        "initiative": {i.id: i.name for i in card.initiatives},
    }.get(kind, {})
    return found.get(int(number), subject)


def renamed(now: str, voted: str) -> bool:
    """Whether an item was reworded since the vote; a measure voted on as "name (its objective)" was not."""
    now, voted = bare(now), bare(voted)
    return now != voted and not voted.startswith(now + " (")


def named_now(card: Scorecard, key: str | None, subject: str) -> str:
    """A voted item in a sentence: its current name quoted, and what it was called when the room
    voted when that differs (“Cut freight emissions”, formerly “Shift long hauls to rail”)."""
    now = current_subject(card, key, subject)
    return quoted(now) + (f" (formerly {quoted(subject)})" if renamed(now, subject) else "")


def narrative(card: Scorecard, rounds: list[dict]) -> list[str]:
    """A few paragraphs a sponsor reads first: where the unit is going, how, what the room agreed
    and what it will take. Every sentence is drawn from the workshop's own content, and claims
    nothing the record does not show."""
    w = card.workshop
    agreed = card.agreed_objectives()
    paragraphs = []
    first = []
    if w.get("vision"):
        first.append(f"The vision for {bare(w['unit'])}: “{_sentence(w['vision'])}”")
    if w.get("strategy_summary"):
        first.append(f"The route there, in the team's words: “{_sentence(w['strategy_summary'])}”")
    if w.get("core_strategy"):
        first.append(f"The team chose {w['core_strategy']} as its core strategy.")
    if first:
        paragraphs.append(" ".join(first))
    if card.themes:
        counts = theme_counts(card)
        names = listing([f"{bare(t.name)} ({plural(counts[t.id], 'objective')})" for t in card.themes])
        shared = [o for o in agreed if o.all_themes]
        every = f"; {plural(len(shared), 'objective')} {'serves' if len(shared) == 1 else 'serve'} every theme" if shared else ""
        paragraphs.append(f"The strategy rests on {plural(len(card.themes), 'strategic theme')}: {names}{every}. " + _top_of_map(card))
    elif agreed:
        paragraphs.append(_top_of_map(card))
    votes = _room_summary(card, rounds)
    if votes:
        paragraphs.append(votes)
    means = _means(card)
    if means:
        paragraphs.append(means)
    return [p.strip() for p in paragraphs if p.strip()]


def _means(card: Scorecard) -> str:
    """The measures and initiatives in one sentence, saying only what there is."""
    measures = [m for o in card.agreed_objectives() for m in card.measures_of(o.id)]
    if not measures and not card.initiatives:
        return ""
    said = []
    if measures:
        lead = sum(1 for m in measures if m.kind == "lead")
        tracked = f"Progress will be tracked through {plural(len(measures), 'measure')}"
        said.append(tracked + (f", {lead} of them leading indicators that give early warning" if lead else ""))
    if card.initiatives:
        budget = sum(i.budget or 0 for i in card.initiatives)
        driven = f"{'and driven' if measures else 'Progress will be driven'} by {plural(len(card.initiatives), 'strategic initiative')}"
        said.append(driven + (f" with a combined budget of {figures.money(budget, card.workshop['currency'])}" if budget else ""))
    return ", ".join(said) + "."


def agreed_links(card: Scorecard) -> list:
    """The causal links between agreed objectives: the map the sponsor reads."""
    agreed = {o.id for o in card.agreed_objectives()}
    return [link for link in card.links if link.cause_id in agreed and link.effect_id in agreed]


def _top_of_map(card: Scorecard) -> str:
    """What the map says of cause and effect, and no more: nothing of chains when it draws none, and
    how many objectives no chain takes to the top when some are left off."""
    perspectives = sorted(card.perspectives, key=lambda p: p.position)
    if not perspectives or not card.agreed_objectives():
        return ""
    top = perspectives[0]
    goals = [o for o in card.agreed_objectives() if o.perspective_id == top.id]
    links = agreed_links(card)
    if not links:
        return NO_LINKS
    if not goals:
        return ""
    outcomes = f"the outcomes of the {bare(top.name)} perspective: {listing([quoted(g.title) for g in goals])}"
    reached = {g.id for g in goals}
    while grown := {l.cause_id for l in links if l.effect_id in reached} - reached:
        reached |= grown
    stray = [o for o in card.agreed_objectives() if o.id not in reached]
    if not stray:
        return f"Every chain of cause and effect on the map leads up to {outcomes}."
    left = f"{plural(len(stray), 'objective')} {'is' if len(stray) == 1 else 'are'} not yet on a chain that reaches them"
    return f"Chains of cause and effect on the map lead up to {outcomes}; {left}."


def _room_summary(card: Scorecard, rounds: list[dict]) -> str:
    """What the room did, as far as the record shows it: votes only when rounds were held, agreement
    by the team only when decisions were recorded."""
    agreed = card.agreed_objectives()
    dropped = [o for o in card.objectives if o.status == "dropped"]
    if not agreed and not dropped:
        return ""
    votes = [r for r in rounds if r.get("items")]
    if not votes and not card.decisions:
        return f"The scorecard holds {plural(len(agreed), 'agreed objective')}; no vote or decision of the room is recorded in this workshop."
    text = f"The leadership team agreed {plural(len(agreed), 'objective')}"
    if votes:
        people = max((r.get("voted") or 0) for r in votes)
        text += f" over {plural(len(votes), 'voting round')} in which up to {plural(people, 'person')} voted"
    text += "."
    contested: dict[str, str] = {}
    for r in votes:
        for i in r["items"]:
            if i.get("verdict") in ("re-discuss", "drop", "discuss"):
                contested.setdefault(i.get("key") or i["subject"], named_now(card, i.get("key"), i["subject"]))
    if contested:
        text += (
            f" {plural(len(contested), 'item')} did not win clear support at a vote"
            f"{' (' + listing(sorted(contested.values())) + ')' if len(contested) <= 3 else ''}; "
            "the consensus record shows how each was resolved."
        )
    if dropped:
        text += f" The team decided against {listing([quoted(o.title) for o in dropped])}."
    return text


# --- risks and open points --------------------------------------------------------------------


@dataclass(frozen=True)
class OpenPoint:
    kind: str  # a heading: "Contested", "Owners to be named", …
    subject: str
    detail: str


_OPEN_POINT_ORDER = (
    "Blocked in the vote",
    "Contested",
    "Not yet decided",
    "Owner to be named",
    "Measure to be chosen",
    "Data to be completed",
    "Plan to be completed",
    "Cascade to complete",
)


def open_points(card: Scorecard, rounds: list[dict], cascade: dict | None = None) -> list[OpenPoint]:
    """What the sponsor should know is not settled: contested and blocked items, items the room
    wants to discuss again, drafts still undecided, missing owners, baselines, targets, budgets and
    dates, and the cascade still to complete (`cascade` as report_cascade.context gives it). One
    list, so that no other page needs to shout about them."""
    points = _vote_points(card, rounds) + _objective_points(card) + _measure_points(card) + _initiative_points(card)
    points += [OpenPoint("Owner to be named", c["unit"], "cascade to this unit") for c in card.cascade if not (c.get("owner") or "").strip()]
    points += _cascade_points(cascade)
    order = _OPEN_POINT_ORDER
    return sorted(points, key=lambda p: order.index(p.kind) if p.kind in order else len(order))


def _vote_points(card: Scorecard, rounds: list[dict]) -> list[OpenPoint]:
    """Items blocked or contested at their last vote, unless a decision settled them since."""
    last_verdict: dict[str, tuple[str, dict]] = {}
    for r in rounds:
        if r.get("priority"):  # a grid or a split sets priorities: it neither raises nor settles a verdict
            continue
        for item in r.get("items", []):
            last_verdict[item.get("key") or item["subject"]] = (item.get("verdict") or "", item)
    points = []
    for verdict, item in last_verdict.values():
        if item.get("decision") in ("dropped",):
            continue
        now = current_subject(card, item.get("key"), item["subject"])
        item = {**item, "subject": now, "was": f"voted on as {quoted(item['subject'])}; " if renamed(now, item["subject"]) else ""}
        if verdict == "discuss" or item.get("blocks"):
            points.append(
                OpenPoint(
                    "Blocked in the vote",
                    item["subject"],
                    item["was"]
                    + f"{plural(item.get('blocks') or 1, 'block')} in the last vote; "
                    + (f"decision: {item['decision']}" if item.get("decision") else "no decision recorded yet"),
                )
            )
        elif verdict in ("re-discuss", "drop") and item.get("decision") not in ("agreed", "changed"):
            share = item.get("positive_pct")
            needed = card.workshop.get("consensus_positive", 75)
            points.append(
                OpenPoint(
                    "Contested",
                    item["subject"],
                    item["was"]
                    + (f"{share:.0f}% in support at the last vote, " if share is not None else "")
                    + f"below the {needed}% the team set for consensus; no decision recorded",
                )
            )
    return points


def _objective_points(card: Scorecard) -> list[OpenPoint]:
    """Drafts still undecided, a map with no cause and effect, agreed objectives with no owner or measure."""
    points = [OpenPoint("Not yet decided", o.title, "still a draft objective") for o in card.objectives if o.status == "draft"]
    agreed = card.agreed_objectives()
    if len(agreed) >= 2 and not agreed_links(card):
        points.append(OpenPoint("Cause and effect to be drawn", "The strategy map", "no link says which objective drives which"))
    for o in agreed:
        if not o.owner.strip():
            points.append(OpenPoint("Owner to be named", o.title, "objective"))
        if not card.measures_of(o.id):
            points.append(OpenPoint("Measure to be chosen", o.title, "objective with no measure yet"))
    return points


def _measure_points(card: Scorecard) -> list[OpenPoint]:
    """The agreed objectives' measures with no owner, or missing what tracking them needs."""
    agreed_ids = {o.id for o in card.agreed_objectives()}
    points = []
    for m in card.measures:
        if m.objective_id not in agreed_ids:
            continue
        if not m.owner.strip():
            points.append(OpenPoint("Owner to be named", m.name, "measure"))
        numeric = m.goal.type not in ("rating", "milestone")  # a rating or a milestone has no baseline or thresholds in figures
        wanted = (
            ("baseline", m.baseline if numeric else 0),
            ("target", m.goal.type if has_target(m) or m.goal.type == "tbd" else None),
            ("target date", m.target_date),
            ("thresholds", m.green if m.goal.type in ("", "at_least", "at_most") else 0),
            ("lead or lag", m.kind),
            ("frequency", m.frequency),
        )
        missing = [label for label, value in wanted if value is None or value == ""]
        if not m.data_source.strip():
            missing.append("data source")
        if missing:
            points.append(OpenPoint("Data to be completed", m.name, f"{listing(missing)} not set"))
    return points


def _initiative_points(card: Scorecard) -> list[OpenPoint]:
    """Initiatives still running with no owner, budget, start or deadline."""
    points = []
    for i in card.initiatives:
        if i.status == "cancelled":
            continue
        if not i.owner.strip():
            points.append(OpenPoint("Owner to be named", i.name, "initiative"))
        missing = [label for label, value in (("budget", i.budget), ("start date", i.start_date), ("deadline", i.deadline)) if not value]
        if missing:
            points.append(OpenPoint("Plan to be completed", i.name, f"{listing(missing)} not set"))
    return points


def _cascade_points(cascade: dict | None) -> list[OpenPoint]:
    if not cascade:
        return []
    kind = "Cascade to complete"
    points = [
        OpenPoint(kind, u["unit"], f"{u['served']} of the {plural(u['expected'], 'objective')} expected of it served so far")
        for u in cascade.get("units") or []
        if u.get("expected") and u.get("served", 0) < u["expected"]
    ]
    points += [
        OpenPoint(kind, c["unit"], "planned" + (f" by {day(c['due'])}" if c.get("due") else "") + "; its scorecard is not started yet")
        for c in cascade.get("not_started") or []
    ]
    above = cascade.get("above") or {}
    points += [OpenPoint(kind, title, "neither serves an objective above nor is marked local to the unit") for title in above.get("unaligned") or []]
    return points


def grouped(points: list[OpenPoint]) -> list[dict]:
    """The open points under their headings, in the order of open_points."""
    groups: dict[str, list[OpenPoint]] = {}
    for p in points:
        groups.setdefault(p.kind, []).append(p)
    return [{"kind": kind, "points": items} for kind, items in groups.items()]


# --- the first 90 days ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    when: dt.date
    what: str
    who: str


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def first_90_days(card: Scorecard, today: dt.date) -> dict:
    """The first 90 days from the scorecard's start: initiatives starting, the cascade to lower
    units, the first review meetings, in date order; and what falls just after."""
    start = scorecard_start(card, today)
    end = start + dt.timedelta(days=89)
    w = card.workshop
    steps = [Step(start, "The scorecard goes live: owners confirm baselines and start collecting data", GO_LIVE_OWNER)]
    for i in card.initiatives:
        if i.start_date and i.status != "cancelled" and dt.date.fromisoformat(i.start_date) <= end:
            begin = max(dt.date.fromisoformat(i.start_date), start)
            steps.append(Step(begin, f"Initiative starts: {i.name}", i.owner or TO_BE_NAMED))
    for c in card.cascade:
        due = dt.date.fromisoformat(c["due"]) if c.get("due") else None
        if due is None or due <= end:
            steps.append(Step(due or end, f"Cascade: {c['unit']} builds its own scorecard", c.get("owner") or TO_BE_NAMED))
    rhythm = bare(w.get("review_kpis") or "") or "Monthly review of the measures"
    steps.append(Step(_month_end(start), f"First review meeting ({rhythm})", "the leadership team"))
    quarter = _month_end(start + dt.timedelta(days=62))
    steps.append(Step(quarter, "First quarterly deep dive on the strategic initiatives", "the leadership team"))
    later = [c for c in card.cascade if c.get("due") and dt.date.fromisoformat(c["due"]) > end]
    return {
        "start": start,
        "end": end,
        "steps": sorted(steps, key=lambda s: (s.when, s.what)),
        "later": [f"Cascade: {c['unit']} by {day(c['due'])}" for c in later],
    }
