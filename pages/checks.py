"""Method checks: every finding on this scorecard, explained in the method's own terms."""

import streamlit as st

from ui import check_findings, header, session
from workshop import checks
from workshop.core.model import PHASE_TITLES, Phase

card = session.load_card()
w = card.workshop
header.workshop_caption(w)
st.title("Method checks")
st.caption(
    "Each check is a rule of the balanced-scorecard method, with where it comes from and how to "
    "fix what it finds. Errors are where the method is violated (the phase gates ask for them); "
    "warnings are real risks; advice is a rule of thumb. A warning or an advice the team accepts "
    "can be acknowledged with a reason: it leaves this list and the report shows it with the reason."
)

everything = checks.review(card)
findings = [f for f in everything if not f.acknowledged]
accepted = checks.acknowledged(everything)
counts = checks.summary(findings)
a, b, c, d, e = st.columns(5)
a.metric("Errors", counts["error"])
b.metric("Warnings", counts["warning"])
c.metric("Advice", counts["advice"])
d.metric("Acknowledged", len(accepted))
e.metric("Checks passed", f"{len(checks.all_checks()) - len(everything)} of {len(checks.all_checks())}")

severities = st.pills("Show", list(checks.SEVERITIES), selection_mode="multi", default=list(checks.SEVERITIES), key="checks-severity")
shown = [f for f in findings if f.severity in (severities or [])]
if not findings:
    st.success(
        "No method check finds anything to fix." if not accepted else "Nothing left to fix: what the checks still find has been acknowledged.",
        icon=":material/check_circle:",
    )
for phase in Phase:
    mine = checks.for_phase(shown, phase)
    if mine:
        st.subheader(f"{int(phase)} · {PHASE_TITLES[phase]}", anchor=False)
        for finding in mine:
            check_findings.show_finding(finding, acknowledge="all")

if accepted:
    st.subheader(f"Acknowledged ({len(accepted)})", anchor=False)
    st.caption(checks.ACKNOWLEDGEMENT_RULE)
    check_findings.show_acknowledged(accepted, withdraw="withdraw")

with st.expander(f"All {len(checks.all_checks())} checks"):
    st.caption(" ".join(f"**{s.capitalize()}**: {m}." for s, m in checks.SEVERITY_MEANING.items()) + " " + checks.ACKNOWLEDGEMENT_RULE)
    st.dataframe(
        [
            {"id": c.id, "severity": c.severity, "phase": int(c.phase), "check": c.title, "rule": c.rule, "source": c.source}
            for c in checks.all_checks()
        ],
        hide_index=True,
        width="stretch",
    )
