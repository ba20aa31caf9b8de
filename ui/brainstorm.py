"""A brainstorm: the participant's section (write cards privately, then see the revealed clusters) and
the facilitator's board (open, reveal, merge under a lens, un-merge, the audit trail, suggestions,
the dot vote, drafts).

The participant's section is drawn only when chosen, and its one fragment refreshes on a slow timer
only while it is open: the vote stays as cheap as it was. A card's text is the user's own: it
reaches the page only through `display.escape_md`, never as markdown or HTML.
"""

from __future__ import annotations

import streamlit as st

from ui import display, i18n
from workshop.core.errors import WorkshopError
from workshop.core.words import plural
from workshop.method import workshops
from workshop.room import brainstorm

PARTICIPANT_EVERY = 8  # seconds between a participant's refreshes, only while the section is open
FACILITATOR_EVERY = 3


def kind_labels() -> dict[str, str]:
    tr = i18n.tr()
    _ = tr.gettext
    # TRANSLATORS: the kinds of a brainstorm card (objective and initiative in the method's sense)
    return {
        "objective": tr.pgettext("scorecard", "Objective"),
        "risk": _("Risk"),
        "initiative": tr.pgettext("scorecard", "Initiative"),
        "question": _("Question"),
    }


# --- the participant ------------------------------------------------------------------------


def _write(db, token: str, brainstorm_id: int) -> None:
    st.session_state.pop("card-error", None)
    try:
        brainstorm.write_card(db, token, brainstorm_id, st.session_state.get("card-kind") or "objective", st.session_state.get("card-body", ""))
    except WorkshopError as error:
        st.session_state["card-error"] = i18n.error_text(error)  # what was typed stays in the field
        return
    st.session_state["card-body"] = ""


def _remove(db, token: str, card_id: int) -> None:
    st.session_state.pop("card-error", None)
    try:
        brainstorm.remove_card(db, token, card_id)
    except WorkshopError as error:
        st.session_state["card-error"] = i18n.error_text(error)


def participant_section(db, me: dict) -> None:
    """Write cards while the brainstorm collects; see the room's clusters once revealed."""
    _ = i18n.tr().gettext
    bs = brainstorm.latest(db, me["workshop_id"])
    st.session_state["brainstorm-seen"] = (bs or {}).get("id"), (bs or {}).get("status")
    if bs is None:
        st.info(_("No brainstorm yet. This section updates by itself when the facilitator opens one."), icon=":material/hourglass_top:")
    else:
        st.subheader(display.escape_md(bs["prompt"]))
        if bs["status"] == brainstorm.OPEN:
            _card_form(db, me["token"], bs)
    _room_cards(db, me)


@st.fragment
def _card_form(db, token: str, bs: dict) -> None:
    """The form and the person's own cards: a card added or removed reruns only this fragment."""
    tr = i18n.tr()
    _ = tr.gettext
    labels = kind_labels()
    with st.container(border=True):
        if bs["named"]:
            st.caption(_("Write alone, one idea a card. When the facilitator reveals the cards, they show with your name."))
        else:
            st.caption(_("Write alone, one idea a card. When the facilitator reveals the cards, nobody sees who wrote which."))
        st.segmented_control(_("This card is"), list(labels), format_func=display.label_of(labels), default="objective", key="card-kind")
        st.text_area(_("Your card"), max_chars=brainstorm.MAX_LENGTH, key="card-body", height=90)
        st.button(_("Add the card"), type="primary", key="card-add", on_click=_write, args=(db, token, bs["id"]))
    if error := st.session_state.get("card-error"):
        st.error(display.escape_md(error), icon=":material/warning:")
    try:
        mine = brainstorm.my_cards(db, token, bs["id"])
    except WorkshopError as error:
        st.warning(display.escape_md(i18n.error_text(error)))
        return
    st.caption(
        tr.ngettext(
            "You have written {n} card. Only you see it until the reveal.",
            "You have written {n} cards. Only you see them until the reveal.",
            len(mine),
        ).format(n=len(mine))
    )
    for card in mine:  # three elements a card (columns would only stack on a phone): a card added stays cheap
        with st.container(border=True, key=f"mycard-{card['id']}"):
            st.markdown(display.escape_md(card["body"]) + "  \n:gray[" + display.escape_md(labels[card["kind"]]) + "]")
            st.button(_("Remove"), key=f"card-remove-{card['id']}", on_click=_remove, args=(db, token, card["id"]), type="tertiary")


