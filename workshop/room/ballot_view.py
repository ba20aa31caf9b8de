"""What a participant's ballot and results show, as plain data a page can draw: the items with
their perspective and description, the participant's current choices, how much of the ballot is
in, the time left, result cards, and a fingerprint of the room that changes only when a round
opens, closes or runs out of time.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlite_utils import Database

from workshop.core import consensus, disclosure, priorities
from workshop.db import store
from workshop.room import paper
from workshop.room.voting import SKIP

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def ballot_items(db: Database, round_id: int) -> list[dict]:
    """A round's items in their order: id, title, perspective, description (what the objective,
    measure or initiative says about itself; '' when nothing was written)."""
    return store.rows(
        db,
        """
        SELECT i.id, i.label AS title, i.grouping AS perspective,
               coalesce(o.description, m.definition, n.description, '') AS description
        FROM round_item i
        LEFT JOIN objective o ON o.id = i.objective_id
        LEFT JOIN measure m ON m.id = i.measure_id
        LEFT JOIN initiative n ON n.id = i.initiative_id
        WHERE i.round_id = ? ORDER BY i.position""",
        [round_id],
    )


def current_choices(mine: dict[int, dict], method: str) -> dict[int, object]:
    """The participant's ballots as the values a ballot sends back: dots (int), a rating ("1"-"5"
    or "skip"), a gradient, or a rank (int)."""
    out: dict[int, object] = {}
    for item_id, ballot in mine.items():
        if method == "dots":
            out[item_id] = ballot["dots"] or 0
        elif method == "rating":
            out[item_id] = SKIP if ballot["skipped"] else str(ballot["rating"])
        elif method == "gradients":
            out[item_id] = ballot["gradient"]
        elif method == "grid":
            out[item_id] = SKIP if ballot["skipped"] else {"x": ballot["grid_x"], "y": ballot["grid_y"]}
        elif method == "split":
            out[item_id] = ballot["points"] or 0
        else:
            out[item_id] = ballot["rank"]
    return out


def extent(mine: dict[int, dict], item_count: int, round_: dict) -> str:
    """ "for 4 of 6 items" (and ", 3 of 5 dots used" in a dot round)."""
    if round_["method"] == "split":
        spread = sum(b["points"] or 0 for b in mine.values())
        return f"with {spread} of {priorities.SPLIT_TOTAL} points on {len(mine)} of {item_count} initiatives"
    text = f"for {len(mine)} of {item_count} items"
    if round_["method"] == "dots":
        text += f", {sum(b['dots'] or 0 for b in mine.values())} of {round_['dots_total']} dots used"
    return text


def seconds_left(round_: dict, now: dt.datetime | None = None) -> int | None:
    """Whole seconds until a timed round closes (0 once time is up); None without a timer."""
    if not round_.get("closes_at"):
        return None
    end = dt.datetime.fromisoformat(round_["closes_at"].replace("Z", "+00:00"))
    now = now or dt.datetime.now(dt.UTC)
    return max(0, int((end - now).total_seconds()))


def room_fingerprints(db: Database, workshop_id: int | None = None) -> dict[int, str]:
    """Per workshop with rounds, a short fingerprint of its open rounds and its latest round, each
    with its id and whether it still takes ballots (a round whose time is up counts as closed, so
    closing it later changes nothing). It changes exactly when a participant's page must redraw."""
    scope, args = ("AND workshop_id = ?", [workshop_id]) if workshop_id is not None else ("", [])
    rows = store.rows(
        db,
        f"""
        SELECT workshop_id, id,
               status = 'open' AND NOT (closes_at IS NOT NULL AND closes_at <= {_NOW}) AS taking
        FROM voting_round r
        WHERE (status = 'open' OR id = (SELECT max(id) FROM voting_round WHERE workshop_id = r.workshop_id))
        {scope}
        ORDER BY workshop_id, id""",
        args,
    )
    states: dict[int, list[str]] = {}
    for row in rows:
        states.setdefault(row["workshop_id"], []).append(f"{row['id']}:{'o' if row['taking'] else 'c'}")
    return {wid: hashlib.sha256(",".join(parts).encode()).hexdigest()[:16] for wid, parts in states.items()}


def room_fingerprint(db: Database, workshop_id: int) -> str:
    """One workshop's fingerprint ('' before its first round)."""
    return room_fingerprints(db, workshop_id).get(workshop_id, "")


def gradient_options() -> list[dict]:
    """The gradients in the ballot's order (whole-hearted endorsement first, a block last), each
    with its label and the side it counts on (support, neutral or not ready, concern)."""
    return [
        {
            "value": g,
            "label": consensus.gradient_label(g),
            "side": consensus.GRADIENT_GROUPS[g],
            "group": consensus.GROUP_LABELS[consensus.GRADIENT_GROUPS[g]],
        }
        for g in consensus.GRADIENTS
    ]


def rating_words(scale: str) -> list[str]:
    """The five ratings' words ("strongly disagree" … "strongly agree"), from core/consensus.py."""
    labels = consensus.RATING_LABELS.get(scale, consensus.RATING_LABELS["agreement"])
    return [labels[n].split(" · ", 1)[-1] for n in range(1, 6)]


