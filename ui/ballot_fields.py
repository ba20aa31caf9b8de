"""One item's answer as plain form fields, for the participant's simple form (ui/ballot_form.py) and
the facilitator's paper ballot (ui/paper_entry.py). The round's method says which field it needs
(`form_widget`: a radio, a select box, a number or a placement on a grid) and what it offers; this
module only draws it."""

from __future__ import annotations

import streamlit as st

from ui import i18n
from workshop.core import methods
from workshop.core.methods import VotingMethod


def field(round_: dict, items: list[dict], item: dict, label: str, key: str, current=None, *, paper: bool = False):
    """The widget for `item` (its `label` already escaped), showing `current` (a choice or a stored
    value; None for no answer yet); returns what the form sends for it."""
    method = methods.get(round_["method"])
    draw = {"radio": _choice, "select": _choice, "number": _number, "placement": _paper_placement if paper else _placement}[method.form_widget]
    return draw(method, round_, items, item, label, key, current, paper)


def _choice(method: VotingMethod, round_: dict, items: list[dict], item: dict, label: str, key: str, current, paper: bool):
    options = method.form_options(round_, items, item, paper=paper)
    tr = i18n.tr()
    index = method.form_index(options, current)
    if method.form_widget == "select":
        picked = st.selectbox(label, options, index=index, key=key, format_func=lambda o: method.form_label(o, paper=paper, tr=tr))
    else:
        picked = st.radio(label, options, index=index, horizontal=True, key=key, format_func=lambda o: method.form_label(o, paper=paper, tr=tr))
    return method.form_value(picked)


def _number(method: VotingMethod, round_: dict, items: list[dict], item: dict, label: str, key: str, current, paper: bool):
    budget = method.ballot_data(round_, items)
    return st.number_input(label, min_value=0, max_value=budget["total"], step=budget["step"], value=int(current or 0), key=key)


def _placement(method: VotingMethod, round_: dict, items: list[dict], item: dict, label: str, key: str, current, paper: bool):
    """A 1–5 choice per axis and a skip."""
    axes = method.ballot_data(round_, items)["axes"]
    st.markdown(f"**{label}**")
    placed = current if isinstance(current, dict) else {}
    scale = ["1", "2", "3", "4", "5"]
    values = {}
    for axis in ("y", "x"):
        a, at = axes[axis], placed.get(axis)
        values[axis] = st.radio(
            f"{a['name']} (1 {a['low']} … 5 {a['high']})", scale, horizontal=True, index=None if at is None else int(at) - 1, key=f"{key}-{axis}"
        )
    if st.checkbox(i18n.tr().gettext("Skip: I cannot judge this one"), value=current == methods.SKIP, key=f"{key}-skip"):
        return methods.SKIP
    return {"x": values["x"], "y": values["y"]} if values["x"] or values["y"] else None


def _paper_placement(method: VotingMethod, round_: dict, items: list[dict], item: dict, label: str, key: str, current, paper: bool):
    """A place on each axis as written on the paper (— where it is blank)."""
    axes = method.ballot_data(round_, items)["axes"]
    place = current if isinstance(current, dict) else {}
    st.markdown(label)
    x, y = st.columns(2)
    options: list[int | None] = [None, 1, 2, 3, 4, 5]
    return {
        axis: column.selectbox(
            f"{axes[axis]['name']} (1 {axes[axis]['low']} … 5 {axes[axis]['high']})",
            options,
            key=f"{key}-{axis}",
            index=options.index(place.get(axis)),
            format_func=lambda v: "—" if v is None else str(v),
        )
        for axis, column in (("x", x), ("y", y))
    }
