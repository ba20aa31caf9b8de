"""Hypothesis vote: the room tests the strategy map's causal links. A strategy map is a set of
hypotheses about cause and effect (Kaplan and Norton, *The Execution Premium*, Harvard Business
Press, 2008: the strategy-testing meeting asks whether each link still holds). At a review each person
says, for each link, whether it holds, does not hold, or whether it is too early to tell.

- "Holds" counts as support, "too early to tell" as neutral (not a vote against the link), "does
  not hold" as concern.
- The room's verdict on a link is a majority of the answers given: more than half say it holds, or
  more than half say it does not hold; otherwise it is too early to tell (the room is divided or
  unsure, which is itself a finding). With nobody answering there is no verdict.

The verdicts are the review's own words (method/reviews.VERDICTS), so a closed round's result can be
recorded beside the evidence the room saw. Only causal links can be put to this vote.
"""

from __future__ import annotations

from dataclasses import replace

from workshop.core import consensus, disclosure
from workshop.core.consensus import CONCERN, DOES_NOT_HOLD, HOLDS, NEUTRAL, SUPPORT, TOO_EARLY
from workshop.core.errors import Invalid
from workshop.core.methods.answers import AnswerMethod
from workshop.core.methods.base import _same, number, register, skipped_label
from workshop.i18n import ENGLISH, N_

SOURCE = (
    "The strategy-testing meeting: Robert S. Kaplan and David P. Norton, The Execution Premium: Linking Strategy "
    "to Operations for Competitive Advantage (Harvard Business Press, 2008)"
)
ANSWERS = ("does_not_hold", "too_early", "holds")  # as stored, from most concern to most support
POSITION = {a: n for n, a in enumerate(ANSWERS, start=1)}  # for the median the shared maths works out
ANSWER_GROUPS = {"holds": SUPPORT, "too_early": NEUTRAL, "does_not_hold": CONCERN}
ANSWER_WORDS = {"holds": N_("Holds"), "too_early": N_("Too early to tell"), "does_not_hold": N_("Does not hold")}
ANSWER_LABELS = {
    "holds": N_("Holds · the cause drives the effect"),
    "too_early": N_("Too early to tell"),
    "does_not_hold": N_("Does not hold · the effect did not follow"),
}
VERDICT_OF = {"holds": HOLDS, "does_not_hold": DOES_NOT_HOLD}  # a majority answer and the verdict it gives
SHARE_WORDS = {"pct_positive": "holds", "pct_neutral": "too early to tell", "pct_negative": "does not hold"}
REFUSAL = N_("Answer each link with holds, does not hold or too early to tell.")
RULE = "A link holds, or does not hold, when more than half of the answers say so; otherwise it is too early to tell."


def answer(sent: object) -> str:
    """An answer as sent ("holds", "does_not_hold", "too_early"), or a refusal in words (a number, a
    fraction, True, or any other word is not an answer)."""
    if not isinstance(sent, str) or sent.strip() not in ANSWER_GROUPS:
        raise Invalid(REFUSAL)
    return sent.strip()


def link_verdict(positive: int, negative: int, votes: int) -> str:
    """The room's verdict on a link from its answers: a majority says it holds or does not hold;
    otherwise it is too early to tell; nobody answered: no votes."""
    if not votes:
        return consensus.NO_VOTES
    if 2 * positive > votes:
        return HOLDS
    if 2 * negative > votes:
        return DOES_NOT_HOLD
    return TOO_EARLY


