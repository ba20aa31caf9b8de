"""Many rows at once: objectives, causal links, measures and initiatives from a pasted table, an
uploaded file or the app's editable tables.

`check` reads every row against the workshop and against the other rows of the same load, and
keeps every problem by row and column; `save` writes all of it in one transaction or nothing at
all (a load with any problem is refused whole, so a half-loaded table never has to be untangled).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlite_utils import Database

from workshop.core.clean import clean_choice, clean_fields_each, clean_name, clean_text
from workshop.core.errors import Invalid, WorkshopError
from workshop.core.model import DIRECTIONS, FREQUENCIES, INITIATIVE_STATUSES, MEASURE_KINDS, Scorecard
from workshop.core.words import plural
from workshop.db import scorecard as scorecard_reads
from workshop.db import store
from workshop.method import bulk_tables, decisions, measures, objectives, plan
from workshop.method.bulk_kinds import KINDS, ORDER, Kind, kind_of_sheet, normalise, records


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
        return [f"{self.source}, row {r.line} · {column}: {message}"
                for r in self.rows for column, message in r.messages().items()]


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


DEFAULT_ALIASES = {"learning": "learning and growth", "internal": "internal process",
                   "customer": "customers", "financial": "finance"}
_LIST = re.compile(r"\s*[;\n]\s*")


def _names(cell: object) -> list[str]:
    """Several names in one cell (separated by ; or line breaks), or a list from the app's table."""
    if isinstance(cell, (list, tuple)):
        return [str(x).strip() for x in cell if str(x).strip()]
    return [x for x in _LIST.split(str(cell or "").strip()) if x]


def _choice(value: object, label: str, choices: tuple[str, ...], default: str) -> str:
    text = normalise(value).replace(" is better", "").replace("lagging", "lag").replace("leading", "lead")
    return clean_choice(text or default, label, choices)


# --- checking, kind by kind -------------------------------------------------------------------

def _objective_row(row: Row, ctx: Context, seen: dict[str, int]) -> None:
    kind, raw, problems = KINDS["objectives"], row.raw, row.problems
    head = {c.field: c.header for c in kind.columns}
    clean, field_problems = clean_fields_each(objectives.OBJECTIVE_FIELDS, {
        k: raw.get(k) or "" for k in ("title", "description", "owner", "proposed_by")})
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
        problems["Perspective"] = (f"“{typed[:60]}” is not a perspective here; " if typed else "Missing; ") + \
            f"choose one of: {names}."
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


def _link_row(row: Row, ctx: Context, seen: dict, edges: dict) -> None:
    raw, problems = row.raw, row.problems
    ends = {}
    for name, header in (("cause", "Cause"), ("effect", "Effect")):
        found = ctx.objective(raw.get(name))
        if found is None:
            typed = str(raw.get(name) or "").strip()
            problems[header] = (f"No objective called “{typed[:80]}”." if typed else "Missing: name an objective.")
        else:
            ends[name] = found[0]
    try:
        row.values["hypothesis"] = clean_text(raw.get("hypothesis"), "The hypothesis", max_len=500,
                                              multiline=False)
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


def _measure_row(row: Row, ctx: Context, seen: dict) -> None:
    kind, raw, problems = KINDS["measures"], row.raw, row.problems
    head = {c.field: c.header for c in kind.columns}
    found = ctx.objective(raw.get("objective"))
    if found is None:
        typed = str(raw.get("objective") or "").strip()
        problems["Objective"] = f"No objective called “{typed[:80]}”." if typed else "Missing: name the objective."
    values = {f: raw.get(f) for f in measures.MEASURE_FIELDS if f in raw and f != "actual"}
    values = {k: ("" if v is None else v) for k, v in values.items()}
    for name, label, choices, default in (("kind", "Lead or lag", MEASURE_KINDS, "lag"),
                                          ("frequency", "The frequency", FREQUENCIES, "monthly"),
                                          ("direction", "The direction", DIRECTIONS, "higher")):
        try:
            values[name] = _choice(raw.get(name), label, choices, default)
        except Invalid as error:
            problems[head[name]] = str(error)
            values.pop(name)
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


