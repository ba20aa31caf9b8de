"""A priority grid (2×2): each person places each item on two axes, 1–5 each (a preset names them:
impact × effort, importance × urgency, importance × measurability). The room's medians fall in a
quadrant; the spread says whether the room is divided. No verdict: it sets priorities (see
core/priorities.py)."""

from __future__ import annotations

from workshop.core import disclosure, priorities
from workshop.core.errors import Invalid
from workshop.core.methods.base import GRID, SKIP, Escape, VotingMethod, _same, item_keys, number, register, whole
from workshop.i18n import ENGLISH, N_

PRIORITY_HINT = (
    "A grid or a split sets priorities, not verdicts, and holds up no phase: each item says what its "
    "result suggests; record a decision where the room settled one (the figures are kept with it)."
)


PLACE_REFUSAL = "A place on the grid is a whole number from 1 to 5 on each axis."


def _axis(value) -> int | None:
    if value is None or value == "":
        return None
    n = whole(value)
    if n is None or not 1 <= n <= 5:
        raise Invalid(PLACE_REFUSAL)
    return n


def grid_value(value, label: str = "", axes: str | None = None) -> dict | None:
    """A placement: {"x": 1–5, "y": 1–5} (or [x, y]), "skip" for don't know, None withdraws."""
    if value is None or value == "":
        return None
    if value == SKIP:
        return {"skipped": 1}
    if isinstance(value, (list, tuple)) and len(value) == 2:
        value = {"x": value[0], "y": value[1]}
    if not isinstance(value, dict) or not set(value) <= {"x", "y"}:  # a place holds two axes and nothing else
        raise Invalid(PLACE_REFUSAL)
    x, y = _axis(value.get("x")), _axis(value.get("y"))
    if x is None and y is None:
        return None
    if x is None or y is None:
        grid = priorities.GRID_PRESETS.get(axes or "")
        both = f"{grid.y.name.lower()} and {grid.x.name.lower()}" if grid else "both axes"
        raise Invalid(f"“{label}”: give it both {both}, or leave both empty." if label else f"Give each item both {both}, or leave both empty.")
    return {"grid_x": x, "grid_y": y}


def axes(grid_axes: str) -> dict:
    """What a grid ballot asks on each axis: name, the question, the words at 1 and at 5."""
    grid = priorities.preset(grid_axes)
    return {axis: {"name": a.name, "question": a.question, "low": a.low, "high": a.high} for axis, a in (("y", grid.y), ("x", grid.x))}


