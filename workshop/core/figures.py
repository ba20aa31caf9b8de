"""Figures as entered: the one place that writes a stored number for people, so that the same number
reads the same in the app, on the presenter's screen, in the PDF, the deck and the exports.

- **Exact.** A number shows every decimal it was typed with (4.24 stays 4.24, 0.34 % stays 0.34 %,
  1234567.891 keeps its .891), never an exponent (1e12, 1e15 and 1e-7 are written out in full),
  and never the noise of binary fractions (0.1 + 0.2 reads 0.3): at most 15 significant digits, and
  at most 6 significant decimals.
- **With its unit.** A measure's value, target and thresholds carry the measure's unit: "5.5 %",
  "42 days", and money in its currency ("€175,000,000") when the unit is a currency (EUR, USD, €, $ …).
- **Compact where space is short.** From a million on, `compact=True` writes "€175m", "€1.75bn",
  "1.2m customers" (two decimals at most): the PDF's scorecard table uses it; places with room print
  the full figure.
- **Through the locale.** Every function takes `locale` (Babel's name, "en" by default). The
  product's English is British (organisation, colour), so "en" writes numbers as en_GB does: its
  compact forms are the financial press's "m", "bn" and "tn".

`plain` is the machine's form (no grouping, a point for the decimals, no exponent) for CSV cells,
JSON and text fields a person edits and the app reads back.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, localcontext
from functools import lru_cache

from babel import Locale
from babel.numbers import format_compact_currency, format_compact_decimal, format_currency, format_decimal, list_currencies

LOCALE = "en"
COMPACT_FROM = 1_000_000  # a figure this large (or larger) is written compactly where space is short
COMPACT_DIGITS = 2  # €1.75bn, €142.5m
SIGNIFICANT = 15  # a float holds 15 significant digits faithfully; what lies beyond is noise
DECIMALS = 6  # significant decimals kept at most (after the zeros that lead a small fraction)
EMPTY = "—"

# The product writes British English; a bare "en" reads as en_GB (m, bn and tn in compact figures).
_LOCALE_FOR = {"en": "en_GB"}
# Currency signs people type as a measure's unit, and the currency each stands for.
SIGNS = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF", "Fr.": "CHF", "kr": "SEK"}
_WIDE = Context(prec=400)  # room for any float written out in full (the largest has 309 digits)
_NUMBER_PART = re.compile(r"[#0,.\u00a0\u202f']*[#0][#0,.]*")


@lru_cache(maxsize=32)
def _locale(locale: str) -> Locale:
    return Locale.parse(_LOCALE_FOR.get(locale, locale))


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def exact(value: float | int | Decimal) -> Decimal:
    """The number as it was meant: binary noise beyond 15 significant digits dropped, at most 6
    significant decimals, trailing zeros gone (175000000.0 → 175000000, 0.30000000000000004 → 0.3)."""
    if isinstance(value, int):  # a whole number is exact already
        return Decimal(value)
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if not number.is_finite():
        return number
    if number.is_zero():
        return Decimal(0)
    magnitude = number.adjusted()  # the power of ten of the first significant digit
    keep = min(SIGNIFICANT - 1 - magnitude, max(DECIMALS, DECIMALS - 1 - magnitude))
    if _exponent(number) < -keep:
        number = number.quantize(Decimal(1).scaleb(-keep), context=_WIDE)
    number = number.normalize(_WIDE)
    return number.quantize(Decimal(1), context=_WIDE) if _exponent(number) > 0 else number


def _exponent(number: Decimal) -> int:
    return int(number.as_tuple().exponent)


def plain(value) -> str:
    """The machine's form of a stored number: "1234567.891", "1000000000000", "0.0000001"; "" for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    number = exact(value)
    return format(number, "f") if number.is_finite() else str(value)


