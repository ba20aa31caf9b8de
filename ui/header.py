"""The top of a phase page: the organisation and unit, the phase's title, the five phases in a row,
what is missing before the next phase, and that phase's method checks."""

from __future__ import annotations

import streamlit as st

from ui import nav
from ui.check_findings import show_findings
from ui.display import escape_md
from ui.frame import attempt, db
from workshop import checks
from workshop.core.model import PHASE_TITLES, Phase, Scorecard
from workshop.method import phases


def phase_header(card: Scorecard, phase: Phase) -> None:
    """Title, where the workshop stands, and what is missing before the next phase."""
    w = card.workshop
    workshop_caption(w)
    st.title(f"{int(phase)} · {PHASE_TITLES[phase]}")
    _stepper(card.phase, phase)
    if st.session_state.get("phase-arrived") == int(phase):
        del st.session_state["phase-arrived"]
        st.success(
            f"Phase {int(phase) - 1} is complete: the workshop has moved on to phase {int(phase)}, {PHASE_TITLES[phase].lower()}.",
            icon=":material/check_circle:",
        )
    todo = phases.missing(card, phase)
    if todo:
        what = "the plan is complete" if phase == Phase.PLAN else "the next phase"
        with st.expander(f"Still missing before {what} ({len(todo)})", expanded=phase == card.phase):
            for item in todo:
                st.markdown(f"- {escape_md(item)}")
    elif phase == card.phase and phase < Phase.PLAN:
        st.success("This phase is complete.", icon=":material/check_circle:")
        if st.button(f"Move on to phase {int(phase) + 1}: {Phase(phase + 1).title}", type="primary", key="phase-move-on"):
            reached = attempt(lambda: phases.advance(db(), card.workshop["id"]), rerun=False)
            if reached is not None:
                st.session_state["phase-arrived"] = int(reached)
                st.switch_page(nav.PHASE_PAGES[reached].script)
    if phase < card.phase:
        st.caption(":material/check_circle: This phase is done; you can still edit it.")
    show_findings(checks.run(card), phase, expanded=False, acknowledge=f"phase{int(phase)}")


def workshop_caption(w: dict) -> None:
    """The organisation and unit above a page's title, as typed (never as markdown)."""
    st.caption(escape_md(f"{w['organisation']} · {w['unit']}"))


def _stepper(reached: Phase, shown: Phase) -> None:
    """The five phases in a row: done, reached, the one on screen, still ahead."""
    for p, column in zip(Phase, st.columns(len(Phase))):
        icon = (
            ":material/check_circle:" if p < reached else ":material/radio_button_checked:" if p == reached else ":material/radio_button_unchecked:"
        )
        label = f"**{p.value} · {p.title}**" if p == shown else f"{p.value} · {p.title}"
        column.caption(f"{icon} {label}")
