"""The client's branding on the sponsor's deliverables: an accent colour and a logo.

The logo is uploaded once and kept in the database (PNG or JPEG, checked by decoding it), so the
PDF gets it only through the report's asset fetcher and the deck from memory: no file path, no
URL and no SVG (which could carry scripts or references) ever reaches a renderer.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from sqlite_utils import Database

from workshop.core.errors import Invalid
from workshop.db import store

DEFAULT_ACCENT = "#1f4e79"
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4000 * 4000
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


@dataclass(frozen=True)
class Branding:
    accent: str = DEFAULT_ACCENT
    logo: bytes | None = None
    logo_type: str | None = None


def get(db: Database, workshop_id: int) -> Branding:
    row = store.one(db, "SELECT accent, logo, logo_type FROM branding WHERE workshop_id = ?", [workshop_id])
    if row is None:
        return Branding()
    return Branding(row["accent"], bytes(row["logo"]) if row["logo"] else None, row["logo_type"])


def _upsert(db: Database, workshop_id: int, values: dict) -> None:
    with store.write(db):
        store.get(db, "workshop", workshop_id, "workshop")
        db.execute("INSERT OR IGNORE INTO branding (workshop_id) VALUES (?)", [workshop_id])
        sets = ", ".join(f"{column} = ?" for column in values)
        db.execute(f"UPDATE branding SET {sets} WHERE workshop_id = ?", [*values.values(), workshop_id])


def set_accent(db: Database, workshop_id: int, colour: str) -> str:
    """Store the accent colour (#rrggbb); too light a colour is refused, since white text sits on it."""
    colour = (colour or "").strip()
    if not _HEX.fullmatch(colour):
        raise Invalid("Give the accent colour as #rrggbb, for example #1f4e79.")
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    if 0.2126 * r + 0.7152 * g + 0.0722 * b > 170:
        raise Invalid("That colour is too light for white headings on it; choose a darker shade.")
    _upsert(db, workshop_id, {"accent": colour.lower()})
    return colour.lower()


def logo_type(data: bytes) -> str:
    """The MIME type of a PNG or JPEG that really decodes; anything else is refused with a message."""
    if not data:
        raise Invalid("The logo file is empty.")
    if len(data) > MAX_LOGO_BYTES:
        raise Invalid("The logo is larger than 2 MB; export a smaller PNG or JPEG.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in _TYPES:
                raise Invalid("The logo must be a PNG or JPEG image.")
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise Invalid(_too_large(f"{image.width:,} × {image.height:,} pixels"))
            image.verify()
    except Image.DecompressionBombError:  # Pillow refuses to open it at all: far past our limit
        raise Invalid(_too_large("far too many pixels")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise Invalid("The logo must be a PNG or JPEG image that opens.") from None
    return _TYPES[kind]


def _too_large(size: str) -> str:
    side = math.isqrt(MAX_LOGO_PIXELS)
    return f"The logo is too large ({size}); the limit is {side:,} × {side:,} pixels, and 1,000 pixels wide is plenty for print."


def set_logo(db: Database, workshop_id: int, data: bytes) -> None:
    _upsert(db, workshop_id, {"logo": data, "logo_type": logo_type(data)})


def clear_logo(db: Database, workshop_id: int) -> None:
    _upsert(db, workshop_id, {"logo": None, "logo_type": None})
