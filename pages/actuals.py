"""Actuals: each measure's figures for a reporting month (plan, actual, the owner's comment), the
previous period and the year to date beside them; a locked period is shown read only."""

import streamlit as st

from ui import actuals_entry, frame, header, session

db = frame.db()
card = session.load_card()
header.workshop_caption(card.workshop)
st.title("Actuals")
st.caption(
    "Each measure's figure for the period just ended, against the period's plan (phased from the baseline to the target, "
    "or as typed). A period off target needs its owner's comment: why, and what they will do about it."
)
actuals_entry.page(db, card)
