"""Phase 4 · Measure selection: one or two measures per agreed objective, fully specified.

Every objective is in the overview table; the forms are drawn for the one objective chosen, so
the page stays quick with a hundred objectives."""

import streamlit as st

from pages import _measure_ui, _ui
from workshop.core.model import Phase

db = _ui.db()
card = _ui.load_card()
_ui.phase_header(card, Phase.MEASURES)
st.caption("The rule of two: one or two measures per objective, fewer than 20 in all. Mix lead measures (drivers) with lag measures (outcomes).")

agreed = sorted(card.agreed_objectives(), key=lambda o: ([p.id for p in card.perspectives].index(o.perspective_id), o.id))
if not agreed:
    st.info("Agree objectives in the consensus workshop first; their measures are chosen here.")
    st.stop()

_measure_ui.overview(card, agreed, db)
objective = _measure_ui.choose_objective(card, agreed)
_measure_ui.objective_measures(db, card, objective)
