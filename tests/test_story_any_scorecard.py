"""The sponsor's story reads true on any scorecard: the demo, the starters and published scorecards
imported as JSON (tests/calibration). Titles are set as typed, never re-cased; a title's own full
stop never doubles the sentence's; nothing is said of chains on a map without links, nor of votes no
one cast; the theme counts agree with the themes table; a reworded item goes by its current wording;
dates read as people write them; the facilitator does not own the scorecard's go-live."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as html_lib
import re
import subprocess

import calibration
import pytest
from helpers import demo_copy

from workshop.core.model import Decision
from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.exchange import export
from workshop.deliverables.report import document, parts, story
from workshop.starters import catalogue, from_json

PUBLISHED = calibration.names()  # seven published scorecards, three at least
STARTERS = [t for t in catalogue.list_templates() if t != catalogue.DEMO]


@pytest.fixture(scope="module")
def records() -> dict[str, record.WorkshopRecord]:
    """The demo, every starter and every published scorecard, each read as the deliverables read it."""
    out = {}
    db, wid = demo_copy()
    out["demo"] = record.read(db, wid)
    for name in STARTERS:
        one = store.connect(":memory:")
        out[name] = record.read(one, catalogue.create_from_template(one, name))
    for name in PUBLISHED:
        one = store.connect(":memory:")
        wid = from_json.import_workshop(one, from_json.parse(export.dumps(calibration.document(calibration.load(name)))))
        out[name] = record.read(one, wid)
    return out


NAMES = ["demo", *STARTERS, *PUBLISHED]
_TAGS = re.compile(r"<[^>]+>")
# a mark of punctuation followed by another, with only a closing quote or bracket between (not "…" nor a figure's "1.5.")
DOUBLED = re.compile(r"(?<![.\d])[.,;:][”’\")]?\s?[.,;:](?![.\d])")


def text_of(markup: str) -> str:
    return " ".join(html_lib.unescape(_TAGS.sub(" ", markup)).split())


def summary_html(rec: record.WorkshopRecord) -> str:
    markup = document.build_html(rec)
    return markup[markup.index('<section id="summary">') : markup.index("</section>", markup.index('<section id="summary">'))]


def narrative(rec: record.WorkshopRecord) -> str:
    return " ".join(story.narrative(rec.card, parts.consensus_rounds(rec)))


def recased(title: str) -> str | None:
    """The title as the old story re-cased it mid-sentence ("improve Market Share"), when that differs."""
    lowered = title[:1].lower() + title[1:]
    return lowered if lowered != title else None


@pytest.mark.parametrize("name", NAMES)
def test_no_title_is_re_cased_in_the_story(name, records):
    rec = records[name]
    text = narrative(rec) + " " + text_of(summary_html(rec))
    for typed in ("vision", "strategy_summary", "mission", "values_statement"):  # the team's own statements, quoted whole
        text = text.replace(" ".join((rec.card.workshop.get(typed) or "").split()), "")
    for o in rec.card.objectives:
        wrong = recased(o.title)
        if wrong and wrong not in o.title:
            assert f"“{wrong}" not in text and f" {wrong}" not in text, o.title
    for p in rec.card.perspectives:
        assert f"the {p.name.lower()} outcomes" not in text or p.name.lower() == p.name  # a perspective's name, as typed


@pytest.mark.parametrize("name", NAMES)
def test_no_punctuation_is_doubled_in_the_story(name, records):
    rec = records[name]
    plan = story.first_90_days(rec.card, dt.date(2026, 12, 1))
    text = narrative(rec) + " " + " ".join(s.what for s in plan["steps"])
    assert not DOUBLED.findall(text), DOUBLED.findall(text)


@pytest.mark.parametrize("name", NAMES)
def test_chains_are_claimed_only_on_a_map_with_links(name, records):
    rec = records[name]
    text = narrative(rec)
    if not story.agreed_links(rec.card):
        assert "chain" not in text.lower()
    bare = dataclasses.replace(rec.card, links=[])
    stripped = " ".join(story.narrative(bare, []))
    assert "chain" not in stripped.lower()
    if len(bare.agreed_objectives()) >= 2:
        assert story.NO_LINKS in stripped


@pytest.mark.parametrize("name", NAMES)
def test_consensus_is_claimed_only_when_the_room_voted_or_decided(name, records):
    rec = records[name]
    text = narrative(rec)
    if not rec.rounds:
        assert "voting round" not in text
    if not rec.rounds and not rec.card.decisions:
        assert "The leadership team agreed" not in text
        assert "no vote or decision of the room is recorded" in text


@pytest.mark.parametrize("name", NAMES)
def test_the_theme_counts_of_the_story_agree_with_the_themes_table(name, records):
    rec = records[name]
    if not rec.card.themes:
        pytest.skip("no themes")
    summary = summary_html(rec)
    table = summary[summary.index("<h3>Strategic themes</h3>") :]
    in_table = [int(n) for n in re.findall(r'<td class="num">(\d+)</td></tr>', table)]
    text = narrative(rec)
    in_story = [int(re.search(rf"{re.escape(t.name)} \((\d+) objectives?\)", text)[1]) for t in rec.card.themes]
    assert in_story == in_table == [story.theme_counts(rec.card)[t.id] for t in rec.card.themes]


@pytest.fixture
def manufacturer(records) -> record.WorkshopRecord:
    return records["manufacturer"]


def test_title_case_and_a_title_that_is_a_sentence_read_correctly(manufacturer):
    card = manufacturer.card
    top = min(card.perspectives, key=lambda p: p.position)
    goals = [o for o in card.agreed_objectives() if o.perspective_id == top.id]
    renamed = {goals[0].id: "Improve Market Share", goals[1].id: "We serve our customers."}
    card = dataclasses.replace(card, objectives=[dataclasses.replace(o, title=renamed.get(o.id, o.title)) for o in card.objectives])
    text = " ".join(story.narrative(card, []))
    assert "“Improve Market Share”" in text and "improve Market Share" not in text
    assert "“We serve our customers”" in text and "customers.”" not in text and "we serve our customers" not in text
    assert not DOUBLED.findall(text)


def test_a_dropped_title_ending_in_a_full_stop_is_not_followed_by_another(manufacturer):
    card = manufacturer.card
    first = card.objectives[0]
    card = dataclasses.replace(card, objectives=[dataclasses.replace(first, title="We cut our costs.", status="dropped"), *card.objectives[1:]])
    card = dataclasses.replace(
        card, decisions=[Decision(1, 3, "We cut our costs.", "dropped", "Out of scope", "2027-01-10 10:00:00", objective_id=first.id)]
    )
    text = " ".join(story.narrative(card, []))
    assert "The team decided against “We cut our costs”." in text


def test_an_objective_reworded_after_the_vote_goes_by_its_current_wording(manufacturer):
    card = manufacturer.card
    objective = card.agreed_objectives()[0]
    rounds = [
        {
            "workshop": 1,
            "round": 1,
            "voted": 6,
            "items": [{"key": f"objective:{objective.id}", "subject": "Shift long hauls to rail", "verdict": "re-discuss", "decision": "changed"}],
        }
    ]
    text = " ".join(story.narrative(card, rounds))
    assert f"“{objective.title}” (formerly “Shift long hauls to rail”)" in text


def test_the_first_90_days_name_the_sponsor_not_the_facilitator_and_read_their_dates_in_words(records):
    rec = records["demo"]
    assert rec.card.workshop["facilitator"]
    plan = story.first_90_days(rec.card, dt.date(2026, 12, 1))
    live = next(s for s in plan["steps"] if "goes live" in s.what)
    assert live.who == story.GO_LIVE_OWNER and rec.card.workshop["facilitator"] not in live.who
    next_html = document.build_html(rec)
    section = next_html[next_html.index('<section id="next">') :]
    section = section[: section.index("</section>")]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", section)
    assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b", section)


def test_a_date_reads_as_people_write_it():
    assert story.day(dt.date(2027, 3, 31)) == "31 March 2027"
    assert story.day("2027-01-01") == "1 January 2027"
    assert story.day(None) == ""


@pytest.mark.slow
@pytest.mark.parametrize("name", ["demo", *STARTERS, *PUBLISHED[:3]])
def test_the_pdf_story_reads_true(name, records, tmp_path):
    """The acceptance test on the PDF's own text: the summary page of each scorecard."""
    rec = records[name]
    path = tmp_path / "report.pdf"
    path.write_bytes(document.build_pdf(rec))
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "6", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    start = text.index("1 · Executive summary", text.index("1 · Executive summary") + 1)  # past the contents
    summary = text[start : text.index("Mission", start) if "Mission" in text[start:] else start + 3000]
    for o in rec.card.objectives:
        wrong = recased(o.title)
        if wrong:
            assert f"“{wrong}" not in summary
    assert not DOUBLED.findall(summary)
    if not story.agreed_links(rec.card):
        assert "chain" not in summary.lower()
    for t in rec.card.themes:
        assert f"{t.name} ({story.plural(story.theme_counts(rec.card)[t.id], 'objective')})" in summary
