"""Every text field the services accept, each as one way to write a text into a demo workshop.

An entry is (label, the field's rules, write) where write(db, ctx, text) stores `text` through the
service and returns (table, row id, column) of where it went. A new text field is one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from helpers import built_once, memory_copy
from hostile_corpus import LONG, NAME, OPTIONAL_NAME, Kind
from sqlite_utils import Database

from workshop.db import store
from workshop.method import architecture, decisions, interviews, measures, objectives, plan, workshops
from workshop.room import discussion, joining
from workshop.starters import demo

CURRENCY = Kind(8, False, True)
COMMENT = Kind(5000, True, True)
HYPOTHESIS = Kind(500, False, False)
MEASURE_UNIT = Kind(40, False, False)
DATA_SOURCE = Kind(500, True, False)
_unique = count(1)


@dataclass
class DemoContext:
    workshop_id: int
    perspective_id: int
    interview_id: int
    objective_id: int
    measure_id: int
    initiative_id: int
    cause_id: int
    effect_id: int
    participant_token: str


def demo_context() -> tuple[Database, DemoContext]:
    """A fresh in-memory copy of the demo workshop with two unlinked objectives a causal link can
    join, and where its rows are (the template is built once per test process)."""
    template, context = built_once("hostile-demo-context", _build_context)
    return memory_copy(template), context


def _build_context(db) -> DemoContext:
    wid = demo.create_demo(db)
    first = lambda sql: store.one(db, sql, [wid])["id"]
    perspective = first("SELECT id FROM perspective WHERE workshop_id = ? ORDER BY id")
    cause = objectives.add_objective(db, wid, "Spare cause", perspective)
    effect = objectives.add_objective(db, wid, "Spare effect", perspective)
    return DemoContext(
        workshop_id=wid,
        perspective_id=perspective,
        interview_id=first("SELECT id FROM interview WHERE workshop_id = ? ORDER BY id"),
        objective_id=first("SELECT id FROM objective WHERE workshop_id = ? ORDER BY id"),
        measure_id=first("SELECT m.id FROM measure m JOIN objective o ON o.id = m.objective_id WHERE o.workshop_id = ? ORDER BY m.id"),
        initiative_id=first("SELECT id FROM initiative WHERE workshop_id = ? ORDER BY id"),
        cause_id=cause,
        effect_id=effect,
        participant_token=joining.join(db, joining.join_code(db, wid), "Plain person")["token"],
    )


def _workshop(column: str) -> Callable:
    def write(db, ctx, text):
        workshops.update_workshop(db, ctx.workshop_id, **{column: text})
        return "workshop", ctx.workshop_id, column

    return write


def _update(table: str, update: Callable, attr: str, column: str) -> Callable:
    def write(db, ctx, text):
        row_id = getattr(ctx, attr)
        update(db, row_id, **{column: text})
        return table, row_id, column

    return write


def _add(table: str, add: Callable, column: str, name_column: str | None = None) -> Callable:
    """Add a row with `text` in `column` (and a fresh, plain name when the name is another column)."""

    def write(db, ctx, text):
        values = {column: text}
        if name_column:
            values[name_column] = f"Plain name {next(_unique)}"
        return table, add(db, ctx, **values), column

    return write


def _participant(db, ctx) -> dict:
    return joining.participant_by_token(db, ctx.participant_token)


SERVICE_FIELDS: list[tuple[str, Kind, Callable]] = [
    ("organisation", NAME, _workshop("organisation")),
    ("unit", NAME, _workshop("unit")),
    ("facilitator", OPTIONAL_NAME, _workshop("facilitator")),
    ("currency", CURRENCY, _workshop("currency")),
    *[
        (column, LONG, _workshop(column))
        for column in (
            "unit_description",
            "financial_goals",
            "mission",
            "vision",
            "values_statement",
            "strategy_summary",
            "review_kpis",
            "review_initiatives",
            "review_strategy",
        )
    ],
    (
        "perspective name",
        NAME,
        lambda db, ctx, text: (workshops.rename_perspective(db, ctx.perspective_id, text), ("perspective", ctx.perspective_id, "name"))[1],
    ),
    (
        "head-office theme",
        NAME,
        _add(
            "head_office_theme",
            lambda db, ctx, **v: architecture.add_head_office_theme(db, ctx.workshop_id, v["name"], v.get("requirement", "")),
            "name",
        ),
    ),
    (
        "head-office requirement",
        LONG,
        _add(
            "head_office_theme",
            lambda db, ctx, **v: architecture.add_head_office_theme(db, ctx.workshop_id, v["name"], v["requirement"]),
            "requirement",
            "name",
        ),
    ),
    (
        "sister unit",
        NAME,
        _add("sister_unit", lambda db, ctx, **v: architecture.add_sister_unit(db, ctx.workshop_id, v["name"], v.get("relationship", "")), "name"),
    ),
    (
        "sister relationship",
        LONG,
        _add(
            "sister_unit",
            lambda db, ctx, **v: architecture.add_sister_unit(db, ctx.workshop_id, v["name"], v["relationship"]),
            "relationship",
            "name",
        ),
    ),
    ("theme name", NAME, _add("theme", lambda db, ctx, **v: objectives.add_theme(db, ctx.workshop_id, v["name"], v.get("description", "")), "name")),
    (
        "theme description",
        LONG,
        _add("theme", lambda db, ctx, **v: objectives.add_theme(db, ctx.workshop_id, v["name"], v["description"]), "description", "name"),
    ),
    ("interview executive", NAME, _update("interview", interviews.update_interview, "interview_id", "executive")),
    ("interview role", OPTIONAL_NAME, _update("interview", interviews.update_interview, "interview_id", "role")),
    *[(f"interview {topic}", LONG, _update("interview", interviews.update_interview, "interview_id", topic)) for topic in interviews.TOPIC_LABELS],
    ("objective title", NAME, _update("objective", objectives.update_objective, "objective_id", "title")),
    ("objective description", LONG, _update("objective", objectives.update_objective, "objective_id", "description")),
    ("objective owner", OPTIONAL_NAME, _update("objective", objectives.update_objective, "objective_id", "owner")),
    ("objective proposed by", OPTIONAL_NAME, _update("objective", objectives.update_objective, "objective_id", "proposed_by")),
    (
        "causal hypothesis",
        HYPOTHESIS,
        _add("causal_link", lambda db, ctx, **v: objectives.add_link(db, ctx.cause_id, ctx.effect_id, v["hypothesis"]), "hypothesis"),
    ),
    (
        "decision rationale",
        LONG,
        _add(
            "decision", lambda db, ctx, **v: decisions.record_decision(db, ctx.workshop_id, "A plain subject", "noted", v["rationale"]), "rationale"
        ),
    ),
    ("measure name", NAME, _update("measure", measures.update_measure, "measure_id", "name")),
    ("measure definition", LONG, _update("measure", measures.update_measure, "measure_id", "definition")),
    ("measure unit", MEASURE_UNIT, _update("measure", measures.update_measure, "measure_id", "unit")),
    ("measure data source", DATA_SOURCE, _update("measure", measures.update_measure, "measure_id", "data_source")),
    ("measure data collection", LONG, _update("measure", measures.update_measure, "measure_id", "data_collection")),
    ("measure owner", OPTIONAL_NAME, _update("measure", measures.update_measure, "measure_id", "owner")),
    ("initiative name", NAME, _update("initiative", plan.update_initiative, "initiative_id", "name")),
    ("initiative description", LONG, _update("initiative", plan.update_initiative, "initiative_id", "description")),
    ("initiative owner", OPTIONAL_NAME, _update("initiative", plan.update_initiative, "initiative_id", "owner")),
    # the participant's doors: joining, commenting, proposing an objective
    ("participant name", NAME, lambda db, ctx, text: ("participant", joining.join(db, joining.join_code(db, ctx.workshop_id), text)["id"], "name")),
    (
        "comment",
        COMMENT,
        lambda db, ctx, text: ("comment", discussion.add_comment(db, ctx.workshop_id, "Plain author", text, objective_id=ctx.objective_id), "body"),
    ),
    (
        "comment author",
        NAME,
        lambda db, ctx, text: (
            "comment",
            discussion.add_comment(db, ctx.workshop_id, text, "A plain comment", objective_id=ctx.objective_id),
            "author",
        ),
    ),
    (
        "proposed objective",
        NAME,
        lambda db, ctx, text: ("objective", discussion.propose_objective(db, _participant(db, ctx), text, ctx.perspective_id), "title"),
    ),
    (
        "proposal's reason",
        LONG,
        lambda db, ctx, text: (
            "objective",
            discussion.propose_objective(db, _participant(db, ctx), f"Plain proposal {next(_unique)}", ctx.perspective_id, text),
            "description",
        ),
    ),
    ("cascade unit", NAME, _add("cascade_unit", lambda db, ctx, **v: plan.add_cascade_unit(db, ctx.workshop_id, v["unit"]), "unit")),
    (
        "cascade approach",
        LONG,
        _add("cascade_unit", lambda db, ctx, **v: plan.add_cascade_unit(db, ctx.workshop_id, v["unit"], approach=v["approach"]), "approach", "unit"),
    ),
]
