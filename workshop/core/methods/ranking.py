"""Ranking within a perspective (Borda): each person orders the items of each perspective; an item
at rank r of n earns n − r + 1 points. It cannot be counted by a show of hands."""

from __future__ import annotations

from workshop.core import consensus
from workshop.core.errors import Invalid
from workshop.core.methods.base import register, skipped_label, whole
from workshop.core.methods.points import PointsMethod
from workshop.core.words import plural
from workshop.i18n import ENGLISH, N_


def voter(ballot: dict) -> object:
    """Whose ranking a ballot belongs to: the participant, or once an anonymous round has forgotten
    them the sheet number drawn at close (a round closed before sheets existed: each ballot alone)."""
    if ballot["participant_id"] is not None:
        return ballot["participant_id"]
    if ballot.get("sheet") is not None:
        return ("sheet", ballot["sheet"])
    return ("ballot", ballot["id"])


@register
class Ranking(PointsMethod):
    name = "ranking"
    label = N_("Ranking within a perspective (Borda)")
    description = "Each person ranks the items within each perspective; results are ranked by Borda points."
    position = 4
    columns = ("rank",)
    piece = "ranking"
    per_group = True
    points_unit = N_("Borda points")
    voter_word = "ranking"
    form_note = "Items are ranked within their perspective: give each perspective two items or more."
    form_widget = "select"

    def values(self, items, wanted, rnd, source="device"):
        """Ranks within each perspective: 1 = best, each place used once."""
        values: dict[int, dict | None] = {}
        seen: dict[str, set[int]] = {}
        for item_id, rank in wanted.items():
            if rank in (None, ""):
                values[item_id] = None
                continue
            group = items[item_id]["grouping"]
            size = sum(1 for i in items.values() if i["grouping"] == group)
            rank = whole(rank)  # 1.5 is no place, nor true the first
            if rank is None or not 1 <= rank <= size:
                raise Invalid(f"A rank is a whole number: ranks in {group} run from 1 to {size}.")
            if rank in seen.setdefault(group, set()):
                raise Invalid(f"Two items in {group} share rank {rank}; give each its own place.")
            seen[group].add(rank)
            values[item_id] = {"rank": rank}
        return values

    def choice(self, ballot):
        return ballot["rank"]

    def answer_label(self, value, scale="agreement", short=False, tr=ENGLISH):
        return skipped_label(value, tr) or tr.gettext("Rank {n}").format(n=int(str(value)))

    def form_options(self, rnd, items, item, *, paper=False):
        size = sum(1 for i in items if i["grouping"] == item["grouping"])
        return ["—"] + [str(n) for n in range(1, size + 1)]

    def form_index(self, options, current):
        return int(current or 0)

    def form_value(self, option):
        return None if option == "—" else int(str(option))

    def hands_refused(self):
        return "A ranking cannot be counted by a show of hands (each person orders the items): enter each person's ranking as a paper ballot instead."

    def results(self, items, ballots, hands, rules, rnd, budgets):
        found = {}
        for group in dict.fromkeys(i["grouping"] for i in items):
            ids = [i["id"] for i in items if i["grouping"] == group]
            by_voter: dict[object, dict[int, int]] = {}
            for item_id in ids:
                for b in ballots[item_id]:
                    by_voter.setdefault(voter(b), {})[item_id] = b["rank"]
            points = consensus.borda(list(by_voter.values()), ids)
            for item_id in ids:
                found[item_id] = consensus.ranking_result([b["rank"] for b in ballots[item_id]], points[item_id])
        return self.rows(items, found, ballots, hands)

    def points_phrase(self, points):
        return f"{plural(points, 'point')} from the rankings"

    def card_figures(self, row, tr=ENGLISH):
        return [[tr.gettext("Median rank"), "—" if row["median"] is None else f"{row['median']:g}"]]

    def how(self, rnd, tr=ENGLISH):
        return tr.gettext("Rank the items within each perspective: number 1 is the most important.")

    def form_how(self, rnd, tr=ENGLISH):
        return tr.gettext("Rank the items within each perspective: 1 is the most important.")

    def ballot_data(self, rnd, items, tr=ENGLISH):
        return {"groups": list(dict.fromkeys(i["perspective"] for i in items))}
