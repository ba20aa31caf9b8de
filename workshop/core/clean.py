"""Cleaning what people type: one place decides what a field accepts."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from babel.dates import get_month_names, parse_date
from babel.numbers import NumberFormatError, parse_decimal

from workshop.core.errors import Invalid
from workshop.i18n import N_

# --- cleaning user text -------------------------------------------------------------------

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 100_000
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BROKEN = re.compile(r"[\ud800-\udfff]")  # half of a UTF-16 pair: not text, SQLite cannot store it


_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}  # controls, zero-width and format marks, spaces
# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): invisible, they reorder
# the text around them, so "Cut \u202eswohs-on\u202c rates" would read "Cut no-shows rates".
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


WHOLE_DIGITS = 18  # a whole number typed or sent has at most this many digits (SQLite's integers hold 19)


def whole(value) -> int | None:
    """A whole number as typed or passed (3, "3", 3.0, "-1"), else None: 1.5 is never read as 1,
    nor "²" as a digit, nor True as 1, nor a list, nor a number too long to be one anyone meant."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    if isinstance(value, float):
        if not value.is_integer():  # inf and nan are not whole either
            return None
        value = int(value)
    if isinstance(value, int):
        return value if abs(value) < 10**WHOLE_DIGITS else None
    digits = value.strip().removeprefix("-")
    return int(value.strip()) if digits.isascii() and digits.isdigit() and len(digits) <= WHOLE_DIGITS else None


def clean_text(value: object, label: str, *, required: bool = False, max_len: int = LONG_TEXT_MAX, multiline: bool = True) -> str:
    """Strip and check one piece of user text; the text itself is stored exactly as typed."""
    text = "" if value is None else str(value)
    text = unicodedata.normalize("NFC", text).strip()
    if required and not text:
        raise Invalid(N_("{label} is empty: please type one."), label=label)
    if required and not any(unicodedata.category(ch) not in _INVISIBLE for ch in text):
        raise Invalid(N_("{label} has nothing visible in it (only invisible characters): please type one."), label=label)
    if _FORBIDDEN.search(text):
        raise Invalid(N_("{label} contains control characters; please retype it as plain text."), label=label)
    if _BROKEN.search(text):
        raise Invalid(f"{label} contains broken characters (an unpaired surrogate); please retype it.")
    control = None if multiline else BIDI_CONTROLS.search(text)
    if control:
        code = f"U+{ord(control.group()):04X}"
        raise Invalid(
            N_(
                "{label} contains an invisible direction control ({code}), which makes text read "
                "in another order than it was typed; please retype it without it."
            ),
            label=label,
            code=code,
        )
    if not multiline and ("\n" in text or "\r" in text):
        text = " ".join(text.split())
    if len(text) > max_len:
        raise Invalid(f"{label} is {len(text):,} characters long; the limit is {max_len:,}.")
    return text


def clean_name(value: object, label: str, *, required: bool = True) -> str:
    return clean_text(value, label, required=required, max_len=SHORT_TEXT_MAX, multiline=False)


def clean_choice(value: object, label: str, choices: tuple[str, ...]) -> str:
    text = "" if value is None else str(value).strip()
    if text not in choices:
        shown = ", ".join(c for c in choices if c) or "(none)"
        raise Invalid(f"{label} must be one of: {shown}.")
    return text


_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9}
_QUANTITY = re.compile(
    r"^(?P<sign>[-+−]?)\s*(?P<money>[$€£¥])?\s*(?P<digits>[\d.,'\u00a0\u202f ]*\d[\d.,]*)"
    r"\s*(?P<scale>[a-zA-Z]+)?\s*(?P<percent>%)?$"
)


def _decimal(text: str, label: str) -> float:
    """Digits with English grouping and a decimal point, read by Babel (which also says what was
    probably meant when a comma stands for a decimal point)."""
    try:
        return float(parse_decimal(text, locale="en", strict=True))
    except NumberFormatError as error:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text):  # 1.200.000,5: grouping with points
            return float(parse_decimal(text, locale="de", strict=True))
        if re.fullmatch(r"\d+,\d+", text):
            raise Invalid(
                f"{label}: “{text}” has a decimal comma; write decimals with a point "
                f"({text.replace(',', '.')}); a comma may only group thousands (1,250,000)."
            ) from None
        suggestions = getattr(error, "suggestions", None) or []
        hint = f" Did you mean {suggestions[0]}?" if suggestions else ""
        raise Invalid(f"{label}: “{text}” is not a number I can read.{hint}") from None


