"""The frame: open the store, pick the pages for this session, run the chosen one."""
import streamlit as st

from pages import _ui

st.set_page_config(page_title="Scorecard Workshop", page_icon="🎯", layout="wide")

workshop_id = _ui.workshop_id()
start = st.Page("pages/start.py", title="Workshops", icon="🏠", default=True)
sections = {"": [start]}
if workshop_id is not None:
    sections["Phases"] = [
        st.Page("pages/architecture.py", title="1 · Measurement architecture", icon="🏛️"),
        st.Page("pages/interviews.py", title="2 · Interviews & drafts", icon="🗣️"),
        st.Page("pages/consensus.py", title="3 · Consensus workshop", icon="🤝"),
        st.Page("pages/measures.py", title="4 · Measure selection", icon="📏"),
        st.Page("pages/plan.py", title="5 · Implementation plan", icon="🗓️"),
        st.Page("pages/strategy_map.py", title="Strategy map", icon="🗺️"),
    ]
    sections["Deliverables"] = [st.Page("pages/report.py", title="Strategy document", icon="📄")]
    sections["Deliverables"].append(st.Page("pages/checks.py", title="Method checks", icon="✅"))
st.navigation(sections).run()
