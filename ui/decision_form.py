"""Deciding a closed round's items: each starts at what its verdict suggests, one button records
the round, and the rationale is the facilitator's own words (the vote's figures are kept with the
decision anyway)."""

from __future__ import annotations

import streamlit as st

from ui import display, frame, paging
from workshop.core import consensus, methods
from workshop.room import round_decisions, voting

VERDICT_ICONS = {"consensus": ":blue[●]", "re-discuss": ":orange[●]", "drop": ":red[●]", "discuss": ":violet[●]", "no votes": ":gray[●]"}


def _key(rid: int, item_id: int, what: str) -> str:
    return f"decide-{rid}-{item_id}-{what}"


def panel(round_: dict) -> None:
    db, rid = frame.db(), round_["id"]
    pending = round_decisions.undecided(db, rid)
    total = len(voting.round_items(db, rid))
    st.markdown(f"**Decisions** ({total - len(pending)} of {total} recorded)")
    if not pending:
        st.caption(":material/check_circle: Every item of this round has a decision in the decision log.")
        return
    how = methods.get(round_["method"])
    verdicts = how.gives_verdict
    st.caption(how.decision_hint())
    choices = {}
    for item in paging.paged(pending, f"decide-page-{rid}", noun="items"):
        row = item["result"]
        a, b, c = st.columns([5, 3, 5], vertical_alignment="center")
        verdict = consensus.verdict_label(row["verdict"]) if verdicts else item.get("advice") or f"place {row.get('standing', '?')}"
        a.markdown(f"{VERDICT_ICONS.get(row['verdict'] or '', '')} **{display.escape_md(item['label'])}**  \n:gray[{display.escape_md(verdict)}]")
        outcome = b.segmented_control(
            "Decision",
            round_decisions.OUTCOMES,
            default=item["suggested"],
            format_func=display.label_of(round_decisions.OUTCOME_LABELS),
            key=_key(rid, item["item_id"], "outcome"),
            label_visibility="collapsed",
        )
        new_title = ""
        if outcome == "changed":
            new_title = c.text_input("New wording", key=_key(rid, item["item_id"], "wording"), max_chars=200)
        why = c.text_input(
            "Rationale, in your words",
            key=_key(rid, item["item_id"], "why"),
            max_chars=2000,
            placeholder="Optional when agreed; the vote's figures are kept anyway",
            label_visibility="collapsed" if outcome != "changed" else "visible",
        )
        if outcome:
            choices[item["item_id"]] = {"outcome": outcome, "rationale": why, "new_title": new_title}
    n = len(choices)
    label = "Record this decision" if n == 1 else f"Record these {n} decisions"
    if st.button(label if n else "Choose a decision first", type="primary", key=f"record-{rid}", disabled=not n):
        frame.attempt(lambda: round_decisions.decide_round(db, rid, choices), f"{n} decision{'s' if n != 1 else ''} recorded in the decision log.")


def waiting(wid: int) -> None:
    """What still needs a decision, across the workshop's closed rounds."""
    rows = round_decisions.waiting(frame.db(), wid)
    if not rows:
        return
    listed = st.expander(
        f"Waiting for a decision: {len(rows)} item" + ("" if len(rows) == 1 else "s"),
        icon=":material/pending_actions:",
        key="waiting-list",
        on_change="rerun",
    )
    if not listed.open:  # the list is drawn only when opened
        return
    with listed:
        for r in rows:
            st.markdown(f"- Round {r['round']}: {display.escape_md(r['label'])} — {display.escape_md(consensus.verdict_label(r['verdict']))}")
