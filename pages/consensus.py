"""Phase 3 · Consensus workshop: agree, change or drop each draft objective; draw the causal links.

Only the open tab is drawn, and long lists a page at a time, so a workshop of a hundred objectives
stays quick."""

import streamlit as st

from ui import consequence_preview, display, frame, header, map_panels, paging, session
from workshop.core.model import Phase
from workshop.core.words import plural
from workshop.method import consequences, decisions, objectives

db = frame.db()
card = session.load_card()
header.phase_header(card, Phase.CONSENSUS)

perspectives = {p.id: p.name for p in card.perspectives}
drafts = [o for o in card.objectives if o.status == "draft"]
decided = [o for o in card.objectives if o.status != "draft"]


def decide_tab() -> None:
    if not drafts:
        st.success("Every objective has a decision.", icon=":material/check_circle:")
    else:
        with st.container(border=True, key="decide-several"):
            labels = {o.id: f"{o.title} · {perspectives[o.perspective_id]}" for o in drafts}
            chosen = st.multiselect(
                "Agree several drafts at once (the room agreed them as worded)",
                list(labels),
                format_func=display.label_of(labels),
                key="agree-several",
                placeholder="Choose the drafts the room agreed",
            )
            if st.button(f"Record {len(chosen)} as agreed", type="primary", key="agree-several-save", disabled=not chosen):
                frame.attempt(
                    lambda: decisions.decide_objectives(db, chosen, "agreed"),
                    f"{plural(len(chosen), 'decision')} recorded: agreed.",
                    clear="agree-several",
                )
    for o in paging.paged(drafts, "drafts-page", noun="drafts", size=10):
        box = st.container(border=True)
        box.markdown(f"**{display.escape_md(o.title)}**")
        origin = ", ".join(i.executive for i in card.interviews if i.id in o.sources) or o.proposed_by
        box.caption(display.escape_md(f"{perspectives[o.perspective_id]} · owner: {o.owner or '—'} · from: {origin or '—'}"))
        if o.description:
            box.markdown(display.escape_md(o.description[:2000] + ("…" if len(o.description) > 2000 else "")))
        with box.form(f"decide-{o.id}"):
            outcome = st.radio("Decision", ["agreed", "changed", "dropped"], horizontal=True, key=f"outcome-{o.id}", format_func=str.capitalize)
            new_title = st.text_input("New wording (if changed)", o.title, max_chars=200, key=f"title-{o.id}")
            a, b = st.columns(2)
            new_owner = a.text_input("Owner", o.owner, max_chars=200, key=f"owner-{o.id}")
            new_perspective = b.selectbox(
                "Perspective",
                list(perspectives),
                key=f"persp-{o.id}",
                index=list(perspectives).index(o.perspective_id),
                format_func=display.label_of(perspectives),
            )
            rationale = st.text_area("Rationale (required when changed or dropped)", key=f"why-{o.id}", height=70)
            if st.form_submit_button("Record decision", type="primary"):
                changes = {"title": new_title, "owner": new_owner, "perspective_id": new_perspective}
                said = consequences.preview(card, o.id, outcome, title=new_title, perspective_id=new_perspective)
                if said and rationale.strip():  # weigh the consequences first; nothing is recorded yet
                    st.session_state[f"pending-{o.id}"] = {"outcome": outcome, "rationale": rationale, "changes": changes, "said": said}
                else:
                    frame.attempt(lambda: decisions.decide_objective(db, o.id, outcome, rationale, **changes), f"Decision recorded: {outcome}.")
        pending = st.session_state.get(f"pending-{o.id}")
        if pending:
            consequence_preview.weigh(db, o.id, pending, key=f"pending-{o.id}")
    if decided:
        st.subheader(f"Decided ({len(decided)})")
        for o in paging.paged(decided, "decided-page", noun="decided objectives"):
            x, y = st.columns([6, 1])
            x.markdown(
                f"{':material/check_circle:' if o.status == 'agreed' else ':material/cancel:'} "
                f"{display.escape_md(o.title)} · *{display.escape_md(perspectives[o.perspective_id])}*"
            )
            if y.button("Reopen", key=f"reopen-{o.id}"):
                frame.attempt(lambda: decisions.reopen_objective(db, o.id, "Reopened by the facilitator."))


def links_tab() -> None:
    st.caption("Cause → effect, from learning & growth up to the top perspective. Test each arrow: if we achieve this, will it truly drive that?")
    if len(card.live_objectives()) < 2:
        st.info("Draft at least two objectives first.")
    else:
        map_panels.link_form(db, card, key="consensus-link")
    st.caption("Or link on the map itself: switch on *Link by clicking* and click a cause, then its effect.")
    titles = {o.id: o.title for o in card.objectives}
    for link in paging.paged(card.links, "links-page", noun="links"):
        x, y = st.columns([6, 1])
        arrow = f"{display.escape_md(titles[link.cause_id])} → **{display.escape_md(titles[link.effect_id])}**"
        x.markdown(f"{arrow}  \n*{display.escape_md(link.hypothesis)}*" if link.hypothesis else arrow)
        if y.button("Remove", key=f"rm-link-{link.id}"):
            frame.attempt(lambda: objectives.remove_link(db, link.id))


def log_tab() -> None:
    if card.decisions:
        st.dataframe(
            [
                {"When": d.decided_at[:16].replace("T", " "), "Phase": d.phase, "Item": d.subject, "Decision": d.outcome, "Rationale": d.rationale}
                for d in reversed(card.decisions)
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.info("No decision yet.")


tabs = paging.tabs(["Draft objectives to decide", "Causal links", "Decision log"], key="consensus-tabs")
for tab, draw in zip(tabs, (decide_tab, links_tab, log_tab)):
    if tab.open:
        with tab:
            draw()
