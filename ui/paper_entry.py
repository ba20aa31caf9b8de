"""Votes from people without a device, entered by the facilitator while a round is open: a paper
ballot laid out like the participant's ballot, the paper ballots entered so far (to correct or
remove one), and a show of hands counted per item. Each entry is confirmed on the page in words."""

from __future__ import annotations

import streamlit as st

from ui import ballot_fields, display, frame, paging
from workshop.core import methods
from workshop.core.words import plural
from workshop.room import paper, vote_results, voting

# The hand grid's answer headings: smaller, and broken only where a word may break.
_HEAD_STYLE = """<style>.st-key-KEY p { font-size: .82rem; line-height: 1.25; hyphens: manual;
  overflow-wrap: normal; word-break: normal; }</style>"""
_DONE = "paper-done"


def _ballot_fields(round_: dict, items: list[dict], prefix: str, answers: dict | None = None) -> dict:
    choices, group = {}, None
    for item in items:
        if methods.get(round_["method"]).per_group and item["grouping"] != group:
            group = item["grouping"]
            st.markdown(f"**{display.escape_md(group)}**")
        current = (answers or {}).get(item["id"])
        label = display.escape_md(item["label"])
        choices[item["id"]] = ballot_fields.field(round_, items, item, label, f"{prefix}-{item['id']}", current, paper=True)
    return choices


def _done(rid: int, text: str) -> None:
    """Remember what was just counted, to confirm it on the next run (a toast alone is missed)."""
    st.session_state[f"{_DONE}-{rid}"] = text
    st.session_state[f"paper-form-n-{rid}"] = st.session_state.get(f"paper-form-n-{rid}", 0) + 1


def _act(rid: int, action, text: str, *, forget: str = "") -> None:
    """Run one entry; on success confirm it in words and redraw, on a refusal say why (nothing changes)."""
    if frame.attempt(lambda: action() or True, rerun=False):
        _done(rid, text)
        if forget:
            st.session_state.pop(forget, None)
        st.rerun()


def add_form(round_: dict, items: list[dict]) -> None:
    rid, method = round_["id"], round_["method"]
    n = st.session_state.get(f"paper-form-n-{rid}", 0)  # a fresh, empty form after each ballot
    with st.form(f"paper-form-{rid}-{n}", border=False):
        name = ""
        if round_["anonymity"] != "anonymous":
            seen = "the room sees it" if round_["anonymity"] == "named" else "only you see it"
            name = st.text_input(f"Name on the paper ({seen}; leave empty for an unnamed ballot)", max_chars=80, key=f"paper-name-{rid}-{n}")
        else:
            st.caption("This round is fully anonymous: the paper ballot is entered without a name.")
        note = methods.get(method).paper_note(round_)
        if note:
            st.caption(note)
        choices = _ballot_fields(round_, items, f"paper-{rid}-{n}")
        if st.form_submit_button("Add the paper ballot", type="primary", key=f"paper-add-{rid}"):
            who = f"“{name.strip()}”" if name.strip() else "An unnamed paper ballot"
            _act(
                rid,
                lambda: paper.add_paper_ballot(frame.db(), rid, choices, name=name),
                f"{who} counted: {methods.get(method).paper_count(choices)}, marked as entered on paper.",
            )


def entered(round_: dict, items: list[dict]) -> None:
    rid = round_["id"]
    ballots = paper.paper_ballots(frame.db(), rid)
    if not ballots:
        st.caption("No paper ballot in this round yet.")
        return
    labels = {i["id"]: i["label"] for i in items}
    st.dataframe(
        [
            {
                "Paper ballot": b["name"],
                **{label: vote_results.answer(round_, b["ballots"][i]) if i in b["ballots"] else "—" for i, label in labels.items()},
            }
            for b in ballots
        ],
        hide_index=True,
        width="stretch",
    )
    by_id = {b["voter_id"]: b for b in ballots}
    chosen = st.selectbox(
        "Correct or remove",
        list(by_id),
        index=None,
        key=f"paper-pick-{rid}",
        format_func=lambda v: by_id[v]["name"],
        placeholder="Choose a paper ballot",
    )
    if chosen is None:
        return
    with st.form(f"paper-fix-{rid}-{chosen}", border=True):
        choices = _ballot_fields(round_, items, f"paper-fix-{rid}-{chosen}", by_id[chosen]["answers"])
        save, drop = st.columns(2)
        if save.form_submit_button("Save the correction", type="primary"):
            _act(rid, lambda: paper.correct_paper_ballot(frame.db(), rid, chosen, choices), f"{by_id[chosen]['name']} corrected.")
        if drop.form_submit_button("Remove this paper ballot"):
            _act(
                rid,
                lambda: paper.remove_paper_ballot(frame.db(), rid, chosen),
                f"{by_id[chosen]['name']} removed: its answers no longer count.",
                forget=f"paper-pick-{rid}",
            )


