"""The new-round form: the workshop (1, 2 or 3), the method and only the settings that method uses
(its `settings`: the dots, the rating's scale, a grid's axes), and the items it may hold, offered by
kind and perspective with "select all of these", nothing preselected.

The item checkboxes are keyed by workshop number, so switching the workshop never carries another
workshop's items over; after a round opens the choices are emptied and the form folds away.
"""

from __future__ import annotations

import streamlit as st

from ui import display
from workshop.core import disclosure, methods, priorities
from workshop.core.errors import WorkshopError
from workshop.room import voting

WORKSHOPS = {1: "1 · objectives (drafts) and links", 2: "2 · measures", 3: "3 · objectives, measures, initiatives, links"}
KIND_TITLES = {"objective": "Objectives", "measure": "Measures", "initiative": "Initiatives", "link": "Causal links"}
SHOWN = "new-round-shown"
AUTO_AXES = "suited"
SCALE_LABELS = {
    "agreement": "Agreement (1 strongly disagree … 5 strongly agree)",
    "importance": "Importance (1 not important … 5 essential)",
    "confidence": "Confidence, for causal links (1 doubt … 5 certain)",
}
# a round's setting, as the form's widgets left it in the session
_SETTING = {
    "dots_total": lambda: int(st.session_state.get("round-dots", 5)),
    "dots_per_item": lambda: int(st.session_state.get("round-dots-item", 2)),
    "scale": lambda: st.session_state.get("round-scale", "agreement"),
    "grid_axes": lambda: None if st.session_state.get("round-axes", AUTO_AXES) == AUTO_AXES else st.session_state.get("round-axes"),
}


def _axes_label(key: str) -> str:
    if key == AUTO_AXES:
        return "Suited to the items (" + "; ".join(f"{p.label.lower()} for {p.kind}s" for p in priorities.GRID_PRESETS.values()) + ")"
    grid = priorities.GRID_PRESETS[key]
    return f"{grid.label}: {grid.y.name.lower()} up, {grid.x.name.lower()} across"


def _offered(method: str, eligible: list[dict]) -> list[dict]:
    """The items the method may hold (a split is across initiatives; a grid places objectives,
    measures and initiatives, not links)."""
    how = methods.get(method)
    return [i for i in eligible if how.offers(i["kind"])]


def _pick_key(wid: int, number: int, item: dict) -> str:
    return f"pick-{wid}-{number}-{item['kind']}-{item['id']}"


def _select(keys: list[str], value: bool) -> None:
    for key in keys:
        st.session_state[key] = value


def _open(db, wid: int, number: int, eligible: list[dict]) -> None:
    """The button's callback: open the round, then empty the choices and fold the form away."""
    chosen = [(i["kind"], i["id"]) for i in eligible if st.session_state.get(_pick_key(wid, number, i))]
    method = st.session_state.get("round-method") or "gradients"
    settings = {
        "method": method,
        "workshop_number": number,
        "title": st.session_state.get("round-title", ""),
        "anonymity": st.session_state.get("round-anonymity", "named"),
        "results_hidden": st.session_state.get("round-hidden", True),
        "min_voters": int(st.session_state.get("round-min-voters") or disclosure.MIN_VOTERS),
    }
    minutes = int(st.session_state.get("round-timer") or 0)
    settings["timer_seconds"] = minutes * 60 or None
    settings.update({name: _SETTING[name]() for name in methods.get(method).settings})
    try:
        voting.open_round(db, wid, chosen, **settings)
    except WorkshopError as error:
        st.session_state["round-error"] = str(error)
        return
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("pick-")]:
        del st.session_state[key]
    st.session_state["round-title"] = ""
    st.session_state[SHOWN] = False
    st.session_state["round-opened"] = f"Round opened on {len(chosen)} items: participants see it within seconds."


def new_round(db, wid: int, has_rounds: bool) -> None:
    """A button that unfolds the form; the form itself."""
    if st.session_state.pop("round-opened", None):
        st.toast("Round opened: participants see it within seconds.", icon=":material/check_circle:")
    error = st.session_state.pop("round-error", None)
    if error:
        st.error(display.escape_md(error), icon=":material/warning:")
    shown = st.session_state.get(SHOWN, not has_rounds)
    if not shown:
        if st.button("Open a new round", icon=":material/add:", key="new-round"):
            st.session_state[SHOWN] = True
            st.rerun()
        return
    with st.container(border=True):
        head, fold = st.columns([5, 1], vertical_alignment="center")
        head.subheader("Open a new round")
        if has_rounds and fold.button("Fold away", key="new-round-fold", type="tertiary"):
            st.session_state[SHOWN] = False
            st.rerun()
        _form(db, wid)


