"""A participant's page: vote in the open round, write brainstorm cards, ask and upvote questions, comment,
propose an objective.

Cheap by design (a room of hundreds shares one laptop): the vote section is one element (the
ballot component, ui/ballot.py) and a ballot is one trigger that reruns only its fragment; while
waiting, the ballot fetches a tiny static file and asks for a run only when the room changed.
Where the component cannot be used, the plain form and a polling fragment stand in.
Participants never receive totals of a round whose results are hidden until it closes.
"""

import streamlit as st

from ui import ballot, ballot_form, brainstorm, display, feedback, frame, i18n, questions, session
from workshop.room import paper, vote_results, voting

POLL_SECONDS = 6  # the fallback only: 100 waiting laptops, ~17 polls/s, ~8% of one core

db = frame.db()
tr = i18n.tr()
_ = tr.gettext
me = session.me()
if me is None:  # the link stopped working (e.g. removed) since the page was chosen
    st.warning(st.session_state.pop("identity_error", _("Join again with the workshop's code.")))
    st.stop()
token, wid = me["token"], me["workshop_id"]

st.caption(f"{display.escape_md(me['organisation'])} · {display.escape_md(me['unit'])}")
# TRANSLATORS: the participant's page greets them by the name they joined with
st.title(_("Hello, {name}").format(name=display.escape_md(me["name"])))
with st.expander(_("Joining from another device?")):
    st.markdown(
        _("Join with the same code and name, and this rejoin key: {key}. Keep this page's address: it is your personal link.").format(
            key=f"**`{me['rejoin_key'] or '—'}`**"
        )
    )


@st.fragment(run_every=POLL_SECONDS)
def watch_the_room() -> None:
    """The fallback: rerun the page when a round opens, closes or runs out of time."""
    if voting.room_state(db, wid) != st.session_state.get("room_state"):
        st.rerun(scope="app")


if not ballot.signals_on(wid):
    st.session_state["room_state"] = voting.room_state(db, wid)
    watch_the_room()


def form_section() -> None:
    """The fallback: the open rounds' ballots as plain forms (each a fragment) and the last
    closed round's results."""
    open_now = voting.open_rounds(db, wid)
    ballot_form.rounds_closed(st.session_state.get("ballot_rounds", []), [r["id"] for r in open_now])
    ballot_form.closed_notes()
    if not open_now:
        st.info(_("No vote is open right now. This page updates by itself when the facilitator opens one."), icon=":material/hourglass_top:")
    for round_ in open_now:
        if f"items-{round_['id']}" not in st.session_state:  # a round's items never change: read once
            st.session_state[f"items-{round_['id']}"] = voting.round_items(db, round_["id"])
        items = st.session_state[f"items-{round_['id']}"]
        ballot_form.round_header(round_)
        ballot_form.ballot_form(round_, items, token)
    st.session_state["ballot_rounds"] = [{"id": r["id"], "title": r["title"], "items": len(st.session_state[f"items-{r['id']}"])} for r in open_now]
    closed = [r for r in voting.rounds(db, wid) if r["status"] == "closed"]
    if closed:
        last = closed[0]
        rows, named = ballot.closed_results(db, token, last["id"])  # read once, shared with the ballot
        with st.expander(_("Results of the last closed round: {title}").format(title=display.escape_md(last["title"])), expanded=not open_now):
            ballot_form.results_table(rows, last["method"], last.get("grid_axes"), vote_results.rule(db, last["id"], short=True))
            counted = vote_results.turnout(db, last["id"])
            if counted["paper"] or counted["hands"]:
                st.caption(_("{votes}, entered by the facilitator.").format(votes=paper.mark(counted["paper"], counted["hands"]).capitalize()))
            if last["anonymity"] == "named":
                st.caption(_("A named round: who voted what."))
                st.dataframe(named, hide_index=True)


SECTIONS = {
    # TRANSLATORS: the participant's sections: vote, brainstorm, ask a question, comment, propose an objective
    "vote": ":material/how_to_vote: " + _("Vote"),
    "brainstorm": ":material/sticky_note_2: " + _("Brainstorm"),
    "questions": ":material/contact_support: " + _("Questions"),
    "comment": ":material/forum: " + _("Comment"),
    "propose": ":material/lightbulb: " + _("Propose an objective"),
}
section = (
    st.segmented_control(
        _("Section"), list(SECTIONS), format_func=display.label_of(SECTIONS), default="vote", key="section", label_visibility="collapsed"
    )
    or "vote"
)
if section == "vote":
    if ballot.use_component():
        ballot.ballot(token, wid)
    else:
        form_section()
    ballot.simple_form_switch()
else:
    if ballot.use_component():
        ballot.ballot(token, wid, mode="watch")  # a vote opening shows a way to it
    if section == "brainstorm":
        brainstorm.participant_section(db, me)
    elif section == "questions":
        questions.participant_section(db, me)
    elif section == "comment":
        feedback.comment_section(db, me)
    else:
        feedback.propose_section(db, me)
