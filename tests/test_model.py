"""Unit tests of the plain rules in workshop/model.py."""

import pytest

from workshop.core.clean import clean_date, clean_name, clean_number, clean_text
from workshop.core.errors import Invalid
from workshop.core.model import Measure, perspective_order


def measure(**overrides) -> Measure:
    values = {
        "id": 1,
        "objective_id": 1,
        "name": "m",
        "definition": "",
        "unit": "%",
        "data_source": "",
        "data_collection": "",
        "kind": "lag",
        "frequency": "monthly",
        "direction": "higher",
        "baseline": None,
        "target": None,
        "target_date": None,
        "green": 90,
        "red": 80,
        "actual": None,
        "owner": "",
    }
    return Measure(**{**values, **overrides})


def test_an_empty_title_is_refused_with_a_message_that_says_what_to_do():
    with pytest.raises(Invalid, match="empty"):
        clean_name("   ", "The objective's title")


def test_text_is_kept_exactly_as_typed_apart_from_surrounding_spaces():
    assert clean_text("  <script>alert(1)</script>  ", "Title") == "<script>alert(1)</script>"
    assert clean_text("=SUM(A1:A9)", "Title") == "=SUM(A1:A9)"
    assert clean_text("Grow 🚀 in Zürich — ‮evil", "Title").startswith("Grow 🚀")


def test_text_over_the_limit_is_refused_and_says_the_limit():
    assert len(clean_text("x" * 100_000, "Description")) == 100_000
    with pytest.raises(Invalid, match="100,000"):
        clean_text("x" * 100_001, "Description")


def test_control_characters_and_nul_are_refused():
    for bad in ("a\x00b", "a\x07b", "a\x1bb"):
        with pytest.raises(Invalid, match="control characters"):
            clean_text(bad, "Notes")
    assert clean_text("line one\nline two\ttab", "Notes") == "line one\nline two\ttab"


def test_a_name_is_one_line():
    assert clean_name("Grow\nrevenue", "Title") == "Grow revenue"


@pytest.mark.parametrize("raw, expected", [("12.5", 12.5), ("1,200", 1200.0), (3, 3.0), ("", None), (None, None)])
def test_numbers_are_read_as_typed(raw, expected):
    assert clean_number(raw, "Target") == expected


@pytest.mark.parametrize("raw", ["abc", "nan", "inf", True])
def test_non_numbers_are_refused(raw):
    with pytest.raises(Invalid):
        clean_number(raw, "Target")


def test_a_budget_below_zero_is_refused():
    with pytest.raises(Invalid, match="below 0"):
        clean_number("-5", "Budget", minimum=0)


def test_dates_are_stored_as_iso_whatever_way_they_were_typed():
    assert clean_date("2027-01-31", "Deadline") == "2027-01-31"
    assert clean_date("31/01/2027", "Deadline") == "2027-01-31"
    with pytest.raises(Invalid, match="not a date"):
        clean_date("next spring", "Deadline")


def test_a_for_profit_puts_financial_on_top_and_a_public_body_the_customer():
    assert perspective_order("for-profit")[0] == "financial"
    assert perspective_order("public")[0] == "customer"
    assert perspective_order("non-profit")[-1] == "learning"


@pytest.mark.parametrize("actual, status", [(95, "green"), (90, "green"), (85, "amber"), (80, "amber"), (79, "red")])
def test_measure_status_when_higher_is_better(actual, status):
    assert measure().status(actual) == status


@pytest.mark.parametrize("actual, status", [(20, "green"), (25, "amber"), (31, "red")])
def test_measure_status_when_lower_is_better(actual, status):
    assert measure(direction="lower", green=20, red=30).status(actual) == status


def test_measure_status_is_unknown_without_thresholds_or_actual():
    assert measure().status() is None
    assert measure(green=None).status(50) is None


@pytest.mark.parametrize("raw", ["1,5", "12,50", "1,2345"])
def test_a_decimal_comma_is_refused_rather_than_read_as_a_thousands_separator(raw):
    with pytest.raises(Invalid, match="decimals with a point"):
        clean_number(raw, "The target")


def test_thousands_separators_and_exact_decimals_are_kept():
    assert clean_number("1,234,567.89", "Budget") == 1234567.89
    assert clean_number("99.95", "Target") == 99.95


def test_a_required_text_of_only_invisible_characters_is_refused():
    import pytest

    from workshop.core.clean import clean_name
    from workshop.core.errors import Invalid

    with pytest.raises(Invalid, match="nothing visible"):
        clean_name("\u200b\u200d\ufeff", "The objective's title")
    assert clean_name("a\u200bb", "The objective's title") == "a\u200bb"  # visible text keeps its marks
