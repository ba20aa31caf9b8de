"""The cascade's UI pieces: starting a lower unit's scorecard, and saying how one objective of a
lower unit serves its parent (the alignment page and the strategy map's objective panel use them)."""

from __future__ import annotations

import streamlit as st

from ui import nav, session
from ui.display import escape_md
from ui.frame import attempt, open_workshop
from workshop.core.model import Objective, Scorecard
from workshop.method import alignment, cascade


def start_cascade(db, card: Scorecard, unit: str, owner: str = "") -> None:
    """Start the unit's scorecard and open it; the facilitator who was let into the parent is let
    into the child (it carries the same passphrase)."""
    child = attempt(lambda: cascade.start_cascade(db, card.workshop["id"], unit, owner=owner), rerun=False)
    if child:
        session.mark_unlocked(child)
        st.session_state["cascade-started"] = unit
        open_workshop(child, go_to=nav.ARCHITECTURE)


def start_form(db, card: Scorecard, key: str = "cascade-start") -> None:
    """One button per planned unit without a scorecard yet, and a form for any other unit."""
    if not card.agreed_objectives():
        st.info(
            "A lower unit's scorecard starts from the objectives this workshop agreed; agree them in the consensus workshop (phase 3) first.",
            icon=":material/info:",
        )
        return
    planned = alignment.planned_not_started(card)
    for c in planned:
        a, b = st.columns([3, 2], vertical_alignment="center")
        a.markdown(f"**{escape_md(c['unit'])}** · in the cascade plan" + (f" · owner {escape_md(c['owner'])}" if c["owner"] else ""))
        if b.button(f"Start the cascade for {escape_md(c['unit'])}", key=f"{key}-{c['id']}", icon=":material/call_split:"):
            start_cascade(db, card, c["unit"], c["owner"])
    with st.form(key):
        a, b = st.columns(2)
        unit = a.text_input("Another lower unit", max_chars=200, key=f"{key}-unit", placeholder="e.g. Field Engineering")
        owner = b.text_input("Who leads its scorecard", max_chars=200, key=f"{key}-owner")
        if st.form_submit_button("Start the cascade for this unit", icon=":material/call_split:"):
            start_cascade(db, card, unit, owner)


def parent_label(card: Scorecard, objective_id: int) -> str:
    o = card.parent_objective(objective_id)
    return o.title if o else "(no longer in the parent)"


def alignment_editor(db, card: Scorecard, o: Objective, key: str) -> None:
    """In a lower unit, the parent objectives one objective contributes to, or the reason it is local."""
    parent = card.parent
    if parent is None:
        return
    options = [p.id for p in card.parent_objectives if p.status == "agreed"]
    with st.form(f"{key}-{o.id}", border=False):
        a, b = st.columns([3, 2])
        serves = a.multiselect(
            f"Contributes to ({escape_md(parent['unit'])})",
            options,
            default=[i for i in o.contributes_to if i in options],
            format_func=lambda i: parent_label(card, i),
            key=f"{key}-serves-{o.id}",
            placeholder="Choose the parent objectives it serves",
        )
        reason = b.text_input(
            "…or local to the unit, because",
            o.local_reason,
            max_chars=500,
            key=f"{key}-local-{o.id}",
            placeholder="e.g. a duty only this unit carries",
        )
        if st.form_submit_button("Save", key=f"{key}-save-{o.id}"):
            attempt(lambda: cascade.set_alignment(db, o.id, serves, reason), "Alignment saved.")


def served_caption(card: Scorecard, o: Objective) -> str:
    """One line on how an objective is aligned: what it serves above, or who serves it below."""
    parts = []
    if card.parent is not None:
        if o.contributes_to:
            parts.append(f"**Serves in {escape_md(card.parent['unit'])}:** " + "; ".join(escape_md(parent_label(card, i)) for i in o.contributes_to))
        elif o.local_reason:
            parts.append(f"**Local to the unit:** {escape_md(o.local_reason)}")
        else:
            parts.append(":orange[Neither contributes to the parent nor says why it is local]")
    below = card.served_by.get(o.id, [])
    if below:
        units = card.units_serving(o.id)
        parts.append(
            f"**Served by {len(units)} unit{'s' if len(units) != 1 else ''}:** "
            + "; ".join(f"{escape_md(s['unit'])} ({escape_md(s['title'])})" for s in below)
        )
    return "  \n".join(parts)


def parent_context(db, card: Scorecard) -> None:
    """Phase 1 of a lower unit: the parent it serves, the parent objectives expected of it, and
    why its perspectives differ from the parent's, if they do (nothing for a workshop without a parent)."""
    parent, w = card.parent, card.workshop
    if parent is None:
        return
    started = st.session_state.pop("cascade-started", None)
    if started:
        st.success(
            f"The scorecard of {escape_md(started)} is started from {escape_md(parent['unit'])}: its "
            "themes are listed as head-office themes below, its perspectives are the parent's, and "
            f"the {len(card.expected)} objectives it agreed are listed for this unit to serve.",
            icon=":material/call_split:",
        )
    st.subheader(f"The unit above: {escape_md(parent['unit'])}", anchor=False)
    a, b = st.columns([4, 1], vertical_alignment="center")
    a.markdown(
        f"**{escape_md(w['unit'])}** is a lower unit of **{escape_md(parent['unit'])}** "
        f"({escape_md(parent['organisation'])}), which is in phase {parent['phase']} of 5."
        + (f"  \n*Its vision:* {escape_md(parent['vision'])}" if parent["vision"] else "")
    )
    if b.button(f"Open {escape_md(parent['unit'])}", key="open-parent"):
        open_workshop(parent["id"], go_to=nav.ALIGNMENT)
    options = [p.id for p in card.parent_objectives if p.status == "agreed"]
    with st.form("expected"):
        chosen = st.multiselect(
            f"Objectives of {escape_md(parent['unit'])} this unit is expected to serve",
            options,
            default=[i for i in card.expected if i in options],
            format_func=lambda i: parent_label(card, i),
            key="expected-objectives",
            help="Take off the ones the unit cannot influence; the checks then ask for a contributing objective for each one left.",
        )
        if st.form_submit_button("Save the list"):
            attempt(lambda: cascade.set_expected(db, w["id"], chosen), "List saved.")
    same = [(p.key, p.name) for p in card.perspectives] == [(p.key, p.name) for p in card.parent_perspectives]
    if not same or w.get("perspective_reason"):
        with st.form("perspective-reason"):
            reason = st.text_input(
                "Why this unit's perspectives differ from the parent's",
                w.get("perspective_reason", ""),
                max_chars=500,
                key="perspective-reason-text",
                help=escape_md(" → ".join(p.name for p in card.parent_perspectives) + " in " + parent["unit"]),
            )
            if st.form_submit_button("Save the reason"):
                attempt(lambda: cascade.set_perspective_reason(db, w["id"], reason), "Reason saved.")
