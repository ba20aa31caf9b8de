"""The risk register fed by the room (report/risks.py): each source the room or the figures give a
risk from, with its cause, its owner and where it came from; in the PDF's risk section and on the
deck's slides, paged when long."""

from __future__ import annotations

import dataclasses
import io

import pytest
from helpers import demo_copy
from pptx import Presentation

from workshop.core import methods
from workshop.db import scorecard, store
from workshop.deliverables import record
from workshop.deliverables.deck import risks as deck_risks
from workshop.deliverables.deck import slides
from workshop.deliverables.report import document, parts, risks
from workshop.starters import catalogue


@pytest.fixture(scope="module")
def scenario():
    """A starter's scorecard and a hand-built record of its rounds, one source of risk each (the
    shape report/parts.consensus_rounds gives)."""
    db = store.connect(":memory:")
    card = scorecard.load(db, catalogue.create_from_template(db, "manufacturer"))
    o = card.agreed_objectives()
    big = max(card.initiatives, key=lambda i: i.budget or 0)
    untended, undecided = card.measures[0], card.measures[1]
    card.measures[0] = dataclasses.replace(untended, owner="")
    card.measures[1] = dataclasses.replace(undecided, target_type="tbd", target=None, target_low=None, target_high=None, green=None, red=None)

    def item(objective, verdict, **more):
        return {"key": f"objective:{objective.id}", "subject": objective.title, "verdict": verdict, "positive_pct": 55.0, "decision": None} | more

    rounds = [
        {
            "workshop": 1,
            "round": 1,
            "title": "Draft objectives",
            "items": [
                item(o[0], "re-discuss"),  # closed at Re-discuss, nothing decided since
                item(o[1], "drop", decision="agreed"),  # agreed against the vote
                item(o[2], "consensus", positive_pct=80.0, split=True),  # the room split at both ends
                item(o[3], "re-discuss", subject="Shift long hauls to rail"),  # voted on under its old wording
            ],
        },
        {"workshop": 1, "round": 2, "title": "Fist to five", "items": [item(o[4], "discuss", blocks=1)]},
        {
            "workshop": 3,
            "round": 1,
            "title": "Impact and effort",
            "items": [],
            "priority": {
                "chart": methods.GRID,
                "x": "Effort",
                "y": "Impact",
                "key": [{"label": big.name, "item_key": f"initiative:{big.id}", "now": big.name, "divided": True}],
            },
        },
        {
            "workshop": 3,
            "round": 2,
            "title": "Where should the money go?",
            "items": [],
            "priority": {
                "chart": methods.SPLIT,
                "budgets": True,
                "rows": [
                    {
                        "subject": big.name,
                        "item_key": f"initiative:{big.id}",
                        "now": big.name,
                        "share": 12.0,
                        "budget_share": 41.0,
                        "gap": -29.0,
                        "notable": True,
                    }
                ],
            },
        },
    ]
    yield card, rounds, {"objectives": o, "big": big, "untended": untended, "undecided": undecided}
    db.close()


def by_kind(register: list[risks.Risk], kind: str) -> list[risks.Risk]:
    return [r for r in register if r.kind == kind]


def test_an_initiative_the_split_sets_29_points_below_its_budget_share_is_a_risk_with_its_cause(scenario):
    card, rounds, named = scenario
    [risk] = by_kind(risks.register(card, rounds), risks.MONEY)
    assert risk.subject == named["big"].name
    assert "29 points less on it than its share of the budget (12% of the points, 41% of the budget)" in risk.cause
    assert risk.owner == named["big"].owner
    assert risk.source == "Workshop 3, round 2 (Where should the money go?)"


def test_an_objective_closed_at_re_discuss_is_a_risk_with_its_cause(scenario):
    card, rounds, named = scenario
    unsettled = by_kind(risks.register(card, rounds), risks.UNSETTLED)
    first = next(r for r in unsettled if r.subject == named["objectives"][0].title)
    assert "closed at Re-discuss (55% in support, below the 75% set for consensus) and no decision was recorded" in first.cause
    assert first.owner == named["objectives"][0].owner
    assert first.source == "Workshop 1, round 1 (Draft objectives)"