@st.fragment(run_every=PARTICIPANT_EVERY)
def _room_cards(db, me: dict) -> None:
    """Every few seconds, one indexed read: the page changes when a brainstorm opens, is revealed or
    sent; once revealed, the room's clusters as the facilitator merges them."""
    tr = i18n.tr()
    _ = tr.gettext
    bs = brainstorm.latest(db, me["workshop_id"])
    if ((bs or {}).get("id"), (bs or {}).get("status")) != st.session_state.get("brainstorm-seen"):
        st.rerun(scope="app")  # opened, revealed or sent: the form comes or goes
    if bs is None or bs["status"] == brainstorm.OPEN:
        return
    labels = kind_labels()
    clusters = brainstorm.board(db, me["workshop_id"], bs["id"])
    st.caption(_("The cards are revealed. The facilitator groups similar ones; the room may then vote on the groups."))
    for cluster in clusters:
        with st.container(border=True, key=f"pcluster-{cluster['id']}"):
            st.markdown("**" + display.escape_md(cluster["title"]) + "**")
            only = cluster["cards"][0] if len(cluster["cards"]) == 1 else None
            if only and only["body"] == cluster["title"]:  # a card on its own: said once
                st.caption(display.escape_md(labels[only["kind"]] + (f" · {only['name']}" if only["name"] else "")))
                continue
            st.caption(tr.ngettext("{n} card", "{n} cards", len(cluster["cards"])).format(n=len(cluster["cards"])))
            for card in cluster["cards"]:
                who = f" · {card['name']}" if card["name"] else ""
                st.markdown("- " + display.escape_md(f"{card['body']} ({labels[card['kind']]}{who})"))


# --- the facilitator ------------------------------------------------------------------------


def _act(action, *args, **kwargs) -> None:
    st.session_state.pop("brainstorm-panel-error", None)
    try:
        action(*args, **kwargs)
    except WorkshopError as error:
        st.session_state["brainstorm-panel-error"] = str(error)


def open_form(db, workshop_id: int) -> None:
    with st.form("brainstorm-open", border=True):
        st.text_input(
            "The question the room answers", key="bs-prompt", max_chars=brainstorm.MAX_LENGTH, placeholder="What must we be great at by 2028?"
        )
        st.checkbox("Show each card with its writer's name (decided now, kept for this brainstorm)", key="bs-named")
        sent = st.form_submit_button("Open the brainstorm", type="primary")
    if sent:
        try:
            brainstorm.open_brainstorm(db, workshop_id, st.session_state.get("bs-prompt"), named=bool(st.session_state.get("bs-named")))
        except WorkshopError as error:
            st.error(display.escape_md(str(error)))
            return
        st.rerun()


def facilitator_board(db, workshop_id: int, bs: dict) -> None:
    """One brainstorm: its state, the reveal, the projector, then the clusters to merge and send."""
    st.subheader(display.escape_md(bs["prompt"]))
    st.caption("Cards show with their writers' names." if bs["named"] else "Anonymous: nobody sees who wrote which card.")
    shown = brainstorm.on_screen_id(db, workshop_id) == bs["id"]
    a, b, _ = st.columns([2, 2, 3])
    a.button(
        "Take off the projector" if shown else "Put on the projector",
        key="bs-screen",
        on_click=_act,
        args=(brainstorm.show_on_screen, db, workshop_id, None if shown else bs["id"]),
    )
    if bs["status"] == brainstorm.OPEN:
        b.button("Reveal all the cards", key="bs-reveal", type="primary", on_click=_act, args=(brainstorm.reveal, db, workshop_id, bs["id"]))
    _board(db, workshop_id, bs["id"])


@st.fragment(run_every=FACILITATOR_EVERY)
def _board(db, workshop_id: int, brainstorm_id: int) -> None:
    if error := st.session_state.get("brainstorm-panel-error"):
        st.error(display.escape_md(error), icon=":material/warning:")
    bs = next(b for b in brainstorm.brainstorms(db, workshop_id) if b["id"] == brainstorm_id)
    if bs["status"] == brainstorm.OPEN:
        counted = brainstorm.tally(db, brainstorm_id)
        st.metric("Cards written so far", counted["cards"], help="The cards stay private until you reveal them.")
        st.caption(f"from {counted['writers']} people")
        return
    if st.session_state.get("bs-status") != bs["status"]:
        st.session_state["bs-status"] = bs["status"]
        st.rerun(scope="app")  # revealed: the page's buttons change
    clusters = brainstorm.board(db, workshop_id, brainstorm_id)
    if bs["status"] == brainstorm.REVEALED:
        _merge_form(db, workshop_id, bs, clusters)
        _suggested(db, workshop_id, brainstorm_id)
    votes = brainstorm.dots(db, bs["round_id"])
    for cluster in sorted(clusters, key=lambda c: -votes.get(c["id"], 0)) if votes else clusters:
        _cluster_card(db, workshop_id, bs, cluster, votes)
    _trail(db, workshop_id, brainstorm_id)
    if bs["status"] == brainstorm.REVEALED:
        _send_form(db, workshop_id, brainstorm_id, len(clusters))


def _merge_form(db, workshop_id: int, bs: dict, clusters: list[dict]) -> None:
    st.markdown("**Merge similar cards**")
    titles = {c["id"]: c["title"] for c in clusters if not c["objective_id"]}
    chosen = st.multiselect(
        "Cards or clusters to merge (the first keeps its place)", list(titles), format_func=lambda i: titles.get(i, "?"), key="bs-merge"
    )
    st.selectbox("Why they belong together", list(brainstorm.LENSES), format_func=display.label_of(brainstorm.LENSES), key="bs-lens")
    st.text_input("The merged cluster's title (optional)", key="bs-merge-title", max_chars=brainstorm.MAX_LENGTH)
    st.button(
        "Merge",
        key="bs-merge-go",
        type="primary",
        disabled=len(chosen) < 2,
        on_click=_merge,
        args=(db, workshop_id, bs["id"]),
    )


