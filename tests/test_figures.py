"""Figures as entered: what a person typed reads the same everywhere, with its unit, never rounded,
never in an exponent, compact only where space is short."""

from decimal import Decimal

import pytest

from workshop.core import figures


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (4.24, "4.24"),
        (0.34, "0.34"),
        (1234567.891, "1,234,567.891"),
        (1.75e8, "175,000,000"),
        (1e12, "1,000,000,000,000"),
        (1e15, "1,000,000,000,000,000"),
        (1e-7, "0.0000001"),
        (-5.5, "-5.5"),
        (-1.75e9, "-1,750,000,000"),
        (0, "0"),
        (0.0, "0"),
        (-0.0, "0"),
        (12, "12"),
        (Decimal("2.50"), "2.5"),
    ],
)
def test_a_number_reads_as_it_was_typed(value, shown):
    assert figures.number(value) == shown


def test_binary_noise_is_not_a_decimal_anyone_typed():
    assert figures.number(0.1 + 0.2) == "0.3"
    assert figures.plain(0.1 + 0.2) == "0.3"
    assert figures.number(1 / 3) == "0.333333"  # six significant decimals at most
    assert figures.number(0.000123456789) == "0.000123457"


def test_whole_numbers_stay_whole_however_large():
    assert figures.number(123456789012345678) == "123,456,789,012,345,678"
    assert "e" not in figures.number(1e300).lower()


@pytest.mark.parametrize("value", [1e12, 1e15, 1e-7, 1.75e8, 1e20, -1e15, 123456.789e10])
def test_no_figure_is_ever_written_with_an_exponent(value):
    for text in (
        figures.plain(value),
        figures.number(value),
        figures.number(value, compact=True),
        figures.quantity(value, "EUR"),
        figures.quantity(value, "EUR", compact=True),
        figures.quantity(value, "%"),
        figures.quantity(value, "customers", compact=True),
    ):
        assert "e+" not in text.lower() and "e-" not in text.lower(), text


def test_none_is_nothing_and_a_missing_quantity_a_dash():
    assert figures.number(None) == "" and figures.plain(None) == ""
    assert figures.quantity(None, "EUR") == "—"
    assert figures.quantity(None, "%", empty="") == ""


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (4.24, "", "4.24"),
        (0.34, "%", "0.34 %"),
        (3.8, "%", "3.8 %"),
        (42, "days", "42 days"),
        (1.75e8, "EUR", "€175,000,000"),
        (1e12, "EUR", "€1,000,000,000,000"),
        (1234567.891, "EUR", "€1,234,567.891"),
        (-250000, "EUR", "-€250,000"),
        (0, "EUR", "€0"),
        (38.5e6, "USD", "US$38,500,000"),
        (12.5, "€", "€12.5"),
        (99, "gbp", "£99"),
        (5, "XBT", "5 XBT"),
    ],
)
def test_a_quantity_carries_its_unit(value, unit, shown):
    assert figures.quantity(value, unit) == shown


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (1.75e8, "EUR", "€175m"),
        (1.75e9, "EUR", "€1.75bn"),
        (142e6, "EUR", "€142m"),
        (38.5e6, "USD", "US$38.5m"),
        (1e12, "EUR", "€1tn"),
        (-1.75e8, "EUR", "-€175m"),
        (2.4e6, "customers", "2.4m customers"),
        (999_999, "EUR", "€999,999"),  # under a million: the full figure
        (4.24, "%", "4.24 %"),
    ],
)
def test_compact_money_where_space_is_short(value, unit, shown):
    assert figures.quantity(value, unit, compact=True) == shown


def test_thresholds_carry_the_unit_of_the_figure_beside_them():
    assert figures.bands("higher", 5.5, 4.5, "%") == [("green", "≥ 5.5 %"), ("amber", "4.5 %–5.5 %"), ("red", "< 4.5 %")]
    assert figures.bands("lower", 1e12, 2e12, "EUR", compact=True) == [("green", "≤ €1tn"), ("amber", "€1tn–€2tn"), ("red", "> €2tn")]
    assert figures.bands("higher", 10, 10, "days") == [("green", "≥ 10 days"), ("red", "< 10 days")]
    assert figures.bands("higher", None, 4, "%") == []


def test_the_machine_form_has_no_grouping_and_no_exponent():
    assert [figures.plain(v) for v in (4.24, 1e12, 1e15, 1e-7, -5.5, 0, 175000000.0)] == [
        "4.24",
        "1000000000000",
        "1000000000000000",
        "0.0000001",
        "-5.5",
        "0",
        "175000000",
    ]


def test_the_locale_is_passed_through():
    assert figures.number(1234567.891, "de") == "1.234.567,891"
    assert figures.quantity(0.34, "%", "de") == "0,34\u00a0%"
    assert figures.quantity(1.75e8, "EUR", "de", compact=True) == "175\u00a0Mio.\u00a0€"
    assert figures.quantity(1.75e8, "EUR", "en", compact=True) == "€175m"


def test_a_currency_is_named_by_its_code_or_its_sign():
    assert [figures.currency_of(u) for u in ("EUR", "eur", "€", "$", "£", "days", "%", "", None, "EUR m")] == [
        "EUR",
        "EUR",
        "EUR",
        "USD",
        "GBP",
        None,
        None,
        None,
        None,
        None,
    ]
