"""Calibration: published scorecards of three kinds and seven sectors (an airline, a bank, a city, a
county, a university, a hospital, a palliative-care association) import, map and report, and the method
checks say of them only what is true. Every finding is pinned in the fixture with the reason it is
right (tests/calibration/*.json)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import calibration
import pytest
from markupsafe import escape

from workshop import checks
from workshop.core.model import Scorecard
from workshop.db import scorecard, store
from workshop.deliverables.exchange import export
from workshop.deliverables.map import layout, svg
from workshop.deliverables.report import document, parts
from workshop.method import acknowledgements
from workshop.starters import from_json

NAMES = calibration.names()


@pytest.fixture(scope="module")
def imported():
    """Each fixture imported, through the JSON exchange a user's file goes through."""
    db = store.connect(":memory:")
    cards: dict[str, Scorecard] = {}
    for name in NAMES:
        text = export.dumps(calibration.document(calibration.load(name)))
        workshop_id = from_json.import_workshop(db, from_json.parse(text))
        cards[name] = scorecard.load(db, workshop_id)
    yield db, cards
    db.close()


def test_there_are_three_kinds_of_published_scorecard():
    kinds = {calibration.load(n)["kind"] for n in NAMES}
    assert kinds == {"for-profit", "public", "non-profit"}


def test_the_fixtures_reach_a_bank_a_university_a_county_and_a_hospital():
    assert {"metro_bank", "university_of_the_free_state", "fauquier_county", "anytown_hospital"} <= set(NAMES)
    assert len(NAMES) >= 7


@pytest.mark.parametrize("name", NAMES)
def test_each_fixture_names_its_source_and_keeps_what_it_states_apart(name):
    fixture = calibration.load(name)
    assert fixture["source"]["title"] and fixture["source"]["read"] and fixture["source"]["short"]
    assert fixture["stated"]["objectives"], "a source states at least one objective"
    assert fixture["filled_in"]["why"]
    stated = calibration.stated_titles(fixture)
    filled = {o["title"] for o in fixture["filled_in"].get("objectives", [])}
    assert not stated & filled  # an objective is either stated or filled in, never both
    for severity, pinned in fixture["pinned"].items():
        assert severity in ("warning", "advice") and all(pinned.values()), "each pinned finding says why"


@pytest.mark.parametrize("name", NAMES)
def test_a_published_scorecard_imports_whole(name, imported):
    _, cards = imported
    card = cards[name]
    fixture = calibration.load(name)
    titles = {o.title for o in card.objectives}
    assert calibration.stated_titles(fixture) <= titles
    assert len(card.links) == len(fixture["stated"].get("links", [])) + len(fixture["filled_in"].get("links", []))
    assert all(o.status == "agreed" for o in card.objectives)


