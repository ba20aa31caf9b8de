"""Reading an objective's wording: does it start with a verb, does it bundle two outcomes, does it stop
mid-phrase, which abbreviations does it use; and does a measure's name read as a task.

Verbs, nouns and adjectives are told apart with lemminflect's English lexicon (its forms come from a
large corpus), not hand-written lists: a title whose first word is a verb in its base form ("Safeguard
the environment") or its -ing form ("Building trust through openness", the way an objective completes
"we do this by …") is an action. Where a word is both a noun and a verb ("Service excellence", "Market
share") the lexicon cannot tell which is meant, and the checks give the benefit of the doubt: they would
rather miss a noun phrase than call a real verb wrong. What the lexicon cannot know is read from the
words around it (a verb with no object before "and" shares the object after it; a word that could be a
verb but is followed by a preposition is a noun). The only word sets here are grammar's closed classes:
articles, prepositions, conjunctions and the verbs that take an adjective.
"""

from __future__ import annotations

import re
from functools import lru_cache

import lemminflect

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A title read as tokens: words, numbers (25%, £460, 1,000) and the marks that join or end a phrase.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[£$€]?\d[\d.,]*%?|[,;&/…]|\.\.\.")
# Prefixes that make a verb of a verb: re-engineer, co-create, upskill, onboard, outsource …
_HYPHEN_PREFIXES = ("re", "co", "pre", "de", "un", "out", "over", "under", "cross", "up")
_JOINED_PREFIXES = ("re", "co", "up", "on", "in", "out", "over", "under", "pre", "de")
_VERB_ENDINGS = ("ise", "ize", "ify")
_GERUND_ENDINGS = ("ising", "izing", "ifying")
_COMPARATIVE_WORDS = {"more", "fewer", "less", "most", "least"}
_ARTICLES = {"the", "a", "an", "our", "its", "their", "your", "his", "her", "this", "that", "these", "those"}
_DETERMINERS = _ARTICLES | {"every", "each", "all", "some", "any", "no", "my", "whose"}
_LINKING = {"and", "or", "on", "at", "with", "for", "in", "of", "to", "by", "per", "from", "&"}
# Prepositions that cannot end a phrase (the particles of phrasal verbs can: "scale up", "roll out").
_PREPOSITIONS = {
    "of", "to", "for", "with", "from", "by", "at", "into", "onto", "than", "per", "via", "between", "among",
    "through", "towards", "toward", "across", "about", "within", "without", "beyond", "against", "during",
    "under", "above", "below", "upon", "despite", "including",
}  # fmt: skip
_CONJUNCTIONS = {"and", "or", "&", "but", "nor", "as", "while", "whilst", "plus", "so", "if", "because"}
# Prepositions that never end a phrase as a particle or an adverb ("follow through", "see below" do).
_NOT_LAST = {
    "of", "to", "for", "with", "from", "by", "at", "into", "onto", "than", "per", "via", "between", "among",
    "towards", "toward", "against", "during", "upon", "despite", "including",
}  # fmt: skip
# Words after which a word is a verb: "… people want to work for", "what we stand for".
_BEFORE_A_VERB = {"to", "we", "you", "they", "i", "he", "she", "can", "could", "will", "would", "shall", "should", "may", "might", "must"}
# Verbs that take an adjective as their complement: "Stay competitive", "Become sustainable".
_COPULAS = {"be", "become", "stay", "remain", "keep", "get", "go", "turn", "prove", "seem", "appear", "feel", "look", "think", "act", "live", "buy"}
# Words that join two outcomes in one objective.
_JOINS = re.compile(r"\s(?:and|&|as well as|while|whilst|plus|along with|together with)\s", re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![A-Za-z])([A-Z][A-Z&]*[A-Z])s?(?![A-Za-z])")


def words(title: str) -> list[str]:
    return [w.strip("'’-").lower() for w in _WORD.findall(title) if w.strip("'’-")]


def tokens(title: str) -> list[str]:
    """Words (lower case), numbers and the marks that join phrases, in order: "Hire, train and keep
    our people" → hire , train and keep our people."""
    found = [t.strip("'’-").lower() if t[0].isalpha() else t for t in _TOKEN.findall(title)]
    return [t for t in found if t]


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict:
    return lemminflect.getAllLemmas(word)


def _is_base_verb(word: str) -> bool:
    return word in _lemmas(word).get("VERB", ())


def _is_noun(word: str) -> bool:
    return bool(_lemmas(word).get("NOUN"))


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


@lru_cache(maxsize=4096)
def is_gerund(word: str) -> bool:
    """The -ing form of a verb ("building", "strengthening", "re-engineering"), which leads an objective
    written to complete "we do this by …". An -ing word the lexicon knows only as an adjective
    ("outstanding", "ongoing") or a noun ("morning") is not one."""
    word = word.lower()
    if not word.endswith("ing") or len(word) < 5:
        return False
    if "-" in word:
        prefix, _, rest = word.partition("-")
        return prefix in _HYPHEN_PREFIXES and is_gerund(rest)
    verbs = _lemmas(word).get("VERB", ())
    if verbs:
        return any(v != word for v in verbs)
    return not _lemmas(word) and word.endswith(_GERUND_ENDINGS)  # digitalising, incentivising


