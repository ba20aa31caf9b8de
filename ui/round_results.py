"""The facilitator's view of one round: live turnout while open; once closed, the results charted
as the round's method asks (ranked for dots and ranking), the figures, how opinion moved, a re-vote
and the decisions."""

from __future__ import annotations

import streamlit as st

from ui import bars, decision_form, display, frame
from workshop.core import consensus, methods
from workshop.room import ledger, paper, presenting, vote_results, voting

LIVE_SECONDS = 2


def live_panel(round_id: int) -> None:
    """Refreshes on its own every LIVE_SECONDS: turnout and time left (results only if the round shows them)."""

    @st.fragment(run_every=LIVE_SECONDS)
    def panel() -> None:
        db = frame.db()
        round_ = voting.get_round(db, round_id)
        left = presenting.seconds_left(round_)
        if round_["status"] == "closed" or left == 0:
            voting.close_round(db, round_id)
            st.rerun(scope="app")
        turnout = vote_results.turnout(db, round_id)
        room = max(turnout["participants"], 1)
        st.progress(min(turnout["voters"] / room, 1.0), text=f"Turnout: {paper.turnout_words(turnout)}")
        if left is not None:
            st.caption(f":material/timer: {presenting.countdown_text(left)}")
        if not round_["results_hidden"]:
            chart(presenting.ranked(vote_results.results(db, round_id), round_["method"]), round_)
        elif round_["anonymity"] != "named":
            st.caption(display.escape_md("Results stay hidden until the round closes. " + vote_results.rule(db, round_id)))
        if st.button("Close the round", key=f"close-{round_id}", type="primary"):
            voting.close_round(db, round_id)
            st.rerun(scope="app")

    panel()


def chart(rows: list[dict], round_: dict, movement: list[dict] | None = None) -> None:
    st.html(bars.STYLE)
    st.html(bars.chart(rows, round_, movement))
    line = bars.priority_line(rows, round_)
    if line:
        st.caption(display.escape_md(line))


def _figures(rows: list[dict], round_: dict) -> None:
    table = methods.get(round_["method"]).figures(rows, round_, display.escape_md)
    if any(r.get("paper") or r.get("hands") for r in rows):  # where the votes came from, when not all by device
        for line, r in zip(table, rows):
            line["On paper"], line["By hand"] = _number(r.get("paper")), _number(r.get("hands"))  # "—": withheld
    st.table(table)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def closed_round(round_: dict) -> None:
    db = frame.db()
    rid, method, how = round_["id"], round_["method"], methods.get(round_["method"])
    rows = presenting.ranked(vote_results.results(db, rid), method)
    turnout = vote_results.turnout(db, rid)
    marked = paper.mark(turnout["paper"], turnout["hands"])
    st.caption(
        f"{voting.METHOD_LABELS[method]} · workshop {round_['workshop_number']} · "
        f"{turnout['voters']} voted" + (f" ({marked})" if marked else "") + f" · closed {round_['closed_at'][:10]}"
    )
    if round_.get("fingerprint"):
        st.caption(
            f":material/verified: Fingerprint **{ledger.short(round_['fingerprint'])}**: read it out or "
            "note it; anyone with the file can check these results with `python -m workshop verify`.",
            help="Every ballot change is chained to the one before it; the fingerprint is the last link. "
            "A ballot edited afterwards breaks the chain, and the check names it.",
        )
    rule = vote_results.rule(db, rid)
    withheld = presenting.withheld_note(rows)
    moved = [] if withheld else vote_results.movement(db, rid)
    if withheld:
        st.info(withheld, icon=":material/visibility_off:")
    elif how.chart in methods.PRIORITY_CHARTS:  # a grid or a split: opinion moved in words
        chart(rows, round_)
        if moved:
            st.markdown("**How opinion moved since the earlier round**")
            st.table(
                [
                    {
                        "Item": display.escape_md(m["label"]),
                        "Before": how.movement_word(m["before"]),
                        "After": how.movement_word(m["after"]),
                    }
                    for m in moved
                ]
            )
    else:
        if moved:
            st.markdown("**How opinion moved since the earlier round** (upper bar before, lower bar after)")
        chart(rows, round_, moved)
    if rule:
        st.caption(":material/shield_person: " + display.escape_md(rule))
    figures = st.expander("Figures", key=f"figures-{rid}", on_change="rerun")
    if figures.open and not withheld:  # drawn only when opened: a hundred items make long tables
        with figures:
            _figures(rows, round_)
    if round_["anonymity"] != "anonymous":
        private = round_["anonymity"] == "facilitator_only"
        who = st.expander(
            "Who voted what (for you only: every answer with its name, nothing merged)" if private else "Who voted what",
            key=f"who-voted-{rid}",
            on_change="rerun",
        )
        if who.open:
            if private:
                who.caption("Only you see this list; fold it away before you share your screen.")
            who.dataframe(
                [
                    {"Person": paper.voter_label(b["name"], b.get("source")), "Item": b["label"], "Answer": b["answer"]}
                    for b in vote_results.named_ballots(db, rid)
                ],
                hide_index=True,
                width="stretch",
            )
    _revote(round_, rows)
    decision_form.panel(round_)


def _revote(round_: dict, rows: list[dict]) -> None:
    contested = [r["item_id"] for r in rows if r["verdict"] not in (None, "consensus") or r.get("divided")]
    labels = {r["item_id"]: r["label"] for r in rows}
    opened = st.expander("Re-vote on contested items", key=f"revote-open-{round_['id']}", on_change="rerun")
    if not opened.open:
        return
    with opened:
        chosen = st.multiselect("Items", list(labels), default=contested, format_func=display.label_of(labels), key=f"revote-items-{round_['id']}")
        if st.button("Open the re-vote", key=f"revote-{round_['id']}"):
            frame.attempt(lambda: vote_results.revote(frame.db(), round_["id"], chosen), "Re-vote opened.")


def how_verdicts_are_read() -> None:
    """The app's help on the scales: which answers count as support, neutral and concern, and why."""
    with st.expander("How votes are read", icon=":material/help:"):
        st.markdown(f"**Gradients of agreement** — {display.escape_md(consensus.SCALE_SOURCE)}.")
        for group in (consensus.SUPPORT, consensus.NEUTRAL, consensus.CONCERN):
            levels = [consensus.GRADIENT_LABELS[g] for g in consensus.GRADIENTS if consensus.GRADIENT_GROUPS[g] == group]
            st.markdown(f"- **{consensus.GROUP_LABELS[group]}**: " + "; ".join(display.escape_md(x) for x in levels))
        st.caption(
            display.escape_md(
                '"Don\'t like it, but will support it" is a vote to go ahead: the person will not obstruct. '
                '"More discussion needed" says the item is not ready, not that it is wrong: an item the room '
                "mostly wants to discuss is re-discussed, never dropped. Abstentions are shown but left out of "
                "the shares. A single block stops the item until the room has discussed it. "
                + " ".join(m.reading for m in methods.all_methods() if m.reading)
                + " Dots and ranking are ranked by points and give no verdict. The verdict applies this "
                "workshop's consensus rules (Join screen & people)."
            )
        )
