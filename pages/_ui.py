"""UI pieces the pages share: the store for this session, the current workshop, the phase header,
and turning a domain error into a message. No SQL here: everything goes through `workshop/`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from streamlit.errors import StreamlitAPIException

from workshop import checks
from workshop.core.errors import WorkshopError
from workshop.core.model import PHASE_TITLES, Phase, Scorecard
from workshop.core.words import plural
from workshop.db import scorecard, store
from workshop.method import acknowledgements, phases

PAGES = Path(__file__).resolve().parent
PHASE_PAGES = {
    Phase.ARCHITECTURE: "pages/architecture.py",
    Phase.INTERVIEWS: "pages/interviews.py",
    Phase.CONSENSUS: "pages/consensus.py",
    Phase.MEASURES: "pages/measures.py",
    Phase.PLAN: "pages/plan.py",
}


def enter_frame() -> None:
    """Called first by app.py: marks this session as run through the frame and its navigation,
    and empties the form fields a successful action asked to clear (before any widget exists,
    the only moment Streamlit lets a widget's value be set)."""
    st.session_state.framed = True
    prefix = st.session_state.pop("pending_clear", None)
    if prefix:
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
            value = st.session_state[key]
            if isinstance(value, str):
                st.session_state[key] = ""
            elif isinstance(value, list):
                st.session_state[key] = []
            elif isinstance(value, dt.date) or key.endswith(("-perspective", "-theme")):
                st.session_state[key] = None  # where an item is filed, and when, is chosen afresh


def _require_frame() -> None:
    """A page run without app.py shows nothing and goes to the home page.

    Streamlit runs `pages/<name>.py` directly for the first session after the server starts when
    that session opens a page's URL (its legacy pages-folder mode), skipping the frame, its roles
    and its navigation. Every page asks for the store first, so the check lives here.
    """
    if not st.session_state.get("framed"):
        wanted = urlsplit(st.context.url or "").path.strip("/").split("/")[-1]
        if wanted and (PAGES / f"{wanted}.py").exists() and not wanted.startswith("_"):
            st.session_state.go_to = f"pages/{wanted}.py"  # the frame opens it if this role may
        st.switch_page("app.py", query_params=st.query_params.to_dict())


def db():
    """This session's connection (one session runs one script at a time, so it is never shared)."""
    _require_frame()
    if "db" not in st.session_state:
        st.session_state.db = store.connect(store.database_path())
    return st.session_state.db


def workshop_id() -> int | None:
    """The open workshop: kept in the session and in the URL, so a reload keeps it."""
    if "workshop_id" not in st.session_state:
        raw = st.query_params.get("w")
        st.session_state.workshop_id = int(raw) if raw and raw.isdigit() else None
    wid = st.session_state.workshop_id
    if wid is not None and st.query_params.get("w") != str(wid):
        st.query_params["w"] = str(wid)
    return wid


def open_workshop(wid: int | None, go_to: str | None = None) -> None:
    """Open a workshop (None closes it); with `go_to`, rerun and switch to that page, which the
    frame can only offer once the workshop is open."""
    st.session_state.workshop_id = wid
    if wid is None:
        st.query_params.pop("w", None)
    else:
        st.query_params["w"] = str(wid)
    if go_to:
        st.session_state.go_to = go_to
        st.rerun()


def follow_go_to() -> None:
    """Called by the frame once the pages are registered: carry out a pending `open_workshop(go_to=)`."""
    target = st.session_state.pop("go_to", None)
    if target:
        try:
            st.switch_page(target)
        except StreamlitAPIException:
            pass  # not a page this session may open: it stays where it is


def load_card() -> Scorecard:
    wid = workshop_id()
    if wid is None:
        st.info("Open or create a workshop first.")
        st.page_link("pages/start.py", label="Go to the workshops", icon=":material/home:")
        st.stop()
    from pages import _room  # the facilitator's gate, also here in case a page is run directly

    if not _room.facilitator_may_enter(wid):
        _room.unlock_form(wid)
        st.stop()
    try:
        return scorecard.load(db(), wid)
    except WorkshopError:
        open_workshop(None)
        st.warning("That workshop no longer exists.")
        st.page_link("pages/start.py", label="Go to the workshops", icon=":material/home:")
        st.stop()


def attempt(action: Callable, success: str | None = None, *, rerun: bool = True, clear: str = ""):
    """Run one user action; a domain error becomes a message and nothing else changes (what was
    typed stays in the form). On success the widgets whose keys start with `clear` are emptied."""
    try:
        result = action()
    except WorkshopError as error:
        st.error(escape_md(str(error)), icon=":material/warning:")
        return None
    if clear:
        st.session_state.pending_clear = clear
    if success:
        st.toast(success, icon=":material/check_circle:")
    if rerun:
        st.rerun()
    return result


def phase_header(card: Scorecard, phase: Phase) -> None:
    """Title, where the workshop stands, and what is missing before the next phase."""
    w = card.workshop
    workshop_caption(w)
    st.title(f"{int(phase)} · {PHASE_TITLES[phase]}")
    _stepper(card.phase, phase)
    if st.session_state.get("phase-arrived") == int(phase):
        del st.session_state["phase-arrived"]
        st.success(
            f"Phase {int(phase) - 1} is complete: the workshop has moved on to phase {int(phase)}, {PHASE_TITLES[phase].lower()}.",
            icon=":material/check_circle:",
        )
    todo = phases.missing(card, phase)
    if todo:
        what = "the plan is complete" if phase == Phase.PLAN else "the next phase"
        with st.expander(f"Still missing before {what} ({len(todo)})", expanded=phase == card.phase):
            for item in todo:
                st.markdown(f"- {escape_md(item)}")
    elif phase == card.phase and phase < Phase.PLAN:
        st.success("This phase is complete.", icon=":material/check_circle:")
        if st.button(f"Move on to phase {int(phase) + 1}: {Phase(phase + 1).title}", type="primary", key="phase-move-on"):
            reached = attempt(lambda: phases.advance(db(), card.workshop["id"]), rerun=False)
            if reached is not None:
                st.session_state["phase-arrived"] = int(reached)
                st.switch_page(PHASE_PAGES[reached])
    if phase < card.phase:
        st.caption(":material/check_circle: This phase is done; you can still edit it.")
    show_findings(checks.run(card), phase, expanded=False, acknowledge=f"phase{int(phase)}")


def workshop_caption(w: dict) -> None:
    """The organisation and unit above a page's title, as typed (never as markdown)."""
    st.caption(escape_md(f"{w['organisation']} · {w['unit']}"))


def _stepper(reached: Phase, shown: Phase) -> None:
    """The five phases in a row: done, reached, the one on screen, still ahead."""
    for p, column in zip(Phase, st.columns(len(Phase))):
        icon = (
            ":material/check_circle:" if p < reached else ":material/radio_button_checked:" if p == reached else ":material/radio_button_unchecked:"
        )
        label = f"**{p.value} · {p.title}**" if p == shown else f"{p.value} · {p.title}"
        column.caption(f"{icon} {label}")


_LINE_END = re.compile(r"(?<=[^\n])\n")
_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|~$&"


def escape_md(text: str) -> str:
    """User text shown through markdown is escaped so that it reads as typed.

    Backslashes cover markdown; a zero-width space after each colon stops Streamlit's own
    shortcodes (`:smile:`, `:red[…]`, `:material/…:`) and autolinks (`http://`); `&` is escaped so
    that a typed `&lt;` stays `&lt;`; a line break stays a line break."""
    escaped = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))
    escaped = escaped.replace(":", ":\u200b").replace("\r\n", "\n")
    return _LINE_END.sub("  \n", escaped)  # a hard break; blank lines stay blank (paragraphs)


