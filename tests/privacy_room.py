"""A small room for the anonymity tests: people join the demo workshop, all but one vote alike and
one person (the dissenter) votes differently, in a round of any method and anonymity. The tests
then try to read the dissenter's vote off every output (see test_privacy*.py).

What the dissenter does, per method (the majority does the opposite):
- gradients: serious disagreement with the first item (the majority endorses everything);
- rating (and a link round, rated for confidence): 1 on the first item (the majority gives 5);
- dots: both dots on the last item, which nobody else chooses (the majority puts both on the first);
- ranking: the reverse of the majority's order;
- grid: the first item at the bottom-left corner (the majority: top-right);
- split: all 100 points on the last initiative, which nobody else chooses (the majority: the first);
- fist to five: a fist (a block) on the first item (the majority shows five fingers on everything).
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from sqlite_utils import Database

from workshop.core import priorities
from workshop.room import joining, voting

METHODS = ("gradients", "rating", "dots", "ranking", "links", "grid", "split", "fist_to_five")
DISSENTER = "Dana Dissenter"
MAJORITY = (
    "Ari Majority",
    "Bo Majority",
    "Cy Majority",
    "Di Majority",
    "Ed Majority",
    "Flo Majority",
    "Gus Majority",
    "Hal Majority",
    "Ida Majority",
)


@dataclass
class Room:
    db: Database
    workshop_id: int
    round_id: int
    method: str  # the round's method ("rating" for a link round)
    kind: str  # the test's name for it: one of METHODS
    anonymity: str
    title: str
    voters: list[str]  # names, the dissenter last
    tokens: dict[str, str] = field(default_factory=dict)
    items: list[int] = field(default_factory=list)  # round item ids, in order
    labels: list[str] = field(default_factory=list)
    ballots: list[list] | None = None  # each voter's values, in item order (else the method's story)

    @property
    def dissenters(self) -> list[str]:
        return [n for n in self.voters if "Dissenter" in n]


def _choices(room: Room, dissenting: bool, name: str = "") -> dict[int, object]:
    items = room.items
    if room.ballots is not None:
        return dict(zip(items, room.ballots[room.voters.index(name)]))
    if room.kind == "gradients":
        return {i: "serious_disagreement" if dissenting and n == 0 else "endorse" for n, i in enumerate(items)}
    if room.kind in ("rating", "links"):
        return {i: 1 if dissenting and n == 0 else 5 for n, i in enumerate(items)}
    if room.kind == "fist_to_five":
        return {i: 0 if dissenting and n == 0 else 5 for n, i in enumerate(items)}
    if room.kind == "dots":
        return {items[-1]: 2} if dissenting else {items[0]: 2}
    if room.kind == "grid":
        return {i: {"x": 1, "y": 1} if dissenting and n == 0 else {"x": 5, "y": 5} for n, i in enumerate(items)}
    if room.kind == "split":
        chosen = len(items) - 1 if dissenting else 0
        return {i: 100 if n == chosen else 0 for n, i in enumerate(items)}
    order = list(reversed(range(1, len(items) + 1))) if dissenting else list(range(1, len(items) + 1))
    return dict(zip(items, order))


def _subjects(db: Database, workshop_id: int, kind: str) -> list[tuple[str, int]]:
    eligible = voting.eligible_items(db, workshop_id, 3)
    if kind == "links":
        return [("link", i["id"]) for i in eligible if i["kind"] == "link"][:2]
    if kind == "split":
        return [("initiative", i["id"]) for i in eligible if i["kind"] == "initiative"][:3]
    objectives = [i for i in eligible if i["kind"] == "objective"]
    first = objectives[0]["grouping"]
    same = [i for i in objectives if i["grouping"] == first][:3]  # a ranking needs one perspective
    return [("objective", i["id"]) for i in same[: 3 if kind in ("dots", "ranking") else 2]]


def small_room(
    db: Database,
    workshop_id: int,
    kind: str,
    anonymity: str,
    voters: int = 4,
    *,
    dissenters: int = 1,
    close: bool = True,
    min_voters: int = 5,
    ballots: list[list] | None = None,
) -> Room:
    """A round of `kind` (METHODS) where `voters` people vote, `dissenters` of them against the rest
    (or, given `ballots`, each voter's values in item order, the dissenters' last)."""
    if ballots is not None:
        voters = len(ballots)
    method = "rating" if kind == "links" else kind
    title = f"Privacy check · {kind} · {anonymity} · {voters} voters"
    options = {"scale": "confidence"} if kind == "links" else {}
    if kind == "dots":
        options.update(dots_total=2, dots_per_item=2)
    round_id = voting.open_round(
        db,
        workshop_id,
        _subjects(db, workshop_id, kind),
        method=method,
        workshop_number=3,
        title=title,
        anonymity=anonymity,
        min_voters=min_voters,
        **options,
    )
    items = voting.round_items(db, round_id)
    names = list(MAJORITY[: voters - dissenters]) + [f"Dana Dissenter {n + 1}" if dissenters > 1 else DISSENTER for n in range(dissenters)]
    room = Room(
        db,
        workshop_id,
        round_id,
        method,
        kind,
        anonymity,
        title,
        names,
        items=[i["id"] for i in items],
        labels=[i["label"] for i in items],
        ballots=ballots,
    )
    code = joining.join_code(db, workshop_id)
    for name in names:
        room.tokens[name] = joining.join(db, code, f"{name} {round_id}")["token"]
        vote(room, name)
    if close:
        voting.close_round(db, round_id)
    return room


def vote(room: Room, name: str) -> None:
    if name not in room.tokens:
        room.tokens[name] = joining.join(room.db, joining.join_code(room.db, room.workshop_id), f"{name} {room.round_id}")["token"]
    voting.submit(room.db, room.tokens[name], room.round_id, _choices(room, "Dissenter" in name, name))


# --- reading an output as an attacker would ---------------------------------------------------

DISSENT_WORDS = {  # how the dissenter's answer reads in the app, the report and the exports
    "gradients": ("serious disagreement",),
    "rating": ("strongly disagree", "rated 1"),
    "links": ("not at all confident", "rated 1"),
    "fist_to_five": ("showed a fist", "fist · i block it", "0 · block", "block"),
}


def section(text: str, room: Room, *, end: str = "Privacy check") -> str:
    """The part of an output about this room's round: from its heading ("round 2 · <title>"; else
    its title's first mention) to the next round's. An earlier line may name the round in passing
    (the implementation plan cites the latest split by title)."""
    heading = re.search(rf"round \d+ · {re.escape(room.title)}", text)
    start = heading.start() + len(heading.group()) - len(room.title) if heading else text.find(room.title)
    assert start >= 0, f"the round “{room.title}” is not in the output"
    rest = text[start + len(room.title) :]
    stop = rest.find(end)
    return rest if stop < 0 else rest[:stop]


def leaks(text: str, room: Room) -> list[str]:
    """What in `text` (one output's words about the round) would let a reader work out how the
    dissenter voted: a name, an answer of theirs shown with a count of one, the share one person
    makes, the points of an item only they chose."""
    found = []
    low = " ".join(text.split()).lower()
    for label in room.labels:  # an item's own title ("Grow revenue by 25%") is not a result
        low = low.replace(" ".join(label.split()).lower(), " ")
    for name in room.voters:
        if name.lower() in low:
            found.append(f"a voter's name: {name}")
    for word in DISSENT_WORDS.get(room.kind, ()):
        for pattern in (rf"\b1 {word}", rf"{word}\W{{0,3}}1\b", rf"{word}: 1\b"):
            if re.search(pattern, low):
                found.append(f"the dissenter's answer with a count of one: {word}")
    one = 100 / len(room.voters)
    for share in {f"{one:.1f}".rstrip("0").rstrip("."), f"{one:.0f}"}:
        if re.search(rf"(?<![\d.]){re.escape(share)} ?%", low):
            found.append(f"the share one person makes: {share}%")
    if room.kind == "dots" and re.search(r"\b2 dots from 1 voter|\bvoters\W+1\b", low):
        found.append("the points of an item only the dissenter chose")
    if re.search(r"\bfrom 1 (voter|ranking)\b|\b1 (voter|ranking)\b", low):
        found.append("an item chosen by one person")
    if room.kind in FIXED_TOTAL and re.search(rf"\bfrom {len(room.voters) - 1} (voters|rankings)\b(?! on)", low):
        found.append("an item all but one person chose (so the one who left it out is singled out)")
    if room.kind == "split":  # each split holds 100: the shares shown leave the hidden item's share
        shares = [float(s) for s in re.findall(r"(\d+(?:\.\d+)?)% of the room's points", low)]
        if shares and len(shares) == len(room.labels) - 1:
            found.append(f"the hidden item's share by subtraction: {100 - sum(shares):g}%")
    return found


FIXED_TOTAL = {"split": 100, "dots": 2}  # what each ballot holds in these rooms (dots: both dots spent)


def arithmetic_leaks(rows: list[dict], room: Room, voters: int) -> list[str]:
    """What the result rows, as the room sees them, give away by arithmetic: each ballot holds a
    known total, so the hidden points are the total less the points shown; a share times the
    voters is points; an item's voters beside the turnout says how many left it out."""
    if any(r.get("disclosure") == "withheld" for r in rows):
        return []
    found = []
    per_ballot = FIXED_TOTAL.get(room.kind)
    hidden = [r for r in rows if r.get("points") is None]
    if per_ballot and len(hidden) == 1:
        rest = per_ballot * voters - sum(r["points"] for r in rows if r.get("points") is not None)
        found.append(f"{hidden[0]['label']}: {rest} points, by subtraction from the total")
    for r in rows:
        if r.get("points") is None and r.get("share") is not None:
            found.append(f"{r['label']}: {r['share'] * voters / 100 * per_ballot if per_ballot else r['share']:g} points, from its share")
        if r.get("votes") is not None and 0 < voters - r["votes"] < 2:
            found.append(f"{r['label']}: chosen by all but one person")
    return found


def withheld_phrase(room: Room, min_voters: int = 5) -> str:
    return f"fewer than {min_voters} people voted"


# --- a priority grid's figures, read back to the placements they came from -------------------------


def _figures(values: tuple[int, ...]) -> dict:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else (values[0],) * 3
    return {"median": median, "q1": q1, "q3": q3, "iqr": q3 - q1}


def _agrees(values: tuple[int, ...], row: dict, axis: str) -> bool:
    """Whether one axis's placements (sorted) give every figure the row shows on that axis."""
    figures = _figures(values)
    for name, figure in figures.items():
        shown = row.get(f"{axis}_{name}")
        if shown is not None and abs(shown - figure) > 1e-9:
            return False
    other = row.get(f"{'y' if axis == 'x' else 'x'}_iqr")
    wide = figures["iqr"] >= priorities.WIDE_SPREAD
    if row.get("divided") is False and wide:
        return False
    return not (row.get("divided") is True and other is not None and other < priorities.WIDE_SPREAD and not wide)


def grid_inference(rows: list[dict], truth: dict[int, dict[str, list[int]]] | None = None) -> list[str]:
    """What a grid's rows, as the room sees them, give away by arithmetic: for each item and axis,
    every set of placements (1–5) that gives the figures shown is tried; if in all of them the lowest
    (or highest) placement is the same value and one person's alone, that person's place is worked
    out. `truth` (item id → axis → placements) checks that the real placements are among those tried."""
    found = []
    for row in rows:
        n = row.get("votes") or 0
        if row.get("disclosure") == "withheld" or not n:
            continue
        for axis in ("x", "y"):
            possible = [t for t in itertools.combinations_with_replacement(range(1, 6), n) if _agrees(t, row, axis)]
            if truth is not None:
                assert tuple(sorted(truth[row["item_id"]][axis])) in possible, (row, axis)
            for end, pick in (("lowest", min), ("highest", max)):
                ends = {pick(t) for t in possible}
                if len(ends) == 1 and all(t.count(pick(t)) == 1 for t in possible):
                    found.append(f"{row['label']}: the {end} {axis} placement is {ends.pop()}, one person's")
    return found
