"""A measure's target as organisations print it: "≥ 24 %" (at least), "< 2.00%" (at most), "98–100%"
(within a range), "= 5" (exactly), "AAA" or "Strong" (a level on an ordered rating scale),
"Successful implementation by 2027-06-30" (a milestone) and "TBD" (to be decided, said so).

`read_target` reads typed text into a `Target`; `Target.fields()` gives the measure's columns;
`target_of(row)` reads them back; `target_text` writes a target the way it was meant;
`judge` says whether a value meets it: on target, watch, off target, or no data.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from workshop.core import figures
from workshop.core.clean import read_date, read_quantity
from workshop.core.errors import Invalid

TARGET_TYPES = ("at_least", "at_most", "range", "exactly", "rating", "milestone", "tbd")
TYPE_WORDS = {
    "": "no target yet",
    "at_least": "at least",
    "at_most": "at most",
    "range": "within a range",
    "exactly": "exactly",
    "rating": "a rating",
    "milestone": "a milestone",
    "tbd": "to be decided",
}
NUMERIC_TYPES = ("at_least", "at_most", "range", "exactly")
STATUSES = ("on target", "watch", "off target", "no data")
MILESTONE_STATES = ("done", "on track", "at risk", "late", "not started")
SCALE_SEPARATOR = " > "

# Scales people print without naming them, best first. A level found in one of them is read as a rating.
KNOWN_SCALES: tuple[tuple[str, ...], ...] = (
    ("AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-", "BB+", "BB", "BB-", "B+", "B", "B-", "CCC", "CC", "C", "D"),
    ("Strong", "Adequate", "Weak"),
    ("Excellent", "Good", "Fair", "Poor"),
    ("Outstanding", "Good", "Requires improvement", "Inadequate"),
    ("Very high", "High", "Medium", "Low", "Very low"),
    ("High", "Medium", "Low"),
    ("Green", "Amber", "Red"),
)
TBD_WORDS = {"tbd", "tbc", "to be decided", "to be determined", "to be confirmed", "to be agreed", "n/a yet", "tba", "open"}
DEFAULT_WATCH = 0.10  # without thresholds, a value within 10 % of the target (or the plan) is "watch"

_AT_LEAST = re.compile(r"^(?:≥|>=|>|=>|at least|min(?:imum)?\.?|no less than|not below|over|above|more than)\s*(?P<n>.+?)$", re.I)
_AT_MOST = re.compile(r"^(?:≤|<=|<|=<|at most|max(?:imum)?\.?|no more than|not above|under|below|less than|up to)\s*(?P<n>.+?)$", re.I)
_PLUS = re.compile(r"^(?P<n>.+?)\s*(?:\+|or more|or above|or higher)$", re.I)
_MINUS = re.compile(r"^(?P<n>.+?)\s*(?:or less|or below|or lower|or fewer)$", re.I)
_EXACTLY = re.compile(r"^(?:=|==|exactly)\s*(?P<n>.+?)$", re.I)
_RANGE = re.compile(
    r"^(?:between\s+)?(?P<low>[^–—\-]+?|-[^–—\-]+?)\s*(?:–|—|-|to|and|…|\.\.)\s*(?P<high>[^–—]+?)$",
    re.I,
)
_MILESTONE = re.compile(r"^(?P<what>.+?)\s+(?:by|before|no later than|until)\s+(?P<when>.+?)$", re.I)
_STRICT = ("<", ">", "over", "above", "more than", "under", "below", "less than")


@dataclass(frozen=True)
class Target:
    type: str = ""  # one of TARGET_TYPES, or "" when none is stated yet
    value: float | None = None  # at least / at most / exactly
    low: float | None = None  # within a range
    high: float | None = None
    level: str = ""  # the rating to reach, or what the milestone delivers
    scale: tuple[str, ...] = field(default=())  # a rating scale, best first
    due: str | None = None  # a milestone's date (the measure's target date)
    strict: bool = False  # "> 24 %": 24 itself is not enough
    unit: str = ""  # "%" when typed with a percent sign

    @property
    def direction(self) -> str | None:
        return {"at_least": "higher", "at_most": "lower"}.get(self.type)

    @property
    def is_stated(self) -> bool:
        """A target a value can be judged against (a TBD is stated, but not judged)."""
        return self.type not in ("", "tbd")

    def fields(self) -> dict:
        """The measure's columns for this target."""
        row: dict = {
            "target_type": self.type,
            "target": self.value,
            "target_low": self.low,
            "target_high": self.high,
            "target_level": self.level,
            "rating_scale": SCALE_SEPARATOR.join(self.scale),
            "target_strict": int(self.strict),
        }
        if self.direction:
            row["direction"] = self.direction
        if self.due:
            row["target_date"] = self.due
        return row


