"""Questions from the room: the participant's section (ask, upvote, see the ranking) and the
facilitator's panel (the rule on names, answered, hidden, the projector).

Both are fragments: a tap reruns only the list, and the list refreshes itself on a slow timer while
it is open (the participant's section is drawn only when chosen, so the vote stays as cheap as it
was). A question's text is the user's own: it reaches the page only through `display.escape_md`,
never as markdown or HTML, and an anonymous question's rows carry no name to leak.
"""

from __future__ import annotations

import streamlit as st

from ui import display, i18n
from workshop.core.errors import WorkshopError
from workshop.room import questions

PARTICIPANT_EVERY = 8  # seconds between a participant's list refreshes, only while the section is open
FACILITATOR_EVERY = 4
SHOWN = 30  # the participant sees the top 30 open questions (and the answered ones below)


# --- the participant ------------------------------------------------------------------------


def _remember_error(key: str, error: WorkshopError) -> None:
    st.session_state[key] = i18n.error_text(error)


def _ask(db, token: str, anonymous: bool) -> None:
    st.session_state.pop("question-error", None)
    try:
        questions.ask(db, token, st.session_state.get("question-body", ""), anonymous=anonymous)
    except WorkshopError as error:
        _remember_error("question-error", error)  # what was typed stays in the field
        return
    st.session_state["question-body"] = ""
    st.session_state["question-sent"] = True


def _toggle_upvote(db, token: str, question_id: int, upvoted: bool) -> None:
    st.session_state.pop("question-error", None)
    try:
        (questions.withdraw_upvote if upvoted else questions.upvote)(db, token, question_id)
    except WorkshopError as error:
        _remember_error("question-error", error)


def participant_section(db, me: dict) -> None:
    """Ask a question, and the room's questions ranked by upvotes."""
    tr = i18n.tr()
    _ = tr.gettext
    rule = questions.name_rule(db, me["workshop_id"])
    if rule == "off":  # the form stays (what was typed is kept), its button waits
        st.info(_("The facilitator is not taking new questions right now. You can still upvote the ones below."), icon=":material/pause_circle:")
    _ask_form(db, me, rule)
    _room_questions(db, me["token"])


def _ask_form(db, me: dict, rule: str) -> None:
    _ = i18n.tr().gettext
    with st.container(border=True):
        st.text_area(_("Your question"), max_chars=questions.MAX_LENGTH, key="question-body", height=90)
        named = False
        if rule == "choice":
            named = st.checkbox(_("Show my name with it"), key="question-named")
        if rule == "named" or named:
            st.caption(_("Your name is shown with your question."))
        else:
            st.caption(_("Nobody sees who asked: not the room, not the facilitator."))
        st.button(
            _("Ask"),
            type="primary",
            key="question-ask",
            on_click=_ask,
            args=(db, me["token"], not (rule == "named" or named)),
            disabled=rule == "off",
        )


@st.fragment(run_every=PARTICIPANT_EVERY)
def _room_questions(db, token: str) -> None:
    tr = i18n.tr()
    _ = tr.gettext
    if st.session_state.pop("question-sent", False):
        st.success(_("Your question is in. The others can upvote it now."), icon=":material/check_circle:")
    if error := st.session_state.get("question-error"):
        st.error(display.escape_md(error), icon=":material/warning:")
    try:
        rows = questions.for_participant(db, token)
    except WorkshopError as error:
        st.warning(display.escape_md(i18n.error_text(error)))
        return
    open_ = [r for r in rows if r["status"] == questions.OPEN]
    answered = [r for r in rows if r["status"] == questions.ANSWERED]
    st.subheader(_("The room's questions"))
    if not rows:
        st.caption(_("No questions yet. Ask the first one."))
        return
    st.caption(_("Most upvoted first. Tap ▲ to upvote a question you want answered; tap again to take it back."))
    for row in open_[:SHOWN]:
        _question_card(db, token, row)
    if len(open_) > SHOWN:
        st.caption(
            tr.ngettext("{n} more question with fewer upvotes.", "{n} more questions with fewer upvotes.", len(open_) - SHOWN).format(
                n=len(open_) - SHOWN
            )
        )
    if answered:
        st.subheader(_("Answered"))
        for row in answered:
            _question_card(db, token, row)


