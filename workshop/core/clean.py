"""Cleaning what people type: one place decides what a field accepts."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from workshop.core.errors import Invalid

# --- cleaning user text -------------------------------------------------------------------

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 100_000
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BROKEN = re.compile(r"[\ud800-\udfff]")  # half of a UTF-16 pair: not text, SQLite cannot store it


_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}  # controls, zero-width and format marks, spaces


def clean_text(value: object, label: str, *, required: bool = False,
               max_len: int = LONG_TEXT_MAX, multiline: bool = True) -> str:
    """Strip and check one piece of user text; the text itself is stored exactly as typed."""
    text = "" if value is None else str(value)
    text = unicodedata.normalize("NFC", text).strip()
    if required and not text:
        raise Invalid(f"{label} is empty: please type one.")
    if required and not any(unicodedata.category(ch) not in _INVISIBLE for ch in text):
        raise Invalid(f"{label} has nothing visible in it (only invisible characters): please type one.")
    if _FORBIDDEN.search(text):
        raise Invalid(f"{label} contains control characters; please retype it as plain text.")
    if _BROKEN.search(text):
        raise Invalid(f"{label} contains broken characters (an unpaired surrogate); please retype it.")
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


_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")


def clean_number(value: object, label: str, *, minimum: float | None = None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise Invalid(f"{label} must be a number.")
    text = str(value).strip().replace(" ", "").replace("\u00a0", "") if isinstance(value, str) else None
    if text is not None and "," in text:
        if not _THOUSANDS.fullmatch(text):
            raise Invalid(f"{label}: write decimals with a point (12.5); a comma may only group "
                          "thousands (1,250,000).")
        text = text.replace(",", "")
    try:
        number = float(text) if text is not None else float(value)  # type: ignore[arg-type]  # refused below
    except (TypeError, ValueError):
        raise Invalid(f"{label} must be a number, such as 12.5.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise Invalid(f"{label} must be a finite number.")
    if minimum is not None and number < minimum:
        raise Invalid(f"{label} cannot be below {minimum:g}.")
    return number


def clean_date(value: object, label: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise Invalid(f"{label} must be a date written as YYYY-MM-DD.") from None


def clean_fields(spec: dict, values: dict) -> dict:
    """Clean each value with its field's cleaner; an unknown field is a programming error."""
    unknown = set(values) - set(spec)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return {name: spec[name](value) for name, value in values.items()}
