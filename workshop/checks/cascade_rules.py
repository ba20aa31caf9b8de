"""The alignment checks: how a lower unit's scorecard serves its parent's (see `registry.py`).

They apply to a workshop cascaded from another (`card.has_parent`) and pass on any other.
"""

from __future__ import annotations

import re

from workshop.checks.registry import KN_1993, KN_1996, PRACTICE, Item, check
from workshop.core.model import Measure, Phase, Scorecard

KN_2006 = "Kaplan & Norton, Alignment: Using the Balanced Scorecard to Create Corporate Synergies, 2006"
KN_1996_ALIGN = KN_1996 + ", chapter 9 (achieving strategic alignment: from top to bottom)"
CASCADING = PRACTICE + " (insufficient cascading: scorecards that stop at the top level)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _unserved(card: Scorecard) -> list[Item]:
    """The parent's agreed objectives the unit is expected to serve and no live objective serves."""
    return [
        Item("parent objective", p.id, p.title)
        for p in card.parent_objectives
        if p.id in card.expected and p.status == "agreed" and not card.contributors_of(p.id)
    ]


def _parent_name(card: Scorecard) -> str:
    return card.parent["unit"] if card.parent else ""


@check(
    "cascade-to-serve",
    "advice",
    Phase.INTERVIEWS,
    "The unit drafts objectives for what it must serve",
    rule="A lower unit builds its scorecard from its parent's: for each parent objective it is "
    "expected to serve, it drafts at least one objective of its own that contributes to it.",
    source=KN_1993 + ", workshop 3 (helping decentralised units develop their own measures); " + KN_1996_ALIGN,
    fix="Draft an objective for each parent objective listed and name what it contributes to, or "
    "take the parent objective off the unit's list in phase 1 if the unit cannot influence it.",
)
def cascade_to_serve(card: Scorecard):
    if not card.has_parent or card.phase >= Phase.CONSENSUS:
        return None
    items = _unserved(card)
    if not items:
        return None
    return (f"{_plural(len(items), 'objective')} of {_parent_name(card)} still without a contribution from this unit.", items)


@check(
    "cascade-uncovered",
    "warning",
    Phase.CONSENSUS,
    "Every parent objective for the unit is served",
    rule="Once the unit has reached its consensus workshop, each parent objective it is expected to "
    "serve has at least one contributing objective in the unit's scorecard; a gap is strategy "
    "that stops at the level above.",
    source=KN_1996_ALIGN + "; " + KN_2006 + "; " + CASCADING,
    fix="Add or re-aim an objective of the unit at each parent objective listed, or take the parent "
    "objective off the unit's list in phase 1, saying so in the workshop.",
)
def cascade_uncovered(card: Scorecard):
    if not card.has_parent or card.phase < Phase.CONSENSUS:
        return None
    items = _unserved(card)
    if not items:
        return None
    return (f"{_plural(len(items), 'objective')} of {_parent_name(card)} the unit should serve, with no contributing objective here.", items)


@check(
    "cascade-objective-unaligned",
    "warning",
    Phase.INTERVIEWS,
    "Each objective serves the parent or says why it is local",
    rule="Every objective of a lower unit names the parent objectives it contributes to, or states "
    "why it is local to the unit; an objective that does neither is unaligned effort.",
    source=KN_1996_ALIGN + "; " + KN_2006,
    fix="For each objective listed, choose the parent objectives it contributes to, or mark it "
    "local with the reason (e.g. a regulatory duty only this unit carries).",
)
def cascade_objective_unaligned(card: Scorecard):
    if not card.has_parent:
        return None
    items = [Item("objective", o.id, o.title) for o in card.live_objectives() if not o.contributes_to and not o.local_reason.strip()]
    if not items:
        return None
    return (f"{_plural(len(items), 'objective')} neither contributing to {_parent_name(card)} nor marked local.", items)


def _shape(perspectives) -> list[tuple[str, str]]:
    return [(p.key, " ".join(p.name.casefold().split())) for p in sorted(perspectives, key=lambda p: p.position)]


@check(
    "cascade-perspectives-differ",
    "warning",
    Phase.ARCHITECTURE,
    "The unit keeps its parent's perspectives, or says why not",
    rule="A lower unit's scorecard uses its parent's perspectives in the parent's order, so that the "
    "two maps read the same way and contributions line up; a difference needs a stated reason.",
    source=KN_2006 + " (a common architecture for the units' scorecards); " + KN_1996_ALIGN,
    fix="On the Strategy map page put the perspectives back in the parent's names and order, or "
    "write on the Measurement architecture page why this unit needs them otherwise.",
)
def cascade_perspectives_differ(card: Scorecard):
    if not card.has_parent or not card.parent_perspectives:
        return None
    if _shape(card.perspectives) == _shape(card.parent_perspectives) or card.workshop.get("perspective_reason", "").strip():
        return None
    mine = " → ".join(p.name for p in card.perspectives)
    theirs = " → ".join(p.name for p in card.parent_perspectives)
    return (f"The perspectives differ from {_parent_name(card)}'s ({theirs}) and no reason is given.", [Item("perspective", None, mine)])


_SPACE = re.compile(r"\s+")


def _same(a: str, b: str) -> bool:
    a, b = _SPACE.sub(" ", a.casefold()).strip(" ."), _SPACE.sub(" ", b.casefold()).strip(" .")
    return bool(a) and a == b


def _duplicates(mine: Measure, theirs: Measure) -> bool:
    return _same(mine.name, theirs.name) or _same(mine.definition, theirs.definition)


@check(
    "cascade-measure-direction",
    "warning",
    Phase.MEASURES,
    "A measure shared with the parent points the same way",
    rule="When a lower unit tracks a measure its parent already defines, better means the same thing "
    "at both levels; a target pointing the other way pulls the unit against its parent.",
    source=KN_1996_ALIGN + "; " + KN_2006,
    fix="Give the measure the parent's direction (higher or lower is better), or redefine it so it "
    "is a different measure with its own name and definition.",
)
def cascade_measure_direction(card: Scorecard):
    if not card.has_parent or not card.parent_measures:
        return None
    live = {o.id for o in card.live_objectives()}
    items = []
    for m in card.measures:
        if m.objective_id not in live:
            continue
        twin = next((p for p in card.parent_measures if _duplicates(m, p) and p.direction != m.direction), None)
        if twin:
            items.append(Item("measure", m.id, f"{m.name}: {m.direction} is better here, {twin.direction} in {_parent_name(card)} ({twin.name})"))
    if not items:
        return None
    return (f"{_plural(len(items), 'measure')} duplicating a measure of {_parent_name(card)} with the opposite direction.", items)
