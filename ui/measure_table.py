"""Every measure of the agreed objectives in one editable table, and the paste/upload box for many
at once: the phase-4 work for a room that already has its measures on a whiteboard or in Excel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import bulk_entry
from ui.display import number_text
from workshop.core.model import DIRECTIONS, FREQUENCIES, MEASURE_KINDS, Objective, Scorecard

COLUMNS = [
    "id",
    "objective",
    "name",
    "unit",
    "kind",
    "frequency",
    "direction",
    "baseline",
    "target",
    "target_date",
    "green",
    "red",
    "owner",
    "data_source",
    "definition",
    "data_collection",
]
TYPED = "Type 12.5, 1,200,000, 1.2m or 20% (a % makes the unit %)."


def editor(db, card: Scorecard, agreed: list[Objective]) -> None:
    titles = {o.id: o.title for o in agreed}
    records = [
        {
            "id": m.id,
            "objective": titles[m.objective_id],
            "name": m.name,
            "unit": m.unit,
            "kind": m.kind,
            "frequency": m.frequency,
            "direction": m.direction,
            "baseline": number_text(m.baseline) or None,
            "target": number_text(m.target) or None,
            "target_date": m.target_date,
            "green": number_text(m.green) or None,
            "red": number_text(m.red) or None,
            "owner": m.owner,
            "data_source": m.data_source,
            "definition": m.definition,
            "data_collection": m.data_collection,
        }
        for o in agreed
        for m in card.measures_of(o.id)
    ]
    edited = st.data_editor(
        pd.DataFrame(records, columns=COLUMNS),
        key=bulk_entry.table_key("measures-table", records),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_order=COLUMNS[1:],
        column_config={
            "objective": st.column_config.SelectboxColumn("Objective", options=list(titles.values()), required=True, width="medium"),
            "name": st.column_config.TextColumn("Measure", required=True, max_chars=200, width="medium"),
            "unit": st.column_config.TextColumn("Unit", max_chars=40),
            "kind": st.column_config.SelectboxColumn("Lead/lag", options=list(MEASURE_KINDS), default="lag"),
            "frequency": st.column_config.SelectboxColumn("Frequency", options=list(FREQUENCIES), default="monthly"),
            "direction": st.column_config.SelectboxColumn("Better when", options=list(DIRECTIONS), default="higher"),
            "baseline": st.column_config.TextColumn("Baseline", help=TYPED),
            "target": st.column_config.TextColumn("Target", help=TYPED),
            "target_date": st.column_config.TextColumn("Target date", help="31.12.2027, 2027-12-31 or Q4 2027"),
            "green": st.column_config.TextColumn("Green from", help=TYPED),
            "red": st.column_config.TextColumn("Red beyond", help=TYPED),
            "owner": st.column_config.TextColumn("Owner", max_chars=200),
            "data_source": st.column_config.TextColumn("Data source", max_chars=500),
            "definition": st.column_config.TextColumn("Definition", width="large"),
            "data_collection": st.column_config.TextColumn("How the data is obtained", width="large"),
        },
    )
    a, b = st.columns([1, 3], vertical_alignment="center")
    if a.button("Save the table", type="primary", key="measures-table-save", icon=":material/save:"):
        bulk_entry.save_table(db, card.workshop["id"], "measures", records, edited)
    b.caption(
        "Add rows at the foot, or paste them from a spreadsheet into the table; every problem is "
        "shown at once and nothing is saved until all are fixed."
    )
    with st.expander("Paste or upload many measures at once", icon=":material/upload_file:"):
        bulk_entry.loader(db, card.workshop["id"], "measures", key="measures-load")
