"""The client's branding in a workshop export: the accent colour and the logo (base64), so a
workshop moved to another laptop prints with the same look. On import both go through the same
checks as the report page's upload (a logo must decode as a PNG or JPEG of at most 2 MB)."""

from __future__ import annotations

import base64
import binascii

from sqlite_utils import Database

from workshop.core.errors import Invalid
from workshop.db import store
from workshop.method import branding


def export_part(db: Database, workshop_id: int) -> dict:
    """{"branding": {...}} when the workshop has any, else nothing (older files stay the same)."""
    if store.one(db, "SELECT 1 FROM branding WHERE workshop_id = ?", [workshop_id]) is None:
        return {}
    look = branding.get(db, workshop_id)
    logo = base64.b64encode(look.logo).decode("ascii") if look.logo else None
    return {"branding": {"accent": look.accent, "logo": logo}}


def import_part(db: Database, document: dict, workshop_id: int) -> None:
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
