"""The frame every page runs in: this session's store, the open workshop (kept in the URL), moving
between pages, and turning a domain error into a message. No SQL here: everything goes through `workshop/`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlsplit

import streamlit as st
from streamlit.errors import StreamlitAPIException

from ui import i18n, nav
from ui.display import escape_md
from workshop.core.errors import WorkshopError
from workshop.db import store


def enter_frame() -> None:
    """Called first by app.py: marks this session as run through the frame and its navigation,
    and empties the form fields a successful action asked to clear (before any widget exists,
    the only moment Streamlit lets a widget's value be set)."""
    st.session_state.framed = True
    prefix = st.session_state.pop("pending_clear", None)
    if prefix:
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
            value = st.session_state[key]
            if isinstance(value, str):
                st.session_state[key] = ""
            elif isinstance(value, list):
                st.session_state[key] = []
            elif isinstance(value, dt.date) or key.endswith(("-perspective", "-theme")):
                st.session_state[key] = None  # where an item is filed, and when, is chosen afresh


def _require_frame() -> None:
    """A page run without app.py shows nothing and goes to the home page.

    Streamlit runs `pages/<name>.py` directly for the first session after the server starts when
    that session opens a page's URL (its legacy pages-folder mode), skipping the frame, its roles
    and its navigation. Every page asks for the store first, so the check lives here.
    """
    if not st.session_state.get("framed"):
        wanted = nav.by_address(urlsplit(st.context.url or "").path.strip("/").split("/")[-1])
        if wanted is not None:
            st.session_state.go_to = wanted  # the frame opens it if this role may
        st.switch_page("app.py", query_params=st.query_params.to_dict())


def db():
    """This session's connection (one session runs one script at a time, so it is never shared)."""
    _require_frame()
    if "db" not in st.session_state:
        st.session_state.db = store.connect(store.database_path())
    return st.session_state.db


def workshop_id() -> int | None:
    """The open workshop: kept in the session and in the URL, so a reload keeps it."""
    if "workshop_id" not in st.session_state:
        raw = st.query_params.get("w")
        st.session_state.workshop_id = int(raw) if raw and raw.isdigit() else None
    wid = st.session_state.workshop_id
    if wid is not None and st.query_params.get("w") != str(wid):
        st.query_params["w"] = str(wid)
    return wid


def required_workshop_id() -> int:
    """The open workshop on a page that needs one; without one the page says where to open it and stops."""
    wid = workshop_id()
    if wid is None:
        st.info("Open or create a workshop first.")
        st.page_link(nav.START.script, label="Go to the workshops", icon=":material/home:")
        st.stop()
    return wid


def open_workshop(wid: int | None, go_to: nav.PageSpec | None = None) -> None:
    """Open a workshop (None closes it); with `go_to`, rerun and switch to that page, which the
    frame can only offer once the workshop is open."""
    st.session_state.workshop_id = wid
    if wid is None:
        st.query_params.pop("w", None)
    else:
        st.query_params["w"] = str(wid)
    if go_to:
        st.session_state.go_to = go_to
        st.rerun()


def follow_go_to() -> None:
    """Called by the frame once the pages are registered: carry out a pending `open_workshop(go_to=)`."""
    target = st.session_state.pop("go_to", None)
    if target:
        try:
            st.switch_page(target.script)
        except StreamlitAPIException:
            pass  # not a page this session may open: it stays where it is


def attempt(action: Callable, success: str | None = None, *, rerun: bool = True, clear: str = ""):
    """Run one user action; a domain error becomes a message and nothing else changes (what was
    typed stays in the form). On success the widgets whose keys start with `clear` are emptied."""
    try:
        result = action()
    except WorkshopError as error:
        st.error(escape_md(i18n.error_text(error)), icon=":material/warning:")
        return None
    if clear:
        st.session_state.pending_clear = clear
    if success:
        st.toast(success, icon=":material/check_circle:")
    if rerun:
        st.rerun()
    return result
