"""Anonymity that holds in small rooms: what the results of a facilitator-only or anonymous round may
show, so that nobody in the room, and no reader of the report, can work out how another person voted.
Pure functions over the result rows of `room/vote_results.py`; the one place this rule is written.

The rule (stated to the facilitator in the round form, and to the room beside every result):

1. **While the round is open, no results**, only how many have voted: watching a tally move as one
   person submits would show that person's vote. A non-named round always hides its results until
   it closes (the schema refuses anything else).
2. **Too few voters, no results.** Below the round's minimum (5 by default; the facilitator picks 3 to
   10 when opening it) the room, the presenter and every deliverable see the turnout and the words
   "results withheld: fewer than N people voted", and nothing else: no spread, no verdict, no
   points, no median. The same holds for one item that fewer than N people gave a counted answer.
3. **Small answers merged.** At or above the minimum, an answer given by fewer than `SMALL` (2)
   people is never shown on its own: the answers of its group (support, neutral, concern) are
   shown as one. A group still smaller than that is shown together with every other group that
   small (including empty ones, so the rest cannot be subtracted) as "fewer than 2": "5 support ·
   neutral or concern: fewer than 2", never "5 support · 1 concern". The same goes for the number
   of blocks and of skips or abstentions.
4. **Dots, rankings and 100-point splits**: an item's points (share) and place are shown once at
   least `SMALL` people gave it dots or points (or ranked it); an item fewer people chose is listed
   below the others as "chosen by fewer than 2", without points or place. Each ballot holds a known
   total, so when only one item is hidden the smallest item shown is kept with it (else the total
   less the points shown would be its points), and an item all but one person chose does not say
   how many chose it. How many dots each person gave, and how many gave each rank, is never shown.
   **Priority grids**: an item's medians from the minimum of placements on; the middle half of
   the room (the inclusive quartiles, the box) and whether the room is divided only from
   `GRID_SPREAD_MIN` (5) placements on; never the extremes (the lowest or highest place is often
   one person's, the dissenter's). Why 5: with n placements sorted p1 ≤ … ≤ pn, the inclusive
   quartiles sit at positions 1 + (n − 1)/4 and 1 + 3(n − 1)/4. Below 5 they fall between p1 and
   p2 (and between pn−1 and pn), so they are computed partly from the lowest and highest place,
   and since a place is a whole number from 1 to 5 those can be worked back out (3 placements:
   p1 = 2·q1 − median; 4: p1 = 4·q1 − 3·p2, with p2 all but fixed by q1). From 5 on, the
   quartiles, the median and so "divided" depend on p2 … pn−1 alone: the figures only bound the
   lowest place between 1 and the lower quartile, and pin it only when the lower quartile is 1,
   which takes at least two people at 1 (likewise at the top), so a place one person alone holds
   is never worked out. The median is the room's result, shown from 3 placements on, where it is
   never the lowest or highest place either. Below 5 placements the box is not drawn and the room
   reads why (`grid_spread_note`). Like the rest of this rule it guards what the figures give
   away, not what the room already knows: whoever knows every other placement learns the last
   one from any result, the median included.
5. **The verdict is shown** at or above the minimum: it is the room's decision, reached by the
   workshop's rule over everyone's answers. A verdict short of consensus says that someone
   disagreed, never who; a block always shows as "Blocked: discuss", since a veto exists to be
   talked through.
   **A split room** (`consensus.splits_the_room`) is flagged beside the verdict: the rule needs two
   people or more at each end, so the flag never stands for one person's answer, and both ends it
   speaks of are then shown counts; a withheld item has no flag.
6. **Names** appear only on the facilitator's own page, and only in a facilitator-only round (that is
   what it is for; that list is the full, unmerged record, behind a closed panel). The facilitator's
   charts and figures follow this rule like the room's, because a laptop is often mirrored on the
   projector. An anonymous round forgets its voters when it closes; each voter's ballots are kept
   together under a sheet number drawn at random, so rankings still add up. How many answers came
   on paper or by hand is given for the round (its turnout), never per item: the room knows who had
   no phone, so an item's paper count would show what that person chose.

Named rounds show everything: that is what the room chose.
"""

