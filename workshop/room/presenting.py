"""What the room's screen shows, and the numbers its charts draw.

The presenter view follows the facilitator: before any round, the join screen; while a round is
open, that round with its turnout and countdown; once it closes, its results. Everything here is
read-only and cheap enough to run every second for one projector.
"""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from workshop.core import consensus, disclosure, methods
from workshop.db import store
from workshop.method import reviews
from workshop.room import brainstorm, questions, review_votes, vote_results, voting

JOIN, OPEN, RESULTS = "join", "open", "results"


def seconds_left(round_: dict, now: dt.datetime | None = None) -> int | None:
    """Whole seconds until a timed round closes (0 once it is due); None without a timer."""
    if not round_.get("closes_at") or round_.get("status") == "closed":
        return None
    end = dt.datetime.fromisoformat(round_["closes_at"].replace("Z", "+00:00"))
    now = now or dt.datetime.now(dt.UTC)
    return max(0, int((end - now).total_seconds() + 0.999))


def countdown_text(seconds: int | None) -> str:
    """ "2:14 left", "1:02:05 left", "Time is up"; empty without a timer."""
    if seconds is None:
        return ""
    if seconds <= 0:
        return "Time is up"
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return (f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}") + " left"


def ranked(rows: list[dict], method: str) -> list[dict]:
    """Results in the order the room sees them: dots, splits and rankings by points (ties keep the
    round's order; a ranking within each perspective); other methods keep the round's order."""
    return methods.get(method).order(rows)


def room_size(db: Database, workshop_id: int) -> int:
    row = store.one(db, "SELECT count(*) AS n FROM participant WHERE workshop_id = ? AND removed_at IS NULL AND kind = 'device'", [workshop_id])
    return int(row["n"]) if row else 0


def fingerprint(db: Database, workshop_id: int) -> tuple:
    """Changes when a round opens, closes or times out: the screen then changes what it shows."""
    return voting.room_state(db, workshop_id)


def screen_state(db: Database, workshop_id: int) -> tuple:
    """What the room's screen follows: the rounds (`fingerprint`), the question and the brainstorm the
    facilitator put on the projector, so the screen changes when one goes up or comes down."""
    return (fingerprint(db, workshop_id), questions.on_screen_id(db, workshop_id), brainstorm.on_screen_id(db, workshop_id))


def stage(db: Database, workshop_id: int, showing: int | None = None) -> dict:
    """What to put on the room's screen: `view` (join, open or results), the `round` (None on the
    join screen) and the workshop's rounds, newest first, for next/previous. `showing` is a round
    the presenter picked; without it the screen follows the room (the open round, else the last
    closed one)."""
    rounds = voting.rounds(db, workshop_id)  # closes rounds whose timer ran out
    by_id = {r["id"]: r for r in rounds}
    open_now = [r for r in rounds if r["status"] == "open"]
    chosen = by_id.get(showing) if showing is not None else (open_now[0] if open_now else rounds[0] if rounds else None)
    if chosen is None:
        return {"view": JOIN, "round": None, "rounds": rounds}
    return {"view": OPEN if chosen["status"] == "open" else RESULTS, "round": chosen, "rounds": rounds}


def neighbours(rounds: list[dict], round_id: int | None) -> tuple[int | None, int | None]:
    """The rounds before and after `round_id` in the order they were opened."""
    ids = sorted(r["id"] for r in rounds)
    if round_id not in ids:
        return None, None
    at = ids.index(round_id)
    return (ids[at - 1] if at else None), (ids[at + 1] if at + 1 < len(ids) else None)


# --- chart data -------------------------------------------------------------------------------


def diverging_segments(rows: list[dict], method: str, scale: str = "agreement", series: str = "") -> list[dict]:
    """Segments of a diverging stacked bar per item, in people: concern to the left of zero,
    support to the right, neutral answers (and answers merged by the small-room rule) centred on
    zero. Each: item (its position), label, answer, group, count, text (the number to print),
    start, end, order, series ("before"/"after" for a re-vote)."""
    how = methods.get(method)
    out = []
    for position, row in enumerate(rows):
        levels = disclosure.spread(row, how, scale)
        middle = sum(d["count"] for d in levels if d["group"] in (consensus.NEUTRAL, disclosure.BUCKET))
        left = -middle / 2 - sum(d["count"] for d in levels if d["group"] == consensus.CONCERN)
        for order, d in enumerate(levels):
            out.append(
                {
                    "item": position,
                    "label": row["label"],
                    "answer": d["label"],
                    "group": GROUP_WORDS.get(d["group"], d["group"]),
                    "band": d["group"],
                    "count": d["count"],
                    "text": d["text"],
                    "start": left,
                    "end": left + d["count"],
                    "order": order,
                    "series": series,
                    "verdict": consensus.verdict_label(row.get("verdict")),
                }
            )
            left += d["count"]
    return out


