"""Phase 5 · Implementation plan: initiatives, the cascade to lower units, the review rhythm."""

import datetime as dt

import pandas as pd
import streamlit as st

from ui import bulk_entry, cascade_panels, display, frame, header, nav, paging, session
from workshop.core.model import INITIATIVE_STATUSES, Phase
from workshop.core.words import plural
from workshop.method import plan, workshops

db = frame.db()
card = session.load_card()
w = card.workshop
header.phase_header(card, Phase.PLAN)

objective_names = {o.id: o.title for o in card.agreed_objectives()}


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def initiative_form(key: str, i=None):
    get = lambda f, d="": getattr(i, f) if i is not None and getattr(i, f) is not None else d
    name = st.text_input("Initiative", get("name"), max_chars=200, key=f"{key}-name")
    serves = st.multiselect(
        "Objectives it serves",
        list(objective_names),
        format_func=display.label_of(objective_names),
        default=[x for x in get("objective_ids", ()) if x in objective_names],
        key=f"{key}-serves",
    )
    a, b, c, d, e = st.columns(5)
    owner = a.text_input("Owner", get("owner"), max_chars=200, key=f"{key}-owner")
    start = b.date_input("Start", _day(get("start_date", None)), key=f"{key}-start", format="DD.MM.YYYY")
    deadline = c.date_input("Deadline", _day(get("deadline", None)), key=f"{key}-deadline", format="DD.MM.YYYY")
    budget = d.text_input(f"Budget ({display.escape_md(w['currency'])})", display.number_text(get("budget", None)), key=f"{key}-budget")
    status = e.selectbox("Status", INITIATIVE_STATUSES, key=f"{key}-status", index=INITIATIVE_STATUSES.index(get("status", "proposed")))
    description = st.text_area("Action plan: tasks and milestones", get("description"), height=80, key=f"{key}-desc")
    return serves, {
        "name": name,
        "owner": owner,
        "start_date": start,
        "deadline": deadline,
        "budget": budget,
        "status": status,
        "description": description,
    }


def initiatives_tab() -> None:
    st.caption(
        "The action plans that move the objectives: tasks, owners, deadlines, budget. Type in the "
        "table (a new row at its foot) or paste rows into it; dates as 31.12.2027, 2027-12-31 or "
        "Q4 2027, budgets as 250000, 250k or 1.2m."
    )
    servable = {o.id: o.title for o in card.objectives}  # every one, so an edit never drops a link silently
    records = [
        {
            "id": i.id,
            "name": i.name,
            "objectives": [servable[x] for x in i.objective_ids if x in servable],
            "owner": i.owner,
            "start_date": i.start_date,
            "deadline": i.deadline,
            "budget": display.number_text(i.budget) or None,
            "status": i.status,
            "description": i.description,
        }
        for i in card.initiatives
    ]
    columns = ["id", "name", "objectives", "owner", "start_date", "deadline", "budget", "status", "description"]
    edited = st.data_editor(
        pd.DataFrame(records, columns=columns),
        key=bulk_entry.table_key("initiatives-table", records),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_order=columns[1:],
        column_config={
            "name": st.column_config.TextColumn("Initiative", required=True, max_chars=200, width="medium"),
            "objectives": st.column_config.MultiselectColumn("Serves", options=list(servable.values()), width="large"),
            "owner": st.column_config.TextColumn("Owner", max_chars=200),
            "start_date": st.column_config.TextColumn("Start", help="31.12.2027, 2027-12-31 or Q4 2027"),
            "deadline": st.column_config.TextColumn("Deadline", help="31.12.2027, 2027-12-31 or Q4 2027"),
            "budget": st.column_config.TextColumn(f"Budget ({w['currency']})", help="250000, 250k or 1.2m"),
            "status": st.column_config.SelectboxColumn("Status", options=list(INITIATIVE_STATUSES), default="proposed"),
            "description": st.column_config.TextColumn("Action plan: tasks and milestones", width="large"),
        },
    )
    a, b = st.columns([1, 3], vertical_alignment="center")
    if a.button("Save the table", type="primary", key="initiatives-table-save", icon=":material/save:"):
        bulk_entry.save_table(db, w["id"], "initiatives", records, edited)
    total = sum(i.budget or 0 for i in card.initiatives)
    b.caption(f"{plural(len(card.initiatives), 'initiative')} · total budget {total:,.0f} {display.escape_md(w['currency'])}")
    with st.expander("Paste or upload many initiatives at once", icon=":material/upload_file:"):
        bulk_entry.loader(db, w["id"], "initiatives", key="initiatives-load")
    if card.initiatives:  # one initiative's full form at a time, whichever the facilitator chooses
        with st.expander("Edit one initiative in full", icon=":material/edit:"):
            names = {i.id: i.name for i in card.initiatives}
            chosen = st.selectbox("Initiative to edit", list(names), format_func=display.label_of(names), key="edit-initiative")
            i = next(x for x in card.initiatives if x.id == chosen)
            with st.form(f"edit-initiative-{i.id}", border=False):
                serves, values = initiative_form(f"i{i.id}", i)
                x, y = st.columns(2)
                if x.form_submit_button("Save initiative"):
                    frame.attempt(lambda: plan.update_initiative(db, i.id, serves, **values), "Initiative saved.")
                if y.form_submit_button("Delete initiative"):
                    frame.attempt(lambda: plan.delete_initiative(db, i.id), "Initiative deleted.")
    with st.expander("Add one initiative with a form", icon=":material/edit_note:"), st.form("new-initiative"):
        serves, values = initiative_form("new-initiative")
        if st.form_submit_button("Add initiative", type="primary"):
            frame.attempt(lambda: plan.add_initiative(db, w["id"], objective_ids=serves, **values), "Initiative added.", clear="new-initiative-")


