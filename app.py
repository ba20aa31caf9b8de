"""The frame: open the store, pick the pages for this session, run the chosen one."""
import streamlit as st

from pages import _room, _ui

st.set_page_config(page_title="Scorecard Workshop", page_icon="🎯", layout="wide")

# Participants (a token or a join code in the URL) get participant pages and nothing else.
if _room.is_participant_session():
    _room.participant_navigation().run()
    st.stop()

workshop_id = _ui.workshop_id()
start = st.Page("pages/start.py", title="Workshops", icon="🏠", default=True)
join = _room.join_page(visibility="hidden")  # participants who typed the bare address can still join at /join
sections = {"": [start, join]}
if workshop_id is not None:
    sections["Phases"] = [
        st.Page("pages/architecture.py", title="1 · Measurement architecture", icon="🏛️"),
        st.Page("pages/interviews.py", title="2 · Interviews & drafts", icon="🗣️"),
        st.Page("pages/consensus.py", title="3 · Consensus workshop", icon="🤝"),
        st.Page("pages/measures.py", title="4 · Measure selection", icon="📏"),
        st.Page("pages/plan.py", title="5 · Implementation plan", icon="🗓️"),
    ]
    sections["Live workshop"] = [
        st.Page("pages/join_screen.py", title="Join screen & people", icon="📣"),
        st.Page("pages/rounds.py", title="Voting rounds", icon="🗳️"),
        st.Page("pages/comments.py", title="Comments", icon="💬"),
    ]
    sections["Deliverables"] = [st.Page("pages/report.py", title="Strategy document", icon="📄")]
page = st.navigation(sections)
# A workshop's pages open only after its facilitator passphrase was given in this session.
if (workshop_id is not None and page.url_path not in (start.url_path, join.url_path)
        and not _room.facilitator_may_enter(workshop_id)):
    _room.unlock_form(workshop_id)
else:
    page.run()
