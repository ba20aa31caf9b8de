"""The annual refresh: "Start next year" makes the next cycle's workshop from this one, linked to it.

What goes across: the organisation, its statements, perspectives and themes; the objectives not
dropped, as drafts again so the room re-agrees them with the same consensus tools; their causal links;
their measures with a baseline from this cycle's figures and a target proposed from the trend; the
initiatives not yet completed. What stays behind: interviews, rounds and ballots, comments, decisions,
periods and reviews (they are this cycle's record). Every objective and measure carried, changed or
dropped is listed with why (`cycle_change`), for the facilitator's page and the next report.

A target is proposed from the trend (the least-squares slope of the actuals, per period) carried one
year forward: when the trend beats the old target, the trend's figure is proposed; otherwise the old
target stays proposed, and the reason says where the trend would land. A milestone done becomes "to
be decided" (the next milestone is the room's to set); without actuals a target is carried as it was.
"""

from __future__ import annotations

import datetime as dt
import statistics

from sqlite_utils import Database

from workshop.core.clean import clean_text
from workshop.core.errors import Invalid
from workshop.core.periods import PER_YEAR, add_months
from workshop.db import period_reads, scorecard, store
from workshop.db.period_reads import Track
from workshop.deliverables.exchange import export
from workshop.starters import from_json

LEFT_BEHIND = (
    "interview",
    "objective_source",
    "participant",
    "comment",
    "decision",
    "voting_round",
    "round_item",
    "ballot",
    "ballot_event",
    "hand_tally",
    "hand_count",
    "finding_acknowledgement",
    "measure_period",
    "initiative_period",
    "period_unlock",
    "period_lock",
    "review",
    "review_action",
    "link_verdict",
    "measure_change",
    "incentive_scheme",
    "incentive_weight",
    "cycle_change",
)


def _figure(value: float) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _slope(values: list[float]) -> float:
    xs = list(range(len(values)))
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(values)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, values, strict=True)) / sum((x - mean_x) ** 2 for x in xs)


def propose(track: Track) -> tuple[dict, str]:
    """The measure's next-cycle baseline and target fields, and the reason in words."""
    measure, goal = track.measure, track.measure.goal
    actuals = [r.actual for r in track.rows if r.actual is not None]
    if goal.type == "milestone":
        done = any(r.actual_text == "done" for r in track.rows)
        if done:
            return {"target_type": "tbd", "target_level": "", "target_date": None}, "Milestone done this cycle: the next one is the room's to set."
        return {}, "Milestone not done yet: carried with its date."
    if goal.type not in ("at_least", "at_most") or len(actuals) < 2:
        return {}, "Target carried as it was" + ("" if actuals else " (no actuals this cycle)") + "."
    per_year = PER_YEAR.get(measure.frequency, 1)
    slope = _slope(actuals)
    if measure.nature == "flow":
        recent = actuals[-per_year:]
        baseline = sum(recent) * per_year / len(recent)
        trend = sum(actuals[-1] + slope * k for k in range(1, per_year + 1))
    else:
        baseline = actuals[-1]
        trend = actuals[-1] + slope * per_year
    old = goal.value if goal.value is not None else trend
    better = trend > old if goal.type == "at_least" else trend < old
    target = trend if better else old
    unit = f" {measure.unit}" if measure.unit else ""
    reason = (
        f"The trend reaches {_figure(trend)}{unit} in a year, beyond the target of {_figure(old)}{unit}: proposed as the new target."
        if better
        else f"The trend reaches {_figure(trend)}{unit} in a year, short of the target of {_figure(old)}{unit}: the target stays proposed."
    )
    return {"baseline": round(baseline, 6), "target": round(target, 6)}, reason


def _year_on(day: str | None) -> str | None:
    if not day:
        return None
    date = dt.date.fromisoformat(day)
    try:
        return date.replace(year=date.year + 1).isoformat()
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28).isoformat()


