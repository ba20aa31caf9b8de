"""Creating a workshop from a JSON export (the exchange format: deliverables/exchange.py), all or
nothing: every field goes through the same cleaner as the form that writes it (import_rules), the
links to a parent workshop are found again by its identifier and its objectives' titles, and the
client's branding through the same checks as the report page's upload.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
from secrets import token_urlsafe

from sqlite_utils import Database

from workshop.core import disclosure
from workshop.core.errors import Duplicate, Invalid, NotFound, WorkshopError
from workshop.db import store
from workshop.deliverables.exchange.export import FORMAT, TABLES, VERSION, WORKSHOP_PRIVATE, table_columns
from workshop.method import branding
from workshop.room import ledger
from workshop.starters import import_rules

MAX_DOCUMENT_BYTES = 20_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _required(db: Database, table: str) -> set[str]:
    """The columns a record must give: NOT NULL and without a default (the key aside)."""
    return {
        c["name"]
        for c in db.execute_returning_dicts(f"PRAGMA table_info({table})")
        if c["notnull"] and c["dflt_value"] is None and not c["pk"] and c["name"] != "workshop_id"
    }


def parse(text: str | bytes) -> dict:
    if len(text) > MAX_DOCUMENT_BYTES:
        raise Invalid(f"The file is larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB; it is not a workshop export.")
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise Invalid(f"The file is not valid JSON ({error}).") from None
    except RecursionError:
        raise Invalid("The file is nested too deeply to be a workshop export.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Invalid('The file is not a Scorecard Workshop export (its "format" is missing).')
    if document.get("version") != VERSION:
        raise Invalid(f"The file is version {document.get('version')!r}; this tool reads version {VERSION}.")
    return document


def _check_value(where: str, column: str, kind: str, value) -> None:
    if value is None:
        return
    if kind == "TEXT":
        if not isinstance(value, str):
            raise Invalid(f"{where}.{column} must be text.")
        if _CONTROL.search(value):
            raise Invalid(f"{where}.{column} contains control characters or broken Unicode.")
    elif kind in ("INTEGER", "REAL"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"{where}.{column} must be a number.")
        if value != value or value in (float("inf"), float("-inf")):
            raise Invalid(f"{where}.{column} must be a finite number, not {value}.")


def _clean_row(db_columns: dict[str, str], where: str, row, required: frozenset[str] | set[str] = frozenset()) -> dict:
    if not isinstance(row, dict):
        raise Invalid(f"{where} must be an object.")
    unknown = set(row) - set(db_columns)
    if unknown:
        raise Invalid(f"{where} has unknown fields: {', '.join(sorted(unknown))}.")
    for column, value in row.items():
        _check_value(where, column, db_columns[column], value)
    missing = [c for c in db_columns if c in required and row.get(c) is None]
    if missing:
        raise Invalid(f"{where}.{missing[0]} is missing; every {where.split('[')[0].replace('_', ' ')} needs one.")
    return dict(row)


def _insert(db: Database, table: str, where: str, row: dict) -> int:
    """Store one record; a refusal names the record (and the field, where the schema says which)."""
    try:
        return store.insert(db, table, row, duplicate=f"{where} repeats an entry that must be unique")
    except Duplicate as error:
        fields = [f for f in getattr(error, "fields", []) if f in row and not f.endswith("_id")]
        raise Invalid(
            f"{where} repeats an entry that must be unique" + (f" (the same {' and '.join(fields)} as an earlier one)." if fields else ".")
        ) from None
    except NotFound:
        raise Invalid(
            f"{where} refers to a record that is not in the file, or belongs to another one (a ballot's item must be in its round)."
        ) from None
    except WorkshopError as error:
        fields = [f for f in getattr(error, "fields", []) if f in row]
        field = f"{where}.{fields[0]}" if fields else where
        value = f" ({row[fields[0]]!r:.60})" if fields else ""
        raise Invalid(f"{field}: this value{value} is not allowed here.") from None
    except sqlite3.Error:
        raise Invalid(f"{where} could not be stored; check its fields against an export.") from None


def import_workshop(db: Database, document: dict) -> int:
    """Create a new workshop from an export; all or nothing. Returns the new workshop's id.
    Each field goes through the same cleaner as the form that writes it (import_rules)."""
    with store.write(db):
        columns = table_columns(db, "workshop")
        workshop = _clean_row(
            {k: v for k, v in columns.items() if k not in WORKSHOP_PRIVATE}, "workshop", document.get("workshop"), _required(db, "workshop")
        )
        parent_id = _find_parent(db, document)
        if workshop.get("uid") is not None and store.one(db, "SELECT 1 FROM workshop WHERE uid = ?", [workshop["uid"]]):
            workshop.pop("uid")  # already here: this is a copy, with an identity of its own
        workshop_id = _insert(db, "workshop", "workshop", import_rules.clean("workshop", "workshop", workshop))
        local: dict[str, dict[int, int]] = {}  # each table's ids in the file -> the ids stored now
        for table, (refs, private) in TABLES.items():
            _import_table(db, table, document.get(table, []), refs, private, workshop_id, local)
        _cascade_part(db, document, workshop_id, parent_id, local.get("objective", {}))
        _branding_part(db, document, workshop_id)
        _check_whole(db, workshop_id)
        if "rounds_seal" not in workshop:  # a file from before closed rounds were sealed as a list: as m0022 does
            ledger.seal_rounds(db, workshop_id)
    return workshop_id


def _import_table(db: Database, table: str, rows, refs: dict, private, workshop_id: int, local: dict[str, dict[int, int]]) -> None:
    """Store one table's rows of the file, each cleaned, its references to other rows of the file
    turned into the ids they were stored under; `local` learns this table's ids."""
    if not isinstance(rows, list):
        raise Invalid(f"{table} must be a list.")
    columns = {k: v for k, v in table_columns(db, table).items() if k != "workshop_id"}
    required = _required(db, table) - set(private)
    owned = "workshop_id" in table_columns(db, table)
    for index, raw in enumerate(rows):
        where = f"{table}[{index}]"
        raw = import_rules.read_first(table, where, raw)
        row = _clean_row({k: v for k, v in columns.items() if k not in private}, where, raw, required)
        old_id = row.pop("id", None)
        if "id" in columns and not isinstance(old_id, int):
            raise Invalid(f"{where}.id must be a whole number.")
        for column, target in refs.items():
            if row.get(column) is not None:
                if row[column] not in local.get(target, {}):
                    raise Invalid(f"{where}.{column} refers to {target} {row[column]}, which is not in the file.")
                row[column] = local[target][row[column]]
        row = _as_new(table, import_rules.clean(table, where, row))
        if owned:
            row["workshop_id"] = workshop_id
        new_id = _insert(db, table, where, row)
        if old_id is not None:
            if old_id in local.setdefault(table, {}):
                raise Invalid(f"{where}.id {old_id} appears twice.")
            local[table][old_id] = new_id


