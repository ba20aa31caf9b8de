"""The cascade: starting a lower unit's scorecard from its parent, and saying how each of the
unit's objectives serves the parent (or why it is local to the unit).

A lower unit starts pre-filled: the parent's strategic themes (and the corporate themes the parent
honours) become its head-office themes, its perspectives follow the parent's order and names, its
sister units are the parent's other lower units, and every objective the parent agreed is listed as
one the unit is expected to contribute to (the facilitator narrows the list in phase 1).
"""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.clean import clean_name, clean_text
from workshop.core.errors import Duplicate, Invalid
from workshop.db import store
from workshop.method import map_setup, objectives, workshops

REASON_MAX = 500


def _parent_of(db: Database, workshop_id: int) -> dict:
    row = store.one(db, "SELECT p.id, p.unit FROM workshop w JOIN workshop p ON p.id = w.parent_id WHERE w.id = ?", [workshop_id])
    if row is None:
        raise Invalid("This workshop is not a lower unit of another: it has no parent objectives to serve.")
    return row


def _agreed_parent_objectives(db: Database, parent_id: int) -> list[dict]:
    return store.rows(
        db,
        "SELECT o.id, o.title FROM objective o JOIN perspective p ON p.id = o.perspective_id "
        "WHERE o.workshop_id = ? AND o.status = 'agreed' ORDER BY p.position, o.id",
        [parent_id],
    )


def start_cascade(db: Database, parent_id: int, unit: str, *, owner: str = "") -> int:
    """Create the scorecard of a lower unit of `parent_id`, pre-filled from it; returns its id."""
    unit = clean_name(unit, "The lower unit's name")
    owner = clean_name(owner, "The owner", required=False)
    with store.write(db):
        parent = store.get(db, "workshop", parent_id, "workshop")
        agreed = _agreed_parent_objectives(db, parent_id)
        if not agreed:
            raise Invalid(
                f"{parent['unit']} has no agreed objectives yet. A lower unit's scorecard "
                "starts from the objectives its parent agreed in the consensus workshop "
                "(phase 3); agree them first."
            )
        if unit.casefold() == parent["unit"].casefold():
            raise Invalid("A lower unit needs a name of its own, not its parent's.")
        existing = store.one(db, "SELECT id FROM workshop WHERE parent_id = ? AND unit = ? COLLATE NOCASE", [parent_id, unit])
        if existing:
            raise Duplicate(f"{unit} already has its scorecard (workshop {existing['id']}); open it from the alignment view.")
        child_id = workshops.create_workshop(
            db, parent["organisation"], unit, sector=parent["sector"], facilitator=parent["facilitator"], currency=parent["currency"]
        )
        store.update(db, "workshop", child_id, {"parent_id": parent_id})  # it shares the parent's passphrase (room/access.py), never a copy
        _follow_perspectives(db, parent_id, child_id)
        _head_office_themes(db, parent, child_id)
        _sister_units(db, parent, child_id, unit)
        db.table("expected_contribution").insert_all({"workshop_id": child_id, "parent_objective_id": o["id"]} for o in agreed)
        if not store.one(db, "SELECT 1 FROM cascade_unit WHERE workshop_id = ? AND unit = ? COLLATE NOCASE", [parent_id, unit]):
            store.insert(
                db,
                "cascade_unit",
                {
                    "workshop_id": parent_id,
                    "unit": unit,
                    "owner": owner,
                    "approach": f"Own scorecard started from the objectives {parent['unit']} agreed.",
                },
            )
    return child_id


def _follow_perspectives(db: Database, parent_id: int, child_id: int) -> None:
    mine = {p["key"]: p["id"] for p in workshops.perspectives(db, child_id)}
    theirs = workshops.perspectives(db, parent_id)
    for p in theirs:
        workshops.rename_perspective(db, mine[p["key"]], p["name"])
    map_setup.set_perspective_order(db, child_id, [mine[p["key"]] for p in theirs])


def _head_office_themes(db: Database, parent: dict, child_id: int) -> None:
    seen: set[str] = set()
    themes = [
        (t["name"], f"A strategic theme of {parent['unit']}" + (f": {t['description']}" if t["description"] else "."))
        for t in store.rows(db, "SELECT * FROM theme WHERE workshop_id = ? ORDER BY id", [parent["id"]])
    ]
    themes += [
        (t["name"], t["requirement"]) for t in store.rows(db, "SELECT * FROM head_office_theme WHERE workshop_id = ? ORDER BY id", [parent["id"]])
    ]
    for name, requirement in themes:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            store.insert(db, "head_office_theme", {"workshop_id": child_id, "name": name, "requirement": requirement})


