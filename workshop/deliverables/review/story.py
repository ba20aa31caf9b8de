"""The review pack's story, shaped once from the review's record for the PDF and the deck alike: the
period and the next review, the objectives by status, the scorecard with each measure's plan and
actual over the periods, what is off target with its owner's comment, the hypotheses tested with the
numbers and the room's verdicts, the initiatives and their spend, the action log and, when rewards
are on, each incentive scheme's score.

Everything here is plain data (dicts of strings and numbers); the templates and the slides only lay it
out. Figures are written as entered: never rounded beyond what was typed, never with an exponent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from workshop.core import figures, rewards
from workshop.core.evidence import MIN_PERIODS
from workshop.core.model import Measure, Scorecard
from workshop.core.targets import NUMERIC_TYPES, target_text
from workshop.core.words import plural
from workshop.deliverables.record import ROLL_UP_RULE, LinkEvidence, PeriodRow, ReviewRecord, Track

STATUSES = ("off target", "watch", "on target", "no data")
STATUS_WORDS = {"on target": "On target", "watch": "Watch", "off target": "Off target", "no data": "No data"}
EVIDENCE_WORDS = {
    "supports": "The numbers support it",
    "contradicts": "The numbers contradict it",
    "unclear": "No clear relation yet",
    "too few periods": "Too few periods to tell",
    "no measures": "No measures at both ends",
}
TREND_PERIODS = 8  # the periods a measure's trend shows, the reviewed one last
MISSING_COMMENT = "No comment from the owner yet."
TO_BE_NAMED = "to be named"
DASH = "–"


def figure(value: float | None, unit: str = "", *, digits: int = 6) -> str:
    """A stored number as people read it, with its unit (core/figures: grouped, as many decimals as it
    has, never an exponent, money compact from a million); `digits` 0 for computed shares."""
    if value is None:
        return DASH
    shown = figures.quantity(round(value) if digits == 0 else value, unit, compact=True)
    return tight(shown)


def tight(text: str, limit: int = 18) -> str:
    """A short figure with its unit kept on one line (no-break spaces): "5,600 EUR k" never leaves
    its "k" alone on a line."""
    return text.replace(" ", "\u00a0") if len(text) <= limit else text


def planned(value: float | None, unit: str = "") -> str:
    """A plan phased by the tool (15.4375 from a straight line) reads to two decimals; one typed
    reads as typed (it has no more)."""
    return figure(value, unit, digits=2)


def money(value: float | None, currency: str) -> str:
    """An amount in the workshop's currency as the rest of the deliverables write it (€61,000, €175m)."""
    return DASH if value is None else tight(figures.quantity(value, currency, compact=True))


def long_date(day: str | dt.date | None) -> str:
    if not day:
        return ""
    value = dt.date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return f"{value.day} {value:%B %Y}"


def _variance(row: PeriodRow | None, measure: Measure) -> str:
    """The actual against the period's plan, as a share ("96% of plan"), for numeric targets."""
    if row is None or row.actual is None or not row.planned or measure.goal.type not in NUMERIC_TYPES:
        return ""
    return f"{figure(100 * row.actual / row.planned, digits=0)}% of plan"


def _actual(row: PeriodRow | None, unit: str) -> str:
    if row is None:
        return DASH
    if row.actual_text:
        return row.actual_text
    return figure(row.actual, unit)


def trend(track: Track, upto: int = TREND_PERIODS) -> list[dict]:
    """The measure's last periods (the reviewed one last): plan, actual and status of each."""
    rows = track.rows[-upto:]
    return [
        {"label": r.period.label(), "key": r.period.key, "planned": r.planned, "actual": r.actual, "status": r.status, "text": r.actual_text}
        for r in rows
    ]


def measure_line(rec: ReviewRecord, track: Track) -> dict:
    m = track.measure
    row = rec.row(track)
    status = row.status if row else "no data"
    return {
        "id": m.id,
        "name": m.name,
        "objective": rec.card.objective(m.objective_id).title,
        "objective_id": m.objective_id,
        "owner": m.owner or TO_BE_NAMED,
        "named": bool(m.owner),
        "unit": m.unit,
        "frequency": m.frequency,
        "period": row.period.label() if row else rec.period.label(),
        "target": tight(target_text(m.goal, m.unit)) or "to be set",
        "planned": planned(row.planned if row else None, m.unit),
        "actual": _actual(row, m.unit),
        "variance": _variance(row, m),
        "status": status,
        "status_words": STATUS_WORDS[status],
        "comment": row.comment if row else "",
        "needs_comment": status == "off target" and not (row and row.comment.strip()),
        "trend": trend(Track(m, track.rows[: track.rows.index(row) + 1] if row else track.rows, track.locked)),
    }


