"""The room's comments on objectives and measures: read, reply, mark addressed; and the
objectives participants proposed."""
import streamlit as st

from pages import _ui
from workshop.method import objectives
from workshop.room import discussion

card = _ui.load_card()
db, wid = _ui.db(), card.workshop["id"]
_ui.workshop_caption(card.workshop)
st.title(":material/forum: Comments & proposals")

proposed = [o for o in objectives.objectives(db, wid, ("draft",)) if o["proposed_by_participant_id"]]
if proposed:
    st.subheader("Proposed by participants")
    for o in proposed:
        st.markdown(f"- **{_ui.escape_md(o['title'])}** ({_ui.escape_md(o['perspective'])}), "
                    f"proposed by {_ui.escape_md(o['proposed_by'])}")

show_addressed = st.toggle("Show addressed comments", value=False, key="show-addressed")
threads = discussion.comments(db, wid)
if not threads:
    st.info("No comments yet. Participants comment from their own page.")
for thread in threads:
    if thread["addressed"] and not show_addressed:
        continue
    subject = thread["objective"] or f"measure: {thread['measure']}"
    with st.container(border=True):
        st.caption(f"On {_ui.escape_md(subject)}")
        st.markdown(f"**{_ui.escape_md(thread['author'])}**: {_ui.escape_md(thread['body'])}")
        for reply in thread["replies"]:
            st.markdown(f"↳ **{_ui.escape_md(reply['author'])}**: {_ui.escape_md(reply['body'])}")
        a, b = st.columns([4, 1], vertical_alignment="bottom")
        with a.form(f"reply-{thread['id']}", clear_on_submit=True, border=False):
            body = st.text_input("Reply", key=f"reply-body-{thread['id']}", max_chars=5000)
            if st.form_submit_button("Reply"):
                _ui.attempt(lambda: discussion.add_comment(
                    db, wid, card.workshop["facilitator"] or "Facilitator", body, parent_id=thread["id"]),
                    "Reply posted.")
        label = "Reopen" if thread["addressed"] else "Mark addressed"
        if b.button(label, key=f"addressed-{thread['id']}"):
            _ui.attempt(lambda: discussion.mark_addressed(db, thread["id"], not thread["addressed"]))
