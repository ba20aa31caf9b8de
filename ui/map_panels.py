"""The strategy map page's panels: one objective opened, the causal links, perspectives and themes."""

from __future__ import annotations

import streamlit as st

from ui import cascade_panels
from ui.check_findings import show_finding
from ui.display import escape_md, label_of, quantity_text
from ui.frame import attempt
from ui.paging import paged
from workshop import checks
from workshop.core.model import Objective, Scorecard, perspective_order
from workshop.core.target_words import target_words
from workshop.core.words import plural
from workshop.method import map_setup, measures, objectives, suggestions, workshops

_STATUS_ICON = {"green": ":green[●]", "amber": ":orange[●]", "red": ":red[●]", None: ":gray[○]"}


def objective_panel(db, card: Scorecard, objective_id: int, findings: list) -> None:
    """Everything about one objective: where it sits, what it drives, its measures, its findings."""
    o = card.objective(objective_id)
    box = st.container(border=True, key="objective-panel")
    with box:
        _where_it_sits(db, card, o)
    left, right = box.columns(2)
    with left:
        _links_of(db, card, o)
    with right:
        _measures_of(db, card, o)
    _edit_form(box, db, card, o)
    for finding in checks.about(findings, "objective", o.id):
        with box:
            show_finding(finding)


def _where_it_sits(db, card: Scorecard, o: Objective) -> None:
    """The objective's title, perspective, themes, owner and status, its description, and in a
    cascade what it serves (in a lower unit, editable)."""
    served = card.themes_of(o)
    themes = (
        "themes: every theme"
        if o.all_themes
        else f"{'themes' if len(served) > 1 else 'theme'}: " + (escape_md(", ".join(t.name for t in served)) if served else "none")
    )
    st.subheader(escape_md(o.title), anchor=False)
    st.caption(
        f"{escape_md(card.perspective(o.perspective_id).name)} · {themes} · owner: {escape_md(o.owner) if o.owner else 'not named'} · {o.status}"
    )
    if o.description:
        st.markdown(escape_md(o.description))
    cascade_note = cascade_panels.served_caption(card, o)
    if cascade_note:
        st.markdown(cascade_note)
    if card.has_parent:
        cascade_panels.alignment_editor(db, card, o, key="map-align")


def _links_of(db, card: Scorecard, o: Objective) -> None:
    """What drives the objective and what it drives, each link with its hypothesis and a remove button."""
    titles = {x.id: x.title for x in card.objectives}
    for heading, mine, other in (
        ("Driven by", [l for l in card.links if l.effect_id == o.id], "cause_id"),
        ("Drives", [l for l in card.links if l.cause_id == o.id], "effect_id"),
    ):
        st.markdown(f"**{heading}**" + ("" if mine else " · none yet"))
        for link in mine:
            a, b = st.columns([5, 1], vertical_alignment="center")
            a.markdown(f"{escape_md(titles[getattr(link, other)])}" + (f"  \n*{escape_md(link.hypothesis)}*" if link.hypothesis else ""))
            if b.button("Remove", key=f"panel-unlink-{link.id}", icon=":material/link_off:", help="Remove this causal link"):
                attempt(lambda link=link: objectives.remove_link(db, link.id), "Link removed.")


def _measures_of(db, card: Scorecard, o: Objective) -> None:
    """The objective's measures with their targets and status; while it has fewer than two, the
    measures suggested for it, each added with one click."""
    st.markdown("**Measures**")
    for m in card.measures_of(o.id):
        status = m.status()
        better = f" ({m.direction} is better)" if m.goal.type in ("", "at_least", "at_most") else ""
        st.markdown(
            f"{_STATUS_ICON[status]} {escape_md(m.name)} · {m.kind or 'lead/lag not stated'} · target "
            f"{escape_md(target_words(m))}{better}" + (f" · actual {escape_md(quantity_text(m.actual, m.unit))}: **{status}**" if status else "")
        )
    suggested = suggestions.suggest_measures(card, o.id)
    if len(card.measures_of(o.id)) < 2 and suggested:
        st.markdown("**Suggested measures**")
        for n, s in enumerate(suggested):
            a, b = st.columns([4, 1], vertical_alignment="center")
            nature = "an amount over the period" if s["nature"] == "flow" else "a level"
            a.markdown(
                f"{escape_md(s['name'])} · {s['kind']} · {s['frequency']} · {escape_md(s['unit'])}, {s['direction']} is better · {nature}  \n"
                f"*{escape_md(s['definition'])}*"
            )
            if b.button("Add", key=f"suggest-{o.id}-{n}"):
                attempt(lambda s=s: measures.add_measure(db, o.id, **s), "Measure added.")


