"""Voting rounds: open one on chosen items, watch turnout live, close it, read the verdicts,
re-vote on contested items and record the decisions."""
import streamlit as st

from pages import _results, _ui
from workshop.room import voting

card = _ui.load_card()
db, wid = _ui.db(), card.workshop["id"]
_ui.workshop_caption(card.workshop)
st.title(":material/how_to_vote: Voting rounds")
_results.how_verdicts_are_read()

all_rounds = voting.rounds(db, wid)
open_now = [r for r in all_rounds if r["status"] == "open"]

with st.expander("Open another round" if all_rounds else "Open a new round", expanded=not all_rounds):
    number = st.radio("Workshop", [1, 2, 3], horizontal=True, key="round-workshop",
                      format_func=lambda n: {1: "1 · objectives (drafts)", 2: "2 · measures",
                                             3: "3 · objectives, measures, initiatives"}[n])
    eligible = voting.eligible_items(db, wid, number)
    if not eligible:
        st.info("Nothing to vote on in this workshop yet.")
    else:
        labels = {(i["kind"], i["id"]): f"{i['grouping']} · {i['label']}" for i in eligible}
        with st.form("open-round"):
            chosen = st.multiselect("Items", list(labels), default=list(labels), format_func=labels.get,
                                    key="round-items")
            method = st.selectbox("Method", voting.METHODS, format_func=voting.METHOD_LABELS.get,
                                  key="round-method")
            a, b = st.columns(2)
            anonymity = a.selectbox("Anonymity", voting.ANONYMITY, format_func=voting.ANONYMITY_LABELS.get,
                                    key="round-anonymity", help="A fully anonymous round forgets who voted "
                                    "when it closes; this cannot be undone.")
            scale = b.selectbox("Rating of", voting.SCALES, key="round-scale")
            dots_total = a.number_input("Dots per person", 1, 100, 5, key="round-dots")
            dots_per_item = b.number_input("At most on one item", 1, 100, 2, key="round-dots-item")
            minutes = a.number_input("Timer in minutes (0 = none)", 0, 240, 0, key="round-timer")
            hidden = b.checkbox("Hide results until the round closes", value=True, key="round-hidden")
            title = st.text_input("Title (optional)", max_chars=200, key="round-title")
            if st.form_submit_button("Open the round", type="primary"):
                _ui.attempt(lambda: voting.open_round(
                    db, wid, chosen, method=method, workshop_number=number, title=title, scale=scale,
                    anonymity=anonymity, results_hidden=hidden, dots_total=int(dots_total),
                    dots_per_item=int(dots_per_item), timer_seconds=int(minutes) * 60 or None),
                    "Round opened: participants see it within seconds.")

for round_ in open_now:
    with st.container(border=True):
        st.subheader(f":green[:material/radio_button_checked:] Open: {_ui.escape_md(round_['title'])}")
        st.caption(f"{voting.METHOD_LABELS[round_['method']]} · workshop {round_['workshop_number']} · "
                   f"{voting.ANONYMITY_LABELS[round_['anonymity']]} · "
                   f"{len(voting.round_items(db, round_['id']))} items")
        _results.live_panel(round_["id"])

closed = [r for r in all_rounds if r["status"] == "closed"]
if closed:
    st.header("Closed rounds")
for round_ in closed:
    about = [voting.METHOD_LABELS[round_["method"]]] if round_["title"] != voting.METHOD_LABELS[round_["method"]] else []
    numbers = {r["id"]: r["number"] for r in all_rounds}
    about += [f"re-vote of round {numbers.get(round_['parent_id'], '?')}"] if round_["parent_id"] else []
    with st.expander(f"Round {round_['number']}: {_ui.escape_md(round_['title'])}"
                     + (f" ({', '.join(about)})" if about else ""), expanded=round_ is closed[0]):
        _results.closed_round(round_)
