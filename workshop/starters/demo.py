"""The demo workshop: a technology-services unit taken through all five phases.

Built through the same services the pages use, so the demo is also a check that they fit together.
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.model import Phase
from workshop.db import store
from workshop.method import architecture, decisions, interviews, measures, objectives, phases, plan, workshops
from workshop.starters import demo_actuals, demo_cascade, demo_votes

INTERVIEWS = [
    (
        "Helen Park",
        "Managing Director",
        "2026-09-07",
        "Keep our clients' systems running and moving forward.",
        "The partner mid-sized firms trust with their whole digital estate.",
        "Candour, craft, ownership.",
        "Grow managed services; stop chasing one-off projects.",
        "Strong on reliability, weak on account growth.",
        "Cloud operations, service management.",
    ),
    (
        "Omar Said",
        "Chief Financial Officer",
        "2026-09-08",
        "",
        "Profitable growth that funds our own investment.",
        "",
        "Shift the revenue mix to recurring contracts; margins must reach 18%.",
        "Priced above offshore rivals; clients stay for quality.",
        "Contract management, pricing.",
    ),
    (
        "Lena Fischer",
        "Head of Delivery",
        "2026-09-09",
        "",
        "",
        "Ownership.",
        "Deliver faster with fewer escalations; automate the routine.",
        "Our delivery time is a week slower than the best competitor.",
        "Automation, ITIL practice, certified engineers.",
    ),
    (
        "Raj Mehta",
        "Head of People",
        "2026-09-10",
        "",
        "",
        "Learning every week.",
        "Certify every engineer on the main cloud platforms; keep the knowledge when people leave.",
        "Attrition of 14% costs us client knowledge.",
        "Training, knowledge management.",
    ),
]

# title, perspective, theme, owner, [interview indexes], description
OBJECTIVES = [
    (
        "Grow revenue by 25%",
        "financial",
        "Recurring growth",
        "Omar Said",
        [1],
        "Total revenue growth over two years, driven by managed-service contracts.",
    ),
    ("Improve profit margin to 18%", "financial", "Operational excellence", "Omar Said", [1], ""),
    ("Increase the share of recurring revenue", "financial", "Recurring growth", "Omar Said", [0, 1], ""),
    ("Raise client satisfaction above 90%", "customer", "Client intimacy", "Helen Park", [0], ""),
    ("Grow contract renewal to 85%", "customer", "Recurring growth", "Helen Park", [0, 1], ""),
    ("Win more work from existing clients", "customer", "Client intimacy", "Helen Park", [0], ""),
    ("Reduce project delivery time by 30%", "internal", "Operational excellence", "Lena Fischer", [2], ""),
    ("Achieve 99% quality on first delivery", "internal", "Operational excellence", "Lena Fischer", [2], ""),
    ("Automate routine service operations", "internal", "Operational excellence", "Lena Fischer", [2], ""),
    ("Run quarterly service reviews with every client", "internal", "Client intimacy", "Helen Park", [0], ""),
    ("Develop a technical certification programme", "learning", "Operational excellence", "Raj Mehta", [3], ""),
    ("Implement a knowledge management system", "learning", "Operational excellence", "Raj Mehta", [3], ""),
    ("Retain our experienced engineers", "learning", "Client intimacy", "Raj Mehta", [3], ""),
    ("Build an account management capability", "learning", "Recurring growth", "Helen Park", [0], ""),
    (
        "Expand into cybersecurity consulting",
        "customer",
        "Recurring growth",
        "Helen Park",
        [0],
        "Dropped in workshop 1: outside the core strategy for now.",
    ),
]

LINKS = [  # cause index → effect index, hypothesis
    (10, 7, "Certified engineers make fewer delivery errors."),
    (10, 6, "Certified engineers deliver faster."),
    (11, 6, "Reusing known solutions shortens delivery."),
    (11, 8, "Documented runbooks are what we automate."),
    (12, 7, "Experienced engineers know our clients' systems."),
    (13, 9, "Account managers own the service reviews."),
    (6, 3, "Faster delivery pleases clients."),
    (7, 3, "Right-first-time delivery pleases clients."),
    (9, 5, "Reviews surface new needs we can serve."),
    (8, 1, "Automation lowers the cost to serve."),
    (3, 4, "Satisfied clients renew."),
    (4, 2, "Renewals are recurring revenue."),
    (5, 0, "More work from clients is more revenue."),
    (2, 0, "Recurring contracts compound growth."),
    (4, 1, "Renewals cost less to win than new business."),
]

# levels (a rate at a moment) unless named here: an amount over the period adds up to the year
FLOWS = ("Revenue from existing clients",)

# objective index, name, unit, kind, frequency, direction, baseline, target, green, red, source, owner
MEASURES = [
    (0, "Revenue growth, year on year", "%", "lag", "quarterly", "higher", 8, 25, 20, 10, "ERP general ledger", "Omar Said"),
    (1, "Operating margin", "%", "lag", "monthly", "higher", 12, 18, 17, 15, "ERP general ledger", "Omar Said"),
    (2, "Recurring revenue share", "%", "lag", "quarterly", "higher", 35, 60, 55, 40, "Contract register", "Omar Said"),
    (3, "Client satisfaction score", "%", "lag", "quarterly", "higher", 78, 90, 88, 80, "Client survey", "Helen Park"),
    (4, "Contract renewal rate", "%", "lag", "quarterly", "higher", 70, 85, 82, 72, "CRM", "Helen Park"),
    (5, "Revenue from existing clients", "EUR k", "lag", "quarterly", "higher", 4200, 5600, 5200, 4400, "ERP", "Helen Park"),
    (6, "Average delivery time", "days", "lag", "monthly", "lower", 42, 29, 32, 38, "Project tool", "Lena Fischer"),
    (7, "First-time-right deliveries", "%", "lag", "monthly", "higher", 93, 99, 98, 95, "Service desk", "Lena Fischer"),
    (8, "Share of tickets resolved automatically", "%", "lead", "monthly", "higher", 12, 40, 35, 20, "Service desk", "Lena Fischer"),
    (9, "Clients with a quarterly review held", "%", "lead", "quarterly", "higher", 30, 100, 90, 60, "CRM", "Helen Park"),
    (10, "Engineers certified", "%", "lead", "monthly", "higher", 45, 90, 80, 55, "HR system", "Raj Mehta"),
    (11, "Knowledge articles reused per month", "count", "lead", "monthly", "higher", 40, 250, 240, 190, "Wiki statistics", "Raj Mehta"),
    (12, "Engineer attrition", "%", "lag", "quarterly", "lower", 14, 8, 9, 12, "HR system", "Raj Mehta"),
    (13, "Accounts with a named account manager", "%", "lead", "quarterly", "higher", 20, 100, 90, 50, "CRM", "Helen Park"),
]

INITIATIVES = [  # name, objective indexes, owner, start, deadline, budget, status
    ("Cloud certification academy", [10, 7], "Raj Mehta", "2027-01-11", "2027-12-17", 180000, "approved"),
    ("Knowledge base roll-out", [11, 6], "Raj Mehta", "2027-01-04", "2027-06-30", 65000, "approved"),
    ("Service automation programme", [8, 1], "Lena Fischer", "2027-02-01", "2027-11-30", 240000, "approved"),
    ("Key account management launch", [13, 9, 5], "Helen Park", "2027-01-18", "2027-05-28", 90000, "proposed"),
    ("Renewal early-warning dashboard", [4], "Omar Said", "2027-03-01", "2027-04-30", 30000, "proposed"),
]

INITIATIVE_DESCRIPTIONS = {
    "Cloud certification academy": "Every engineer certified on the two main cloud platforms, with study time, exam fees and a mentor per cohort.",
    "Knowledge base roll-out": "One searchable knowledge base for runbooks and fixes, written once by whoever solves a problem first.",
    "Service automation programme": "Automate the twenty most frequent service requests, starting with access, backups and patching.",
    "Key account management launch": "A named account manager and a quarterly review for each of the forty largest clients.",
    "Renewal early-warning dashboard": "A monthly view of contracts due for renewal in the next six months, with their health signals.",
}


def create_demo(db: Database, *, units: bool = True) -> int:
    """A complete technology-services workshop; returns its id. With `units`, two lower units are
    cascaded from it (demo_cascade.py); a template copy of the demo leaves them out."""
    with store.write(db):
        wid = workshops.create_workshop(
            db,
            "Atlas Digital",
            "Managed Cloud Services",
            sector="for-profit",
            facilitator="Sam Rivera",
            currency="EUR",
            unit_description="Runs and evolves the cloud estates of 140 mid-sized clients; 320 staff in three delivery centres.",
            financial_goals="Revenue growth of 25% over two years at an operating margin of 18%.",
            mission="Keep our clients' systems running and moving forward.",
            vision="By 2029, the partner mid-sized firms trust with their whole digital estate.",
            values_statement="Candour · Craft · Ownership · Learning every week",
            core_strategy="customer intimacy",
            strategy_summary="Shift from one-off projects to long-term managed-service relationships, "
            "won by reliable delivery and close account management.",
        )
        for name, need in [
            ("Information security", "ISO 27001 certification kept in every unit."),
            ("Employee policy", "Group-wide engagement survey and career framework."),
            ("Price competitiveness", "Rates within 10% of the group's price book."),
        ]:
            architecture.add_head_office_theme(db, wid, name, need)
        architecture.add_sister_unit(db, wid, "Atlas Consulting", "Sells the projects whose systems we then run.")
        architecture.add_sister_unit(db, wid, "Atlas Software", "Builds the automation tools we use.")
        interview_ids = [
            interviews.record_interview(
                db,
                wid,
                name,
                role=role,
                held_on=date,
                mission=mission,
                vision=vision,
                values_statement=values,
                strategy=strategy,
                competitive_position=position,
                competencies=competencies,
            )
            for name, role, date, mission, vision, values, strategy, position, competencies in INTERVIEWS
        ]
        theme_ids = {
            name: objectives.add_theme(db, wid, name, description)
            for name, description in [
                ("Recurring growth", "Grow through long-term service contracts."),
                ("Operational excellence", "Deliver right first time, faster, at lower cost."),
                ("Client intimacy", "Know each client well enough to anticipate needs."),
            ]
        }
        by_key = {p["key"]: p["id"] for p in workshops.perspectives(db, wid)}
        objective_ids = [
            objectives.add_objective(
                db,
                wid,
                title,
                by_key[key],
                theme_id=theme_ids[theme],
                owner=owner,
                description=description,
                sources=[interview_ids[i] for i in sources],
            )
            for title, key, theme, owner, sources, description in OBJECTIVES
        ]
        phases.move_to(db, wid, Phase.CONSENSUS)
        executives = demo_votes.record_workshop_one(db, wid, objective_ids)
        for n, objective_id in enumerate(objective_ids[:-1]):
            decisions.decide_objective(
                db, objective_id, "agreed", "Consensus after a re-vote." if n == demo_votes.CONTESTED else "Consensus in the first round."
            )
        decisions.decide_objective(db, objective_ids[-1], "dropped", "Blocked in the vote: outside the core strategy for the next two years.")
        for cause, effect, hypothesis in LINKS:
            objectives.add_link(db, objective_ids[cause], objective_ids[effect], hypothesis)
        phases.move_to(db, wid, Phase.MEASURES)  # workshop 2: measures, voted on and decided
        measure_ids = []
        for i, name, unit, kind, frequency, direction, baseline, target, green, red, source, owner in MEASURES:
            measure_ids.append(
                measures.add_measure(
                    db,
                    objective_ids[i],
                    name,
                    unit=unit,
                    kind=kind,
                    frequency=frequency,
                    direction=direction,
                    nature="flow" if name in FLOWS else "level",
                    baseline=baseline,
                    target=target,
                    target_date="2028-12-31",
                    green=green,
                    red=red,
                    data_source=source,
                    owner=owner,
                    definition=f"{name}, as reported from {source}.",
                    data_collection=f"Monthly extract from {source} by the PMO.",
                )
            )
        everyone = demo_votes.record_workshop_two(db, wid, measure_ids, executives)
        initiative_ids = [
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
                description=INITIATIVE_DESCRIPTIONS[name],
            )
            for name, served, owner, start, deadline, budget, status in INITIATIVES
        ]
        demo_votes.record_workshop_three(db, wid, initiative_ids, everyone)
        plan.add_cascade_unit(
            db, wid, "Service Desk", owner="Lena Fischer", due="2027-03-31", approach="Team scorecard built from the internal-process objectives."
        )
        plan.add_cascade_unit(
            db, wid, "Account Management", owner="Helen Park", due="2027-04-30", approach="Team scorecard built from the customer objectives."
        )
        phases.move_to(db, wid, Phase.PLAN)
        demo_actuals.record_actuals(db, wid)
        demo_actuals.hold_review(db, wid)
        if units:
            demo_cascade.create_units(db, wid)
    return wid
