"""Every measure of the agreed objectives in one editable table, and the paste/upload box for many
at once: the phase-4 work for a room that already has its measures on a whiteboard or in Excel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import bulk_entry
from ui.display import number_text
from workshop.core.model import DIRECTIONS, FREQUENCIES, MEASURE_KINDS, NATURES, YEAR_RULES, Objective, Scorecard
from workshop.core.target_words import NOT_STATED, scale_words, stated, target_words

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
    "rating_scale",
    "green",
    "red",
    "owner",
    "data_source",
    "definition",
    "data_collection",
    "nature",
    "year_rule",
]
TYPED = "Type 12.5, 1,200,000, 1.2m or 20% (a % makes the unit %)."
TARGET_HELP = "A figure (24), a bound (≥ 24 %, < 2 %), a range (98–100 %), a rating (AAA), a milestone (Launched, with its date) or TBD."
AS_TARGET = "as the target says"  # a bound names its direction: ≥ 24 % higher, < 2 % lower
NATURE_WORDS = {"level": "level", "flow": "amount over the period"}


def records(card: Scorecard, agreed: list[Objective]) -> list[dict]:
    """The table's rows as shown: the target as typed ("< 2 %", "98–100 %", "AAA", "TBD"), a choice
    nobody made as "not stated"; saving reads them back through the same door as a paste."""
    titles = {o.id: o.title for o in agreed}
    return [
        {
            "id": m.id,
            "objective": titles[m.objective_id],
            "name": m.name,
            "unit": m.unit,
            "kind": stated(m.kind),  # never a default: "not stated" until someone says
            "frequency": stated(m.frequency),
            "direction": AS_TARGET if m.goal.type in ("at_least", "at_most") else m.direction,
            "baseline": number_text(m.baseline) or None,
            "target": target_words(m, dates=False, none="") or None,
            "target_date": m.target_date,
            "rating_scale": scale_words(m) or None,
            "nature": NATURE_WORDS.get(m.nature, NOT_STATED),
            "year_rule": m.year_rule or NOT_STATED,
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


def editor(db, card: Scorecard, agreed: list[Objective]) -> None:
    titles = {o.id: o.title for o in agreed}
    records_shown = records(card, agreed)
    edited = st.data_editor(
        pd.DataFrame(records_shown, columns=COLUMNS),
        key=bulk_entry.table_key("measures-table", records_shown),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_order=COLUMNS[1:],
        column_config={
            "objective": st.column_config.SelectboxColumn("Objective", options=list(titles.values()), required=True, width="medium"),
            "name": st.column_config.TextColumn("Measure", required=True, max_chars=200, width="medium"),
            "unit": st.column_config.TextColumn("Unit", max_chars=40),
            "kind": st.column_config.SelectboxColumn("Lead/lag", options=[NOT_STATED, *MEASURE_KINDS], default=NOT_STATED),
            "frequency": st.column_config.SelectboxColumn("Frequency", options=[NOT_STATED, *FREQUENCIES], default=NOT_STATED),
            "direction": st.column_config.SelectboxColumn(
                "Better when",
                options=[AS_TARGET, *DIRECTIONS],
                default=AS_TARGET,
                help="As the target says: ≥ 24 % higher is better, < 2 % lower; a bare figure higher.",
            ),
            "baseline": st.column_config.TextColumn("Baseline", help=TYPED),
            "target": st.column_config.TextColumn("Target", help=TARGET_HELP, max_chars=200),
            "target_date": st.column_config.TextColumn("Target date", help="31.12.2027, 2027-12-31 or Q4 2027"),
            "rating_scale": st.column_config.TextColumn("Rating scale", help="Only for a rating: its levels, best first (Strong > Adequate > Weak)."),
            "green": st.column_config.TextColumn("Green from", help=TYPED),
            "red": st.column_config.TextColumn("Red beyond", help=TYPED),
            "owner": st.column_config.TextColumn("Owner", max_chars=200),
            "data_source": st.column_config.TextColumn("Data source", max_chars=500),
            "definition": st.column_config.TextColumn("Definition", width="large"),
            "data_collection": st.column_config.TextColumn("How the data is obtained", width="large"),
            "nature": st.column_config.SelectboxColumn(
                "Level or amount",
                options=[NOT_STATED, *(NATURE_WORDS[n] for n in NATURES)],
                default=NOT_STATED,
                help="A level at the period's end (headcount), or an amount over the period (revenue)",
            ),
            "year_rule": st.column_config.SelectboxColumn(
                "The year from its periods",
                options=[NOT_STATED, *YEAR_RULES],
                default=NOT_STATED,
                help="sum, average or last period (not stated: a flow's periods add up, a level's last counts)",
            ),
        },
    )
    a, b = st.columns([1, 3], vertical_alignment="center")
    if a.button("Save the table", type="primary", key="measures-table-save", icon=":material/save:"):
        bulk_entry.save_table(db, card.workshop["id"], "measures", records_shown, edited)
    b.caption(
        "Add rows at the foot, or paste them from a spreadsheet into the table; every problem is "
        "shown at once and nothing is saved until all are fixed."
    )
    with st.expander("Paste or upload many measures at once", icon=":material/upload_file:"):
        bulk_entry.loader(db, card.workshop["id"], "measures", key="measures-load")
