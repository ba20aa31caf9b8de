"""The participant's vote section as one element: the open rounds' ballots, the waiting state and
the last results, drawn by the ballot component (ui/ballot_component.py) inside one fragment.

A submit is one trigger: its callback stores the ballot before the fragment runs, the fragment
draws the acknowledgement, so a ballot costs one fragment run that sends one element back. The
component also watches the room's signal file (ui/room_signal.py) and asks for a run only when
the room changed. When the component cannot be used, the page draws the plain form instead
(ui/ballot_form.py) and waits with a fragment timer.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from ui import ballot_component, ballot_form, ballot_text, frame, i18n, room_signal
from workshop.core import methods
from workshop.core.errors import WorkshopError
from workshop.room import ballot_view, paper, presenting, vote_results, voting

KEY = "ballot"


def use_component() -> bool:
    """The ballot component, unless it cannot be defined here or the participant chose the form."""
    return not ballot_component.unavailable_reason() and not st.session_state.get("simple-form")


def simple_form_switch() -> None:
    _ = i18n.tr().gettext
    st.toggle(
        _("Use the simple form"),
        key="simple-form",
        help=_("Plain form fields instead of the ballot: for an older browser, or if the ballot does not appear."),
    )
    if ballot_component.unavailable_reason():
        st.caption(_("The ballot cannot be shown on this server, so the simple form is used."))
    elif st.session_state.get("simple-form") and st.session_state.get(f"{KEY}-broken"):
        st.caption(_("The ballot could not be shown in this browser, so the simple form is used."))


def _state(name: str, default):
    return st.session_state.setdefault(f"{KEY}-{name}", default)


# --- what the ballot sends -------------------------------------------------------------------


def _on_submit(token: str) -> None:
    """Store the ballot that just arrived (this runs before the fragment draws the answer)."""
    _state("seq", [0])[0] += 1
    try:
        round_id, choices = ballot_view.sent_ballot(ballot_component.event(KEY, "submit"))
    except WorkshopError as error:
        _notices()["unreadable"] = i18n.error_text(error)
        return
    errors, statuses, saved = _state("errors", {}), _state("status", {}), _state("saved", {})
    statuses.pop(round_id, None)
    try:
        voting.submit(frame.db(), token, round_id, choices)
    except WorkshopError as error:
        errors[round_id] = i18n.error_text(error)
        return
    errors.pop(round_id, None)
    saved[round_id] = saved.get(round_id, 0) + 1
    _notices().pop("unreadable", None)
    statuses[round_id] = "ok"


def _on_dismiss() -> None:
    """The participant read a notice (the ballot sends its key): it goes."""
    _state("seq", [0])[0] += 1
    _notices().pop(str(ballot_component.event(KEY, "dismiss")), None)


def _notices() -> dict[str, str]:
    """What the participant must read and acknowledge: key -> text, kept until they say OK."""
    return _state("notices", {})


def _note_closed_rounds(open_ids: set[int]) -> None:
    """A round this page showed has closed: a ballot sent too late, or a close under a ballot
    that was not all in, leaves a notice (as the simple form does)."""
    errors, shown, tr = _state("errors", {}), _state("shown", {}), i18n.tr()
    for rid, seen in list(shown.items()):
        if rid in open_ids:
            continue
        del shown[rid]
        title = f"“{seen['title']}”" if seen["title"].strip() else tr.gettext("The round")
        counted, total = seen["counted"], seen["items"]
        if rid in errors:  # the ballot arrived after the close
            errors.pop(rid)
            _notices()[f"late-{rid}"] = ballot_form.closed_text(tr, title, counted, total, late=True)
        elif counted == 0 or (counted < total and methods.get(seen["method"]).per_item):  # each item answered on its own
            _notices()[f"closed-{rid}"] = ballot_form.closed_text(tr, title, counted, total, late=False)
    for rid in [rid for rid in errors if rid not in open_ids]:  # sent to a round this page never showed
        _notices()[f"late-{rid}"] = errors.pop(rid)


def _on_broken() -> None:
    """The ballot could not be drawn in this browser: use the simple form from now on."""
    st.session_state["simple-form"] = True
    reason = ballot_component.event(KEY, "broken")
    st.session_state[f"{KEY}-broken"] = reason[:300] if isinstance(reason, str) else "?"
    st.session_state[f"{KEY}-goto"] = True


def _on_goto() -> None:
    st.session_state["section"] = "vote"
    st.session_state[f"{KEY}-goto"] = True


# --- what the ballot is given ------------------------------------------------------------------


def round_data(db, token: str, round_: dict) -> dict:
    rid, method, how = round_["id"], round_["method"], methods.get(round_["method"])
    items = st.session_state.get(f"ballot-items-{rid}")
    if items is None:  # a round's items never change: read once
        items = st.session_state[f"ballot-items-{rid}"] = ballot_view.ballot_items(db, rid)
    mine = voting.my_ballots(db, token, rid)
    data = {
        "id": rid,
        "title": round_["title"],
        "method": method,
        "piece": how.piece,  # the piece of ui/assets/ballot*.js that draws its items
        "how": how.how(round_, i18n.tr()),
        "seconds_left": ballot_view.seconds_left(round_),
        "items": items,
        "mine": {str(k): v for k, v in ballot_view.current_choices(mine, method).items()},
        "saved": _state("saved", {}).get(rid, 0),
        "status": None,
    }
    error = _state("errors", {}).get(rid)
    tr = i18n.tr()
    _ = tr.gettext
    if error:
        data["status"] = {"kind": "error", "text": error, "fresh": True}
    elif _state("status", {}).get(rid) == "ok":  # the answer to a Submit of this session
        data["status"] = {
            "kind": "ok",
            "text": ballot_form.votes_in(_, ballot_view.extent(mine, len(items), round_, tr), fresh=True),
            "fresh": True,
        }
    elif mine:
        data["status"] = {
            "kind": "ok",
            "text": ballot_form.votes_in(_, ballot_view.extent(mine, len(items), round_, tr), fresh=False),
            "fresh": False,
        }
    data.update(how.ballot_data(round_, items, i18n.tr()))
    return data


def closed_results(db, token: str, round_id: int) -> tuple[list[dict] | None, list[dict]]:
    """A closed round's results as this participant may see them, and who voted what (a named round
    only): read once per session, since they never change. The ballot and the simple form share
    this one entry, so switching between them finds what it expects."""
    key = f"closed-results-{round_id}"
    if key not in st.session_state:
        st.session_state[key] = (vote_results.participant_results(db, token, round_id), vote_results.participant_named_ballots(db, token, round_id))
    return st.session_state[key]


def results_data(db, token: str, round_: dict, *, so_far: bool) -> dict | None:
    rid, method = round_["id"], round_["method"]
    named: list[dict] = []
    if so_far:
        rows = vote_results.participant_results(db, token, rid)
    else:
        rows, named = closed_results(db, token, rid)
    if rows is None:
        return None
    cards = ballot_view.result_cards(rows, method, scale=round_["scale"], named=named, grid_axes=round_.get("grid_axes"), tr=i18n.tr())
    _ = i18n.tr().gettext
    heading = (_("Results so far: {title}") if so_far else _("Results: {title}")).format(title=round_["title"])
    caption = (
        _("The round is still open; these change as people vote.")
        if so_far
        else _("The last closed round · {method}").format(method=methods.get(method).label_in(i18n.tr()))
    )
    counted = vote_results.turnout(db, rid)
    marked = paper.mark(counted["paper"], counted["hands"])  # votes entered for people without a device
    caption += f" · {marked}" if marked else ""
    return {
        "id": rid,
        "heading": heading,
        "caption": caption,
        "cards": cards,
        "rule": vote_results.rule(db, rid, short=True),
        "withheld": presenting.withheld_note(rows),
    }


def section_data(db, token: str, workshop_id: int, mode: str) -> dict:
    every = voting.rounds(db, workshop_id)  # newest first; closes rounds whose time is up
    open_now = sorted((r for r in every if r["status"] == "open"), key=lambda r: r["id"])
    _note_closed_rounds({r["id"] for r in open_now})
    tr = i18n.tr()
    data = {
        "lang": tr.lang,
        "dir": tr.direction,
        "words": ballot_text.words(tr),
        "mode": mode,
        "seq": _state("seq", [0])[0],
        "open_count": len(open_now),
        "open_text": ballot_text.open_votes(tr, len(open_now)),
        "notices": [{"key": k, "kind": "error", "text": t} for k, t in _notices().items()],
        "rounds": [],
        "results": [],
        "signal": room_signal.signal_for(db, workshop_id),
    }
    if mode == "watch":
        return data
    data["rounds"] = [round_data(db, token, r) for r in open_now]
    shown = _state("shown", {})
    for r, d in zip(open_now, data["rounds"]):
        shown[r["id"]] = {"title": r["title"], "method": r["method"], "items": len(d["items"]), "counted": len(d["mine"])}
    data["results"] = [res for r in open_now if not r["results_hidden"] if (res := results_data(db, token, r, so_far=True))]
    closed = [r for r in every if r["status"] == "closed"]
    if closed:
        last = results_data(db, token, closed[0], so_far=False)
        if last:
            data["results"].append(last)
    return data


@st.fragment
def ballot(token: str, workshop_id: int, mode: str = "vote") -> None:
    """The whole vote section (mode "vote"), or only the room watcher with a way to the vote
    (mode "watch", while the participant comments or proposes)."""
    if st.session_state.pop(f"{KEY}-goto", False):
        st.rerun(scope="app")
    data = section_data(frame.db(), token, workshop_id, mode)
    ballot_component.mount(data, key=KEY, on={"submit": partial(_on_submit, token), "dismiss": _on_dismiss, "goto": _on_goto, "broken": _on_broken})


def signals_on(workshop_id: int) -> bool:
    """Whether waiting pages learn of changes from the signal file (else they poll)."""
    return use_component() and room_signal.signal_for(frame.db(), workshop_id) is not None