def _edit_form(box, db, card: Scorecard, o: Objective) -> None:
    """Reword the objective, name its owner, file it under a theme (and others it serves) and a perspective."""
    with box.form(f"edit-objective-{o.id}"):
        st.markdown("**Edit this objective**")
        a, b = st.columns(2)
        title = a.text_input("Title", o.title, max_chars=200, key=f"edit-title-{o.id}")
        owner = b.text_input("Owner", o.owner, max_chars=200, key=f"edit-owner-{o.id}")
        theme_ids = [None, *[t.id for t in card.themes]]
        theme_names = {t.id: t.name for t in card.themes}
        theme_id = a.selectbox(
            "Main theme",
            theme_ids,
            index=theme_ids.index(o.theme_id),
            format_func=lambda i: "No theme" if i is None else theme_names[i],
            key=f"edit-theme-{o.id}",
            help="Places and colours the objective on the map.",
        )
        others = a.multiselect(
            "Also serves",
            [t.id for t in card.themes],
            default=list(o.other_theme_ids),
            format_func=label_of(theme_names),
            key=f"edit-other-themes-{o.id}",
            help="Other themes this objective advances (a dot in each theme's colour marks it on the map).",
        )
        every = a.checkbox(
            "Serves every theme",
            value=o.all_themes,
            key=f"edit-all-themes-{o.id}",
            help="For an objective every strand of the strategy shares, like the top financial objective or "
            "the learning base in Kaplan and Norton's maps. It then has no main theme of its own.",
        )
        perspective_ids = [p.id for p in card.perspectives]
        perspective_names = {p.id: p.name for p in card.perspectives}
        perspective_id = b.selectbox(
            "Perspective",
            perspective_ids,
            index=perspective_ids.index(o.perspective_id),
            format_func=label_of(perspective_names),
            key=f"edit-perspective-{o.id}",
        )
        if st.form_submit_button("Save the objective"):
            attempt(
                lambda: objectives.update_objective(
                    db,
                    o.id,
                    title=title,
                    owner=owner,
                    perspective_id=perspective_id,
                    all_themes=every,
                    theme_id=None if every else theme_id,
                    other_theme_ids=[] if every else others,
                ),
                "Objective saved.",
            )


def next_picks(picks: list[int], clicked: int) -> list[int]:
    """The cause and effect picked on the map after one more click: the first click is the cause,
    the second the effect; a third starts a new link from it; clicking the cause again unpicks it."""
    if picks == [clicked]:
        return []
    if len(picks) == 1:
        return [picks[0], clicked]
    return [clicked]


def link_on_map(db, card: Scorecard, picks: list[int]) -> None:
    """What the clicks so far mean, and, once both ends are picked, the hypothesis and the button."""
    titles = {o.id: o.title for o in card.objectives}
    box = st.container(border=True, key="map-link-box")
    if not picks:
        box.markdown(":material/ads_click: **Click the cause**: the objective that drives another.")
        return
    if len(picks) == 1:
        a, b = box.columns([5, 1], vertical_alignment="center")
        a.markdown(f"Cause: **{escape_md(titles[picks[0]])}**. Now **click its effect**: the objective it leads to.")
        if b.button("Start again", key="map-link-reset"):
            st.session_state["map-link-picks"] = []
            st.rerun()
        return
    cause, effect = picks
    box.markdown(f"**{escape_md(titles[cause])}** → **{escape_md(titles[effect])}**")
    if _band(card, cause) < _band(card, effect):
        box.caption(
            ":material/info: The cause sits above its effect on the map; cause and effect usually run upwards. Swap them if that was the intent."
        )
    hypothesis = box.text_input(
        "Why does the first lead to the second? (the hypothesis)",
        max_chars=500,
        key="map-link-hypothesis",
        placeholder="e.g. Certified engineers make fewer delivery errors.",
    )
    a, b, c = box.columns([2, 2, 2])
    if a.button("Add the link", type="primary", key="map-link-add", icon=":material/add_link:"):

        def add():
            link_id = objectives.add_link(db, cause, effect, hypothesis)
            st.session_state["map-link-picks"] = []
            return link_id

        attempt(add, "Link added.", clear="map-link-hypothesis")
    if b.button("Swap cause and effect", key="map-link-swap", icon=":material/swap_vert:"):
        st.session_state["map-link-picks"] = [effect, cause]
        st.rerun()
    if c.button("Start again", key="map-link-cancel"):
        st.session_state["map-link-picks"] = []
        st.rerun()


