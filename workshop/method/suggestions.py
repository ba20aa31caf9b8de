"""One or two measures suggested for an objective, from the words of its title and its perspective.

Suggestions are starting points for the sub-team (phase 4): each comes with a lead/lag kind, a
direction and a unit, and the team still sets the data source, baseline, target and thresholds.
"""

from __future__ import annotations

import re

from workshop.core.model import Scorecard

# (words that trigger it, name, unit, kind, direction, frequency, definition)
_LIBRARY = [
    (
        ("revenue", "sales", "income", "turnover"),
        "Revenue growth, year on year",
        "%",
        "lag",
        "higher",
        "quarterly",
        "Revenue this period against the same period last year.",
    ),
    (("margin", "profit", "profitab"), "Operating margin", "%", "lag", "higher", "monthly", "Operating profit as a share of revenue."),
    (
        ("cost", "efficien", "spend", "budget", "waste"),
        "Cost per unit of service",
        "currency",
        "lag",
        "lower",
        "monthly",
        "Total cost divided by the units delivered.",
    ),
    (
        ("capital", "roce", "asset", "return"),
        "Return on capital employed",
        "%",
        "lag",
        "higher",
        "annually",
        "Operating profit divided by capital employed.",
    ),
    (
        ("donat", "donor", "fundrais", "grant", "funding"),
        "Funds raised",
        "currency",
        "lag",
        "higher",
        "quarterly",
        "Income received from donors and funders in the period.",
    ),
    (
        ("satisf", "patient experience", "customer experience", "client experience", "happ"),
        "Customer satisfaction score",
        "%",
        "lag",
        "higher",
        "quarterly",
        "Share of surveyed customers rating the service good or better.",
    ),
    (
        ("loyal", "retain", "retention", "renew", "churn", "repeat"),
        "Retention rate",
        "%",
        "lag",
        "higher",
        "quarterly",
        "Share of customers at the start of the period still served at its end.",
    ),
    (
        ("market share", "market", "win", "new client", "new customer", "account"),
        "New accounts won",
        "count",
        "lag",
        "higher",
        "quarterly",
        "Customers signed in the period who did not buy before.",
    ),
    (
        ("complain",),
        "Complaints per 1,000 transactions",
        "count",
        "lag",
        "lower",
        "monthly",
        "Formal complaints received, per thousand orders or cases.",
    ),
    (
        ("wait", "time", "faster", "speed", "shorten", "delay", "on-time", "delivery"),
        "Average cycle time",
        "days",
        "lead",
        "lower",
        "monthly",
        "Average elapsed time from request to completion.",
    ),
    (
        ("quality", "defect", "error", "rework", "scrap", "first time", "right first"),
        "First-time-right rate",
        "%",
        "lead",
        "higher",
        "monthly",
        "Share of work delivered without rework or correction.",
    ),
    (
        ("safety", "safe", "harm", "incident", "accident", "infection"),
        "Incidents per 1,000 cases",
        "count",
        "lag",
        "lower",
        "monthly",
        "Recorded incidents, per thousand cases or hours worked.",
    ),
    (
        ("automat", "digit", "system", "data", "database", "record", "monitor", "technolog"),
        "Processes running on the new system",
        "%",
        "lead",
        "higher",
        "quarterly",
        "Share of the targeted processes live on the system.",
    ),
    (
        ("innovat", "new product", "launch", "develop"),
        "New offerings launched",
        "count",
        "lead",
        "higher",
        "annually",
        "Products or services released to customers in the period.",
    ),
    (
        ("partner", "supplier", "alliance"),
        "Active partnerships",
        "count",
        "lead",
        "higher",
        "quarterly",
        "Partners with a signed agreement and activity in the period.",
    ),
    (
        ("train", "skill", "certif", "learn", "capabilit", "competenc"),
        "Staff trained to the target level",
        "%",
        "lead",
        "higher",
        "quarterly",
        "Share of the target group certified or trained as planned.",
    ),
    (
        ("engage", "culture", "morale", "speak"),
        "Employee engagement score",
        "%",
        "lead",
        "higher",
        "annually",
        "Share of staff answering favourably in the engagement survey.",
    ),
    (
        ("recruit", "vacanc", "hire", "attrition", "volunteer", "staff", "people", "nurse", "engineer"),
        "Staff retention rate",
        "%",
        "lead",
        "higher",
        "quarterly",
        "Share of staff (or volunteers) at the start of the year still with us at its end.",
    ),
    (
        ("knowledge", "reuse", "know-how"),
        "Knowledge articles reused",
        "count",
        "lead",
        "higher",
        "monthly",
        "Times a documented solution was reused in the period.",
    ),
    (
        ("reach", "number", "access", "enrol", "expand", "grow"),
        "People served",
        "count",
        "lag",
        "higher",
        "quarterly",
        "Distinct people or clients served in the period.",
    ),
]

