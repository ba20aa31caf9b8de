"""The reward link on the review page: incentive schemes weighting objectives or measures (off by
default; the weights add up to 100 %, refused in words otherwise)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import frame
from ui.display import escape_md
from workshop.core.model import Scorecard
from workshop.method import reviews


def _weight_rows(card: Scorecard, scheme: dict | None) -> list[dict]:
    given = {}
    for w in scheme["weights"] if scheme else []:
        given[("objective", w["objective_id"]) if w["objective_id"] else ("measure", w["measure_id"])] = w["weight"]
    rows = []
    for o in card.agreed_objectives():
        rows.append({"kind": "objective", "id": o.id, "item": o.title, "weight": given.get(("objective", o.id))})
        rows += [{"kind": "measure", "id": mm.id, "item": f"  {mm.name}", "weight": given.get(("measure", mm.id))} for mm in card.measures_of(o.id)]
    return rows


def weights_of(before: list[dict], edited: pd.DataFrame) -> dict[tuple[str, int], float]:
    """The weights typed, on objectives or measures; a blank or 0 is no weight."""
    found = {}
    for old, weight in zip(before, edited["weight"].tolist(), strict=True):
        if weight is not None and not pd.isna(weight) and float(weight) != 0:
            found[(old["kind"], old["id"])] = float(weight)
    return found


def scheme_form(db, card: Scorecard, found: list[dict]) -> None:
    names = {s["id"]: s["name"] for s in found}
    choice = st.selectbox("Scheme", [None, *names], format_func=lambda s: "A new scheme" if s is None else names[s], key="scheme-choice")
    scheme = next((s for s in found if s["id"] == choice), None)
    a, b = st.columns([3, 1])
    name = a.text_input("Name", scheme["name"] if scheme else "", key=f"scheme-name-{choice}", max_chars=200, placeholder="Management bonus 2027")
    cap = b.number_input("Cap per measure (%)", 100, 300, int(round(100 * scheme["cap"])) if scheme else 120, step=10, key=f"scheme-cap-{choice}")
    rows = _weight_rows(card, scheme)
    edited = st.data_editor(
        pd.DataFrame(rows),
        key=f"scheme-weights-{choice}",
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        column_order=["item", "kind", "weight"],
        column_config={
            "item": st.column_config.TextColumn("Objective or measure", disabled=True, width="large"),
            "kind": st.column_config.TextColumn("Kind", disabled=True),
            "weight": st.column_config.NumberColumn("Weight (%)", min_value=0.0, max_value=100.0, step=0.5),
        },
    )
    weights = weights_of(rows, edited)
    st.caption(f"The weights add up to {sum(weights.values()):g} %; a scheme is saved when they make 100 %.")
    if st.button("Save the scheme", type="primary", key="scheme-save", icon=":material/save:"):
        frame.attempt(lambda: reviews.save_scheme(db, card.workshop["id"], name, weights, cap=cap / 100), "Scheme saved.")


def rewards_tab(db, card: Scorecard) -> None:
    enabled = bool(card.workshop.get("rewards_enabled"))
    wanted = st.toggle(
        "Link the scorecard to rewards",
        value=enabled,
        key="rewards-on",
        help="Off by default. When on, each incentive scheme's score (weighted achievement, capped per measure) is in the review pack.",
    )
    if wanted != enabled:
        frame.attempt(lambda: reviews.set_rewards(db, card.workshop["id"], wanted), "Rewards linked." if wanted else "Rewards unlinked.")
    if not wanted:
        st.caption("The scorecard is not linked to anyone's pay or bonus. Switch this on to weight objectives or measures in an incentive scheme.")
        return
    found = reviews.schemes(db, card.workshop["id"])
    titles = {o.id: o.title for o in card.objectives}
    measure_names = {mm.id: mm.name for mm in card.measures}
    for s in found:
        parts = ", ".join(
            f"{titles.get(w['objective_id']) if w['objective_id'] else measure_names.get(w['measure_id'])} {w['weight']:g} %" for w in s["weights"]
        )
        st.markdown(escape_md(f"{s['name']} (capped at {100 * s['cap']:g} % per measure): {parts}"))
    st.caption("Weights go on objectives (shared among their measures) or on measures; each scheme adds up to 100 %.")
    scheme_form(db, card, found)