def number(value, locale: str = LOCALE, *, compact: bool = False) -> str:
    """A number for people, grouped as the locale groups it: "4.24", "1,234,567.891", "-5"; with
    `compact`, from a million on: "175m", "1.75bn". "" for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    figure = exact(value)
    if not figure.is_finite():
        return str(value)
    if compact and abs(figure) >= COMPACT_FROM:
        with localcontext(_WIDE):
            return format_compact_decimal(figure, locale=_locale(locale), fraction_digits=COMPACT_DIGITS)
    with localcontext(_WIDE):
        return format_decimal(figure, format="#,##0", locale=_locale(locale), decimal_quantization=False)


def currency_of(unit: str | None) -> str | None:
    """The ISO code of the currency a measure's unit names ("EUR", "eur", "€" → "EUR"), or None."""
    text = (unit or "").strip()
    if text in SIGNS:
        return SIGNS[text]
    return text.upper() if len(text) == 3 and text.isalpha() and text.upper() in _currencies() else None


def money(value, currency: str, locale: str = LOCALE, *, compact: bool = False) -> str:
    """An amount in its currency, as entered: "€175,000,000", "€1,234,567.891"; with `compact`, from a
    million on: "€175m", "€1.75bn", "US$38.5m". "" for none."""
    if value is None or value == "":
        return ""
    code = currency_of(currency) or (currency or "").strip()
    if not code:
        return number(value, locale, compact=compact)
    figure = exact(value)
    if code not in _currencies():  # a currency Babel does not know: the figure, then the code as typed
        return f"{number(figure, locale, compact=compact)} {code}"
    where = _locale(locale)
    if compact and abs(figure) >= COMPACT_FROM:
        with localcontext(_WIDE):
            return format_compact_currency(figure, code, locale=where, fraction_digits=COMPACT_DIGITS)
    pattern = where.currency_formats["standard"].pattern.split(";")[0].replace("0.00", "0")
    with localcontext(_WIDE):
        return format_currency(figure, code, format=pattern, locale=where, currency_digits=False, decimal_quantization=False)


def percent(value, locale: str = LOCALE) -> str:
    """A value that is already in percent, with the sign where the locale puts it: "0.34 %" (en),
    "0,34 %" (de, a no-break space). Never multiplied by 100."""
    if value is None or value == "":
        return ""
    if locale == LOCALE:  # the product's English spaces the sign, as the scorecards it reads print it: 0.34 %
        return f"{number(value, locale)} %"
    pattern = _locale(locale).percent_formats[None].pattern.split(";")[0]
    return _NUMBER_PART.sub(lambda _: number(value, locale), pattern, count=1)


def quantity(value, unit: str | None = "", locale: str = LOCALE, *, compact: bool = False, empty: str = EMPTY) -> str:
    """A measure's value with its unit as people write it: "4.24", "0.34%", "42 days", "€175,000,000"
    (or, with `compact`, "€175m"); `empty` ("—") when there is none."""
    if value is None or value == "":
        return empty
    unit = (unit or "").strip()
    if unit == "%":
        return percent(value, locale)
    if currency_of(unit):
        return money(value, unit, locale, compact=compact)
    figure = number(value, locale, compact=compact)
    return f"{figure} {unit}" if unit else figure


def bound(sign: str, value, unit: str | None = "", locale: str = LOCALE, *, compact: bool = False) -> str:
    """A threshold with its sign and unit: "≥ 5.5%", "< €1m"."""
    return f"{sign} {quantity(value, unit, locale, compact=compact)}"


def span(low, high, unit: str | None = "", locale: str = LOCALE, *, compact: bool = False) -> str:
    """A stretch between two values, both with their unit: "4.5%–5.5%", "€1m–€2m"."""
    return f"{quantity(low, unit, locale, compact=compact)}–{quantity(high, unit, locale, compact=compact)}"


def bands(direction: str, green, red, unit: str | None = "", locale: str = LOCALE, *, compact: bool = False) -> list[tuple[str, str]]:
    """The three bands a measure's thresholds make, as (colour, text), each with the unit:
    [("green", "≥ 5.5%"), ("amber", "4.5%–5.5%"), ("red", "< 4.5%")] when higher is better; the
    amber band is left out when the thresholds are equal, all of them when one is missing."""
    if green is None or red is None:
        return []
    higher = direction != "lower"
    out = [("green", bound("≥" if higher else "≤", green, unit, locale, compact=compact))]
    if green != red:
        low, high = (red, green) if higher else (green, red)
        out.append(("amber", span(low, high, unit, locale, compact=compact)))
    out.append(("red", bound("<" if higher else ">", red, unit, locale, compact=compact)))
    return out
