"""Phase 4 · Measure selection: one or two measures per agreed objective, fully specified.

Every objective is in the overview table; the forms are drawn for the one objective chosen, so
the page stays quick with a hundred objectives."""

import streamlit as st

from ui import frame, header, measure_panels, session
from workshop.core.model import Phase

db = frame.db()
card = session.load_card()
header.phase_header(card, Phase.MEASURES)
st.caption("The rule of two: one or two measures per objective, fewer than 20 in all. Mix lead measures (drivers) with lag measures (outcomes).")

agreed = sorted(card.agreed_objectives(), key=lambda o: ([p.id for p in card.perspectives].index(o.perspective_id), o.id))
if not agreed:
    st.info("Agree objectives in the consensus workshop first; their measures are chosen here.")
    st.stop()

measure_panels.overview(card, agreed, db)
objective = measure_panels.choose_objective(card, agreed)
measure_panels.objective_measures(db, card, objective)
