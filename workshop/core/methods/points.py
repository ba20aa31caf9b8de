"""What the methods that rank by points share (dot voting, ranking; a 100-point split ranks too):
results in order of points, ties sharing a place; the small-room rule shows an item's points and
place once enough people chose it. No verdict: the facilitator decides where the cut-off is."""

from __future__ import annotations

from dataclasses import asdict
from typing import ClassVar

from workshop.core import consensus, disclosure
from workshop.core.consensus import ItemResult
from workshop.core.methods.base import RANKED, Escape, VotingMethod, _same, item_keys, number
from workshop.core.words import ordinal, plural
from workshop.i18n import ENGLISH, N_, Translator


def _by_points(row: dict) -> tuple:
    """Most points first; items whose points the small-room rule hides come last."""
    return (row["points"] is None, -(row["points"] or 0))


class RankedMethod(VotingMethod):
    """Results ranked by points (within each perspective for a ranking)."""

    ranked = True
    per_item = False
    small_room = disclosure.POINTS

    def order(self, rows):
        if not self.per_group:
            return sorted(rows, key=_by_points)
        groups = list(dict.fromkeys(r["grouping"] for r in rows))
        return sorted(rows, key=lambda r: (groups.index(r["grouping"]), *_by_points(r)))

    def standings(self, rows: list[dict]) -> None:
        """Each row's place (1, 2, 2, 4) by points, within its perspective for a ranking."""
        for group in dict.fromkeys(r["grouping"] if self.per_group else "" for r in rows):
            members = [r for r in rows if not self.per_group or r["grouping"] == group]
            places = consensus.standings({r["item_id"]: r["points"] for r in members})
            for r in members:
                r["standing"] = places[r["item_id"]]

    def standing_words(self, row):
        if not row.get("standing"):
            return ""
        return f"{ordinal(row['standing'])} place" + (" in its perspective" if self.per_group else "")


class PointsMethod(RankedMethod):
    """Dots and ranking: points per item, voters, a place."""

    chart = RANKED
    points_word: ClassVar[str] = "point"  # "5 dots", "7 points"
    voter_word: ClassVar[str] = "voter"  # "from 4 voters", "from 4 rankings"
    figure_label: ClassVar[str] = N_("Points")  # a result card's figure

    def rows(self, items: list[dict], found: dict[int, ItemResult], ballots: dict[int, list[dict]], hands: dict[int, list]) -> list[dict]:
        """The result rows from each item's result, with where its votes came from and its place."""
        rows = [
            {
                **item_keys(item),
                **asdict(found[item["id"]]),
                "paper": sum(b["source"] == "paper" for b in ballots[item["id"]]),
                "hands": len(hands.get(item["id"], [])),
            }
            for item in items
        ]
        self.standings(rows)
        return rows

    def points_phrase(self, points: int) -> str:
        return plural(points, self.points_word)

    def summary(self, row, rnd):
        if row["points"] is None:
            return row["note"]
        points = self.points_phrase(row["points"])
        if row["votes"] is None:  # all but one or two chose it: how many did is not shown
            return f"{points}, place {row.get('standing', '?')}"
        return f"{points}, place {row.get('standing', '?')} ({plural(row['votes'], 'voter')})"

    def evidence(self, row, rnd):
        if row["points"] is None:
            return row["note"]
        points = plural(row["points"], self.points_word)
        if row["votes"] is None:  # all but one or two chose it: how many did is not shown
            return points
        return f"{points} from {plural(row['votes'], self.voter_word)}"

    def decision_hint(self):
        return "Dots and ranking prioritise: record a decision where the room settled one."

    def card(self, row, rows, scale, grid_axes, tr=ENGLISH):
        if row["points"] is None:
            return {}
        _ = tr.gettext
        size = sum(1 for x in rows if not self.per_group or x.get("grouping") == row.get("grouping"))
        return {
            "figures": [
                # TRANSLATORS: a place among the items, e.g. "2 of 6"
                [_("Place"), _("{place} of {size}").format(place=row.get("standing") or "—", size=size)],
                [_(self.figure_label), str(row["points"])],
                [_("Voters"), number(row["votes"])],
                *self.card_figures(row, tr),
            ]
        }

    def card_figures(self, row: dict, tr: Translator = ENGLISH) -> list[list[str]]:
        return []

    def room_table(self, rows, rnd, escape: Escape = _same, tr=ENGLISH):
        _ = tr.gettext
        return [
            {_("Place"): r.get("standing") or "–", _("Item"): escape(r["label"]), _("Points"): number(r["points"]), _("Voters"): number(r["votes"])}
            for r in self.order(rows)
        ]

    def figures(self, rows, rnd, escape: Escape = _same):
        noted = any(x.get("note") for x in rows)
        return [
            {
                "Place": r.get("standing") or "–",
                "Item": escape(r["label"]),
                **({"Perspective": escape(r["grouping"])} if self.per_group else {}),
                "Points": number(r["points"]),
                "Voters": number(r["votes"]),
                **({"Note": r["note"]} if noted else {}),
            }
            for r in rows
        ]
