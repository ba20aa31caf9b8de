"""Reporting periods: months, quarters, years (counted from the month the financial year starts) and
ISO weeks, across a horizon that runs from the scorecard's first reporting month to its furthest
target date; the value planned for each period, phased from the baseline to the target; the year to
date.

A period is named by its first day (`Period.key`: "2027-01" for a month, a quarter or a year that
starts in January 2027, "2027-W05" for an ISO week) and read back from what people type ("Mar 2027",
"2027-03", "Q1 2027", "FY2027", "2027", "2027-W05").

Levels (satisfaction, headcount) are phased in a straight line from the baseline at the start of the
horizon to the target in the period that holds the target date, and held there after. Flows (revenue,
incidents) are amounts over the period: the target is the amount for a year, phased year by year from
the baseline (last year's amount) and shared evenly between the year's periods.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workshop.core.errors import Invalid

MONTHS_IN = {"monthly": 1, "quarterly": 3, "annually": 12}
PER_YEAR = {"weekly": 52, "monthly": 12, "quarterly": 4, "annually": 1}
MIN_HORIZON_MONTHS = 12
MAX_HORIZON_YEARS = 10


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True, order=True)
class Period:
    starts: dt.date
    ends: dt.date
    frequency: str
    year_start_month: int = 1

    @property
    def key(self) -> str:
        if self.frequency == "weekly":
            year, week, _ = self.starts.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.starts:%Y-%m}"

    @property
    def fiscal_year(self) -> int:
        """The financial year a period falls in, named by the calendar year it ends in (FY2028 runs
        April 2027 to March 2028 when the year starts in April); the calendar year when it starts in January."""
        first = self.year_start_month
        return self.starts.year + (1 if first > 1 and self.starts.month >= first else 0)

    def label(self) -> str:
        """ "Mar 2027", "Q1 2027" (or "Q1 FY2028 (Apr–Jun 2027)"), "2027" (or "FY2028"), "Week 5, 2027"."""
        if self.frequency == "weekly":
            year, week, _ = self.starts.isocalendar()
            return f"Week {week}, {year}"
        if self.frequency == "monthly":
            return f"{self.starts:%b %Y}"
        if self.frequency == "quarterly":
            number = ((self.starts.month - self.year_start_month) % 12) // 3 + 1
            if self.year_start_month == 1:
                return f"Q{number} {self.starts.year}"
            return f"Q{number} FY{self.fiscal_year} ({self.starts:%b}–{self.ends:%b %Y})"
        return str(self.starts.year) if self.year_start_month == 1 else f"FY{self.fiscal_year}"


def period_of(day: dt.date, frequency: str, year_start_month: int = 1) -> Period:
    """The period of `frequency` that holds `day`."""
    if frequency == "weekly":
        monday = day - dt.timedelta(days=day.weekday())
        return Period(monday, monday + dt.timedelta(days=6), "weekly", year_start_month)
    months = MONTHS_IN[frequency]
    offset = ((day.month - year_start_month) % 12) // months * months
    first = add_months(dt.date(day.year, day.month, 1), -((day.month - year_start_month) % 12) + offset)
    return Period(first, month_end(add_months(first, months - 1)), frequency, year_start_month)


def periods(frequency: str, start: dt.date, end: dt.date, year_start_month: int = 1) -> list[Period]:
    """Every period of `frequency` from the one holding `start` to the one holding `end`."""
    if frequency not in PER_YEAR:
        return []
    found, current = [], period_of(start, frequency, year_start_month)
    while current.starts <= end:
        found.append(current)
        current = period_of(current.ends + dt.timedelta(days=1), frequency, year_start_month)
    return found


def horizon(start: dt.date, target_dates: Sequence[str | None]) -> tuple[dt.date, dt.date]:
    """From the first reporting month to the furthest target date (at least a year, at most ten)."""
    first = dt.date(start.year, start.month, 1)
    dates = [dt.date.fromisoformat(d) for d in target_dates if d]
    end = max([month_end(add_months(first, MIN_HORIZON_MONTHS - 1)), *dates])
    return first, min(end, month_end(add_months(first, 12 * MAX_HORIZON_YEARS - 1)))


_QUARTER = re.compile(r"^(?:q([1-4])\s*(?:fy)?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*q([1-4]))$", re.I)
_WEEK = re.compile(r"^(\d{4})\s*-?\s*w(\d{1,2})$|^(?:week|wk)\s*(\d{1,2}),?\s*(\d{4})$", re.I)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(?:fy\s*)?(\d{4})$", re.I)


def read_period(value: object, frequency: str, year_start_month: int = 1, label: str = "The period") -> Period:
    """The period someone typed, for a measure of `frequency`: "2027-03", "Mar 2027", "March 2027",
    "2027-03-31" (the period holding that day), "Q1 2027", "2027-Q1", "FY2027", "2027", "2027-W05"."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return period_of(value, frequency, year_start_month)
    text = " ".join(str(value or "").split())
    if not text:
        raise Invalid(f"{label} is missing.")
    return period_of(_first_day(text, frequency, year_start_month, label), frequency, year_start_month)


