"""The facilitator's view of one round: live turnout while open, results, movement, re-vote and
decisions once closed."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from pages import _ballot, _ui
from workshop.core import consensus
from workshop.core.errors import WorkshopError
from workshop.method import decisions
from workshop.room import ledger, vote_results, voting

VERDICT_ICONS = {"consensus": ":green[●]", "re-discuss": ":orange[●]", "drop": ":red[●]", "discuss": ":violet[●]", "no votes": ":gray[●]"}
LIVE_SECONDS = 2


def _seconds_left(closes_at: str | None) -> int | None:
    if not closes_at:
        return None
    end = dt.datetime.fromisoformat(closes_at.replace("Z", "+00:00"))
    return max(0, int((end - dt.datetime.now(dt.UTC)).total_seconds()))


def live_panel(round_id: int) -> None:
    """Refreshes on its own every LIVE_SECONDS: turnout only (results stay hidden until close)."""

    @st.fragment(run_every=LIVE_SECONDS)
    def panel() -> None:
        db = _ui.db()
        round_ = voting.get_round(db, round_id)
        left = _seconds_left(round_["closes_at"])
        if round_["status"] == "closed" or left == 0:
            voting.close_round(db, round_id)
            st.rerun(scope="app")
        turnout = vote_results.turnout(db, round_id)
        room = max(turnout["participants"], 1)
        st.progress(min(turnout["voters"] / room, 1.0),
                    text=f"Turnout: {turnout['voters']} of {turnout['participants']} have voted")
        if left is not None:
            st.caption(f":material/timer: {left // 60}:{left % 60:02d} left")
        if not round_["results_hidden"]:
            _ballot.results_table(vote_results.results(db, round_id), round_["method"])
        if st.button("Close the round", key=f"close-{round_id}", type="primary"):
            voting.close_round(db, round_id)
            st.rerun(scope="app")

    panel()


def _verdict_table(rows: list[dict], method: str, scale: str = "agreement") -> None:
    if method in ("dots", "ranking"):
        _ballot.results_table(rows, method)
        return
    num = _ballot.number
    table = [{"Verdict": f"{VERDICT_ICONS.get(r['verdict'], '')} {consensus.verdict_label(r['verdict'])}",
              "Item": _ui.escape_md(r["label"]), "Votes": r["votes"], "Skipped": r["skipped"],
              "% support": num(r["pct_positive"]), "% neutral": num(r.get("pct_neutral")),
              "% concern": num(r["pct_negative"]), "Blocks": r["blocks"],
              "Answers": _ui.escape_md(consensus.tally_text(method, r["counts"], scale))} for r in rows]
    st.table(table)


def closed_round(round_: dict) -> None:
    db = _ui.db()
    rid, method = round_["id"], round_["method"]
    rows = vote_results.results(db, rid)
    turnout = vote_results.turnout(db, rid)
    st.caption(f"Closed at {round_['closed_at'][11:19]} UTC · {turnout['voters']} voters")
    if round_.get("fingerprint"):
        st.caption(f":material/verified: Fingerprint **{ledger.short(round_['fingerprint'])}**: read it out or "
                   "note it; anyone with the file can check these results with `python -m workshop verify`.",
                   help="Every ballot change is chained to the one before it; the fingerprint is the last link. "
                        "A ballot edited afterwards breaks the chain, and the check names it.")
    _verdict_table(rows, method, round_["scale"])
    moved = vote_results.movement(db, rid)
    if moved:
        st.markdown("**How opinion moved since the first round**")
        st.table([{"Item": _ui.escape_md(m["label"]), "Before": vote_results.summary(m["before"], method),
                   "After": vote_results.summary(m["after"], method)} for m in moved])
    if round_["anonymity"] != "anonymous":
        with st.expander("Who voted what (facilitator only)"):
            st.dataframe([{"Person": b["name"], "Item": b["label"], "Answer": b["answer"]}
                          for b in vote_results.named_ballots(db, rid)], hide_index=True, width="stretch")
    _revote(round_, rows)
    _decisions(round_, rows)


def _revote(round_: dict, rows: list[dict]) -> None:
    contested = [r["item_id"] for r in rows if r["verdict"] not in (None, "consensus")]
    labels = {r["item_id"]: r["label"] for r in rows}
    with st.expander("Re-vote on contested items"):
        chosen = st.multiselect("Items", list(labels), default=contested, format_func=labels.get,
                                key=f"revote-items-{round_['id']}")
        if st.button("Open the re-vote", key=f"revote-{round_['id']}"):
            _ui.attempt(lambda: vote_results.revote(_ui.db(), round_["id"], chosen), "Re-vote opened.")


def _decisions(round_: dict, rows: list[dict]) -> None:
    db = _ui.db()
    decided = decisions.decided_subjects(db, round_["workshop_id"], round_["closed_at"])
    items = {i["id"]: i for i in voting.round_items(db, round_["id"])}
    open_items = [r for r in rows if (items[r["item_id"]]["kind"], _subject_id(items[r["item_id"]])) not in decided]
    st.markdown(f"**Decisions** ({len(rows) - len(open_items)} of {len(rows)} recorded)")
    if not open_items:
        return
    with st.form(f"decide-{round_['id']}"):
        wanted = {}
        for r in open_items:
            st.markdown(f"{VERDICT_ICONS.get(r['verdict'], '')} **{_ui.escape_md(r['label'])}**")
            a, b, c = st.columns([1, 2, 2])
            outcome = a.selectbox("Decision", ["—", "agreed", "changed", "dropped"],
                                  key=f"outcome-{r['item_id']}")
            new_title = b.text_input("New wording (if changed)", key=f"wording-{r['item_id']}",
                                     max_chars=200)
            rationale = c.text_input("Rationale", value=vote_results.summary(r, round_["method"]),
                                     key=f"rationale-{r['item_id']}", max_chars=2000)
            wanted[r["item_id"]] = (outcome, new_title, rationale)
        if st.form_submit_button("Record decisions", type="primary"):
            done = 0
            for item_id, (outcome, new_title, rationale) in wanted.items():
                if outcome == "—":
                    continue
                try:
                    decisions.decide_round_item(db, items[item_id], outcome, rationale, new_title)
                    done += 1
                except WorkshopError as error:
                    st.error(_ui.escape_md(f"{items[item_id]['label']}: {error}"), icon=":material/warning:")
                    break
            else:
                st.toast(f"{done} decision(s) recorded in the decision log.", icon=":material/check_circle:")
                st.rerun()


def _subject_id(item: dict) -> int:
    return item["objective_id"] or item["measure_id"] or item["initiative_id"]


def how_verdicts_are_read() -> None:
    """The app's help on the scales: which answers count as support, neutral and concern, and why."""
    with st.expander("How votes are read", icon=":material/help:"):
        st.markdown(f"**Gradients of agreement** — {_ui.escape_md(consensus.SCALE_SOURCE)}.")
        for group in (consensus.SUPPORT, consensus.NEUTRAL, consensus.CONCERN):
            levels = [consensus.GRADIENT_LABELS[g] for g in consensus.GRADIENTS if consensus.GRADIENT_GROUPS[g] == group]
            st.markdown(f"- **{consensus.GROUP_LABELS[group]}**: " + "; ".join(_ui.escape_md(x) for x in levels))
        st.caption(_ui.escape_md(
            "\"Don't like it, but will support it\" is a vote to go ahead: the person will not obstruct. "
            "\"More discussion needed\" says the item is not ready, not that it is wrong: an item the room "
            "mostly wants to discuss is re-discussed, never dropped. Abstentions are shown but left out of "
            "the shares. A single block stops the item until the room has discussed it. "
            "Ratings: 4–5 support, 3 neutral, 1–2 concern, skips not counted. Dots and ranking are ranked "
            "by points and give no verdict. The verdict applies this workshop's consensus rules (Join "
            "screen & people)."))
