"""The review page's two buttons for the room's vote on the map's hypotheses: put the chosen causal
links to a hypothesis vote, and, once that vote has closed, record each link's verdict in the review
beside the evidence the room saw (workshop/room/review_votes.py). One call each from the page:

    review_vote.put_to_room(db, review_id, link_ids)
    review_vote.record_from_room(db, review_id, round_id)

The presenter's review mode shows the live vote and then its result beside each link's evidence.
"""

from __future__ import annotations

import streamlit as st

from ui import display, frame
from workshop.core import consensus
from workshop.core.words import plural
from workshop.room import review_votes, voting


def put_to_room(db, review_id: int, link_ids: list[int], *, key: str = "review-vote") -> int | None:
    """A button that opens a hypothesis vote on `link_ids` (holds / does not hold / too early to
    tell) for the room's phones; returns the round opened, or None until it is pressed."""
    label = f"Put {plural(len(link_ids), 'link')} to the room" if link_ids else "Put the links to the room"
    if not st.button(label, key=f"{key}-open", type="primary", disabled=not link_ids, icon=":material/how_to_vote:"):
        return None
    return frame.attempt(
        lambda: review_votes.put_to_room(db, review_id, link_ids),
        "The room can vote on its phones: holds, does not hold or too early to tell.",
    )


def record_from_room(db, review_id: int, round_id: int, *, key: str = "review-vote") -> list | None:
    """The closed vote's verdicts, one line each, and a button that records them in the review with
    their evidence; while the vote is open, a button that closes it. Returns what was recorded."""
    rnd = voting.get_round(db, round_id)
    if rnd["status"] == "open":
        st.caption("The room is voting; close the vote to record its verdicts.")
        if st.button("Close the vote", key=f"{key}-close-{round_id}", icon=":material/stop_circle:"):
            frame.attempt(lambda: voting.close_round(db, round_id), "The vote is closed.")
        return None
    found = frame.attempt(lambda: review_votes.room_verdicts(db, round_id), rerun=False)
    if not found:
        return None
    for verdict in found:
        said = consensus.verdict_label(verdict.verdict) if verdict.verdict else "no verdict from the room"
        st.markdown(f"**{display.escape_md(verdict.label)}** — {display.escape_md(said)}  \n{display.escape_md(verdict.words)}")
    given = [v for v in found if v.verdict]
    if not given:
        st.caption("The room gave no verdict to record: record each link by hand, or put it to the room again.")
        return None
    if st.button(f"Record {plural(len(given), 'verdict')} in the review", key=f"{key}-record-{round_id}", type="primary"):
        return frame.attempt(lambda: review_votes.record_from_room(db, review_id, round_id), "Verdicts recorded with their evidence.")
    return None
