"""A workshop as one versioned JSON document: export, and all-or-nothing import.

Ids in the document are local to it (1, 2, 3 … per table, in the database's order), so that
export → import → export gives the same document, and a file can be imported into any database.
"""

from __future__ import annotations

import json
import re
import sqlite3
from secrets import token_urlsafe

from sqlite_utils import Database

from workshop.core import disclosure
from workshop.core.errors import Duplicate, Invalid, NotFound, WorkshopError
from workshop.db import store
from workshop.deliverables import exchange_branding, exchange_cascade, import_rules

FORMAT = "scorecard-workshop"
VERSION = 1
MAX_DOCUMENT_BYTES = 20_000_000

# table → (foreign keys: column → table, columns never exported). Parents come before children.
TABLES: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "perspective": ({}, ()),
    "theme": ({}, ()),
    "head_office_theme": ({}, ()),
    "sister_unit": ({}, ()),
    "interview": ({}, ()),
    "participant": ({}, ("token", "rejoin_key")),
    "objective": ({"perspective_id": "perspective", "theme_id": "theme", "proposed_by_participant_id": "participant"}, ()),
    "objective_source": ({"objective_id": "objective", "interview_id": "interview"}, ()),
    "objective_theme": ({"objective_id": "objective", "theme_id": "theme"}, ()),
    "causal_link": ({"cause_id": "objective", "effect_id": "objective"}, ()),
    "measure": ({"objective_id": "objective"}, ()),
    "initiative": ({}, ()),
    "initiative_objective": ({"initiative_id": "initiative", "objective_id": "objective"}, ()),
    "cascade_unit": ({}, ()),
    "comment": ({"objective_id": "objective", "measure_id": "measure", "participant_id": "participant", "parent_id": "comment"}, ()),
    "decision": ({"objective_id": "objective", "measure_id": "measure", "initiative_id": "initiative"}, ()),
    "voting_round": ({"parent_id": "voting_round"}, ()),
    "round_item": (
        {"round_id": "voting_round", "objective_id": "objective", "measure_id": "measure", "initiative_id": "initiative", "link_id": "causal_link"},
        (),
    ),
    "ballot": ({"round_id": "voting_round", "item_id": "round_item", "participant_id": "participant"}, ()),
    "ballot_event": ({"round_id": "voting_round", "item_id": "round_item", "participant_id": "participant"}, ()),
    "hand_tally": ({"round_id": "voting_round", "item_id": "round_item"}, ()),
    "hand_count": ({"round_id": "voting_round", "tally_id": "hand_tally"}, ()),
    "finding_acknowledgement": ({}, ()),
}
WORKSHOP_PRIVATE = ("id", "join_code", "passphrase_hash", "parent_id")  # the parent goes by its uid
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _columns(db: Database, table: str) -> dict[str, str]:
    return {c["name"]: c["type"].upper() for c in db.execute_returning_dicts(f"PRAGMA table_info({table})")}


def _required(db: Database, table: str) -> set[str]:
    """The columns a record must give: NOT NULL and without a default (the key aside)."""
    return {
        c["name"]
        for c in db.execute_returning_dicts(f"PRAGMA table_info({table})")
        if c["notnull"] and c["dflt_value"] is None and not c["pk"] and c["name"] != "workshop_id"
    }


def _rows_of(db: Database, table: str, workshop_id: int) -> list[dict]:
    """Every row of `table` that belongs to the workshop, in id order (or key order)."""
    columns = _columns(db, table)
    if "workshop_id" in columns:
        where, params = "workshop_id = ?", [workshop_id]
    else:  # a link table: belongs through its first foreign key
        fk, parent = next(iter(TABLES[table][0].items()))
        where, params = f"{fk} IN (SELECT id FROM {parent} WHERE workshop_id = ?)", [workshop_id]
    order = "id" if "id" in columns else ", ".join(TABLES[table][0])
    return store.rows(db, f"SELECT * FROM {table} WHERE {where} ORDER BY {order}", params)


def export_workshop(db: Database, workshop_id: int) -> dict:
    workshop = store.get(db, "workshop", workshop_id, "workshop")
    document = {"format": FORMAT, "version": VERSION, "workshop": {k: v for k, v in workshop.items() if k not in WORKSHOP_PRIVATE}}
    local: dict[str, dict[int, int]] = {}
    for table, (refs, private) in TABLES.items():
        out: list[dict] = []
        for row in _rows_of(db, table, workshop_id):
            if "id" in row:
                local.setdefault(table, {})[row["id"]] = len(out) + 1
                row["id"] = len(out) + 1
            for column, target in refs.items():
                if row.get(column) is not None:
                    row[column] = local[target][row[column]]
            out.append({k: v for k, v in row.items() if k != "workshop_id" and k not in private})
        document[table] = out
    document.update(exchange_cascade.export_part(db, workshop_id, local.get("objective", {})))
    document.update(exchange_branding.export_part(db, workshop_id))
    _unlink_private_rounds(document)
    return document


