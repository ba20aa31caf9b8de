"""The rules on measures (phase 4) and on the implementation plan (phase 5); see `checks.py`."""

from __future__ import annotations

from workshop.checks import perspective_words
from workshop.checks.registry import KN_1992, KN_1993, KN_1996, KN_2004, PRACTICE, Item, check
from workshop.checks.rules import _found, _live, _measure, _measures, _objective, _plural
from workshop.checks.wording import reads_as_task
from workshop.core.model import DEFAULT_PERSPECTIVE_NAMES, Measure, Phase, Scorecard
from workshop.core.target_words import has_target
from workshop.core.words import agree

M = Phase.MEASURES
P = Phase.PLAN


# --- phase 4: measures ------------------------------------------------------------------------


@check(
    "objective-no-measure",
    "error",
    M,
    "Every objective has a measure",
    rule="An objective nobody measures cannot be managed: each agreed objective gets one or two measures.",
    source=KN_1996 + "; objectives with no measure are a classic structural defect",
    fix="On the Measure selection page, give each objective listed one measure (two at most).",
)
def objective_no_measure(card: Scorecard):
    bare = [_objective(o) for o in _live(card) if not card.measures_of(o.id)]
    return _found(f"{_plural(len(bare), 'objective')} without any measure.", bare)


@check(
    "measures-per-objective",
    "advice",
    M,
    "At most two measures per objective",
    rule="The “rule of 2”: one or two measures per objective; more dilutes attention and hides what really shows progress.",
    source=PRACTICE + " (the rule of 2)",
    fix="Keep the one or two measures that would change a decision; move the rest to operational reports.",
)
def measures_per_objective(card: Scorecard):
    heavy = [Item("objective", o.id, f"{o.title}: {len(card.measures_of(o.id))} measures") for o in _live(card) if len(card.measures_of(o.id)) > 2]
    return _found(f"{_plural(len(heavy), 'objective')} with more than two measures.", heavy)


@check(
    "measures-total",
    "advice",
    M,
    "Fewer than 20 measures in all",
    rule="A scorecard is a few strategic measures: fewer than 20 in all does better than 30 or more.",
    source=PRACTICE + " (organisations tracking fewer than 20 measures do better than those with 30+)",
    fix="Prune the measures that no decision depends on, keeping at most one or two per objective.",
)
def measures_total(card: Scorecard):
    n = len(_measures(card))
    if n < 20:
        return None
    return (f"The scorecard has {n} measures; keep it under 20.", [])


def _measure_missing(card: Scorecard, what: str, missing) -> tuple[str, list[Item]] | None:
    bare = [_measure(card, m) for m in _measures(card) if missing(m)]
    return _found(f"{_plural(len(bare), 'measure')} without {what}.", bare)


@check(
    "measure-no-owner",
    "warning",
    M,
    "Every measure has an owner",
    rule="Every measure has one named owner who reports it and answers for it.",
    source=PRACTICE + " (one owner for every objective, measure and initiative)",
    fix="Name an owner for each measure listed.",
)
def measure_no_owner(card: Scorecard):
    return _measure_missing(card, "an owner", lambda m: not m.owner.strip())


@check(
    "measure-no-data-source",
    "warning",
    M,
    "Every measure has a data source",
    rule="For each measure the team names the data source and what must be done to obtain the data; a measure with no data is never reported.",
    source=KN_1993 + ", step 4 (measure selection: data sources)",
    fix="Name the system or report each measure listed comes from, and how the data will be collected.",
)
def measure_no_data_source(card: Scorecard):
    return _measure_missing(card, "a data source", lambda m: not m.data_source.strip())


@check(
    "measure-no-baseline",
    "warning",
    M,
    "Every measure has a baseline",
    rule="A target means something only against where the unit stands today: record a baseline.",
    source=KN_1993 + ", step 4 (baseline, target and thresholds per measure)",
    fix="Record today's value of each measure listed (an estimate, marked as such, is better than none).",
)
def measure_no_baseline(card: Scorecard):
    return _measure_missing(card, "a baseline", lambda m: m.baseline is None and _numeric(m))


def _numeric(m: Measure) -> bool:
    """A measure counted in figures: not one judged by a rating or a milestone (the rules on figures skip those)."""
    return m.goal.type not in ("rating", "milestone")


@check(
    "measure-no-target",
    "error",
    M,
    "Every measure has a target",
    rule="Targets are part of the scorecard: each measure has a target the unit commits to (a figure, "
    "a bound such as ≥ 24 % or < 2 %, a range, a rating or a milestone), or says plainly that it is still to be decided.",
    source=KN_1996 + " (targets); the seven elements of a complete scorecard",
    fix="Set a target for each measure listed, or write TBD where the room has not decided it yet.",
)
def measure_no_target(card: Scorecard):
    return _measure_missing(card, "a target", lambda m: not has_target(m) and m.goal.type != "tbd")


