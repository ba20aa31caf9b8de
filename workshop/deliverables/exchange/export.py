"""A workshop as one versioned JSON document: the format and the export (creating a workshop from
such a file is a starter's job: starters/from_json.py).

Ids in the document are local to it (1, 2, 3 … per table, in the database's order), so that
export → import → export gives the same document, and a file can be imported into any database.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from workshop.core import disclosure
from workshop.core.errors import NotFound
from workshop.db import store
from workshop.deliverables.exchange import branding, cascade

FORMAT = "scorecard-workshop"
VERSION = 1

# table → (foreign keys: column → table, columns never exported). Parents come before children.
TABLES: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "perspective": ({}, ()),
    "theme": ({}, ()),
    "head_office_theme": ({}, ()),
    "sister_unit": ({}, ()),
    "interview": ({}, ()),
    "participant": ({}, ("token", "rejoin_key")),
    "objective": ({"perspective_id": "perspective", "theme_id": "theme", "proposed_by_participant_id": "participant"}, ("carried_from",)),
    "objective_source": ({"objective_id": "objective", "interview_id": "interview"}, ()),
    "objective_theme": ({"objective_id": "objective", "theme_id": "theme"}, ()),
    "causal_link": ({"cause_id": "objective", "effect_id": "objective"}, ()),
    "measure": ({"objective_id": "objective"}, ("carried_from",)),
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
    # after the workshop: periods before the locks that guard them (an import stores the figures first)
    "measure_period": ({"measure_id": "measure"}, ()),
    "initiative_period": ({"initiative_id": "initiative"}, ()),
    "period_unlock": ({}, ()),
    "period_lock": ({}, ()),
    "review": ({}, ()),
    "review_action": (
        {"review_id": "review", "objective_id": "objective", "measure_id": "measure", "initiative_id": "initiative", "closed_in": "review"},
        (),
    ),
    "link_verdict": ({"review_id": "review", "link_id": "causal_link", "round_id": "voting_round"}, ()),
    "measure_change": ({"measure_id": "measure", "review_id": "review"}, ()),
    "incentive_scheme": ({}, ()),
    "incentive_weight": ({"scheme_id": "incentive_scheme", "objective_id": "objective", "measure_id": "measure"}, ()),
    "cycle_change": ({}, ()),
}
# the parent goes by its uid; the previous cycle is another workshop of this database only
WORKSHOP_PRIVATE = ("id", "join_code", "passphrase_hash", "parent_id", "previous_cycle_id")
# Paper voters come after the people who joined, by name: their place among them would say when each
# was typed, and so which sheet of a protected round came from paper (see `_unlink_private_rounds`).
ORDER = {"participant": "kind = 'paper', CASE WHEN kind = 'paper' THEN name END, id"}


def table_columns(db: Database, table: str) -> dict[str, str]:
    return {c["name"]: c["type"].upper() for c in db.execute_returning_dicts(f"PRAGMA table_info({table})")}


def _belongs(db: Database, table: str) -> str:
    """SQL selecting the ids of `table`'s rows that belong to the workshop (`?`): by its own
    workshop_id, or through its first foreign key's table, as far up as it takes (a measure's period
    belongs through its measure, which belongs through its objective)."""
    if "workshop_id" in table_columns(db, table):
        return f"SELECT id FROM {table} WHERE workshop_id = ?"
    fk, parent = next(iter(TABLES[table][0].items()))
    return f"SELECT id FROM {table} WHERE {fk} IN ({_belongs(db, parent)})"


def _rows_of(db: Database, table: str, workshop_id: int) -> list[dict]:
    """Every row of `table` that belongs to the workshop, in id order (or key order)."""
    columns = table_columns(db, table)
    if "workshop_id" in columns:
        where = "workshop_id = ?"
    else:  # belongs through its first foreign key
        fk, parent = next(iter(TABLES[table][0].items()))
        where = f"{fk} IN ({_belongs(db, parent)})"
    order = ORDER.get(table) or ("id" if "id" in columns else ", ".join(TABLES[table][0]))
    return store.rows(db, f"SELECT * FROM {table} WHERE {where} ORDER BY {order}", [workshop_id])


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
    document |= cascade.export_part(db, workshop_id, local.get("objective", {}))
    document |= branding.export_part(db, workshop_id)
    _unlink_private_rounds(document)
    return document


def _unlink_private_rounds(document: dict) -> None:
    """A round that is not named leaves the file without a link from its ballots to the people who
    cast them: each ballot carries its voter's sheet number (drawn at random when the round closed,
    or here for a round still open), its events no participant, the round no voter secret, and no
    ballot or event says it came on paper (the round's count of paper voters stays): the one person
    the room knows had no phone would be named by it. Nor does any order or time say which sheet was
    typed last: the ballots are listed by item and sheet, and a paper voter keeps no time of its own.
    Results, rankings included, still add up after import; nobody can be named from the file."""
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
    _rekey_ballots(document, private)
    for p in document.get("participant", []):
        if p.get("kind") == "paper":  # when it was typed would say where its ballots sit in a round
            p["joined_at"] = document["workshop"].get("created_at") or p["joined_at"]


def _rekey_ballots(document: dict, private: set[int]) -> None:
    """Ballots listed round by round; a protected round's by item and sheet (drawn at random), not by
    when they came, and numbered afresh (nothing refers to a ballot by its id)."""

    def key(b: dict) -> tuple:
        return (b["round_id"], b["item_id"], b.get("sheet") or 0, b["id"]) if b["round_id"] in private else (b["round_id"], b["id"])

    document["ballot"] = sorted(document.get("ballot", []), key=key)
    for number, b in enumerate(document["ballot"], start=1):
        b["id"] = number


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)


def workshop_file(db: Database, workshop_id: int) -> bytes:
    """The workshop file as the command line writes it and the report page hands it out: UTF-8 JSON."""
    return dumps(export_workshop(db, workshop_id)).encode()


def require_workshop(db: Database, workshop_id: int) -> None:
    if store.one(db, "SELECT 1 FROM workshop WHERE id = ?", [workshop_id]) is None:
        raise NotFound(f"no workshop with id {workshop_id}")
