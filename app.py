"""The frame: open the store, pick the pages for this session, run the chosen one."""
import streamlit as st

from pages import _ui

st.set_page_config(page_title="Scorecard Workshop", page_icon=":material/target:", layout="wide")
_ui.enter_frame()

workshop_id = _ui.workshop_id()
start = st.Page("pages/start.py", title="Workshops", icon=":material/home:", default=True)
sections = {"": [start]}
if workshop_id is not None:
    sections["Phases"] = [
        st.Page("pages/architecture.py", title="1 · Measurement architecture", icon=":material/account_tree:"),
        st.Page("pages/interviews.py", title="2 · Interviews & drafts", icon=":material/record_voice_over:"),
        st.Page("pages/consensus.py", title="3 · Consensus workshop", icon=":material/handshake:"),
        st.Page("pages/measures.py", title="4 · Measure selection", icon=":material/straighten:"),
        st.Page("pages/plan.py", title="5 · Implementation plan", icon=":material/event_note:"),
        st.Page("pages/strategy_map.py", title="Strategy map", icon=":material/schema:"),
    ]
    sections["Deliverables"] = [
        st.Page("pages/report.py", title="Strategy document", icon=":material/picture_as_pdf:"),
        st.Page("pages/checks.py", title="Method checks", icon=":material/rule:"),
    ]
navigation = st.navigation(sections)
_ui.follow_go_to()
navigation.run()
