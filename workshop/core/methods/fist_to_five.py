"""Fist to five: the quick consensus check of agile and Scrum facilitation (described, among others,
by Jean Tabaka, *Collaboration Explained: Facilitation Skills for Software Project Leaders*,
Addison-Wesley, 2006). Each person shows 0 to 5 fingers for each item:

- a fist (0) blocks the item: the person cannot go along with it, and the room talks it through;
- 1 or 2 fingers: concerns to discuss before going ahead (major, minor): the item is not ready,
  which is not a vote against it (as "more discussion needed" on the gradients of agreement);
- 3, 4 or 5 fingers: support, from "I can live with it" to "I will champion it".

So 3–5 count as support, 1–2 as neutral, 0 as concern, and the verdict reads them as the gradients'
(core/consensus.py): any fist blocks the item ("Blocked: discuss"); enough support and it is
consensus; otherwise it is re-discussed. An item is never dropped by fist to five alone: without a
fist nobody has voted against it.
"""

from __future__ import annotations

from workshop.core import consensus
from workshop.core.consensus import CONCERN, NEUTRAL, SUPPORT
from workshop.core.errors import Invalid
from workshop.core.methods.answers import AnswerMethod
from workshop.core.methods.base import number, register, skipped_label, whole
from workshop.core.words import plural
from workshop.i18n import ENGLISH, N_, Translator

SOURCE = (
    "Fist to five, the consensus check of agile and Scrum facilitation; e.g. Jean Tabaka, Collaboration "
    "Explained: Facilitation Skills for Software Project Leaders (Addison-Wesley, 2006)"
)
FINGERS = (0, 1, 2, 3, 4, 5)  # from most concern to most support
FINGER_GROUPS = {0: CONCERN, 1: NEUTRAL, 2: NEUTRAL, 3: SUPPORT, 4: SUPPORT, 5: SUPPORT}
FINGER_WORDS = {  # what each hand says, as the ballot shows it under the number
    0: N_("Block"),
    1: N_("Major concerns"),
    2: N_("Minor concerns"),
    3: N_("Can live with it"),
    4: N_("Support"),
    5: N_("Full support"),
}
FINGER_LABELS = {
    0: N_("Fist · I block it"),
    1: N_("1 finger · major concerns to discuss"),
    2: N_("2 fingers · minor concerns to discuss"),
    3: N_("3 fingers · I can live with it"),
    4: N_("4 fingers · I support it"),
    5: N_("5 fingers · I fully support it"),
}
REFUSAL = "Fingers are a whole number from 0 (a fist: you block the item) to 5 (full support)."


def fingers(sent: object) -> int:
    """A number of fingers as sent (3, "3"), or a refusal in words ("two", 1.5, True, 6 and -1 are not)."""
    n = whole(sent)
    if n is None or not 0 <= n <= 5:
        raise Invalid(REFUSAL)
    return n


def finger_options(tr: Translator = ENGLISH) -> list[dict]:
    """The six answers in the ballot's order (a fist first), each with its words and the side it
    counts on (concern, neutral, support), which the ballot shows as a colour beside the words."""
    return [{"value": str(n), "label": str(n), "hint": tr.gettext(FINGER_WORDS[n]), "side": FINGER_GROUPS[n]} for n in FINGERS]


def showed(text: str, n: int) -> str:
    """ "3 showed 4 fingers", "1 showed a fist"."""
    return f"{text} showed a fist" if n == 0 else f"{text} showed {plural(n, 'finger')}"


@register
class FistToFive(AnswerMethod):
    name = "fist_to_five"
    label = N_("Fist to five")
    noun = "fist to five"
    description = "Each person shows 0–5 fingers on each item: a fist (0) blocks it, 1–2 ask for more discussion, 3–5 support it."
    position = 7
    source = SOURCE
    columns = ("fingers",)
    piece = "fingers"
    has_blocks = True
    hand_answers = ("5", "4", "3", "2", "1", "0")
    support_words = "showed 3 fingers or more"
    reading = "Fist to five: 3–5 fingers support, 1–2 ask for more discussion (neutral), a fist (0) blocks."
    colours = ("#b2182b", "#8c8c8c", "#cfcfcf", "#6baed6", "#3182bd", "#08519c")
    form_note = "A fist (0) blocks an item until the room has talked it through; 1–2 fingers ask for more discussion; 3–5 support it."

    def value(self, sent, item, rnd):
        if sent is None or sent == "":
            return None
        return {"fingers": fingers(sent)}

    def choice(self, ballot):
        return str(ballot["fingers"])  # a string: a fist (0) is an answer, not an empty ballot

    def counted(self, ballot):
        return ballot["fingers"]

    def answer_label(self, value, scale="agreement", short=False, tr=ENGLISH):
        if skipped_label(value):
            return skipped_label(value, tr)
        n = int(str(value))
        return f"{n} · {tr.gettext(FINGER_WORDS[n]).lower()}" if short else tr.gettext(FINGER_LABELS[n])

    def scale_values(self, scale="agreement"):
        return FINGERS

    def group(self, value):
        return FINGER_GROUPS[int(str(value))]

    def item_result(self, answers, rules):
        return consensus.answers_result(answers, FINGER_GROUPS, rules, values=tuple(reversed(FINGERS)), block=0)  # counts: full support first

    def hand_value(self, answer):
        return int(answer)

    def count_phrase(self, text, value):
        return showed(text, int(str(value)))

    def typical(self, row):
        return "" if row["median"] is None else f", typically {plural_fingers(row['median'])}"

    def counts_phrase(self, counts):
        return " · ".join(showed(str(counts[n]), n) for n in reversed(FINGERS) if counts.get(n))

    def card_figures(self, row, tr=ENGLISH):
        return [[tr.gettext("Blocks"), number(row["blocks"])], [tr.gettext("Median"), number(row["median"])]]

    def how(self, rnd, tr=ENGLISH):
        return tr.gettext(
            "Show how far you support each item with 0 to 5 fingers: a fist (0) blocks it until the room "
            "has talked it through, 1 or 2 ask for more discussion, 3 to 5 support it."
        )

    def form_how(self, rnd, tr=ENGLISH):
        return tr.gettext("Show 0 to 5 fingers for each item: 0 (a fist) blocks it, 1–2 ask for more discussion, 3–5 support it.")

    def ballot_data(self, rnd, items, tr=ENGLISH):
        return {"options": finger_options(tr)}

    def form_options(self, rnd, items, item, *, paper=False):
        return [str(n) for n in FINGERS]

    def form_label(self, option, *, paper=False, tr=ENGLISH):
        return f"{option} · {tr.gettext(FINGER_WORDS[int(str(option))])}"

    def paper_note(self, rnd, tr=ENGLISH):
        return tr.gettext("As the paper says: 0 (a fist) blocks, 1–2 ask for more discussion, 3–5 support.")


def plural_fingers(n: float) -> str:
    """A median of fingers in words: "4 fingers", "a fist", "3.5 fingers"."""
    return "a fist" if n == 0 else f"{n:g} finger" + ("" if n == 1 else "s")