from __future__ import annotations

import re
import secrets
from typing import ClassVar, Protocol

from workshop.core import consensus
from workshop.i18n import ENGLISH, N_, Translator

MIN_VOTERS = 5
GRID_SPREAD_MIN = 5  # a grid's middle half (quartiles) is shown from this many placements of an item on (rule 4)
MIN_VOTERS_RANGE = (3, 10)
SMALL = 2  # an answer given by fewer people than this is never shown on its own
PROTECTED = ("facilitator_only", "anonymous")
FULL, MERGED, WITHHELD = "full", "merged", "withheld"
# The parts of the rule; each voting method says which applies to its results (core/methods/).
ANSWERS, POINTS, PLACES = "answers", "points", "places"


class Method(Protocol):
    """What the rule needs to know of a voting method (core/methods/base.py)."""

    small_room: ClassVar[str]  # ANSWERS, POINTS or PLACES
    per_group: ClassVar[bool]  # points are given within each perspective (a ranking)
    has_blocks: ClassVar[bool]  # one of its answers blocks the item
    private_fields: ClassVar[tuple[str, ...]]  # hidden with an item's points (a split's share)

    def distribution(self, counts: dict, scale: str = ..., short: bool = ..., tr: Translator = ...) -> list[dict]: ...

    def answer_label(self, value: object, scale: str = ..., short: bool = ..., tr: Translator = ...) -> str: ...

    def count_phrase(self, text: str, value: object) -> str: ...


_RESULT_FIELDS = (
    "votes",
    "skipped",
    "positive",
    "negative",
    "neutral",
    "blocks",
    "pct_positive",
    "pct_negative",
    "pct_neutral",
    "median",
    "iqr",
    "points",
    "verdict",
    "split",
    "standing",
    "paper",
    "hands",
)  # how many answered on paper or by hand is a count of answers too
_BANDS = (consensus.CONCERN, consensus.NEUTRAL, consensus.SUPPORT)  # the chart's order, left to right
_BAND_FIELDS = {
    consensus.SUPPORT: ("positive", "pct_positive"),
    consensus.NEUTRAL: ("neutral", "pct_neutral"),
    consensus.CONCERN: ("negative", "pct_negative"),
}
BUCKET = "merged"
BAND_WORDS = {consensus.SUPPORT: N_("support"), consensus.NEUTRAL: N_("neutral"), consensus.CONCERN: N_("concern")}

