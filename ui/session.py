"""Who is using this session, and what they may reach.

A participant is identified by the token in the URL (`?t=...`): a reload or a reopened tab keeps
it, and only participant pages are registered for them, so a facilitator page's URL gives them
nothing. The facilitator's pages of a workshop with a passphrase open once it has been typed in
this browser (a signed, expiring pass kept as a cookie carries it across a reload). Wrong
passphrases slow down the device that typed them, never the laptop running the app. No SQL here:
everything goes through `workshop/`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from ui import display, frame, i18n, nav
from workshop.core.errors import WorkshopError
from workshop.core.model import Scorecard
from workshop.db import scorecard
from workshop.room import access, joining
from workshop.starters import starting


def is_participant_session() -> bool:
    """A URL with a participant token or a join code belongs to the participant side."""
    return "t" in st.query_params or "join" in st.query_params


def me() -> dict | None:
    """The participant this session's token belongs to, or None (a message says why)."""
    token = st.query_params.get("t")
    if not token:
        return None
    try:
        return joining.participant_by_token(frame.db(), token)
    except WorkshopError as error:
        st.session_state["identity_error"] = i18n.error_text(error)
        return None


def join_page(default: bool = False, visibility: str = "visible"):
    return nav.JOIN.page(default=default, visibility=visibility, title=i18n.tr().gettext(nav.JOIN.title))


def participant_navigation():
    """Participant pages only: the ballot page with a valid token, otherwise the join page."""
    if me() is not None:
        pages = [nav.PARTICIPATE.page(default=True, title=i18n.tr().gettext(nav.PARTICIPATE.title)), join_page()]
    else:
        pages = [join_page(default=True)]
    return st.navigation(pages, position="hidden")


def on_this_laptop() -> bool:
    """True for a browser on the laptop that runs the app (Streamlit reports no address for a
    loopback connection). Everyone else reaches it over the room's network."""
    address = st.context.ip_address  # the TCP peer; a forwarded-for header counts only from loopback
    if not isinstance(address, str):  # None on loopback (AppTest has no peer at all: the laptop too)
        return True
    if "own_addresses" not in st.session_state:
        st.session_state.own_addresses = access.own_addresses()
    return access.is_own_address(address, st.session_state.own_addresses)  # e.g. its network address


def source() -> str | None:
    """Where this browser connects from, for the passphrase's throttle: None on the laptop running
    the app (never throttled), else the device's address."""
    return None if on_this_laptop() else str(st.context.ip_address)


PASS_COOKIE = "scorecard_pass_{}"


def facilitator_may_enter(workshop_id: int) -> bool:
    """True once the workshop's passphrase was given in this session, or in this browser earlier
    (its signed pass, kept as a cookie, survives a reload); a workshop without a passphrase opens
    only on the laptop running the app, never to a browser elsewhere in the room."""
    if workshop_id in st.session_state.get("unlocked", set()):
        if _same_passphrase(workshop_id):
            return True
        st.session_state["unlocked"].discard(workshop_id)  # the passphrase changed since: type the new one
    if access.has_passphrase(frame.db(), workshop_id):
        token = st.context.cookies.get(PASS_COOKIE.format(workshop_id))
        if token and access.pass_opens(frame.db(), workshop_id, token, device=source() or ""):
            st.session_state.setdefault("unlocked", set()).add(workshop_id)
            st.session_state.setdefault("unlocked_tags", {})[workshop_id] = access.passphrase_tag(frame.db(), workshop_id)
            return True
        return False
    return on_this_laptop()


def _same_passphrase(workshop_id: int) -> bool:
    """Whether the workshop's passphrase is still the one this session was opened with (a session
    marked open without one, as page tests do, takes the current one)."""
    now = access.passphrase_tag(frame.db(), workshop_id)
    return st.session_state.setdefault("unlocked_tags", {}).setdefault(workshop_id, now) == now


