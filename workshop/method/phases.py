"""The five phases and what the method requires before the next one may start.

`missing()` is a pure function of a `Scorecard`: each entry is one thing to do, in words a
facilitator can act on. Only what the method requires blocks; advice belongs to the checks.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.checks.rules import missing_steps
from workshop.core.errors import Invalid
from workshop.core.model import Phase, Scorecard
from workshop.core.target_words import has_target
from workshop.core.words import agree, plural
from workshop.db import scorecard as scorecard_reads
from workshop.db import store


def _architecture(card: Scorecard) -> list[str]:
    todo = []
    if card.is_business_unit:
        if not card.workshop["unit_description"].strip():
            todo.append("Describe the unit the scorecard is for (what it does, whom it serves).")
        if not card.workshop["financial_goals"].strip():
            todo.append("Record the unit's financial goals as head office sees them.")
    else:
        if not card.workshop["unit_description"].strip():
            todo.append("Describe the organisation the scorecard is for (what it does, whom it serves).")
        if not card.workshop["financial_goals"].strip():
            todo.append("Record the organisation's financial goals (or the budget it must live within).")
    return todo


def _interviews(card: Scorecard) -> list[str]:
    todo = []
    if not card.interviews:
        todo.append("Record at least one executive interview.")
    if not card.workshop["vision"].strip():
        todo.append("Synthesise the vision from the interviews.")
    if not card.workshop["core_strategy"]:
        todo.append("Name the core strategy (product leadership, operational excellence or customer intimacy).")
    if not card.themes:
        todo.append("Propose the strategic themes (3–5 advised).")
    for p in card.perspectives:
        if not card.objectives_in(p.id):
            todo.append(f"Draft at least one objective in the {p.name} perspective.")
    unsourced = [o.title for o in card.objectives if o.status == "draft" and not o.sources and not o.proposed_by]
    if unsourced:
        todo.append("Say where each draft came from (an interview or a person): " + "; ".join(unsourced))
    return todo


def _consensus(card: Scorecard) -> list[str]:
    todo = []
    drafts = [o.title for o in card.objectives if o.status == "draft"]
    if drafts:
        todo.append(f"Decide on the {plural(len(drafts), 'objective')} still in draft: " + "; ".join(drafts))
    for p in card.perspectives:
        if not card.objectives_in(p.id, statuses=("agreed",)):
            todo.append(f"Agree at least one objective in the {p.name} perspective.")
    agreed = {o.id for o in card.agreed_objectives()}
    if not any(l.cause_id in agreed and l.effect_id in agreed for l in card.links):
        steps = missing_steps(card, card.agreed_objectives())
        said = f": nothing yet says how {steps}" if steps else ""
        todo.append(f"Draw the cause-and-effect links between the agreed objectives (the strategy map){said}.")
    return todo


def _measures(card: Scorecard) -> list[str]:
    todo = []
    bare = [o.title for o in card.agreed_objectives() if not card.measures_of(o.id)]
    if bare:
        todo.append("Give each agreed objective a measure: " + "; ".join(bare))
    agreed = {o.id for o in card.agreed_objectives()}
    # a target still to be decided (TBD) is said plainly and does not hold the gate (measure-target-tbd warns)
    untargeted = [m.name for m in card.measures if m.objective_id in agreed and not has_target(m) and m.goal.type != "tbd"]
    if untargeted:
        todo.append("Set a target (or write TBD) for: " + "; ".join(untargeted))
    todo += _sent_back(card, "measure")
    return todo


def _sent_back(card: Scorecard, kind: str) -> list[str]:
    """What a voted item the room sent back still needs: the room's decision on it."""
    waiting = [s for s in card.sent_back if s["kind"] == kind]
    if not waiting:
        return []
    rounds = "; ".join(dict.fromkeys(f"“{s['round']}”" if s["round"].strip() else "a round" for s in waiting))
    return [
        f"The room sent {plural(len(waiting), kind)} back for discussion in {rounds}: "
        + "; ".join(s["label"] for s in waiting)
        + f". Discuss {agree(len(waiting), 'it', 'them')}, then record a decision on each (agreed, "
        "changed or dropped) under Voting rounds, or re-vote."
    ]


def _plan(card: Scorecard) -> list[str]:
    todo = []
    if not card.initiatives:
        todo.append("Record the initial strategic initiatives.")
    if not card.cascade:
        todo.append("Plan how the scorecard cascades to at least one lower unit.")
    if not all(card.workshop[k].strip() for k in ("review_kpis", "review_initiatives", "review_strategy")):
        todo.append("Set the review rhythm (KPI reviews, initiative deep dives, strategy refresh).")
    return todo + _sent_back(card, "initiative")


_RULES = {Phase.ARCHITECTURE: _architecture, Phase.INTERVIEWS: _interviews, Phase.CONSENSUS: _consensus, Phase.MEASURES: _measures, Phase.PLAN: _plan}


def missing(card: Scorecard, phase: Phase | int) -> list[str]:
    """What must still be done in `phase` before the workshop can move past it."""
    return _RULES[Phase(phase)](card)


def advance(db: Database, workshop_id: int) -> Phase:
    """Move to the next phase if the current one is complete; refuse with the to-do list if not."""
    with store.write(db):
        card = scorecard_reads.load(db, workshop_id)
        if card.phase == Phase.PLAN:
            raise Invalid("This is the last phase: the implementation plan feeds the report.")
        todo = missing(card, card.phase)
        if todo:
            raise Invalid(f"{card.phase.title} is not finished yet: " + " ".join(todo))
        store.update(db, "workshop", workshop_id, {"phase": card.phase + 1})
    return Phase(card.phase + 1)


def go_back(db: Database, workshop_id: int, phase: Phase | int) -> None:
    """Return to an earlier phase (nothing is deleted; the gates apply again going forward)."""
    with store.write(db):
        current = store.get(db, "workshop", workshop_id, "workshop")["phase"]
        if not 1 <= int(phase) <= current:
            raise Invalid("You can only go back to a phase already reached.")
        store.update(db, "workshop", workshop_id, {"phase": int(phase)})


def move_to(db: Database, workshop_id: int, phase: Phase | int) -> Phase:
    """Go to `phase`: forward through every gate on the way (refused at the first unfinished one),
    or back. Starters use it, so a prepared workshop passes the same gates as a facilitator's."""
    with store.write(db):
        current = Phase(store.get(db, "workshop", workshop_id, "workshop")["phase"])
        if int(phase) <= current:
            go_back(db, workshop_id, phase)
            return Phase(phase)
        while current < int(phase):
            current = advance(db, workshop_id)
    return current
