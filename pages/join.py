"""Join a workshop: the code from the facilitator's screen (or the link), and a display name."""

import streamlit as st

from ui import display, frame, nav, session
from workshop.core.errors import Duplicate, WorkshopError
from workshop.room import joining

if session.me() is not None:  # already in: a reload of the join address with a token
    st.switch_page(nav.PARTICIPATE.script, query_params={"t": st.query_params["t"]})
st.title(":material/waving_hand: Join the workshop")
problem = st.session_state.pop("identity_error", None)
if problem:
    st.warning(problem, icon=":material/warning:")
st.caption("No account and nothing to install: type the code shown on the facilitator's screen and the name the room knows you by.")

code_from_link = joining.normalise_code(st.query_params.get("join", ""))
with st.form("join"):
    code = st.text_input("Workshop code", value=code_from_link, max_chars=12, key="join-code", placeholder="e.g. K7MQ2X")
    name = st.text_input("Your name", max_chars=200, key="join-name", placeholder="e.g. Ana Ruiz")
    rejoin_key = st.text_input(
        "Rejoin key (only to rejoin from another device)", max_chars=12, key="join-key", help="Shown on the page of the device you joined with first."
    )
    joined = st.form_submit_button("Join", type="primary")
if joined:
    try:
        me = joining.join(frame.db(), code, name, rejoin_key)
    except Duplicate as error:
        st.warning(display.escape_md(str(error)), icon=":material/key:")
    except WorkshopError as error:
        st.error(display.escape_md(str(error)), icon=":material/warning:")
    else:
        st.query_params.clear()
        st.query_params["t"] = me["token"]
        st.rerun()  # the frame now sees the token and gives this session participant pages only
