"""Gradients of agreement (Sam Kaner et al., Facilitator's Guide to Participatory Decision-Making):
eight answers from whole-hearted endorsement to a block (veto); see core/consensus.py for which
count as support, neutral and concern, and why."""

from __future__ import annotations

from workshop.core import consensus
from workshop.core.consensus import GRADIENT_GROUPS, GRADIENT_SHORT_LABELS, GRADIENT_SUPPORT_ORDER, GRADIENTS, POSITIVE_GRADIENTS, gradient_label
from workshop.core.errors import Invalid
from workshop.core.methods.answers import AnswerMethod
from workshop.core.methods.base import number, register, skipped_label
from workshop.i18n import ENGLISH, N_, Translator


def gradient_options(tr: Translator = ENGLISH) -> list[dict]:
    """The gradients in the ballot's order (whole-hearted endorsement first, a block last), each
    with its label and the side it counts on (support, neutral or not ready, concern)."""
    return [
        {"value": g, "label": gradient_label(g, tr=tr), "side": GRADIENT_GROUPS[g], "group": consensus.group_label(GRADIENT_GROUPS[g], tr)}
        for g in GRADIENTS
    ]


@register
class Gradients(AnswerMethod):
    name = "gradients"
    label = N_("Gradients of agreement")
    noun = "gradients"
    description = (
        "Kaner's eight-point scale, from whole-hearted endorsement to a block; the spread of support is the result (see “How votes are read”)."
    )
    position = 3
    source = consensus.SCALE_SOURCE
    columns = ("gradient",)
    piece = "list"
    has_blocks = True
    hand_answers = GRADIENTS
    colours = ("#b2182b", "#ef8a62", "#8c8c8c", "#cfcfcf", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
    form_note = (
        "Support: "
        + "; ".join(GRADIENT_SHORT_LABELS[g] for g in POSITIVE_GRADIENTS)
        + ". Neutral: abstain; more discussion. Concern: serious disagreement; block."
    )

    def value(self, sent, item, rnd):
        if sent is None or sent == "":
            return None
        if sent not in GRADIENTS:
            raise Invalid("Choose one of the gradients of agreement.")
        return {"gradient": sent}

    def choice(self, ballot):
        return ballot["gradient"]

    def answer_label(self, value, scale="agreement", short=False, tr=ENGLISH):
        return skipped_label(value, tr) or gradient_label(str(value), short, tr)

    def scale_values(self, scale="agreement"):
        return GRADIENT_SUPPORT_ORDER

    def group(self, value):
        return GRADIENT_GROUPS[str(value)]

    def item_result(self, answers, rules):
        return consensus.gradient_result(answers, rules)

    def counts_phrase(self, counts):
        return " · ".join(f"{n} {gradient_label(value, short=True).lower()}" for value, n in counts.items() if n)

    def card_figures(self, row, tr=ENGLISH):
        return [[tr.gettext("Blocks"), number(row["blocks"])], [tr.gettext("Abstained"), number(row["skipped"])]]

    def how(self, rnd, tr=ENGLISH):
        return tr.gettext(
            "How far do you support each item? The answers run from whole-hearted endorsement to a "
            "block (veto), which stops the item until the room has discussed it."
        )

    def form_how(self, rnd, tr=ENGLISH):
        return tr.gettext("How far do you support each item? A block means you cannot live with it.")

    def form_options(self, rnd, items, item, *, paper=False):
        return list(GRADIENTS)

    def form_label(self, option, *, paper=False, tr=ENGLISH):
        return gradient_label(str(option), short=paper, tr=tr)

    def form_index(self, options, current):
        return options.index(current) if current else None

    def ballot_data(self, rnd, items, tr=ENGLISH):
        return {"options": gradient_options(tr)}