def _unlink_private_rounds(document: dict) -> None:
    """A round that is not named leaves the file without a link from its ballots to the people who
    cast them: each ballot carries its voter's sheet number (drawn at random when the round closed,
    or here for a round still open), its events no participant, the round no voter secret, and no
    ballot or event says it came on paper (the round's count of paper voters stays): the one person
    the room knows had no phone would be named by it. Results, rankings included, still add up after
    import; nobody can be named from the file."""
    private = {r["id"] for r in document.get("voting_round", []) if disclosure.protects(r.get("anonymity"))}
    closed_at = {r["id"]: r.get("closed_at") for r in document.get("voting_round", [])}
    for r in document.get("voting_round", []):
        if r["id"] in private:
            r["salt"] = None
    drawn: dict[int, dict] = {}
    for round_id in private:
        unsheeted = sorted(
            {
                b["participant_id"]
                for b in document.get("ballot", [])
                if b["round_id"] == round_id and b.get("sheet") is None and b["participant_id"] is not None
            }
        )
        taken = max([b.get("sheet") or 0 for b in document.get("ballot", []) if b["round_id"] == round_id] + [0])
        drawn[round_id] = {p: taken + n for p, n in disclosure.shuffled_sheets(unsheeted).items()}
    for b in document.get("ballot", []):
        if b["round_id"] in private:
            b.pop("source", None)  # the paper ballot of the one person without a phone would be theirs
            if b.get("sheet") is None and b["participant_id"] is not None:
                b["sheet"] = drawn[b["round_id"]][b["participant_id"]]
            b["participant_id"] = None
            b["cast_at"] = closed_at[b["round_id"]] or b["cast_at"]  # when each came would say who
    for e in document.get("ballot_event", []):
        if e["round_id"] in private:
            e.pop("source", None)
            e["participant_id"] = None
            e["at"] = closed_at[e["round_id"]] or e["at"]


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)


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
        columns = _columns(db, "workshop")
        workshop = _clean_row(
            {k: v for k, v in columns.items() if k not in WORKSHOP_PRIVATE}, "workshop", document.get("workshop"), _required(db, "workshop")
        )
        parent_id = exchange_cascade.find_parent(db, document)
        if workshop.get("uid") is not None and store.one(db, "SELECT 1 FROM workshop WHERE uid = ?", [workshop["uid"]]):
            workshop.pop("uid")  # already here: this is a copy, with an identity of its own
        workshop_id = _insert(db, "workshop", "workshop", import_rules.clean("workshop", "workshop", workshop))
        local: dict[str, dict[int, int]] = {}
        for table, (refs, private) in TABLES.items():
            rows = document.get(table, [])
            if not isinstance(rows, list):
                raise Invalid(f"{table} must be a list.")
            columns = {k: v for k, v in _columns(db, table).items() if k != "workshop_id"}
            required = _required(db, table) - set(private)
            for index, raw in enumerate(rows):
                where = f"{table}[{index}]"
                row = _clean_row({k: v for k, v in columns.items() if k not in private}, where, raw, required)
                old_id = row.pop("id", None)
                if "id" in columns and not isinstance(old_id, int):
                    raise Invalid(f"{where}.id must be a whole number.")
                for column, target in refs.items():
                    if row.get(column) is not None:
                        if row[column] not in local.get(target, {}):
                            raise Invalid(f"{where}.{column} refers to {target} {row[column]}, which is not in the file.")
                        row[column] = local[target][row[column]]
                row = import_rules.clean(table, where, row)
                if "workshop_id" in _columns(db, table):
                    row["workshop_id"] = workshop_id
                if table == "voting_round" and disclosure.protects(row.get("anonymity")):
                    row["results_hidden"] = 1  # an older file: a round not named hides its results while open
                if table == "participant" and row.get("kind") == "paper":  # voted on paper: never joins
                    row["token"], row["rejoin_key"] = f"paper:{token_urlsafe(16)}", None
                elif table == "participant":
                    row["token"] = token_urlsafe(16)
                    row["rejoin_key"] = token_urlsafe(4).upper()
                new_id = _insert(db, table, where, row)
                if old_id is not None:
                    if old_id in local.setdefault(table, {}):
                        raise Invalid(f"{where}.id {old_id} appears twice.")
                    local[table][old_id] = new_id
        exchange_cascade.import_part(db, document, workshop_id, parent_id, local.get("objective", {}))
        exchange_branding.import_part(db, document, workshop_id)
        _check_whole(db, workshop_id)
    return workshop_id


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


def require_workshop(db: Database, workshop_id: int) -> None:
    if store.one(db, "SELECT 1 FROM workshop WHERE id = ?", [workshop_id]) is None:
        raise NotFound(f"no workshop with id {workshop_id}")
