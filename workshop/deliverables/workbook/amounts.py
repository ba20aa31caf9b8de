"""Number formats a finance reader expects, and the width each needs: thousands separators, amounts
of ten million and more in millions ("175.0m", "38.5m"), of ten billion and more in billions, a
percentage as a percentage, and decimals only as far as the figures have them (4.24 keeps both). The
cell keeps the full figure; only its display is shortened. `shown` predicts the text a format shows,
so a column is made wide enough for the widest figure and never shows "###".
"""

from __future__ import annotations

from collections.abc import Iterable

MILLIONS, BILLIONS = 10_000_000, 10_000_000_000
HEADROOM = 10  # a column fits figures up to ten times the largest the measure has now, negative
MIN_WIDTH = 11  # "off target" and "no data" fit


def is_percent(unit: str) -> bool:
    return unit.strip().lower() in ("%", "percent", "per cent", "pct")


def decimals(figures: Iterable[float | None], most: int = 3) -> int:
    """How many decimals the figures use (at most `most`): 4.24 → 2, 175000000 → 0."""
    found = 0
    for value in figures:
        if value is None:
            continue
        text = f"{abs(value):.{most}f}".rstrip("0")
        found = max(found, len(text.split(".")[1]) if "." in text else 0)
    return found


def number_format(unit: str, figures: list[float | None]) -> str:
    """The format of a measure's cells, from its unit and its figures (in the measure's unit)."""
    known = [abs(v) for v in figures if v is not None]
    places = decimals(figures)
    if is_percent(unit):
        return "0" + ("." + "0" * min(places, 3) if places else "") + "%"
    largest = max(known, default=0)
    if largest >= BILLIONS:
        return '#,##0.0#,,,"bn"'
    if largest >= MILLIONS:
        return '#,##0.0#,,"m"'
    return "#,##0" + ("." + "0" * min(places, 3) if places else "")


def shown(value: float, fmt: str) -> str:
    """The text `fmt` shows for `value` (for the formats `number_format` makes)."""
    if fmt.endswith("%"):
        places = len(fmt.split(".")[1]) - 1 if "." in fmt else 0
        return f"{value * 100:,.{places}f}%"
    if fmt.endswith('"bn"'):
        return f"{value / 1e9:,.2f}bn"
    if fmt.endswith('"m"'):
        return f"{value / 1e6:,.2f}m"
    tail = fmt.split('"')[1] if '"' in fmt else ""
    body = fmt.split('"')[0].strip()
    places = len(body.split(".")[1]) if "." in body else 0
    return f"{value:,.{places}f}" + (f" {tail.strip()}" if tail.strip() else "")


def width(fmt: str, figures: Iterable[float | None], *, headroom: float = HEADROOM) -> float:
    """A column width (in characters) that shows every figure, and figures `headroom` times the
    largest, negative, in `fmt`, with a margin."""
    largest = max((abs(v) for v in figures if v is not None), default=0.0)
    widest = max(len(shown(-largest * headroom, fmt)), len(shown(-largest, fmt)))
    return max(MIN_WIDTH, widest * 1.15 + 2)
