"""Read one workshop whole into a `Scorecard`, the plain object rules, checks and reports use."""

from __future__ import annotations

from dataclasses import fields

from sqlite_utils import Database

from workshop.core.model import (
    CausalLink,
    Decision,
    Initiative,
    Interview,
    Measure,
    Objective,
    Perspective,
    Scorecard,
    Theme,
)
from workshop.db import cascade_reads, round_reads, store


def _build(cls, row: dict, **extra):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in row.items() if k in names}, **extra)


def _objectives(db: Database, workshop_id: int) -> list[Objective]:
    q = lambda sql: store.rows(db, sql, [workshop_id])
    sources: dict[int, list[int]] = {}
    for row in q("""SELECT s.* FROM objective_source s JOIN objective o ON o.id = s.objective_id
                    WHERE o.workshop_id = ? ORDER BY s.interview_id"""):
        sources.setdefault(row["objective_id"], []).append(row["interview_id"])
    other_themes: dict[int, list[int]] = {}
    for row in q("""SELECT ot.* FROM objective_theme ot JOIN objective o ON o.id = ot.objective_id
                    JOIN theme t ON t.id = ot.theme_id
                    WHERE o.workshop_id = ? ORDER BY ot.objective_id, t.id"""):
        other_themes.setdefault(row["objective_id"], []).append(row["theme_id"])
    serves = cascade_reads.contributions(db, workshop_id)
    return [
        _build(
            Objective,
            {**r, "all_themes": bool(r.get("all_themes"))},
            sources=tuple(sources.get(r["id"], ())),
            other_theme_ids=tuple(other_themes.get(r["id"], ())),
            contributes_to=tuple(serves.get(r["id"], ())),
        )
        for r in q(
            """SELECT o.* FROM objective o JOIN perspective p ON p.id = o.perspective_id
           WHERE o.workshop_id = ? ORDER BY p.position, o.id"""
        )
    ]


def _perspectives(db: Database, workshop_id: int) -> list[Perspective]:
    return [_build(Perspective, r) for r in store.rows(db, "SELECT * FROM perspective WHERE workshop_id = ? ORDER BY position", [workshop_id])]


def _measures(db: Database, workshop_id: int) -> list[Measure]:
    return [
        _build(Measure, r)
        for r in store.rows(
            db,
            """
        SELECT m.* FROM measure m JOIN objective o ON o.id = m.objective_id
        WHERE o.workshop_id = ? ORDER BY m.objective_id, m.id""",
            [workshop_id],
        )
    ]


def _cascade(db: Database, workshop_id: int) -> dict:
    """The Scorecard's cascade fields: the parent's context for a lower unit, the units below."""
    parent = cascade_reads.parent(db, workshop_id)
    found: dict = {"parent": parent, "units": cascade_reads.units(db, workshop_id), "served_by": cascade_reads.served_by(db, workshop_id)}
    if parent is not None:
        found.update(
            parent_perspectives=_perspectives(db, parent["id"]),
            parent_objectives=_objectives(db, parent["id"]),
            parent_measures=_measures(db, parent["id"]),
            expected=cascade_reads.expected(db, workshop_id),
        )
    return found


def load(db: Database, workshop_id: int) -> Scorecard:
    workshop = store.get(db, "workshop", workshop_id, "workshop")
    q = lambda sql: store.rows(db, sql, [workshop_id])
    served: dict[int, list[int]] = {}
    for row in q("""SELECT io.* FROM initiative_objective io JOIN initiative i ON i.id = io.initiative_id
                    WHERE i.workshop_id = ? ORDER BY io.objective_id"""):
        served.setdefault(row["initiative_id"], []).append(row["objective_id"])
    return Scorecard(
        workshop=workshop,
        perspectives=_perspectives(db, workshop_id),
        themes=[_build(Theme, r) for r in q("SELECT * FROM theme WHERE workshop_id = ? ORDER BY id")],
        head_office_themes=q("SELECT * FROM head_office_theme WHERE workshop_id = ? ORDER BY id"),
        sister_units=q("SELECT * FROM sister_unit WHERE workshop_id = ? ORDER BY id"),
        interviews=[_build(Interview, r) for r in q("SELECT * FROM interview WHERE workshop_id = ? ORDER BY id")],
        objectives=_objectives(db, workshop_id),
        links=[_build(CausalLink, r) for r in q("SELECT * FROM causal_link WHERE workshop_id = ? ORDER BY id")],
        measures=_measures(db, workshop_id),
        initiatives=[
            _build(Initiative, r, objective_ids=tuple(served.get(r["id"], ())))
            for r in q("SELECT * FROM initiative WHERE workshop_id = ? ORDER BY id")
        ],
        cascade=q("SELECT * FROM cascade_unit WHERE workshop_id = ? ORDER BY due, id"),
        decisions=[_build(Decision, r) for r in q("SELECT * FROM decision WHERE workshop_id = ? ORDER BY id")],
        participants=q("SELECT id, name, joined_at, removed_at FROM participant WHERE workshop_id = ? AND kind = 'device' ORDER BY id"),
        comments=q("SELECT * FROM comment WHERE workshop_id = ? ORDER BY id"),
        acknowledgements=q("SELECT * FROM finding_acknowledgement WHERE workshop_id = ? ORDER BY id"),
        sent_back=round_reads.sent_back(db, workshop_id),
        **_cascade(db, workshop_id),
    )
