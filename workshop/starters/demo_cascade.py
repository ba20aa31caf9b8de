"""The demo's cascade: two lower units of Managed Cloud Services at realistic stages.

The Service Desk has been through its consensus workshop (phase 3 done, measures under way): each of
its objectives names the parent objectives it serves, one is local with its reason. Cloud Operations
has just been started from the parent and is in phase 1. Built through the same services the pages use.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.model import Phase
from workshop.db import store
from workshop.method import (
    architecture,
    cascade,
    decisions,
    interviews,
    measures,
    objectives,
    phases,
    workshops,
)

SERVICE_DESK = "Service Desk"
CLOUD_OPERATIONS = "Cloud Operations"

# The parent's objectives the service desk is expected to serve (titles in the parent demo).
SERVICE_DESK_SERVES = [
    "Improve profit margin to 18%",
    "Raise client satisfaction above 90%",
    "Grow contract renewal to 85%",
    "Achieve 99% quality on first delivery",
    "Automate routine service operations",
    "Implement a knowledge management system",
    "Retain our experienced engineers",
]

# title, perspective, theme, owner, parent objectives served (titles) or a local reason
DESK_OBJECTIVES = [
    ("Reduce the cost per ticket by 20%", "financial", "Self-service and automation", "Marta Novak", ["Improve profit margin to 18%"]),
    (
        "Cut service credits paid for missed service levels",
        "financial",
        "Right first time",
        "Marta Novak",
        ["Improve profit margin to 18%", "Grow contract renewal to 85%"],
    ),
    ("Grow paid self-service subscriptions", "financial", "Self-service and automation", "Marta Novak", ["Increase the share of recurring revenue"]),
    ("Raise end-user satisfaction with the desk above 92%", "customer", "Right first time", "Marta Novak", ["Raise client satisfaction above 90%"]),
    (
        "Keep incidents within the agreed service levels",
        "customer",
        "Right first time",
        "Tom Becker",
        ["Raise client satisfaction above 90%", "Grow contract renewal to 85%"],
    ),
    ("Provide every key account with a named desk lead", "customer", "People who stay", "Marta Novak", ["Grow contract renewal to 85%"]),
    (
        "Increase the share of tickets solved at first contact",
        "internal",
        "Right first time",
        "Tom Becker",
        ["Achieve 99% quality on first delivery"],
    ),
    (
        "Automate password resets and routine requests",
        "internal",
        "Self-service and automation",
        "Tom Becker",
        ["Automate routine service operations"],
    ),
    (
        "Keep the ISO 20000 service certification",
        "internal",
        "Right first time",
        "Tom Becker",
        "A certification duty the desk carries for the whole group; no objective of Managed Cloud "
        "Services covers it, and head office audits it directly.",
    ),
    (
        "Build a searchable knowledge base of fixes",
        "learning",
        "Self-service and automation",
        "Aisha Khan",
        ["Implement a knowledge management system"],
    ),
    ("Train every analyst on the main cloud platforms", "learning", "People who stay", "Aisha Khan", ["Achieve 99% quality on first delivery"]),
    ("Retain experienced analysts", "learning", "People who stay", "Aisha Khan", ["Retain our experienced engineers"]),
]

DESK_LINKS = [  # cause index → effect index, hypothesis
    (9, 6, "Known fixes solve tickets on the first call."),
    (10, 6, "Trained analysts fix more at first contact."),
    (11, 6, "Experienced analysts know the clients' systems."),
    (9, 7, "Documented fixes are what we automate."),
    (6, 3, "Users want one call, not three."),
    (6, 4, "Fewer hand-offs keep tickets within service levels."),
    (7, 0, "Automated requests cost almost nothing to resolve."),
    (8, 4, "Audited processes hold the service levels."),
    (5, 3, "Key accounts get a desk lead who knows them."),
    (4, 1, "Tickets within service levels trigger no credits."),
    (3, 2, "Satisfied users adopt the paid self-service tier."),
]

# objective index, name, unit, kind, frequency, direction, baseline, target, green, red, source, owner
DESK_MEASURES = [
    (0, "Cost per ticket", "EUR", "lag", "monthly", "lower", 18.5, 14.8, 15.5, 17.5, "Finance cost model", "Marta Novak"),
    (3, "End-user satisfaction", "%", "lag", "monthly", "higher", 84, 92, 90, 86, "Ticket survey", "Marta Novak"),
    (6, "First-contact resolution", "%", "lead", "weekly", "higher", 61, 75, 72, 65, "Service desk", "Tom Becker"),
    (7, "Share of tickets resolved automatically", "%", "lead", "monthly", "higher", 12, 40, 35, 20, "Service desk", "Tom Becker"),
]


def create_units(db: Database, parent_id: int) -> tuple[int, int]:
    """Start both lower units of the demo; returns (service desk id, cloud operations id)."""
    with store.write(db):
        desk = cascade.start_cascade(db, parent_id, SERVICE_DESK, owner="Lena Fischer")
        cloud = cascade.start_cascade(db, parent_id, CLOUD_OPERATIONS, owner="Lena Fischer")
        architecture.add_sister_unit(
            db, desk, CLOUD_OPERATIONS, "Another lower unit of Managed Cloud Services; takes over the incidents the desk cannot resolve."
        )
        workshops.update_workshop(
            db,
            cloud,
            unit_description="Runs the clients' cloud platforms day and night: monitoring, "
            "patching, backups and capacity; 110 engineers in two hubs.",
        )
        _service_desk(db, parent_id, desk)
    return desk, cloud


def _service_desk(db: Database, parent_id: int, wid: int) -> None:
    workshops.update_workshop(
        db,
        wid,
        unit_description="First- and second-line support for the 38,000 end users of our 140 clients; 46 analysts in two shifts.",
        financial_goals="Cost per ticket down 20% within the unit's budget; service credits below 0.5% of contract value.",
        vision="The desk users call once, because it is solved the first time.",
        mission="Get every client's people working again, fast.",
        core_strategy="operational excellence",
        strategy_summary="Solve more at first contact, automate the routine, keep the analysts who know our clients.",
    )
    parent_ids = {o["title"]: o["id"] for o in cascade.parent_objectives(db, wid)}
    cascade.set_expected(db, wid, [parent_ids[t] for t in SERVICE_DESK_SERVES])
    sources = [
        interviews.record_interview(db, wid, name, role=role, held_on=day, strategy=strategy)
        for name, role, day, strategy in [
            ("Marta Novak", "Service Desk Manager", "2027-01-18", "Cut repeat calls; automate what we reset twenty times a day."),
            ("Tom Becker", "Second-line Team Lead", "2027-01-19", "Fewer hand-offs to cloud operations; keep within the service levels."),
            ("Aisha Khan", "Knowledge and Training Lead", "2027-01-20", "Write each fix down once; train analysts before they burn out."),
        ]
    ]
    owners = {"Marta Novak": sources[0], "Tom Becker": sources[1], "Aisha Khan": sources[2]}
    theme_ids = {
        name: objectives.add_theme(db, wid, name, description)
        for name, description in [
            ("Right first time", "Solve it at the first contact, within the service level."),
            ("Self-service and automation", "Let users and scripts do the routine."),
            ("People who stay", "Keep and grow the analysts who know our clients."),
        ]
    }
    by_key = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
    ids = []
    for title, key, theme, owner, serves in DESK_OBJECTIVES:
        ids.append(
            cascade.add_contributing_objective(
                db,
                wid,
                title,
                by_key[key],
                theme_id=theme_ids[theme],
                owner=owner,
                sources=[owners[owner]],
                serves=[parent_ids[t] for t in serves] if isinstance(serves, list) else (),
                local_reason=serves if isinstance(serves, str) else "",
            )
        )
    phases.move_to(db, wid, Phase.CONSENSUS)  # through the same gates a facilitator passes
    for objective_id in ids:
        decisions.decide_objective(db, objective_id, "agreed", "Agreed in the unit's consensus workshop.")
    for cause, effect, hypothesis in DESK_LINKS:
        objectives.add_link(db, ids[cause], ids[effect], hypothesis)
    for i, name, unit, kind, frequency, direction, baseline, target, green, red, source, owner in DESK_MEASURES:
        measures.add_measure(
            db,
            ids[i],
            name,
            unit=unit,
            kind=kind,
            frequency=frequency,
            direction=direction,
            baseline=baseline,
            target=target,
            target_date="2027-12-31",
            green=green,
            red=red,
            data_source=source,
            owner=owner,
            definition=f"{name}, as reported from {source}.",
            data_collection=f"Extract from {source}, {frequency}, by the owner.",
        )
    phases.move_to(db, wid, Phase.MEASURES)