@check(
    "measure-target-tbd",
    "warning",
    M,
    "Targets to be decided get decided",
    rule="A target marked “to be decided” is honest, and better than an invented figure, but until it is set "
    "the measure reports a value nobody can call on or off target.",
    source=KN_1996 + " (targets); " + PRACTICE + " (SMART targets)",
    fix="Agree a target for each measure listed (with its owner, before the first review), or acknowledge the finding with the date it will be set.",
)
def measure_target_tbd(card: Scorecard):
    bare = [_measure(card, m) for m in _measures(card) if m.goal.type == "tbd"]
    return _found(f"{_plural(len(bare), 'measure')} whose target is still to be decided.", bare)


@check(
    "measure-no-target-date",
    "warning",
    M,
    "Every target has a date",
    rule="Targets are SMART: specific, measurable, achievable, relevant and time-bound.",
    source=PRACTICE + " (SMART targets)",
    fix="Give each measure listed the date by which its target must be reached.",
)
def measure_no_target_date(card: Scorecard):
    return _measure_missing(card, "a target date", lambda m: has_target(m) and not m.target_date)


@check(
    "measure-no-thresholds",
    "advice",
    M,
    "Every measure has green and red thresholds",
    rule="Green and red thresholds, with the direction (higher or lower is better), turn a value into a status the review meeting can act on.",
    source=KN_1993 + ", step 4 (targets and thresholds)",
    fix="Set the green and red thresholds of each measure listed.",
)
def measure_no_thresholds(card: Scorecard):
    # a range, an exact figure, a rating and a milestone have their bands without thresholds (see docs/checks.md)
    return _measure_missing(card, "thresholds", lambda m: m.goal.type in ("", "at_least", "at_most") and (m.green is None or m.red is None))


@check(
    "target-direction",
    "warning",
    M,
    "Targets improve on the baseline",
    rule="A target says where the unit wants to go: above the baseline when higher is better, below it when lower is better. "
    "A floor (≥ 24 %) or a cap (< 2 %) names its own direction and is never reversed, even when today's value already meets it; "
    "an exact figure or a range is, when it lies on the worse side of the baseline.",
    source=PRACTICE + " (SMART targets: relevant and achievable)",
    fix="Check the direction of each measure listed, or its target: one of the two is reversed.",
)
def target_direction(card: Scorecard):
    def backwards(m) -> bool:
        goal = m.goal
        if m.baseline is None or goal.type not in ("exactly", "range") or not has_target(m):
            return False
        if goal.type == "exactly":
            low = high = goal.value
        else:
            low, high = goal.low, goal.high
        return high < m.baseline if m.direction == "higher" else low > m.baseline

    bare = [_measure(card, m) for m in _measures(card) if backwards(m)]
    return _found(
        f"{_plural(len(bare), 'measure')} whose {agree(len(bare), 'target is worse than its baseline', 'targets are worse than their baselines')}.",
        bare,
    )


@check(
    "lead-lag-mix",
    "warning",
    M,
    "A mix of lead and lag measures",
    rule="Performance drivers: a scorecard mixes outcome (lag) measures with the lead measures that "
    "drive them; only lags report the past, only leads never show the result.",
    source=KN_1992 + "; " + KN_1996 + ", chapter 7 (performance drivers)",
    fix="Add lead measures (what drives the outcome) or lag measures (the outcome) so both kinds are there.",
)
def lead_lag_mix(card: Scorecard):
    said = [m for m in _measures(card) if m.kind]  # a measure whose kind is not stated is measure-no-kind's
    kinds = {m.kind for m in said}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    if len(said) < len(_measures(card)):
        return (f"All {len(said)} measures whose kind is stated are {kind} measures.", [])
    return (f"All {len(said)} measures are {kind} measures.", [])


@check(
    "measure-no-kind",
    "warning",
    M,
    "Every measure says whether it leads or lags",
    rule="A lead measure shows what drives the result early; a lag measure shows the result. The scorecard "
    "needs both, and a measure whose kind nobody stated cannot be counted as either: it is shown as “not stated”, never assumed.",
    source=KN_1992 + "; " + KN_1996 + ", chapter 7 (performance drivers)",
    fix="Say for each measure listed whether it is a lead (a driver) or a lag (an outcome) measure.",
)
def measure_no_kind(card: Scorecard):
    return _measure_missing(card, "a stated lead or lag", lambda m: not m.kind)


@check(
    "measure-no-frequency",
    "warning",
    M,
    "Every measure says how often it is measured",
    rule="The review meetings read each measure at its own rhythm (monthly, quarterly …); a measure whose "
    "frequency nobody stated has no periods to plan or report, and none is assumed for it.",
    source=KN_1993 + ", step 4 (measure selection: data sources and frequency)",
    fix="State how often each measure listed is measured: weekly, monthly, quarterly or annually.",
)
def measure_no_frequency(card: Scorecard):
    return _measure_missing(card, "a stated frequency", lambda m: not m.frequency)


