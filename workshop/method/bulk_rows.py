"""The rows of a bulk load and how each kind is checked: every problem of a row by column, against
the workshop as it stands and the rows loaded with it (see `workshop.method.bulk`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workshop.core.clean import clean_choice, clean_fields_each, clean_name, clean_text
from workshop.core.errors import Invalid
from workshop.core.model import DIRECTIONS, FREQUENCIES, INITIATIVE_STATUSES, MEASURE_KINDS, NATURES, YEAR_RULES, Scorecard
from workshop.method import measures, objectives, plan
from workshop.method.bulk_kinds import KINDS, Kind, normalise


@dataclass
class Row:
    line: int  # the row's number where it came from: the spreadsheet's row, or the table's
    raw: dict
    values: dict = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # column header → what is wrong
    notes: list[str] = field(default_factory=list)
    id: int | None = None  # an item being edited, not added

    def messages(self) -> dict[str, str]:
        """The problems by column, without repeating the column's name ("Deadline: …")."""
        return {column: message.removeprefix(f"The {column.lower()}: ") for column, message in self.problems.items()}


@dataclass
class Batch:
    kind: Kind
    source: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(r.problems for r in self.rows)

    def problems(self) -> list[str]:
        """One sentence per problem, by row and column ("…, row 3 · Deadline: …")."""
        return [f"{self.source}, row {r.line} · {column}: {message}" for r in self.rows for column, message in r.messages().items()]


class Context:
    """What the rows are checked against: the workshop as it stands plus the rows loaded before."""

    def __init__(self, card: Scorecard):
        self.card = card
        self.perspectives = {}
        for p in card.perspectives:
            for name in (p.name, p.key, DEFAULT_ALIASES.get(p.key, "")):
                if name:
                    self.perspectives[normalise(name)] = p.id
        self.themes = {normalise(t.name): t.id for t in card.themes}
        self.interviews = {normalise(i.executive): i.id for i in card.interviews}
        self.objectives: dict[str, int | None] = {normalise(o.title): o.id for o in card.objectives}
        self.objective_ids = {o.id for o in card.objectives}
        self.titles = {o.id: o.title for o in card.objectives}
        self.links = {(link.cause_id, link.effect_id) for link in card.links}
        self.measure_names = {(m.objective_id, normalise(m.name)): m.id for m in card.measures}
        self.initiatives = {normalise(i.name): i.id for i in card.initiatives}

    def objective(self, title: object) -> tuple[str, int | None] | None:
        """The key of an objective named in a cell (its id, or its title if it is loaded too)."""
        key = normalise(title)
        return (key, self.objectives[key]) if key in self.objectives else None


DEFAULT_ALIASES = {"learning": "learning and growth", "internal": "internal process", "customer": "customers", "financial": "finance"}
_LIST = re.compile(r"\s*[;\n]\s*")


def _names(cell: object) -> list[str]:
    """Several names in one cell (separated by ; or line breaks), or a list from the app's table."""
    if isinstance(cell, (list, tuple)):
        return [str(x).strip() for x in cell if str(x).strip()]
    return [x for x in _LIST.split(str(cell or "").strip()) if x]


# what people write for a choice nobody made, and the other words for level/flow and the year's rule
UNSTATED = {"not stated", "unknown", "n a", "na", "none", "tbd", "not known", "not set"}
SYNONYMS = {
    "lagging": "lag",
    "leading": "lead",
    "stock": "level",
    "amount": "flow",
    "amount over the period": "flow",
    "total": "sum",
    "add up": "sum",
    "mean": "average",
    "last period": "last",
    "closing": "last",
    "year end": "last",
    "as the target says": "",
}


def _choice(value: object, label: str, choices: tuple[str, ...], default: str) -> str:
    text = normalise(value).replace(" is better", "")
    text = SYNONYMS.get(text, text)
    if "" in choices and text in UNSTATED:  # "not stated" stays not stated, never a default
        return ""
    return clean_choice(text or default, label, choices)


# --- checking, kind by kind -------------------------------------------------------------------


