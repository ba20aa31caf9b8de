"""Phase 1 · Measurement architecture: the unit, its ties to head office and to sister units."""

import streamlit as st

from ui import cascade_panels, display, frame, header, session
from workshop.core.model import SCOPE_LABELS, SCOPES, SECTORS, Phase
from workshop.method import architecture, workshops

db = frame.db()
card = session.load_card()
w = card.workshop
header.phase_header(card, Phase.ARCHITECTURE)
if card.has_parent:
    cascade_panels.parent_context(db, card)

with st.form("unit"):
    st.subheader("The unit")
    a, b, c = st.columns(3)
    organisation = a.text_input("Organisation", w["organisation"], max_chars=200)
    unit = b.text_input("Unit", w["unit"], max_chars=200)
    sector = c.selectbox("Sector", SECTORS, index=SECTORS.index(w["sector"]))
    scope = st.radio(
        "This scorecard is for",
        SCOPES,
        index=SCOPES.index(card.scope),
        format_func=SCOPE_LABELS.get,
        horizontal=True,
        key="unit-scope",
        help="The method starts with a business unit that answers to a head office. A "
        "scorecard for a whole company, city or charity has no head office above it, "
        "so the rules about head-office themes and sister units do not apply.",
    )
    a, b = st.columns(2)
    facilitator = a.text_input("Facilitator", w["facilitator"], max_chars=200)
    currency = b.text_input("Currency", w["currency"], max_chars=8)
    description = st.text_area("What the unit does and whom it serves", w["unit_description"])
    goals = st.text_area("Financial goals set by head office" if card.is_business_unit else "Financial goals", w["financial_goals"])
    if st.form_submit_button("Save the unit", type="primary"):
        frame.attempt(
            lambda: workshops.update_workshop(
                db,
                w["id"],
                organisation=organisation,
                unit=unit,
                sector=sector,
                scope=scope,
                facilitator=facilitator,
                currency=currency,
                unit_description=description,
                financial_goals=goals,
            ),
            "Unit saved.",
        )


def named_list(key: str, rows: list[dict], detail: str, labels: tuple[str, str, str, str], add, remove) -> None:
    """A list of named entries with a detail line, each removable, and a form to add one."""
    for row in rows:
        box = st.container(border=True)
        x, y = box.columns([4, 1], vertical_alignment="center")
        x.markdown(f"**{display.escape_md(row['name'])}**  \n{display.escape_md(row[detail])}")
        if y.button("Remove", key=f"rm-{key}-{row['id']}"):
            frame.attempt(lambda: remove(db, row["id"]))
    name_label, detail_label, button, added = labels
    with st.form(key):
        name = st.text_input(name_label, max_chars=200, key=f"{key}-name")
        text = st.text_area(detail_label, height=80, key=f"{key}-detail")
        if st.form_submit_button(button):
            frame.attempt(lambda: add(db, w["id"], name, text), added, clear=f"{key}-")


if card.is_business_unit or card.head_office_themes or card.sister_units:
    if not card.is_business_unit:
        st.warning(
            "This scorecard is for a whole organisation, so head-office themes and sister units do "
            "not apply; remove the ones below or record the scorecard as a business unit's."
        )
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Head-office themes the unit must honour")
        st.caption("Environment, safety, employee policy, community relations, quality, price competitiveness …")
        named_list(
            "head-office",
            card.head_office_themes,
            "requirement",
            ("Theme", "What head office requires", "Add head-office theme", "Head-office theme added."),
            architecture.add_head_office_theme,
            architecture.remove_head_office_theme,
        )
    with right:
        st.subheader("Sister units")
        st.caption("Units the scorecard must work with: shared customers, shared services, internal supply.")
        named_list(
            "sister",
            card.sister_units,
            "relationship",
            ("Sister unit", "Relationship", "Add sister unit", "Sister unit added."),
            architecture.add_sister_unit,
            architecture.remove_sister_unit,
        )
else:
    st.info(
        "This scorecard is for a whole organisation: there is no head office whose themes it must "
        "honour and no sister units to record. Its own corporate commitments (environment, safety, "
        "community …) belong in its strategic themes and objectives.",
        icon=":material/domain:",
    )