@register
class Hypothesis(AnswerMethod):
    name = "hypothesis"
    label = N_("Hypothesis vote")
    noun = "hypothesis"
    description = "For each causal link, each person says it holds, does not hold, or it is too early to tell; a majority gives the verdict."
    position = 8
    source = SOURCE
    columns = ("holds",)
    piece = "list"
    hand_answers = ("holds", "too_early", "does_not_hold")
    support_words = "said it holds"
    reading = "Hypothesis vote: “holds” supports the link, “too early to tell” is neutral, “does not hold” is concern; a majority decides."
    colours = ("#b2182b", "#cfcfcf", "#08519c")
    form_note = RULE
    no_items_hint = "A hypothesis vote is on causal links: draw the map's links first (Strategy map), then put them to the room."

    def offers(self, kind):
        return kind == "link"

    def round_settings(self, kinds, items, settings):
        if any(kind != "link" for kind in kinds):
            raise Invalid("A hypothesis vote is on causal links only: choose links, or another method for the other items.")
        return {"grid_axes": None}

    def value(self, sent, item, rnd):
        if sent is None or sent == "":
            return None
        return {"holds": answer(sent)}

    def choice(self, ballot):
        return ballot["holds"]

    def answer_label(self, value, scale="agreement", short=False, tr=ENGLISH):
        return skipped_label(value, tr) or tr.gettext((ANSWER_WORDS if short else ANSWER_LABELS)[str(value)])

    def scale_values(self, scale="agreement"):
        return ANSWERS

    def group(self, value):
        return ANSWER_GROUPS[str(value)]

    def item_result(self, answers, rules):
        result = consensus.answers_result(answers, ANSWER_GROUPS, rules, values=tuple(reversed(ANSWERS)), position=POSITION)  # counts: holds first
        return replace(result, verdict=link_verdict(result.positive, result.negative, result.votes))

    def count_phrase(self, text, value):
        return f"{text} said it {ANSWER_WORDS[str(value)].lower()}" if value in ANSWER_GROUPS else ""

    def counts_phrase(self, counts):
        return " · ".join(f"{counts[a]} {ANSWER_WORDS[a].lower()}" for a in reversed(ANSWERS) if counts.get(a))

    def summary(self, row, rnd):
        if not row["votes"]:
            return "no votes"
        shares = [f"{row[field]:g}% {word}" for field, word in SHARE_WORDS.items() if row.get(field) is not None]
        merged = [s for s in row.get("shown", []) if s["group"] == disclosure.BUCKET]
        shares += [f"{s['label'].lower()} from {s['text']}" for s in merged]
        return f"{', '.join(shares) or 'shares kept private'} — {consensus.verdict_label(row['verdict'])}"

    def decision_hint(self):
        return "Each link's verdict is the room's majority; record it in the review beside the evidence, or leave it open."

    def card(self, row, rows, scale, grid_axes, tr=ENGLISH):
        card = super().card(row, rows, scale, grid_axes, tr)
        words = [tr.gettext(ANSWER_WORDS[a]) for a in reversed(ANSWERS)]
        card["figures"] = [[w, f[1]] for w, f in zip(words, card["figures"][:3], strict=True)] + card["figures"][3:]
        return card

    def card_figures(self, row, tr=ENGLISH):
        return []

    def room_table(self, rows, rnd, escape=_same, tr=ENGLISH):
        _ = tr.gettext
        return [
            {
                _("Link"): escape(r["label"]),
                _("Verdict"): consensus.verdict_label(r["verdict"], tr),
                _("% holds"): number(r["pct_positive"]),
                _("% too early"): number(r.get("pct_neutral")),
                _("% does not hold"): number(r["pct_negative"]),
                _("Votes"): number(r["votes"]),
            }
            for r in rows
        ]

    def figures(self, rows, rnd, escape=_same):
        return [{**row, "Answers": number(r["votes"])} for row, r in zip(self.room_table(rows, rnd, escape), rows, strict=True)]

    def how(self, rnd, tr=ENGLISH):
        return tr.gettext(
            "Does each link still hold? For each, say it holds (the cause drives the effect), it does not "
            "hold, or it is too early to tell from what the room has seen."
        )

    def form_how(self, rnd, tr=ENGLISH):
        return tr.gettext("For each link: holds, does not hold, or too early to tell.")

    def ballot_data(self, rnd, items, tr=ENGLISH):
        return {"options": [{"value": a, "label": tr.gettext(ANSWER_LABELS[a]), "side": ANSWER_GROUPS[a]} for a in reversed(ANSWERS)]}

    def form_options(self, rnd, items, item, *, paper=False):
        return list(reversed(ANSWERS))

    def form_label(self, option, *, paper=False, tr=ENGLISH):
        return tr.gettext(ANSWER_WORDS[str(option)] if paper else ANSWER_LABELS[str(option)])

    def form_index(self, options, current):
        return options.index(current) if current else None

    def paper_note(self, rnd, tr=ENGLISH):
        return tr.gettext("As the paper says for each link: holds, too early to tell, or does not hold.")
