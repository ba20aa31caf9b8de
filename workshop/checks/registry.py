"""The method checks: each one a rule of the balanced-scorecard method, explained in its own terms.

A check is a pure function of a `Scorecard`. Each has an id, a severity, the rule it enforces,
where that rule comes from, and how to fix what it finds. Severities:

- error: the method requires it (the phase gates refuse to move on without it);
- warning: the scorecard will probably fail in use if it stays so;
- advice: a good habit the sources recommend.

The facilitator may acknowledge a warning or an advice with a reason ("a deliberately small
illustrative map"); errors cannot be acknowledged. An acknowledged finding is silenced in the app and
listed, with its reason, in the report; the acknowledgement lapses when the items at fault change
(see `fingerprint.py`).

`run(card)` returns the open findings (what the app shows); `review(card)` every finding, each with
its acknowledgement if it has one; `for_phase(findings, phase)` keeps those that matter in a phase.
The rules themselves are in `rules.py` and `measure_rules.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from workshop.checks.fingerprint import fingerprint
from workshop.core.model import Phase, Scorecard

SEVERITIES = ("error", "warning", "advice")
SEVERITY_MEANING = {
    "error": "the method is violated and the phase gate will not move on until it is fixed",
    "warning": "a real risk: the scorecard will probably fail in use if it stays so",
    "advice": "a rule of thumb from the sources; a good scorecard may have reasons to differ",
}
ACKNOWLEDGEABLE = ("warning", "advice")
ACKNOWLEDGEMENT_RULE = (
    "Warnings and advice can be acknowledged with a reason; errors cannot. An "
    "acknowledged finding is silenced in the app and listed with its reason in the "
    "report's findings. The acknowledgement lapses when the items at fault change "
    "(an objective it names is edited, one is added or fixed), and the finding shows again."
)

# Where the rules come from, cited by every check.
KN_1992 = "Kaplan & Norton, “The Balanced Scorecard: Measures That Drive Performance”, HBR 1992"
KN_1993 = "Kaplan & Norton, “Putting the Balanced Scorecard to Work”, HBR 1993 (the interview and workshop process)"
KN_1996 = "Kaplan & Norton, The Balanced Scorecard: Translating Strategy into Action, 1996"
KN_2004 = "Kaplan & Norton, Strategy Maps, 2004"
PRACTICE = "Practitioner guidance on scorecard design (rules of thumb used by scorecard vendors and consultants)"


@dataclass(frozen=True)
class Item:
    """One thing at fault: an objective, a measure, a link, an initiative, a theme, a perspective."""

    kind: str
    id: int | None
    label: str


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    phase: Phase  # where in the workshop the check matters
    title: str
    rule: str
    source: str
    fix: str
    test: Callable[[Scorecard], tuple[str, list[Item]] | None]


@dataclass(frozen=True)
class Finding:
    check: Check
    message: str
    items: tuple[Item, ...] = ()
    fingerprint: str = ""
    acknowledgement: dict | None = None  # the facilitator's acknowledgement: reason, acknowledged_at
    lapsed: dict | None = None  # an earlier acknowledgement that no longer matches what is at fault

    @property
    def acknowledged(self) -> bool:
        return self.acknowledgement is not None

    @property
    def can_be_acknowledged(self) -> bool:
        return self.check.severity in ACKNOWLEDGEABLE

    @property
    def id(self) -> str:
        return self.check.id

    @property
    def severity(self) -> str:
        return self.check.severity

    def concerns(self, kind: str, item_id: int) -> bool:
        return any(i.kind == kind and i.id == item_id for i in self.items)


CHECKS: list[Check] = []


def check(id: str, severity: str, phase: Phase, title: str, *, rule: str, source: str, fix: str):
    """Register a rule. The function returns None when the scorecard passes, else (message, items)."""
    assert severity in SEVERITIES, severity

    def register(test):
        assert all(c.id != id for c in CHECKS), f"duplicate check id {id}"
        CHECKS.append(Check(id, severity, Phase(phase), title, rule, source, fix, test))
        return test

    return register


def get(check_id: str) -> Check:
    return next(c for c in CHECKS if c.id == check_id)


_ORDER = {s: n for n, s in enumerate(SEVERITIES)}


def review(card: Scorecard, *, only: tuple[str, ...] | None = None) -> list[Finding]:
    """Every finding on this scorecard, acknowledged or not, errors first, then in the order the
    checks are listed. Each carries the acknowledgement that still matches it, if any."""
    acks = {a["check_id"]: a for a in card.acknowledgements}
    findings = []
    for c in CHECKS:
        if only is not None and c.id not in only:
            continue
        result = c.test(card)
        if result is not None:
            message, items = result
            finding = Finding(c, message, tuple(items), fingerprint(card, c.id, message, items))
            ack = acks.get(c.id)
            if ack is not None and c.severity in ACKNOWLEDGEABLE:
                matches = ack["fingerprint"] == finding.fingerprint
                finding = replace(finding, acknowledgement=ack if matches else None, lapsed=None if matches else ack)
            findings.append(finding)
    return sorted(findings, key=lambda f: _ORDER[f.severity])


def run(card: Scorecard, *, only: tuple[str, ...] | None = None) -> list[Finding]:
    """The open findings: every finding except those acknowledged (what the app shows)."""
    return [f for f in review(card, only=only) if not f.acknowledged]


def acknowledged(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.acknowledged]


def all_checks() -> list[Check]:
    return list(CHECKS)


def for_phase(findings: list[Finding], phase: Phase | int) -> list[Finding]:
    """The findings that belong to one phase of the workshop."""
    return [f for f in findings if f.check.phase == Phase(phase)]


def about(findings: list[Finding], kind: str, item_id: int) -> list[Finding]:
    """The findings that name one objective, measure, initiative …"""
    return [f for f in findings if f.concerns(kind, item_id)]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def summary(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


def describe(finding: Finding) -> str:
    """One finding as plain text (the command line and logs use it)."""
    lines = [f"[{finding.severity}] {finding.id}: {finding.message}"]
    if finding.acknowledged:
        lines[0] = f"[{finding.severity}, acknowledged] {finding.id}: {finding.message}"
        lines.append(f"    acknowledged: {(finding.acknowledgement or {}).get('reason', '')}")
    elif finding.lapsed:
        lines.append(f"    an acknowledgement lapsed (the items at fault changed): {finding.lapsed['reason']}")
    lines += [f"    - {i.label}" for i in finding.items]
    lines.append(f"    rule: {finding.check.rule}")
    lines.append(f"    source: {finding.check.source}")
    lines.append(f"    fix: {finding.check.fix}")
    return "\n".join(lines)
