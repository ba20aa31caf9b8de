"""What people type into a number or a date field is read as they meant it, or refused with a
message that says how to write it; a percentage keeps its unit."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.core.clean import clean_date, clean_fields, clean_number, read_date, read_quantity
from workshop.core.errors import Invalid
from workshop.db import scorecard
from workshop.deliverables import files, record
from workshop.method import measures, plan, workshops


@pytest.mark.parametrize(
    "typed, number, unit",
    [
        ("20%", 20.0, "%"),
        ("20 %", 20.0, "%"),
        ("12.5", 12.5, ""),
        ("1,200,000", 1_200_000.0, ""),
        ("1.2m", 1_200_000.0, ""),
        ("1.2 million", 1_200_000.0, ""),
        ("250k", 250_000.0, ""),
        ("2bn", 2e9, ""),
        ("€1.2m", 1_200_000.0, ""),
        ("1.200.000", 1_200_000.0, ""),
        ("1 200 000", 1_200_000.0, ""),
        ("-5", -5.0, ""),
        ("−5", -5.0, ""),
        (42, 42.0, ""),
        (None, None, ""),
        ("", None, ""),
    ],
)
def test_numbers_are_read_as_people_type_them(typed, number, unit):
    assert read_quantity(typed, "The target") == (number, unit)


@pytest.mark.parametrize(
    "typed, hint",
    [
        ("3,5", "point \\(3.5\\)"),
        ("abc", "1.2m or 20%"),
        ("12 apples", "not a size"),
        ("5m%", "mixes"),
    ],
)
def test_a_number_that_cannot_be_read_says_how_to_write_it(typed, hint):
    with pytest.raises(Invalid, match=hint):
        clean_number(typed, "The target")


@pytest.mark.parametrize(
    "typed, day",
    [
        ("2027-12-31", "2027-12-31"),
        ("31.12.2027", "2027-12-31"),
        ("31/12/2027", "2027-12-31"),
        ("12/31/2027", "2027-12-31"),
        ("Q4 2027", "2027-12-31"),
        ("q1 2027", "2027-03-31"),
        ("2027-Q2", "2027-06-30"),
        ("31 Dec 2027", "2027-12-31"),
        ("December 31, 2027", "2027-12-31"),
        ("Feb 2028", "2028-02-29"),
        ("2027", "2027-12-31"),
        (dt.date(2027, 5, 1), "2027-05-01"),
        (dt.datetime(2027, 5, 1, 0, 0), "2027-05-01"),
    ],
)
def test_dates_are_read_in_the_ways_people_write_them(typed, day):
    assert clean_date(typed, "The deadline") == day


@pytest.mark.parametrize(
    "typed, start, deadline",
    [
        ("Jan 2027", "2027-01-01", "2027-01-31"),
        ("Q2 2027", "2027-04-01", "2027-06-30"),
        ("2027", "2027-01-01", "2027-12-31"),
        ("15 Jan 2027", "2027-01-15", "2027-01-15"),
    ],
)
def test_an_initiative_typed_to_start_in_a_month_starts_on_its_first_day_and_ends_on_its_last(typed, start, deadline):
    row = clean_fields(plan.INITIATIVE_FIELDS, {"name": "Rail shift", "start_date": typed, "deadline": typed})
    assert (row["start_date"], row["deadline"]) == (start, deadline)


def test_an_initiative_started_and_finished_in_the_same_month_is_not_refused_as_ending_before_it_starts(fresh_db):
    workshop_id = workshops.create_workshop(fresh_db, "Acme", "Logistics")
    initiative_id = plan.add_initiative(fresh_db, workshop_id, "Pilot", start_date="Mar 2027", deadline="Mar 2027")
    row = fresh_db["initiative"].get(initiative_id)
    assert (row["start_date"], row["deadline"]) == ("2027-03-01", "2027-03-31")


def test_a_date_whose_day_and_month_could_be_swapped_is_refused_not_guessed():
    with pytest.raises(Invalid, match="could be 3 Apr or 4 Mar"):
        read_date("03/04/2027", "The deadline")


def test_a_day_that_is_not_in_the_calendar_is_refused():
    with pytest.raises(Invalid, match="not a day of the calendar"):
        read_date("31.02.2027", "The deadline")


def test_every_field_problem_is_reported_at_once():
    with pytest.raises(Invalid) as caught:
        clean_fields(plan.INITIATIVE_FIELDS, {"name": "", "budget": "lots", "deadline": "soon"})
    message = str(caught.value)
    assert "name is empty" in message and "budget" in message and "deadline" in message


def test_a_target_typed_as_a_percentage_makes_the_unit_percent(demo_db):
    db, wid = demo_db
    objective = scorecard.load(db, wid).agreed_objectives()[0]
    mid = measures.add_measure(db, objective.id, "Share of repeat buyers", baseline="12.5%", target="20%", target_date="Q4 2027")
    stored = measures.get_measure(db, mid)
    assert (stored["baseline"], stored["target"], stored["unit"], stored["target_date"]) == (12.5, 20.0, "%", "2027-12-31")


def test_a_percentage_against_a_measure_in_another_unit_is_refused(demo_db):
    db, wid = demo_db
    objective = scorecard.load(db, wid).agreed_objectives()[0]
    with pytest.raises(Invalid, match="percentage but the measure's unit is “EUR”"):
        measures.add_measure(db, objective.id, "Revenue", unit="EUR", target="20%")


def test_a_percentage_stays_a_percentage_in_the_pdf_and_the_workbook(demo_db):
    import io

    from openpyxl import load_workbook

    db, wid = demo_db
    objective = scorecard.load(db, wid).agreed_objectives()[0]
    measures.add_measure(db, objective.id, "Share of repeat buyers", baseline="12.5%", target="20%")
    html = files.build(record.read(db, wid), "html").decode()
    assert "20\u00a0%" in html and "12.5\u00a0%" in html  # the sign kept with its figure by a no-break space
    book = load_workbook(io.BytesIO(files.build(record.read(db, wid), "xlsx")))
    sheet = book["Scorecard"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[headers.index("Measure")].value == "Share of repeat buyers")
    target = row[headers.index("Target")]
    assert target.value == pytest.approx(0.2) and target.number_format.endswith("%")