def _sister_units(db: Database, parent: dict, child_id: int, unit: str) -> None:
    names = [r["unit"] for r in store.rows(db, "SELECT unit FROM cascade_unit WHERE workshop_id = ? ORDER BY id", [parent["id"]])]
    names += [r["unit"] for r in store.rows(db, "SELECT unit FROM workshop WHERE parent_id = ? ORDER BY id", [parent["id"]])]
    seen = {unit.casefold()}
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            store.insert(db, "sister_unit", {"workshop_id": child_id, "name": name, "relationship": f"Another lower unit of {parent['unit']}."})


# --- how the unit's objectives serve the parent -------------------------------------------------


def set_contributions(db: Database, objective_id: int, parent_objective_ids) -> None:
    """The parent objectives one objective of a lower unit contributes to (replacing the previous
    list). Naming at least one clears a "local" reason: an objective is one or the other."""
    ids = list(dict.fromkeys(int(i) for i in parent_objective_ids))
    with store.write(db):
        objective = objectives.get_objective(db, objective_id)
        parent = _parent_of(db, objective["workshop_id"])
        agreed = {o["id"] for o in _agreed_parent_objectives(db, parent["id"])}
        if any(i not in agreed for i in ids):
            raise Invalid(f"An objective can contribute only to objectives {parent['unit']} agreed.")
        db.execute("DELETE FROM contribution WHERE objective_id = ?", [objective_id])
        db.table("contribution").insert_all({"objective_id": objective_id, "parent_objective_id": i} for i in ids)
        if ids:
            store.update(db, "objective", objective_id, {"local_reason": ""})


def mark_local(db: Database, objective_id: int, reason: str) -> None:
    """Say why an objective of a lower unit serves no objective of the parent; removes its
    contributions. An empty reason is refused: "local" without a why is what the check flags."""
    reason = clean_text(reason, "Why the objective is local to the unit", required=True, max_len=REASON_MAX, multiline=False)
    with store.write(db):
        objective = objectives.get_objective(db, objective_id)
        _parent_of(db, objective["workshop_id"])
        db.execute("DELETE FROM contribution WHERE objective_id = ?", [objective_id])
        store.update(db, "objective", objective_id, {"local_reason": reason})


def set_alignment(db: Database, objective_id: int, parent_objective_ids, local_reason: str = "") -> None:
    """One form's answer: the parent objectives served, or else the reason the objective is local."""
    ids = list(parent_objective_ids or ())
    if ids:
        set_contributions(db, objective_id, ids)
    elif str(local_reason or "").strip():
        mark_local(db, objective_id, local_reason)
    else:
        with store.write(db):
            objective = objectives.get_objective(db, objective_id)
            _parent_of(db, objective["workshop_id"])
            db.execute("DELETE FROM contribution WHERE objective_id = ?", [objective_id])
            store.update(db, "objective", objective_id, {"local_reason": ""})


def add_contributing_objective(
    db: Database, workshop_id: int, title: str, perspective_id: int, *, serves=(), local_reason: str = "", **fields
) -> int:
    """A draft objective of a lower unit together with what it serves in the parent."""
    with store.write(db):
        _parent_of(db, workshop_id)
        objective_id = objectives.add_objective(db, workshop_id, title, perspective_id, **fields)
        set_alignment(db, objective_id, serves, local_reason)
    return objective_id


def set_expected(db: Database, workshop_id: int, parent_objective_ids) -> None:
    """The parent objectives the unit is expected to contribute to (replacing the previous list)."""
    ids = list(dict.fromkeys(int(i) for i in parent_objective_ids))
    with store.write(db):
        parent = _parent_of(db, workshop_id)
        agreed = {o["id"] for o in _agreed_parent_objectives(db, parent["id"])}
        if any(i not in agreed for i in ids):
            raise Invalid(f"Choose among the objectives {parent['unit']} agreed.")
        db.execute("DELETE FROM expected_contribution WHERE workshop_id = ?", [workshop_id])
        db.table("expected_contribution").insert_all({"workshop_id": workshop_id, "parent_objective_id": i} for i in ids)


def set_perspective_reason(db: Database, workshop_id: int, reason: str) -> None:
    """Why the unit's perspectives (their names or order) differ from its parent's."""
    _parent_of(db, workshop_id)
    store.update(
        db,
        "workshop",
        workshop_id,
        {"perspective_reason": clean_text(reason, "Why the perspectives differ from the parent's", max_len=REASON_MAX, multiline=False)},
    )


def parent_objectives(db: Database, workshop_id: int) -> list[dict]:
    """The parent's agreed objectives, for a lower unit's forms (id, title)."""
    return _agreed_parent_objectives(db, _parent_of(db, workshop_id)["id"])