@register
class Grid(VotingMethod):
    name = "grid"
    label = N_("Priority grid (2×2)")
    description = (
        "Each person places each item on two axes, 1–5 each (e.g. impact and effort); the room's medians "
        "are drawn as a 2×2 grid with each item's spread and quadrant. No verdict: it sets priorities."
    )
    position = 5
    source = "; ".join(p.source for p in priorities.GRID_PRESETS.values())
    columns = ("grid_x", "grid_y", "skipped")
    settings = ("grid_axes",)
    piece = "grid"
    chart = GRID
    small_room = disclosure.PLACES
    form_widget = "placement"

    def offers(self, kind):
        return kind != "link"

    def round_settings(self, kinds, items, settings):
        if "link" in kinds:
            raise Invalid("A priority grid places objectives, measures or initiatives, not causal links: rate the links' confidence instead.")
        return {"grid_axes": priorities.preset(settings.get("grid_axes") or priorities.default_grid(kinds)).key}

    def value(self, sent, item, rnd):
        return grid_value(sent, item.get("label", ""), rnd.get("grid_axes"))

    def choice(self, ballot):
        return SKIP if ballot["skipped"] else {"x": ballot["grid_x"], "y": ballot["grid_y"]}

    def answer(self, ballot, rnd, tr=ENGLISH):
        return priorities.grid_answer(priorities.preset(rnd["grid_axes"]), ballot.get("grid_x"), ballot.get("grid_y"))

    def results(self, items, ballots, hands, rules, rnd, budgets):
        grid = priorities.preset(rnd["grid_axes"])
        out = []
        for item in items:
            own = ballots[item["id"]]
            placed = [(b["grid_x"], b["grid_y"]) for b in own if not b["skipped"]]
            out.append(
                {
                    **item_keys(item),
                    "verdict": None,
                    "points": 0,
                    "counts": {},
                    "median": None,
                    "iqr": None,
                    "blocks": 0,
                    "pct_positive": None,
                    "pct_negative": None,
                    "hands": 0,
                    "paper": sum(b["source"] == "paper" for b in own),
                    **priorities.grid_result(grid, placed, skipped=len(own) - len(placed)),
                }
            )
        return out

    def summary(self, row, rnd):
        return priorities.grid_summary(priorities.preset(rnd["grid_axes"]), row)

    def evidence(self, row, rnd):
        return self.summary(row, rnd)

    def advice(self, row, rnd):
        return priorities.grid_advice(priorities.preset(rnd["grid_axes"]), row)

    def decision_hint(self):
        return PRIORITY_HINT

    def chart_line(self, rows, tr=ENGLISH):
        """How many items fell in each quadrant."""
        tally: dict[str, int] = {}
        for r in rows:
            if r["votes"]:
                tally[r["quadrant"]] = tally.get(r["quadrant"], 0) + 1
        return " · ".join(f"{name}: {n}" for name, n in tally.items())

    def movement_word(self, row):
        return row["quadrant"]

    def how(self, rnd, tr=ENGLISH):
        a = axes(rnd["grid_axes"])
        return f"Place each item on two scales from 1 to 5: {a['y']['name'].lower()} and {a['x']['name'].lower()}. Skip an item you cannot judge."

    def form_how(self, rnd, tr=ENGLISH):
        grid = priorities.preset(rnd["grid_axes"])
        return (
            f"Place each item from 1 to 5 on {grid.y.name.lower()} ({grid.y.question}) and on {grid.x.name.lower()} ({grid.x.question}); or skip it."
        )

    def ballot_data(self, rnd, items, tr=ENGLISH):
        return {"axes": axes(rnd["grid_axes"])}

    def card(self, row, rows, scale, grid_axes, tr=ENGLISH):
        grid = priorities.preset(grid_axes)
        _ = tr.gettext

        def spread(a: str) -> str:
            if row.get(f"{a}_median") is None:
                return "—"
            low, high = row.get(f"{a}_q1"), row.get(f"{a}_q3")
            middle = "" if low is None or low == high else " " + _("(middle half {low}–{high})").format(low=f"{low:g}", high=f"{high:g}")
            return f"{row[f'{a}_median']:g}{middle}"

        card = {
            "figures": [
                [grid.y.name, spread("y")],
                [grid.x.name, spread("x")],
                [_("Placed by"), str(row["votes"])],
                [_("Skipped"), number(row.get("skipped", 0))],
            ],
            "verdict": row["quadrant"],  # the quadrant in words where a verdict would be, never a verdict
            "verdict_key": "quadrant",
        }
        if row.get("divided"):
            card["note"] = _("The room is divided on where it sits: the middle half spans 2 points or more.")
        return card

    def room_table(self, rows, rnd, escape: Escape = _same, tr=ENGLISH):
        grid = priorities.preset(rnd["grid_axes"])
        return [
            {
                "Item": escape(r["label"]),
                "Quadrant": r["quadrant"] or "–",
                grid.y.name: number(r.get("y_median")),
                grid.x.name: number(r.get("x_median")),
                "Placed by": number(r["votes"]),
            }
            for r in rows
        ]

    def figures(self, rows, rnd, escape: Escape = _same):
        grid = priorities.preset(rnd["grid_axes"])
        return [
            {
                "#": k["number"],
                "Item": escape(k["label"]),
                "Quadrant": k["quadrant"],
                f"{grid.y.name} (middle half)": k["y"],
                f"{grid.x.name} (middle half)": k["x"],
                "Placed by": number(k["votes"]),
                "Skipped": number(k["skipped"]),
                "Suggests": k["advice"],
            }
            for k in priorities.grid_key(rows, rnd["grid_axes"])
        ]