def target_of(row: dict) -> Target:
    """The target a measure's row holds."""
    kind = row.get("target_type") or ""
    if not kind and row.get("target") is not None:  # a row written before target types
        kind = "at_most" if row.get("direction") == "lower" else "at_least"
    scale = tuple(s for s in (row.get("rating_scale") or "").split(SCALE_SEPARATOR) if s)
    return Target(
        type=kind,
        value=row.get("target"),
        low=row.get("target_low"),
        high=row.get("target_high"),
        level=row.get("target_level") or "",
        scale=scale,
        due=row.get("target_date"),
        strict=bool(row.get("target_strict")),
        unit="%" if (row.get("unit") or "").strip() == "%" else "",
    )


# --- reading what people type --------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u2212", "-").split())


def _number(text: str, label: str) -> tuple[float, str]:
    number, unit = read_quantity(text, label)
    if number is None:
        raise Invalid(f"{label}: a number is missing.")
    return number, unit


def known_scale(level: str) -> tuple[str, ...] | None:
    """The known scale a level belongs to, matched without regard to case."""
    wanted = level.strip().casefold()
    for scale in KNOWN_SCALES:
        if wanted in (s.casefold() for s in scale):
            return scale
    return None


def read_scale(text: str) -> tuple[str, ...]:
    """ "AAA > AA > A" (best first) or "Weak < Adequate < Strong" (worst first) into levels, best first."""
    text = _clean(text)
    if not text:
        return ()
    if "<" in text and ">" not in text:
        levels = [s.strip() for s in text.split("<")][::-1]
    else:
        levels = [s.strip() for s in re.split(r">|,|;|/", text)]
    levels = [s for s in levels if s]
    if len(levels) < 2:
        raise Invalid(f"A rating scale needs at least two levels, best first: “{text[:60]}” has {len(levels)}.")
    if len({s.casefold() for s in levels}) != len(levels):
        raise Invalid(f"The rating scale “{text[:60]}” names a level twice.")
    if any(len(s) > 60 for s in levels):
        raise Invalid("A level of a rating scale is at most 60 characters.")
    return tuple(levels)


def _rating(level: str, scale: tuple[str, ...], label: str) -> Target:
    match = next((s for s in scale if s.casefold() == level.casefold()), None)
    if match is None:
        raise Invalid(f"{label}: “{level}” is not a level of the scale {SCALE_SEPARATOR.join(scale)}.")
    return Target(type="rating", level=match, scale=scale)


