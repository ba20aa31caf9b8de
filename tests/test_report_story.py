"""The strategy document as a sponsor reads it: plain words, the story, the open points, the next
steps, a sign-off, the client's branding, and a map and timeline that stay legible."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from helpers import demo_into
from PIL import Image
from pypdf import PdfReader

from workshop import checks, cli
from workshop.core import methods, words
from workshop.core.errors import Invalid
from workshop.db import scorecard, store
from workshop.deliverables import files, record
from workshop.deliverables.report import cascade as report_cascade
from workshop.deliverables.report import document, parts, story, timeline
from workshop.method import branding, objectives
from workshop.starters import catalogue

PDFTOTEXT = shutil.which("pdftotext")


def pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    if PDFTOTEXT:
        return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


@pytest.fixture(scope="module")
def flawed(tmp_path_factory):
    """The demo on disk with an objective that has lost its owner: the method checks have findings."""
    path = tmp_path_factory.mktemp("flawed") / "w.db"
    db = store.connect(path)
    wid = demo_into(db)
    card = scorecard.load(db, wid)
    objectives.update_objective(db, card.agreed_objectives()[0].id, owner="")
    ids = [f.check.id for f in checks.run(scorecard.load(db, wid))]
    assert ids, "the flawed demo has findings"
    return path, wid, ids


def cli_pdf(path, wid, tmp_path, *extra) -> bytes:
    out = tmp_path / "out.pdf"
    assert cli.main(["report", "--db", str(path), "--workshop", str(wid), "-o", str(out), *extra]) == 0
    return out.read_bytes()


def test_the_sponsors_pdf_reads_in_plain_words_without_rule_ids_unless_findings_are_asked_for(flawed, tmp_path):
    path, wid, ids = flawed
    text = pdftotext(cli_pdf(path, wid, tmp_path), tmp_path)
    assert "(s)" not in text and "None" not in text
    assert not re.findall(r"[A-Za-z]_[A-Za-z]", text), "no internal name with an underscore"
    assert not [i for i in ids if i in re.sub(r"\s+", "", text)], "no rule id in the sponsor's copy"
    assert "median" not in text and "IQR" not in text
    assert "no owner" not in text and "to be named" in text
    with_findings = pdftotext(cli_pdf(path, wid, tmp_path, "--findings"), tmp_path)
    assert "Appendix B · Method check findings" in with_findings
    assert all(i in re.sub(r"\s+", "", with_findings) for i in ids)


def test_votes_read_in_words_and_dot_rounds_report_standing_and_points():
    rows = {"points": 12, "votes": 6, "standing": 1}
    assert parts._tally(rows, {"method": "dots"}) == "12 dots from 6 voters"
    assert methods.get("dots").standing_words(rows) == "1st place"
    gradients = {"votes": 10, "positive": 8, "counts": {"endorse": 5, "reservations": 3, "block": 2}}
    assert parts._tally(gradients, {"method": "gradients"}).startswith("8 of 10 in support (5 endorse")


def test_plurals_are_real_words():
    assert story.plural(1, "objective") == "1 objective"
    assert story.plural(3, "strategic initiative") == "3 strategic initiatives"
    assert story.plural(2, "person") == "2 people"
    assert story.plural(0, "comment") == "0 comments"
    assert story.plural(2, "decision is", "decisions are") == "2 decisions are"
    assert [words.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]


def test_the_story_open_points_and_next_steps_come_from_the_workshop(demo):
    db, wid, card = demo
    rounds = parts.consensus_rounds(record.read(db, wid))
    narrative = " ".join(story.narrative(card, rounds))
    assert card.workshop["vision"].rstrip(".") in narrative
    assert all(t.name in narrative for t in card.themes)
    assert "14 objectives" in narrative and "€605,000" in narrative
    plan = story.first_90_days(card, dt.date(2026, 11, 30))
    assert plan["start"] == dt.date(2027, 1, 1) and plan["end"] == dt.date(2027, 3, 31)
    whats = [s.what for s in plan["steps"]]
    assert any(w.startswith("First review meeting") for w in whats)
    assert any("Service Desk" in w for w in whats)
    assert [s.when for s in plan["steps"]] == sorted(s.when for s in plan["steps"])


def test_missing_owners_become_one_list_of_open_points(flawed):
    path, wid, _ = flawed
    db = store.connect(path)
    card = scorecard.load(db, wid)
    points = story.open_points(card, parts.consensus_rounds(record.read(db, wid)))
    owners = [p for p in points if p.kind == "Owner to be named"]
    assert [p.subject for p in owners] == [card.agreed_objectives()[0].title]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("template", [catalogue.DEMO, "public-hospital", "full-size"])
def test_the_printed_map_text_is_at_least_8_points(template, paper):
    db = store.connect(":memory:")
    if template == "full-size":
        from bench.report import build

        wid = build(db, 18, 20, 30, 0)
    elif template == catalogue.DEMO:
        wid = demo_into(db)
    else:
        wid = catalogue.create_from_template(db, template)
    card = scorecard.load(db, wid)
    figure = document.map_figure(parts.extras(record.read(db, card.workshop["id"]))["map_svg"], paper)
    assert figure["text_pt"] >= document.MIN_MAP_TEXT_PT


def test_the_timeline_shows_quarters_beyond_a_year_and_its_labels_never_overlap():
    long_plan = timeline._ticks(dt.date(2027, 1, 1), dt.date(2028, 3, 31))
    assert [label for _, label in long_plan][0] == "Q1 27"
    short_plan = timeline._ticks(dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert short_plan[0][1] == "Jan 27"
    for first, last in [((2027, 1, 1), (2027, 12, 31)), ((2027, 1, 1), (2028, 3, 31)), ((2027, 1, 1), (2031, 12, 1)), ((2027, 1, 1), (2045, 1, 1))]:
        a, b = dt.date(*first), dt.date(*last)
        ticks = timeline._ticks(a, b)
        span = (b - a).days + 1
        xs = [timeline.CHART_W * (d - a).days / span for d, _ in ticks]
        widths = [len(label) * timeline.TICK_CHAR_W + 2 for _, label in ticks]
        assert all(x2 - x1 >= w for x1, x2, w in zip(xs, xs[1:], widths))


def png(colour: str = "#aa3355") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_logo_is_stored_in_the_database_and_reaches_weasyprint_only_through_the_fetcher(demo_db):
    db, wid = demo_db.db, demo_db.workshop_id
    branding.set_logo(db, wid, png())
    branding.set_accent(db, wid, "#7a1f5c")
    html = document.build_html(record.read(db, wid))
    assert 'src="client-logo"' in html and "#7a1f5c" in html
    fetched = []
    real = document.asset_fetcher

    def spying(brand=None):
        fetcher = real(brand)
        original = fetcher.fetch

        def fetch(url, headers=None):
            fetched.append(url)
            return original(url, headers)

        fetcher.fetch = fetch
        return fetcher

    document.asset_fetcher = spying
    try:
        pdf = document.build_pdf(record.read(db, wid))
    finally:
        document.asset_fetcher = real
    assert any(u.endswith("/client-logo") for u in fetched)
    cover = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(cover.images) == 1
    with pytest.raises(ValueError):  # without the brand, the name serves nothing
        document.asset_fetcher().fetch((document.ASSETS / document.LOGO_NAME).as_uri())


@pytest.mark.parametrize(
    "data", [b"", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"GIF89a....", b"\x89PNG\r\n\x1a\nbroken", b"=cmd|' /C calc'!A0"]
)
def test_a_logo_that_is_not_a_real_png_or_jpeg_is_refused_with_a_message(demo_db, data):
    with pytest.raises(Invalid):
        branding.set_logo(demo_db.db, demo_db.workshop_id, data)
    assert branding.get(demo_db.db, demo_db.workshop_id).logo is None


@pytest.mark.parametrize("colour", ["red", "#fff", "#ffffff", "#f0f0f0", "</style><script>", ""])
def test_an_accent_colour_that_is_malformed_or_too_light_is_refused(demo_db, colour):
    with pytest.raises(Invalid):
        branding.set_accent(demo_db.db, demo_db.workshop_id, colour)
    assert branding.get(demo_db.db, demo_db.workshop_id).accent == branding.DEFAULT_ACCENT


def test_the_html_version_carries_the_logo_inline(demo_db):
    db, wid = demo_db.db, demo_db.workshop_id
    branding.set_logo(db, wid, png())
    html = files.build(record.read(db, wid), "html").decode()
    assert 'src="data:image/png;base64,' in html and 'src="client-logo"' not in html


def test_the_cascade_still_to_complete_is_an_open_point(demo):
    db, wid, card = demo
    points = story.open_points(card, parts.consensus_rounds(record.read(db, wid)), report_cascade.context(record.read(db, card.workshop["id"])))
    cascade = {p.subject: p.detail for p in points if p.kind == "Cascade to complete"}
    assert "Account Management" in cascade and "not started" in cascade["Account Management"]
    assert "Service Desk" not in cascade  # it serves everything expected of it