def objective_row(row: Row, ctx: Context, seen: dict[str, int]) -> None:
    kind, raw, problems = KINDS["objectives"], row.raw, row.problems
    head = {c.field: c.header for c in kind.columns}
    clean, field_problems = clean_fields_each(
        objectives.OBJECTIVE_FIELDS, {k: raw.get(k) or "" for k in ("title", "description", "owner", "proposed_by")}
    )
    problems.update({head[k]: v for k, v in field_problems.items()})
    row.values.update(clean)
    title = normalise(clean.get("title", ""))
    if title:
        if title in seen:
            problems["Objective"] = f"The same objective as row {seen[title]}."
        elif title in ctx.objectives and ctx.objectives[title] != row.id:
            problems["Objective"] = f"An objective called “{clean['title']}” already exists in this workshop."
        seen[title] = row.line
    perspective = ctx.perspectives.get(normalise(raw.get("perspective")))
    if perspective is None:
        names = ", ".join(p.name for p in ctx.card.perspectives)
        typed = str(raw.get("perspective") or "").strip()
        problems["Perspective"] = (f"“{typed[:60]}” is not a perspective here; " if typed else "Missing; ") + f"choose one of: {names}."
    row.values["perspective_id"] = perspective
    theme = str(raw.get("theme") or "").strip()
    row.values["theme_id"] = ctx.themes.get(normalise(theme)) if theme else None
    if theme and row.values["theme_id"] is None:
        try:
            row.values["new_theme"] = clean_name(theme, "The theme's name")
            row.notes.append(f"new theme “{row.values['new_theme']}”")
        except Invalid as error:
            problems["Theme"] = str(error)
    sources: list[str] = []
    unknown: list[str] = []
    for name in _names(raw.get("sources")):
        (sources if normalise(name) in ctx.interviews else unknown).append(name)
    if unknown:
        known = ", ".join(i.executive for i in ctx.card.interviews) or "none recorded yet"
        problems["Drawn from"] = f"No interview with {', '.join(unknown)} (interviews: {known})."
    row.values["sources"] = [ctx.interviews[normalise(n)] for n in sources]
    decision = normalise(raw.get("decision"))
    if decision in ("", "draft"):
        row.values["decision"] = ""
    elif decision in ("agreed", "dropped"):
        row.values["decision"] = decision
        row.values["rationale"] = clean_text(raw.get("rationale"), "The rationale", max_len=2000)
        if decision == "dropped" and not row.values["rationale"]:
            problems["Rationale"] = "Say why it was dropped: the rationale goes into the sponsor's report."
    else:
        problems["Decision"] = "Leave it empty for a draft, or write agreed or dropped."


def link_row(row: Row, ctx: Context, seen: dict, edges: dict) -> None:
    raw, problems = row.raw, row.problems
    ends = {}
    for name, header in (("cause", "Cause"), ("effect", "Effect")):
        found = ctx.objective(raw.get(name))
        if found is None:
            typed = str(raw.get(name) or "").strip()
            problems[header] = f"No objective called “{typed[:80]}”." if typed else "Missing: name an objective."
        else:
            ends[name] = found[0]
    try:
        row.values["hypothesis"] = clean_text(raw.get("hypothesis"), "The hypothesis", max_len=500, multiline=False)
    except Invalid as error:
        problems["Hypothesis"] = str(error)
    if len(ends) < 2:
        return
    cause, effect = ends["cause"], ends["effect"]
    row.values.update(cause=cause, effect=effect)
    if cause == effect:
        problems["Effect"] = "An objective cannot cause itself."
    elif (cause, effect) in seen:
        problems["Effect"] = f"The same link as row {seen[(cause, effect)]}."
    elif (ctx.objectives[cause], ctx.objectives[effect]) in ctx.links:
        problems["Effect"] = "This link is already on the map."
    elif _reaches(edges, effect, cause):
        problems["Effect"] = "This link would close a loop; cause and effect must run one way."
    else:
        seen[(cause, effect)] = row.line
        edges.setdefault(cause, set()).add(effect)


