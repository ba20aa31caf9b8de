"""Reading an objective's wording: does it start with a verb, does it bundle two outcomes.

"Starts with a verb" is decided with lemminflect's English lexicon (its verb forms come from a large
corpus), not a hand-written list: a title whose first word is a verb in its base form ("Safeguard the
environment", "Use the employee stock programme") passes. Where a word is both a noun and a verb
("Service excellence", "Market share") the lexicon cannot tell which is meant, and the check gives the
benefit of the doubt: it would rather miss a noun phrase than call a real verb wrong.
"""

from __future__ import annotations

import re
from functools import lru_cache

import lemminflect

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Prefixes that make a verb of a verb: re-engineer, co-create, upskill, onboard, outsource …
_HYPHEN_PREFIXES = ("re", "co", "pre", "de", "un", "out", "over", "under", "cross", "up")
_JOINED_PREFIXES = ("re", "co", "up", "on", "in", "out", "over", "under", "pre", "de")
_VERB_ENDINGS = ("ise", "ize", "ify")
_COMPARATIVE_WORDS = {"more", "fewer", "less", "most", "least"}
_ARTICLES = {"the", "a", "an", "our", "its", "their", "your", "his", "her", "this", "that", "these", "those"}
_LINKING = {"and", "or", "on", "at", "with", "for", "in", "of", "to", "by", "per", "from", "&"}
# Words that join two outcomes in one objective.
_JOINS = re.compile(r"\s(?:and|&|as well as|while|whilst|plus|along with|together with)\s", re.IGNORECASE)


def words(title: str) -> list[str]:
    return [w.strip("'’-").lower() for w in _WORD.findall(title) if w.strip("'’-")]


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict:
    return lemminflect.getAllLemmas(word)


def _is_base_verb(word: str) -> bool:
    return word in _lemmas(word).get("VERB", ())


@lru_cache(maxsize=4096)
def is_verb(word: str) -> bool:
    """A verb in its base form ("improve", "safeguard"), as the lexicon knows it or as English builds
    one (re-engineer, upskill, digitalise)."""
    word = word.lower()
    if _is_base_verb(word):
        return True
    if "-" in word:
        prefix, _, rest = word.partition("-")
        return prefix in _HYPHEN_PREFIXES and _is_base_verb(rest)
    if _lemmas(word):
        return False  # the lexicon knows the word, and not as a verb
    if len(word) > 5 and word.endswith(_VERB_ENDINGS):
        return True  # a verb the lexicon lacks, made the usual way (incentivise, operationalise)
    return any(word.startswith(p) and len(word) - len(p) >= 3 and _is_base_verb(word[len(p) :]) for p in _JOINED_PREFIXES)


def _is_adverb(word: str) -> bool:
    return bool(_lemmas(word).get("ADV")) and not _lemmas(word).get("NOUN")


def starts_with_verb(title: str) -> bool:
    """The first word is a verb ("Improve …"), or an adverb before one ("Continuously improve …")."""
    first = title.split(maxsplit=1)[:1]
    if not first or not _WORD.fullmatch(first[0].strip('.,;:!?"“”()')):
        return False  # a number, a symbol or nothing comes first
    found = words(title)
    if found[0] == "to" and len(found) > 1:
        found = found[1:]  # an infinitive: "To build and strengthen the membership"
    if is_verb(found[0]):
        return True
    return len(found) > 1 and _is_adverb(found[0]) and is_verb(found[1])


def is_comparative(word: str) -> bool:
    """more, fewer, lower, best, cheapest …: a word that sets a level to reach."""
    if word in _COMPARATIVE_WORDS:
        return True
    if not word.endswith(("er", "est")):
        return False
    lemmas = _lemmas(word)
    return any(lemma != word for kind in ("ADJ", "ADV") for lemma in lemmas.get(kind, ()))


def _content(part: str) -> list[str]:
    return [w for w in words(part) if w not in _ARTICLES and w != "to"]


def bundled_outcomes(title: str) -> tuple[str, str] | None:
    """The two outcomes an objective bundles, if it does: "More customers on fewer planes",
    "Lowest price and on-time arrival", "Grow revenue and cut costs". None for one outcome, including
    pairs that name one thing ("Health and safety", "Attract and retain customers")."""
    found = words(title)
    levels = [n for n, w in enumerate(found) if is_comparative(w)]
    if len(levels) >= 2 and set(found[levels[0] + 1 : levels[-1]]) - _LINKING - _ARTICLES:
        first, second = found[levels[0] : levels[-1]], found[levels[-1] :]
        while first and first[-1] in _LINKING:
            first = first[:-1]
        return " ".join(first), " ".join(second)
    for match in _JOINS.finditer(title):  # the first join with an outcome on each side
        left, right = title[: match.start()].strip(), title[match.end() :].strip()
        left_words, right_words = _content(left), _content(right)
        if len(left_words) >= 2 and len(right_words) >= 2 and (is_verb(right_words[0]) or levels):
            return left, right
    return None
