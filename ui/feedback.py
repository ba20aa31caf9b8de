"""The participant's two other sections: comment on objectives and measures, propose an objective.
Each is drawn only when chosen, so a participant's page load stays cheap for a room of hundreds."""

from __future__ import annotations

import streamlit as st

from ui import display, frame
from workshop.core.errors import WorkshopError
from workshop.method import workshops
from workshop.room import discussion


def comment_section(db, me: dict) -> None:
    wid = me["workshop_id"]
    subjects = discussion.commentable(db, wid)
    if not subjects:
        st.info("Nothing to comment on yet.")
    else:
        labels = {(s["kind"], s["id"]): s["label"] for s in subjects}
        subject = st.selectbox("Comment on", list(labels), format_func=display.label_of(labels), key="comment-subject")
        kind, subject_id = subject
        threads = discussion.comments(db, wid, **{f"{kind}_id": subject_id})
        for thread in threads:
            with st.container(border=True):
                done = " · :material/check_circle: addressed" if thread["addressed"] else ""
                st.markdown(f"**{display.escape_md(thread['author'])}**{done}: {display.escape_md(thread['body'])}")
                for reply in thread["replies"]:
                    st.markdown(f"↳ **{display.escape_md(reply['author'])}**: {display.escape_md(reply['body'])}")
        with st.form("comment"):
            parents = {None: "A new comment"} | {t["id"]: f"Reply to {t['author']}: {t['body'][:60]}" for t in threads}
            parent = st.selectbox("Post as", list(parents), format_func=display.label_of(parents), key="comment-parent")
            body = st.text_area("Your comment", max_chars=5000, key="comment-body")
            if st.form_submit_button("Post", type="primary"):
                frame.attempt(
                    lambda: discussion.add_comment(
                        db, wid, me["name"], body, participant_id=me["id"], parent_id=parent, **({f"{kind}_id": subject_id} if parent is None else {})
                    ),
                    "Comment posted.",
                    clear="comment-body",
                )


def propose_section(db, me: dict) -> None:
    wid = me["workshop_id"]
    perspectives = {p["id"]: p["name"] for p in workshops.perspectives(db, wid)}
    with st.form("propose"):
        title = st.text_input("Objective", max_chars=200, key="propose-title", placeholder="e.g. Shorten time to onboard a new client")
        perspective = st.selectbox("Perspective", list(perspectives), format_func=display.label_of(perspectives), key="propose-perspective")
        description = st.text_area("Why it matters (optional)", max_chars=5000, key="propose-description")
        if st.form_submit_button("Propose", type="primary"):
            try:
                discussion.propose_objective(db, me, title, perspective, description)
            except WorkshopError as error:
                st.error(display.escape_md(str(error)), icon=":material/warning:")
            else:
                st.session_state.pending_clear = "propose-"
                st.session_state.proposal_sent = True
                st.rerun()
    if st.session_state.pop("proposal_sent", False):
        st.success("Thank you: your proposal is on the facilitator's list as a draft.", icon=":material/check_circle:")
