"""The ballot form, one per open round: a whole ballot is one submit, so one round trip."""

from __future__ import annotations

import streamlit as st

from ui import countdown, display, frame
from workshop.core import consensus, priorities
from workshop.core.consensus import GRADIENT_LABELS, GRADIENTS
from workshop.core.errors import WorkshopError
from workshop.core.words import plural
from workshop.room import presenting, vote_results, voting

RATING_OPTIONS = ["1", "2", "3", "4", "5", "Skip"]
SCALE_HINTS = {"agreement": "1 = strongly disagree … 5 = strongly agree", "importance": "1 = not important … 5 = essential"}


def _current(ballot: dict | None, method: str):
    if ballot is None:
        return None
    if method == "dots":
        return ballot["dots"]
    if method == "rating":
        return "Skip" if ballot["skipped"] else str(ballot["rating"])
    if method == "gradients":
        return ballot["gradient"]
    if method == "grid":
        return "skip" if ballot["skipped"] else (ballot["grid_x"], ballot["grid_y"])
    if method == "split":
        return ballot["points"]
    return ballot["rank"]


def submit_key(round_id: int) -> str:
    return f"submit-ballot-{round_id}"


def _count_key(round_id: int) -> str:
    return f"ballot-count-{round_id}"


def note_closed(round_: dict, total: int, *, late: bool) -> None:
    """Remember that a round closed under this participant, and how much of their ballot counted
    (as last acknowledged: an anonymous round forgets its voters when it closes)."""
    notes = st.session_state.setdefault("closed_notes", {})
    if late or round_["id"] not in notes:
        notes[round_["id"]] = {"title": round_["title"], "total": total, "late": late, "counted": st.session_state.get(_count_key(round_["id"]), 0)}


def rounds_closed(shown_before: list[dict], open_now: list[int]) -> None:
    """Rounds whose ballot this page showed and that are closed now: a note unless the whole
    ballot was in (the poll that noticed the close redraws the page, and the form with it)."""
    for round_ in shown_before:
        if round_["id"] in open_now:
            continue
        if st.session_state.get(submit_key(round_["id"])):  # sent as the page redrew without its form
            note_closed(round_, round_["items"], late=True)
        elif st.session_state.get(_count_key(round_["id"]), 0) < round_["items"]:
            note_closed(round_, round_["items"], late=False)


def closed_notes() -> None:
    """What a close did to this participant's votes, shown on every run until they say OK."""
    notes = st.session_state.get("closed_notes", {})
    for rid, note in list(notes.items()):
        title = f"“{display.escape_md(note['title'])}”" if note["title"].strip() else "The round"
        counted, total = note["counted"], plural(note["total"], "item")
        if note["late"]:
            text = f"Too late: {title} closed before the votes you just sent arrived, so they were not counted." + (
                f" Your earlier ballot counts ({counted} of {total})." if counted else ""
            )
        elif counted:
            text = f"{title} closed with your votes in for {counted} of {total}; the rest were not counted."
        else:
            text = f"{title} closed before any vote of yours arrived, so none were counted."
        box = st.container(border=True, key=f"closed-note-{rid}")
        box.error(text, icon=":material/timer_off:")
        if box.button("OK", key=f"closed-note-ok-{rid}"):
            notes.pop(rid, None)
            st.rerun()


def round_header(round_: dict) -> None:
    """The round's title and how to vote: drawn with the page, not with each ballot."""
    method = round_["method"]
    st.subheader(display.escape_md(round_["title"]))
    if method == "dots":
        st.caption(
            f"You have {round_['dots_total']} dots, at most {round_['dots_per_item']} on one item. You can take dots back until the round closes."
        )
    elif method == "rating":
        st.caption(f"Rate each item ({SCALE_HINTS[round_['scale']]}), or skip it.")
    elif method == "gradients":
        st.caption("How far do you support each item? A block means you cannot live with it.")
    elif method == "grid":
        grid = priorities.preset(round_["grid_axes"])
        st.caption(
            f"Place each item from 1 to 5 on {grid.y.name.lower()} ({grid.y.question}) and on {grid.x.name.lower()} ({grid.x.question}); or skip it."
        )
    elif method == "split":
        st.caption("Spread exactly 100 points over the initiatives (0 for none). The ballot is refused unless the points add up to 100.")
    else:
        st.caption("Rank the items within each perspective: 1 is the most important.")
    countdown.countdown(round_)


