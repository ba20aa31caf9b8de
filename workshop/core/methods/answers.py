"""What the methods that give a verdict share (rating, gradients of agreement, fist-to-five): each
voter gives each item one answer on a scale; the answers count as support, neutral or concern, and
the workshop's thresholds turn their shares into a verdict (core/consensus.py). The result is the
whole spread, drawn as a diverging bar; the small-room rule merges answers given by too few."""

from __future__ import annotations

from dataclasses import asdict
from typing import ClassVar

from workshop.core import consensus, disclosure
from workshop.core.methods.base import DIVERGING, Escape, VotingMethod, _same, item_keys, number, percent
from workshop.i18n import ENGLISH, Translator

VERDICT_MARKS = {  # a mark beside the verdict's words (never instead of them)
    consensus.CONSENSUS: "✓",
    consensus.REDISCUSS: "↻",
    consensus.DROP: "✕",
    consensus.DISCUSS: "!",
    consensus.NO_VOTES: "–",
    consensus.HOLDS: "✓",
    consensus.DOES_NOT_HOLD: "✕",
    consensus.TOO_EARLY: "…",
}


class AnswerMethod(VotingMethod):
    """A scale of answers with a verdict per item."""

    chart = DIVERGING
    small_room = disclosure.ANSWERS
    gives_verdict = True
    support_words: ClassVar[str] = "in support"  # "3 of 4 in support"

    def __init__(self) -> None:
        self._scales: dict[tuple[str, bool, str], tuple[dict, ...]] = {}

    # --- the scale -----------------------------------------------------------------------------

    def scale_values(self, scale: str = "agreement") -> tuple:
        """Every answer, from most concern to most support (the chart's order)."""
        raise NotImplementedError

    def group(self, value: object) -> str:
        """What an answer counts as: support, neutral or concern."""
        raise NotImplementedError

    def distribution(self, counts: dict, scale: str = "agreement", short: bool = False, tr: Translator = ENGLISH) -> list[dict]:
        return [
            {**answer, "count": int(counts.get(answer["value"], counts.get(str(answer["value"]), 0)))} for answer in self._answers(scale, short, tr)
        ]

    def _answers(self, scale: str, short: bool, tr: Translator) -> tuple[dict, ...]:
        """The scale's answers with their words and groups, worked out once per scale and language
        (the results of every round pass through here, every second on the presenter)."""
        key = (scale, short, tr.code)
        if key not in self._scales:
            self._scales[key] = tuple(
                {
                    "value": value,
                    "label": self.answer_label(value, scale, short, tr=tr),
                    "group": self.group(value),
                    "group_label": consensus.group_label(self.group(value), tr),
                }
                for value in self.scale_values(scale)
            )
        return self._scales[key]

    def tally_text(self, counts: dict, scale: str = "agreement") -> str:
        """The full spread in one line of plain words, support first ("Whole-hearted endorsement 4 ·
        Block (veto) 1"); "no votes" when nobody answered."""
        rows = [r for r in reversed(self.distribution(counts, scale)) if r["count"]]
        return " · ".join(f"{r['label']} {r['count']}" for r in rows) or "no votes"

    # --- the tally -----------------------------------------------------------------------------

    def results(self, items, ballots, hands, rules, rnd, budgets) -> list[dict]:
        return [
            {
                **item_keys(item),
                **asdict(self.item_result([self.counted(b) for b in ballots[item["id"]]] + hands.get(item["id"], []), rules)),
                "paper": sum(b["source"] == "paper" for b in ballots[item["id"]]),
                "hands": len(hands.get(item["id"], [])),
            }
            for item in items
        ]

    # --- words ---------------------------------------------------------------------------------

    def typical(self, row: dict) -> str:
        """The typical answer in words a sponsor reads ('' when the method has none to give)."""
        return ""

    def summary(self, row: dict, rnd: dict) -> str:
        if not row["votes"]:
            return "no votes"
        shares = [
            f"{row[field]:g}% {word}"
            for field, word in (("pct_positive", "support"), ("pct_neutral", "neutral"), ("pct_negative", "concern"))
            if row.get(field) is not None
        ]
        merged = [s for s in row.get("shown", []) if s["group"] == disclosure.BUCKET]
        shares += [f"{s['label'].lower()} from {s['text']}" + ("" if s["text"].endswith("people") else " people") for s in merged]
        text = ", ".join(shares) + self.typical(row)
        if row["blocks"]:
            text += ", 1 block" if row["blocks"] == 1 else f", {row['blocks']} blocks"
        return f"{text} — {consensus.verdict_label(row['verdict'])}"  # a dash: "Blocked: discuss" has its own colon

    def counts_phrase(self, counts: dict) -> str:
        """A named round's counts in the report: "3 endorse · 1 block"."""
        raise NotImplementedError

    def evidence(self, row: dict, rnd: dict) -> str:
        if not row["votes"]:
            return "no votes"
        scale = rnd.get("scale") or "agreement"
        if row.get("disclosure") == disclosure.MERGED:
            if row["positive"] is None:
                return f"Of {row['votes']}: {disclosure.spread_phrase(row, self, scale)}"
            return f"{row['positive']} of {row['votes']} in support ({disclosure.spread_phrase(row, self, scale)})"
        return f"{row['positive']} of {row['votes']} {self.support_words} ({self.counts_phrase(row['counts'])})"

    def decision_hint(self) -> str:
        return (
            "Each decision starts at what the verdict suggests; re-discuss and blocked items wait for your choice. Items without a choice stay open."
        )

    # --- on a phone, in tables -----------------------------------------------------------------

    def card_figures(self, row: dict, tr: Translator = ENGLISH) -> list[list[str]]:
        """The figures after the shares and the answers counted."""
        return [[tr.gettext("Median"), number(row["median"])], [tr.gettext("Skipped"), number(row["skipped"])]]

    def card(self, row: dict, rows: list[dict], scale: str, grid_axes: str | None, tr: Translator = ENGLISH) -> dict:
        _ = tr.gettext
        verdict = row["verdict"] or consensus.NO_VOTES
        card: dict = {
            "verdict": consensus.verdict_label(verdict, tr) + (" · ⇆ " + _("splits the room") if row.get("split") else ""),
            "mark": VERDICT_MARKS.get(verdict, ""),
            "verdict_key": verdict.replace(" ", "-"),
            "figures": [
                [consensus.group_label(consensus.SUPPORT, tr), percent(row["pct_positive"])],
                [consensus.group_label(consensus.NEUTRAL, tr), percent(row.get("pct_neutral"))],
                [consensus.group_label(consensus.CONCERN, tr), percent(row["pct_negative"])],
                [_("Answers counted"), number(row["votes"])],
                *self.card_figures(row, tr),
            ],
        }
        if row.get("disclosure") == disclosure.MERGED:
            card["spread"] = [[s["label"], s["text"]] for s in reversed(disclosure.spread(row, self, scale, short=False, tr=tr))]
            if any(v == "—" for _v, v in card["figures"]):
                card["note"] = tr.ngettext(
                    "A dash marks a figure kept private: fewer than {k} person gave that answer.",
                    "A dash marks a figure kept private: fewer than {k} people gave that answer.",
                    disclosure.SMALL,
                ).format(k=disclosure.SMALL)
        else:
            card["spread"] = [[self.answer_label(k, scale, tr=tr), str(v)] for k, v in row["counts"].items() if v]
        return card

    def room_table(self, rows: list[dict], rnd: dict, escape: Escape = _same, tr: Translator = ENGLISH) -> list[dict]:
        _ = tr.gettext
        return [
            {
                _("Item"): escape(r["label"]),
                _("Verdict"): consensus.verdict_label(r["verdict"], tr),
                _("% support"): number(r["pct_positive"]),
                _("% concern"): number(r["pct_negative"]),
                _("Blocks"): number(r["blocks"]),
                _("Votes"): number(r["votes"]),
            }
            for r in rows
        ]

    def figures(self, rows: list[dict], rnd: dict, escape: Escape = _same) -> list[dict]:
        return [
            {
                "Item": escape(r["label"]),
                "Verdict": consensus.verdict_label(r["verdict"]),
                "Answers": number(r["votes"]),
                "Left out": number(r["skipped"]),
                "% support": number(r["pct_positive"]),
                "% neutral": number(r.get("pct_neutral")),
                "% concern": number(r["pct_negative"]),
                "Blocks": number(r["blocks"]),
                "Spread": escape(disclosure.spread_text(r, self, rnd.get("scale") or "agreement")),
            }
            for r in rows
        ]