# The notes a row the rule hides carries (in English, as the report keeps them); `note_in` says them
# in the viewer's language.
WITHHELD_ANSWERED = N_("Withheld: fewer than {n} people answered this item.")
WITHHELD_PLACED = N_("Withheld: fewer than {n} people placed this item.")
POINTS_PRIVATE = N_("Chosen by fewer than {k} people, so its points stay private.")
METHOD_NAMED_ONLY = N_("Results of this method are shown only in named rounds.")
_NOTES = (WITHHELD_ANSWERED, WITHHELD_PLACED, POINTS_PRIVATE, METHOD_NAMED_ONLY)
_NOTE_PATTERNS = [(note, re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\d+)", re.escape(note)) + "$")) for note in _NOTES]


def note_in(note: str, tr: Translator = ENGLISH) -> str:
    """A withheld row's note (as `protect` wrote it, in English) in the viewer's language."""
    for template, pattern in _NOTE_PATTERNS:
        found = pattern.match(note or "")
        if found:
            return tr.gettext(template).format(**found.groupdict())
    return note


def protects(anonymity: str | None) -> bool:
    """Whether a round's results follow the small-room rule (facilitator-only and anonymous rounds)."""
    return anonymity in PROTECTED


def fewer_than(k: int = SMALL) -> str:
    return f"fewer than {k}"


def rule_text(min_voters: int = MIN_VOTERS, k: int = SMALL) -> str:
    """The rule in the words a facilitator, a participant and a sponsor read."""
    return (
        f"Results appear only once the round has closed and at least {min_voters} people have voted. "
        f"Answers given by fewer than {k} people are merged with the rest of their group "
        f"(support, neutral or concern); a group that is still that small shows as “{fewer_than(k)} people”. "
        f"Dots, rankings and 100-point splits show the points and places of items that at least {k} people "
        "chose; when only one item is left out, the smallest shown is left out with it, so the total cannot "
        "give its points away. A priority grid shows where the room as a whole placed each item (the middle "
        f"answer on each scale) and, from {GRID_SPREAD_MIN} placements of an item on, the middle half of the placements, never the farthest ones. "
        "No names are shown to the room or in the report."
    )


def report_text(k: int = SMALL) -> str:
    """The rule once, for the report's consensus record (each round names its own minimum)."""
    return (
        f"Facilitator-only and anonymous rounds are reported so that nobody can work out how another person "
        f"voted. Their results appear only if at least the round's minimum number of people voted (5 unless "
        f"the facilitator chose between 3 and 10); answers given by fewer than {k} people are merged with the "
        f"rest of their group (support, neutral or concern), and a group still that small shows as “fewer than "
        f"{k} people”. Dots, rankings and 100-point splits give the points and places of items at least {k} "
        "people chose (when only one item is left out, the smallest shown is left out with it, so the total "
        "cannot give its points away); priority grids give where the room as a whole placed each item (the "
        f"middle answer on each scale) and, from {GRID_SPREAD_MIN} placements of an item on, the middle half of the placements, never the "
        "farthest ones. No names are printed for these rounds."
    )


def round_note(min_voters: int, k: int = SMALL) -> str:
    """One round's line under its heading in the report."""
    return f"Reported by the small-room rule: results from {min_voters} voters on, answers given by fewer than {k} people merged."


def short_rule_text(anonymity: str, min_voters: int = MIN_VOTERS, k: int = SMALL, part: str = ANSWERS, tr: Translator = ENGLISH) -> str:
    """The rule in one line, for the room's screen and a phone, in the words of the round's method
    (`part`: the part of the rule its results follow)."""
    _ = tr.gettext
    kind = _("Anonymous vote") if anonymity == "anonymous" else _("Names are seen by the facilitator only")
    if part == POINTS:
        detail = _("an item chosen by fewer than {k} people shows no points or place").format(k=k)
    elif part == PLACES:
        detail = _("only the middle of the room's placements is drawn (its middle half from {n} placements on), never the farthest ones").format(
            n=GRID_SPREAD_MIN
        )
    else:
        detail = _("answers given by fewer than {k} people are merged into their group").format(k=k)
    # TRANSLATORS: {kind} is "Anonymous vote" or "Names are seen by the facilitator only"; {detail} one of the rule's parts
    return _("{kind}: results are shown once at least {n} people have voted, and {detail}, so no one's vote can be picked out.").format(
        kind=kind, n=min_voters, detail=detail
    )


def withheld_text(min_voters: int, *, open_round: bool = False, tr: Translator = ENGLISH) -> str:
    if open_round:
        return tr.gettext("Results appear when the round closes; until then only the turnout is shown.")
    return tr.gettext("Results withheld: fewer than {n} people voted.").format(n=min_voters)


def validate_min_voters(value) -> int:
    """The facilitator's minimum, checked (3–10); a ValueError names the range."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        n = 0
    if isinstance(value, float) and value != n:  # 4.9 people is not 4
        n = 0
    low, high = MIN_VOTERS_RANGE
    if not low <= n <= high:
        raise ValueError(f"The minimum number of voters is between {low} and {high}.")
    return n


def protect(
    rows: list[dict], method: Method, *, anonymity: str, voters: int, min_voters: int = MIN_VOTERS, closed: bool = True, k: int = SMALL
) -> list[dict]:
    """The result rows as the room may see them. Each row gains `disclosure` (full, merged or
    withheld) and `note` (a sentence for a withheld or merged item, else ""); a merged gradients or
    rating row carries `shown`, the answers that may be drawn (see `spread`)."""
    if not protects(anonymity):
        return [{**r, "disclosure": FULL, "note": ""} for r in rows]
    if not closed or voters < min_voters:
        note = withheld_text(min_voters, open_round=not closed)
        return [_withheld(r, note) for r in rows]
    if method.small_room == ANSWERS:
        shown = [_merged_answers(r, method, min_voters, k) for r in rows]
    elif method.small_room == POINTS:
        shown = _merged_points(rows, method, min_voters, k, voters)
    elif method.small_room == PLACES:
        shown = [_merged_grid(r, min_voters, k) for r in rows]
    else:
        return [_withheld(r, "Results of this method are shown only in named rounds.") for r in rows]
    # per item, how many came on paper or by hand is never shown: the room knows who had no phone,
    # so "this item's dots include a paper ballot" would say what that person chose (the round's
    # turnout still says how many voted on paper and by hand)
    return [{**r, "paper": None, "hands": None} for r in shown]


_GRID_FIELDS = tuple(f"{axis}_{k}" for axis in ("x", "y") for k in ("median", "q1", "q3", "iqr"))


def grid_spread_note() -> str:
    """Why a grid item shows no box: the room reads it where the box would be."""
    return (
        f"The middle half is shown from {GRID_SPREAD_MIN} placements on: with fewer, it would give away "
        "the lowest or highest place, which may be one person's."
    )


def _merged_grid(row: dict, min_voters: int, k: int) -> dict:
    """A priority grid: the medians from `min_voters` placements on, the middle half of the room
    (quartiles) and whether it is divided from `GRID_SPREAD_MIN` on; never the extremes (rule 4)."""
    if (row.get("votes") or 0) < min_voters:
        return {
            **_withheld(row, WITHHELD_PLACED.format(n=min_voters)),
            **dict.fromkeys(_GRID_FIELDS),
            "quadrant": "",
            "divided": False,
        }
    out = {**row, "disclosure": MERGED, "note": ""}  # the extremes (one person's place) are never computed
    if row["votes"] < GRID_SPREAD_MIN:  # the quartiles would be worked from the lowest and highest place
        spread = [f"{axis}_{part}" for axis in ("x", "y") for part in ("q1", "q3", "iqr")]
        out |= {**dict.fromkeys(spread), "divided": None, "note": grid_spread_note()}
    if 0 < (row.get("skipped") or 0) < k:
        out["skipped"] = None
    return out


# a priority grid's placements and a split's shares are results too (the planned budget is not)
_PRIORITY_FIELDS = (*_GRID_FIELDS, "share", "gap", "ballots")


def _withheld(row: dict, note: str) -> dict:
    hidden = {**dict.fromkeys(f for f in _PRIORITY_FIELDS if f in row), **({"quadrant": "", "divided": False} if "quadrant" in row else {})}
    return {**row, **dict.fromkeys(_RESULT_FIELDS), **hidden, "counts": {}, "disclosure": WITHHELD, "note": note}


def _cells(row: dict, method: Method) -> list[dict]:
    """The counted answers of one row (abstentions and skips apart), in the chart's order."""
    cells = method.distribution(row.get("counts") or {}, short=True)
    return [c for c in cells if c["value"] not in consensus.NOT_COUNTED_GRADIENTS]


def _merged_answers(row: dict, method: Method, min_voters: int, k: int) -> dict:
    if (row.get("votes") or 0) < min_voters:
        return _withheld(row, WITHHELD_ANSWERED.format(n=min_voters))
    cells = _cells(row, method)
    totals = {band: sum(c["count"] for c in cells if c["group"] == band) for band in _BANDS}
    small = [b for b in _BANDS if 0 < totals[b] < k]
    bucket = [b for b in _BANDS if totals[b] < k] if small else []
    out = {**row, "counts": {}, "iqr": None, "disclosure": MERGED, "note": ""}
    shown: list[dict] = []
    for band in _BANDS:
        count_field, pct_field = _BAND_FIELDS[band]
        if band in bucket:
            out[count_field] = out[pct_field] = None
            continue
        members = [c for c in cells if c["group"] == band]
        if all(c["count"] == 0 or c["count"] >= k for c in members):
            shown += [
                {"label": c["label"], "value": c["value"], "group": band, "count": c["count"], "text": str(c["count"])} for c in members if c["count"]
            ]
        elif totals[band]:
            shown.append({"label": f"{consensus.GROUP_LABELS[band]}, mixed answers", "group": band, "count": totals[band], "text": str(totals[band])})
        if band == consensus.CONCERN and method.has_blocks and not all(c["count"] == 0 or c["count"] >= k for c in members):
            out["blocks"] = None
    if bucket:
        size = sum(totals[b] for b in bucket)
        names = " or ".join(BAND_WORDS[b] for b in bucket)
        text = str(size) if size >= k else f"{fewer_than(k)} people"
        shown.insert(_bucket_position(shown), {"label": names[0].upper() + names[1:], "group": BUCKET, "count": size, "text": text, "bands": bucket})
        if consensus.CONCERN in bucket:
            out["blocks"] = None
    if 0 < (row.get("skipped") or 0) < k:
        out["skipped"] = None
    exact = all(c["count"] == 0 or c["count"] >= k for c in cells)
    if exact and out["skipped"] is not None:  # nothing to merge: every answer was given by k or more
        return {**row, "disclosure": FULL, "note": ""}
    out["shown"] = shown
    return out


def _bucket_position(shown: list[dict]) -> int:
    """The merged answers go across the middle of the chart, after concern, before support."""
    return sum(1 for s in shown if s["group"] in (consensus.CONCERN, consensus.NEUTRAL))


def _merged_points(rows: list[dict], method: Method, min_voters: int, k: int, voters: int) -> list[dict]:
    """Dots, rankings and splits: an item fewer than `k` chose shows no points, voters or place.
    Each ballot holds a known total (a split 100 points, dots nearly always every dot, a ranking
    the same points), so the hidden items' points together are the total less the points shown: when
    only one item is hidden, the smallest item shown is kept with it, so that no single item's hidden
    points can be worked out by subtraction (as with answers, empty items count among the hidden).
    An item that all but fewer than `k` chose does not show how many chose it (that would show that
    one person left it out)."""
    out = []
    for r in rows:
        base = {**r, "counts": {}, "iqr": None, "disclosure": MERGED, "note": ""}
        if (r.get("votes") or 0) < k:
            _hide_points(base, method, POINTS_PRIVATE.format(k=k))
        elif (r.get("votes") or 0) < min_voters:
            base["median"] = None
        out.append(base)
    groups = dict.fromkeys(r["grouping"] if method.per_group else "" for r in out)
    for group in groups:
        members = [r for r in out if not method.per_group or r["grouping"] == group]
        shown = [r for r in members if r["points"] is not None]
        if shown and len(shown) == len(members) - 1:  # one hidden item would be the total less the rest
            _hide_points(
                min(shown, key=lambda r: r["points"]),
                method,
                f"Kept with the items chosen by {fewer_than(k)} people, so that their points cannot be worked out from the total.",
            )
            shown = [r for r in shown if r["points"] is not None]
        for r in shown:
            if 0 < voters - r["votes"] < k:
                r["votes"] = None
        places = consensus.standings({r["item_id"]: r["points"] for r in shown})
        for r in shown:
            r["standing"] = places[r["item_id"]]
    return out


def _hide_points(row: dict, method: Method, note: str) -> None:
    row.update(points=None, votes=None, median=None, standing=None, note=note)
    row.update(dict.fromkeys(method.private_fields))


def spread(row: dict, method: Method, scale: str = "agreement", *, short: bool = True, tr: Translator = ENGLISH) -> list[dict]:
    """The answers of a gradients or rating row that may be drawn, from most concern to most support:
    label, group (support, neutral, concern, or `BUCKET` for merged small groups), count (people,
    for the width of a bar) and text (the number to print: a count, or "fewer than 2")."""
    if row.get("disclosure") == WITHHELD:
        return []
    if row.get("disclosure") == MERGED and "shown" in row:
        return [_shown_in(s, method, scale, short, tr) for s in row["shown"]]
    return [
        {"label": d["label"], "value": d["value"], "group": d["group"], "count": d["count"], "text": str(d["count"])}
        for d in method.distribution(row.get("counts") or {}, scale, short=short, tr=tr)
        if d["count"]
    ]


def _shown_in(shown: dict, method: Method, scale: str, short: bool, tr: Translator) -> dict:
    """One answer (or merged answers) the rule shows, in the viewer's language."""
    if shown.get("value") is not None:
        return {**shown, "label": method.answer_label(shown["value"], scale, short=short, tr=tr)}
    if tr is ENGLISH:
        return shown
    text = shown["text"] if shown["text"].isdigit() else tr.gettext("fewer than {k} people").format(k=SMALL)
    if shown["group"] == BUCKET:
        # TRANSLATORS: merged groups of answers, e.g. "Support or concern"
        names = tr.gettext(" or ").join(tr.gettext(BAND_WORDS[b]) for b in shown.get("bands", ()))
        return {**shown, "label": names[:1].upper() + names[1:], "text": text}
    return {**shown, "label": tr.gettext("{group}, mixed answers").format(group=consensus.group_label(shown["group"], tr)), "text": text}


def spread_text(row: dict, method: Method, scale: str = "agreement") -> str:
    """The spread in one line, support first ("Whole-hearted endorsement 4 · Concern or neutral: fewer
    than 2"; ratings as "3 rated 5"); the row's note when it is withheld; "no votes" when nobody answered."""
    if row.get("disclosure") == WITHHELD:
        return row.get("note") or ""
    parts = [
        _counted(s, method) or (f"{s['label']}: {s['text']}" if s["group"] == BUCKET else f"{s['label']} {s['text']}")
        for s in reversed(spread(row, method, scale, short=False))
    ]
    return " · ".join(parts) or "no votes"


def spread_phrase(row: dict, method: Method, scale: str = "agreement") -> str:
    """The spread as the report's tally reads it, support first: "5 endorse · 2 reservations ·
    concern or neutral: fewer than 2 people"; ratings as "3 rated 5 · 3 rated 4 · …"."""
    parts = []
    for s in reversed(spread(row, method, scale)):
        label = s["label"] if s["group"] == BUCKET or s.get("value") is None else s["label"].lower()
        if _counted(s, method):
            parts.append(_counted(s, method))
        elif s["text"].isdigit():
            parts.append(f"{s['text']} {label[0].lower()}{label[1:]}")
        else:
            parts.append(f"{label[0].lower()}{label[1:]}: {s['text']}")
    return " · ".join(parts)


def _counted(answer: dict, method: Method) -> str:
    """One answer's count in the method's own words ("3 rated 5": a rating's label starts with its
    number, which beside a count would read as two numbers); '' for a merged group or to use its label."""
    value = answer.get("value")
    return method.count_phrase(answer["text"], value) if value is not None and answer["group"] != BUCKET else ""


def shown_number(value, *, percent: bool = False) -> str:
    """A figure as the room reads it: "—" where the rule hides it."""
    if value is None:
        return "—"
    return f"{value:g}%" if percent else f"{value:g}"


def shuffled_sheets(voters: list) -> dict:
    """Sheet numbers 1…n given to `voters` in a random order, drawn afresh for each round: nothing of
    a voter's id, of the order they voted in or of another round survives in their number."""
    numbers = list(range(1, len(voters) + 1))
    secrets.SystemRandom().shuffle(numbers)
    return dict(zip(voters, numbers))