def _by_status(items: Iterable[str]) -> dict[str, int]:
    found = dict.fromkeys(STATUSES, 0)
    for s in items:
        found[s] = found.get(s, 0) + 1
    return found


def scorecard(rec: ReviewRecord, lines: dict[int, dict]) -> list[dict]:
    """Perspectives in the map's order, each agreed objective with its status and its measures."""
    card = rec.card
    out = []
    for p in sorted(card.perspectives, key=lambda p: p.position):
        objectives = [
            {
                "id": o.id,
                "title": o.title,
                "owner": o.owner or TO_BE_NAMED,
                "named": bool(o.owner),
                "status": rec.statuses.get(o.id, "no data"),
                "status_words": STATUS_WORDS[rec.statuses.get(o.id, "no data")],
                "measures": [lines[m.id] for m in card.measures_of(o.id) if m.id in lines],
                "unreported": [m.name for m in card.measures_of(o.id) if m.id not in lines],
            }
            for o in card.objectives_in(p.id, statuses=("agreed",))
        ]
        out.append({"name": p.name, "objectives": objectives})
    return out


def attention(lines: Iterable[dict]) -> list[dict]:
    """Off target first, then watch, each in the scorecard's order: what the meeting talks about."""
    order = {"off target": 0, "watch": 1}
    return sorted((line for line in lines if line["status"] in order), key=lambda line: order[line["status"]])


def _room_verdict(rec: ReviewRecord, link_id: int) -> dict | None:
    """The room's latest verdict on the link up to this period, with the evidence it saw."""
    found = next((v for v in rec.verdicts if v["link_id"] == link_id), None)
    if found is None:
        return None
    this = rec.review is not None and found["review_id"] == rec.review["id"]
    span = f"{long_date(found['starts'])} – {long_date(found['ends'])}"
    return {"verdict": found["verdict"], "evidence": found["evidence"], "when": "in this review" if this else f"in the review of {span}"}


def hypotheses(rec: ReviewRecord) -> list[dict]:
    """Every causal link: what the numbers say (the headline pair of measures), and the room's verdict.
    Links the numbers contradict come first, then those with a verdict, then the rest."""
    card = rec.card
    titles = {o.id: o.title for o in card.objectives}
    order = {"contradicts": 0, "unclear": 1, "supports": 2, "too few periods": 3, "no measures": 4}
    out = []
    for link in card.links:
        evidence: LinkEvidence | None = rec.evidence.get(link.id)
        head = evidence.headline if evidence else None
        verdict = evidence.verdict if evidence else "no measures"
        sentence = head[2].words() if head else "No numeric measure at one end of this link yet."
        if sentence.startswith(EVIDENCE_WORDS[verdict]):  # "Too few periods to tell: 4 of the 6 needed." says it once
            sentence = sentence[len(EVIDENCE_WORDS[verdict]) :].lstrip(":. ")
            sentence = sentence[:1].upper() + sentence[1:]
        out.append(
            {
                "id": link.id,
                "cause": titles.get(link.cause_id, "?"),
                "effect": titles.get(link.effect_id, "?"),
                "hypothesis": link.hypothesis,
                "evidence": verdict,
                "evidence_words": EVIDENCE_WORDS[verdict],
                "sentence": sentence,
                "pattern": head[2].pattern if head else "",
                "pair": f"{head[0].name} → {head[1].name}" if head else "",
                "room": _room_verdict(rec, link.id),
            }
        )
    out.sort(key=lambda h: (order[str(h["evidence"])], h["room"] is None))
    return out


def _spend_rows(rec: ReviewRecord, initiative_id: int, currency: str) -> list[dict]:
    rows = [p for p in rec.spend.get(initiative_id, {}).get("periods", []) if p["starts"] <= rec.period.ends.isoformat()]
    return [
        {
            "period": f"{dt.date.fromisoformat(p['starts']):%b %Y}",
            "planned": money(p["planned_spend"], currency),
            "spend": money(p["spend"], currency),
            "over": p["spend"] is not None and p["planned_spend"] is not None and p["spend"] > p["planned_spend"],
            "comment": p["comment"],
        }
        for p in rows
    ]