def _question_card(db, token: str, row: dict) -> None:
    tr = i18n.tr()
    _ = tr.gettext
    with st.container(border=True, key=f"asked-{row['id']}"):
        st.markdown(display.escape_md(row["body"]))
        count = tr.ngettext("{n} upvote", "{n} upvotes", row["upvotes"]).format(n=row["upvotes"])
        if row["mine"]:
            who = _("your question")
        elif row["name"]:
            # TRANSLATORS: under a question asked by name
            who = _("asked by {name}").format(name=row["name"])
        else:
            who = _("anonymous")
        done = " · " + _("answered") if row["status"] == questions.ANSWERED else ""
        left, right = st.columns([3, 2], vertical_alignment="center")
        left.caption(display.escape_md(f"{count} · {who}{done}"))
        if not row["mine"] and row["status"] == questions.OPEN:
            label = _("Upvoted") if row["upvoted"] else _("Upvote")
            right.button(
                "▲ " + label,
                key=f"upvote-{row['id']}",
                type="primary" if row["upvoted"] else "secondary",
                on_click=_toggle_upvote,
                args=(db, token, row["id"], row["upvoted"]),
                width="stretch",
            )


# --- the facilitator ------------------------------------------------------------------------

NAME_RULES = {
    "choice": "Each person chooses (anonymous unless they show their name)",
    "anonymous": "Always anonymous",
    "named": "Always with the asker's name",
    "off": "No new questions for now",
}


def _act(action, *args) -> None:
    st.session_state.pop("questions-panel-error", None)
    try:
        action(*args)
    except WorkshopError as error:
        st.session_state["questions-panel-error"] = str(error)


def facilitator_panel(db, workshop_id: int) -> None:
    """The room's questions, ranked; answer, hide, put one on the projector."""
    st.subheader(":material/contact_support: Questions from the room")
    rule = questions.name_rule(db, workshop_id)
    rules: list[str] = list(NAME_RULES)
    chosen = st.selectbox("Questions are asked", rules, index=rules.index(rule), format_func=display.label_of(NAME_RULES), key="question-rule")
    if chosen is not None and chosen != rule:
        questions.set_name_rule(db, workshop_id, chosen)
    st.toggle("Show hidden questions", key="questions-hidden")
    _ranked_questions(db, workshop_id)


@st.fragment(run_every=FACILITATOR_EVERY)
def _ranked_questions(db, workshop_id: int) -> None:
    if error := st.session_state.get("questions-panel-error"):
        st.error(display.escape_md(error), icon=":material/warning:")
    rows = questions.ranked(db, workshop_id, hidden=bool(st.session_state.get("questions-hidden")))
    if not rows:
        st.caption("No questions yet. Participants ask from their own page (its Questions section).")
        return
    open_n = sum(r["status"] == questions.OPEN for r in rows)
    st.caption(f"{len(rows)} shown, {open_n} waiting for an answer · most upvoted first, the newest breaking ties.")
    for place, row in enumerate(rows, start=1):
        _facilitator_card(db, workshop_id, place, row)


def _facilitator_card(db, workshop_id: int, place: int, row: dict) -> None:
    status = {"open": "", "answered": " · answered", "hidden": " · hidden"}[row["status"]]
    screen = " · on the projector" if row["on_screen"] else ""
    who = f"asked by {row['name']}" if row["name"] else "anonymous"
    with st.container(border=True, key=f"fq-{row['id']}"):
        st.markdown(f"**{place}.** {display.escape_md(row['body'])}")
        st.caption(display.escape_md(f"▲ {row['upvotes']} · {who}{status}{screen}"))
        a, b, c, _ = st.columns([2, 2, 2, 3])
        if row["status"] != questions.HIDDEN:
            a.button(
                "Take off the projector" if row["on_screen"] else "Put on the projector",
                key=f"fq-screen-{row['id']}",
                on_click=_act,
                args=(questions.show_on_screen, db, workshop_id, None if row["on_screen"] else row["id"]),
            )
            b.button(
                "Reopen" if row["status"] == questions.ANSWERED else "Mark answered",
                key=f"fq-answered-{row['id']}",
                on_click=_act,
                args=(questions.mark_answered, db, workshop_id, row["id"], row["status"] != questions.ANSWERED),
            )
        c.button(
            "Show again" if row["status"] == questions.HIDDEN else "Hide",
            key=f"fq-hide-{row['id']}",
            on_click=_act,
            args=(questions.hide, db, workshop_id, row["id"], row["status"] != questions.HIDDEN),
        )
