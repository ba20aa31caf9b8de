"""The client's branding in a workshop export: the accent colour and the logo (base64), so a
workshop moved to another laptop prints with the same look. On import (starters/from_json.py) both
go through the same checks as the report page's upload (a logo must decode as a PNG or JPEG of at
most 2 MB)."""

from __future__ import annotations

import base64

from sqlite_utils import Database

from workshop.db import store
from workshop.method import branding


def export_part(db: Database, workshop_id: int) -> dict:
    """{"branding": {...}} when the workshop has any, else nothing (older files stay the same)."""
    if store.one(db, "SELECT 1 FROM branding WHERE workshop_id = ?", [workshop_id]) is None:
        return {}
    look = branding.get(db, workshop_id)
    logo = base64.b64encode(look.logo).decode("ascii") if look.logo else None
    return {"branding": {"accent": look.accent, "logo": logo}}