GROUP_WORDS = {**consensus.GROUP_LABELS, disclosure.BUCKET: "Merged: too few to show apart"}


def answer_order(method: str, scale: str = "agreement") -> list[str]:
    """Every answer's short label, from most concern to most support (the chart's legend)."""
    return [d["label"] for d in methods.get(method).distribution({}, scale, short=True)]


def answer_groups(method: str, scale: str = "agreement") -> list[str]:
    return [d["group"] for d in methods.get(method).distribution({}, scale, short=True)]


def points_bars(rows: list[dict], method: str) -> list[dict]:
    """Ranked horizontal bars for dots and ranking: label, points, place, group (perspective)."""
    return [
        {
            "item": n,
            "label": r["label"],
            "points": r["points"],
            "place": r.get("standing"),
            "group": r["grouping"] if methods.get(method).per_group else "",
            "voters": r["votes"],
            "note": r.get("note", ""),
        }
        for n, r in enumerate(ranked(rows, method))
    ]


def round_view(db: Database, round_id: int) -> dict:
    """A round as the room's screen shows it: its items, turnout and countdown while open; its
    ranked results and, for a re-vote, how opinion moved once closed."""
    round_ = voting.get_round(db, round_id)
    left = seconds_left(round_)
    view: dict = {
        "round": round_,
        "items": voting.round_items(db, round_id),
        "turnout": vote_results.turnout(db, round_id),
        "seconds_left": left,
        "countdown": countdown_text(left),
    }
    if round_["status"] == "closed" or not round_["results_hidden"]:
        view["results"] = ranked(vote_results.results(db, round_id), round_["method"])
        view["movement"] = vote_results.movement(db, round_id) if round_["status"] == "closed" else []
    view["rule"] = vote_results.rule(db, round_id, short=True)
    view["withheld"] = withheld_note(view.get("results", []))
    view["verdicts"] = verdict_tally(view.get("results", []))
    view["links"] = vote_results.link_entries(view.get("results", []), round_["number"] or round_id)
    return view


def verdict_tally(rows: list[dict]) -> str:
    """How many items got each verdict, in the order they first appear: "Consensus: 4 · Drop: 1"."""
    tally: dict[str, int] = {}
    for r in rows:
        if r.get("verdict") is not None:
            tally[r["verdict"]] = tally.get(r["verdict"], 0) + 1
    return " · ".join(f"{consensus.verdict_label(v)}: {n}" for v, n in tally.items())


def withheld_note(rows: list[dict]) -> str:
    """The one sentence to show instead of results when the small-room rule withholds them all
    ("Results withheld: fewer than 5 people voted."); "" when anything may be shown."""
    notes = {r["note"] for r in rows if r.get("disclosure") == disclosure.WITHHELD}
    if rows and len(notes) == 1 and all(r.get("disclosure") == disclosure.WITHHELD for r in rows):
        return notes.pop()
    return ""


# --- the review mode -------------------------------------------------------------------------


def open_review(db: Database, workshop_id: int) -> dict | None:
    """The review meeting under way (the latest opened), or None: the presenter's review mode needs one."""
    return next((r for r in reviews.reviews(db, workshop_id) if r["status"] == "open"), None)


def link_vote(db: Database, review: dict, link_id: int) -> dict | None:
    """The room's latest hypothesis vote on a link in this review, as the screen shows it beside the
    evidence: the round, its turnout and the room's size, this link's result row (None while the
    results are hidden) in words, and the verdict recorded in the review; None before any vote."""
    recorded = next((v for v in reviews.verdicts(db, review["workshop_id"]) if v["review_id"] == review["id"] and v["link_id"] == link_id), None)
    for rnd in review_votes.hypothesis_rounds(db, review["workshop_id"], review["opened_at"]):
        item = next((i for i in voting.round_items(db, rnd["id"]) if i["link_id"] == link_id), None)
        if item is None:
            continue
        shown = rnd["status"] == "closed" or not rnd["results_hidden"]
        row = next((r for r in vote_results.results(db, rnd["id"]) if r["item_id"] == item["id"]), None) if shown else None
        return {
            "round": rnd,
            "row": row,
            "words": vote_results.summary(row, rnd["method"]) if row else "",
            "voters": vote_results.turnout(db, rnd["id"])["voters"],
            "room": room_size(db, review["workshop_id"]),
            "rule": vote_results.rule(db, rnd["id"], short=True),
            "recorded": recorded,
        }
    return {"round": None, "recorded": recorded} if recorded else None