@st.fragment
def ballot_form(round_: dict, items: list[dict], token: str) -> None:
    """The form and its acknowledgement: submitting reruns only this (a few elements), so a room of
    hundreds can vote at once on one laptop."""
    rid, method = round_["id"], round_["method"]
    mine = voting.my_ballots(frame.db(), token, rid)
    st.session_state[_count_key(rid)] = len(mine)
    with st.form(f"ballot-{rid}"):
        choices: dict[int, object] = {}
        group = None
        for item in items:
            current = _current(mine.get(item["id"]), method)
            if method == "ranking" and item["grouping"] != group:
                group = item["grouping"]
                st.markdown(f"**{display.escape_md(group)}**")
            label = display.escape_md(item["label"])
            key = f"vote-{rid}-{item['id']}"
            if method == "dots":
                options = [str(n) for n in range(round_["dots_per_item"] + 1)]
                choices[item["id"]] = st.radio(label, options, index=int(current or 0), horizontal=True, key=key)
            elif method == "rating":
                index = RATING_OPTIONS.index(current) if current else None
                value = st.radio(label, RATING_OPTIONS, index=index, horizontal=True, key=key)
                choices[item["id"]] = voting.SKIP if value == "Skip" else value
            elif method == "gradients":
                index = GRADIENTS.index(current) if current else None
                choices[item["id"]] = st.radio(label, GRADIENTS, index=index, horizontal=True, key=key, format_func=display.label_of(GRADIENT_LABELS))
            elif method == "grid":
                choices[item["id"]] = _grid_fields(round_, label, key, current)
            elif method == "split":
                choices[item["id"]] = st.number_input(label, 0, 100, int(current or 0), step=5, key=key)
            else:
                size = sum(1 for i in items if i["grouping"] == item["grouping"])
                options = ["—"] + [str(n) for n in range(1, size + 1)]
                value = st.selectbox(label, options, index=int(current or 0), key=key)
                choices[item["id"]] = None if value == "—" else int(value)
        submitted = st.form_submit_button("Submit my votes", type="primary", key=submit_key(rid))
    # Acknowledged in this same run (no st.rerun): a ballot costs one round trip of one fragment,
    # and one message says both that it is in and how much of it.
    if submitted:
        try:
            voting.submit(frame.db(), token, rid, choices)
        except WorkshopError as error:
            if voting.get_round(frame.db(), rid)["status"] == "closed":  # too late: say so on the page
                note_closed(round_, len(items), late=True)  # itself, where later polls keep it
                st.rerun(scope="app")
            st.error(display.escape_md(str(error)), icon=":material/warning:")
        else:
            mine = voting.my_ballots(frame.db(), token, rid)
            st.session_state[_count_key(rid)] = len(mine)
            st.success(
                f"Your votes are in {_extent(mine, items, round_)}. You can change them until the round closes.", icon=":material/check_circle:"
            )
    if mine and not submitted:
        st.caption(f":material/check: Your ballot is in {_extent(mine, items, round_)}; you can change it until the round closes.")
    if not round_["results_hidden"]:  # a round with open results: what the room thinks so far
        with st.expander("Results so far"):
            results_table(
                vote_results.participant_results(frame.db(), token, rid),
                method,
                round_.get("grid_axes"),
                vote_results.rule(frame.db(), rid, short=True),
            )


def _grid_fields(round_: dict, label: str, key: str, current) -> object:
    """One item of a grid: a 1–5 choice per axis and a skip, as plain form fields."""
    grid = priorities.preset(round_["grid_axes"])
    st.markdown(f"**{label}**")
    placed = current if isinstance(current, tuple) else (None, None)
    scale = ["1", "2", "3", "4", "5"]
    values = {}
    for axis, spec, at in (("y", grid.y, placed[1]), ("x", grid.x, placed[0])):
        values[axis] = st.radio(
            f"{spec.name} (1 {spec.low} … 5 {spec.high})", scale, horizontal=True, index=None if at is None else int(at) - 1, key=f"{key}-{axis}"
        )
    if st.checkbox("Skip: I cannot judge this one", value=current == "skip", key=f"{key}-skip"):
        return voting.SKIP
    return {"x": values["x"], "y": values["y"]} if values["x"] or values["y"] else None


def _extent(mine: dict[int, dict], items: list[dict], round_: dict) -> str:
    if round_["method"] == "split":
        return f"with {sum(b['points'] or 0 for b in mine.values())} of 100 points spread"
    text = f"for {len(mine)} of {plural(len(items), 'item')}"
    if round_["method"] == "dots":
        text += f", {sum(b['dots'] or 0 for b in mine.values())} of {round_['dots_total']} dots used"
    return text


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def results_table(rows: list[dict] | None, method: str, grid_axes: str | None = None, rule: str = "") -> None:
    """Closed-round results, for the room: counts and verdicts as the small-room rule allows, never
    who voted what."""
    if rows is None:
        return
    withheld = presenting.withheld_note(rows)
    if withheld:
        st.info(withheld, icon=":material/visibility_off:")
    elif method == "grid":
        grid = priorities.preset(grid_axes)
        st.table(
            [
                {
                    "Item": display.escape_md(r["label"]),
                    "Quadrant": r["quadrant"] or "–",
                    grid.y.name: number(r.get("y_median")),
                    grid.x.name: number(r.get("x_median")),
                    "Placed by": number(r["votes"]),
                }
                for r in rows
            ]
        )
    elif method == "split":
        st.table(
            [
                {
                    "Place": r.get("standing") or "–",
                    "Initiative": display.escape_md(r["label"]),
                    "Share of points": _pct(r["share"]),
                    "Share of budget": _pct(r["budget_share"]),
                    "Voters": number(r["votes"]),
                }
                for r in sorted(rows, key=lambda r: r.get("standing") or 1000)
            ]
        )
    elif method in ("dots", "ranking"):
        st.table(
            [
                {
                    "Place": r.get("standing") or "–",
                    "Item": display.escape_md(r["label"]),
                    "Points": number(r["points"]),
                    "Voters": number(r["votes"]),
                }
                for r in presenting.ranked(rows, method)
            ]
        )
    else:
        st.table(
            [
                {
                    "Item": display.escape_md(r["label"]),
                    "Verdict": consensus.verdict_label(r["verdict"]),
                    "% support": number(r["pct_positive"]),
                    "% concern": number(r["pct_negative"]),
                    "Blocks": number(r["blocks"]),
                    "Votes": number(r["votes"]),
                }
                for r in rows
            ]
        )
    if rule:
        st.caption(display.escape_md(rule))