def read_target(value: object, label: str = "The target", *, direction: str = "higher", scale: str = "", due: str | None = None) -> Target:
    """The target typed as text (or a number). A bare number is "at least" when higher is better and
    "at most" when lower is; `scale` is the rating scale given beside the target, if any; `due` the
    target date given beside it, which a milestone takes when its text names none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Target()
    if isinstance(value, bool):
        raise Invalid(f"{label} must be a number, a range, a rating or a milestone.")
    if isinstance(value, (int, float)):
        number, _ = _number(value, label)  # type: ignore[arg-type]
        return Target(type="at_most" if direction == "lower" else "at_least", value=number)
    text = _clean(str(value))
    if len(text) > 200:
        raise Invalid(f"{label} is at most 200 characters.")
    if text.casefold().rstrip(".") in TBD_WORDS:
        return Target(type="tbd")
    given_scale = read_scale(scale) if scale else ()
    if given_scale:
        return _rating(text, given_scale, label)
    if scale_of := known_scale(text):
        return _rating(text, scale_of, label)
    for reader in (_read_bound, _read_exact, _read_range):
        target = reader(text, label)
        if target is not None:
            return target
    try:
        number, unit = _number(text, label)
        return Target(type="at_most" if direction == "lower" else "at_least", value=number, unit=unit)
    except Invalid:
        pass
    return _read_milestone(text, label, due)


def _read_bound(text: str, label: str) -> Target | None:
    for pattern, kind in ((_AT_LEAST, "at_least"), (_AT_MOST, "at_most"), (_PLUS, "at_least"), (_MINUS, "at_most")):
        match = pattern.match(text)
        if not match:
            continue
        try:
            number, unit = _number(match["n"], label)
        except Invalid:
            continue
        strict = text.lower().startswith(_STRICT) and not text.lower().startswith(("<=", ">=", "=<", "=>"))
        return Target(type=kind, value=number, strict=strict, unit=unit)
    return None


def _read_exact(text: str, label: str) -> Target | None:
    match = _EXACTLY.match(text)
    if not match:
        return None
    number, unit = _number(match["n"], label)
    return Target(type="exactly", value=number, unit=unit)


def _read_range(text: str, label: str) -> Target | None:
    match = _RANGE.match(text)
    if not match:
        return None
    try:
        low, low_unit = _number(match["low"], label)
        high, high_unit = _number(match["high"], label)
    except Invalid:
        return None
    if low > high:
        raise Invalid(f"{label}: the range “{text}” runs from {match['low'].strip()} down to {match['high'].strip()}; give the lower end first.")
    return Target(type="range", low=low, high=high, unit=low_unit or high_unit)


def _read_milestone(text: str, label: str, due: str | None) -> Target:
    what, when = text, None
    match = _MILESTONE.match(text)
    if match:
        try:
            day = read_date(match["when"], label)
        except Invalid:
            day = None
        if day is not None:
            what, when = match["what"], day.isoformat()
    if not re.search(r"[^\W\d_]", what) or not (when or due):
        raise Invalid(
            f"{label}: “{text[:60]}” is not a target I can read; type a number (24), a bound (≥ 24 %, < 2 %), "
            "a range (98–100 %), a rating (AAA), a milestone (Launched by 2027-06-30) or TBD."
        )
    return Target(type="milestone", level=what, due=when or due)


# --- writing it ----------------------------------------------------------------------------


def _figure(number: float | None, unit: str, compact: bool = False) -> str:
    return figures.quantity(number, unit, empty="", compact=compact)


def target_text(target: Target, unit: str = "", *, dates: bool = True, scale: bool = False, compact: bool = False) -> str:
    """The target as it reads on a scorecard: "≥ 24 %", "< 2 %", "98–100 %", "= 5", "AA" (with `scale`:
    "AA on AAA > AA > A"),
    "Successful implementation by 2027-06-30", "to be decided", or "" when none is stated. With `compact`,
    figures from a million on are written short (≥ €175m)."""
    kind = target.type
    if kind in ("at_least", "at_most"):
        sign = {("at_least", False): "≥", ("at_least", True): ">", ("at_most", False): "≤", ("at_most", True): "<"}[kind, target.strict]
        return f"{sign} {_figure(target.value, unit, compact)}"
    if kind == "exactly":
        return f"= {_figure(target.value, unit, compact)}"
    if kind == "range":
        if figures.currency_of(unit):  # money reads with its currency at both ends: €1m–€2m
            return figures.span(target.low, target.high, unit, compact=compact)
        return f"{_figure(target.low, '', compact)}–{_figure(target.high, unit, compact)}"
    if kind == "rating":
        return f"{target.level} on {SCALE_SEPARATOR.join(target.scale)}" if scale else target.level
    if kind == "milestone":
        return f"{target.level} by {target.due}" if target.due and dates else target.level
    if kind == "tbd":
        return "to be decided"
    return ""


# --- judging a value -----------------------------------------------------------------------


@dataclass(frozen=True)
class Bands:
    """Where "watch" begins and "off target" begins, in the measure's unit, for numeric targets."""

    green: float | None = None
    red: float | None = None


