"""The frame: open the store, pick the pages for this session, run the chosen one."""

from pathlib import Path

import streamlit as st

from ui import frame, nav, session

# A local file: a material-symbol icon would make the browser fetch it from the internet.
st.set_page_config(page_title="Scorecard Workshop", page_icon=str(Path(__file__).parent / "static" / "icon.png"), layout="wide")
frame.enter_frame()

# Participants (a token or a join code in the URL) get participant pages and nothing else.
if session.is_participant_session():
    session.participant_navigation().run()
    st.stop()

workshop_id = frame.workshop_id()
start = nav.START.page(default=True)
join = session.join_page(visibility="hidden")  # participants who typed the bare address can still join at /join
sections = {"": [start, join]}
if workshop_id is not None:
    sections.update({section: [spec.page() for spec in specs] for section, specs in nav.WORKSHOP_SECTIONS.items()})
page = st.navigation(sections)
# A workshop's pages open only after its facilitator passphrase was given in this session.
if workshop_id is not None and page.url_path not in (start.url_path, join.url_path) and not session.facilitator_may_enter(workshop_id):
    session.unlock_form(workshop_id)
else:
    session.keep_passes()
    frame.follow_go_to()
    page.run()