def links_editor(db, card: Scorecard) -> None:
    """Add a causal link (cause → effect, with its hypothesis); reword or remove the others."""
    live = card.live_objectives()
    titles = {o.id: o.title for o in card.objectives}
    st.subheader("Add a causal link", anchor=False)
    st.caption("Read it as: “if we achieve the first, the second follows, because …”. A link that would close a loop is refused.")
    if len(live) < 2:
        st.info("Draft at least two objectives first.")
    else:
        link_form(db, card, key="link")
    st.subheader(f"The links ({len(card.links)})", anchor=False)
    if not card.links:
        st.caption("No link yet.")
    for link in paged(card.links, "map-links-page", noun="links"):
        row = st.container(border=True)
        a, b, c = row.columns([5, 4, 1], vertical_alignment="center")
        a.markdown(f"{escape_md(titles[link.cause_id])} **→** {escape_md(titles[link.effect_id])}")
        text = b.text_input(
            "Hypothesis",
            link.hypothesis,
            max_chars=500,
            key=f"hypothesis-{link.id}",
            label_visibility="collapsed",
            placeholder="Why does the first lead to the second?",
        )
        if text != link.hypothesis:
            attempt(lambda: map_setup.update_hypothesis(db, link.id, text), "Hypothesis saved.")
        if c.button("Remove", key=f"link-remove-{link.id}"):
            attempt(lambda: objectives.remove_link(db, link.id), "Link removed.")


def _band(card: Scorecard, objective_id: int) -> int:
    return card.perspective(card.objective(objective_id).perspective_id).position


def link_form(db, card: Scorecard, *, key: str, cause: int | None = None) -> None:
    """Cause, then effect, then why. Causes are offered from the bottom of the map up; once a
    cause is chosen, the effects offered first are the objectives above it (nearest band first)."""
    live = card.live_objectives()
    titles = {o.id: o.title for o in live}
    names = {p.id: p.name for p in card.perspectives}
    label = {o.id: f"{o.title} · {names[o.perspective_id]}" for o in live}
    causes = sorted(titles, key=lambda i: (-_band(card, i), i))
    a, b = st.columns(2)
    chosen = a.selectbox(
        "Cause (the driver)",
        causes,
        format_func=label_of(label),
        key=f"{key}-cause",
        index=causes.index(cause) if cause in causes else None,
        placeholder="Choose the cause (lower on the map)",
    )
    if chosen is None:
        effects = sorted(titles, key=lambda i: (_band(card, i), i))
    else:
        here = _band(card, chosen)
        linked = {l.effect_id for l in card.links if l.cause_id == chosen}
        effects = sorted((i for i in titles if i != chosen and i not in linked), key=lambda i: (_band(card, i) >= here, -_band(card, i), i))
    effect = b.selectbox(
        "Effect (what it leads to)",
        effects,
        format_func=label_of(label),
        key=f"{key}-effect-{chosen}",
        index=None,
        placeholder="Choose the effect (higher on the map)",
    )
    hypothesis = st.text_input(
        "Hypothesis, in one sentence", max_chars=500, key=f"{key}-hypothesis", placeholder="e.g. Certified engineers make fewer delivery errors."
    )
    clicked = st.button("Add the link", type="primary", key=f"{key}-add", disabled=chosen is None or effect is None)
    if clicked and chosen is not None and effect is not None:
        attempt(lambda: objectives.add_link(db, chosen, effect, hypothesis), "Link added.", clear=f"{key}-")


