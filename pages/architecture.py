"""Phase 1 · Measurement architecture: the unit, its ties to head office and to sister units."""
import streamlit as st

from pages import _ui
from workshop import architecture, workshops
from workshop.model import Phase, SECTORS

db = _ui.db()
card = _ui.load_card()
w = card.workshop
_ui.phase_header(card, Phase.ARCHITECTURE)

with st.form("unit"):
    st.subheader("The unit")
    a, b, c = st.columns(3)
    organisation = a.text_input("Organisation", w["organisation"], max_chars=200)
    unit = b.text_input("Unit", w["unit"], max_chars=200)
    sector = c.selectbox("Sector", SECTORS, index=SECTORS.index(w["sector"]))
    a, b = st.columns(2)
    facilitator = a.text_input("Facilitator", w["facilitator"], max_chars=200)
    currency = b.text_input("Currency", w["currency"], max_chars=8)
    description = st.text_area("What the unit does and whom it serves", w["unit_description"])
    goals = st.text_area("Financial goals set by head office", w["financial_goals"])
    if st.form_submit_button("Save the unit", type="primary"):
        _ui.attempt(lambda: workshops.update_workshop(
            db, w["id"], organisation=organisation, unit=unit, sector=sector, facilitator=facilitator,
            currency=currency, unit_description=description, financial_goals=goals), "Unit saved.")

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Head-office themes the unit must honour")
    st.caption("Environment, safety, employee policy, community relations, quality, price competitiveness …")
    for h in card.head_office_themes:
        box = st.container(border=True)
        x, y = box.columns([5, 1])
        x.markdown(f"**{_ui.escape_md(h['name'])}**  \n{_ui.escape_md(h['requirement'])}")
        if y.button("Remove", key=f"rm-hot-{h['id']}"):
            _ui.attempt(lambda: architecture.remove_head_office_theme(db, h["id"]))
    with st.form("head-office", clear_on_submit=True):
        name = st.text_input("Theme", max_chars=200)
        requirement = st.text_area("What head office requires", height=80)
        if st.form_submit_button("Add head-office theme"):
            _ui.attempt(lambda: architecture.add_head_office_theme(db, w["id"], name, requirement),
                        "Head-office theme added.")
with right:
    st.subheader("Sister units")
    st.caption("Units the scorecard must work with: shared customers, shared services, internal supply.")
    for s in card.sister_units:
        box = st.container(border=True)
        x, y = box.columns([5, 1])
        x.markdown(f"**{_ui.escape_md(s['name'])}**  \n{_ui.escape_md(s['relationship'])}")
        if y.button("Remove", key=f"rm-sister-{s['id']}"):
            _ui.attempt(lambda: architecture.remove_sister_unit(db, s["id"]))
    with st.form("sister", clear_on_submit=True):
        name = st.text_input("Sister unit", max_chars=200)
        relationship = st.text_area("Relationship", height=80)
        if st.form_submit_button("Add sister unit"):
            _ui.attempt(lambda: architecture.add_sister_unit(db, w["id"], name, relationship),
                        "Sister unit added.")
