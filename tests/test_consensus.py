"""The consensus maths against hand-worked cases."""

import pytest

from workshop.core import consensus
from workshop.core.consensus import Thresholds, borda, gradient_result, median_iqr, rating_result, verdict


def test_median_of_an_even_number_of_ratings_is_the_mean_of_the_middle_two():
    # 1 2 | 4 5 → median (2 + 4) / 2 = 3; inclusive quartiles 1.75 and 4.25 → IQR 2.5
    assert median_iqr([5, 1, 4, 2]) == (3.0, 2.5)


def test_median_of_an_odd_number_of_ratings_is_the_middle_one():
    # 2 3 4 4 5: median 4; Q1 = 3, Q3 = 4 → IQR 1
    assert median_iqr([4, 2, 5, 3, 4]) == (4.0, 1.0)


def test_a_single_voter_gives_their_rating_as_median_and_no_spread():
    result = rating_result([4])
    assert (result.median, result.iqr, result.pct_positive, result.votes) == (4.0, 0.0, 100.0, 1)
    assert result.verdict == "consensus"


def test_everyone_skipping_gives_no_percentages_and_no_verdict():
    result = rating_result([None, None, None])
    assert result.votes == 0 and result.skipped == 3
    assert result.pct_positive is None and result.median is None and result.iqr is None
    assert result.verdict == "no votes"


def test_skips_are_left_out_of_the_percentages():
    # 5, 4, 2 counted (2 positive of 3, 1 negative of 3); 2 skips ignored
    result = rating_result([5, None, 4, 2, None])
    assert (result.pct_positive, result.pct_negative, result.skipped) == (66.7, 33.3, 2)
    assert result.verdict == "re-discuss"


def test_exactly_seventy_five_percent_positive_and_fifteen_negative_is_consensus():
    assert verdict(75.0, 15.0, 0) == "consensus"


def test_enough_positive_but_too_much_negative_is_re_discuss():
    # 4 of 5 positive (80%) but 1 of 5 negative (20% > 15%)
    result = rating_result([5, 5, 4, 4, 1])
    assert (result.pct_positive, result.pct_negative, result.verdict) == (80.0, 20.0, "re-discuss")


def test_half_positive_is_re_discuss_and_below_half_is_drop():
    assert rating_result([5, 1]).verdict == "re-discuss"  # tie: 50% positive
    assert rating_result([5, 1, 3]).verdict == "drop"  # 33.3%


def test_one_block_sends_an_otherwise_unanimous_item_to_discussion():
    result = gradient_result(["endorse"] * 9 + ["block"])
    assert result.blocks == 1 and result.pct_positive == 90.0
    assert result.verdict == "discuss"


def test_abstentions_do_not_count_in_gradient_percentages():
    result = gradient_result(["endorse", "reservations", "abstain", "abstain", "serious_disagreement"])
    assert (result.votes, result.skipped) == (3, 2)
    assert (result.pct_positive, result.pct_negative) == (66.7, 33.3)


def test_unknown_gradient_is_a_programming_error():
    with pytest.raises(ValueError):
        gradient_result(["maybe"])


def test_workshop_thresholds_change_the_verdict():
    strict = Thresholds(consensus_positive=90, consensus_negative=0, rediscuss_positive=70)
    assert rating_result([5, 5, 5, 4, 3], strict).verdict == "re-discuss"  # 80%
    assert rating_result([5, 5, 5, 4, 3]).verdict == "consensus"


def test_borda_points_for_three_items_and_two_voters():
    # A: 3 + 2 = 5, B: 2 + 3 = 5, C: 1 + 1 = 2 → a tie for first
    points = borda([{1: 1, 2: 2, 3: 3}, {2: 1, 1: 2, 3: 3}], [1, 2, 3])
    assert points == {1: 5, 2: 5, 3: 2}
    assert consensus.standings(points) == {1: 1, 2: 1, 3: 3}


def test_borda_gives_unranked_items_nothing():
    assert borda([{7: 1}], [7, 8, 9]) == {7: 3, 8: 0, 9: 0}


def test_dot_totals_and_ties_share_a_place():
    results = {1: consensus.dots_result([2, 1]).points, 2: consensus.dots_result([1, 2]).points, 3: consensus.dots_result([]).points}
    assert results == {1: 3, 2: 3, 3: 0}
    assert consensus.standings(results) == {1: 1, 2: 1, 3: 3}


def test_a_lukewarm_rating_is_re_discussed_not_dropped():
    assert rating_result([3, 3, 3, 4]).verdict == "re-discuss"  # 25% support, nobody against
    assert rating_result([1, 2, 3, 4]).verdict == "drop"  # concern outweighs the neutral answer
