"""Phase 4 · Measure selection: one or two measures per agreed objective, fully specified."""
import streamlit as st

from pages import _ui
from workshop.core.model import DIRECTIONS, FREQUENCIES, MEASURE_KINDS, Phase
from workshop.method import measures

db = _ui.db()
card = _ui.load_card()
_ui.phase_header(card, Phase.MEASURES)
st.caption("The rule of two: one or two measures per objective, fewer than 20 in all. Mix lead "
           "measures (drivers) with lag measures (outcomes).")

agreed = card.agreed_objectives()
if not agreed:
    st.info("Agree objectives in the consensus workshop first; their measures are chosen here.")
titles = {o.id: o.title for o in agreed}
overview = [m for m in card.measures if m.objective_id in titles]
if overview:
    st.dataframe([{"Objective": titles[m.objective_id], "Measure": m.name, "Lead/lag": m.kind,
                   "Baseline": m.baseline, "Target": m.target, "Unit": m.unit, "By": m.target_date,
                   "Owner": m.owner, "Data source": m.data_source} for m in overview],
                 hide_index=True, width="stretch")
    lead = sum(m.kind == "lead" for m in overview)
    st.caption(f"{len(overview)} measures for {len(agreed)} agreed objectives · {lead} lead, "
               f"{len(overview) - lead} lag.")


def measure_form(key: str, m=None):
    """The fields of one measure; returns the values typed (None until submitted)."""
    get = (lambda f, d="": getattr(m, f) if m is not None and getattr(m, f) is not None else d)
    name = st.text_input("Measure", get("name"), max_chars=200, key=f"{key}-name")
    definition = st.text_area("Definition: what exactly is counted", get("definition"), height=70,
                              key=f"{key}-def")
    a, b, c, d = st.columns(4)
    unit = a.text_input("Unit", get("unit"), max_chars=40, key=f"{key}-unit")
    kind = b.selectbox("Lead or lag", MEASURE_KINDS, index=MEASURE_KINDS.index(get("kind", "lag")),
                       key=f"{key}-kind")
    frequency = c.selectbox("Frequency", FREQUENCIES, index=FREQUENCIES.index(get("frequency", "monthly")),
                            key=f"{key}-freq")
    direction = d.selectbox("Better when", DIRECTIONS, index=DIRECTIONS.index(get("direction", "higher")),
                            key=f"{key}-dir", format_func=lambda x: f"{x} is better")
    a, b, c, d, e = st.columns(5)
    baseline = a.text_input("Baseline", _fmt(get("baseline", None)), key=f"{key}-base")
    target = b.text_input("Target", _fmt(get("target", None)), key=f"{key}-target")
    target_date = c.text_input("Target date (YYYY-MM-DD)", get("target_date"), key=f"{key}-tdate")
    green = d.text_input("Green from", _fmt(get("green", None)), key=f"{key}-green")
    red = e.text_input("Red beyond", _fmt(get("red", None)), key=f"{key}-red")
    a, b = st.columns(2)
    source = a.text_input("Data source (system)", get("data_source"), max_chars=500, key=f"{key}-src")
    owner = b.text_input("Owner", get("owner"), max_chars=200, key=f"{key}-owner")
    collection = st.text_area("How the data will be obtained", get("data_collection"), height=70,
                              key=f"{key}-coll")
    return {"name": name, "definition": definition, "unit": unit, "kind": kind, "frequency": frequency,
                "direction": direction, "baseline": baseline, "target": target, "target_date": target_date,
                "green": green, "red": red, "data_source": source, "owner": owner, "data_collection": collection}


_fmt = _ui.number_text


for p in card.perspectives:
    mine = [o for o in agreed if o.perspective_id == p.id]
    if not mine:
        continue
    st.subheader(p.name)
    for o in mine:
        found = card.measures_of(o.id)
        flag = ":material/warning: no measure" if not found else ":material/warning: more than two" if len(found) > 2 else f"{len(found)} measure(s)"
        with st.expander(f"{_ui.escape_md(o.title)} — {flag}"):
            for m in found:
                status = m.status()
                st.markdown(f"**{_ui.escape_md(m.name)}** · {m.kind} · {m.frequency} · baseline "
                            f"{_fmt(m.baseline) or '—'} → target {_fmt(m.target) or '—'} "
                            f"{_ui.escape_md(m.unit)}" + (f" · now **{status}**" if status else ""))
                with st.form(f"edit-measure-{m.id}"):
                    values = measure_form(f"m{m.id}", m)
                    x, y = st.columns(2)
                    if x.form_submit_button("Save measure"):
                        _ui.attempt(lambda: measures.update_measure(db, m.id, **values), "Measure saved.")
                    if y.form_submit_button("Delete measure"):
                        _ui.attempt(lambda: measures.delete_measure(db, m.id), "Measure deleted.")
            with st.form(f"new-measure-{o.id}"):
                st.markdown("**Add a measure**")
                values = measure_form(f"new{o.id}")
                if st.form_submit_button("Add measure", type="primary"):
                    _ui.attempt(lambda: measures.add_measure(db, o.id, **values), "Measure added.",
                                clear=f"new{o.id}-")