def read_quantity(value: object, label: str) -> tuple[float | None, str]:
    """A number as people type it, and the unit it was typed with ("%" or "").

    Accepts 12.5, 1,200,000, 1.2m, 3.5k, 2bn, 20%, €1.2m, −5; a number from a spreadsheet as is.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, bool):
        raise Invalid(f"{label} must be a number.")
    if isinstance(value, (int, float)):
        return _finite(float(value), label), ""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _QUANTITY.match(text)
    if not match:
        raise Invalid(f"{label} must be a number: “{text[:40]}” is not one I can read; type it as 12.5, 1,200,000, 1.2m or 20%.")
    scale = (match["scale"] or "").lower()
    if scale and scale not in _SCALES:
        raise Invalid(f"{label}: “{match['scale']}” is not a size I know; use k, m or bn (1.2m).")
    digits = re.sub(r"[\u00a0\u202f ']", "", match["digits"])
    if digits.count(",") == 0 and re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", digits):
        digits = digits.replace(".", ",")  # 1.200.000 groups thousands with points
    number = _decimal(digits, label) * _SCALES.get(scale, 1)
    if match["sign"] in ("-", "−"):
        number = -number
    if match["percent"] and scale:
        raise Invalid(f"{label}: “{text}” mixes a size and a percentage.")
    return _finite(round(number, 9), label), "%" if match["percent"] else ""


def _finite(number: float, label: str) -> float:
    if number != number or number in (float("inf"), float("-inf")):
        raise Invalid(f"{label} must be a finite number.")
    return number


def clean_number(value: object, label: str, *, minimum: float | None = None) -> float | None:
    """A number as people type it (see `read_quantity`); a percent sign is accepted and dropped —
    the unit is the measure's (see `method.measures.clean_measure`)."""
    number, _unit = read_quantity(value, label)
    if number is not None and minimum is not None and number < minimum:
        raise Invalid(f"{label} cannot be below {minimum:g}.")
    return number


_QUARTER = re.compile(r"^q([1-4])\s*[/\-]?\s*(\d{4})$|^(\d{4})\s*[/\-]?\s*q([1-4])$", re.I)
_MONTH_YEAR = re.compile(r"^([a-zA-Z]+)\.?\s+(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.?\s+([a-zA-Z]+)\.?,?\s+(\d{4})$|^([a-zA-Z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$")
_MONTHS = {name.lower(): n for width in ("wide", "abbreviated") for n, name in get_month_names(width, locale="en").items()}
_MONTHS["sept"] = 9


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def read_date(value: object, label: str, *, start: bool = False) -> dt.date | None:
    """A date as people type it: 2027-12-31, 31.12.2027, 31/12/2027, 12/31/2027, 31 Dec 2027,
    Dec 2027 (the month's last day), Q4 2027 (the quarter's last day), 2027 (the year's last day).
    For a start (`start=True`) a month, quarter or year names its first day instead: work that
    starts in "Jan 2027" starts on the 1st. A day/month order that cannot be told apart
    (03/04/2027) is refused, never guessed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(unicodedata.normalize("NFKC", str(value)).split())
    try:
        day = _typed_date(text, label, start)
    except ValueError:
        raise Invalid(f"{label}: “{text[:40]}” is not a day of the calendar.") from None
    if day is None:
        raise Invalid(f"{label}: “{text[:40]}” is not a date I can read; type it as 2027-12-31, 31.12.2027, 31 Dec 2027 or Q4 2027.")
    return day


def _typed_date(text: str, label: str, start: bool = False) -> dt.date | None:
    """The day `text` names in one of the forms `read_date` reads; None if it is in none of them.
    A month, quarter or year names its last day, or its first when `start`. A day outside the
    calendar raises ValueError."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", text):
        return dt.date.fromisoformat(text[:10])
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1) if start else dt.date(int(text), 12, 31)
    if match := _QUARTER.match(text):
        quarter, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        return dt.date(int(year), 3 * int(quarter) - 2, 1) if start else _month_end(int(year), 3 * int(quarter))
    if match := _MONTH_YEAR.match(text):
        month = _MONTHS.get(match[1].lower())
        if not month:
            return None
        return dt.date(int(match[2]), month, 1) if start else _month_end(int(match[2]), month)
    if match := _DAY_MONTH_YEAR.match(text):
        day, name, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
        month = _MONTHS.get(name.lower())
        return dt.date(int(year), month, int(day)) if month else None
    if match := _NUMERIC.match(text):
        return _numeric_date(text, match, label)
    return None


def _numeric_date(text: str, match: re.Match[str], label: str) -> dt.date:
    """31.12.2027, 31/12/2027 or 12/31/2027: a point or a day over 12 puts the day first, a second
    number over 12 puts the month first; an order that cannot be told apart is refused."""
    first, sep, second = int(match[1]), match[2], int(match[3])
    if sep == "." or first > 12:  # 31.12.2027 and 31/12/2027: day first
        locale = "de_DE" if sep == "." else "en_GB"
    elif second > 12:  # 12/31/2027: month first
        locale = "en_US"
    elif first == second:
        locale = "en_GB"
    else:
        raise Invalid(
            f"{label}: “{text}” could be {first} {calendar.month_abbr[second]} or "
            f"{second} {calendar.month_abbr[first]}; type it as "
            f"{match[4]}-MM-DD or with the month's name (3 Apr {match[4]})."
        )
    return parse_date(text if sep == "." else text.replace(sep, "/"), locale=locale)


def clean_date(value: object, label: str, *, start: bool = False) -> str | None:
    """A date as people type it (see `read_date`; `start` for a start date), stored as YYYY-MM-DD."""
    day = read_date(value, label, start=start)
    return None if day is None else day.isoformat()


def clean_fields_each(spec: dict, values: dict) -> tuple[dict, dict[str, str]]:
    """Clean every value; returns what was clean and, by field, every message at once."""
    unknown = set(values) - set(spec)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    row, problems = {}, {}
    for name, value in values.items():
        try:
            row[name] = spec[name](value)
        except Invalid as error:
            problems[name] = str(error)
    return row, problems


def clean_fields(spec: dict, values: dict) -> dict:
    """Clean each value with its field's cleaner; every problem is reported at once, in one
    message. An unknown field is a programming error."""
    row, problems = clean_fields_each(spec, values)
    if problems:
        raise Invalid(" ".join(problems.values()))
    return row
