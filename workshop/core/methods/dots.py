"""Dot voting: each person spreads a fixed number of dots over the items, at most a few on one;
results are ranked by dots. A show of hands counts one dot per raised hand."""

from __future__ import annotations

from workshop.core import consensus
from workshop.core.errors import Invalid
from workshop.core.methods.base import register, skipped_label, whole
from workshop.core.methods.points import PointsMethod
from workshop.core.words import plural
from workshop.i18n import ENGLISH, N_

PAPER_DOTS = "Dots are whole numbers (0, 1, 2 …): enter them as written on the paper."


@register
class Dots(PointsMethod):
    name = "dots"
    label = N_("Dot voting")
    noun = "dots"
    description = "Each person spreads a few dots over the items; results are ranked by dots."
    position = 1
    columns = ("dots",)
    settings = ("dots_total", "dots_per_item")
    piece = "dots"
    amount_column = "dots"
    unit = "dot"
    hand_answers = ("dot",)
    hand_hint = " (each hand is one dot)."
    points_unit = N_("dots")
    points_word = "dot"
    figure_label = "Dots"

    def round_settings(self, kinds, items, settings):
        if not 1 <= int(settings["dots_per_item"]) <= int(settings["dots_total"]):
            raise Invalid("Dots on one item must be between 1 and the number of dots each person has.")
        return {"grid_axes": None}

    def values(self, items, wanted, rnd, source="device"):
        """The voter's whole allocation, checked against the round's budget; a refusal speaks to the
        voter, or of the paper ballot being entered."""
        paper, most = source == "paper", rnd["dots_per_item"]
        read = {i: 0 if v in (None, "") else whole(v) for i, v in wanted.items()}
        if None in read.values():
            raise Invalid(PAPER_DOTS if paper else "Give each item a whole number of dots.")
        dots = {i: int(n or 0) for i, n in read.items()}
        total = sum(dots.values())
        if any(n < 0 for n in dots.values()):
            raise Invalid("A paper ballot holds 0 dots or more on each item." if paper else "There is no dot there to take back.")
        if any(n > most for n in dots.values()):
            raise Invalid(
                f"This paper ballot puts more than {most} dots on one item; each person may put at most {most} there."
                if paper
                else f"At most {most} dots on one item."
            )
        if total > rnd["dots_total"]:
            raise Invalid(
                f"This paper ballot puts {total} dots; each person has {rnd['dots_total']} in this round."
                if paper
                else f"You have {rnd['dots_total']} dots in this round; take one back first."
            )
        return {i: ({"dots": n} if n else None) for i, n in dots.items()}

    def choice(self, ballot):
        return ballot["dots"] or 0

    def answer_label(self, value, scale="agreement", short=False, tr=ENGLISH):
        if skipped_label(value):
            return skipped_label(value, tr)
        n = int(str(value))
        return tr.ngettext("{n} dot", "{n} dots", n).format(n=n)

    def paper_choices(self, rnd, choices):
        dots = {item_id: 0 if value in (None, "") else whole(value) for item_id, value in choices.items()}
        if None in dots.values():
            raise Invalid(PAPER_DOTS)
        return dots

    def form_options(self, rnd, items, item, *, paper=False):
        return list(range(rnd["dots_per_item"] + 1)) if paper else [str(n) for n in range(rnd["dots_per_item"] + 1)]

    def form_index(self, options, current):
        return int(current or 0)

    def paper_note(self, rnd, tr=ENGLISH):
        return tr.ngettext("{n} dot in all, at most {most} on one item.", "{n} dots in all, at most {most} on one item.", rnd["dots_total"]).format(
            n=rnd["dots_total"], most=rnd["dots_per_item"]
        )

    def hand_value(self, answer):
        return 1

    def hand_heading(self, answer, scale):
        return "Dots"

    def hand_columns(self, scale):
        return ["Dots by hand"]

    def too_many_hands(self, raised, people, label):
        if raised <= people:
            return ""
        return f"{raised} dots by hand on “{label}”, but only {plural(people, 'person', 'people')} vote by hand: one dot each on an item."

    def check_hand_total(self, total, people, rnd):
        budget = people * rnd["dots_total"]
        if total > budget:
            raise Invalid(
                f"{total} dots by hand in all, but {plural(people, 'person', 'people')} with "
                f"{rnd['dots_total']} dots each have {budget}. Count again."
            )

    def least_hand_voters(self, total, rnd):
        return -(-total // rnd["dots_total"]) if rnd.get("dots_total") else 0

    def results(self, items, ballots, hands, rules, rnd, budgets):
        found = {i["id"]: consensus.dots_result([b["dots"] for b in ballots[i["id"]]] + hands.get(i["id"], [])) for i in items}
        return self.rows(items, found, ballots, hands)

    def how(self, rnd, tr=ENGLISH):
        return tr.ngettext(
            "You have {n} dot, at most {most} on one item. Use + and − ; you can take dots back until the round closes.",
            "You have {n} dots, at most {most} on one item. Use + and − ; you can take dots back until the round closes.",
            rnd["dots_total"],
        ).format(n=rnd["dots_total"], most=rnd["dots_per_item"])

    def form_how(self, rnd, tr=ENGLISH):
        return tr.ngettext(
            "You have {n} dot, at most {most} on one item. You can take dots back until the round closes.",
            "You have {n} dots, at most {most} on one item. You can take dots back until the round closes.",
            rnd["dots_total"],
        ).format(n=rnd["dots_total"], most=rnd["dots_per_item"])

    def ballot_data(self, rnd, items, tr=ENGLISH):
        return {"dots_total": rnd["dots_total"], "dots_per_item": rnd["dots_per_item"]}

    def extent(self, mine, item_count, rnd, tr=ENGLISH):
        used = sum(b["dots"] or 0 for b in mine.values())
        dots = tr.ngettext("{used} of {total} dot used", "{used} of {total} dots used", rnd["dots_total"]).format(used=used, total=rnd["dots_total"])
        # TRANSLATORS: {items} is e.g. "for 4 of 6 items", {dots} e.g. "3 of 5 dots used"
        return tr.gettext("{items}, {dots}").format(items=super().extent(mine, item_count, rnd, tr), dots=dots)

    def form_extent(self, mine, item_count, rnd, tr=ENGLISH):
        return self.extent(mine, item_count, rnd, tr)
