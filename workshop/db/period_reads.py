"""Each measure's periods across the horizon, read whole: the plan (phased, or as edited), the
actual, the owner's comment, the status against the period's plan, the year to date and the previous
period. The actuals page, the `status` and `actuals` commands, the workbook, the PDF and the deck all
read periods from here, so a status reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from workshop.core.model import Measure, Scorecard
from workshop.core.periods import Period, horizon, periods, planned_values, year_rule
from workshop.core.targets import NUMERIC_TYPES, Bands, Target, judge
from workshop.db import store


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    planned: float | None  # the value planned for the period (phased unless edited)
    planned_edited: bool  # True when someone typed the plan rather than taking the phasing
    actual: float | None
    actual_text: str  # a rating reached or a milestone's state
    comment: str
    status: str  # on target / watch / off target / no data
    ytd_actual: float | None = None
    ytd_planned: float | None = None

    @property
    def has_actual(self) -> bool:
        return self.actual is not None or bool(self.actual_text)


@dataclass(frozen=True)
class Track:
    """One measure over the horizon."""

    measure: Measure
    rows: list[PeriodRow] = field(default_factory=list)
    locked: frozenset[str] = frozenset()  # keys of the periods a review has locked

    def latest(self) -> PeriodRow | None:
        """The last period with an actual."""
        return next((r for r in reversed(self.rows) if r.has_actual), None)

    def previous(self, row: PeriodRow) -> PeriodRow | None:
        """The period with an actual before `row`."""
        index = self.rows.index(row)
        return next((r for r in reversed(self.rows[:index]) if r.has_actual), None)

    def row(self, key: str) -> PeriodRow | None:
        return next((r for r in self.rows if r.period.key == key), None)

    def needs_comment(self) -> list[PeriodRow]:
        """Periods off target without the owner's comment."""
        return [r for r in self.rows if r.status == "off target" and not r.comment.strip()]


def reporting_start(card_or_workshop: Scorecard | dict, today: dt.date | None = None) -> dt.date:
    """The first reporting month: as set on the workshop, else the month after today."""
    workshop = card_or_workshop.workshop if isinstance(card_or_workshop, Scorecard) else card_or_workshop
    if workshop.get("reporting_start"):
        return dt.date.fromisoformat(workshop["reporting_start"])
    today = today or dt.date.today()
    return dt.date(today.year + (today.month == 12), today.month % 12 + 1, 1)