def cascade_tab() -> None:
    st.caption("Lower units build their own scorecards from this one, with their own lower-level measures.")
    for lower in card.cascade:
        x, y = st.columns([6, 1])
        x.markdown(display.escape_md(f"{lower['unit']} · owner {lower['owner'] or '—'} · due {lower['due'] or '—'} · {lower['approach']}"))
        if y.button("Remove", key=f"rm-cascade-{lower['id']}"):
            frame.attempt(lambda: plan.delete_cascade_unit(db, lower["id"]))
    with st.form("new-cascade"):
        a, b, c = st.columns(3)
        unit = a.text_input("Lower unit", max_chars=200, key="new-cascade-unit")
        owner = b.text_input("Owner", max_chars=200, key="new-cascade-owner")
        due = c.date_input("Due", value=None, key="new-cascade-due", format="DD.MM.YYYY")
        approach = st.text_area("Approach", height=70, key="new-cascade-approach")
        if st.form_submit_button("Add to the cascade plan"):
            frame.attempt(
                lambda: plan.add_cascade_unit(db, w["id"], unit, owner=owner, due=due, approach=approach),
                "Added to the cascade plan.",
                clear="new-cascade-",
            )
    st.subheader("The units' own scorecards", anchor=False)
    for u in card.units:
        st.markdown(
            f":material/call_split: **{display.escape_md(u['unit'])}** · phase {u['phase']} of 5 · "
            f"{plural(len(card.units_serving_by(u['id'])), 'objective')} here served"
        )
    cascade_panels.start_form(db, card, key="plan-start")
    st.page_link(nav.ALIGNMENT.script, label="See the units and the alignment matrix", icon=":material/lan:")


def rhythm_tab() -> None:
    with st.form("rhythm"):
        kpis = st.text_input("KPI reviews", w["review_kpis"])
        deep_dives = st.text_input("Initiative deep dives", w["review_initiatives"])
        refresh = st.text_input("Strategy refresh", w["review_strategy"])
        if st.form_submit_button("Save review rhythm", type="primary"):
            frame.attempt(
                lambda: workshops.update_workshop(db, w["id"], review_kpis=kpis, review_initiatives=deep_dives, review_strategy=refresh),
                "Review rhythm saved.",
            )


# only the open tab is drawn
tabs = paging.tabs(["Initiatives", "Cascade to lower units", "Review rhythm"], key="plan-tabs")
for tab, draw in zip(tabs, (initiatives_tab, cascade_tab, rhythm_tab)):
    if tab.open:
        with tab:
            draw()
