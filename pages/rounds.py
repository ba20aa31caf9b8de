"""Voting rounds: the live round at the top, a new round when wanted, then the closed rounds with
their results charted, re-votes and the decisions."""

import streamlit as st

from ui import decision_form, display, frame, header, paper_entry, round_form, round_results, session
from workshop.room import voting

card = session.load_card()
db, wid = frame.db(), card.workshop["id"]
header.workshop_caption(card.workshop)
title, screen = st.columns([4, 1], vertical_alignment="bottom")
title.title(":material/how_to_vote: Voting rounds")
screen.link_button(
    "Presenter view",
    f"present?w={wid}",
    icon=":material/present_to_all:",
    help="The room's screen: open it in another window on the projector. It follows the rounds you open and close here.",
)
round_results.how_verdicts_are_read()

all_rounds = voting.rounds(db, wid)
open_now = [r for r in all_rounds if r["status"] == "open"]
numbers = {r["id"]: r["number"] for r in all_rounds}

for round_ in open_now:
    with st.container(border=True):
        st.subheader(f":green[:material/radio_button_checked:] Round {round_['number']} is open: {display.escape_md(round_['title'])}")
        st.caption(
            f"{voting.METHOD_LABELS[round_['method']]} · workshop {round_['workshop_number']} · "
            f"{voting.ANONYMITY_LABELS[round_['anonymity']]} · "
            f"{len(voting.round_items(db, round_['id']))} items"
        )
        round_results.live_panel(round_["id"])
        paper_entry.panel(round_)

round_form.new_round(db, wid, has_rounds=bool(all_rounds))
decision_form.waiting(wid)

closed = {r["id"]: r for r in all_rounds if r["status"] == "closed"}
if closed:
    st.header("Closed rounds")

    def round_label(round_id: int) -> str:
        round_ = closed[round_id]
        about = f" (re-vote of round {numbers.get(round_['parent_id'], '?')})" if round_["parent_id"] else ""
        return f"Round {round_['number']}: {round_['title']}{about}"

    # one round's results at a time: the newest first, and again right after another round closes
    newest = next(iter(closed))
    shown = st.selectbox(f"Closed round ({len(closed)})", list(closed), format_func=round_label, key=f"closed-round-{newest}")
    with st.container(border=True):
        round_results.closed_round(closed[shown])
