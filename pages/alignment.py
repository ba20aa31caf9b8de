"""Cascade & alignment: the tree of units, where each stands, and which objectives serve which."""

import streamlit as st

from ui import cascade_panels, display, frame, header, nav, session
from workshop.core.words import plural
from workshop.method import alignment, cascade

db = frame.db()


def _column(unit: str) -> str:
    return f"{unit} (unit)" if unit in ("Perspective", "Objective", "Units") else unit


card = session.load_card()
w = card.workshop
header.workshop_caption(w)
st.title("Cascade & alignment")
st.caption(
    "Each lower unit builds its own scorecard from this one: every objective of a unit names the "
    "objective above it that it serves, or says why it is local."
)

st.subheader("The units", anchor=False)
tree = alignment.unit_tree(db, w["id"])
for node in tree:
    row = st.container(border=True, key=f"unit-{node['id']}")
    a, b, c = row.columns([5, 4, 2], vertical_alignment="center")
    indent = "\u2003" * 2 * node["depth"] + ("↳ " if node["depth"] else "")
    a.markdown(f"{indent}**{display.escape_md(node['unit'])}**" + (" · *this workshop*" if node["current"] else ""))
    counts = node["checks"]
    status = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no findings"
    b.caption(
        f"Phase {node['phase']} · {node['phase_title']} · checks: {status}"
        + (f"  \nServes {node['served']} of the {node['expected']} objectives expected of it" if node["parent"] else "")
    )
    if not node["current"] and c.button("Open", key=f"open-unit-{node['id']}"):
        frame.open_workshop(node["id"], go_to=nav.ALIGNMENT)

parent = card.parent
if parent is not None:
    st.subheader(f"How {display.escape_md(w['unit'])} serves {display.escape_md(parent['unit'])}", anchor=False)
    expected = [p for p in card.parent_objectives if p.id in card.expected]
    waiting = [p for p in expected if not card.contributors_of(p.id)]
    st.caption(
        f"{len(expected) - len(waiting)} of the {len(expected)} objectives of "
        f"{display.escape_md(parent['unit'])} expected of this unit have a contributing objective."
    )
    for p in waiting:
        st.markdown(f":orange[●] {display.escape_md(p.title)} · no contribution yet")
    for o in card.live_objectives():
        box = st.container(border=True, key=f"align-{o.id}")
        box.markdown(f"**{display.escape_md(o.title)}** · {display.escape_md(card.perspective(o.perspective_id).name)} · {o.status}")
        with box:
            cascade_panels.alignment_editor(db, card, o, key="align")
    st.subheader("Add an objective that serves the parent", anchor=False)
    with st.form("align-new"):
        a, b = st.columns(2)
        title = a.text_input(
            "Objective", max_chars=200, key="align-new-title", placeholder="Start with a verb, e.g. Resolve more tickets at first contact"
        )
        perspectives = {p.id: p.name for p in card.perspectives}
        perspective = b.selectbox("Perspective", list(perspectives), format_func=display.label_of(perspectives), key="align-new-perspective")
        options = [p.id for p in card.parent_objectives if p.status == "agreed"]
        serves = st.multiselect(
            f"Contributes to ({display.escape_md(parent['unit'])})",
            options,
            format_func=lambda i: cascade_panels.parent_label(card, i),
            key="align-new-serves",
        )
        owner = a.text_input("Owner", max_chars=200, key="align-new-owner")
        if st.form_submit_button("Add the objective", type="primary"):
            frame.attempt(
                lambda: cascade.add_contributing_objective(db, w["id"], title, perspective, serves=serves, owner=owner, proposed_by=owner),
                "Objective added as a draft.",
                clear="align-new-",
            )

if card.units:
    st.subheader(f"Alignment matrix · {display.escape_md(w['unit'])}", anchor=False)
    grid = alignment.matrix(db, card)
    st.caption(
        f"{grid['served']} of {grid['total']} agreed objectives are served by at least one unit"
        f" · {plural(grid['gaps'], 'expected contribution')} still missing. A cell names the unit's "
        "contributing objectives; “expected” means the unit should serve it and does not yet."
    )
    st.dataframe(
        [
            {
                "Perspective": r["perspective"],
                "Objective": r["objective"].title,
                "Units": r["units"],
                **{
                    _column(u["unit"]): "; ".join(cell["objectives"]) or ("expected" if cell["expected"] else "—")
                    for u, cell in zip(grid["units"], r["cells"])
                },
            }
            for r in grid["rows"]
        ],
        hide_index=True,
        width="stretch",
        key="alignment-matrix",
        column_config={"Perspective": st.column_config.TextColumn(width="small"), "Units": st.column_config.NumberColumn(width="small")},
    )

if card.agreed_objectives():
    if card.units or not card.has_parent:
        st.subheader("Start the cascade for a unit", anchor=False)
        cascade_panels.start_form(db, card, key="alignment-start")
    else:
        with st.expander(f"Cascade further: start a unit below {display.escape_md(w['unit'])}"):
            cascade_panels.start_form(db, card, key="alignment-start")