def _keep_picks(wid: int) -> None:
    """Streamlit forgets a checkbox's value in a run that does not draw it: switching the method to a
    split (initiatives only) and back would drop the objectives picked. Set again by the script before
    any checkbox is drawn, each pick outlives the runs that hide it."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"pick-{wid}-")]:
        st.session_state[key] = st.session_state[key]


def _form(db, wid: int) -> None:
    _keep_picks(wid)
    number = st.radio("Workshop", list(WORKSHOPS), horizontal=True, key="round-workshop", format_func=WORKSHOPS.get)
    method = st.radio("Method", voting.METHODS, horizontal=True, key="round-method", index=2, format_func=voting.METHOD_LABELS.get)
    how = methods.get(method)
    st.caption(how.description)
    eligible = _offered(method, voting.eligible_items(db, wid, number))
    if not eligible and how.no_items_hint:
        st.info(how.no_items_hint, icon=":material/info:")
        return
    if not eligible:
        st.info(
            "Nothing to vote on in this workshop yet: "
            + {
                1: "draft objectives are written on phase 2 (Interviews & drafts).",
                2: "measures are chosen on phase 4 (Measure selection).",
                3: "agree objectives, measures or initiatives first.",
            }[number],
            icon=":material/info:",
        )
        return
    _items(wid, number, eligible, method)
    a, b, c = st.columns(3)
    _settings(how.settings, a, b)
    if how.form_note:
        a.caption(how.form_note)
    c.number_input("Timer in minutes (0 = none)", 0, 240, 0, key="round-timer")
    _privacy()
    st.text_input("Title (optional)", max_chars=200, key="round-title", placeholder="e.g. Which draft objectives do we keep?")
    chosen = sum(1 for i in eligible if st.session_state.get(_pick_key(wid, number, i)))
    st.button(
        f"Open the round on {chosen} item" + ("" if chosen == 1 else "s") if chosen else "Open the round",
        type="primary",
        key="open-round",
        on_click=_open,
        args=(db, wid, number, eligible),
        disabled=chosen == 0,
        help=None if chosen else "Choose the items first.",
    )


def _settings(settings: tuple[str, ...], a, b) -> None:
    """The widgets of the settings the method uses, in two columns."""
    if "dots_total" in settings:
        a.number_input("Dots per person", 1, 100, 5, key="round-dots")
        b.number_input("At most on one item", 1, 100, 2, key="round-dots-item")
    if "scale" in settings:
        a.selectbox("Rating of", list(voting.SCALES), key="round-scale", format_func=lambda s: SCALE_LABELS[s])
    if "grid_axes" in settings:
        axes = a.selectbox("Axes", [AUTO_AXES, *priorities.GRID_PRESETS], key="round-axes", format_func=_axes_label)
        shown = priorities.GRID_PRESETS.get(axes)
        b.caption(
            "Quadrants: " + " · ".join(shown.quadrants.values()) + f" ({shown.source})."
            if shown
            else "The axes made for the kind of item chosen (a mixed round takes its first kind's); the quadrants are named on the results."
        )


def _privacy() -> None:
    """Anonymity, and for a round that is not named the small-room rule in words with its minimum."""
    b2, c2 = st.columns([2, 1])
    anonymity = b2.selectbox(
        "Anonymity",
        voting.ANONYMITY,
        format_func=display.label_of(voting.ANONYMITY_LABELS),
        key="round-anonymity",
        help="A fully anonymous round forgets who voted when it closes; this cannot be undone.",
    )
    if not disclosure.protects(anonymity):
        c2.checkbox("Hide results until the round closes", value=True, key="round-hidden")
        return
    low, high = disclosure.MIN_VOTERS_RANGE
    least = c2.number_input(
        "Show results from this many voters",
        low,
        high,
        disclosure.MIN_VOTERS,
        key="round-min-voters",
        help="Below it, everyone sees the turnout only.",
    )
    st.caption(
        ":material/shield_person: "
        + display.escape_md(disclosure.rule_text(int(least)))
        + " "
        + (
            "You alone also see who voted what, unmerged, on this page."
            if anonymity == "facilitator_only"
            else "Nobody, you included, can see who voted what."
        )
    )


def _items(wid: int, number: int, eligible: list[dict], method: str = "") -> None:
    """Items by kind, then by perspective, each group with 'select all' and 'clear'."""
    st.markdown("**Items** — nothing is chosen until you choose it")
    for kind in voting.WORKSHOP_KINDS[number]:
        of_kind = [i for i in eligible if i["kind"] == kind]
        if not of_kind:
            continue
        keys = [_pick_key(wid, number, i) for i in of_kind]
        head, every, none = st.columns([4, 1, 1], vertical_alignment="center")
        head.markdown(
            f"*{KIND_TITLES[kind]}* ({len(of_kind)})"
            + (" · rate them for confidence: does the cause drive the effect?" if kind == "link" else "")
            + (" · with their planned budgets" if kind == "initiative" and methods.get(method).uses_budgets else "")
        )
        every.button(
            f"All {len(of_kind)}",
            key=f"all-{wid}-{number}-{kind}",
            type="tertiary",
            on_click=_select,
            args=(keys, True),
            help=f"Select all {KIND_TITLES[kind].lower()}",
        )
        none.button("Clear", key=f"none-{wid}-{number}-{kind}", type="tertiary", on_click=_select, args=(keys, False))
        groups = list(dict.fromkeys(i["grouping"] for i in of_kind))
        columns = st.columns(min(len(groups), 4) or 1)
        for n, group in enumerate(groups):
            members = [i for i in of_kind if i["grouping"] == group]
            group_keys = [_pick_key(wid, number, i) for i in members]
            with columns[n % len(columns)].container(border=True):
                st.button(
                    f"{display.escape_md(group)} · select all {len(members)}",
                    key=f"group-{wid}-{number}-{kind}-{n}",
                    type="tertiary",
                    on_click=_select,
                    args=(group_keys, True),
                )
                for item, key in zip(members, group_keys):
                    st.checkbox(display.escape_md(item["label"]), key=key)
