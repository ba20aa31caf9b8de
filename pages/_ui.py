"""UI pieces the pages share: the store for this session, the current workshop, the phase header,
and turning a domain error into a message. No SQL here: everything goes through `workshop/`."""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workshop import phases, scorecard, store
from workshop.model import PHASE_TITLES, Phase, Scorecard, WorkshopError


def db():
    """This session's connection (one session runs one script at a time, so it is never shared)."""
    if "db" not in st.session_state:
        st.session_state.db = store.connect(store.database_path())
    return st.session_state.db


def workshop_id() -> int | None:
    """The open workshop: kept in the session and in the URL, so a reload keeps it."""
    if "workshop_id" not in st.session_state:
        raw = st.query_params.get("w")
        st.session_state.workshop_id = int(raw) if raw and raw.isdigit() else None
    wid = st.session_state.workshop_id
    if wid is not None and st.query_params.get("w") != str(wid):
        st.query_params["w"] = str(wid)
    return wid


def open_workshop(wid: int | None) -> None:
    st.session_state.workshop_id = wid
    if wid is None:
        st.query_params.pop("w", None)
    else:
        st.query_params["w"] = str(wid)


def load_card() -> Scorecard:
    wid = workshop_id()
    if wid is None:
        st.info("Open or create a workshop first.")
        st.page_link("pages/start.py", label="Go to the workshops", icon="🏠")
        st.stop()
    try:
        return scorecard.load(db(), wid)
    except WorkshopError:
        open_workshop(None)
        st.warning("That workshop no longer exists.")
        st.page_link("pages/start.py", label="Go to the workshops", icon="🏠")
        st.stop()


def attempt(action: Callable, success: str | None = None, *, rerun: bool = True):
    """Run one user action; a domain error becomes a message and nothing else changes."""
    try:
        result = action()
    except WorkshopError as error:
        st.error(str(error), icon="⚠️")
        return None
    if success:
        st.toast(success, icon="✅")
    if rerun:
        st.rerun()
    return result


def phase_header(card: Scorecard, phase: Phase) -> None:
    """Title, where the workshop stands, and what is missing before the next phase."""
    w = card.workshop
    st.caption(f"{escape_md(w['organisation'])} · {escape_md(w['unit'])}")
    st.title(f"{int(phase)} · {PHASE_TITLES[phase]}")
    steps = " → ".join(f"**{p.value} {p.title}**" if p == card.phase else f"{p.value} {p.title}"
                       for p in Phase)
    st.caption(f"Workshop is in phase {card.phase.value}: {steps}", help="Phases run in order; "
               "a phase gate lists only what the method requires.")
    todo = phases.missing(card, phase)
    if todo:
        with st.expander(f"Still missing before the next phase ({len(todo)})", expanded=phase == card.phase):
            for item in todo:
                st.markdown(f"- {escape_md(item)}")
    elif phase == card.phase and phase < Phase.PLAN:
        st.success("This phase is complete.", icon="✅")
        if st.button(f"Move on to phase {int(phase) + 1}: {Phase(phase + 1).title}", type="primary"):
            attempt(lambda: phases.advance(db(), card.workshop["id"]), "Moved to the next phase.")
    if phase < card.phase:
        st.caption("✅ This phase is done; you can still edit it.")


_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|~$"


def escape_md(text: str) -> str:
    """User text shown through markdown is escaped so that it reads as typed."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def options(rows: list[dict], label_key: str = "title") -> dict[int, str]:
    return {r["id"]: r[label_key] for r in rows}