def _milestone(initiative, ends: dt.date) -> str:
    if initiative.status == "done":
        return "Done"
    if initiative.status == "cancelled":
        return "Cancelled"
    if initiative.deadline and dt.date.fromisoformat(initiative.deadline) < ends:
        return f"Past its deadline ({long_date(initiative.deadline)})"
    if initiative.start_date and dt.date.fromisoformat(initiative.start_date) > ends:
        return f"Starts {long_date(initiative.start_date)}"
    return f"Due {long_date(initiative.deadline)}" if initiative.deadline else "No deadline set"


def initiatives(rec: ReviewRecord) -> list[dict]:
    """Each initiative: status, milestones, budget, spend to date and spend per period against its plan."""
    card, currency = rec.card, rec.card.workshop.get("currency") or ""
    out = []
    for i in card.initiatives:
        spend = rec.spend.get(i.id, {})
        rows = _spend_rows(rec, i.id, currency)
        spent = spend.get("spend_to_date")
        if spent is None and rows:
            spent = sum(p["spend"] or 0 for p in spend["periods"] if p["starts"] <= rec.period.ends.isoformat())
        share = f"{figure(100 * spent / i.budget, digits=0)}% of budget" if spent is not None and i.budget else ""
        out.append(
            {
                "name": i.name,
                "owner": i.owner or TO_BE_NAMED,
                "named": bool(i.owner),
                "status": i.status,
                "start": long_date(i.start_date) or DASH,
                "deadline": long_date(i.deadline) or DASH,
                "milestone": _milestone(i, rec.period.ends),
                "budget": money(i.budget, currency),
                "spent": money(spent, currency),
                "share": share,
                "over": spent is not None and i.budget is not None and spent > i.budget,
                "periods": rows,
                "objectives": [card.objective(o).title for o in i.objective_ids if any(x.id == o for x in card.objectives)],
            }
        )
    return out


def _subject(card: Scorecard, action: dict) -> str:
    if action.get("objective_id"):
        return next((f"Objective: {o.title}" for o in card.objectives if o.id == action["objective_id"]), "")
    if action.get("measure_id"):
        return next((f"Measure: {m.name}" for m in card.measures if m.id == action["measure_id"]), "")
    if action.get("initiative_id"):
        return next((f"Initiative: {i.name}" for i in card.initiatives if i.id == action["initiative_id"]), "")
    return ""


def actions(rec: ReviewRecord) -> list[dict]:
    """The action log as the record holds it (open first, oldest due first), carried-over ones marked."""
    ends = rec.period.ends.isoformat()
    out = []
    for a in rec.actions:
        if a["raised_starts"] > ends:
            continue
        out.append(
            {
                "what": a["what"],
                "owner": a["owner"] or TO_BE_NAMED,
                "named": bool(a["owner"]),
                "due": long_date(a["due"]) or DASH,
                "overdue": a["status"] == "open" and bool(a["due"]) and a["due"] < rec.today.isoformat(),
                "status": a["status"],
                "carried": a["id"] in rec.carried,
                "raised": f"{dt.date.fromisoformat(a['raised_starts']):%b %Y}–{dt.date.fromisoformat(a['raised_ends']):%b %Y}",
                "subject": _subject(rec.card, a),
                "outcome": a["outcome"],
            }
        )
    return out


def _scheme_score(rec: ReviewRecord, scheme: dict, keys: dict[int, PeriodRow | None]) -> rewards.Score:
    card = rec.card
    objective_weights = {w["objective_id"]: w["weight"] for w in scheme["weights"] if w["objective_id"]}
    measure_weights = {w["measure_id"]: w["weight"] for w in scheme["weights"] if w["measure_id"]}
    goals = {t.measure.id: t.measure for t in rec.tracks}
    achieved = {
        mid: rewards.achievement(goals[mid].goal, row.planned, row.actual, row.actual_text, cap=scheme["cap"])
        for mid, row in keys.items()
        if row is not None and mid in goals
    }
    having = {o: [m.id for m in card.measures_of(o) if achieved.get(m.id) is not None] for o in objective_weights}
    weights = rewards.spread(objective_weights, measure_weights, having)
    return rewards.score(weights, achieved)


