"""The balanced scorecard's nouns and the workshop's phases.

Nothing here touches the database or a UI: these are plain values and rules on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from workshop.core.targets import Bands, Target, judge, target_of


class Phase(IntEnum):
    ARCHITECTURE = 1
    INTERVIEWS = 2
    CONSENSUS = 3
    MEASURES = 4
    PLAN = 5

    @property
    def title(self) -> str:
        return PHASE_TITLES[self]


PHASE_TITLES = {
    Phase.ARCHITECTURE: "Measurement architecture",
    Phase.INTERVIEWS: "Interviews and draft objectives",
    Phase.CONSENSUS: "Consensus workshop",
    Phase.MEASURES: "Measure selection",
    Phase.PLAN: "Implementation plan",
}

SECTORS = ("for-profit", "public", "non-profit")
# Whom the scorecard is for: a business unit (it has a head office and sister units) or a whole,
# top-level organisation (a company, a city, a charity).
SCOPES = ("unit", "organisation")
SCOPE_LABELS = {"unit": "A business unit (it answers to a head office)", "organisation": "A whole organisation (no head office above it)"}
PERSPECTIVE_KEYS = ("financial", "customer", "internal", "learning")
DEFAULT_PERSPECTIVE_NAMES = {
    "financial": "Financial",
    "customer": "Customer",
    "internal": "Internal processes",
    "learning": "Learning & growth",
}
CORE_STRATEGIES = ("", "product leadership", "operational excellence", "customer intimacy")
OBJECTIVE_STATUSES = ("draft", "agreed", "dropped")
DECISION_OUTCOMES = ("agreed", "changed", "dropped", "noted")
MEASURE_KINDS = ("lead", "lag")
FREQUENCIES = ("weekly", "monthly", "quarterly", "annually")
DIRECTIONS = ("higher", "lower")
NATURES = ("level", "flow")  # a period's value: a level at its end (headcount), or an amount over it (revenue)
YEAR_RULES = ("sum", "average", "last")  # how a year's periods make up the year
INITIATIVE_STATUSES = ("proposed", "approved", "in progress", "done", "cancelled")


def perspective_order(sector: str) -> list[str]:
    """Top to bottom. A for-profit puts financial on top; a public body or non-profit the customer."""
    if sector == "for-profit":
        return ["financial", "customer", "internal", "learning"]
    return ["customer", "financial", "internal", "learning"]


# --- the shapes of a scorecard ------------------------------------------------------------


@dataclass(frozen=True)
class Perspective:
    id: int
    key: str
    name: str
    position: int  # 1 is the top of the map


@dataclass(frozen=True)
class Theme:
    id: int
    name: str
    description: str
    colour: str


@dataclass(frozen=True)
class Objective:
    id: int
    perspective_id: int
    theme_id: int | None
    title: str
    description: str
    owner: str
    status: str
    proposed_by: str
    sources: tuple[int, ...] = ()  # interview ids this objective was drawn from
    other_theme_ids: tuple[int, ...] = ()  # themes it also serves, beyond its main one
    local_reason: str = ""  # in a lower unit: why the objective serves no objective of the parent
    contributes_to: tuple[int, ...] = ()  # in a lower unit: the parent objectives it serves
    # serves every theme, as the top objective and the learning base of Kaplan and Norton's maps do
    all_themes: bool = False
    carried_from: int | None = None  # in a later cycle: the objective of the cycle before it came from

    @property
    def theme_ids(self) -> tuple[int, ...]:
        """Every theme the objective serves, its main theme (which places it on the map) first."""
        main = () if self.theme_id is None else (self.theme_id,)
        return main + tuple(t for t in self.other_theme_ids if t != self.theme_id)


@dataclass(frozen=True)
class CausalLink:
    id: int
    cause_id: int
    effect_id: int
    hypothesis: str


@dataclass(frozen=True)
class Measure:
    id: int
    objective_id: int
    name: str
    definition: str
    unit: str
    data_source: str
    data_collection: str
    kind: str
    frequency: str
    direction: str
    baseline: float | None
    target: float | None
    target_date: str | None
    green: float | None
    red: float | None
    actual: float | None
    owner: str
    target_type: str = ""
    target_strict: int = 0
    target_low: float | None = None
    target_high: float | None = None
    target_level: str = ""
    rating_scale: str = ""
    nature: str = ""
    year_rule: str = ""
    carried_from: int | None = None  # in a later cycle: the measure of the cycle before it came from

    @property
    def goal(self) -> Target:
        """The target with its type (at least, at most, a range, a rating, a milestone, to be decided)."""
        return target_of(self.__dict__)

    def bands(self) -> Bands:
        return Bands(green=self.green, red=self.red)

    def status(self, actual: float | None = None) -> str | None:
        """green / amber / red for an actual value against the target and its thresholds; None if
        unknown (no value, or no target a value can be judged against)."""
        value = self.actual if actual is None else actual
        goal = self.goal
        if goal.type in ("", "at_least", "at_most"):  # judged by the thresholds alone, as they were set
            if value is None or self.green is None or self.red is None:
                return None
            goal = Target(type="at_most" if self.direction == "lower" else "at_least", value=self.green)
        if value is None or not goal.is_stated:
            return None
        return COLOURS.get(judge(goal, value, bands=self.bands()))


COLOURS = {"on target": "green", "watch": "amber", "off target": "red"}


@dataclass(frozen=True)
class Initiative:
    id: int
    name: str
    description: str
    owner: str
    start_date: str | None
    deadline: str | None
    budget: float | None
    status: str
    objective_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Interview:
    id: int
    executive: str
    role: str
    held_on: str | None
    mission: str
    vision: str
    values_statement: str
    strategy: str
    competitive_position: str
    competencies: str
    notes: str


@dataclass(frozen=True)
class Decision:
    id: int
    phase: int
    subject: str
    outcome: str
    rationale: str
    decided_at: str
    objective_id: int | None = None
    measure_id: int | None = None
    initiative_id: int | None = None


@dataclass
class Scorecard:
    """One workshop, read whole: what the phase rules, the checks and the report work on."""

    workshop: dict
    perspectives: list[Perspective] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    head_office_themes: list[dict] = field(default_factory=list)
    sister_units: list[dict] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    links: list[CausalLink] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    cascade: list[dict] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    acknowledgements: list[dict] = field(default_factory=list)  # findings acknowledged, with reasons
    # voted items the room sent back for discussion, with no decision since: {kind, subject_id,
    # label, round, verdict} (the phase gates say what each still needs)
    sent_back: list[dict] = field(default_factory=list)
    # The cascade. For a lower unit: its parent workshop (id, uid, organisation, unit, phase, vision),
    # the parent's perspectives, objectives and measures, and the parent objectives it is expected
    # to serve. For any workshop: its lower units (id, unit, phase) and, per objective of its own,
    # the objectives of those units that contribute to it ({unit_id, unit, objective_id, title}).
    parent: dict | None = None
    parent_perspectives: list[Perspective] = field(default_factory=list)
    parent_objectives: list[Objective] = field(default_factory=list)
    parent_measures: list[Measure] = field(default_factory=list)
    expected: tuple[int, ...] = ()
    units: list[dict] = field(default_factory=list)
    served_by: dict[int, list[dict]] = field(default_factory=dict)

    @property
    def phase(self) -> Phase:
        return Phase(self.workshop["phase"])

    @property
    def scope(self) -> str:
        return self.workshop.get("scope") or "unit"

    @property
    def is_business_unit(self) -> bool:
        """True for a scorecard with a head office above it: the rules about head-office themes and
        sister units apply to it, not to a top-level organisation. A scorecard cascaded from
        another workshop is a unit whatever its recorded scope."""
        return self.scope == "unit" or self.has_parent

    @property
    def has_parent(self) -> bool:
        """A lower unit's scorecard: it was cascaded from another workshop (its parent)."""
        return self.parent is not None

    def parent_objective(self, objective_id: int) -> Objective | None:
        return next((o for o in self.parent_objectives if o.id == objective_id), None)

    def contributors_of(self, parent_objective_id: int) -> list[Objective]:
        """This unit's live objectives that contribute to one objective of the parent."""
        return [o for o in self.live_objectives() if parent_objective_id in o.contributes_to]

    def units_serving_by(self, unit_id: int) -> list[int]:
        """This workshop's objectives that one lower unit serves."""
        return [oid for oid, rows in self.served_by.items() if any(r["unit_id"] == unit_id for r in rows)]

    def units_serving(self, objective_id: int) -> list[str]:
        """The lower units with at least one objective contributing to this objective."""
        return list(dict.fromkeys(s["unit"] for s in self.served_by.get(objective_id, [])))

    def objectives_in(self, perspective_id: int, *, statuses: tuple[str, ...] = ("draft", "agreed")) -> list[Objective]:
        return [o for o in self.objectives if o.perspective_id == perspective_id and o.status in statuses]

    def live_objectives(self) -> list[Objective]:
        """Objectives still in play: drafts and agreed ones, not dropped."""
        return [o for o in self.objectives if o.status != "dropped"]

    def agreed_objectives(self) -> list[Objective]:
        return [o for o in self.objectives if o.status == "agreed"]

    def measures_of(self, objective_id: int) -> list[Measure]:
        return [m for m in self.measures if m.objective_id == objective_id]

    def initiatives_of(self, objective_id: int) -> list[Initiative]:
        return [i for i in self.initiatives if objective_id in i.objective_ids]

    def perspective(self, perspective_id: int) -> Perspective:
        return next(p for p in self.perspectives if p.id == perspective_id)

    def objective(self, objective_id: int) -> Objective:
        return next(o for o in self.objectives if o.id == objective_id)

    def theme(self, theme_id: int | None) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def themes_of(self, objective: Objective) -> list[Theme]:
        """The themes an objective serves, its main theme first."""
        return [t for t in (self.theme(i) for i in objective.theme_ids) if t is not None]

    def objectives_serving(self, theme_id: int) -> list[Objective]:
        """Live objectives that serve a theme, as their main theme or as another."""
        return [o for o in self.live_objectives() if theme_id in o.theme_ids]
