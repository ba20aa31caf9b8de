"""The words that say which perspective a measure belongs to: a staff survey speaks of learning and
growth, a complaint of the customer, a margin of the financial perspective.

Only three perspectives have words of their own here. The internal-process perspective is where the
others meet (a process measure counts patients discharged, costs per case, staff trained), so its
measures are never said to belong elsewhere, and no word points to it. The words are few and plain on
purpose: each one names whom or what a measure counts, so that its presence under another perspective
is worth a question, never a verdict. Words are compared by their lemma (employees → employee), read
with the same lexicon as the wording checks.
"""

from __future__ import annotations

import lemminflect

from workshop.checks.wording import words

# perspective key → the lemmas (and two-word phrases) that point to it
POINTERS: dict[str, frozenset[str]] = {
    "learning": frozenset(
        {
            "staff", "employee", "workforce", "personnel", "headcount", "vacancy", "absenteeism", "appraisal",
            "morale", "succession", "competency", "competence", "staff turnover",
        }
    ),
    "customer": frozenset(
        {
            "customer", "client", "patient", "citizen", "resident", "passenger", "visitor", "complaint",
            "loyalty", "market share",
        }
    ),
    "financial": frozenset(
        {
            "revenue", "profit", "margin", "budget", "expenditure", "income", "funding", "donation", "cash",
            "surplus", "deficit", "debt", "earnings", "ebitda", "roi", "dividend", "shareholder", "cost",
            "saving", "tax",
        }
    ),
}  # fmt: skip


def _lemma(word: str) -> str:
    found = lemminflect.getAllLemmas(word)
    for kind in ("NOUN", "VERB", "ADJ"):
        if found.get(kind):
            return found[kind][0]
    return word


def lemmas(text: str) -> list[str]:
    """The text's words as lemmas, and each pair of neighbours as a two-word phrase."""
    found = [_lemma(w) for w in words(text)]
    return found + [f"{a} {b}" for a, b in zip(found, found[1:], strict=False)]


def pointers(text: str) -> dict[str, list[str]]:
    """perspective key → the words of the text that point to it, in the text's order."""
    found = lemmas(text)
    return {key: list(dict.fromkeys(w for w in found if w in vocabulary)) for key, vocabulary in POINTERS.items() if set(found) & vocabulary}


def elsewhere(name: str, definition: str, objective: str, key: str) -> tuple[str, list[str]] | None:
    """The one other perspective a measure's name points to, with the words that point there, when
    nothing in the measure (its name and definition) points to its own perspective `key`, and its
    objective's words (title and description) do not use those words. None when the measure fits,
    or when its words point several ways."""
    if key not in POINTERS:
        return None
    if set(lemmas(f"{name}. {definition}")) & POINTERS[key]:
        return None
    own = set(lemmas(objective))
    others = {k: [w for w in found if w not in own] for k, found in pointers(name).items() if k != key}
    others = {k: found for k, found in others.items() if found}
    if len(others) != 1:
        return None
    return next(iter(others.items()))
