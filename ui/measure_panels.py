"""The measure page's pieces: the overview of every agreed objective, the chooser, and the forms
of the one objective the facilitator opened (only those go to the browser)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui import measure_table
from ui.display import escape_md, label_of, number_text, quantity_text
from ui.frame import attempt
from ui.paging import tabs
from workshop.core.errors import Invalid
from workshop.core.model import DIRECTIONS, FREQUENCIES, MEASURE_KINDS, NATURES, YEAR_RULES, Objective, Scorecard
from workshop.core.target_words import bands_text, stated, target_words
from workshop.core.targets import read_target, target_text
from workshop.core.words import plural
from workshop.db import actual_reads
from workshop.method import measures
from workshop.method.suggestions import suggest_measures

CHOSEN = "measures-objective"


def coverage(count: int) -> str:
    """How an objective stands against the rule of two."""
    return "no measure yet" if count == 0 else "1 measure" if count == 1 else "2 measures" if count == 2 else f"{count} measures: more than two"


def overview(card: Scorecard, agreed: list[Objective], db=None) -> None:
    """Every agreed objective with its measures (a row picks the objective to open), and every
    measure in a second tab, as a table to edit (and paste into) when `db` is given."""
    by_objective: dict[int, list] = {o.id: [] for o in agreed}
    for m in card.measures:
        if m.objective_id in by_objective:
            by_objective[m.objective_id].append(m)
    found = [m for o in agreed for m in by_objective[o.id]]
    # each tab is drawn only while open; fixed labels keep the open tab across a save
    tab_objectives, tab_measures = tabs(["By objective", "All measures: edit, paste, upload"], key="measures-overview-tabs")
    if tab_objectives.open:
        with tab_objectives:
            _objectives_table(card, agreed, by_objective)
    if tab_measures.open:
        with tab_measures:
            if db is None:
                st.info("No measure yet." if not found else f"{len(found)} measures.")
            else:
                measure_table.editor(db, card, agreed)
    lead, lag = sum(m.kind == "lead" for m in found), sum(m.kind == "lag" for m in found)
    bare = sum(1 for ms in by_objective.values() if not ms)
    unstated = len(found) - lead - lag
    st.caption(
        f"{len(found)} measures for {len(agreed)} agreed objectives · {lead} lead, "
        f"{lag} lag"
        + (f", {unstated} not stated" if unstated else "")
        + (f" · {plural(bare, 'objective')} without a measure" if bare else "")
        + ". Click a row, or choose below, to open an objective's measures."
    )


def _objectives_table(card: Scorecard, agreed: list[Objective], by_objective: dict[int, list]) -> None:
    """One row per agreed objective; clicking a row opens that objective below."""
    perspectives = {p.id: p.name for p in card.perspectives}
    picked = st.dataframe(
        [
            {
                "Perspective": perspectives[o.perspective_id],
                "Objective": o.title,
                "Measures": coverage(len(by_objective[o.id])),
                "Lead/lag": " · ".join(stated(m.kind) for m in by_objective[o.id]),
                "Names": "; ".join(m.name for m in by_objective[o.id]),
            }
            for o in agreed
        ],
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(agreed), 390),
        on_select="rerun",
        selection_mode="single-row",
        key="measures-overview",
    )
    rows = tuple(picked.selection.rows) if picked else ()
    if rows != st.session_state.get("measures-overview-applied", ()):
        st.session_state["measures-overview-applied"] = rows
        if rows and rows[0] < len(agreed):
            st.session_state[CHOSEN] = agreed[rows[0]].id  # before the chooser exists this run


def choose_objective(card: Scorecard, agreed: list[Objective]) -> Objective:
    """The objective whose measures are open; it stays chosen while the facilitator works on it.
    The first without a measure is offered first, where work is waiting."""
    perspectives = {p.id: p.name for p in card.perspectives}
    ids = [o.id for o in agreed]
    counted = {m.objective_id for m in card.measures}
    if st.session_state.get(CHOSEN) not in ids:
        st.session_state[CHOSEN] = next((i for i in ids if i not in counted), ids[0])
    titles = {o.id: f"{perspectives[o.perspective_id]} · {o.title}" for o in agreed}
    chosen = st.selectbox(
        "Open the measures of",
        ids,
        format_func=label_of(titles),
        key=CHOSEN,
        help="Only this objective's measures are shown for editing; the table above lists them all.",
    )
    return next(o for o in agreed if o.id == chosen)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def measure_form(key: str, m=None) -> dict:
    """The fields of one measure; returns the values typed."""
    get = lambda f, d="": getattr(m, f) if m is not None and getattr(m, f) is not None else d
    name = st.text_input("Measure", get("name"), max_chars=200, key=f"{key}-name")
    definition = st.text_area("Definition: what exactly is counted", get("definition"), height=70, key=f"{key}-def")
    a, b, c, d = st.columns(4)
    unit = a.text_input("Unit", get("unit"), max_chars=40, key=f"{key}-unit")
    kinds, frequencies = ("", *MEASURE_KINDS), ("", *FREQUENCIES)
    unstated = lambda x: x or "not stated"
    kind = b.selectbox("Lead or lag", kinds, index=kinds.index(get("kind", "")), key=f"{key}-kind", format_func=unstated)
    frequency = c.selectbox("Frequency", frequencies, index=frequencies.index(get("frequency", "")), key=f"{key}-freq", format_func=unstated)
    # a bound says its own direction ("≥ 24 %" higher, "< 2 %" lower): the field asks only for the others
    directions = ("", *DIRECTIONS)
    bound = m is None or m.goal.type in ("", "at_least", "at_most")
    direction = d.selectbox(
        "Better when",
        directions,
        index=0 if bound else directions.index(m.direction),
        key=f"{key}-dir",
        format_func=lambda x: f"{x} is better" if x else "as the target says",
        help="As the target says: ≥ 24 % is higher is better, < 2 % lower; a bare figure is higher is better.",
    )
    a, b, c, d, e = st.columns(5)
    baseline = a.text_input("Baseline", number_text(get("baseline", None)), key=f"{key}-base")
    target = b.text_input(
        "Target",
        target_text(m.goal, dates=False) if m is not None else "",
        key=f"{key}-target",
        help="A figure (24), a bound (≥ 24 %, < 2 %), a range (98–100 %), a rating (AAA), a milestone (Launched) with its date, or TBD.",
    )
    target_date = c.date_input("Target date", _day(get("target_date", None)), key=f"{key}-tdate", format="DD.MM.YYYY")
    green = d.text_input("Green from", number_text(get("green", None)), key=f"{key}-green")
    red = e.text_input("Red beyond", number_text(get("red", None)), key=f"{key}-red")
    scale = _scale_field(key, m)
    a, b = st.columns(2)
    natures, rules = ("", *NATURES), ("", *YEAR_RULES)
    nature = a.selectbox(
        "A period's value is",
        natures,
        index=natures.index(get("nature", "")),
        key=f"{key}-nature",
        format_func=NATURE_LABELS.__getitem__,
        help="A level is read at the period's end (satisfaction, headcount); an amount is counted over the period (revenue, incidents).",
    )
    year_rule = b.selectbox(
        "How periods make up the year",
        rules,
        index=rules.index(get("year_rule", "")),
        key=f"{key}-year",
        format_func=YEAR_RULE_LABELS.__getitem__,
        help="Not stated: an amount's periods add up, a level's last period counts.",
    )
    a, b = st.columns(2)
    source = a.text_input("Data source (system)", get("data_source"), max_chars=500, key=f"{key}-src")
    owner = b.text_input("Owner", get("owner"), max_chars=200, key=f"{key}-owner")
    collection = st.text_area("How the data will be obtained", get("data_collection"), height=70, key=f"{key}-coll")
    values = {
        "name": name,
        "definition": definition,
        "unit": unit,
        "kind": kind,
        "frequency": frequency,
        "direction": direction,
        "baseline": baseline,
        "target": target,
        "target_date": target_date,
        "nature": nature,
        "year_rule": year_rule,
        "green": green,
        "red": red,
        "data_source": source,
        "owner": owner,
        "data_collection": collection,
    }
    if scale.strip() and _wants_scale(target):
        values["rating_scale"] = scale
    if not direction and m is not None and measures.is_bare_figure(target):
        values["direction"] = m.direction  # a bare figure keeps the measure's direction
    elif not direction:
        del values["direction"]  # the target's bound decides (a bare figure: higher is better)
    return values


NATURE_LABELS = {"": "not stated", "level": "a level (at the period's end)", "flow": "an amount over the period"}
YEAR_RULE_LABELS = {"": "not stated", "sum": "their sum", "average": "their average", "last": "the last period"}


def _wants_scale(typed: object) -> bool:
    """True when a target reads as a rating, or as no other type (a level of the measure's own scale)."""
    if not isinstance(typed, str) or not typed.strip():
        return False
    try:
        return read_target(typed).type == "rating"
    except Invalid:
        return True


def _scale_field(key: str, m) -> str:
    """The rating scale, shown where it is useful: for a rating, or after a target no other type reads
    ("Gold" needs its scale, "AAA" and "Strong" are known); else kept as it was."""
    current = m.rating_scale if m is not None else ""
    if not (current or _wants_scale(st.session_state.get(f"{key}-target"))):
        return current
    return st.text_input(
        "Rating scale, best first",
        current,
        key=f"{key}-scale",
        placeholder="Platinum > Gold > Silver > Bronze",
        help="The levels of the rating, best first, separated by >. Known scales (AAA > AA > A …, Strong > Adequate > Weak) need none.",
    )


def summary_line(m) -> str:
    """The measure in one line, every figure as typed and with its unit: baseline → target, then its bands."""
    status = m.status()
    kind = m.kind or "lead/lag not stated"
    frequency = m.frequency or "frequency not stated"
    baseline = (
        f"baseline {escape_md(quantity_text(m.baseline, m.unit))} → " if m.baseline is not None or m.goal.type not in ("rating", "milestone") else ""
    )
    bands = bands_text(m)
    return (
        f"**{escape_md(m.name)}** · {kind} · {frequency} · {baseline}target {escape_md(target_words(m))}"
        + (f" · now **{status}**" if status else "")
        + (f"  \n{escape_md(bands)}" if bands else "")
    )


def _adopt(objective_id: int, suggestion: dict) -> None:
    """Put a suggested measure into the add form (runs before the form is drawn again)."""
    key = f"new{objective_id}"
    fields = (("name", "name"), ("definition", "def"), ("unit", "unit"), ("kind", "kind"), ("direction", "dir"), ("frequency", "freq"))
    for field, suffix in (*fields, ("nature", "nature"), ("year_rule", "year")):
        st.session_state[f"{key}-{suffix}"] = suggestion[field]
    st.session_state[f"{key}-adopted"] = suggestion["name"]


def suggestions(card: Scorecard, o: Objective) -> bool:
    """Measures that fit the objective, each taken into the add form with one click, to edit there.
    True when one was just taken (so the form opens)."""
    if len(card.measures_of(o.id)) >= 2:
        return False
    suggested = suggest_measures(card, o.id)
    if suggested:
        box = st.container(border=True, key="measure-suggestions")
        box.markdown("**Suggested measures** · take one into the form below, then set its baseline and target")
        for n, s in enumerate(suggested):
            a, b = box.columns([5, 1], vertical_alignment="center")
            nature = NATURE_LABELS[s["nature"]]
            a.markdown(
                f"{escape_md(s['name'])} · {s['kind']} · {s['frequency']} · {escape_md(s['unit'])}, {s['direction']} is better · {nature}  \n"
                f"*{escape_md(s['definition'])}*"
            )
            b.button("Use this", key=f"adopt-{o.id}-{n}", icon=":material/input:", on_click=_adopt, args=(o.id, s))
    return bool(st.session_state.get(f"new{o.id}-adopted"))


def objective_measures(db, card: Scorecard, o: Objective) -> None:
    """The chosen objective's measures, each with its edit form (drawn once its panel is opened),
    and the form to add one."""
    found = card.measures_of(o.id)
    st.subheader(escape_md(o.title), anchor=False)
    st.caption(
        f"{escape_md(card.perspective(o.perspective_id).name)} · owner: {escape_md(o.owner) if o.owner else 'not named'} · {coverage(len(found))}"
    )
    latest = actual_reads.latest_of(db, card, found)
    for m in found:
        box = st.container(border=True)
        box.markdown(summary_line(m))
        if m.id in latest and (words := actual_reads.in_words(latest[m.id])):
            box.caption(escape_md(words))
        panel = box.expander("Edit or delete this measure", key=f"measure-edit-{m.id}", on_change="rerun")
        if not panel.open:  # its form is drawn once the panel is opened
            continue
        with panel, st.form(f"edit-measure-{m.id}", border=False):
            values = measure_form(f"m{m.id}", m)
            x, y = st.columns(2)
            if x.form_submit_button("Save measure"):
                attempt(lambda: measures.update_measure(db, m.id, **values), "Measure saved.")
            if y.form_submit_button("Delete measure"):
                attempt(lambda: measures.delete_measure(db, m.id), "Measure deleted.")
    adopted = suggestions(card, o)
    with st.expander("Add a measure to this objective", expanded=not found or adopted), st.form(f"new-measure-{o.id}"):
        values = measure_form(f"new{o.id}")
        if st.form_submit_button("Add measure", type="primary"):
            attempt(lambda: measures.add_measure(db, o.id, **values), "Measure added.", clear=f"new{o.id}-")
