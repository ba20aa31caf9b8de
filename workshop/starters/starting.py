"""Creating a workshop: blank or from a starter, with its passphrase."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.core.clean import clean_name
from workshop.db import store
from workshop.method import workshops
from workshop.room.access import clean_passphrase, set_passphrase
from workshop.starters import catalogue


def create_workshop(db: Database, organisation: str, unit: str, *, passphrase: str = "", template: str = "", **details) -> int:
    """A new workshop, blank or from a template, with its facilitator passphrase (optional here;
    required before the room joins), in one transaction."""
    if passphrase:
        clean_passphrase(passphrase)
    with store.write(db):
        if template:
            workshop_id = catalogue.create_from_template(
                db, template, organisation=clean_name(organisation, "The organisation's name"), unit=clean_name(unit, "The unit's name"), phase=1
            )
        else:
            workshop_id = workshops.create_workshop(db, organisation, unit, **details)
        if passphrase:
            set_passphrase(db, workshop_id, passphrase)
    return workshop_id
