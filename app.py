"""The frame: open the store, pick the pages for this session, run the chosen one."""

from pathlib import Path

import streamlit as st

from ui import frame, i18n, nav, session
from workshop.i18n import DEFAULT, translator

# A local file: a material-symbol icon would make the browser fetch it from the internet.
st.set_page_config(page_title="Scorecard Workshop", page_icon=str(Path(__file__).parent / "static" / "icon.png"), layout="wide")
frame.enter_frame()

# Participants (a token or a join code in the URL) get participant pages and nothing else.
if session.is_participant_session():
    navigation = session.participant_navigation()
    i18n.mark_page()  # <html lang dir> in the participant's language, Arabic right to left
    navigation.run()
    st.stop()

workshop_id = frame.workshop_id()
start = nav.START.page(default=True)
join = session.join_page(visibility="hidden")  # participants who typed the bare address can still join at /join
sections = {"": [start, join]}
if workshop_id is not None:
    sections.update({section: [spec.page() for spec in specs] for section, specs in nav.WORKSHOP_SECTIONS.items()})
# A workshop's pages open only after its facilitator passphrase was given in this session; until then
# the menu is hidden, so a device at /?w=1 does not even learn the facilitator's page names.
locked = workshop_id is not None and not session.facilitator_may_enter(workshop_id)
page = st.navigation(sections, position="hidden" if locked else "sidebar")
if workshop_id is not None and locked and page.url_path not in (start.url_path, join.url_path):
    i18n.mark_page(translator(DEFAULT))
    session.unlock_form(workshop_id)
else:
    session.keep_passes()
    frame.follow_go_to()
    # The join page speaks the visitor's language; the facilitator's pages are English until their pass.
    i18n.mark_page(None if page.url_path == join.url_path else translator(DEFAULT))
    page.run()