def _merge(db, workshop_id: int, brainstorm_id: int) -> None:
    _act(
        brainstorm.merge,
        db,
        workshop_id,
        brainstorm_id,
        st.session_state.get("bs-merge", []),
        st.session_state.get("bs-lens"),
        st.session_state.get("bs-merge-title"),
    )
    if "brainstorm-panel-error" not in st.session_state:
        st.session_state["bs-merge"] = []
        st.session_state["bs-merge-title"] = ""


def _suggested(db, workshop_id: int, brainstorm_id: int) -> None:
    found = brainstorm.suggestions(db, workshop_id, brainstorm_id)
    if not found:
        return
    with st.expander(f"Suggested merges ({len(found)}): the tool's guess from the words; nothing changes until you merge"):
        for n, pair in enumerate(found[:8]):
            left, right = st.columns([5, 1], vertical_alignment="center")
            words = ", ".join(pair["shared"]) or "similar spelling"
            left.markdown(display.escape_md(f"“{pair['titles'][0]}” + “{pair['titles'][1]}” · alike {pair['score']:.0%} ({words})"))
            right.button("Select", key=f"bs-suggest-{n}", on_click=_pick, args=(pair["clusters"],))


def _pick(cluster_ids: list[int]) -> None:
    st.session_state["bs-merge"] = list(cluster_ids)


def _cluster_card(db, workshop_id: int, bs: dict, cluster: dict, votes: dict[int, int]) -> None:
    labels = {"objective": "objective", "risk": "risk", "initiative": "initiative", "question": "question"}
    with st.container(border=True, key=f"bscluster-{cluster['id']}"):
        lens = f" · {brainstorm.LENSES[cluster['lens']]}" if cluster["lens"] else ""
        dots = f" · {votes.get(cluster['id'], 0)} dots" if bs["round_id"] else ""
        st.markdown("**" + display.escape_md(cluster["title"]) + "**")
        st.caption(display.escape_md(f"{plural(len(cluster['cards']), 'card')}{lens}{dots}"))
        for card in cluster["cards"]:
            who = f" · {card['name']}" if card["name"] else ""
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.markdown("- " + display.escape_md(f"{card['body']} ({labels[card['kind']]}{who})"))
            if bs["status"] == brainstorm.REVEALED and len(cluster["cards"]) > 1 and not cluster["objective_id"]:
                right.button(
                    "Un-merge",
                    key=f"bs-unmerge-{card['id']}",
                    type="tertiary",
                    on_click=_act,
                    args=(brainstorm.unmerge, db, workshop_id, bs["id"], card["id"]),
                )
        if cluster["objective_id"]:
            st.success(display.escape_md(f"Draft objective: {cluster['objective']}"), icon=":material/flag:")
        else:
            _draft_form(db, workshop_id, bs["id"], cluster)


def _draft_form(db, workshop_id: int, brainstorm_id: int, cluster: dict) -> None:
    perspectives = {p["id"]: p["name"] for p in workshops.perspectives(db, workshop_id)}
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    chosen = left.selectbox("Perspective", list(perspectives), format_func=lambda i: perspectives[i], key=f"bs-persp-{cluster['id']}")
    right.button(
        "Make it a draft objective",
        key=f"bs-draft-{cluster['id']}",
        on_click=_act,
        args=(brainstorm.to_draft, db, workshop_id, brainstorm_id, cluster["id"], chosen),
    )


def _trail(db, workshop_id: int, brainstorm_id: int) -> None:
    steps = brainstorm.trail(db, workshop_id, brainstorm_id)
    with st.expander(f"Audit trail: {plural(len(steps), 'step')} of merging", expanded=bool(steps)):
        if not steps:
            st.caption("Nothing merged yet.")
        for step in steps:
            cards = " + ".join(f"“{c['body']}”" for c in step["cards"])
            if step["action"] == "merged":
                line = f"{step['step']}. Merged under “{brainstorm.LENSES[step['lens']]}”: {cards}"
            else:
                line = f"{step['step']}. Un-merged: {cards} stands on its own again"
            st.markdown(display.escape_md(line), help=step["at"])


def _send_form(db, workshop_id: int, brainstorm_id: int, clusters: int) -> None:
    st.markdown("**Send the clusters to a dot vote**")
    a, b = st.columns(2)
    total = a.number_input("Dots each person has", min_value=1, max_value=20, value=min(3, max(1, clusters)), key="bs-dots")
    most = b.number_input("Most dots on one cluster", min_value=1, max_value=20, value=1, key="bs-most")
    st.button(
        "Open the dot vote",
        key="bs-send",
        type="primary",
        disabled=clusters < 2,
        on_click=_act,
        args=(brainstorm.send_to_vote, db, workshop_id, brainstorm_id),
        kwargs={"dots_total": int(total), "dots_per_item": int(most)},
    )
    st.caption("The vote opens as a normal round (see Voting rounds); the clusters then stay as voted. Close it there, then draft the winners here.")
