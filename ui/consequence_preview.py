"""Consequences before a decision: what dropping or changing an item would do, shown before it is
recorded, with the choice to record it anyway or keep it open."""

from __future__ import annotations

import streamlit as st

from ui import display, frame
from workshop.method import decisions


def weigh(db, objective_id: int, pending: dict, *, key: str) -> None:
    """The preview of a decision the facilitator asked for, and the two ways on."""
    box = st.container(border=True)
    box.markdown(f"**Before you record “{pending['outcome']}”, this is what it would do:**")
    for sentence in pending["said"]:
        box.markdown(f"- {display.escape_md(sentence)}")
    record, keep = box.columns(2)
    if record.button(f"Record “{pending['outcome']}” anyway", key=f"{key}-record", type="primary"):
        st.session_state.pop(key, None)
        frame.attempt(
            lambda: decisions.decide_objective(db, objective_id, pending["outcome"], pending["rationale"], **pending["changes"]),
            f"Decision recorded: {pending['outcome']}.",
        )
    if keep.button("Keep it open", key=f"{key}-keep"):
        st.session_state.pop(key, None)
        st.rerun()
