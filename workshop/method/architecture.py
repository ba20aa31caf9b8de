"""Phase 1, the measurement architecture: the unit's ties to head office and to its sister units."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.clean import clean_name, clean_text
from workshop.db import store


def add_head_office_theme(db: Database, workshop_id: int, name: str, requirement: str = "") -> int:
    """A corporate theme the unit must honour (safety, environment, quality …)."""
    row = {
        "workshop_id": workshop_id,
        "name": clean_name(name, "The head-office theme"),
        "requirement": clean_text(requirement, "What head office requires"),
    }
    return store.insert(db, "head_office_theme", row, duplicate=f"The head-office theme “{row['name']}” is already recorded.")


def add_sister_unit(db: Database, workshop_id: int, name: str, relationship: str = "") -> int:
    row = {
        "workshop_id": workshop_id,
        "name": clean_name(name, "The sister unit's name"),
        "relationship": clean_text(relationship, "The relationship"),
    }
    return store.insert(db, "sister_unit", row, duplicate=f"The sister unit “{row['name']}” is already recorded.")


def remove_head_office_theme(db: Database, theme_id: int) -> None:
    store.delete(db, "head_office_theme", theme_id)


def remove_sister_unit(db: Database, unit_id: int) -> None:
    store.delete(db, "sister_unit", unit_id)
