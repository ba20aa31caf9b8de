"""The annual refresh on the review page: "Start next year" (workshop/starters/next_cycle.py) and, in a
workshop that came from a previous cycle, what was carried, changed or dropped and why."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import frame, nav
from ui.display import escape_md
from workshop.core.model import Scorecard
from workshop.starters import next_cycle


def cycle_log(db, card: Scorecard) -> None:
    previous = card.workshop.get("previous_cycle_id")
    if not previous:
        return
    st.markdown("**What changed from the previous cycle, and why**")
    changes = next_cycle.cycle_changes(db, card.workshop["id"])
    st.dataframe(
        pd.DataFrame([{"Kind": c["kind"], "Item": c["subject"], "Change": c["change"], "Why": c["reason"] or c["detail"]} for c in changes]),
        hide_index=True,
        width="stretch",
        key="cycle-changes",
    )


def next_cycle_tab(db, card: Scorecard) -> None:
    cycle_log(db, card)
    started = st.session_state.get("cycle-started")
    if started:
        st.success("The next cycle is ready: its objectives are drafts again, for the room to re-agree.", icon=":material/autorenew:")
        if st.button("Open the next cycle", key="cycle-open", type="primary"):
            st.session_state.pop("cycle-started", None)
            frame.open_workshop(started, go_to=nav.CONSENSUS)
    st.caption(
        "Start next year: a new workshop linked to this one, with the objectives not dropped (as drafts, for the room to re-agree with "
        "the same consensus tools), their links and measures, targets proposed from the trend, and the initiatives still live. "
        "Everything dropped or changed is listed with why."
    )
    label = st.text_input("The next cycle's name", key="cycle-label", max_chars=40, placeholder="2028")
    objectives = {o.id: o.title for o in card.objectives if o.status != "dropped"}
    dropping = st.multiselect("Objectives to drop", list(objectives), format_func=objectives.__getitem__, key="cycle-drop")
    reasons = {oid: st.text_input(escape_md(f"Why drop “{objectives[oid]}”?"), key=f"cycle-why-{oid}", max_chars=2000) for oid in dropping}
    if st.button("Start next year", key="cycle-start", icon=":material/autorenew:"):
        new_id = frame.attempt(lambda: next_cycle.start_next_cycle(db, card.workshop["id"], label, drop=reasons), rerun=False)
        if new_id:
            st.session_state["cycle-started"] = new_id
            st.rerun()