def reward_scores(rec: ReviewRecord) -> list[dict]:
    """Each incentive scheme's score in the period (weighted achievement, capped per measure)."""
    if not rec.rewards:
        return []
    rows = {t.measure.id: rec.row(t) for t in rec.tracks}
    names = {m.id: m.name for m in rec.card.measures}
    out = []
    for scheme in rec.schemes:
        result = _scheme_score(rec, scheme, rows)
        out.append(
            {
                "name": scheme["name"],
                "cap": f"{figure(100 * scheme['cap'], digits=0)}%",
                "score": DASH if result.score is None else f"{figure(100 * result.score, digits=1)}%",
                "covered": f"{figure(100 * result.covered, digits=0)}%",
                "parts": [
                    {"measure": names.get(mid, "?"), "weight": f"{figure(weight, digits=1)}%", "achievement": f"{figure(100 * a, digits=0)}%"}
                    for mid, weight, a in result.parts
                ],
            }
        )
    return out


def cover(rec: ReviewRecord) -> dict:
    review = rec.review
    following = review.get("next_review") if review else None
    return {
        "period": rec.period.label(),
        "span": f"{long_date(rec.period.starts)} – {long_date(rec.period.ends)}",
        "review": f"{review['kind'].capitalize()} review · {'closed ' + long_date(review['closed_at']) if review['status'] == 'closed' else 'open'}"
        if review
        else "No review meeting recorded for this period yet",
        "next_review": long_date(following) if following else "Not set yet",
        "prepared": long_date(rec.today),
        "notes": review["notes"] if review else "",
    }


def context(rec: ReviewRecord) -> dict:
    """The whole story, for the PDF's templates and the deck's slides."""
    lines = {t.measure.id: measure_line(rec, t) for t in rec.tracks if t.measure.objective_id in rec.statuses}
    objective_counts = _by_status(rec.statuses.values())
    measure_counts = _by_status(line["status"] for line in lines.values())
    tested = hypotheses(rec)
    return {
        "w": rec.card.workshop,
        "cover": cover(rec),
        "period": rec.period.label(),
        "objective_counts": objective_counts,
        "measure_counts": measure_counts,
        "headline": headline(objective_counts, measure_counts, tested),
        "perspectives": scorecard(rec, lines),
        "attention": attention(lines.values()),
        "missing_comments": sum(1 for line in lines.values() if line["needs_comment"]),
        "hypotheses": tested,
        "min_periods": MIN_PERIODS,
        "initiatives": initiatives(rec),
        "actions": actions(rec),
        "rewards": reward_scores(rec),
        "rewards_on": rec.rewards,
        "unlocks": [
            {"span": f"{long_date(u['starts'])} – {long_date(u['ends'])}", "reason": u["reason"], "when": long_date(u["unlocked_at"])}
            for u in rec.unlocks
        ],
        "reviews": [
            {
                "span": f"{long_date(r['starts'])} – {long_date(r['ends'])}",
                "kind": r["kind"],
                "status": r["status"],
                "next": long_date(r["next_review"]) or DASH,
            }
            for r in rec.reviews
        ],
        "roll_up_rule": ROLL_UP_RULE,
        "status_words": STATUS_WORDS,
    }


def headline(objectives: dict[str, int], measures: dict[str, int], tested: list[dict]) -> list[str]:
    """The summary in three sentences: where the objectives stand, the measures, the hypotheses."""
    total = sum(objectives.values())
    said = [
        f"{plural(total, 'objective')}: {objectives['on target']} on target, {objectives['watch']} to watch, "
        f"{objectives['off target']} off target" + (f", {objectives['no data']} without figures for the period." if objectives["no data"] else "."),
        f"{plural(sum(measures.values()), 'measure')} reported: {measures['on target']} on target, {measures['watch']} to watch, "
        f"{measures['off target']} off target" + (f", {measures['no data']} without a figure." if measures["no data"] else "."),
    ]
    evidence = {k: sum(1 for h in tested if h["evidence"] == k) for k in EVIDENCE_WORDS}
    said.append(
        f"{plural(len(tested), 'hypothesis', 'hypotheses')} tested with the numbers: {evidence['supports']} supported, "
        f"{evidence['contradicts']} contradicted, {evidence['unclear']} unclear, {evidence['too few periods']} with too few periods to tell."
    )
    return said
