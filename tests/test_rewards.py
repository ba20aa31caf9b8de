"""The reward link: weights that add up to 100 %, a capped weighted achievement per period."""

import pytest

from workshop.core.rewards import achievement, check_weights, score, spread
from workshop.core.targets import read_target


def test_weights_must_add_up_to_one_hundred_and_the_message_says_by_how_much():
    assert check_weights([60, 40]) is None
    assert check_weights([60, 30]) == "The weights add up to 90 %, not 100 %; add 10 %."
    assert check_weights([70, 40]) == "The weights add up to 110 %, not 100 %; remove 10 %."
    assert check_weights([]) == "A scheme needs at least one weight."


@pytest.mark.parametrize(
    ("typed", "planned", "actual", "text", "expected"),
    [
        ("≥ 100", 50.0, 45.0, "", 0.9),  # a flow against its period's plan, not the year
        ("≥ 100", 50.0, 80.0, "", 1.2),  # capped
        ("≤ 2", 2.0, 4.0, "", 0.5),
        ("98–100", None, 99.0, "", 1.0),
        ("AA", None, None, "A", 0.5),
        ("Go live by 2027-06-30", None, None, "done", 1.0),
        ("TBD", None, 5.0, "", None),
    ],
)
def test_achievement_by_target_type(typed, planned, actual, text, expected):
    scale = "AAA > AA > A > BBB" if typed == "AA" else ""
    reached = achievement(read_target(typed, scale=scale), planned, actual, text)
    assert reached == (pytest.approx(expected) if expected is not None else None)


def test_the_score_weights_measures_and_leaves_out_those_without_a_figure():
    weights = spread({1: 50.0}, {30: 50.0}, {1: [10, 11]})
    assert weights == {30: 50.0, 10: 25.0, 11: 25.0}
    result = score(weights, {30: 1.0, 10: 0.5, 11: None})
    assert result.score == pytest.approx((50 * 1.0 + 25 * 0.5) / 75)
    assert result.covered == pytest.approx(0.75)
