"""The review meeting: a period's scorecard by status, the map's hypotheses tested with the numbers,
the initiatives, the actions, the review closed and its period locked; incentive schemes and the next cycle."""

import streamlit as st

from ui import frame, header, review_panels, session

db = frame.db()
card = session.load_card()
header.workshop_caption(card.workshop)
st.title("Review meeting")
st.caption(
    "Monthly for the measures, quarterly for the strategy, yearly to test it: choose the rhythm and the period, open the review, "
    "and walk the room through what is off target, what the numbers say of each arrow on the map, and what happens next."
)
review_panels.page(db, card)
