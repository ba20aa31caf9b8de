"""Join a workshop: the code from the facilitator's screen (or the link), and a display name, in the
participant's own language."""

import streamlit as st

from ui import display, frame, i18n, nav, session
from workshop.core.errors import Duplicate, WorkshopError
from workshop.room import joining

if session.me() is not None:  # already in: a reload of the join address with a token
    st.switch_page(nav.PARTICIPATE.script, query_params={"t": st.query_params["t"], i18n.KEY: i18n.language()})
_ = i18n.tr().gettext
i18n.language_chooser("join-language")
st.title(":material/waving_hand: " + _("Join the workshop"))
problem = st.session_state.pop("identity_error", None)
if problem:
    st.warning(problem, icon=":material/warning:")
st.caption(_("No account and nothing to install: type the code shown on the facilitator's screen and the name the room knows you by."))

code_from_link = joining.normalise_code(st.query_params.get("join", ""))
with st.form("join"):
    code = st.text_input(
        _("Workshop code"),
        value=code_from_link,
        max_chars=12,
        key="join-code",
        # TRANSLATORS: an example of a join code; keep the code itself
        placeholder=_("e.g. K7MQ2X"),
    )
    # TRANSLATORS: an example of a participant's name; use a name common in your language
    name = st.text_input(_("Your name"), max_chars=200, key="join-name", placeholder=_("e.g. Ana Ruiz"))
    rejoin_key = st.text_input(
        _("Rejoin key (only to rejoin from another device)"),
        max_chars=12,
        key="join-key",
        help=_("Shown on the page of the device you joined with first."),
    )
    joined = st.form_submit_button(_("Join"), type="primary")
if joined:
    try:
        me = joining.join(frame.db(), code, name, rejoin_key)
    except Duplicate as error:
        st.warning(display.escape_md(i18n.error_text(error)), icon=":material/key:")
    except WorkshopError as error:
        st.error(display.escape_md(i18n.error_text(error)), icon=":material/warning:")
    else:
        language = i18n.language()
        st.query_params.clear()
        st.query_params["t"] = me["token"]
        i18n.set_language(language)  # the participant's page keeps the language chosen here
        st.rerun()  # the frame now sees the token and gives this session participant pages only
