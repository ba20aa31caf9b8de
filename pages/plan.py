"""Phase 5 · Implementation plan: initiatives, the cascade to lower units, the review rhythm."""
import streamlit as st

from pages import _ui
from workshop.core.model import INITIATIVE_STATUSES, Phase
from workshop.method import plan, workshops

db = _ui.db()
card = _ui.load_card()
w = card.workshop
_ui.phase_header(card, Phase.PLAN)

objective_names = {o.id: o.title for o in card.agreed_objectives()}
tab_initiatives, tab_cascade, tab_rhythm = st.tabs(
    ["Initiatives", "Cascade to lower units", "Review rhythm"], key="plan-tabs")


def initiative_form(key: str, i=None):
    get = (lambda f, d="": getattr(i, f) if i is not None and getattr(i, f) is not None else d)
    name = st.text_input("Initiative", get("name"), max_chars=200, key=f"{key}-name")
    serves = st.multiselect("Objectives it serves", list(objective_names), format_func=objective_names.get,
                            default=[x for x in get("objective_ids", ()) if x in objective_names],
                            key=f"{key}-serves")
    a, b, c, d, e = st.columns(5)
    owner = a.text_input("Owner", get("owner"), max_chars=200, key=f"{key}-owner")
    start = b.text_input("Start (YYYY-MM-DD)", get("start_date"), key=f"{key}-start")
    deadline = c.text_input("Deadline (YYYY-MM-DD)", get("deadline"), key=f"{key}-deadline")
    budget = d.text_input(f"Budget ({_ui.escape_md(w['currency'])})", _ui.number_text(get("budget", None)),
                          key=f"{key}-budget")
    status = e.selectbox("Status", INITIATIVE_STATUSES, key=f"{key}-status",
                         index=INITIATIVE_STATUSES.index(get("status", "proposed")))
    description = st.text_area("Action plan: tasks and milestones", get("description"), height=80,
                               key=f"{key}-desc")
    return serves, {"name": name, "owner": owner, "start_date": start, "deadline": deadline, "budget": budget,
                        "status": status, "description": description}


with tab_initiatives:
    if card.initiatives:
        st.dataframe([{"Initiative": i.name, "Serves": "; ".join(objective_names.get(x, "(not agreed)")
                                                                 for x in i.objective_ids),
                       "Owner": i.owner, "Start": i.start_date or "", "Deadline": i.deadline or "",
                       f"Budget ({w['currency']})": i.budget, "Status": i.status} for i in card.initiatives],
                     hide_index=True, width="stretch")
        total = sum(i.budget or 0 for i in card.initiatives)
        st.caption(f"Total budget: {total:,.0f} {_ui.escape_md(w['currency'])}")
        for i in card.initiatives:
            with st.expander(f"Edit · {_ui.escape_md(i.name)}"), st.form(f"edit-initiative-{i.id}"):
                serves, values = initiative_form(f"i{i.id}", i)
                x, y = st.columns(2)
                if x.form_submit_button("Save initiative"):
                    _ui.attempt(lambda: plan.update_initiative(db, i.id, serves, **values), "Initiative saved.")
                if y.form_submit_button("Delete initiative"):
                    _ui.attempt(lambda: plan.delete_initiative(db, i.id), "Initiative deleted.")
    st.subheader("Add an initiative")
    with st.form("new-initiative"):
        serves, values = initiative_form("new-initiative")
        if st.form_submit_button("Add initiative", type="primary"):
            _ui.attempt(lambda: plan.add_initiative(db, w["id"], objective_ids=serves, **values),
                        "Initiative added.", clear="new-initiative-")

with tab_cascade:
    st.caption("Lower units build their own scorecards from this one, with their own lower-level measures.")
    for c in card.cascade:
        x, y = st.columns([6, 1])
        x.markdown(_ui.escape_md(f"{c['unit']} · owner {c['owner'] or '—'} · due {c['due'] or '—'} · {c['approach']}"))
        if y.button("Remove", key=f"rm-cascade-{c['id']}"):
            _ui.attempt(lambda: plan.delete_cascade_unit(db, c["id"]))
    with st.form("new-cascade"):
        a, b, c = st.columns(3)
        unit = a.text_input("Lower unit", max_chars=200, key="new-cascade-unit")
        owner = b.text_input("Owner", max_chars=200, key="new-cascade-owner")
        due = c.text_input("Due (YYYY-MM-DD)", key="new-cascade-due")
        approach = st.text_area("Approach", height=70, key="new-cascade-approach")
        if st.form_submit_button("Add to the cascade plan"):
            _ui.attempt(lambda: plan.add_cascade_unit(db, w["id"], unit, owner=owner, due=due,
                                                      approach=approach), "Added to the cascade plan.",
                        clear="new-cascade-")

with tab_rhythm, st.form("rhythm"):
    kpis = st.text_input("KPI reviews", w["review_kpis"])
    deep_dives = st.text_input("Initiative deep dives", w["review_initiatives"])
    refresh = st.text_input("Strategy refresh", w["review_strategy"])
    if st.form_submit_button("Save review rhythm", type="primary"):
        _ui.attempt(lambda: workshops.update_workshop(db, w["id"], review_kpis=kpis,
                                                      review_initiatives=deep_dives,
                                                      review_strategy=refresh), "Review rhythm saved.")
