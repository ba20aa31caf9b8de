"""Rating 1–5: each person rates each item on one scale (agreement, importance, or confidence for
causal links), or skips it. 4–5 count as support, 3 as neutral, 1–2 as concern; a skip is not
counted. A link round is a rating of confidence on causal links (or gradients on them)."""

from __future__ import annotations

from workshop.core import consensus
from workshop.core.consensus import RATING_GROUPS, rating_label
from workshop.core.errors import Invalid
from workshop.core.methods.answers import AnswerMethod
from workshop.core.methods.base import SKIP, number, register, skipped_label, whole
from workshop.i18n import ENGLISH, N_, Translator


def rating_words(scale: str, tr: Translator = ENGLISH) -> list[str]:
    """The five ratings' words ("strongly disagree" … "strongly agree")."""
    return [rating_label(scale, n, tr).split(" · ", 1)[-1] for n in range(1, 6)]


@register
class Rating(AnswerMethod):
    name = "rating"
    label = N_("Rating 1–5")
    noun = "rating"
    description = "Each person rates each item 1–5 (or skips it); 4–5 count as support, 3 neutral, 1–2 concern."
    position = 2
    columns = ("rating", "skipped")
    settings = ("scale",)
    piece = "scale"
    hand_answers = ("5", "4", "3", "2", "1")
    support_words = "rated it 4 or 5"
    reading = "Ratings: 4–5 support, 3 neutral, 1–2 concern, skips not counted."
    colours = ("#b2182b", "#ef8a62", "#c8c8c8", "#6baed6", "#08519c")

    def value(self, sent, item, rnd):
        if sent is None or sent == "":
            return None
        if sent == SKIP:
            return {"skipped": 1}
        rating = whole(sent)  # 1.5 is not 1, nor true 1
        if rating is None or not 1 <= rating <= 5:
            raise Invalid("A rating is a whole number from 1 to 5, or skip.")
        return {"rating": rating}

    def choice(self, ballot):
        return SKIP if ballot["skipped"] else str(ballot["rating"])

    def counted(self, ballot):
        return None if ballot["skipped"] else ballot["rating"]

    def answer_label(self, value, scale="agreement", short=False, tr=ENGLISH):
        return skipped_label(value, tr) or rating_label(scale, int(str(value)), tr)

    def scale_values(self, scale="agreement"):
        return (1, 2, 3, 4, 5)

    def group(self, value):
        return RATING_GROUPS[int(str(value))]

    def item_result(self, answers, rules):
        return consensus.rating_result(answers, rules)

    def hand_value(self, answer):
        return int(answer)

    def hand_heading(self, answer, scale):
        return self.answer_label(answer, scale).replace(" · ", " ")

    def count_phrase(self, text, value):
        return f"{text} rated {value}" if isinstance(value, int) else ""

    def typical(self, row):  # words a sponsor reads, not statistics
        return "" if row["median"] is None else f", typical rating {row['median']:g} of 5"

    def counts_phrase(self, counts):
        return " · ".join(f"{n} rated {value}" for value, n in counts.items() if n)

    def card_figures(self, row, tr=ENGLISH):
        return [[tr.gettext("Median"), number(row["median"])], [tr.gettext("Skipped"), number(row["skipped"])]]

    def how(self, rnd, tr=ENGLISH):
        words = rating_words(rnd["scale"], tr)
        # TRANSLATORS: {low} and {high} are the scale's words at 1 and 5, e.g. "strongly disagree"
        return tr.gettext("Rate each item from 1 ({low}) to 5 ({high}), or skip it.").format(low=words[0], high=words[4])

    def form_how(self, rnd, tr=ENGLISH):
        words = rating_words(rnd["scale"], tr)
        return tr.gettext("Rate each item (1 = {low} … 5 = {high}), or skip it.").format(low=words[0], high=words[4])

    def ballot_data(self, rnd, items, tr=ENGLISH):
        words = rating_words(rnd["scale"], tr)
        return {"scale_labels": words, "anchors": [f"1 = {words[0]}", f"5 = {words[4]}"]}

    def form_options(self, rnd, items, item, *, paper=False):
        return ["1", "2", "3", "4", "5", "Skip"]

    def form_label(self, option, *, paper=False, tr=ENGLISH):
        return tr.gettext("Skip") if option == "Skip" else str(option)

    def form_index(self, options, current):
        return options.index("Skip" if current == SKIP else str(current)) if current else None

    def form_value(self, option):
        return SKIP if option == "Skip" else option

    def paper_note(self, rnd, tr=ENGLISH):
        low, high = rating_label(rnd["scale"], 1, tr), rating_label(rnd["scale"], 5, tr)
        return tr.gettext("{low} … {high}; Skip where the paper leaves an item out on purpose.").format(low=low, high=high)
