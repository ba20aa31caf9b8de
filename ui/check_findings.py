"""The method checks' findings on a page: each explained (rule, source, how to fix), with the choice
to acknowledge a warning or advice with a reason, or to withdraw that acknowledgement."""

from __future__ import annotations

import streamlit as st

from ui.display import escape_md
from ui.frame import attempt, db, required_workshop_id
from workshop import checks
from workshop.core.model import Phase
from workshop.core.words import plural
from workshop.method import acknowledgements

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
            wid = required_workshop_id()
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
            wid = required_workshop_id()
            attempt(lambda f=finding: acknowledgements.withdraw(db(), wid, f.id), "Acknowledgement withdrawn.")