@pytest.mark.parametrize("name", NAMES)
def test_no_error_on_a_published_scorecard(name, imported):
    _, cards = imported
    errors = [checks.describe(f) for f in checks.review(cards[name]) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("name", NAMES)
def test_every_finding_on_a_published_scorecard_is_pinned_with_its_reason(name, imported):
    _, cards = imported
    pinned = calibration.load(name)["pinned"]
    found = {(f.severity, f.id) for f in checks.review(cards[name])}
    expected = {(severity, check_id) for severity, ids in pinned.items() for check_id in ids}
    assert found == expected


@pytest.mark.parametrize("name", NAMES)
def test_no_head_office_alarm_on_a_top_level_organisation(name, imported):
    _, cards = imported
    card = cards[name]
    assert card.scope == "organisation" and not card.is_business_unit
    assert "head-office-links" not in {f.id for f in checks.review(card)}


@pytest.mark.parametrize("name", NAMES)
def test_the_verb_check_names_only_titles_that_are_not_actions(name, imported):
    _, cards = imported
    fixture = calibration.load(name)
    finding = next((f for f in checks.review(cards[name]) if f.id == "objective-verb"), None)
    named = [i.label for i in finding.items] if finding else []
    assert named == fixture["verb_findings"]


@pytest.mark.parametrize("name", NAMES)
def test_the_bundle_check_names_only_objectives_with_two_outcomes(name, imported):
    _, cards = imported
    fixture = calibration.load(name)
    finding = next((f for f in checks.review(cards[name]) if f.id == "objective-bundles-outcomes"), None)
    named = [next(o.title for o in cards[name].objectives if o.id == i.id) for i in finding.items] if finding else []
    assert named == fixture["bundle_findings"]


WORDING = ("objective-verb", "objective-bundles-outcomes", "objective-cut-off", "objective-acronym")


@pytest.mark.parametrize("name", NAMES)
def test_no_title_on_a_published_scorecard_is_called_cut_off_or_unexplained(name, imported):
    """The source's own abbreviations (KEHPCA, UFS) are its name; no published title stops mid-phrase."""
    _, cards = imported
    assert {f.id for f in checks.review(cards[name])} & {"objective-cut-off", "objective-acronym"} == set()


@pytest.mark.parametrize("name", NAMES)
def test_every_wording_finding_on_a_published_scorecard_names_only_what_the_fixture_lists(name, imported):
    _, cards = imported
    fixture = calibration.load(name)
    listed = set(fixture["verb_findings"]) | set(fixture["bundle_findings"])
    for finding in checks.review(cards[name]):
        if finding.id in WORDING:
            named = {next(o.title for o in cards[name].objectives if o.id == i.id) for i in finding.items}
            assert named <= listed, (finding.id, named - listed)


def test_the_banks_two_strategies_meet_in_a_top_objective_that_serves_both(imported):
    """Metro Bank: the top financial objective and the learning base serve every theme, so no objective
    is 'without a theme' and two themes are not too few."""
    _, cards = imported
    card = cards["metro_bank"]
    shared = [o.title for o in card.objectives if o.all_themes]
    assert shared == ["Improve returns", "Develop strategic skills", "Provide access to strategic information", "Align personal goals"]
    assert len(card.themes) == 2
    assert {"themes-count", "objective-no-theme", "theme-empty"} & {f.id for f in checks.review(card)} == set()


def test_a_verb_series_over_one_object_in_a_published_title_is_one_outcome(imported):
    _, cards = imported
    card = cards["anytown_hospital"]
    assert "Motivate, recognize and retain staff" in {o.title for o in card.objectives}
    assert "objective-bundles-outcomes" not in {f.id for f in checks.review(card)}


def test_the_city_objectives_that_start_with_real_verbs_pass(imported):
    _, cards = imported
    card = cards["city_of_charlotte"]
    assert "Safeguard the Environment" in {o.title for o in card.objectives}
    assert "objective-verb" not in {f.id for f in checks.review(card)}


def test_the_citys_cross_cutting_focus_areas_are_each_served(imported):
    _, cards = imported
    card = cards["city_of_charlotte"]
    assert all(card.objectives_serving(t.id) for t in card.themes)
    collaborative = next(o for o in card.objectives if o.title == "Develop Collaborative Solutions")
    assert len(card.themes_of(collaborative)) == 3


@pytest.mark.parametrize("name", NAMES)
def test_a_published_scorecard_maps(name, imported):
    _, cards = imported
    card = cards[name]
    root = ET.fromstring(svg.render_svg(card))
    boxes = root.findall(".//{http://www.w3.org/2000/svg}g[@class='objective']")
    assert len(boxes) == len(card.live_objectives())
    bands = [b.name for b in layout.layout(card).bands]
    assert bands == [p.name for p in sorted(card.perspectives, key=lambda p: p.position)]


def test_the_city_map_has_the_customer_on_top_and_marks_other_themes(imported):
    _, cards = imported
    card = cards["city_of_charlotte"]
    assert layout.layout(card).bands[0].name == "Serve the Customer"
    drawn = svg.render_svg(card)
    assert drawn.count('class="also-serves"') == sum(len(o.other_theme_ids) for o in card.objectives)


@pytest.mark.parametrize("name", NAMES)
def test_a_published_scorecard_reports(name, imported):
    db, cards = imported
    card = cards[name]
    context = document.report_context(card, map_svg=svg.render_svg(card), findings=parts.findings(card))
    html = document.render_html(context)
    for o in card.objectives:
        assert str(escape(o.title)) in html
    assert ('<section id="findings">' in html) == bool(context["findings"])  # the findings appendix


def test_the_airline_reports_to_pdf_with_an_acknowledged_rule_of_thumb(imported):
    """The practitioner's case from the issue: a textbook map of ten objectives, acknowledged."""
    db, cards = imported
    card = cards["southwest_airlines"]
    workshop_id = card.workshop["id"]
    acknowledgements.acknowledge(db, workshop_id, "objectives-total", "A deliberately small illustrative map.")
    card = scorecard.load(db, workshop_id)
    assert "objectives-total" not in {f.id for f in checks.run(card)}
    rows = parts.findings(card)
    assert next(r for r in rows if r["id"] == "objectives-total")["acknowledged"] == "A deliberately small illustrative map."
    pdf = document.render_pdf(document.render_html(document.report_context(card, map_svg=svg.render_svg(card), findings=rows)))
    assert pdf[:5] == b"%PDF-" and len(pdf) > 20_000
