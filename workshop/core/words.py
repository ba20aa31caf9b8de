"""Counting in sentences: "1 objective", "3 objectives", never "objective(s)"."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and the noun that agrees with it: plural(1, "measure") → "1 measure"."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def agree(n: int, one: str, many: str) -> str:
    """The words that agree with a count: agree(n, "drives", "drive")."""
    return one if n == 1 else many


def ordinal(n: int) -> str:
    """ "1st", "2nd", "11th", "23rd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