# What to suggest when few words match: the perspective's typical outcome and driver.
_MILESTONES = (
    "Improvement milestones met on time",
    "%",
    "lead",
    "higher",
    "monthly",
    "Share of the planned improvement milestones reached by their date.",
)
_FALLBACK = {
    "financial": [
        ("Operating margin", "%", "lag", "higher", "monthly", "Operating profit as a share of revenue."),
        ("Cost per unit of service", "currency", "lag", "lower", "monthly", "Total cost divided by the units delivered."),
    ],
    "customer": [
        ("Customer satisfaction score", "%", "lag", "higher", "quarterly", "Share of surveyed customers rating the service good or better."),
        ("Retention rate", "%", "lag", "higher", "quarterly", "Share of customers at the start of the period still served at its end."),
    ],
    "internal": [_MILESTONES, ("First-time-right rate", "%", "lead", "higher", "monthly", "Share of work delivered without rework or correction.")],
    "learning": [
        ("Staff trained to the target level", "%", "lead", "higher", "quarterly", "Share of the target group certified or trained as planned."),
        _MILESTONES,
    ],
}
# Lead measures suit the lower perspectives, lag (outcome) measures the upper ones.
_TYPICAL_KIND = {"financial": "lag", "customer": "lag", "internal": "lead", "learning": "lead"}

_KEYS = ("name", "unit", "kind", "direction", "frequency", "definition")
# Amounts counted over a period, whose periods add up to the year; every other suggestion is a level
# (a rate, a score, a share, a cost per unit), averaged over the year when read monthly or quarterly.
_FLOWS = {"Funds raised", "New accounts won", "New offerings launched", "Knowledge articles reused", "People served"}


def _with_nature(s: dict) -> dict:
    """The suggestion with level or flow and how its periods make up the year, as the team would set them."""
    flow = s["name"] in _FLOWS
    return {**s, "nature": "flow" if flow else "level", "year_rule": "sum" if flow else "average" if s["frequency"] != "annually" else "last"}


def _matches(title: str, words: tuple[str, ...]) -> int:
    text = " " + re.sub(r"[^a-z0-9%-]+", " ", title.lower()) + " "
    return sum(1 for w in words if (" " + w) in text)


def suggest_measures(card: Scorecard, objective_id: int, *, limit: int = 2) -> list[dict]:
    """Up to `limit` measures for one objective, best match first, none it already has."""
    objective = card.objective(objective_id)
    key = card.perspective(objective.perspective_id).key
    taken = {m.name.casefold() for m in card.measures_of(objective_id)}
    scored = []
    for rank, (words, *fields) in enumerate(_LIBRARY):
        score: float = _matches(objective.title + " " + objective.description, words)
        if score:
            score += 0.5 if fields[2] == _TYPICAL_KIND[key] else 0.0
            scored.append((-score, rank, dict(zip(_KEYS, fields))))
    found = [s for _, _, s in sorted(scored, key=lambda x: x[:2])]
    found += [dict(zip(_KEYS, f)) for f in _FALLBACK[key]]
    currency = card.workshop.get("currency") or "EUR"
    result: list[dict] = []
    for s in found:
        if s["name"].casefold() in taken or any(r["name"] == s["name"] for r in result):
            continue
        if s["unit"] == "currency":
            s = {**s, "unit": currency}
        result.append(_with_nature(s))
        if len(result) == limit:
            break
    return result
