"""The client's branding for the sponsor's deliverables: an accent colour and a logo image."""

from __future__ import annotations

from sqlite_utils import Database

from workshop.db.migrations import run_sql

_HEX = "'#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'"


def m0006_branding(db: Database) -> None:
    """One row per workshop at most: the accent colour of the PDF, deck and workbook, and the
    client's logo (PNG or JPEG, at most 2 MB) stored in the database, never as a file path."""
    run_sql(
        db,
        f"""
CREATE TABLE branding (
  workshop_id INTEGER PRIMARY KEY REFERENCES workshop(id) ON DELETE CASCADE,
  accent TEXT NOT NULL DEFAULT '#1f4e79' CHECK (accent GLOB {_HEX}),
  logo BLOB CHECK (logo IS NULL OR length(logo) BETWEEN 1 AND 2097152),
  logo_type TEXT CHECK (logo_type IN ('image/png', 'image/jpeg')),
  CHECK ((logo IS NULL) = (logo_type IS NULL))
);
""",
    )