def number_text(value) -> str:
    """A stored number as the facilitator typed it: exact, no exponent, no rounding."""
    if value is None or value == "":
        return ""
    return format(value, "f").rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def quantity_text(value, unit: str) -> str:
    """A measure's value with its unit as people write it: 20%, 1200000 EUR, 42 days; "—" if unset."""
    if value is None:
        return "—"
    unit = (unit or "").strip()
    return number_text(value) + ("%" if unit == "%" else f" {unit}" if unit else "")


def options(rows: list[dict], label_key: str = "title") -> dict[int, str]:
    return {r["id"]: r[label_key] for r in rows}


# --- method checks ----------------------------------------------------------------------

_SEVERITY_WORDS = {"error": ("error",), "warning": ("warning",), "advice": ("piece of advice", "pieces of advice")}
_SEVERITY_ICON = {"error": ":material/error:", "warning": ":material/warning:", "advice": ":material/lightbulb:"}


def show_findings(
    findings: list, where: Phase | int | None = None, *, expanded: bool | None = None, title: str = "Method checks", acknowledge: str | None = None
) -> None:
    """The method checks' open findings, explained: for one phase (`where`), or all when `where` is None.

    Call it as `show_findings(checks.run(card), Phase.MEASURES)`. Errors are what the method
    requires; warnings and advice only advise (the phase gate blocks nothing here). With
    `acknowledge` (a key prefix unique on the page), each warning and advice offers to acknowledge it.
    """
    shown = findings if where is None else checks.for_phase(findings, where)
    counts = checks.summary(shown)
    if not shown:
        st.caption(f":material/check_circle: {title}: nothing to fix" + (" in this phase." if where is not None else "."))
        return
    label = f"{title}: " + ", ".join(plural(n, *_SEVERITY_WORDS[s]) for s, n in counts.items() if n)
    with st.expander(
        label,
        expanded=counts["error"] > 0 if expanded is None else expanded,
        icon=_SEVERITY_ICON["error" if counts["error"] else "warning" if counts["warning"] else "advice"],
    ):
        for finding in shown:
            show_finding(finding, acknowledge=acknowledge)