def _as_new(table: str, row: dict) -> dict:
    """What a row gets afresh in the copy: a protected round hides its results while open (an older
    file may not say so), and each participant a new token and rejoin key (a paper voter never joins)."""
    if table == "voting_round" and disclosure.protects(row.get("anonymity")):
        row["results_hidden"] = 1
    if table == "participant" and row.get("kind") == "paper":
        row["token"], row["rejoin_key"] = f"paper:{token_urlsafe(16)}", None
    elif table == "participant":
        row["token"] = token_urlsafe(16)
        row["rejoin_key"] = token_urlsafe(4).upper()
    return row


def _check_whole(db: Database, workshop_id: int) -> None:
    """What no single row shows: the four perspectives, and causal links that never loop."""
    keys = sorted(p["key"] for p in store.rows(db, "SELECT key FROM perspective WHERE workshop_id = ?", [workshop_id]))
    if keys != sorted(("financial", "customer", "internal", "learning")):
        raise Invalid("The file must hold the four perspectives (financial, customer, internal, learning).")
    graph: dict[int, list[int]] = {}
    for link in store.rows(db, "SELECT cause_id, effect_id FROM causal_link WHERE workshop_id = ?", [workshop_id]):
        graph.setdefault(link["cause_id"], []).append(link["effect_id"])
    state: dict[int, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: int) -> None:
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                raise Invalid("The file's causal links run in a loop; cause and effect must run one way.")
            if nxt not in state:
                visit(nxt)
        state[node] = 2

    for node in list(graph):
        if node not in state:
            visit(node)


