"""The room's questions (ranked by upvotes: answer, hide, put one on the projector), its comments on
objectives and measures (read, reply, mark addressed) and the objectives participants proposed."""

import streamlit as st

from ui import display, frame, header, paging, questions, session
from workshop.core.words import plural
from workshop.method import objectives
from workshop.room import discussion

card = session.load_card()
db, wid = frame.db(), card.workshop["id"]
header.workshop_caption(card.workshop)
st.title(":material/forum: Questions, comments & proposals")
asked, commented = st.tabs([":material/contact_support: Questions from the room", ":material/forum: Comments & proposals"])
with asked:
    questions.facilitator_panel(db, wid)
with commented:
    proposed = [o for o in objectives.objectives(db, wid, ("draft",)) if o["proposed_by_participant_id"]]
    if proposed:
        st.subheader("Proposed by participants")
        for o in proposed:
            st.markdown(
                f"- **{display.escape_md(o['title'])}** ({display.escape_md(o['perspective'])}), proposed by {display.escape_md(o['proposed_by'])}"
            )

    threads = discussion.comments(db, wid)
    if not threads:
        st.info("No comments yet. Participants comment from their own page.")
    else:
        subjects = sorted({t["objective"] or f"measure: {t['measure']}" for t in threads}, key=str.casefold)
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        about = a.selectbox(
            "Comments on", ["", *subjects], key="comments-subject", format_func=lambda s: s or f"Every objective and measure ({len(subjects)})"
        )
        show_addressed = b.toggle("Show addressed comments", value=False, key="show-addressed")
        shown = [
            t for t in threads if (show_addressed or not t["addressed"]) and (not about or (t["objective"] or f"measure: {t['measure']}") == about)
        ]
        addressed = sum(1 for t in threads if t["addressed"])
        st.caption(f"{plural(len(threads), 'comment')}, {addressed} addressed · {len(shown)} shown.")
        for thread in paging.paged(shown, "comments-page", noun="comments", size=15):
            subject = thread["objective"] or f"measure: {thread['measure']}"
            with st.container(border=True):
                st.caption(f"On {display.escape_md(subject)}")
                st.markdown(f"**{display.escape_md(thread['author'])}**: {display.escape_md(thread['body'])}")
                for reply in thread["replies"]:
                    st.markdown(f"↳ **{display.escape_md(reply['author'])}**: {display.escape_md(reply['body'])}")
                a, b = st.columns([4, 1], vertical_alignment="bottom")
                with a.form(f"reply-{thread['id']}", clear_on_submit=True, border=False):
                    body = st.text_input("Reply", key=f"reply-body-{thread['id']}", max_chars=5000)
                    if st.form_submit_button("Reply"):
                        frame.attempt(
                            lambda: discussion.add_comment(db, wid, card.workshop["facilitator"] or "Facilitator", body, parent_id=thread["id"]),
                            "Reply posted.",
                        )
                label = "Reopen" if thread["addressed"] else "Mark addressed"
                if b.button(label, key=f"addressed-{thread['id']}"):
                    frame.attempt(lambda: discussion.mark_addressed(db, thread["id"], not thread["addressed"]))