def span(card: Scorecard, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The horizon: from the first reporting month to the furthest target date."""
    return horizon(reporting_start(card, today), [m.target_date for m in card.measures])


def measure_periods(card: Scorecard, measure: Measure, today: dt.date | None = None) -> list[Period]:
    start, end = span(card, today)
    return periods(measure.frequency, start, end, int(card.workshop.get("year_start_month") or 1))


def _stored(db: Database, workshop_id: int) -> dict[int, dict[str, dict]]:
    found: dict[int, dict[str, dict]] = {}
    for r in store.rows(
        db,
        """SELECT mp.* FROM measure_period mp JOIN measure m ON m.id = mp.measure_id
        JOIN objective o ON o.id = m.objective_id WHERE o.workshop_id = ?""",
        [workshop_id],
    ):
        found.setdefault(r["measure_id"], {})[r["starts"]] = r
    return found


def locks(db: Database, workshop_id: int) -> list[tuple[dt.date, dt.date]]:
    return [
        (dt.date.fromisoformat(r["starts"]), dt.date.fromisoformat(r["ends"]))
        for r in store.rows(db, "SELECT starts, ends FROM period_lock WHERE workshop_id = ? ORDER BY starts", [workshop_id])
    ]


def is_locked(period: Period, locked: list[tuple[dt.date, dt.date]]) -> bool:
    return any(period.starts <= ends and period.ends >= starts for starts, ends in locked)


def track(card: Scorecard, measure: Measure, stored: dict[str, dict], locked: list[tuple[dt.date, dt.date]], today: dt.date | None = None) -> Track:
    spans = measure_periods(card, measure, today)
    goal = measure.goal
    numeric = goal.type in NUMERIC_TYPES
    phased = planned_values(
        spans,
        nature=measure.nature,
        baseline=measure.baseline,
        target=goal.value if goal.type != "range" else None,
        target_date=measure.target_date,
        frequency=measure.frequency,
    )
    rule = year_rule(measure.nature, measure.year_rule)
    rows: list[PeriodRow] = []
    today = today or dt.date.today()
    for period, plan in zip(spans, phased, strict=True):
        saved = stored.get(period.starts.isoformat(), {})
        planned = saved.get("planned") if saved.get("planned") is not None else plan
        actual, text = saved.get("actual"), saved.get("actual_text") or ""
        aim = planned if numeric and goal.type != "range" else None
        status = judge(goal, actual, text, plan=aim, bands=_bands(measure, goal, planned), today=min(today, period.ends))
        rows.append(PeriodRow(period, planned, saved.get("planned") is not None, actual, text, saved.get("comment") or "", status))
    rows = _with_ytds(rows, rule) if numeric else rows
    return Track(measure, rows, frozenset(r.period.key for r in rows if is_locked(r.period, locked)))


def _bands(measure: Measure, goal: Target, planned: float | None) -> Bands:
    """The thresholds moved with the plan: a level keeps its distance from the target, a flow its share."""
    from_target = measure.bands()
    target = goal.value
    if planned is None or target in (None, 0) or goal.type not in ("at_least", "at_most"):
        return from_target
    if measure.nature == "flow":
        scale = planned / target
        return Bands(
            green=None if from_target.green is None else from_target.green * scale,
            red=None if from_target.red is None else from_target.red * scale,
        )
    shift = planned - target
    return Bands(
        green=None if from_target.green is None else from_target.green + shift,
        red=None if from_target.red is None else from_target.red + shift,
    )


def _with_ytds(rows: list[PeriodRow], rule: str) -> list[PeriodRow]:
    """Each reported period with the year to date of the actuals and of the plan (as
    `core.periods.year_to_date` computes them), in one pass over the periods in order."""
    out: list[PeriodRow] = []
    year = None
    actuals: list[float] = []
    plans: list[float] = []
    for row in rows:
        fiscal = row.period.fiscal_year
        if fiscal != year:
            year, actuals, plans = fiscal, [], []
        if row.planned is not None:
            plans.append(row.planned)
        if row.actual is None:
            out.append(row)
            continue
        actuals.append(row.actual)
        out.append(replace(row, ytd_actual=_so_far(actuals, rule), ytd_planned=_so_far(plans, rule)))
    return out


def _so_far(figures: list[float], rule: str) -> float | None:
    if not figures:
        return None
    if rule == "sum":
        return sum(figures)
    if rule == "average":
        return sum(figures) / len(figures)
    return figures[-1]


def tracks(db: Database, card: Scorecard, today: dt.date | None = None) -> list[Track]:
    """Every measure of the scorecard with a stated frequency, over the horizon, in the scorecard's order."""
    workshop_id = card.workshop["id"]
    stored, locked = _stored(db, workshop_id), locks(db, workshop_id)
    return [track(card, m, stored.get(m.id, {}), locked, today) for m in card.measures if m.frequency]


def initiative_periods(db: Database, workshop_id: int) -> dict[int, list[dict]]:
    """Each initiative's stored periods (planned spend, spend, comment), oldest first."""
    found: dict[int, list[dict]] = {}
    for r in store.rows(
        db,
        """SELECT ip.* FROM initiative_period ip JOIN initiative i ON i.id = ip.initiative_id
        WHERE i.workshop_id = ? ORDER BY ip.initiative_id, ip.starts""",
        [workshop_id],
    ):
        found.setdefault(r["initiative_id"], []).append(r)
    return found


def initiative_spend(db: Database, workshop_id: int) -> dict[int, dict]:
    """Each initiative's spend: {initiative id: {"spend_to_date": amount or None, "periods": [its
    initiative_period rows, oldest first]}}, for every initiative of the workshop."""
    periods_of = initiative_periods(db, workshop_id)
    return {
        r["id"]: {"spend_to_date": r["spend_to_date"], "periods": periods_of.get(r["id"], [])}
        for r in store.rows(db, "SELECT id, spend_to_date FROM initiative WHERE workshop_id = ?", [workshop_id])
    }
