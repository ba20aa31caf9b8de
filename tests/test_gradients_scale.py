"""The gradients of agreement are read as Sam Kaner's scale means them (Facilitator's Guide to
Participatory Decision-Making, Community at Work): these tests pin the classification to it."""

import pytest

from workshop.core import consensus, methods
from workshop.core.consensus import CONCERN, GRADIENT_GROUPS, GRADIENT_LABELS, GRADIENTS, NEUTRAL, SUPPORT, gradient_result

# Kaner's eight points, in his order, with the reading the method gives each one.
KANER_SCALE = [
    ("Whole-hearted endorsement", SUPPORT),
    ("Agree, with a minor point of contention", SUPPORT),
    ("Support, with reservations", SUPPORT),
    ("Abstain", NEUTRAL),
    ("More discussion needed", NEUTRAL),
    ("Don't like it, but will support it", SUPPORT),
    ("Serious disagreement", CONCERN),
    ("Block (veto)", CONCERN),
]


def test_the_ballot_offers_kaners_eight_points_in_his_order():
    assert [GRADIENT_LABELS[g] for g in GRADIENTS] == [label for label, _ in KANER_SCALE]


def test_each_point_counts_as_support_neutral_or_concern_as_the_scale_means_it():
    assert [GRADIENT_GROUPS[g] for g in GRADIENTS] == [group for _, group in KANER_SCALE]


def test_dont_like_it_but_will_support_it_is_a_vote_to_go_ahead():
    result = gradient_result(["disagree_but_support"] * 4)
    assert (result.pct_positive, result.pct_negative, result.verdict) == (100.0, 0.0, "consensus")


def test_more_discussion_needed_is_not_a_vote_against():
    result = gradient_result(["endorse", "endorse", "more_discussion", "more_discussion"])
    assert (result.pct_positive, result.pct_negative, result.pct_neutral) == (50.0, 0.0, 50.0)
    assert result.verdict == "re-discuss"


def test_an_item_the_room_mostly_wants_to_discuss_is_never_dropped():
    result = gradient_result(["endorse", "more_discussion", "more_discussion", "more_discussion"])
    assert result.pct_positive == 25.0 and result.verdict == "re-discuss"


def test_serious_disagreement_without_support_drops_the_item():
    result = gradient_result(["serious_disagreement"] * 3 + ["endorse"])
    assert (result.pct_positive, result.pct_negative, result.verdict) == (25.0, 75.0, "drop")


def test_a_single_veto_stops_an_item_until_it_is_discussed():
    assert gradient_result(["endorse"] * 9 + ["block"]).verdict == "discuss"


def test_serious_disagreement_is_concern_but_not_a_veto():
    result = gradient_result(["endorse"] * 9 + ["serious_disagreement"])
    assert (result.blocks, result.pct_negative, result.verdict) == (0, 10.0, "consensus")


def test_abstaining_is_shown_but_left_out_of_the_shares():
    result = gradient_result(["endorse", "abstain", "abstain"])
    assert (result.votes, result.skipped, result.pct_positive) == (1, 2, 100.0)
    assert result.counts["abstain"] == 2


def test_the_full_distribution_is_kept_in_plain_words_support_to_the_right():
    result = gradient_result(["endorse", "minor_point", "more_discussion", "block"])
    rows = methods.get("gradients").distribution(result.counts)
    assert [r["label"] for r in rows][0] == "Block (veto)" and rows[-1]["label"] == "Whole-hearted endorsement"
    assert sum(r["count"] for r in rows) == 4 and len(rows) == 8
    groups = [r["group"] for r in rows]
    assert groups == sorted(groups, key=[CONCERN, NEUTRAL, SUPPORT].index)
    assert methods.get("gradients").tally_text(result.counts) == (
        "Whole-hearted endorsement 1 · Agree, with a minor point of contention 1 · More discussion needed 1 · Block (veto) 1"
    )


def test_gradients_and_ratings_read_in_the_same_direction():
    strong = gradient_result(["endorse"] * 3).median
    weak = gradient_result(["serious_disagreement"] * 3).median
    assert strong > weak
    assert consensus.rating_result([5, 5]).median > consensus.rating_result([1, 1]).median
    assert consensus.gradient_at(strong) == "Whole-hearted endorsement"


@pytest.mark.parametrize("name", GRADIENTS)
def test_no_internal_name_is_a_label(name):
    for label in (GRADIENT_LABELS[name], consensus.GRADIENT_SHORT_LABELS[name], methods.get("gradients").answer_label(name)):
        assert "_" not in label and label[0].isupper()


def test_the_explanation_names_the_source_and_every_point():
    text = consensus.GRADIENTS_EXPLAINED
    assert "Kaner" in text and "Participatory Decision-Making" in text
    for phrase in (
        "endorsement",
        "minor point",
        "reservations",
        "will support",
        "abstain",
        "more discussion needed",
        "serious disagreement",
        "block",
    ):
        assert phrase in text.lower()