def test_an_item_reworded_since_the_vote_is_named_by_its_current_wording(scenario):
    card, rounds, named = scenario
    reworded = next(r for r in risks.register(card, rounds) if "Shift long hauls to rail" in r.cause)
    assert reworded.subject == named["objectives"][3].title
    assert reworded.cause.endswith("(voted on as “Shift long hauls to rail”)")


def test_an_item_agreed_against_its_vote_is_a_risk_and_its_source_names_the_decision(scenario):
    card, rounds, named = scenario
    [risk] = by_kind(risks.register(card, rounds), risks.AGAINST)
    assert risk.subject == named["objectives"][1].title
    assert "The vote said Drop" in risk.cause and "yet it was agreed" in risk.cause
    assert risk.source.endswith("decision: agreed")


def test_a_block_a_divided_grid_and_a_split_room_are_risks(scenario):
    card, rounds, named = scenario
    register = risks.register(card, rounds)
    [blocked] = by_kind(register, risks.BLOCKED)
    assert blocked.subject == named["objectives"][4].title and blocked.cause.startswith("1 block at the last vote")
    divided = by_kind(register, risks.DIVIDED)
    assert {r.subject for r in divided} == {named["big"].name, named["objectives"][2].title}
    grid = next(r for r in divided if r.subject == named["big"].name)
    assert "divided on where it sits (Impact against Effort)" in grid.cause and grid.source.startswith("Workshop 3, round 1")


def test_a_measure_with_no_owner_or_no_target_is_a_risk(scenario):
    card, rounds, named = scenario
    register = risks.register(card, rounds)
    assert [r.subject for r in by_kind(register, risks.NO_OWNER)] == [named["untended"].name]
    assert named["undecided"].name in [r.subject for r in by_kind(register, risks.NO_TARGET)]


def test_the_register_comes_in_the_order_of_its_headings_and_each_key_is_unique(scenario):
    card, rounds, _ = scenario
    register = risks.register(card, rounds)
    assert [r.kind for r in register] == sorted((r.kind for r in register), key=risks.ORDER.index)
    assert len({r.key for r in register}) == len(register)


def test_a_vote_the_decision_followed_raises_no_risk(scenario):
    card, _, named = scenario
    o = named["objectives"][0]
    settled = [
        {
            "workshop": 1,
            "round": 1,
            "title": "R",
            "items": [{"key": f"objective:{o.id}", "subject": o.title, "verdict": "drop", "decision": "dropped"}],
        }
    ]
    assert not by_kind(risks.register(card, settled), risks.UNSETTLED) + by_kind(risks.register(card, settled), risks.AGAINST)


def test_the_register_cuts_into_even_slides():
    made = [risks.Risk(str(n), risks.MONEY, "x", "y", "z", "s") for n in range(9)]
    assert [len(p) for p in deck_risks.pages(made, 6)] == [5, 4]
    assert deck_risks.pages([]) == []


@pytest.fixture(scope="module")
def demo_record():
    db, wid = demo_copy()
    yield record.read(db, wid)
    db.close()


def test_the_demo_record_raises_its_split_its_decisions_against_the_vote_and_its_measures_off_target(demo_record):
    register = risks.register(demo_record.card, parts.consensus_rounds(demo_record), demo_record.latest_periods)
    kinds = {r.kind for r in register}
    assert {risks.MONEY, risks.AGAINST, risks.OFF_TARGET} <= kinds
    off = by_kind(register, risks.OFF_TARGET)[0]
    assert off.cause.startswith("Off target in ") and " planned" in off.cause and off.source.startswith("Actuals, ")


def test_the_pdf_risk_section_lists_the_register_instead_of_nothing_is_open(demo_record):
    html = document.build_html(demo_record)
    section = html[html.index('<section id="risks">') : html.index('<section id="next">')]
    assert "The risk register" in section and "Nothing is open" not in section
    assert "Why it is a risk" in section and "Money and the room apart" in section


def test_the_deck_has_the_risk_slides(demo_record):
    deck = Presentation(io.BytesIO(slides.build_pptx(demo_record)))
    titles = [" ".join(s.shapes[2].text_frame.text.split()) for s in deck.slides if len(s.shapes) > 2 and s.shapes[2].has_text_frame]
    register = risks.register(demo_record.card, parts.consensus_rounds(demo_record), demo_record.latest_periods)
    assert titles.count("Risks to watch") == len(deck_risks.pages(register))
