"""The map's hypotheses tested with the numbers: correlations at lags 0–2, and nothing claimed on too few periods."""

import datetime as dt

from workshop.core.evidence import oriented, weigh_link
from workshop.core.periods import periods


def _series(values, frequency="quarterly", start=dt.date(2025, 1, 1)):
    spans = periods(frequency, start, dt.date(2035, 12, 31))[: len(values)]
    return list(zip(spans, values, strict=True))


CAUSE = [3.0, 5.0, 4.0, 8.0, 6.0, 9.0, 7.0, 11.0, 10.0, 12.0]


def test_an_effect_one_period_behind_its_cause_is_found_at_lag_one():
    effect = [50.0, *[40 + 2 * c for c in CAUSE[:-1]]]  # each period echoes the cause's previous one
    evidence = weigh_link(_series(CAUSE), _series(effect))
    assert evidence.best.lag == 1 and evidence.best.r > 0.99 and evidence.best.n == 9
    assert evidence.verdict == "supports"
    assert evidence.words() == "The effect follows the cause one period later (r = 1.00 over 9 periods)."


def test_four_periods_are_too_few_to_tell():
    evidence = weigh_link(_series(CAUSE[:4]), _series(CAUSE[:4]))
    assert evidence.verdict == "too few periods"
    assert evidence.words().startswith("Too few periods to tell: 4 of the 6 needed")


def test_lower_is_better_is_turned_so_that_up_means_better():
    incidents = [20 - c for c in CAUSE]  # falls as the cause rises: an improvement
    evidence = weigh_link(_series(CAUSE), oriented(_series(incidents), lower_is_better=True))
    assert evidence.best.lag == 0 and evidence.verdict == "supports"


def test_an_effect_that_does_not_follow_says_so():
    flat_noise = [5.0, 4.0, 6.0, 5.0, 4.0, 6.0, 5.0, 4.0, 6.0, 5.0]
    evidence = weigh_link(_series(CAUSE), _series(flat_noise))
    assert evidence.verdict in ("unclear", "contradicts")
    assert evidence.pattern.startswith("the cause improved, the effect")


def test_a_monthly_cause_is_compared_with_a_quarterly_effect_by_quarter():
    monthly = _series([float(m) for m in range(1, 31)], "monthly")
    quarterly = _series([float(q) for q in range(10)], "quarterly")
    evidence = weigh_link(monthly, quarterly, cause_adds_up=True)
    assert evidence.frequency == "quarterly" and evidence.results[0].n == 10 and evidence.verdict == "supports"
