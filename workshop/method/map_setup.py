"""Setting up the strategy map: the order of the perspectives, and the themes with their colours.

The order is a workshop setting (a company puts Financial on top, a public body or non-profit its
customers, stakeholders or mission), set from the sector at creation and changed here.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

from workshop.core.clean import clean_name, clean_text
from workshop.core.errors import Invalid
from workshop.db import store

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def clean_colour(value: object) -> str:
    text = str(value or "").strip()
    if not _COLOUR.match(text):
        raise Invalid("A colour is written #rrggbb, e.g. #4e79a7.")
    return text.lower()


def set_perspective_order(db: Database, workshop_id: int, perspective_ids: list[int]) -> None:
    """Put the perspectives in this order, top of the map first."""
    ids = [int(i) for i in perspective_ids]
    with store.write(db):
        rows = store.rows(db, "SELECT * FROM perspective WHERE workshop_id = ?", [workshop_id])
        if sorted(ids) != sorted(r["id"] for r in rows):
            raise Invalid("Give each of the workshop's four perspectives exactly one place.")
        # Positions are UNIQUE per workshop and SQLite checks that row by row, so the rows are
        # written again in their new places; objectives keep pointing at the same ids.
        db.execute("PRAGMA defer_foreign_keys = ON")
        db.execute("DELETE FROM perspective WHERE workshop_id = ?", [workshop_id])
        by_id = {r["id"]: r for r in rows}
        db.table("perspective").insert_all({**by_id[p], "position": position} for position, p in enumerate(ids, start=1))


def move_perspective(db: Database, perspective_id: int, step: int) -> None:
    """Move one perspective up (step -1) or down (step +1) the map."""
    current = store.get(db, "perspective", perspective_id, "perspective")
    order = [r["id"] for r in store.rows(db, "SELECT id FROM perspective WHERE workshop_id = ? ORDER BY position", [current["workshop_id"]])]
    i = order.index(perspective_id)
    j = i + (1 if step > 0 else -1)
    if not 0 <= j < len(order):
        raise Invalid("That perspective is already at the " + ("bottom." if step > 0 else "top."))
    order[i], order[j] = order[j], order[i]
    set_perspective_order(db, current["workshop_id"], order)


def update_theme(db: Database, theme_id: int, *, name: str | None = None, description: str | None = None, colour: str | None = None) -> None:
    values = {}
    if name is not None:
        values["name"] = clean_name(name, "The theme's name")
    if description is not None:
        values["description"] = clean_text(description, "The theme's description")
    if colour is not None:
        values["colour"] = clean_colour(colour)
    store.update(db, "theme", theme_id, values, duplicate="Another theme already has that name.")


def update_hypothesis(db: Database, link_id: int, hypothesis: str) -> None:
    """Reword the hypothesis of one causal link (the arrow itself stays)."""
    store.update(db, "causal_link", link_id, {"hypothesis": clean_text(hypothesis, "The hypothesis", max_len=500, multiline=False)})
