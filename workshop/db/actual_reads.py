"""Each measure's latest period, its plan, actual and status, and its trend from the period before:
what the `status` command prints, the scorecard in the app shows and the PDF and the deck put in
their "latest period" column. Read from `period_reads`, so a status reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from workshop.core.model import Measure, Scorecard
from workshop.core.periods import Period, frequency_named, period_of, read_period
from workshop.core.targets import MILESTONE_STATES, NUMERIC_TYPES, STATUSES, target_text
from workshop.db import period_reads, store
from workshop.db.period_reads import PeriodRow, Track

_RANK = {"on target": 0, "watch": 1, "off target": 2}
ARROWS = {"better": "↑", "worse": "↓", "steady": "→"}


@dataclass(frozen=True)
class Latest:
    objective: str
    measure: Measure
    period: Period | None  # None: the measure's frequency is not stated, or no period to show
    row: PeriodRow | None
    previous: PeriodRow | None
    trend: str  # better / worse / steady, or "" with nothing to compare

    @property
    def status(self) -> str:
        return self.row.status if self.row is not None else "no data"

    @property
    def arrow(self) -> str:
        return ARROWS.get(self.trend, "")

    @property
    def period_text(self) -> str:
        if not self.measure.frequency:
            return "frequency not stated"
        return self.period.label() if self.period is not None else "—"

    def plan_text(self) -> str:
        goal = self.measure.goal
        if goal.type not in NUMERIC_TYPES or goal.type == "range":
            return target_text(goal, self.measure.unit, dates=False) or "—"
        return figure(self.row.planned if self.row else None, self.measure.unit, places=2)

    def actual_text(self) -> str:
        return value_text(self.row, self.measure.unit)

    def previous_text(self) -> str:
        return value_text(self.previous, self.measure.unit)

    def trend_text(self) -> str:
        """ "41 → 43.8 ↑ better", or "" with nothing before it."""
        if not self.trend or self.previous is None:
            return ""
        return f"{self.previous_text()} → {self.actual_text()} {ARROWS[self.trend]} {self.trend}"


def figure(value: float | None, unit: str = "", *, places: int | None = None) -> str:
    """A figure as entered (no rounding, no exponent), or rounded to `places` for a computed plan."""
    if value is None:
        return "—"
    number = round(value, places) if places is not None else value
    text = f"{number:,.6f}".rstrip("0").rstrip(".")
    unit = (unit or "").strip()
    return f"{text}{'%' if unit == '%' else f' {unit}' if unit else ''}"


def value_text(row: PeriodRow | None, unit: str) -> str:
    if row is None or not row.has_actual:
        return "—"
    return row.actual_text if row.actual_text else figure(row.actual, unit)


def trend(measure: Measure, before: PeriodRow | None, now: PeriodRow | None) -> str:
    """better / worse / steady from one reported period to the next: by status first, then by the
    value in the direction that is better (a rating's level, a milestone's state)."""
    if before is None or now is None or not before.has_actual or not now.has_actual:
        return ""
    a, b = _RANK.get(before.status), _RANK.get(now.status)
    if a is not None and b is not None and a != b:
        return "better" if b < a else "worse"
    change = _change(measure, before, now)
    return "steady" if change == 0 else "better" if change > 0 else "worse"


def _change(measure: Measure, before: PeriodRow, now: PeriodRow) -> float:
    goal = measure.goal
    if goal.type == "rating":
        levels = [s.casefold() for s in goal.scale]
        first, second = before.actual_text.casefold(), now.actual_text.casefold()
        return levels.index(first) - levels.index(second) if first in levels and second in levels else 0
    if goal.type == "milestone":
        order = list(reversed(MILESTONE_STATES))  # not started … done
        first, second = before.actual_text, now.actual_text
        return order.index(second) - order.index(first) if first in order and second in order else 0
    if before.actual is None or now.actual is None:
        return 0
    if goal.type in ("exactly", "range"):
        aim = goal.value if goal.type == "exactly" else ((goal.low or 0) + (goal.high or 0)) / 2
        return abs(before.actual - (aim or 0)) - abs(now.actual - (aim or 0))
    sign = -1 if (goal.direction or measure.direction) == "lower" else 1
    return sign * (now.actual - before.actual)


def anchor(text: str, year_start_month: int = 1) -> Period:
    """The period someone asked for ("Q4 2027", "Dec 2027", "2027"), read by how it is typed."""
    return read_period(text, frequency_named(text) or "monthly", year_start_month)


def latest(
    db: Database, card: Scorecard, *, period: str | None = None, today: dt.date | None = None, tracks: list[Track] | None = None
) -> list[Latest]:
    """One line per measure in the scorecard's order: its latest period with an actual, or with
    `period`, its period that ends within or holds the end of the period asked for. A measure with no
    actual yet shows the period that holds the last day reported across the scorecard, with no data."""
    tracks = tracks if tracks is not None else period_reads.tracks(db, card, today)
    by_measure = {t.measure.id: t for t in tracks}
    year_start = int(card.workshop.get("year_start_month") or 1)
    asked = anchor(period, year_start) if period else None
    last_day = max((row.period.ends for t in tracks if (row := t.latest()) is not None), default=None)
    titles = {o.id: o.title for o in card.objectives}
    lines = []
    for measure in card.measures:
        track = by_measure.get(measure.id)
        line = _line(track, asked.ends if asked else None, last_day, year_start) if track else (None, None, None)
        shown, row, before = line
        lines.append(Latest(titles.get(measure.objective_id, ""), measure, shown, row, before, trend(measure, before, row)))
    return lines


def _line(track: Track, day: dt.date | None, last_day: dt.date | None, year_start: int) -> tuple[Period | None, PeriodRow | None, PeriodRow | None]:
    row = track.latest() if day is None else None
    if row is None:
        when = day or last_day
        if when is None:
            return None, None, None
        key = period_of(when, track.measure.frequency, year_start).key
        row = track.row(key)
        if row is None:
            return period_of(when, track.measure.frequency, year_start), None, None
    return row.period, row, track.previous(row)


def counts(lines: list[Latest]) -> dict[str, int]:
    """How many measures are in each status."""
    return {status: sum(1 for line in lines if line.status == status) for status in STATUSES}


def latest_of(db: Database, card: Scorecard, measures: list[Measure], today: dt.date | None = None) -> dict[int, Latest]:
    """The latest period of a few measures (one objective's), reading only their stored periods."""
    ids = [m.id for m in measures if m.frequency]
    if not ids:
        return {}
    stored: dict[int, dict[str, dict]] = {}
    marks = ", ".join("?" * len(ids))
    for r in store.rows(db, f"SELECT * FROM measure_period WHERE measure_id IN ({marks})", ids):
        stored.setdefault(r["measure_id"], {})[r["starts"]] = r
    locked = period_reads.locks(db, card.workshop["id"])
    tracks = [period_reads.track(card, m, stored.get(m.id, {}), locked, today) for m in measures if m.frequency]
    titles = {o.id: o.title for o in card.objectives}
    year_start = int(card.workshop.get("year_start_month") or 1)
    found = {}
    for track in tracks:
        shown, row, before = _line(track, None, None, year_start)
        found[track.measure.id] = Latest(
            titles.get(track.measure.objective_id, ""), track.measure, shown, row, before, trend(track.measure, before, row)
        )
    return found


def in_words(line: Latest) -> str:
    """ "Latest: Dec 2027, 13.1% against a plan of 15% — on target; 13.4% → 13.1% ↓ worse", or "" with nothing reported."""
    if line.row is None or not line.row.has_actual:
        return ""
    trend_words = f"; {line.trend_text()}" if line.trend_text() else ""
    return f"Latest: {line.period_text}, {line.actual_text()} against a plan of {line.plan_text()} — {line.status}{trend_words}"
