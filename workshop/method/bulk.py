"""Many rows at once: objectives, causal links, measures and initiatives from a pasted table, an
uploaded file or the app's editable tables.

`check` reads every row against the workshop and against the other rows of the same load, and
keeps every problem by row and column (the rules per kind are in `bulk_rows.py`); `save` writes all
of it in one transaction or nothing at all (a load with any problem is refused whole, so a
half-loaded table never has to be untangled).
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.errors import Invalid, WorkshopError
from workshop.core.words import plural
from workshop.db import scorecard as scorecard_reads
from workshop.db import store
from workshop.method import bulk_tables, decisions, measures, objectives, plan
from workshop.method.bulk_kinds import KINDS, ORDER, kind_of_sheet, normalise, records
from workshop.method.bulk_rows import (
    Batch,
    Context,
    Row,
    initiative_row,
    link_row,
    measure_row,
    objective_row,
)

__all__ = ["Batch", "Context", "Row", "check", "check_file", "check_pasted", "check_table", "check_tables", "save"]


def check(
    db: Database,
    workshop_id: int,
    kind_key: str,
    rows: list[tuple[int, dict]],
    *,
    source: str = "The table",
    ctx: Context | None = None,
    ids: dict[int, int] | None = None,
) -> Batch:
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
                objective_row(row, ctx, seen)
            elif kind_key == "links":
                link_row(row, ctx, seen, edges)
            elif kind_key == "measures":
                measure_row(row, ctx, seen)
            else:
                initiative_row(row, ctx, seen)
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
        fields = {
            "title": v["title"],
            "perspective_id": v["perspective_id"],
            "theme_id": theme_id,
            "description": v["description"],
            "owner": v["owner"],
        }
        if row.id is not None:
            objectives.update_draft(db, row.id, sources=v["sources"], **fields, proposed_by=v["proposed_by"])
            return
        new_id = objectives.add_objective(
            db, workshop_id, fields.pop("title"), fields.pop("perspective_id"), **fields, proposed_by=v["proposed_by"], sources=v["sources"]
        )
        ids[normalise(v["title"])] = new_id
        if v.get("decision"):
            decisions.decide_objective(db, new_id, v["decision"], v.get("rationale", ""))
    elif kind == "links":
        objectives.add_link(db, _objective_id(db, workshop_id, v["cause"], ids), _objective_id(db, workshop_id, v["effect"], ids), v["hypothesis"])
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
    {
        "objectives": objectives.delete_objective,
        "measures": measures.delete_measure,
        "initiatives": plan.delete_initiative,
        "links": objectives.remove_link,
    }[kind](db, item_id)