def _initiative_row(row: Row, ctx: Context, seen: dict) -> None:
    kind, raw, problems = KINDS["initiatives"], row.raw, row.problems
    head = {c.field: c.header for c in kind.columns}
    values = {f: ("" if raw.get(f) is None else raw.get(f))
              for f in ("name", "description", "owner", "start_date", "deadline", "budget")}
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
        problems["Serves"] = "No objective called " + "; ".join(f"“{t[:80]}”" for t in unknown) + \
            " (separate several with ;)."
    row.values["objectives"] = served


def check(db: Database, workshop_id: int, kind_key: str, rows: list[tuple[int, dict]], *,
          source: str = "The table", ctx: Context | None = None, ids: dict[int, int] | None = None) -> Batch:
    """Every row of one kind checked; `ids` marks rows (by number) that edit an existing item."""
    kind = KINDS[kind_key]
    ctx = ctx or Context(scorecard_reads.load(db, workshop_id))
    batch = Batch(kind, source)
    seen: dict = {}
    edges: dict = {}
    if kind_key == "links":
        for cause_id, effect_id in ctx.links:
            edges.setdefault(normalise(ctx.titles[cause_id]), set()).add(normalise(ctx.titles[effect_id]))
    for line, raw in rows:
        row = Row(line, raw, id=(ids or {}).get(line))
        try:
            if kind_key == "objectives":
                _objective_row(row, ctx, seen)
            elif kind_key == "links":
                _link_row(row, ctx, seen, edges)
            elif kind_key == "measures":
                _measure_row(row, ctx, seen)
            else:
                _initiative_row(row, ctx, seen)
        except Invalid as error:
            row.problems.setdefault("Row", str(error))
        batch.rows.append(row)
    if kind_key == "objectives":  # later kinds may name these objectives
        for row in batch.rows:
            if row.values.get("title") and row.id is None:
                ctx.objectives.setdefault(normalise(row.values["title"]), None)
    return batch


def check_table(db: Database, workshop_id: int, kind_key: str, before: list[dict], after: list[dict]) -> Batch:
    """An edited table (records with an "id" for stored items): only changed and new rows are
    checked and saved; a stored item missing from `after` is deleted. Rows are numbered as shown."""
    original = {r["id"]: r for r in before}
    present = {int(r["id"]) for r in after if r.get("id") is not None}
    rows, edited = [], {}
    for n, record in enumerate(after, start=1):
        values = {k: v for k, v in record.items() if k != "id"}
        item_id = int(record["id"]) if record.get("id") is not None else None
        if item_id is not None:
            if {k: original.get(item_id, {}).get(k) for k in values} == values:
                continue  # unchanged
            edited[n] = item_id
        rows.append((n, values))
    batch = check(db, workshop_id, kind_key, rows, source="The table", ids=edited)
    batch.deleted = [int(r["id"]) for r in before if int(r["id"]) not in present]
    return batch


def check_tables(db: Database, workshop_id: int, tables: dict[str, list], default_kind: str) -> list[Batch]:
    """The sheets of a workbook (or one pasted or CSV table, named ""), each read as its kind."""
    ctx = Context(scorecard_reads.load(db, workshop_id))
    found: dict[str, tuple[str, list]] = {}
    for title, table in tables.items():
        kind = kind_of_sheet(title) if title else KINDS[default_kind]
        if kind is None and len(tables) == 1:
            kind = KINDS[default_kind]
        if kind is not None and table and kind.key not in found:
            found[kind.key] = (title, table)
    if not found:
        names = ", ".join(KINDS[k].sheet for k in ORDER)
        raise Invalid(f"Nothing to load: the file has no rows, or no sheet called {names}.")
    batches = []
    for key in (k for k in ORDER if k in found):
        title, table = found[key]
        rows, notes = records(KINDS[key], table)
        source = f"Sheet {title}" if title else "The table"
        batch = check(db, workshop_id, key, rows, source=source, ctx=ctx)
        batch.notes = notes
        batches.append(batch)
    return batches


