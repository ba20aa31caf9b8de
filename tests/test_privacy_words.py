"""What the small-room rule says where it hides something: a hidden split item reads as the rule's
note everywhere (never "no points yet"), the deck names a withheld round by its own setting, and the
rule's words cover grids and splits."""

from __future__ import annotations

from dataclasses import asdict

from privacy_room import small_room

from workshop.core import consensus, disclosure, methods, priorities
from workshop.deliverables.deck import slides
from workshop.deliverables.report import charts
from workshop.room import ballot_view, round_decisions, vote_results

NOTE = "Chosen by fewer than 2 people, so its points stay private."


def test_a_hidden_split_item_reads_as_the_rules_note_everywhere_never_as_no_points_yet(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "split", "anonymous", voters=6)  # the dissenter alone gives the last initiative points
    rows = vote_results.results(db, room.round_id)
    hidden = rows[-1]
    assert hidden["points"] is None and hidden["note"] == NOTE
    assert priorities.split_summary(hidden) == NOTE and priorities.gap_words(hidden) == NOTE
    assert vote_results.summary(hidden, "split").startswith(NOTE)
    card = next(c for c in ballot_view.result_cards(rows, "split") if c["title"] == hidden["label"])
    assert card["note"] == NOTE and card["figures"] == []
    evidence = " ".join(u["evidence"] for u in round_decisions.undecided(db, room.round_id))
    svg = charts.split_svg(rows)
    for text in (evidence, svg):
        assert "no points yet" not in text and "so its points stay private" in text


def test_a_split_with_no_ballots_still_says_no_points_yet():
    assert priorities.split_summary({"share": None, "note": ""}) == "no points yet"
    assert priorities.gap_sentence({"share": 30.0, "budget": 100, "budget_share": 10.0, "gap": 20.0}) == (
        "The room wants more: 20 points above its budget share."
    )


def test_the_deck_names_each_withheld_round_by_its_own_setting():
    words = slides.withheld_words([{"anonymity": "facilitator", "withheld": "x"}, {"anonymity": "named"}])
    assert words == "1 facilitator-only round: results withheld, too few people voted to keep each vote private"
    mixed = [{"anonymity": "anonymous", "withheld": "x"}] + [{"anonymity": "facilitator", "withheld": "x"}] * 2
    assert slides.withheld_words(mixed).startswith("1 anonymous round and 2 facilitator-only rounds: results withheld")
    assert slides.withheld_words([{"anonymity": "anonymous", "withheld": ""}]) == ""


def test_the_rule_says_what_grids_and_splits_show_to_the_facilitator_and_in_the_report():
    for text in (disclosure.rule_text(5), disclosure.report_text()):
        assert "100-point splits" in text and "smallest shown is left out with it" in text
        assert "grid" in text and "middle half" in text and "never the farthest" in text


def test_a_blocked_verdict_after_merged_answers_reads_without_two_colons_in_a_row():
    result = consensus.gradient_result(["endorse"] * 5 + ["block"])
    rows = [{"label": "Grow", "grouping": "", "item_id": 1, **asdict(result)}]
    row = disclosure.protect(rows, methods.get("gradients"), anonymity="anonymous", voters=6)[0]
    text = vote_results.summary(row, "gradients")
    assert text.endswith("— Blocked: discuss") and "people: Blocked" not in text, text
