"""The facilitator's join screen (link, code and a QR code for the projector) and the people in
the room, with the facilitator's passphrase and the workshop's consensus thresholds."""

import io
from urllib.parse import urlencode

import segno
import streamlit as st

from ui import display, frame, header, session
from workshop.room import access, joining, vote_results

card = session.load_card()
db, wid = frame.db(), card.workshop["id"]
header.workshop_caption(card.workshop)
st.title(":material/qr_code_2: Join screen & people")


def passphrase_prompt() -> None:
    """Shown beside the join link until the facilitator's passphrase is set: the room can join
    already, and a passphrase keeps participants out of the facilitator's pages."""
    box = st.container(border=True, key="set-passphrase-box")
    box.warning(
        "Set a facilitator passphrase before the room joins: it keeps participants out of these pages, and lets you open them from another device.",
        icon=":material/lock:",
    )
    with box.form("set-passphrase"):
        first = st.text_input("New passphrase (8 characters or more)", type="password", key="pass-new")
        again = st.text_input("Type it again", type="password", key="pass-again")
        if st.form_submit_button("Set passphrase", type="primary"):
            if first != again:
                st.error("The two passphrases differ; type them again.", icon=":material/warning:")
            elif frame.attempt(lambda: access.set_passphrase(db, wid, first), rerun=False) is None and access.has_passphrase(db, wid):
                session.mark_unlocked(wid)
                st.rerun()


code = joining.join_code(db, wid)
with st.sidebar.expander("Join address"):
    override = st.text_input("Address participants use", key="room-address", help="Leave empty to use this laptop's address on the room's network.")
link = joining.join_url(session.base_url(override), code)
unreachable = joining.address_problem(link)
st.link_button(
    "Presenter view for the projector",
    "present?" + urlencode({"w": wid, **({"address": override.strip()} if override.strip() else {})}),
    icon=":material/present_to_all:",
    help="The room's screen, in large type and without the sidebar; it follows the rounds by itself.",
)

left, right = st.columns([3, 2], gap="large")
with left:
    if unreachable:
        st.warning(unreachable, icon=":material/wifi_off:")
    st.markdown("#### Open this link, or scan the code")
    st.markdown(f"## `{link}`")
    st.markdown("#### and type the workshop code")
    st.markdown(f"# `{code}`")
    st.caption(
        f"Or open {session.base_url(override)}/join and type the code. No account and nothing to "
        "install; the same name and its rejoin key work from a second device."
    )
    if not access.has_passphrase(db, wid):
        passphrase_prompt()
with right:
    qr = io.BytesIO()
    segno.make(link, error="m").save(qr, kind="png", scale=14, border=2)
    st.image(qr.getvalue(), caption="Scan to join", width=420)


@st.fragment(run_every=5)
def roster() -> None:
    """Refreshes by itself, so the facilitator sees people arrive."""
    people = joining.participants(db, wid)
    st.subheader(f"In the room: {sum(1 for p in people if not p['removed_at'])}")
    for person in people:
        a, b, c = st.columns([3, 2, 1], vertical_alignment="center")
        a.markdown(("~~" if person["removed_at"] else "") + display.escape_md(person["name"]) + ("~~ (removed)" if person["removed_at"] else ""))
        b.caption(f"joined {person['joined_at'][11:16]} UTC")
        if not person["removed_at"] and c.button(
            "Remove", key=f"remove-{person['id']}", help="Their link stops working and their open votes are withdrawn."
        ):
            frame.attempt(lambda: joining.remove_participant(db, person["id"]), f"{person['name']} was removed.", rerun=False)
            st.rerun(scope="fragment")


roster()

with st.expander("Consensus thresholds"):
    rules = vote_results.thresholds(db, wid)
    with st.form("thresholds"):
        positive = st.slider("Consensus: at least this % positive", 1, 100, rules.consensus_positive, key="th-positive")
        negative = st.slider("… and at most this % negative", 0, 100, rules.consensus_negative, key="th-negative")
        rediscuss = st.slider("Re-discuss from this % positive (below it: drop)", 0, 100, rules.rediscuss_positive, key="th-rediscuss")
        st.caption("Any block always sends an item back to discussion.")
        if st.form_submit_button("Save thresholds"):
            frame.attempt(lambda: vote_results.set_thresholds(db, wid, positive, negative, rediscuss), "Thresholds saved.")

if access.has_passphrase(db, wid):
    with st.expander("Change the facilitator passphrase"), st.form("change-passphrase", clear_on_submit=True):
        current = st.text_input("Current passphrase", type="password", key="pass-current")
        new = st.text_input("New passphrase", type="password", key="pass-change")
        if st.form_submit_button("Change passphrase"):
            frame.attempt(lambda: session.change_passphrase(wid, new, current), "Passphrase changed.")