def is_action(word: str) -> bool:
    """A verb that can lead an objective: its base form or its -ing form."""
    return is_verb(word) or is_gerund(word)


def _is_adverb(word: str) -> bool:
    return bool(_lemmas(word).get("ADV")) and not _lemmas(word).get("NOUN")


def starts_with_verb(title: str) -> bool:
    """The first word is a verb ("Improve …", "Building …"), or an adverb before one ("Continuously
    improve …")."""
    first = title.split(maxsplit=1)[:1]
    if not first or not _WORD.fullmatch(first[0].strip('.,;:!?"“”()')):
        return False  # a number, a symbol or nothing comes first
    found = words(title)
    if found[0] == "to" and len(found) > 1:
        found = found[1:]  # an infinitive: "To build and strengthen the membership"
    if is_action(found[0]):
        return True
    return len(found) > 1 and _is_adverb(found[0]) and is_action(found[1])


def is_comparative(word: str) -> bool:
    """more, fewer, lower, best, cheapest …: a word that sets a level to reach."""
    if word in _COMPARATIVE_WORDS:
        return True
    if not word.endswith(("er", "est")):
        return False
    lemmas = _lemmas(word)
    return any(lemma != word for kind in ("ADJ", "ADV") for lemma in lemmas.get(kind, ()))


def _levels(found: list[str]) -> list[int]:
    """Where the comparatives are; one followed by "of" is a noun ("the number of members")."""
    return [n for n, w in enumerate(found) if is_comparative(w) and found[n + 1 : n + 2] != ["of"]]


def _may_be_adjective(word: str) -> bool:
    """An adjective as the lexicon knows it ("efficient", "safe", "cheaper"), or one it lists only as a
    noun although its adverb is known ("responsible" / "responsibly", "visible" / "visibly")."""
    lemmas = _lemmas(word)
    if lemmas.get("ADJ"):
        return True
    return word.endswith("ble") and set(lemmas) == {"NOUN"} and bool(_lemmas(word[:-1] + "y").get("ADV"))


def _is_adjective(word: str) -> bool:
    """An adjective that cannot be a noun: "efficient", "strong", "responsible"; not "potential",
    "public" or "waste", which end a title as nouns."""
    return _may_be_adjective(word) and not (_lemmas(word).get("ADJ") and _is_noun(word))


def _content(part: str) -> list[str]:
    return [w for w in words(part) if w not in _ARTICLES and w != "to"]


def _verb_series(left: list[str]) -> bool:
    """The words before a join end in verbs that have no object of their own ("Hire, train, keep",
    "Spend to build", "To build"): the verb after the join shares the object that follows it."""
    n = len(left) - 1
    while n >= 0 and is_action(left[n]):
        before = left[n - 1] if n > 0 else None
        if before is None or before == "to":
            return True
        if before not in (",", "and", "&", "or"):
            return False
        n -= 2
    return False


def _in_prepositional_phrase(left: list[str]) -> bool:
    """The words before a join end inside a phrase led by a preposition ("… of governance"): the join
    most likely adds a noun to that phrase ("of governance and support systems")."""
    for word in reversed(left[:-1]):
        if word in _PREPOSITIONS:
            return True
        if word in (",", ";") or is_verb(word) and not _is_noun(word):
            return False
    return False


def _verb_leads(right: list[str], gerunds: bool, left: list[str]) -> bool:
    """The words after a join start with a verb and its object ("cut costs", "establish a movement"),
    not with a noun that could be a verb ("staff through training", "nurses and staff", "… of
    governance and support systems")."""
    if not right:
        return False
    head, after = right[0], right[1:2]
    if not (is_verb(head) or (gerunds and is_gerund(head))):
        return False
    if not _is_noun(head):
        return True  # a verb and nothing else: maintain, establish, growing
    if _in_prepositional_phrase(left):
        return False
    return bool(after) and after[0][0].isalpha() and after[0] not in _PREPOSITIONS | _CONJUNCTIONS


def _two_levelled_phrases(left: list[str], right: list[str]) -> bool:
    """Two noun phrases each with a level of its own ("Lowest price and on-time arrival"); not one noun
    with two qualities ("a more efficient and effective government", "faster and cheaper service") nor
    one level over a pair of nouns ("better roads and bridges", "nurses and staff")."""
    if not left or not right or _may_be_adjective(left[-1]):
        return False  # the qualities before the join qualify the noun after it
    return not _is_noun(right[0])


