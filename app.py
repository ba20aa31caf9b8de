"""The frame: open the store, pick the pages for this session, run the chosen one."""

from pathlib import Path

import streamlit as st

from pages import _room, _ui

# A local file: a material-symbol icon would make the browser fetch it from the internet.
st.set_page_config(page_title="Scorecard Workshop", page_icon=str(Path(__file__).parent / "static" / "icon.png"), layout="wide")
_ui.enter_frame()

# Participants (a token or a join code in the URL) get participant pages and nothing else.
if _room.is_participant_session():
    _room.participant_navigation().run()
    st.stop()

workshop_id = _ui.workshop_id()
start = st.Page("pages/start.py", title="Workshops", icon=":material/home:", default=True)
join = _room.join_page(visibility="hidden")  # participants who typed the bare address can still join at /join
sections = {"": [start, join]}
if workshop_id is not None:
    sections["Phases"] = [
        st.Page("pages/architecture.py", title="1 · Measurement architecture", icon=":material/account_tree:"),
        st.Page("pages/interviews.py", title="2 · Interviews & drafts", icon=":material/record_voice_over:"),
        st.Page("pages/consensus.py", title="3 · Consensus workshop", icon=":material/handshake:"),
        st.Page("pages/measures.py", title="4 · Measure selection", icon=":material/straighten:"),
        st.Page("pages/plan.py", title="5 · Implementation plan", icon=":material/event_note:"),
        st.Page("pages/strategy_map.py", title="Strategy map", icon=":material/schema:"),
        st.Page("pages/alignment.py", title="Cascade & alignment", icon=":material/lan:"),
    ]
    sections["Live workshop"] = [
        st.Page("pages/join_screen.py", title="Join screen & people", icon=":material/qr_code_2:"),
        st.Page("pages/rounds.py", title="Voting rounds", icon=":material/how_to_vote:"),
        st.Page("pages/comments.py", title="Comments", icon=":material/forum:"),
        st.Page("pages/present.py", title="Presenter view", icon=":material/present_to_all:", url_path="present"),
    ]
    sections["Deliverables"] = [
        st.Page("pages/report.py", title="Strategy document", icon=":material/picture_as_pdf:"),
        st.Page("pages/checks.py", title="Method checks", icon=":material/rule:"),
    ]
page = st.navigation(sections)
# A workshop's pages open only after its facilitator passphrase was given in this session.
if workshop_id is not None and page.url_path not in (start.url_path, join.url_path) and not _room.facilitator_may_enter(workshop_id):
    _room.unlock_form(workshop_id)
else:
    _room.keep_passes()
    _ui.follow_go_to()
    page.run()
