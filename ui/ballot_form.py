"""The ballot form, one per open round: a whole ballot is one submit, so one round trip."""

from __future__ import annotations

import streamlit as st

from ui import ballot_fields, countdown, display, frame, i18n
from workshop.core import methods
from workshop.core.errors import WorkshopError
from workshop.room import presenting, vote_results, voting


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
    tr = i18n.tr()
    for rid, note in list(notes.items()):
        title = f"“{display.escape_md(note['title'])}”" if note["title"].strip() else tr.gettext("The round")
        box = st.container(border=True, key=f"closed-note-{rid}")
        box.error(closed_text(tr, title, note["counted"], note["total"], late=note["late"]), icon=":material/timer_off:")
        if box.button(tr.gettext("OK"), key=f"closed-note-ok-{rid}"):
            notes.pop(rid, None)
            st.rerun()


def closed_text(tr: i18n.Translator, title: str, counted: int, total: int, *, late: bool) -> str:
    """What a round's close did to this participant's ballot, in words (also for the ballot component)."""
    of = tr.ngettext("{counted} of {total} item", "{counted} of {total} items", total).format(counted=counted, total=total)
    if late:
        text = tr.gettext("Too late: {title} closed before the votes you just sent arrived, so they were not counted.").format(title=title)
        return text + (" " + tr.gettext("Your earlier ballot counts ({part}).").format(part=of) if counted else "")
    if counted:
        return tr.gettext("{title} closed with your votes in for {part}; the rest were not counted.").format(title=title, part=of)
    return tr.gettext("{title} closed before any vote of yours arrived, so none were counted.").format(title=title)


def round_header(round_: dict) -> None:
    """The round's title and how to vote: drawn with the page, not with each ballot."""
    st.subheader(display.escape_md(round_["title"]))
    st.caption(methods.get(round_["method"]).form_how(round_, i18n.tr()))
    countdown.countdown(round_)


@st.fragment
def ballot_form(round_: dict, items: list[dict], token: str) -> None:
    """The form and its acknowledgement: submitting reruns only this (a few elements), so a room of
    hundreds can vote at once on one laptop."""
    rid, method, how = round_["id"], round_["method"], methods.get(round_["method"])
    _ = i18n.tr().gettext
    mine = voting.my_ballots(frame.db(), token, rid)
    st.session_state[_count_key(rid)] = len(mine)
    with st.form(f"ballot-{rid}"):
        choices: dict[int, object] = {}
        group = None
        for item in items:
            ballot = mine.get(item["id"])
            if how.per_group and item["grouping"] != group:
                group = item["grouping"]
                st.markdown(f"**{display.escape_md(group)}**")
            label = display.escape_md(item["label"])
            current = None if ballot is None else how.choice(ballot)
            choices[item["id"]] = ballot_fields.field(round_, items, item, label, f"vote-{rid}-{item['id']}", current)
        submitted = st.form_submit_button(_("Submit my votes"), type="primary", key=submit_key(rid))
    # Acknowledged in this same run (no st.rerun): a ballot costs one round trip of one fragment,
    # and one message says both that it is in and how much of it.
    if submitted:
        try:
            voting.submit(frame.db(), token, rid, choices)
        except WorkshopError as error:
            if voting.get_round(frame.db(), rid)["status"] == "closed":  # too late: say so on the page
                note_closed(round_, len(items), late=True)  # itself, where later polls keep it
                st.rerun(scope="app")
            st.error(display.escape_md(i18n.error_text(error)), icon=":material/warning:")
        else:
            mine = voting.my_ballots(frame.db(), token, rid)
            st.session_state[_count_key(rid)] = len(mine)
            st.success(votes_in(_, _extent(mine, items, round_), fresh=True), icon=":material/check_circle:")
    if mine and not submitted:
        st.caption(":material/check: " + votes_in(_, _extent(mine, items, round_), fresh=False))
    if not round_["results_hidden"]:  # a round with open results: what the room thinks so far
        with st.expander(_("Results so far")):
            results_table(
                vote_results.participant_results(frame.db(), token, rid),
                method,
                round_.get("grid_axes"),
                vote_results.rule(frame.db(), rid, short=True),
            )


def votes_in(_, extent: str, *, fresh: bool) -> str:
    """The answer to a Submit (`fresh`), or what a participant arriving finds already in."""
    if fresh:
        # TRANSLATORS: {extent} says how much of the ballot is in, e.g. "for 4 of 6 items"
        return _("Your votes are in {extent}. You can change them until the round closes.").format(extent=extent)
    return _("Your ballot is in {extent}; you can change it until the round closes.").format(extent=extent)


def _extent(mine: dict[int, dict], items: list[dict], round_: dict) -> str:
    return methods.get(round_["method"]).form_extent(mine, len(items), round_, i18n.tr())


def results_table(rows: list[dict] | None, method: str, grid_axes: str | None = None, rule: str = "") -> None:
    """Closed-round results, for the room: counts and verdicts as the small-room rule allows, never
    who voted what."""
    if rows is None:
        return
    withheld = presenting.withheld_note(rows)
    if withheld:
        st.info(withheld, icon=":material/visibility_off:")
    else:
        st.table(methods.get(method).room_table(rows, {"method": method, "grid_axes": grid_axes}, display.escape_md, tr=i18n.tr()))
    if rule:
        st.caption(display.escape_md(rule))
