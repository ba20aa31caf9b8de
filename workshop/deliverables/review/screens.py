"""The presenter's review mode: one thing at a time on the projector, read from the review pack's
record (record.read_review). First the strategy map coloured by status with its legend and the
roll-up rule; then each off-target measure with its plan-versus-actual trend and its owner's comment;
then each hypothesis (a causal link with measures at both ends) with its evidence sentence and the
room's recorded verdict. Pure: the page adds the live vote."""

from __future__ import annotations

from workshop.deliverables.map import status as map_status
from workshop.deliverables.map import svg
from workshop.deliverables.record import ReviewRecord
from workshop.deliverables.review import story

MAP, MEASURE, LINK = "map", "measure", "link"
SCREEN_FONT, SCREEN_COLUMNS = 15, 5  # as the presenter's map of the room's confidence


def map_screen(rec: ReviewRecord) -> dict:
    marks = map_status.ReviewMarks(
        statuses=dict(rec.statuses), evidence={link_id: found.verdict for link_id, found in rec.evidence.items()}, rule=story.ROLL_UP_RULE
    )
    drawn = svg.render_svg(rec.card, statuses=("agreed",), title="", font_size=SCREEN_FONT, max_per_row=SCREEN_COLUMNS, review=marks)
    return {"kind": MAP, "key": MAP, "title": f"Strategy map by status · {rec.period.label()}", "svg": drawn, "rule": story.ROLL_UP_RULE}


def review_screens(rec: ReviewRecord) -> list[dict]:
    """The screens in the order the meeting takes them, each with a stable `key`."""
    lines = {track.measure.id: story.measure_line(rec, track) for track in rec.tracks if track.measure.id in rec.lines}
    off = [line for line in story.attention(lines.values()) if line["status"] == "off target"]
    found = [map_screen(rec)] if rec.card.agreed_objectives() else []
    found += [{"kind": MEASURE, "key": f"measure-{line['id']}", **line} for line in off]
    found += [{"kind": LINK, "key": f"link-{h['id']}", **h} for h in story.hypotheses(rec) if h["evidence"] != "no measures"]
    return found


def step(screens: list[dict], key: str | None, by: int) -> str | None:
    """The key `by` screens from `key` (the first screen for none); None past either end."""
    keys = [s["key"] for s in screens]
    if not keys:
        return None
    if key not in keys:
        return keys[0]
    at = keys.index(key) + by
    return keys[at] if 0 <= at < len(keys) else None
