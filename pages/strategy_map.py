"""The strategy map: perspectives as bands, objectives by theme, causal links; edit links and setup."""

import streamlit as st
from streamlit_agraph import Config, Edge, Node, agraph

from ui import check_findings, frame, header, map_panels, paging, session
from workshop import checks
from workshop.core.model import Phase
from workshop.deliverables.map import confidence as map_confidence
from workshop.deliverables.map import graph, svg
from workshop.room import vote_results

db = frame.db()
card = session.load_card()
w = card.workshop
header.workshop_caption(w)
st.title("Strategy map")
st.caption(
    "Cause and effect runs up the map, from the bottom perspective to the top one. "
    "Each arrow is a hypothesis the measures will test. Click an objective to open it."
)

findings = checks.run(card)


def map_tab() -> None:
    a, b, c = st.columns([2, 2, 2], vertical_alignment="bottom")
    show_drafts = a.toggle("Show draft objectives (dashed)", value=True, key="show-drafts")
    linking = b.toggle(
        "Link by clicking",
        key="map-link-mode",
        help="Click the objective that drives, then the one it leads to; add why, and the "
        "arrow is drawn. Switch off to open an objective by clicking it.",
    )
    statuses = ("draft", "agreed") if show_drafts else ("agreed",)
    confidence = vote_results.link_confidence(db, w["id"])
    c.download_button(
        "Download the map (SVG)",
        lambda: svg.render_svg(card, statuses=statuses, confidence=confidence),
        file_name="strategy-map.svg",
        mime="image/svg+xml",
        key="map-download",
        icon=":material/download:",
    )
    shown = [o for o in card.objectives if o.status in statuses]
    ids = [o.id for o in shown]
    picks = [i for i in st.session_state.get("map-link-picks", []) if i in ids] if linking else []
    if not shown:
        st.info("No objective to draw yet: draft objectives in phase 2, then link them here.")
    else:
        if linking:
            map_panels.link_on_map(db, card, picks)
        spec = graph.graph_spec(card, statuses=statuses, selected=st.session_state.get("map-selected"), marked=tuple(picks), confidence=confidence)
        config = Config(
            width=int(spec["width"]),
            height=int(spec["height"] * 0.85),
            directed=True,
            physics=False,
            hierarchical=False,
            interaction={"dragNodes": False, "hover": True, "zoomView": True, "dragView": True, "tooltipDelay": 150},
            edges={"smooth": False},
        )
        config.width = "100%"  # the network fits itself to the page's width
        clicked = agraph([Node(**n) for n in spec["nodes"]], [Edge(**e) for e in spec["edges"]], config)
        if confidence:
            st.caption(
                "Links by the room's confidence (share rating it 4 or 5 of 5): "
                + " · ".join(
                    f"{'━━' if not dash else '╍╍' if dash.startswith('9') else '┄┄'} {name} ({words})"
                    for name, _, _, dash, words in [map_confidence.level({"support": s}) for s in (100, 60, 0)]
                )
                + ". Hover a link for its figures."
            )
        picked = graph.objective_id(clicked)
        # the component repeats its last click on every rerun; a click counts once per drawing
        drawing = (len(spec["edges"]), tuple(picks), st.session_state.get("map-selected"), linking)
        if picked is not None and (picked, drawing) != st.session_state.get("map-clicked"):
            st.session_state["map-clicked"] = (picked, drawing)
            if linking:
                st.session_state["map-link-picks"] = map_panels.next_picks(picks, picked)
            else:
                st.session_state["map-selected"] = picked
            st.rerun()
    titles = {o.id: o.title for o in card.objectives}
    current = st.session_state.get("map-selected")
    choice = st.selectbox(
        "Open an objective",
        [None, *ids],
        index=ids.index(current) + 1 if current in ids else 0,
        format_func=lambda i: "Choose an objective …" if i is None else titles[i],
        key=f"map-open-{current}",
    )
    if choice != current:
        st.session_state["map-selected"] = choice
        st.rerun()
    if choice is not None:
        map_panels.objective_panel(db, card, choice, findings)
    check_findings.show_findings(findings, Phase.CONSENSUS, title="Checks on the map")


def setup_tab() -> None:
    map_panels.perspectives_editor(db, card)
    st.divider()
    map_panels.themes_editor(db, card)


# only the open tab is drawn: a hundred objectives make long link and theme editors
tabs = paging.tabs(["Map", "Causal links", "Perspectives & themes"], key="map-tabs")
for tab, draw in zip(tabs, (map_tab, lambda: map_panels.links_editor(db, card), setup_tab)):
    if tab.open:
        with tab:
            draw()