def judge(
    target: Target, value: float | None = None, text: str = "", *, plan: float | None = None, bands: Bands = Bands(), today: dt.date | None = None
) -> str:
    """on target / watch / off target against the target (or, when `plan` is given, against the
    period's planned value in place of the target's figure); "no data" when nothing was reported
    or there is no stated target to judge against. The rules, in order:

    - at least: on target from the green threshold (else the plan or target), off target below the
      red threshold (else 10 % under it), watch between;
    - at most: the mirror image;
    - exactly: on target within the green distance of it (else exactly), off beyond the red distance
      (else 10 %), watch between;
    - within a range: on target inside it, watch within the red distance outside (else 10 % of the
      upper end), off target beyond;
    - a rating: on target at or above the level, watch one level below, off target further below;
    - a milestone: "done" or "on track" is on target, "at risk" is watch, "late" is off target, and
      anything not done once the due date has passed is off target.
    """
    kind = target.type
    if kind == "milestone":
        return _judge_milestone(target, text, today)
    if kind == "rating":
        return _judge_rating(target, text)
    if value is None or kind not in NUMERIC_TYPES:
        return "no data"
    if kind == "range":
        return _judge_range(target, value, bands)
    aim = target.value if plan is None else plan
    if aim is None:
        return "no data"
    if kind == "exactly":
        green = abs(bands.green - target.value) if bands.green is not None and target.value is not None else 0.0
        red = abs(bands.red - target.value) if bands.red is not None and target.value is not None else abs(aim) * DEFAULT_WATCH
        gap = abs(value - aim)
        return "on target" if gap <= green else "watch" if gap <= max(red, green) else "off target"
    sign = 1 if kind == "at_least" else -1
    green = aim if bands.green is None else bands.green
    red = aim - sign * abs(aim) * DEFAULT_WATCH if bands.red is None else bands.red
    if sign * (value - green) > 0 or (value == green and not (target.strict and bands.green is None)):
        return "on target"
    return "watch" if sign * (value - red) >= 0 else "off target"


def _judge_range(target: Target, value: float, bands: Bands) -> str:
    low, high = target.low, target.high
    if low is None or high is None:
        return "no data"
    if low <= value <= high:
        return "on target"
    margin = abs(high) * DEFAULT_WATCH if bands.red is None else abs(bands.red)
    gap = low - value if value < low else value - high
    return "watch" if gap <= margin else "off target"


def _judge_rating(target: Target, text: str) -> str:
    levels = [s.casefold() for s in target.scale]
    if not text.strip() or target.level.casefold() not in levels:
        return "no data"
    if text.strip().casefold() not in levels:
        return "no data"
    below = levels.index(text.strip().casefold()) - levels.index(target.level.casefold())
    return "on target" if below <= 0 else "watch" if below == 1 else "off target"


def _judge_milestone(target: Target, text: str, today: dt.date | None) -> str:
    state = text.strip().casefold()
    if state == "done":
        return "on target"
    overdue = bool(target.due and today and today > dt.date.fromisoformat(target.due))
    if overdue or state == "late":
        return "off target"
    return {"on track": "on target", "at risk": "watch", "not started": "watch"}.get(state, "no data")


def read_milestone_state(value: object, label: str = "The milestone's state") -> str:
    text = _clean(str(value or "")).casefold()
    if not text:
        return ""
    if text in ("yes", "complete", "completed", "achieved", "delivered"):
        return "done"
    if text not in MILESTONE_STATES:
        raise Invalid(f"{label}: “{text[:40]}” is not one of {', '.join(MILESTONE_STATES)}.")
    return text


def read_rating(value: object, target: Target, label: str = "The rating") -> str:
    text = _clean(str(value or ""))
    if not text:
        return ""
    match = next((s for s in target.scale if s.casefold() == text.casefold()), None)
    if match is None:
        raise Invalid(f"{label}: “{text[:40]}” is not a level of {SCALE_SEPARATOR.join(target.scale)}.")
    return match