def bundled_outcomes(title: str) -> tuple[str, str] | None:
    """The two outcomes an objective bundles, if it does: "More customers on fewer planes", "Lowest
    price and on-time arrival", "Grow revenue and cut costs". None for one outcome, including pairs
    that name one thing ("Health and safety", "Attract and retain customers", "Hire, train, keep and
    grow our people", "Spend to build & maintain the road network", "Faster and cheaper service")."""
    found = words(title)
    levels = _levels(found)
    if len(levels) >= 2 and set(found[levels[0] + 1 : levels[-1]]) - _LINKING - _ARTICLES:
        first, second = found[levels[0] : levels[-1]], found[levels[-1] :]
        while first and first[-1] in _LINKING:
            first = first[:-1]
        return " ".join(first), " ".join(second)
    gerunds = bool(found) and is_gerund(found[0])  # a title led by an -ing verb joins -ing verbs
    for match in _JOINS.finditer(title):  # the first join with an outcome on each side
        left, right = title[: match.start()].strip(), title[match.end() :].strip()
        if len(_content(left)) < 2 or len(_content(right)) < 2 or _verb_series(tokens(left)):
            continue
        right_words = [w for w in tokens(right) if w not in _ARTICLES]
        if _verb_leads(right_words, gerunds, tokens(left)) or (levels and _two_levelled_phrases(words(left), right_words)):
            return left, right
    return None


def _dangling_adjective(found: list[str]) -> bool:
    """The title ends in adjectives with no noun after them: straight after its verb ("Reward
    responsible") or after a determiner ("Build a strong"). "Stay competitive", "Keep streets safe",
    "Protect the vulnerable" and "Grow stronger" are whole."""
    n = len(found) - 1
    if not _is_adjective(found[n]) or is_comparative(found[n]) or found[n] in _COMPARATIVE_WORDS:
        return False
    while n > 0 and (_is_adjective(found[n - 1]) or found[n - 1] in (",", "and", "or")):
        n -= 1
    if n == 0:
        return False
    before = found[n - 1]
    if before in _DETERMINERS - {"the"}:
        return True
    leading = 1 if found[0] == "to" else 0
    return n - 1 == leading and is_verb(before) and before not in _COPULAS


def _stranded(before: list[str]) -> bool:
    """The words before a final preposition end in a verb: one the lexicon knows only as a verb, or
    any verb after "to", a pronoun or "can", "will" …"""
    word = before[-1]
    if not is_verb(word):
        return False
    return not _is_noun(word) or (len(before) >= 2 and before[-2] in _BEFORE_A_VERB)


def stops_mid_phrase(title: str) -> str | None:
    """How the title ends, in its own words, if it stops mid-phrase: on "of", "and", "the", "…", a
    possessive, or an adjective with nothing to qualify ("Reward responsible"). None for a whole title."""
    text = title.strip().rstrip('.!?:)"”')
    found, raw = tokens(text), [t for t in _TOKEN.findall(text) if t.strip("'’-")]
    if not found:
        return None
    last = found[-1]
    if last in ("…", "...", ",", ";", "&", "/"):
        return " ".join(raw[-3:])
    if last in _NOT_LAST and len(found) >= 2 and _stranded(found[:-1]):
        return None  # a verb's preposition, left at the end: "the employer people want to work for"
    if last in _DETERMINERS | _NOT_LAST | _CONJUNCTIONS or last.endswith(("'s", "’s")):
        return " ".join(raw[-2:])
    if len(found) >= 2 and last[0].isalpha() and _dangling_adjective(found):
        return " ".join(raw[-2:])
    return None


def acronyms(title: str) -> list[str]:
    """The abbreviations of three or more capitals in a title ("CRM", "KPIs" → KPI, "OEM"); none in a
    title written all in capitals, and no Roman numeral ("Phase III")."""
    letters = [c for c in title if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > len(letters) / 2:
        return []
    found = [a for a in _ACRONYM.findall(title) if sum(c.isalpha() for c in a) >= 3 and not set(a) <= set("IVXLCDM")]
    return list(dict.fromkeys(found))


def _spelled_out(found: list[str], letters: str) -> bool:
    """Some run of the words has the letters as its initials, function words optionally left out:
    "customer relationship management" → CRM, "Kenya Hospices and Palliative Care Association" →
    KHPCA or KHAPCA."""

    def match(i: int, j: int) -> bool:
        if j == len(letters):
            return True
        if i == len(found):
            return False
        w = found[i]
        if w[0] == letters[j] and match(i + 1, j + 1):
            return True
        return (w in _LINKING or w in _ARTICLES) and match(i + 1, j)

    return any(w[0] == letters[0] and match(n, 0) for n, w in enumerate(found))


def explains(text: str, acronym: str) -> bool:
    """The text spells the abbreviation out (“customer relationship management (CRM)”, or its words in
    order) or is it (“KEHPCA” as the organisation's name)."""
    if text.strip() == acronym or f"({acronym})" in text or f"({acronym}s)" in text:
        return True
    return _spelled_out(words(text), acronym.replace("&", "").lower())


def reads_as_task(name: str) -> bool:
    """A measure's name that reads as a task to do ("Obtain the Baldrige award", "Complete the new wing",
    "Launch the app") rather than a quantity: a verb only the lexicon knows as a verb, or any verb
    followed by "the", "a", "our" …"""
    found = tokens(name)
    if found[:1] == ["to"]:
        found = found[1:]
    if not found or not is_verb(found[0]):
        return False
    if not _is_noun(found[0]) and not _may_be_adjective(found[0]):
        return True
    return len(found) > 1 and found[1] in _DETERMINERS