def hands_form(round_: dict, items: list[dict]) -> None:
    rid, how = round_["id"], methods.get(round_["method"])
    if how.hands_refused():
        st.info(how.hands_refused(), icon=":material/info:")
        return
    answers = how.hand_answers
    now = paper.hand_counts(frame.db(), rid)
    declared = max((c["hands"] for c in now.values()), default=None)
    n = st.session_state.get(f"paper-form-n-{rid}", 0)
    with st.form(f"hands-form-{rid}-{n}", border=False):
        people = st.columns([1, 2])[0].number_input(
            "People voting by hand",
            min_value=0,
            max_value=paper.MAX_HANDS,
            step=1,
            value=declared or 0,
            key=f"hands-people-{rid}-{n}",
            help="Everyone without a device who votes by raising a hand.",
        )
        st.caption("For each item, type how many hands went up for each answer" + how.hand_hint)
        headers = [_syllables(h) for h in how.hand_columns(round_["scale"])]
        widths = [3 if len(answers) < 6 else 2] + [1] * len(answers)
        st.html(_HEAD_STYLE.replace("KEY", f"hands-head-{rid}"))
        top = st.container(key=f"hands-head-{rid}").columns(widths, vertical_alignment="bottom")
        top[0].markdown("**Item**")
        for column, text in zip(top[1:], headers):
            column.markdown(f"**{display.escape_md(text)}**")
        counts: dict[int, dict[str, int]] = {}
        for item in items:
            row = st.columns(widths, vertical_alignment="center")
            row[0].markdown(display.escape_md(item["label"]))
            was = now.get(item["id"], {}).get("counts", {})
            counts[item["id"]] = {
                a: row[k + 1].number_input(
                    f"{headers[k].replace(chr(173), '')} for {item['label']}",
                    min_value=0,
                    max_value=paper.MAX_HANDS,
                    step=1,
                    value=int(was.get(a, 0)),
                    key=f"hands-{rid}-{n}-{item['id']}-{a}",
                    label_visibility="collapsed",
                )
                for k, a in enumerate(answers)
            }
        if st.form_submit_button("Record the show of hands", type="primary", key=f"hands-save-{rid}"):
            raised = sum(sum(c.values()) for c in counts.values())
            _act(
                rid,
                lambda: paper.set_hand_counts(frame.db(), rid, people, counts),
                f"Show of hands recorded: {plural(int(people), 'person', 'people')} voting by hand, "
                f"{plural(raised, 'hand')} raised across {plural(len(items), 'item')}.",
            )
    if now and st.button("Take the show of hands out", key=f"hands-clear-{rid}"):
        _act(rid, lambda: paper.clear_hand_counts(frame.db(), rid), "The show of hands no longer counts (it stays in the history).")
    _hand_history(round_, items)


def _hand_history(round_: dict, items: list[dict]) -> None:
    """Every count entered in this round, replaced ones included: the audit trail of the hands."""
    history = paper.hand_history(frame.db(), round_["id"])
    if not history:
        return
    labels = {i["id"]: i["label"] for i in items}
    with st.expander(f"Every count entered ({len(history)})", icon=":material/history:"):
        st.dataframe(
            [
                {
                    "Entered (UTC)": h["entered_at"][11:19],
                    "Item": labels.get(h["item_id"], "?"),
                    "By hand": h["hands"],
                    "Hands raised": ", ".join(
                        f"{methods.get(round_['method']).hand_heading(a, round_['scale'])}: {n}" for a, n in h["counts"].items()
                    )
                    or "none",
                    "Counts now": "replaced " + h["replaced_at"][11:19] if h["replaced_at"] else "yes",
                }
                for h in history
            ],
            hide_index=True,
            width="stretch",
        )


# where the grid's narrow headings may break a long word (a soft hyphen, shown only at a break)
_SYLLABLES = {"Reservations": "Reser\u00advations", "disagreement": "disagree\u00adment", "discussion": "discus\u00adsion"}


def _syllables(heading: str) -> str:
    return " ".join(_SYLLABLES.get(word, word) for word in heading.split())


def panel(round_: dict) -> None:
    """For an open round: an expander (drawn only when opened) with the three ways to enter votes."""
    rid = round_["id"]
    title = "Votes without a device: paper ballots, show of hands"  # a fixed label keeps it open
    done = st.session_state.pop(f"{_DONE}-{rid}", None)
    if done:  # what was just counted, in words, above the panel
        st.success(display.escape_md(done), icon=":material/check_circle:")
    box = st.expander(title, icon=":material/edit_note:", key=f"paper-open-{rid}", on_change="rerun")
    if not box.open:
        return
    with box:
        turnout = vote_results.turnout(frame.db(), rid)
        st.caption(
            display.escape_md(paper.turnout_words(turnout)) + ". Paper ballots and hands count like any "
            "other vote, and every result says how many there were."
        )
        items = voting.round_items(frame.db(), rid)
        count = len(paper.paper_ballots(frame.db(), rid))
        tabs = paging.tabs(["Add a paper ballot", f"Paper ballots entered ({count})", "Show of hands"], key=f"paper-tabs-{rid}")
        for tab, draw in zip(tabs, (add_form, entered, hands_form)):
            if tab.open:
                with tab:
                    draw(round_, items)
