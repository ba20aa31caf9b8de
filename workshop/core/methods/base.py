"""The base of every voting method, and the registry that finds a method by its name.

The shape is datasette's facets (a base class, one subclass per kind, registered) and our own
`checks/registry.py`: each method is a subclass of `VotingMethod` in a module of its own, registered
with `@register`; `get(name)` finds it, `all_methods()` lists them in the order a facilitator is
offered them. A method owns everything that differs between methods:

- the round: which items it may hold and which of the round's settings it uses;
- the ballot: what a participant sends, checked and turned into the ballot's columns (the room
  layer writes them), and a stored ballot read back (as a ballot sends it, and in words);
- paper ballots and shows of hands: what a hand can be raised for, and what the counts mean;
- the tally: each item's result from the ballots, hands and budgets it is given;
- the small-room rule: which part of core/disclosure.py applies to its results;
- the result in words (one line kept with a decision; the report's tally), and on a phone's card;
- what the ballot component and the presenter's chart need (`piece`, `chart`, `ballot_data`).

Everything here is pure: a method is given rows and returns rows or words; it never reads or writes
the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from workshop.core import disclosure
from workshop.core.clean import whole as whole  # re-exported: every method reads its whole numbers with it
from workshop.core.consensus import ItemResult, Thresholds
from workshop.core.errors import Invalid
from workshop.core.words import plural
from workshop.i18n import ENGLISH, Translator

# A ballot's value columns, in the order the ledger hashes them (room/ledger.py): a column added
# later goes at the end, so the chains of older rounds verify as before.
VALUE_COLUMNS = ("dots", "rating", "gradient", "rank", "skipped", "grid_x", "grid_y", "points", "fingers", "holds")
SKIP = "skip"
ITEM_KEYS = ("id", "label", "grouping", "kind", "objective_id", "measure_id", "initiative_id", "link_id", "cluster_id")

# The presenter's charts: a diverging bar of answers, bars ranked by points, a 2×2 grid, a split.
DIVERGING, RANKED, GRID, SPLIT = "diverging", "ranked", "grid", "split"
PRIORITY_CHARTS = (GRID, SPLIT)

Escape = Callable[[str], str]


def _same(text: str) -> str:
    return text


class VotingMethod:
    """One voting method. A subclass sets the class attributes and overrides what differs."""

    name: ClassVar[str] = ""  # as stored in voting_round.method
    label: ClassVar[str] = ""  # "Dot voting"
    noun: ClassVar[str] = ""  # in a sentence: "counted for dots, rating … rounds"
    description: ClassVar[str] = ""  # one line: the round form's hint, `python -m workshop methods`
    position: ClassVar[int] = 0  # where the round form offers it
    source: ClassVar[str] = ""  # where the method comes from (docs/voting-methods.md)
    columns: ClassVar[tuple[str, ...]] = ()  # the ballot columns its values use
    settings: ClassVar[tuple[str, ...]] = ()  # the round's settings it uses (dots_total, scale, grid_axes …)
    piece: ClassVar[str] = ""  # the ballot component's piece that draws its items (ballot*.js)
    chart: ClassVar[str] = DIVERGING  # the presenter's chart
    small_room: ClassVar[str] = disclosure.ANSWERS  # the part of the small-room rule that applies
    gives_verdict: ClassVar[bool] = False  # a verdict per item (consensus, re-discuss, drop …)
    ranked: ClassVar[bool] = False  # results in order of points
    per_group: ClassVar[bool] = False  # items answered and ranked within their perspective
    per_item: ClassVar[bool] = True  # each item answered on its own (a close mid-ballot keeps the answered ones)
    amount_column: ClassVar[str | None] = None  # a ballot spreads a budget (dots, points) held in this column
    unit: ClassVar[str] = "answer"  # what a paper ballot holds ("3 dots", "2 answers")
    uses_budgets: ClassVar[bool] = False  # the tally reads the initiatives' planned budgets
    hand_answers: ClassVar[tuple[str, ...]] = ()  # what a hand can be raised for (as stored); () for none
    has_blocks: ClassVar[bool] = False  # an answer that blocks the item (counted in `blocks`)
    private_fields: ClassVar[tuple[str, ...]] = ()  # fields the small-room rule hides with an item's points
    form_note: ClassVar[str] = ""  # the round form's line under the method's settings
    no_items_hint: ClassVar[str] = ""  # the round form's advice when nothing can be voted on with it
    hand_hint: ClassVar[str] = "; a person may keep their hand down."  # under "type how many hands went up for each answer"
    form_widget: ClassVar[str] = "radio"  # the plain form's field per item: radio, select, number or placement
    colours: ClassVar[tuple[str, ...]] = ()  # a diverging chart's colours, from most concern to most support
    dark: ClassVar[frozenset[str]] = frozenset({"#b2182b", "#8c8c8c", "#3182bd", "#08519c"})  # colours that take white text
    points_unit: ClassVar[str] = "points"  # a ranked chart's "Ranked by …"
    reading: ClassVar[str] = ""  # one sentence for the app's "How votes are read": which answers count as what

    # --- the round ---------------------------------------------------------------------------

    def offers(self, kind: str) -> bool:
        """Whether a round of this method may hold an item of `kind`."""
        return True

    def round_settings(self, kinds: list[str], items: Sequence[tuple[str, object]], settings: dict) -> dict:
        """The round's settings checked for this method (a refusal in words), and what it adds to them."""
        return {"grid_axes": None}

    # --- a ballot ------------------------------------------------------------------------------

    def values(self, items: dict[int, dict], wanted: dict[int, object], rnd: dict, source: str = "device") -> dict[int, dict | None]:
        """Each item's ballot columns (None withdraws it) from what a participant sent, or a refusal."""
        return {i: self.value(v, items[i], rnd) for i, v in wanted.items()}

    def value(self, sent: object, item: dict, rnd: dict) -> dict | None:
        raise NotImplementedError

    def amount(self, value: dict | None) -> int:
        """The dots or points a ballot value holds (0 for a method without a budget)."""
        return int((value or {}).get(self.amount_column) or 0) if self.amount_column else 0

    def choice(self, ballot: dict) -> object:
        """A stored ballot as the ballot sends it back (to show it, or to correct a paper ballot)."""
        raise NotImplementedError

    def label_in(self, tr: Translator = ENGLISH) -> str:
        """The method's name in the viewer's language ("Dot voting")."""
        return tr.gettext(self.label)

    def answer(self, ballot: dict, rnd: dict, tr: Translator = ENGLISH) -> str:
        """One ballot's answer in plain words."""
        return self.answer_label(None if ballot.get("skipped") else self.choice(ballot), rnd.get("scale") or "agreement", tr=tr)

    def answer_label(self, value: object, scale: str = "agreement", short: bool = False, tr: Translator = ENGLISH) -> str:
        """One answer in plain words."""
        raise NotImplementedError

    def blank(self, text: str) -> bool:
        """Whether what a paper says for an item is nothing at all (for a budget, 0 is nothing)."""
        return text in ("", "None") or (self.amount_column is not None and text == "0")

    def paper_choices(self, rnd: dict, choices: dict) -> dict:
        """A paper ballot checked in words about the paper (the facilitator enters it)."""
        return choices

    def paper_count(self, choices: dict) -> str:
        """What a paper ballot held, counted: "3 dots", "100 points", "2 answers"."""
        if self.amount_column:
            return plural(sum(int(v or 0) for v in choices.values()), self.unit)
        given = [v for v in choices.values() if v not in (None, "") and not (isinstance(v, dict) and all(x is None for x in v.values()))]
        return plural(len(given), "answer")

    # --- a show of hands -----------------------------------------------------------------------

    def hand_values(self, counts: dict[str, int]) -> list:
        """A show of hands as the answers the tally reads."""
        return [value for answer, n in counts.items() for value in [self.hand_value(answer)] * int(n)]

    def hand_value(self, answer: str) -> object:
        return answer

    def hand_heading(self, answer: str, scale: str) -> str:
        """An answer's heading in the facilitator's grid of hands."""
        return self.answer_label(self.hand_value(answer), scale, short=True)

    def hand_columns(self, scale: str) -> list[str]:
        """The headings of the facilitator's grid of hands, one per answer."""
        return [self.hand_heading(a, scale) for a in self.hand_answers]

    def hands_refused(self) -> str:
        """Why this method cannot be counted by hand ('' when it can)."""
        if self.hand_answers:
            return ""
        by_hand = [m.noun or m.label.lower() for m in all_methods() if m.hand_answers]
        return f"Hands are counted for {', '.join(by_hand[:-1])} and {by_hand[-1]} rounds only: enter a paper ballot for each person instead."

    def too_many_hands(self, raised: int, people: int, label: str) -> str:
        """The refusal when more hands went up on an item than people vote by hand ('' when allowed)."""
        if raised <= people:
            return ""
        return (
            f"{raised} hands counted on “{label}”, but only {plural(people, 'person', 'people')} "
            "vote by hand: one hand each. Count again, or raise the number voting by hand."
        )

    def check_hand_total(self, total: int, people: int, rnd: dict) -> None:
        """The hands of every item together, checked against what the people voting by hand have."""

    def least_hand_voters(self, total: int, rnd: dict) -> int:
        """How many people at least raised `total` hands in all (beyond the most on one item)."""
        return 0

    # --- the tally -----------------------------------------------------------------------------

    def results(
        self,
        items: list[dict],
        ballots: dict[int, list[dict]],
        hands: dict[int, list],
        rules: Thresholds,
        rnd: dict,
        budgets: dict[int, float | None],
    ) -> list[dict]:
        """Per item, in the round's order: the item, its result's fields and its place, every count
        as cast (the small-room rule is applied afterwards, by `protect`)."""
        raise NotImplementedError

    def order(self, rows: list[dict]) -> list[dict]:
        """The results in the order the room sees them: the round's (ranked methods: by points)."""
        return list(rows)

    def counted(self, ballot: dict) -> object:
        """A ballot's answer as the tally reads it (None for a skip)."""
        return None if ballot.get("skipped") else self.choice(ballot)

    def item_result(self, answers: list, rules: Thresholds) -> ItemResult:
        """One item's result from its answers (a method with a verdict)."""
        raise NotImplementedError

    def protect(self, rows: list[dict], **rule: Any) -> list[dict]:
        """The result rows as the room may see them (core/disclosure.py)."""
        return disclosure.protect(rows, self, **rule)

    def distribution(self, counts: dict, scale: str = "agreement", short: bool = False, tr: Translator = ENGLISH) -> list[dict]:
        """Every answer with its group and number, from most concern to most support ([] without a scale)."""
        return []

    def count_phrase(self, text: str, value: object) -> str:
        """One answer's count as the named record reads it ("3 rated 5"); '' to use its label."""
        return ""

    # --- the result in words -----------------------------------------------------------------

    def summary(self, row: dict, rnd: dict) -> str:
        """One line: what the vote said about an item (kept with its decision), as the small-room rule
        lets the room see it. A withheld row has been answered with its note already."""
        raise NotImplementedError

    def evidence(self, row: dict, rnd: dict) -> str:
        """The votes in words for the report's record (never an internal name or a statistic)."""
        raise NotImplementedError

    def standing_words(self, row: dict) -> str:
        """ "2nd place" for a ranked method; '' otherwise."""
        return ""

    def advice(self, row: dict, rnd: dict) -> str:
        """What a prioritising round suggests the facilitator records ('' for the others)."""
        return ""

    def decision_hint(self) -> str:
        """The facilitator's line above a closed round's decisions."""
        raise NotImplementedError

    def movement_word(self, row: dict) -> str:
        """An item's result in a few words, before and after a re-vote (priority methods)."""
        return ""

    # --- the ballot, the results on a phone, the tables ------------------------------------------

    def how(self, rnd: dict, tr: Translator = ENGLISH) -> str:
        """How to vote, above the ballot component."""
        raise NotImplementedError

    def form_how(self, rnd: dict, tr: Translator = ENGLISH) -> str:
        """How to vote, above the plain form."""
        raise NotImplementedError

    def ballot_data(self, rnd: dict, items: list[dict], tr: Translator = ENGLISH) -> dict:
        """What the ballot component's piece needs beyond the items (scale words, a budget …)."""
        return {}

    def extent(self, mine: dict[int, dict], item_count: int, rnd: dict, tr: Translator = ENGLISH) -> str:
        """How much of the ballot is in: "for 4 of 6 items"."""
        # TRANSLATORS: how much of a ballot is in, after "Your votes are in"
        return tr.ngettext("for {n} of {total} item", "for {n} of {total} items", item_count).format(n=len(mine), total=item_count)

    def form_extent(self, mine: dict[int, dict], item_count: int, rnd: dict, tr: Translator = ENGLISH) -> str:
        """The same, for the plain form: "for 4 of 6 items"."""
        return self.extent(mine, item_count, rnd, tr)

    def paper_note(self, rnd: dict, tr: Translator = ENGLISH) -> str:
        """A line above the paper ballot's fields ('' for none)."""
        return ""

    def card_order(self, rows: list[dict]) -> list[dict]:
        """The result cards' order on a phone."""
        return list(rows)

    def card(self, row: dict, rows: list[dict], scale: str, grid_axes: str | None, tr: Translator = ENGLISH) -> dict:
        """A result card's verdict, figures, note and spread, for a row the rule does not withhold."""
        raise NotImplementedError

    def room_table(self, rows: list[dict], rnd: dict, escape: Escape = _same, tr: Translator = ENGLISH) -> list[dict]:
        """The results as the plain form's table shows them (`escape` for user text)."""
        raise NotImplementedError

    def figures(self, rows: list[dict], rnd: dict, escape: Escape = _same) -> list[dict]:
        """The facilitator's table of figures (`escape` for user text)."""
        raise NotImplementedError

    # --- the plain form (when the ballot component cannot be used) and the paper ballot ----------

    def form_options(self, rnd: dict, items: list[dict], item: dict, *, paper: bool = False) -> list:
        """A radio's or select box's options, as the widget shows them (before `form_label`)."""
        raise NotImplementedError

    def form_label(self, option: object, *, paper: bool = False, tr: Translator = ENGLISH) -> str:
        """An option in words (the widget's `format_func`)."""
        return str(option)

    def form_index(self, options: list, current: object) -> int | None:
        """The option showing `current` (a ballot's choice, or a stored value); None for none picked."""
        return None if current is None else options.index(str(current))

    def form_value(self, option: object) -> object:
        """What the form sends for the option picked."""
        return option

    def chart_line(self, rows: list[dict], tr: Translator = ENGLISH) -> str:
        """One line under a priority chart ('' for none)."""
        return ""

    def __repr__(self) -> str:
        return f"<voting method {self.name}>"