# --- the cascade: the parent by its identifier, contributions by the parent objectives' titles ---


def _text(where: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{where} must be the text of an objective's title.")
    return value


def _find_parent(db: Database, document: dict) -> int | None:
    """The id of the document's parent in this database; None for a workshop with no parent.
    A parent that is not here is refused, saying which one and what to do."""
    parent = document.get("parent")
    if parent is None:
        if document.get("contribution") or document.get("expected_contribution"):
            raise Invalid("The file lists contributions to a parent workshop but names no parent.")
        return None
    if not isinstance(parent, dict) or not isinstance(parent.get("uid"), str) or not parent["uid"].strip():
        raise Invalid("The file's \"parent\" must give the parent workshop's identifier (uid).")
    found = store.one(db, "SELECT id FROM workshop WHERE uid = ?", [parent["uid"]])
    if found is None:
        name = " · ".join(str(parent.get(k)) for k in ("organisation", "unit") if isinstance(parent.get(k), str))
        raise Invalid(
            f"This workshop is a lower unit of {name or 'another workshop'} (identifier "
            f"{parent['uid'][:40]}), which is not in this database. Import the parent's file "
            "first, then this one: the unit's objectives name the parent objectives they serve."
        )
    return found["id"]


def _cascade_part(db: Database, document: dict, workshop_id: int, parent_id: int | None, local_objectives: dict[int, int]) -> None:
    """Link the imported workshop to its parent and restore its contributions (inside the import's
    transaction: a refusal here leaves nothing behind)."""
    if parent_id is None:
        return
    db.execute("UPDATE workshop SET parent_id = ? WHERE id = ?", [parent_id, workshop_id])
    titles = {r["title"].casefold(): r["id"] for r in store.rows(db, "SELECT id, title FROM objective WHERE workshop_id = ?", [parent_id])}

    def parent_objective(where: str, title) -> int:
        found = titles.get(_text(where, title).casefold())
        if found is None:
            raise Invalid(
                f"{where} names the parent objective “{title[:200]}”, which the parent in this "
                "database does not have (renamed or deleted since the file was made?)."
            )
        return found

    for table in ("contribution", "expected_contribution"):
        if not isinstance(document.get(table, []), list):
            raise Invalid(f"{table} must be a list.")
    for index, row in enumerate(document.get("contribution", [])):
        where = f"contribution[{index}]"
        if not isinstance(row, dict) or row.get("objective_id") not in local_objectives:
            raise Invalid(f"{where} must name one of the file's objectives.")
        db.execute(
            "INSERT OR IGNORE INTO contribution (objective_id, parent_objective_id) VALUES (?, ?)",
            [local_objectives[row["objective_id"]], parent_objective(f"{where}.parent_objective", row.get("parent_objective"))],
        )
    for index, row in enumerate(document.get("expected_contribution", [])):
        where = f"expected_contribution[{index}]"
        if not isinstance(row, dict):
            raise Invalid(f"{where} must be an object.")
        db.execute(
            "INSERT OR IGNORE INTO expected_contribution (workshop_id, parent_objective_id) VALUES (?, ?)",
            [workshop_id, parent_objective(f"{where}.parent_objective", row.get("parent_objective"))],
        )


# --- the branding: the same checks as the report page's upload ---


def _branding_part(db: Database, document: dict, workshop_id: int) -> None:
    part = document.get("branding")
    if part is None:
        return
    if not isinstance(part, dict) or set(part) - {"accent", "logo"}:
        raise Invalid("branding must be an object with an accent colour and a logo.")
    accent, logo = part.get("accent"), part.get("logo")
    if accent is not None:
        if not isinstance(accent, str):
            raise Invalid("branding.accent must be text such as #1f4e79.")
        _named("branding.accent", lambda: branding.set_accent(db, workshop_id, accent))
    if logo is not None:
        if not isinstance(logo, str):
            raise Invalid("branding.logo must be the image as base64 text.")
        try:
            data = base64.b64decode(logo, validate=True)
        except (binascii.Error, ValueError):
            raise Invalid("branding.logo is not base64 text; export the workshop again.") from None
        _named("branding.logo", lambda: branding.set_logo(db, workshop_id, data))


def _named(where: str, store_it) -> None:
    try:
        store_it()
    except Invalid as error:
        raise Invalid(f"{where}: {error}") from None
