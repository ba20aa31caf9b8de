"""The room's screen (`/present`): one big, legible thing at a time for the projector.

It follows the room by itself: the join screen before any round, the open round with its turnout
and countdown, then its results as charts once it closes. The facilitator keeps the controls on
the ordinary pages (another tab or window); here only a small previous / next.
"""

import streamlit as st

from ui import bars, frame, i18n, presenter, presenter_review, session
from workshop.core import methods
from workshop.db import scorecard
from workshop.deliverables.map import svg
from workshop.room import brainstorm, joining, paper, presenting, questions, voting

card = session.load_card()  # the facilitator's gate, as on every workshop page
db, wid = frame.db(), card.workshop["id"]
presenter.style()
st.html(bars.STYLE)

code = joining.join_code(db, wid)
# the address the room reaches, as typed on the join screen (carried in the link) or this laptop's own
address = st.query_params.get("address") or st.session_state.get("room-address", "")
link = joining.join_url(session.base_url(address), code)

# The screen follows the room unless the presenter picked a round; a round opening or closing, or a
# question put on the projector or taken down, hands it back to the room.
room_now = presenting.screen_state(db, wid)
if st.session_state.get("present-room") != room_now:
    st.session_state["present-room"] = room_now
    st.session_state.pop("present-pick", None)
pick = st.session_state.get("present-pick")
review = presenting.open_review(db, wid)
if review and presenter_review.active():  # the review meeting, one thing at a time
    presenter_review.run(db, review)
    st.stop()
stage = presenting.stage(db, wid, None if pick in (None, "join") else pick)
view = presenting.JOIN if pick == "join" else stage["view"]


def watch(seconds: float):
    """A fragment that reruns the whole screen when a round opens, closes or runs out of time."""

    @st.fragment(run_every=seconds)
    def _watch() -> None:
        if presenting.screen_state(db, wid) != st.session_state.get("present-room"):
            st.rerun(scope="app")

    return _watch


def controls(current: int | None) -> None:
    """Small previous / next through the rounds, the join screen, and back to following the room."""
    before, after = presenting.neighbours(stage["rounds"], current)
    a, b, c, d, e, _ = st.columns([1, 1, 1, 1, 1, 3])
    if a.button("◀ Previous", key="present-prev", type="tertiary", disabled=before is None):
        st.session_state["present-pick"] = before
        st.rerun()
    if b.button("Next ▶", key="present-next", type="tertiary", disabled=after is None):
        st.session_state["present-pick"] = after
        st.rerun()
    if c.button("Join screen", key="present-join", type="tertiary", disabled=view == presenting.JOIN):
        st.session_state["present-pick"] = "join"
        st.rerun()
    if d.button("Follow the room", key="present-follow", type="tertiary", disabled=pick is None):
        st.session_state.pop("present-pick", None)
        st.rerun()
    if e.button("Review", key="present-review", type="tertiary", disabled=review is None, help="Show the open review one thing at a time"):
        presenter_review.start()
        st.rerun()


def kicker(round_: dict) -> str:
    return f"Round {round_['number']} · {voting.METHOD_LABELS[round_['method']]}" + (" · re-vote" if round_["parent_id"] else "")


if pick is None and room_now[1] is not None:  # a question from the room is on the projector

    @st.fragment(run_every=2)
    def question_screen() -> None:
        """Every 2 s: the question's upvotes; the screen changes when it is taken down."""
        if presenting.screen_state(db, wid) != st.session_state.get("present-room"):
            st.rerun(scope="app")
        shown_question = questions.on_screen(db, wid)
        if shown_question:
            presenter.question(shown_question, i18n.tr())

    top, corner = st.columns([5, 2], vertical_alignment="top")
    with corner:
        presenter.corner(link, code)
    with top:
        question_screen()
    controls(stage["round"]["id"] if stage["round"] else None)
    st.stop()