_REGISTRY: dict[str, VotingMethod] = {}


def register(cls: type[VotingMethod]) -> type[VotingMethod]:
    """Register a method (a class decorator); its name must be new."""
    assert cls.name and cls.name not in _REGISTRY, f"a voting method needs a new name: {cls.name!r}"
    assert set(cls.columns) <= set(VALUE_COLUMNS), f"{cls.name}: unknown ballot columns"
    _REGISTRY[cls.name] = cls()
    return cls


def all_methods() -> list[VotingMethod]:
    """Every method, in the order the round form offers them."""
    return sorted(_REGISTRY.values(), key=lambda m: m.position)


def names() -> tuple[str, ...]:
    return tuple(m.name for m in all_methods())


def labels() -> dict[str, str]:
    return {m.name: m.label for m in all_methods()}


def get(name: str | None) -> VotingMethod:
    """The method called `name`, or a refusal that names every method."""
    if name not in _REGISTRY:
        raise Invalid(f"Choose a voting method: {'; '.join(m.label.lower() for m in all_methods())}.")
    return _REGISTRY[str(name)]


def item_keys(item: dict) -> dict:
    """The item's own fields every result row starts with."""
    return {**{k: item[k] for k in ITEM_KEYS}, "item_id": item["id"]}


def skipped_label(value: object, tr: Translator = ENGLISH) -> str:
    """ "Skipped" for no answer ('' for an answer)."""
    return tr.gettext("Skipped") if value in (None, "skip", "skipped") else ""


def number(value: float | None) -> str:
    """A figure as a table prints it: "—" where it is hidden."""
    return "—" if value is None else f"{value:g}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"