@check(
    "measure-is-milestone",
    "warning",
    M,
    "Measures are quantities, not milestones",
    rule="A measure is a quantity that moves from period to period, so the review can see progress "
    "and test the map's hypotheses. One whose name reads as a task (“Obtain the … award”, "
    "“Complete the new wing”) and that has no unit and no values is a milestone: it is done or "
    "not done, and it belongs with the initiatives, the actions that move the measures.",
    source=KN_1996 + " (measures and targets, and the strategic initiatives that close the gap); " + KN_2004 + " (initiatives as action programmes)",
    fix="Move each measure listed to the initiatives (a task with an owner and a deadline) and "
    "measure its objective by what the milestone should change; if it is a quantity, give it a "
    "unit and a baseline.",
)
def measure_is_milestone(card: Scorecard):
    def milestone(m) -> bool:
        if m.goal.type in ("rating", "milestone"):  # a milestone target says it is one, on purpose
            return False
        return reads_as_task(m.name) and not m.unit.strip() and m.baseline is None and m.actual is None

    bare = [_measure(card, m) for m in _measures(card) if milestone(m)]
    return _found(f"{_plural(len(bare), 'measure')} that {agree(len(bare), 'reads', 'read')} as a milestone, with no unit or values.", bare)


@check(
    "measure-other-perspective",
    "advice",
    M,
    "A measure speaks to its objective's perspective",
    rule="Each perspective has measures of its own: money in the financial perspective, the people "
    "served in the customer perspective, the organisation's own people in learning and growth. A "
    "measure whose name points to another perspective (a staff survey item under a customer "
    "objective) may measure a driver of the objective rather than the objective itself. Only the "
    "financial, customer and learning perspectives are read; internal processes are where the "
    "others meet.",
    source=KN_1996 + ", chapters 3–6 (the measures of each perspective)",
    fix="Check that each measure listed shows its objective; if it measures something else, move "
    "it to the objective it does show (or to a new one, linked to this), or acknowledge it with the reason.",
)
def measure_other_perspective(card: Scorecard):
    items = []
    for m in _measures(card):
        o = card.objective(m.objective_id)
        key = card.perspective(o.perspective_id).key
        found = perspective_words.elsewhere(m.name, m.definition, f"{o.title}. {o.description}", key)
        if found:
            items.append(Item("measure", m.id, _pointing(card, m.name, o.title, key, *found)))
    their = agree(len(items), "its", "their")
    return _found(f"{_plural(len(items), 'measure')} whose words point to another perspective than {their} objective's.", items)


def _perspective_name(card: Scorecard, key: str) -> str:
    return next((p.name for p in card.perspectives if p.key == key), DEFAULT_PERSPECTIVE_NAMES[key])


def _pointing(card: Scorecard, measure: str, objective: str, key: str, other: str, pointing: list[str]) -> str:
    """“Staff who feel supported” (Raise client satisfaction, Customer): “staff” points to Learning & growth."""
    said = ", ".join(f"“{w}”" for w in pointing)
    verb = agree(len(pointing), "points", "point")
    return f"{measure} ({objective}, {_perspective_name(card, key)}): {said} {verb} to {_perspective_name(card, other)}"


# --- phase 5: the implementation plan ---------------------------------------------------------


def _initiatives(card: Scorecard):
    return [i for i in card.initiatives if i.status != "cancelled"]


def _initiative_missing(card: Scorecard, what: str, missing):
    bare = [Item("initiative", i.id, i.name) for i in _initiatives(card) if missing(i)]
    return _found(f"{_plural(len(bare), 'initiative')} without {what}.", bare)


@check(
    "initiative-no-objective",
    "warning",
    P,
    "Every initiative serves an objective",
    rule="Strategic initiatives exist to close the gap on an objective; one that serves none is not strategic.",
    source=KN_1996 + " (initiatives linked to objectives and targets)",
    fix="Say which objective each initiative listed serves, or drop it from the strategic plan.",
)
def initiative_no_objective(card: Scorecard):
    return _initiative_missing(card, "an objective", lambda i: not i.objective_ids)


@check(
    "initiative-no-owner",
    "warning",
    P,
    "Every initiative has an owner",
    rule="Every initiative has one named owner.",
    source=PRACTICE + " (one owner for every objective, measure and initiative)",
    fix="Name an owner for each initiative listed.",
)
def initiative_no_owner(card: Scorecard):
    return _initiative_missing(card, "an owner", lambda i: not i.owner.strip())


@check(
    "initiative-no-deadline",
    "warning",
    P,
    "Every initiative has a deadline",
    rule="An action plan has tasks, owners and deadlines.",
    source=KN_1993 + ", step 5 (the implementation plan)",
    fix="Set a deadline for each initiative listed.",
)
def initiative_no_deadline(card: Scorecard):
    return _initiative_missing(card, "a deadline", lambda i: not i.deadline)


@check(
    "initiative-no-budget",
    "warning",
    P,
    "Every initiative has a budget",
    rule="The strategic budget is one of the seven elements of a complete scorecard: each initiative is funded.",
    source=KN_1996 + " (linking strategy to budgets); the seven elements of a complete scorecard",
    fix="Record the budget of each initiative listed (zero if it needs none).",
)
def initiative_no_budget(card: Scorecard):
    return _initiative_missing(card, "a budget", lambda i: i.budget is None)
