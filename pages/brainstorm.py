"""A brainstorm: open one (its question, anonymous or named), watch the count while the room writes,
reveal all the cards at once, merge similar ones under a lens (with its audit trail and un-merge),
then send the clusters to a dot vote or straight into draft objectives."""

import streamlit as st

from ui import brainstorm as board
from ui import frame, header, session
from workshop.room import brainstorm

card = session.load_card()
db, wid = frame.db(), card.workshop["id"]
header.workshop_caption(card.workshop)
st.title(":material/sticky_note_2: Brainstorm")
st.caption(
    "Each person writes cards alone on their phone (an objective, a risk, an initiative or a question); you reveal them all at once, "
    "group the similar ones, and the room dot-votes the groups. Participants find it in their page's Brainstorm section."
)
latest = brainstorm.latest(db, wid)
if latest is None or latest["status"] != brainstorm.OPEN:
    with st.expander("Open a new brainstorm", expanded=latest is None):
        board.open_form(db, wid)
if latest is not None:
    st.session_state["bs-status"] = latest["status"]
    board.facilitator_board(db, wid, latest)
