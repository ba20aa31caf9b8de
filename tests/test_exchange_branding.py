"""The client's logo and accent colour travel with a workshop file, checked as an upload is."""

import base64
import io

import pytest
from PIL import Image

from workshop.core.errors import WorkshopError
from workshop.deliverables.exchange import export
from workshop.method import branding
from workshop.starters import from_json


def png(colour: str = "#aa3355") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_workshop_moved_to_another_laptop_keeps_its_logo_and_colour(demo_db):
    db, wid = demo_db
    branding.set_logo(db, wid, png())
    branding.set_accent(db, wid, "#7a1f5c")
    first = export.export_workshop(db, wid)
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(first)))
    look = branding.get(db, copy)
    assert (look.accent, look.logo, look.logo_type) == ("#7a1f5c", png(), "image/png")
    second = export.export_workshop(db, copy)
    assert second["branding"] == first["branding"]


def test_a_workshop_without_branding_exports_no_branding_and_imports_the_default_look(demo_db):
    db, wid = demo_db
    document = export.export_workshop(db, wid)
    assert "branding" not in document
    copy = from_json.import_workshop(db, document)
    assert branding.get(db, copy) == branding.Branding()


@pytest.mark.parametrize(
    "part, message",
    [
        ({"accent": "#ffffff"}, "branding.accent: That colour is too light"),
        ({"accent": "red"}, "branding.accent: Give the accent colour as #rrggbb"),
        ({"logo": "not base64 at all!"}, "branding.logo is not base64"),
        ({"logo": base64.b64encode(b"<svg onload=alert(1)>").decode()}, "branding.logo: The logo must be a PNG or JPEG"),
        ({"logo": 12}, "branding.logo must be the image as base64 text"),
        ({"colour": "#112233"}, "branding must be an object"),
        ("#112233", "branding must be an object"),
    ],
)
def test_a_file_with_a_bad_logo_or_colour_is_refused_whole(demo_db, part, message):
    db, wid = demo_db
    document = export.export_workshop(db, wid)
    document["branding"] = part
    workshops = db["workshop"].count
    with pytest.raises(WorkshopError, match=message):
        from_json.import_workshop(db, document)
    assert db["workshop"].count == workshops
    assert db["branding"].count == 0
