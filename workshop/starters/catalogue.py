"""Starting workshops: complete, checked scorecards a facilitator adapts instead of starting blank.

`technology-services` is the demo (`demo.create_demo`); the others are built from the data in
`template_data.py` through the same services the pages use.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.errors import NotFound
from workshop.core.model import Phase
from workshop.db import store
from workshop.method import architecture, decisions, interviews, measures, objectives, phases, plan, workshops
from workshop.starters import demo
from workshop.starters.catalogue_data import AVERAGED, FLOWS, TEMPLATES

DEMO = "technology-services"
LABELS: dict[str, str] = {DEMO: "Technology services (the demo: financial on top)", **{name: str(spec["label"]) for name, spec in TEMPLATES.items()}}


def list_templates() -> list[str]:
    """The template names, the demo first."""
    return list(LABELS)


def label(name: str) -> str:
    return LABELS[name]


def create_from_template(db: Database, name: str, *, organisation: str | None = None, unit: str | None = None, phase: int = 5) -> int:
    """A new workshop filled from a template; returns its id.

    With `organisation`/`unit` the workshop takes those names; `phase` is where it starts (the demo
    and the command line start at 5, the start page at 1 so the team walks every phase).
    """
    if name not in LABELS:
        raise NotFound(f"No template called “{name}”. Choose one of: {', '.join(LABELS)}.")
    with store.write(db):
        wid = demo.create_demo(db, units=False) if name == DEMO else _build(db, TEMPLATES[name])
        names = {k: v for k, v in (("organisation", organisation), ("unit", unit)) if v and v.strip()}
        if names:
            workshops.update_workshop(db, wid, **names)
        phases.move_to(db, wid, phase)
    return wid


def _build(db: Database, spec: dict) -> int:
    wid = workshops.create_workshop(db, **spec["workshop"])
    for perspective in workshops.perspectives(db, wid):
        if perspective["key"] in spec["perspective_names"]:
            workshops.rename_perspective(db, perspective["id"], spec["perspective_names"][perspective["key"]])
    for name, requirement in spec["head_office"]:
        architecture.add_head_office_theme(db, wid, name, requirement)
    for name, relationship in spec["sister_units"]:
        architecture.add_sister_unit(db, wid, name, relationship)
    people = {
        executive: interviews.record_interview(db, wid, executive, role=role, held_on="2026-09-07", strategy=spec["workshop"]["strategy_summary"])
        for executive, role in spec["interviews"]
    }
    theme_ids = {name: objectives.add_theme(db, wid, name, description) for name, description in spec["themes"]}
    by_key = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
    objective_ids = [
        objectives.add_objective(
            db, wid, title, by_key[key], theme_id=theme_ids[theme], owner=owner, sources=[people[owner]] if owner in people else []
        )
        for title, key, theme, owner in spec["objectives"]
    ]
    phases.move_to(db, wid, Phase.CONSENSUS)
    for objective_id in objective_ids:
        decisions.decide_objective(db, objective_id, "agreed", "Agreed by the leadership team.")
    for cause, effect, hypothesis in spec["links"]:
        objectives.add_link(db, objective_ids[cause], objective_ids[effect], hypothesis)
    for i, name, unit, kind, frequency, direction, baseline, target, green, red, source, owner in spec["measures"]:
        milestone = isinstance(target, str) and " by " in target  # done by its date: no figures to phase
        measures.add_measure(
            db,
            objective_ids[i],
            name,
            unit=unit,
            kind=kind,
            frequency=frequency,
            direction=direction,
            baseline=baseline,
            target=target,  # a figure, or typed as printed: "≥ 98 %", "< 2.1", "-0.5–0.5 %", "Live in every venue by 2027-06-30"
            target_date=None if milestone else "2028-12-31",
            nature="" if milestone else "flow" if name in FLOWS else "level",
            year_rule="" if milestone else "sum" if name in FLOWS else "average" if name in AVERAGED else "last",
            green=green,
            red=red,
            data_source=source,
            owner=owner,
            definition=f"{name}, as reported from {source}.",
            data_collection=f"Extract from {source}, {frequency}, by the owner.",
        )
    for name, served, owner, start, deadline, budget, status in spec["initiatives"]:
        plan.add_initiative(
            db,
            wid,
            name,
            [objective_ids[i] for i in served],
            owner=owner,
            start_date=start,
            deadline=deadline,
            budget=budget,
            status=status,
            description=spec.get("initiative_descriptions", {}).get(name, ""),
        )
    for unit_name, owner, due, approach in spec["cascade"]:
        plan.add_cascade_unit(db, wid, unit_name, owner=owner, due=due, approach=approach)
    return wid