def show_finding(finding, *, acknowledge: str | None = None) -> None:
    """One finding: what is wrong, the items at fault, the rule, its source, and how to fix it; with
    `acknowledge` (a key prefix), a warning or advice can be acknowledged with a reason."""
    c = finding.check
    box = st.container(border=True)
    box.markdown(f"{_SEVERITY_ICON[c.severity]} **{escape_md(c.title)}** · {c.severity} · `{c.id}`  \n{escape_md(finding.message)}")
    if finding.items:
        box.markdown(
            "\n".join(f"- {escape_md(i.label)}" for i in finding.items[:25])
            + (f"\n- … and {len(finding.items) - 25} more" if len(finding.items) > 25 else "")
        )
    box.markdown(f"**Rule.** {escape_md(c.rule)}  \n**How to fix.** {escape_md(c.fix)}")
    box.caption(f"Source: {escape_md(c.source)}")
    if finding.lapsed:
        box.caption(
            f":material/history: Acknowledged earlier (“{escape_md(finding.lapsed['reason'])}”); that lapsed because the items at fault changed."
        )
    if acknowledge and finding.can_be_acknowledged:
        _acknowledge_form(box, finding, f"ack-{acknowledge}-{c.id}")


def _acknowledge_form(box, finding, key: str) -> None:
    """A reason, then the finding is silenced here and listed with the reason in the report."""
    with box.popover("Acknowledge…", icon=":material/done:"), st.form(key):
        reason = st.text_area(
            "Why this is accepted",
            max_chars=acknowledgements.REASON_MAX,
            key=f"{key}-reason",
            placeholder="e.g. A deliberately small illustrative map.",
            height=80,
        )
        st.caption("The finding will no longer show in the app; the report lists it with your reason. If the items at fault change, it shows again.")
        if st.form_submit_button("Acknowledge", type="primary"):
            wid = workshop_id()
            attempt(
                lambda: acknowledgements.acknowledge(db(), wid, finding.id, reason, fingerprint=finding.fingerprint),
                "Finding acknowledged.",
                clear=f"{key}-",
            )


def show_acknowledged(findings: list, *, withdraw: str | None = None) -> None:
    """The acknowledged findings with their reasons; with `withdraw` (a key prefix), each can be taken back."""
    for finding in findings:
        a = finding.acknowledgement
        row = st.container(border=True)
        x, y = row.columns([5, 1], vertical_alignment="center")
        x.markdown(
            f"{_SEVERITY_ICON[finding.severity]} **{escape_md(finding.check.title)}** · "
            f"{finding.severity} · `{finding.id}`  \n{escape_md(finding.message)}"
        )
        x.caption(f"Acknowledged {escape_md(a['acknowledged_at'][:10])}: “{escape_md(a['reason'])}”")
        if withdraw and y.button("Withdraw", key=f"{withdraw}-{finding.id}"):
            wid = workshop_id()
            attempt(lambda f=finding: acknowledgements.withdraw(db(), wid, f.id), "Acknowledgement withdrawn.")
