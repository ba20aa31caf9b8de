"""The participant's two other sections: comment on objectives and measures, propose an objective.
Each is drawn only when chosen, so a participant's page load stays cheap for a room of hundreds."""

from __future__ import annotations

import streamlit as st

from ui import display, frame, i18n
from workshop.core.errors import WorkshopError
from workshop.method import workshops
from workshop.room import discussion


def comment_section(db, me: dict) -> None:
    _ = i18n.tr().gettext
    wid = me["workshop_id"]
    subjects = discussion.commentable(db, wid)
    if not subjects:
        st.info(_("Nothing to comment on yet."))
    else:
        labels = {(s["kind"], s["id"]): s["label"] for s in subjects}
        subject = st.selectbox(_("Comment on"), list(labels), format_func=display.label_of(labels), key="comment-subject")
        kind, subject_id = subject
        threads = discussion.comments(db, wid, **{f"{kind}_id": subject_id})
        for thread in threads:
            with st.container(border=True):
                # TRANSLATORS: beside a comment the facilitator has dealt with
                done = " · :material/check_circle: " + _("addressed") if thread["addressed"] else ""
                st.markdown(f"**{display.escape_md(thread['author'])}**{done}: {display.escape_md(thread['body'])}")
                for reply in thread["replies"]:
                    st.markdown(f"↳ **{display.escape_md(reply['author'])}**: {display.escape_md(reply['body'])}")
        with st.form("comment"):
            reply_to = _("Reply to {author}: {start}")
            parents = {None: _("A new comment")} | {t["id"]: reply_to.format(author=t["author"], start=t["body"][:60]) for t in threads}
            parent = st.selectbox(_("Post as"), list(parents), format_func=display.label_of(parents), key="comment-parent")
            body = st.text_area(_("Your comment"), max_chars=5000, key="comment-body")
            if st.form_submit_button(_("Post"), type="primary"):
                frame.attempt(
                    lambda: discussion.add_comment(
                        db, wid, me["name"], body, participant_id=me["id"], parent_id=parent, **({f"{kind}_id": subject_id} if parent is None else {})
                    ),
                    _("Comment posted."),
                    clear="comment-body",
                )


def propose_section(db, me: dict) -> None:
    tr = i18n.tr()
    _ = tr.gettext
    wid = me["workshop_id"]
    perspectives = {p["id"]: p["name"] for p in workshops.perspectives(db, wid)}
    with st.form("propose"):
        title = st.text_input(
            tr.pgettext("scorecard", "Objective"),
            max_chars=200,
            key="propose-title",
            # TRANSLATORS: an example of a strategic objective: a verb and an outcome
            placeholder=_("e.g. Shorten time to onboard a new client"),
        )
        perspective = st.selectbox(
            tr.pgettext("scorecard", "Perspective"), list(perspectives), format_func=display.label_of(perspectives), key="propose-perspective"
        )
        description = st.text_area(_("Why it matters (optional)"), max_chars=5000, key="propose-description")
        if st.form_submit_button(_("Propose"), type="primary"):
            try:
                discussion.propose_objective(db, me, title, perspective, description)
            except WorkshopError as error:
                st.error(display.escape_md(i18n.error_text(error)), icon=":material/warning:")
            else:
                st.session_state.pending_clear = "propose-"
                st.session_state.proposal_sent = True
                st.rerun()
    if st.session_state.pop("proposal_sent", False):
        st.success(_("Thank you: your proposal is on the facilitator's list as a draft."), icon=":material/check_circle:")