def check_file(db: Database, workshop_id: int, data: bytes, filename: str, default_kind: str) -> list[Batch]:
    return check_tables(db, workshop_id, bulk_tables.read_file(data, filename), default_kind)


def check_pasted(db: Database, workshop_id: int, text: str, kind_key: str) -> list[Batch]:
    return check_tables(db, workshop_id, {"": bulk_tables.read_pasted(text)}, kind_key)


# --- saving -----------------------------------------------------------------------------------

def save(db: Database, workshop_id: int, batches: list[Batch]) -> dict[str, int]:
    """Write every row of every batch, or nothing: refused whole while any row has a problem."""
    problems = [p for b in batches for p in b.problems()]
    if problems:
        raise Invalid(f"Nothing was saved: {plural(len(problems), 'problem')} to fix first. " + " ".join(problems[:20]))
    counts = {b.kind.key: 0 for b in batches}
    with store.write(db):
        ids: dict[str, int] = {}
        for batch in batches:
            for row in batch.rows:
                try:
                    _save_row(db, workshop_id, batch.kind.key, row, ids)
                except WorkshopError as error:
                    raise Invalid(f"Nothing was saved: {batch.source}, row {row.line}: {error}") from None
                counts[batch.kind.key] += 1
            for item_id in batch.deleted:
                _delete(db, batch.kind.key, item_id)
    return counts


def _objective_id(db: Database, workshop_id: int, key: str, ids: dict[str, int]) -> int:
    if key not in ids:
        found = [o for o in objectives.objectives(db, workshop_id) if normalise(o["title"]) == key]
        ids[key] = found[0]["id"]
    return ids[key]


def _save_row(db: Database, workshop_id: int, kind: str, row: Row, ids: dict[str, int]) -> None:
    v = row.values
    if kind == "objectives":
        theme_id = v["theme_id"]
        if v.get("new_theme"):
            key = "theme:" + normalise(v["new_theme"])
            if key not in ids:
                ids[key] = objectives.add_theme(db, workshop_id, v["new_theme"])
            theme_id = ids[key]
        fields = {"title": v["title"], "perspective_id": v["perspective_id"], "theme_id": theme_id,
                  "description": v["description"], "owner": v["owner"]}
        if row.id is not None:
            objectives.update_draft(db, row.id, sources=v["sources"], **fields,
                                    proposed_by=v["proposed_by"])
            return
        new_id = objectives.add_objective(db, workshop_id, fields.pop("title"), fields.pop("perspective_id"),
                                          **fields, proposed_by=v["proposed_by"], sources=v["sources"])
        ids[normalise(v["title"])] = new_id
        if v.get("decision"):
            decisions.decide_objective(db, new_id, v["decision"], v.get("rationale", ""))
    elif kind == "links":
        objectives.add_link(db, _objective_id(db, workshop_id, v["cause"], ids),
                            _objective_id(db, workshop_id, v["effect"], ids), v["hypothesis"])
    elif kind == "measures":
        objective_id = _objective_id(db, workshop_id, v.pop("objective"), ids)
        if row.id is not None:
            measures.update_measure(db, row.id, **v)
        else:
            measures.add_measure(db, objective_id, **v)
    else:
        served = [_objective_id(db, workshop_id, k, ids) for k in v.pop("objectives")]
        if row.id is not None:
            plan.update_initiative(db, row.id, served, **v)
        else:
            plan.add_initiative(db, workshop_id, objective_ids=served, **v)


def _delete(db: Database, kind: str, item_id: int) -> None:
    {"objectives": objectives.delete_objective, "measures": measures.delete_measure,
     "initiatives": plan.delete_initiative, "links": objectives.remove_link}[kind](db, item_id)
