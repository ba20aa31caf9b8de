"""Consequences before a decision: the scorecard as it would be if an objective were dropped or
changed, and what that does to the map and the method checks, in sentences the room can weigh.

Nothing is stored: the preview works on a copy of the `Scorecard`, so the facilitator sees, for
example, that dropping “Automate routine operations” leaves “Improve profit margin” with no driver
before anything is recorded.
"""

from __future__ import annotations

import dataclasses

from workshop import checks
from workshop.core.model import Objective, Scorecard

ADVISED_PER_PERSPECTIVE = 3  # the rule of thumb's lower bound (3–5 objectives per perspective)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _names(titles: list[str]) -> str:
    quoted = [f"“{t}”" for t in titles]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def with_change(card: Scorecard, objective_id: int, outcome: str, *, title: str | None = None, perspective_id: int | None = None) -> Scorecard:
    """A copy of the scorecard with one objective dropped, or changed (new title or perspective)."""

    def changed(o: Objective) -> Objective:
        if o.id != objective_id:
            return o
        if outcome == "dropped":
            return dataclasses.replace(o, status="dropped")
        return dataclasses.replace(o, title=(title or o.title).strip() or o.title, perspective_id=perspective_id or o.perspective_id)

    return dataclasses.replace(card, objectives=[changed(o) for o in card.objectives])


def _live(card: Scorecard) -> dict[int, Objective]:
    return {o.id: o for o in card.live_objectives()}


def _drivers(card: Scorecard) -> dict[int, set[int]]:
    live = _live(card)
    found: dict[int, set[int]] = {}
    for link in card.links:
        if link.cause_id in live and link.effect_id in live:
            found.setdefault(link.effect_id, set()).add(link.cause_id)
    return found


def _map_sentences(before: Scorecard, after: Scorecard, objective: Objective, verb: str) -> list[str]:
    out = []
    bottom = before.perspectives[-1].id if before.perspectives else None
    was, now = _drivers(before), _drivers(after)
    stranded = [o.title for o in after.live_objectives() if o.perspective_id != bottom and was.get(o.id) and not now.get(o.id)]
    if stranded:
        out.append(f"{verb} leaves {_names(stranded)} with no driver.")
    for p in before.perspectives:
        n_before = len([o for o in _live(before).values() if o.perspective_id == p.id])
        n_after = len([o for o in _live(after).values() if o.perspective_id == p.id])
        if n_after < n_before and n_after == 0:
            out.append(f"{p.name} would have no objective left: the method needs at least one.")
        elif n_after < n_before and n_after < ADVISED_PER_PERSPECTIVE:
            out.append(f"{p.name} falls to {_count(n_after, 'objective')} (3 to 5 are advised).")
        elif n_after > n_before and objective.perspective_id != p.id:
            out.append(f"{p.name} grows to {_count(n_after, 'objective')}.")
    return out


def _orphans(card: Scorecard, objective: Objective) -> list[str]:
    measures = card.measures_of(objective.id)
    initiatives = [i for i in card.initiatives if objective.id in i.objective_ids]
    lonely = [i.name for i in initiatives if len(i.objective_ids) == 1]
    out = []
    if measures:
        out.append(
            f"{'Its measure' if len(measures) == 1 else 'Its measures'} {_names([m.name for m in measures])} "
            f"would be left measuring an objective no longer on the scorecard."
        )
    if lonely:
        out.append(f"{_names(lonely)} would serve no agreed objective.")
    return out


def preview(card: Scorecard, objective_id: int, outcome: str, *, title: str | None = None, perspective_id: int | None = None) -> list[str]:
    """What dropping or changing one objective would do, most serious first; [] when nothing."""
    if outcome not in ("dropped", "changed"):
        return []
    objective = card.objective(objective_id)
    after = with_change(card, objective_id, outcome, title=title, perspective_id=perspective_id)
    verb = f"Dropping “{objective.title}”" if outcome == "dropped" else f"Changing “{objective.title}”"
    sentences = _map_sentences(card, after, objective, verb)
    if outcome == "dropped":
        sentences += _orphans(card, objective)
    seen = {(f.id, tuple(i.label for i in f.items)) for f in checks.run(card)}
    covered = {"top-no-drivers", "objective-no-path-to-top", "perspective-empty", "objectives-per-perspective"}
    for f in checks.run(after):
        if (f.id, tuple(i.label for i in f.items)) not in seen and f.id not in covered:
            named = f" ({_names([i.label for i in f.items])})" if f.items else ""
            sentences.append(f"New {f.severity}: {f.message.rstrip('.')}{named}.")
    return sentences