def perspectives_editor(db, card: Scorecard) -> None:
    st.subheader("Perspectives, top of the map first", anchor=False)
    st.caption(
        "A company usually puts Financial on top; a public body or non-profit its customers, "
        "stakeholders or mission. Rename a perspective to the words your team uses."
    )
    ordered = sorted(card.perspectives, key=lambda p: p.position)
    names = {}
    for p in ordered:
        a, b, c, d = st.columns([1, 8, 2, 2], vertical_alignment="center")
        a.markdown(f"**{p.position}**")
        names[p.id] = b.text_input(
            f"Name of the perspective in position {p.position}", p.name, max_chars=200, key=f"perspective-name-{p.id}", label_visibility="collapsed"
        )
        if c.button("Up", key=f"perspective-up-{p.id}", disabled=p.position == 1, icon=":material/arrow_upward:", width="stretch"):
            attempt(lambda p=p: map_setup.move_perspective(db, p.id, -1), "Order changed.")
        if d.button("Down", key=f"perspective-down-{p.id}", disabled=p.position == len(ordered), icon=":material/arrow_downward:", width="stretch"):
            attempt(lambda p=p: map_setup.move_perspective(db, p.id, +1), "Order changed.")
    if any(names[p.id] != p.name for p in ordered) and st.button("Save the names", key="perspective-names-save", type="primary"):

        def save():
            for p in ordered:
                if names[p.id] != p.name:
                    workshops.rename_perspective(db, p.id, names[p.id])

        attempt(save, "Names saved.")
    default = perspective_order(card.workshop["sector"])
    if [p.key for p in ordered] != default and st.button(f"Reset to the usual order for a {card.workshop['sector']} unit", key="perspective-reset"):
        by_key = {p.key: p.id for p in ordered}
        attempt(lambda: map_setup.set_perspective_order(db, card.workshop["id"], [by_key[k] for k in default]), "Order reset.")


def themes_editor(db, card: Scorecard) -> None:
    st.subheader("Strategic themes", anchor=False)
    st.caption(
        f"3–5 themes are advised; this workshop has {len(card.themes)}. "
        "Each theme's colour fills the objectives whose main theme it is; an objective can also "
        "serve other themes, marked by a dot in their colour, or serve every theme (the top objective "
        "or the learning base every strand shares)."
    )
    shared = [o for o in card.live_objectives() if o.all_themes]
    if shared:
        st.caption(
            f"{plural(len(shared), 'objective')} {'serves' if len(shared) == 1 else 'serve'} every theme: "
            + escape_md(", ".join(o.title for o in shared))
        )
    counts = {t.id: len(card.objectives_serving(t.id)) for t in card.themes}
    for t in card.themes:
        with st.form(f"theme-{t.id}"):
            a, b, c = st.columns([3, 1, 4])
            name = a.text_input("Theme", t.name, max_chars=200, key=f"theme-name-{t.id}")
            colour = b.color_picker("Colour", t.colour, key=f"theme-colour-{t.id}")
            description = c.text_input("What it means", t.description, key=f"theme-description-{t.id}")
            st.caption(f"Served by {plural(counts[t.id], 'objective')}")
            x, y = st.columns([1, 5])
            if x.form_submit_button("Save"):
                attempt(lambda: map_setup.update_theme(db, t.id, name=name, colour=colour, description=description), "Theme saved.")
            if y.form_submit_button("Delete"):
                attempt(lambda: objectives.delete_theme(db, t.id), "Theme deleted; its objectives have no theme now.")
    with st.form("add-theme", clear_on_submit=True):
        a, b = st.columns([4, 1])
        name = a.text_input("New theme", max_chars=200, key="theme-new-name")
        colour = b.color_picker("Colour", objectives.THEME_COLOURS[len(card.themes) % len(objectives.THEME_COLOURS)], key="theme-new-colour")
        description = st.text_input("What it means", key="theme-new-description")
        if st.form_submit_button("Add the theme"):
            attempt(lambda: objectives.add_theme(db, card.workshop["id"], name, description, map_setup.clean_colour(colour)), "Theme added.")