def start_next_cycle(db: Database, workshop_id: int, label: str, *, drop: dict[int, str] | None = None, today: dt.date | None = None) -> int:
    """The next cycle's workshop (see the module's docstring); `drop` maps objective ids the room
    retires to the reason. All or nothing. Returns the new workshop's id."""
    name = clean_text(label, "The cycle's name", required=True, max_len=40, multiline=False)
    dropping = {oid: clean_text(why, "The reason for dropping it", required=True, max_len=2000) for oid, why in (drop or {}).items()}
    card = scorecard.load(db, workshop_id)
    if card.workshop.get("cycle_label") and card.workshop["cycle_label"].casefold() == name.casefold():
        raise Invalid(f"This workshop is already the cycle “{name}”; name the next one.")
    unknown = set(dropping) - {o.id for o in card.objectives}
    if unknown:
        raise Invalid("Only this workshop's objectives can be dropped.")
    tracks = {t.measure.id: t for t in period_reads.tracks(db, card, today)}
    document = export.export_workshop(db, workshop_id)
    changes: list[dict] = []
    for table in LEFT_BEHIND:
        document[table] = []
    titles = {r["id"]: r["title"] for r in document["objective"]}
    kept_objectives = _objectives(document, card, dropping, changes)
    _measures(document, card, tracks, kept_objectives, titles, changes)
    _links_and_initiatives(document, kept_objectives, changes)
    workshop = document["workshop"]
    start = period_reads.reporting_start(card, today)
    workshop.update(cycle_label=name, phase=3, reporting_start=add_months(start, 12).isoformat(), uid=None)
    workshop.pop("rounds_seal", None)  # its rounds stay behind: the import seals the new cycle's (none)
    with store.write(db):
        new_id = from_json.import_workshop(db, document)
        store.update(db, "workshop", new_id, {"previous_cycle_id": workshop_id})
        _carried_from(db, card, new_id)
        for change in changes:
            store.insert(db, "cycle_change", {"workshop_id": new_id, **change})
    return new_id


def _objectives(document: dict, card, dropping: dict[int, str], changes: list[dict]) -> set[int]:
    """Keep the objectives not dropped, as drafts; return their ids in the document."""
    by_title = {o.title: o for o in card.objectives}
    kept, rows = set(), []
    for row in document["objective"]:
        objective = by_title[row["title"]]
        if objective.status == "dropped" or objective.id in dropping:
            why = dropping.get(objective.id) or "Dropped by the room in this cycle."
            changes.append({"kind": "objective", "subject": objective.title, "change": "dropped", "reason": why})
            continue
        row["status"], row["proposed_by_participant_id"] = "draft", None
        kept.add(row["id"])
        rows.append(row)
        changes.append({"kind": "objective", "subject": objective.title, "change": "carried", "detail": "A draft again, for the room to re-agree."})
    document["objective"] = rows
    document["objective_theme"] = [r for r in document["objective_theme"] if r["objective_id"] in kept]
    return kept


def _measures(document: dict, card, tracks: dict[int, Track], kept: set[int], titles: dict[int, str], changes: list[dict]) -> None:
    by_key = {(card.objective(m.objective_id).title, m.name): m for m in card.measures}
    rows = []
    for row in document["measure"]:
        measure = by_key.get((titles.get(row["objective_id"], ""), row["name"]))
        if row["objective_id"] not in kept or measure is None:
            continue
        track = tracks.get(measure.id)
        fields, reason = propose(track) if track else ({}, "Target carried as it was (its frequency is not stated, so it has no periods).")
        row.update(fields, target_date=fields.get("target_date", _year_on(row.get("target_date"))))
        if row.get("target_type") == "tbd":
            row.update(target=None, target_low=None, target_high=None)
        changes.append(
            {
                "kind": "measure",
                "subject": f"{measure.name} ({card.objective(measure.objective_id).title})",
                "change": "changed" if fields else "carried",
                "reason": reason,
            }
        )
        rows.append(row)
    document["measure"] = rows


def _links_and_initiatives(document: dict, kept: set[int], changes: list[dict]) -> None:
    document["causal_link"] = [r for r in document["causal_link"] if r["cause_id"] in kept and r["effect_id"] in kept]
    live = [r for r in document["initiative"] if r.get("status") not in ("done", "cancelled")]
    for row in document["initiative"]:
        if row not in live:
            changes.append(
                {"kind": "initiative", "subject": row["name"], "change": "dropped", "reason": f"{row['status'].capitalize()} in this cycle."}
            )
    live_ids = {r["id"] for r in live}
    document["initiative"] = live
    document["initiative_objective"] = [r for r in document["initiative_objective"] if r["initiative_id"] in live_ids and r["objective_id"] in kept]


def _carried_from(db: Database, card, new_id: int) -> None:
    """Each carried objective and measure names the one it came from (matched by title and name)."""
    old = {o.title.casefold(): o.id for o in card.objectives}
    old_measures = {(card.objective(m.objective_id).title.casefold(), m.name.casefold()): m.id for m in card.measures}
    fresh = scorecard.load(db, new_id)
    for o in fresh.objectives:
        store.update(db, "objective", o.id, {"carried_from": old.get(o.title.casefold())})
    for m in fresh.measures:
        key = (fresh.objective(m.objective_id).title.casefold(), m.name.casefold())
        store.update(db, "measure", m.id, {"carried_from": old_measures.get(key)})


def cycle_changes(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM cycle_change WHERE workshop_id = ? ORDER BY id", [workshop_id])