def _first_day(text: str, frequency: str, year_start_month: int, label: str) -> dt.date:
    try:
        if match := _WEEK.match(text):
            year, week = (match[1], match[2]) if match[1] else (match[4], match[3])
            return dt.date.fromisocalendar(int(year), int(week), 1)
        if match := _QUARTER.match(text):
            number, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
            if year_start_month == 1:
                return dt.date(year, 3 * number - 2, 1)
            fiscal_start = dt.date(year - 1, year_start_month, 1)  # FY named by the year it ends in
            return add_months(fiscal_start, 3 * (number - 1))
        if match := _YEAR.match(text):
            year = int(match[1])
            return dt.date(year if year_start_month == 1 else year - 1, year_start_month, 1)
        if match := _MONTH.match(text):
            return dt.date(int(match[1]), int(match[2]), 1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        for pattern in ("%b %Y", "%B %Y", "%b-%Y", "%b %y", "%m/%Y", "%m.%Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    except ValueError:
        pass
    raise Invalid(f"{label}: “{text[:40]}” is not a period I can read; type it as 2027-03 or Mar 2027, Q1 2027, 2027 or 2027-W05.")


# --- the plan ------------------------------------------------------------------------------


def planned_values(
    spans: Sequence[Period],
    *,
    nature: str,
    baseline: float | None,
    target: float | None,
    target_date: str | None,
    frequency: str,
) -> list[float | None]:
    """The value planned for each period, phased from the baseline to the target (see the module's
    docstring); None for every period when there is no figure to aim at."""
    if target is None or not spans:
        return [None] * len(spans)
    due = dt.date.fromisoformat(target_date) if target_date else spans[-1].ends
    if nature == "flow":
        return _flow_plan(spans, baseline, target, due, frequency)
    if baseline is None:
        return [target] * len(spans)
    last = next((i for i, p in enumerate(spans) if p.starts <= due <= p.ends), len(spans) - 1 if due > spans[-1].ends else 0)
    steps = last + 1
    return [baseline + (target - baseline) * min(i + 1, steps) / steps for i in range(len(spans))]


def _flow_plan(spans: Sequence[Period], baseline: float | None, target: float, due: dt.date, frequency: str) -> list[float | None]:
    """A year's amount, phased year by year from the baseline to the target, shared evenly."""
    years = sorted({p.fiscal_year for p in spans})
    due_year = period_of(due, "annually", spans[0].year_start_month).fiscal_year
    first = years[0]
    count = max(due_year - first + 1, 1)

    def amount(year: int) -> float:
        if baseline is None or year >= due_year:
            return target
        return baseline + (target - baseline) * (year - first + 1) / count

    per_year = PER_YEAR[frequency]
    return [amount(p.fiscal_year) / per_year for p in spans]


def year_to_date(values: Sequence[tuple[Period, float | None]], upto: Period, rule: str) -> float | None:
    """The year's figure so far, up to and including `upto`: the sum, the average or the last value
    of the financial year's periods that have one."""
    figures = [v for p, v in values if p.fiscal_year == upto.fiscal_year and p.starts <= upto.starts and v is not None]
    if not figures:
        return None
    if rule == "sum":
        return sum(figures)
    if rule == "average":
        return sum(figures) / len(figures)
    return figures[-1]


def year_rule(nature: str, rule: str) -> str:
    """How a year's periods make it up: as stated, else a flow's periods add up and a level's last one counts."""
    return rule or ("sum" if nature == "flow" else "last")


def frequency_named(value: object) -> str | None:
    """The frequency a typed period names by its form: "2027-W05" weekly, "Q1 2027" quarterly,
    "2027" or "FY2028" annually, "2027-03" or "Mar 2027" monthly; None for a day ("2027-03-31"),
    a date value or text that is no period."""
    if isinstance(value, dt.date):
        return None
    text = " ".join(str(value or "").split())
    if _WEEK.match(text):
        return "weekly"
    if _QUARTER.match(text):
        return "quarterly"
    if _YEAR.match(text):
        return "annually"
    if _MONTH.match(text):
        return "monthly"
    for pattern in ("%b %Y", "%B %Y", "%b-%Y", "%b %y", "%m/%Y", "%m.%Y"):
        try:
            dt.datetime.strptime(text, pattern)
            return "monthly"
        except ValueError:
            continue
    return None
