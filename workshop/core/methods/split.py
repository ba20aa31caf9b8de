"""A 100-point split across initiatives: each person spreads exactly 100 points; an item's share of
the room's points is shown beside its share of the planned budget (see core/priorities.py). Ranked
by share; no verdict."""

from __future__ import annotations

from workshop.core import priorities
from workshop.core.errors import Invalid
from workshop.core.methods.base import SPLIT, Escape, _same, item_keys, number, percent, register, whole
from workshop.core.methods.grid import PRIORITY_HINT
from workshop.core.methods.points import RankedMethod
from workshop.i18n import ENGLISH, N_


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


@register
class Split(RankedMethod):
    name = "split"
    label = N_("100-point split")
    description = (
        "Each person spreads exactly 100 points over the initiatives; the room's shares are shown beside "
        "each initiative's planned budget, so money and priorities can be compared."
    )
    position = 6
    columns = ("points",)
    piece = "split"
    chart = SPLIT
    amount_column = "points"
    unit = "point"
    uses_budgets = True
    private_fields = ("share", "gap")
    form_widget = "number"
    form_note = "Exactly 100 points each; a ballot that does not add up to 100 is refused with a message, and the phone shows the points left."
    no_items_hint = "A 100-point split is across initiatives: choose workshop 3, and record the initiatives on phase 5 (Implementation plan) first."

    def offers(self, kind):
        return kind == "initiative"

    def round_settings(self, kinds, items, settings):
        if any(k != "initiative" for k in kinds):
            raise Invalid(
                "A 100-point split is across initiatives: choose initiatives only (use a priority grid or a ranking for objectives and measures)."
            )
        if len(set(items)) < 2:
            raise Invalid("A 100-point split needs at least two initiatives to spread the points over.")
        return {"grid_axes": None}

    def values(self, items, wanted, rnd, source="device"):
        """A whole split: every item's points, exactly 100 in all (an item with 0 holds no ballot)."""
        points = priorities.split_points(wanted, list(items))
        return {i: ({"points": n} if n else None) for i, n in points.items()}

    def choice(self, ballot):
        return ballot["points"] or 0

    def answer(self, ballot, rnd, tr=ENGLISH):
        n = ballot.get("points") or 0
        return tr.ngettext("{n} point", "{n} points", n).format(n=n)

    def paper_choices(self, rnd, choices):
        """A split that adds up to 100, refused in words about the paper."""
        given = [value for value in choices.values() if value not in (None, "")]
        points = [n for n in map(whole, given) if n is not None and n >= 0]  # else the split says what a point is
        total = sum(points)
        if len(points) == len(given) and total != priorities.SPLIT_TOTAL:
            raise Invalid(
                f"This paper ballot gives {total} points; each person spreads exactly {priorities.SPLIT_TOTAL}. "
                "Check the paper, or ask the person to finish their split."
            )
        return choices

    def paper_note(self, rnd, tr=ENGLISH):
        return tr.gettext("100 points in all, split as the paper says.")

    def results(self, items, ballots, hands, rules, rnd, budgets):
        points = {i["id"]: [b["points"] for b in ballots[i["id"]]] for i in items}
        splits = round(sum(sum(p) for p in points.values()) / priorities.SPLIT_TOTAL)  # each split holds 100
        shares = priorities.split_results(points, splits, budgets)
        rows = [
            {
                **item_keys(item),
                "verdict": None,
                "counts": {},
                "median": None,
                "iqr": None,
                "blocks": 0,
                "pct_positive": None,
                "pct_negative": None,
                "skipped": 0,
                "ballots": splits,
                "hands": 0,
                "paper": sum(b["source"] == "paper" for b in ballots[item["id"]]),
                **shares[item["id"]],
            }
            for item in items
        ]
        self.standings(rows)
        return rows

    def summary(self, row, rnd):
        return priorities.split_summary(row)

    def evidence(self, row, rnd):
        return priorities.split_summary(row)

    def advice(self, row, rnd):
        if row.get("points") is None:
            return ""
        words = priorities.gap_words(row)
        if row.get("gap") is not None and abs(row["gap"]) >= priorities.GAP_NOTABLE:
            return f"Place {row.get('standing', '?')}; {words}: review its budget with the sponsor."
        return f"Place {row.get('standing', '?')}; {words}."

    def decision_hint(self):
        return PRIORITY_HINT

    def chart_line(self, rows, tr=ENGLISH):
        """Where money and the room's priorities differ ('' without budgets or points)."""
        apart = [r for r in rows if r.get("gap") is not None and abs(r["gap"]) >= priorities.GAP_NOTABLE]
        if not any(r.get("budget_share") is not None for r in rows) or not any(r.get("share") is not None for r in rows):
            return ""
        if apart:
            return tr.ngettext(
                "Money and the room differ by {gap} points or more on {n} of {total} initiative",
                "Money and the room differ by {gap} points or more on {n} of {total} initiatives",
                len(rows),
            ).format(gap=priorities.GAP_NOTABLE, n=len(apart), total=len(rows))
        return tr.gettext("The room's priorities are in line with the planned budget")

    def movement_word(self, row):
        return f"{number(row.get('share'))}% of the points"

    def how(self, rnd, tr=ENGLISH):
        return tr.gettext(
            "Spread exactly 100 points over the initiatives: more points, more priority. Use + and − (5 points a tap) or type a number."
        )

    def form_how(self, rnd, tr=ENGLISH):
        return tr.gettext("Spread exactly 100 points over the initiatives (0 for none). The ballot is refused unless the points add up to 100.")

    def ballot_data(self, rnd, items, tr=ENGLISH):
        return {"total": priorities.SPLIT_TOTAL, "step": 5}

    def extent(self, mine, item_count, rnd, tr=ENGLISH):
        spread = sum(b["points"] or 0 for b in mine.values())
        return tr.ngettext(
            "with {spread} of {total} points on {n} of {items} initiative",
            "with {spread} of {total} points on {n} of {items} initiatives",
            item_count,
        ).format(spread=spread, total=priorities.SPLIT_TOTAL, n=len(mine), items=item_count)

    def form_extent(self, mine, item_count, rnd, tr=ENGLISH):
        spread = sum(b["points"] or 0 for b in mine.values())
        return tr.gettext("with {spread} of {total} points spread").format(spread=spread, total=priorities.SPLIT_TOTAL)

    def card_order(self, rows):  # by place, as the room's screen shows them
        return sorted(rows, key=lambda r: (r.get("standing") is None, r.get("standing") or 0))

    def card(self, row, rows, scale, grid_axes, tr=ENGLISH):
        _ = tr.gettext
        card: dict = {"figures": []}
        if row["points"] is not None:  # the small-room rule hides an item fewer than 2 chose
            card["figures"] = [
                [_("Place"), _("{place} of {size}").format(place=row.get("standing") or "—", size=len(rows))],
                [_("Share of points"), percent(row.get("share"))],
                [_("Points"), str(row["points"])],
                [_("Voters"), number(row["votes"])],
            ]
            if row.get("budget_share") is not None:
                card["figures"].append([_("Share of budget"), percent(row["budget_share"])])
        if row.get("budget_share") is not None:
            card["note"] = priorities.gap_sentence(row)
        return card

    def room_table(self, rows, rnd, escape: Escape = _same, tr=ENGLISH):
        _ = tr.gettext
        return [
            {
                _("Place"): r.get("standing") or "–",
                _("Initiative"): escape(r["label"]),
                _("Share of points"): percent(r["share"]),
                _("Share of budget"): percent(r["budget_share"]),
                _("Voters"): number(r["votes"]),
            }
            for r in sorted(rows, key=lambda r: r.get("standing") or 1000)
        ]

    def figures(self, rows, rnd, escape: Escape = _same):
        return [
            {
                "Place": r.get("standing") or "–",
                "Initiative": escape(r["label"]),
                "% of points": number(r["share"]),
                "Points": number(r["points"]),
                "Voters": number(r["votes"]),
                "Budget": _money(r.get("budget")),
                "% of budget": number(r.get("budget_share")),
                "Room − budget (pts)": number(r.get("gap")),
            }
            for r in rows
        ]