VERDICT_MARKS = {  # a mark beside the verdict's words (never instead of them)
    consensus.CONSENSUS: "✓",
    consensus.REDISCUSS: "↻",
    consensus.DROP: "✕",
    consensus.DISCUSS: "!",
    consensus.NO_VOTES: "–",
}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def grid_axes(grid_axes: str) -> dict:
    """What a grid ballot asks on each axis: name, the question, the words at 1 and at 5."""
    grid = priorities.preset(grid_axes)
    return {axis: {"name": a.name, "question": a.question, "low": a.low, "high": a.high} for axis, a in (("y", grid.y), ("x", grid.x))}


def _priority_figures(r: dict, method: str, size: int, grid_axes: str | None) -> list[list[str]]:
    if method == "split":
        if r["points"] is None:  # the small-room rule hides an item fewer than 2 chose
            return []
        figures = [
            ["Place", f"{r.get('standing') or '—'} of {size}"],
            ["Share of points", _pct(r.get("share"))],
            ["Points", str(r["points"])],
            ["Voters", _num(r["votes"])],
        ]
        if r.get("budget_share") is not None:
            figures.append(["Share of budget", _pct(r["budget_share"])])
        return figures
    grid = priorities.preset(grid_axes)

    def spread(a: str) -> str:
        if r.get(f"{a}_median") is None:
            return "—"
        low, high = r.get(f"{a}_q1"), r.get(f"{a}_q3")
        middle = "" if low is None or low == high else f" (middle half {low:g}–{high:g})"
        return f"{r[f'{a}_median']:g}{middle}"

    return [[grid.y.name, spread("y")], [grid.x.name, spread("x")], ["Placed by", str(r["votes"])], ["Skipped", _num(r.get("skipped", 0))]]


def result_cards(
    rows: list[dict], method: str, *, scale: str = "agreement", named: list[dict] | None = None, grid_axes: str | None = None
) -> list[dict]:
    """One card per item, in the round's order: title, perspective, the verdict in words with a
    mark, the figures that matter for the method, the spread of answers and (named rounds) who
    answered what, as the small-room rule lets the room see them (`note` says what it withheld).
    Plain strings only, words from core/consensus.py: the page draws them as text."""
    by_label: dict[str, list[list[str]]] = {}
    for row in named or []:
        name = paper.voter_label(row["name"], row.get("source"))
        by_label.setdefault(row["label"], []).append([name, row["answer"]])
    groups = consensus.GROUP_LABELS
    cards = []
    if method == "split":  # by place, as the room's screen shows them
        rows = sorted(rows, key=lambda r: (r.get("standing") is None, r.get("standing") or 0))
    for r in rows:
        card: dict = {
            "title": r["label"],
            "perspective": r.get("grouping") or "",
            "verdict": "",
            "verdict_key": "",
            "mark": "",
            "spread": [],
            "names": by_label.get(r["label"], []),
            "note": r.get("note", ""),
            "figures": [],
        }
        if r.get("disclosure") == disclosure.WITHHELD:
            cards.append(card)
            continue
        if method in ("grid", "split"):
            card["figures"] = _priority_figures(r, method, len(rows), grid_axes)
            if method == "grid":  # the quadrant in words where a verdict would be, never a verdict
                card.update(verdict=r["quadrant"], verdict_key="quadrant")
                if r.get("divided"):
                    card["note"] = "The room is divided on where it sits: the middle half spans 2 points or more."
            elif r.get("budget_share") is not None:
                card["note"] = priorities.gap_sentence(r)
        elif method in ("dots", "ranking"):
            size = len(rows) if method == "dots" else sum(1 for x in rows if x.get("grouping") == r.get("grouping"))
            if r["points"] is not None:
                card["figures"] = [
                    ["Place", f"{r.get('standing') or '—'} of {size}"],
                    ["Dots" if method == "dots" else "Points", str(r["points"])],
                    ["Voters", _num(r["votes"])],
                ]
                if method == "ranking":
                    card["figures"].append(["Median rank", _num(r["median"])])
        else:
            verdict = r["verdict"] or consensus.NO_VOTES
            card.update(verdict=consensus.verdict_label(verdict), mark=VERDICT_MARKS.get(verdict, ""), verdict_key=verdict.replace(" ", "-"))
            card["figures"] = [
                [groups[consensus.SUPPORT], _pct(r["pct_positive"])],
                [groups[consensus.NEUTRAL], _pct(r.get("pct_neutral"))],
                [groups[consensus.CONCERN], _pct(r["pct_negative"])],
                ["Answers counted", _num(r["votes"])],
            ]
            if method == "gradients":
                card["figures"] += [["Blocks", _num(r["blocks"])], ["Abstained", _num(r["skipped"])]]
            else:
                card["figures"] += [["Median", _num(r["median"])], ["Skipped", _num(r["skipped"])]]
            if r.get("disclosure") == disclosure.MERGED:
                card["spread"] = [[s["label"], s["text"]] for s in reversed(disclosure.spread(r, method, scale, short=False))]
                if any(v == "—" for _, v in card["figures"]):
                    card["note"] = f"A dash marks a figure kept private: fewer than {disclosure.SMALL} people gave that answer."
            else:
                card["spread"] = [[consensus.answer_label(method, k, scale), str(v)] for k, v in r["counts"].items() if v]
        cards.append(card)
    return cards
