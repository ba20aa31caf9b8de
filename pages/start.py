"""Start: create a workshop, open one, load the demo, or import a file."""

import streamlit as st

from ui import display, frame, nav, session, snapshot_panel
from workshop.core.model import SECTORS, Phase
from workshop.method import workshops
from workshop.room import access
from workshop.starters import catalogue, demo, from_json

db = frame.db()
st.title(":material/target: Scorecard Workshop")
st.caption("Build a balanced scorecard with the room: interviews, three workshops, live consensus, and the strategy document for your sponsor.")

local = session.on_this_laptop()
if not local:
    st.info("Joining a workshop? Use the link or the code on the facilitator's screen.", icon=":material/waving_hand:")
    st.page_link(nav.JOIN.script, label="Join with a code", icon=":material/login:")

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Your workshops")
    found = workshops.list_workshops(db)
    if not local:  # from elsewhere in the room: only workshops a passphrase protects, to unlock
        found = [w for w in found if access.has_passphrase(db, w["id"])]
        st.caption(
            "Facilitators on another device: workshops protected by a passphrase. Creating "
            "workshops, the demo and imports are on the laptop running the app."
        )
    if not found and local:
        st.info("No workshop yet. Create one on the right, or load the demo to see a complete scorecard.")
    elif not found:
        st.info("No workshop here has a facilitator passphrase yet, so none opens from this device.")
    for w in found:
        row = st.container(border=True)
        a, b = row.columns([4, 1], vertical_alignment="center")
        a.markdown(f"**{display.escape_md(w['unit'])}** · {display.escape_md(w['organisation'])}")
        a.caption(
            f"Phase {w['phase']} of 5 · {w['objectives']} objectives · created {w['created_at'][:10]}"
            + (f" · a lower unit of {display.escape_md(w['parent_unit'])}" if w["parent_unit"] else "")
        )
        if b.button("Open", key=f"open-{w['id']}", type="primary" if w["id"] == frame.workshop_id() else "secondary"):
            frame.open_workshop(w["id"], go_to=nav.PHASE_PAGES[Phase(w["phase"])])

if not local:
    st.stop()

with right:
    st.subheader("See a complete example")
    if st.button(
        "Load the demo workshop",
        type="primary",
        key="load-demo",
        icon=":material/auto_awesome:",
        help="A technology-services unit taken through all five phases.",
    ):
        wid = frame.attempt(lambda: demo.create_demo(db), rerun=False)
        if wid:
            frame.open_workshop(wid, go_to=nav.ARCHITECTURE)

    st.subheader("New workshop")
    with st.form("create", clear_on_submit=False):
        organisation = st.text_input("Organisation", key="new-organisation", max_chars=200, placeholder="e.g. Atlas Digital")
        unit = st.text_input(
            "Unit the scorecard is for",
            key="new-unit",
            max_chars=200,
            placeholder="e.g. Managed Cloud Services",
            help="Usually a strategic business unit, not the whole group.",
        )
        sector = st.selectbox(
            "Sector",
            SECTORS,
            key="new-sector",
            help="A for-profit puts Financial on top of the map; a public body or non-profit puts Customer / stakeholder on top.",
        )
        facilitator = st.text_input("Facilitator", key="new-facilitator", max_chars=200)
        template = st.selectbox(
            "Start from",
            ["", *catalogue.list_templates()],
            key="new-template",
            format_func=lambda t: catalogue.label(t) if t else "A blank workshop",
            help="A template is a complete, checked scorecard for that kind of unit, to adapt phase by phase; its sector sets the map's order.",
        )
        passphrase = st.text_input(
            "Facilitator passphrase",
            key="new-passphrase",
            type="password",
            help="Protects the facilitator's pages once participants join (8 characters or more). You can also set it later on the join screen.",
        )
        if st.form_submit_button("Create workshop", type="primary"):
            wid = frame.attempt(
                lambda: session.create_workshop(
                    db, organisation, unit, sector=sector, facilitator=facilitator, passphrase=passphrase, template=template
                ),
                rerun=False,
            )
            if wid:
                frame.open_workshop(wid, go_to=nav.ARCHITECTURE)

    st.subheader("Import a workshop file")
    upload = st.file_uploader("A JSON export", type=["json"], key="import-file", max_upload_size=20)
    if upload is not None and st.button("Import", key="import"):
        exported = upload.getvalue()
        wid = frame.attempt(lambda: from_json.import_workshop(db, from_json.parse(exported)), rerun=False)
        if wid:
            frame.open_workshop(wid, go_to=nav.ARCHITECTURE)

with right:
    snapshot_panel.panel()
