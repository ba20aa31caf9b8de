"""The actuals sheets' formulas: a period's status by the same rules as `core.targets.judge` (against
the period's plan, the thresholds moved with it as `db.period_reads` moves them), the variance, the
share of the plan, the year to date and the latest status. Every formula is built here from cell
references and the measure's own numbers, never from user text: a rating scale's levels are cells on
the hidden Lists sheet, referenced by range.
"""

from __future__ import annotations

import datetime as dt

from workshop.core.model import Measure
from workshop.core.targets import DEFAULT_WATCH, NUMERIC_TYPES

NO_DATA = "no data"
NOT_A_NUMBER = "not a number"


def num(value: float) -> str:
    """A number as a formula literal, never in scientific notation."""
    text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _date(day: dt.date) -> str:
    return f"DATE({day.year},{day.month},{day.day})"


def _moved(threshold: float | None, target: float | None, plan: str, nature: str) -> str | None:
    """A threshold moved with the period's plan: a flow's keeps its share of the target, a level's its distance."""
    if threshold is None:
        return None
    if target in (None, 0):
        return num(threshold)
    if nature == "flow":
        return f"{num(threshold)}*{plan}/{num(target)}"
    return f"({num(threshold)}+{plan}-{num(target)})"


def _bound(m: Measure, a: str, p: str, scale: float) -> str:
    goal = m.goal
    at_least = goal.type == "at_least"
    target = None if goal.value is None else goal.value * scale
    green = _moved(None if m.green is None else m.green * scale, target, p, m.nature)
    red = _moved(None if m.red is None else m.red * scale, target, p, m.nature)
    if red is None:
        red = f"({p}{'-' if at_least else '+'}ABS({p})*{num(DEFAULT_WATCH)})"
    strict = goal.strict and green is None
    green = green or p
    if at_least:
        on, watch = f"{a}{'>' if strict else '>='}{green}", f"{a}>={red}"
    else:
        on, watch = f"{a}{'<' if strict else '<='}{green}", f"{a}<={red}"
    return f'IF({on},"on target",IF({watch},"watch","off target"))'


def _exactly(m: Measure, a: str, p: str, scale: float) -> str:
    target = m.goal.value
    green = abs(m.green - target) * scale if m.green is not None and target is not None else 0.0
    red = num(abs(m.red - target) * scale) if m.red is not None and target is not None else f"ABS({p})*{num(DEFAULT_WATCH)}"
    gap = f"ABS({a}-{p})"
    return f'IF({gap}<={num(green)},"on target",IF({gap}<=MAX({red},{num(green)}),"watch","off target"))'


def _range(m: Measure, a: str, scale: float) -> str:
    low, high = (m.target_low or 0) * scale, (m.target_high or 0) * scale
    margin = abs(high) * DEFAULT_WATCH if m.red is None else abs(m.red) * scale
    gap = f"IF({a}<{num(low)},{num(low)}-{a},{a}-{num(high)})"
    return f'IF(AND({a}>={num(low)},{a}<={num(high)}),"on target",IF({gap}<={num(margin)},"watch","off target"))'


def numeric_status(m: Measure, a: str, p: str, scale: float) -> str:
    """A numeric period's status; "no data" until an actual is typed (and, but for a range, while
    the period has no plan), "not a number" for text pasted past the validation."""
    kind = m.goal.type
    if kind == "range":
        if m.target_low is None or m.target_high is None:
            return f'="{NO_DATA}"'
        return f'=IF({a}="","{NO_DATA}",IF(NOT(ISNUMBER({a})),"{NOT_A_NUMBER}",{_range(m, a, scale)}))'
    test = _exactly(m, a, p, scale) if kind == "exactly" else _bound(m, a, p, scale)
    return f'=IF({a}="","{NO_DATA}",IF(NOT(ISNUMBER({a})),"{NOT_A_NUMBER}",IF(NOT(ISNUMBER({p})),"{NO_DATA}",{test})))'


def rating_status(a: str, levels: str, target: str) -> str:
    """On target at or above the target's level, watch one level below, off target further below.
    `levels` is the Lists sheet's range holding the scale best first, `target` the cell of the level to reach."""
    below = f"MATCH({a},{levels},0)-MATCH({target},{levels},0)"
    return (
        f'=IF({a}="","{NO_DATA}",IF(OR(ISNA(MATCH({a},{levels},0)),ISNA(MATCH({target},{levels},0))),"{NO_DATA}",'
        f'IF({below}<=0,"on target",IF({below}=1,"watch","off target"))))'
    )


def milestone_status(a: str, ends: dt.date, due: str | None) -> str:
    """Done or on track is on target, at risk or not started is watch, late is off target, and
    anything not done once the due date has passed (as of the period's end, or today if sooner)."""
    overdue = f"MIN(TODAY(),{_date(ends)})>{_date(dt.date.fromisoformat(due))}" if due else "FALSE"
    return (
        f'=IF({a}="done","on target",IF(OR({overdue},{a}="late"),"off target",'
        f'IF({a}="on track","on target",IF(OR({a}="at risk",{a}="not started"),"watch","{NO_DATA}"))))'
    )


def status(m: Measure, a: str, p: str, scale: float, *, ends: dt.date, levels: str = "", target: str = "") -> str:
    kind = m.goal.type
    if kind in NUMERIC_TYPES:
        return numeric_status(m, a, p, scale)
    if kind == "rating" and levels:
        return rating_status(a, levels, target)
    if kind == "milestone":
        return milestone_status(a, ends, m.goal.due)
    return f'="{NO_DATA}"'


def variance(a: str, p: str) -> str:
    return f'=IF(AND(ISNUMBER({a}),ISNUMBER({p})),{a}-{p},"")'


def share(a: str, p: str) -> str:
    return f'=IF(AND(ISNUMBER({a}),ISNUMBER({p})),IF({p}=0,"",{a}/{p}),"")'


def year_to_date(a: str, values: str, cell: str, rule: str) -> str:
    """The year so far, shown once the period has an actual: the sum, the average or the latest of
    the year's periods up to this one (`values` spans them, `cell` is this period's own)."""
    if rule == "sum":
        figure = f"SUM({values})"
    elif rule == "average":
        figure = f'IF(COUNT({values})=0,"",AVERAGE({values}))'
    else:
        figure = f'IF(ISNUMBER({cell}),{cell},"")'
    return f'=IF(ISNUMBER({a}),{figure},"")'


def latest(actuals: str, statuses: str) -> str:
    """The status of the last period with an actual (what the summary counts)."""
    return f'=IFERROR(LOOKUP(2,1/({actuals}<>""),{statuses}),"{NO_DATA}")'


def spend_variance(spend: str, budget: str) -> str:
    return f'=IF(ISNUMBER({spend}),{spend}-N({budget}),"")'