if pick is None and room_now[2] is not None:  # a brainstorm is on the projector

    @st.fragment(run_every=2)
    def brainstorm_screen() -> None:
        """Every 2 s: the count of cards while the room writes, then the clusters as they are merged."""
        if presenting.screen_state(db, wid) != st.session_state.get("present-room"):
            st.rerun(scope="app")
        bs = next((b for b in brainstorm.brainstorms(db, wid) if b["id"] == room_now[2]), None)
        if bs:
            clusters = brainstorm.board(db, wid, bs["id"])
            st.html(presenter.brainstorm_html(bs, clusters, brainstorm.tally(db, bs["id"]), brainstorm.LENSES, i18n.tr()))

    top, corner = st.columns([5, 2], vertical_alignment="top")
    with corner:
        presenter.corner(link, code)
    with top:
        brainstorm_screen()
    controls(stage["round"]["id"] if stage["round"] else None)
    st.stop()

if view == presenting.JOIN:

    @st.fragment(run_every=2)
    def join_screen() -> None:
        if presenting.screen_state(db, wid) != st.session_state.get("present-room"):
            st.rerun(scope="app")
        presenter.join_panel(link, code, presenting.room_size(db, wid))

    join_screen()
    controls(None)
    st.stop()

round_id = stage["round"]["id"]
top, corner = st.columns([5, 2], vertical_alignment="top")
with corner:
    presenter.corner(link, code)

if view == presenting.OPEN:
    shown = presenting.round_view(db, round_id)
    with top:
        presenter.heading(kicker(shown["round"]), shown["round"]["title"])

    @st.fragment(run_every=1)
    def live() -> None:
        """Every second: the countdown and the turnout; the whole screen changes when the round closes."""
        now = presenting.round_view(db, round_id)
        if now["round"]["status"] == "closed" or now["seconds_left"] == 0 or presenting.screen_state(db, wid) != st.session_state.get("present-room"):
            voting.close_due_rounds(db, wid)
            st.rerun(scope="app")
        left, right = st.columns([3, 2], vertical_alignment="center")
        with left:
            counted = now["turnout"]
            presenter.turnout(counted["voters"], counted["participants"], paper.mark(counted["paper"], counted["hands"]))
        with right:
            presenter.countdown(now["countdown"], now["seconds_left"])

    live()
    if shown["round"]["results_hidden"]:
        presenter.items(shown["items"], grouped=methods.get(shown["round"]["method"]).per_group)
        presenter.note("Results stay hidden until the round closes.")
        if shown["rule"]:
            st.html(bars.rule(shown["rule"]))
    else:

        @st.fragment(run_every=3)
        def live_results() -> None:
            rows = presenting.round_view(db, round_id).get("results", [])
            st.html(bars.chart(rows, shown["round"]))

        live_results()
    controls(round_id)
    st.stop()

# Results of a closed round
shown = presenting.round_view(db, round_id)
round_, rows = shown["round"], shown["results"]
chart = methods.get(round_["method"]).chart
with top:
    presenter.heading(kicker(round_) + f" · closed · {shown['turnout']['voters']} voted", round_["title"])
    presenter.sources(paper.mark(shown["turnout"]["paper"], shown["turnout"]["hands"]))
watch(2)()
if not shown["turnout"]["voters"]:
    presenter.note("Nobody voted in this round.")
elif shown["withheld"]:
    presenter.note(shown["withheld"])
elif chart != methods.DIVERGING:  # points, a grid or a split: the chart (and a grid's or a split's line)
    st.html(bars.chart(rows, round_))
    if bars.priority_line(rows, round_):
        presenter.verdict_line(bars.priority_line(rows, round_))
else:
    verdicts = shown["verdicts"]
    if shown["links"]:  # the room's confidence belongs on the map itself: this round's, as on screen
        heading = "The room’s confidence in each causal link"
        presenter.link_map(svg.render_svg(scorecard.load(db, wid), title="", font_size=15, max_per_row=5, confidence=shown["links"]), heading)
        presenter.verdict_line(verdicts)
        verdicts = ""
    if shown["movement"]:
        presenter.verdict_line("How opinion moved since the earlier round")
    st.html(bars.chart(rows, round_, shown["movement"]))
    if verdicts:
        presenter.verdict_line(verdicts)
if shown["rule"]:
    st.html(bars.rule(shown["rule"]))
controls(round_id)
