"""A participant's page: vote in the open round, comment, propose an objective.

Cheap by design (a room of hundreds shares one laptop): a ballot is one form submit; while
waiting, only a tiny fragment polls a fingerprint of the rounds and reruns the page when it changes.
Participants never receive totals of a round whose results are hidden until it closes.
"""
import streamlit as st

from pages import _ballot, _room, _ui
from workshop import participation, vote_results, voting, workshops
from workshop.model import WorkshopError

POLL_SECONDS = 4

db = _ui.db()
me = _room.me()
if me is None:  # the link stopped working (e.g. removed) since the page was chosen
    st.warning(st.session_state.pop("identity_error", "Join again with the workshop's code."))
    st.stop()
token, wid = me["token"], me["workshop_id"]

st.caption(f"{_ui.escape_md(me['organisation'])} · {_ui.escape_md(me['unit'])}")
st.title(f"Hello, {_ui.escape_md(me['name'])}")
with st.expander("Joining from another device?"):
    st.markdown(f"Join with the same code and name, and this rejoin key: **`{me['rejoin_key'] or '—'}`**. "
                "Keep this page's address: it is your personal link.")

st.session_state["room_state"] = voting.room_state(db, wid)


@st.fragment(run_every=POLL_SECONDS)
def watch_the_room() -> None:
    """Rerun the page when a round opens, closes or runs out of time; otherwise do nothing."""
    if voting.room_state(db, wid) != st.session_state.get("room_state"):
        st.rerun(scope="app")


watch_the_room()
vote_tab, comment_tab, propose_tab = st.tabs([":material/how_to_vote: Vote", ":material/forum: Comment", ":material/lightbulb: Propose an objective"])

@st.fragment
def vote_section() -> None:
    """The open rounds' ballots: submitting one reruns only this, not the whole page."""
    open_now = voting.open_rounds(db, wid)
    _ballot.late_ballots(st.session_state.get("ballot_rounds", []), [r["id"] for r in open_now])
    st.session_state["ballot_rounds"] = [r["id"] for r in open_now]
    if not open_now:
        st.info("No vote is open right now. This page updates by itself when the facilitator opens one.",
                icon=":material/hourglass_top:")
    for round_ in open_now:
        items = voting.round_items(db, round_["id"])
        _ballot.ballot_form(round_, items, voting.my_ballots(db, token, round_["id"]), token)
        if not round_["results_hidden"]:
            shown = vote_results.participant_results(db, token, round_["id"])
            with st.expander("Results so far"):
                _ballot.results_table(shown, round_["method"])
    closed = [r for r in voting.rounds(db, wid) if r["status"] == "closed"]
    if closed:
        last = closed[0]
        key = f"closed-results-{last['id']}"  # a closed round's results never change: read them once
        if key not in st.session_state:
            st.session_state[key] = vote_results.participant_results(db, token, last["id"])
        with st.expander(f"Results of the last closed round: {_ui.escape_md(last['title'])}",
                         expanded=not open_now):
            _ballot.results_table(st.session_state[key], last["method"])
            if last["anonymity"] == "named":
                if f"{key}-names" not in st.session_state:
                    st.session_state[f"{key}-names"] = vote_results.participant_named_ballots(db, token, last["id"])
                st.caption("A named round: who voted what.")
                st.dataframe(st.session_state[f"{key}-names"], hide_index=True)


with vote_tab:
    vote_section()

with comment_tab:
    subjects = participation.commentable(db, wid)
    if not subjects:
        st.info("Nothing to comment on yet.")
    else:
        labels = {(s["kind"], s["id"]): s["label"] for s in subjects}
        subject = st.selectbox("Comment on", list(labels), format_func=labels.get, key="comment-subject")
        kind, subject_id = subject
        threads = participation.comments(db, wid, **{f"{kind}_id": subject_id})
        for thread in threads:
            with st.container(border=True):
                done = " · :material/check_circle: addressed" if thread["addressed"] else ""
                st.markdown(f"**{_ui.escape_md(thread['author'])}**{done}: {_ui.escape_md(thread['body'])}")
                for reply in thread["replies"]:
                    st.markdown(f"↳ **{_ui.escape_md(reply['author'])}**: {_ui.escape_md(reply['body'])}")
        with st.form("comment"):
            parents = {None: "A new comment"} | {t["id"]: f"Reply to {t['author']}: {t['body'][:60]}" for t in threads}
            parent = st.selectbox("Post as", list(parents), format_func=parents.get, key="comment-parent")
            body = st.text_area("Your comment", max_chars=5000, key="comment-body")
            if st.form_submit_button("Post", type="primary"):
                _ui.attempt(lambda: participation.add_comment(
                    db, wid, me["name"], body, participant_id=me["id"], parent_id=parent,
                    **({f"{kind}_id": subject_id} if parent is None else {})), "Comment posted.",
                    clear="comment-body")

with propose_tab:
    perspectives = {p["id"]: p["name"] for p in workshops.perspectives(db, wid)}
    with st.form("propose"):
        title = st.text_input("Objective", max_chars=200, key="propose-title",
                              placeholder="e.g. Shorten time to onboard a new client")
        perspective = st.selectbox("Perspective", list(perspectives), format_func=perspectives.get,
                                   key="propose-perspective")
        description = st.text_area("Why it matters (optional)", max_chars=5000, key="propose-description")
        if st.form_submit_button("Propose", type="primary"):
            try:
                participation.propose_objective(db, me, title, perspective, description)
            except WorkshopError as error:
                st.error(_ui.escape_md(str(error)), icon=":material/warning:")
            else:
                st.session_state.pending_clear = "propose-"
                st.session_state.proposal_sent = True
                st.rerun()
    if st.session_state.pop("proposal_sent", False):
        st.success("Thank you: your proposal is on the facilitator's list as a draft.", icon=":material/check_circle:")