def _reaches(edges: dict, start: str, goal: str) -> bool:
    todo, done = [start], set()
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in done:
            done.add(node)
            todo.extend(edges.get(node, ()))
    return False


def measure_row(row: Row, ctx: Context, seen: dict) -> None:
    kind, raw, problems = KINDS["measures"], row.raw, row.problems
    head = {c.field: c.header for c in kind.columns}
    found = ctx.objective(raw.get("objective"))
    if found is None:
        typed = str(raw.get("objective") or "").strip()
        problems["Objective"] = f"No objective called “{typed[:80]}”." if typed else "Missing: name the objective."
    values = {f: raw.get(f) for f in (*measures.MEASURE_FIELDS, *measures.TARGET_FIELDS) if f in raw and f != "actual"}
    values = {k: ("" if v is None else v) for k, v in values.items()}
    for name, label, choices, default in (
        ("kind", "Lead or lag", ("", *MEASURE_KINDS), ""),  # not stated stays not stated
        ("frequency", "The frequency", ("", *FREQUENCIES), ""),
        ("direction", "The direction", ("", *DIRECTIONS), ""),  # empty: as the target says (a bare figure: higher)
        ("nature", "Level or amount over the period", ("", *NATURES), ""),
        ("year_rule", "How periods make up the year", ("", *YEAR_RULES), ""),
    ):
        try:
            values[name] = _choice(raw.get(name), label, choices, default)
        except Invalid as error:
            problems[head[name]] = str(error)
            values.pop(name)
    if not values.get("direction"):
        values.pop("direction", None)
        current = next((m for m in ctx.card.measures if m.id == row.id), None)
        if current is not None and measures.is_bare_figure(values.get("target")):
            values["direction"] = current.direction  # a bare figure keeps the measure's direction
    clean, field_problems = measures.clean_measure(values)
    problems.update({head[k]: v for k, v in field_problems.items()})
    row.values.update(clean)
    if found and clean.get("name"):
        key = (found[0], normalise(clean["name"]))
        objective_id = found[1]
        existing = ctx.measure_names.get((objective_id, key[1])) if objective_id else None
        if key in seen:
            problems["Measure"] = f"The same measure as row {seen[key]}."
        elif existing is not None and existing != row.id:
            problems["Measure"] = f"“{ctx.titles.get(objective_id or 0, '')}” already has a measure called “{clean['name']}”."
        seen[key] = row.line
        row.values["objective"] = found[0]


def initiative_row(row: Row, ctx: Context, seen: dict) -> None:
    kind, raw, problems = KINDS["initiatives"], row.raw, row.problems
    head = {c.field: c.header for c in kind.columns}
    values = {f: ("" if raw.get(f) is None else raw.get(f)) for f in ("name", "description", "owner", "start_date", "deadline", "budget")}
    try:
        values["status"] = _choice(raw.get("status"), "The status", INITIATIVE_STATUSES, "proposed")
    except Invalid as error:
        problems["Status"] = str(error)
    clean, field_problems = clean_fields_each(plan.INITIATIVE_FIELDS, values)
    problems.update({head[k]: v for k, v in field_problems.items()})
    if clean.get("start_date") and clean.get("deadline") and clean["deadline"] < clean["start_date"]:
        problems["Deadline"] = "The deadline is before the start."
    row.values.update(clean)
    name = normalise(clean.get("name", ""))
    if name:
        if name in seen:
            problems["Initiative"] = f"The same initiative as row {seen[name]}."
        elif ctx.initiatives.get(name) not in (None, row.id):
            problems["Initiative"] = f"An initiative called “{clean['name']}” already exists."
        seen[name] = row.line
    served, unknown = [], []
    for title in _names(raw.get("objectives")):
        found = ctx.objective(title)
        (served.append(found[0]) if found else unknown.append(title))
    if unknown:
        problems["Serves"] = "No objective called " + "; ".join(f"“{t[:80]}”" for t in unknown) + " (separate several with ;)."
    row.values["objectives"] = served
