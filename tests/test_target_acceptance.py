"""Issue 23's acceptance for target types: a scorecard whose targets read "< 2.00%", "> 24%",
"98–100%", "AAA", "Successful implementation by 2027-06-30" and "TBD", one measure with no lead/lag
and no frequency, imports from JSON, raises none of the old false alarms, and the report and the
deck print each target as meant and "not stated" where nothing was said."""

from __future__ import annotations

import io
import json

import pytest
from helpers import demo_into
from pptx import Presentation
from pypdf import PdfReader

from workshop import checks
from workshop.db import scorecard, store
from workshop.deliverables import files, record
from workshop.deliverables.exchange import export
from workshop.method import phases
from workshop.starters import from_json

TARGET_COLUMNS = ("target_type", "target_strict", "target_low", "target_high", "target_level", "rating_scale", "green", "red")
# measure (by its place in the demo) → what the published scorecard prints, and how it reads back
TYPED = {
    12: ("< 2.00%", {}, "< 2 %"),  # Engineer attrition: a cap
    1: ("> 24%", {}, "> 24 %"),  # Operating margin: a floor
    7: ("98–100%", {}, "98–100 %"),  # First-time-right deliveries: a range
    2: ("AAA", {"name": "Credit rating", "unit": "", "baseline": None}, "AAA"),
    8: (
        "Successful implementation by 2027-06-30",
        {"name": "Self-service portal", "unit": "", "baseline": None},
        "Successful implementation by 2027-06-30",
    ),
    5: ("TBD", {}, "to be decided"),  # Revenue from existing clients: not decided yet
}
UNSTATED = 5  # its file says neither lead/lag nor frequency


def published(document: dict) -> dict:
    """The demo's export with targets as a published scorecard prints them: text only, no type."""
    document = json.loads(json.dumps(document))
    for n, (typed, changes, _) in TYPED.items():
        m = document["measure"][n]
        for column in TARGET_COLUMNS:
            m.pop(column, None)
        m.update(target=typed, **changes)
    for column in ("kind", "frequency"):
        document["measure"][UNSTATED].pop(column)
    return document


@pytest.fixture(scope="module")
def imported():
    db = store.connect(":memory:")
    document = export.export_workshop(db, demo_into(db))
    fresh = store.connect(":memory:")
    wid = from_json.import_workshop(fresh, published(document))
    return fresh, wid, scorecard.load(fresh, wid)


def _measure(card, n: int):
    name = TYPED[n][1].get("name") if n in TYPED else None
    ordered = sorted(card.measures, key=lambda m: m.id)
    return next(m for m in card.measures if m.name == name) if name else ordered[n]


def test_each_typed_target_imports_as_its_type(imported):
    _, _, card = imported
    kinds = {n: _measure(card, n).goal.type for n in TYPED}
    assert kinds == {12: "at_most", 1: "at_least", 7: "range", 2: "rating", 8: "milestone", 5: "tbd"}
    assert _measure(card, 12).goal.strict and _measure(card, 12).direction == "lower"
    assert _measure(card, 8).target_date == "2027-06-30"
    assert (_measure(card, UNSTATED).kind, _measure(card, UNSTATED).frequency) == ("", "")  # never lag/monthly


def test_the_imported_scorecard_raises_none_of_the_old_false_alarms(imported):
    _, _, card = imported
    found = {f.id: f for f in checks.run(card)}
    assert "measure-no-target" not in found
    assert "target-direction" not in found
    assert "measure-is-milestone" not in found
    tbd = found["measure-target-tbd"]
    assert tbd.severity == "warning" and [i.id for i in tbd.items] == [_measure(card, 5).id]
    assert [i.id for i in found["measure-no-kind"].items] == [_measure(card, UNSTATED).id]
    assert [i.id for i in found["measure-no-frequency"].items] == [_measure(card, UNSTATED).id]
    assert not any(line.startswith("Set a target") for line in phases._measures(card))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_report_prints_each_target_as_meant_and_not_stated_as_said(imported):
    db, wid, _ = imported
    pdf = files.build(record.read(db, wid), "pdf")
    text = _squeezed(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    for _, _, shown in TYPED.values():
        assert _squeezed(shown.removesuffix(" by 2027-06-30")) in text, shown
    assert "by30June2027" in text  # the date in words, as the report writes dates
    assert "notstated" in text and "frequencynotstated" in text
    assert "e+" not in text


def test_the_deck_prints_each_target_as_meant(imported):
    db, wid, _ = imported
    deck = Presentation(io.BytesIO(files.build(record.read(db, wid), "pptx")))
    cells = [cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    for _, _, shown in TYPED.values():  # a dated target is followed by its date ("> 24 % by 2028-12-31")
        assert any(c == shown or c.startswith(f"{shown} by ") for c in cells), shown
    assert "Successful implementation by 2027-06-30" in cells and "to be decided" in cells
    assert not any("e+" in c for c in cells)