def mark_unlocked(workshop_id: int) -> None:
    """This session may enter the workshop; its browser keeps a pass so that a reload may too."""
    st.session_state.setdefault("unlocked", set()).add(workshop_id)
    st.session_state.setdefault("unlocked_tags", {})[workshop_id] = access.passphrase_tag(frame.db(), workshop_id)
    if access.has_passphrase(frame.db(), workshop_id):
        st.session_state.setdefault("passes_to_keep", {})[workshop_id] = access.facilitator_pass(frame.db(), workshop_id, device=source() or "")


def keep_passes() -> None:
    """Hand the browser the passes earned in this session (called by the frame, so it runs in the
    run after the unlock's rerun). Streamlit cannot set a cookie itself: a script does, so the
    cookie cannot be HttpOnly (only a response header can make it so, and a Streamlit script sets
    no header). What is possible instead: SameSite=Strict, Secure when the app is served over
    HTTPS, an expiry, and a pass signed for the device it was issued to (`access.facilitator_pass`),
    so a pass read by a script opens nothing from another device; it never holds the passphrase."""
    passes = st.session_state.pop("passes_to_keep", {})
    if passes:
        seconds = int(access.PASS_HOURS * 3600)
        secure = "; secure" if str(st.context.url or "").startswith("https:") else ""
        script = "".join(
            f'document.cookie = "{PASS_COOKIE.format(int(wid))}={token}; path=/; max-age={seconds}; samesite=strict{secure}";'
            for wid, token in passes.items()
        )
        st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def change_passphrase(workshop_id: int, new: str, current: str) -> None:
    """Change the passphrase (the current one throttled like an unlock): every other session opened
    with the old one ends, this one stays open and its browser gets a pass under the new one."""
    access.set_passphrase(frame.db(), workshop_id, new, current=current, source=source())
    mark_unlocked(workshop_id)


def unlock_form(workshop_id: int) -> None:
    """Stands in for any facilitator page of a locked workshop."""
    st.title(":material/lock: Facilitator passphrase")
    if not access.has_passphrase(frame.db(), workshop_id):
        st.warning(
            "This workshop has no facilitator passphrase, so its pages open only on the laptop "
            "running the app. To work from another device, set a passphrase there first "
            "(Live workshop → Join screen & people). Participants join with the code on the "
            "facilitator's screen.",
            icon=":material/lock:",
        )
        if st.button("Back to the workshops", key="unlock-back"):
            frame.open_workshop(None)
            st.rerun()
        return
    st.caption("This workshop's facilitator pages are protected. Participants join with the code on the facilitator's screen instead.")
    with st.form("unlock"):
        passphrase = st.text_input("Passphrase", type="password", key="unlock-passphrase")
        if st.form_submit_button("Open the workshop", type="primary"):
            try:
                access.unlock(frame.db(), workshop_id, passphrase, source())
            except WorkshopError as error:
                st.error(display.escape_md(str(error)), icon=":material/warning:")
            else:
                mark_unlocked(workshop_id)
                st.rerun()
    if st.button("Back to the workshops", key="unlock-back"):
        frame.open_workshop(None)
        st.rerun()


def base_url(override: str = "") -> str:
    """The address participants type: this page's own, with localhost replaced by the laptop's
    address on the room's network (a participant's laptop cannot reach 127.0.0.1)."""
    if override.strip():
        return override.strip().rstrip("/")
    parts = urlsplit(st.context.url or "http://localhost:8501")
    host = parts.hostname or "localhost"
    if host in ("localhost", "127.0.0.1", "::1"):
        host = access.room_address()
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme or 'http'}://{host}{port}"


def create_workshop(db, organisation: str, unit: str, *, passphrase: str = "", **details) -> int:
    """Create a workshop (with its passphrase, if given); this session may enter it."""
    workshop_id = starting.create_workshop(db, organisation, unit, passphrase=passphrase, **details)
    mark_unlocked(workshop_id)
    return workshop_id


def load_card() -> Scorecard:
    wid = frame.required_workshop_id()
    if not facilitator_may_enter(wid):  # the frame's gate, also here in case a page is run directly
        unlock_form(wid)
        st.stop()
    try:
        return scorecard.load(frame.db(), wid)
    except WorkshopError:
        frame.open_workshop(None)
        st.warning("That workshop no longer exists.")
        st.page_link(nav.START.script, label="Go to the workshops", icon=":material/home:")
        st.stop()
