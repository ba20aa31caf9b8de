"""Actuals: each measure's figures per period (the actual, or the rating reached, or the milestone's
state; a plan typed over the phasing; the owner's comment), saved in batches all or nothing; the
workshop's first reporting month and the month its financial year starts; a period locked after its
review and opened again with a reason; an initiative's budget and spend per period.

The actuals page, the `actuals` command and the workbook reader all hand rows in as dicts:

    {"where": "Row 4", "measure": "Operating margin", "period": "Mar 2027",
     "actual": "3.8", "planned": "4", "comment": "Two large renewals slipped."}

`measure` is a measure's name, or "objective / measure" when two objectives have a measure of the
same name (a page that knows the measure passes `measure_id` instead). A key left out leaves the
stored value as it is; a key given blank clears it (a cleared plan goes back to the phasing).
`check_rows` reads every row and returns the clean entries and every problem, each with where it is
and its column; `save_rows` checks and saves in one transaction, or raises `Refused` (every problem
on it) and saves nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from workshop.core.clean import clean_text, read_quantity
from workshop.core.errors import Invalid, NotFound, WorkshopError
from workshop.core.model import Measure, Scorecard
from workshop.core.periods import Period, frequency_named, read_period
from workshop.core.targets import read_milestone_state, read_rating
from workshop.core.words import plural
from workshop.db import period_reads, store
from workshop.db import scorecard as scorecard_reads
from workshop.method import reviews

COLUMNS = ("measure", "period", "actual", "planned", "comment")
SPEND_COLUMNS = ("initiative", "period", "planned_spend", "spend", "comment")
TEXT_TARGETS = ("rating", "milestone")
_NOUN = {"weekly": "week", "monthly": "month", "quarterly": "quarter", "annually": "year"}
_EXAMPLE = {"weekly": "2027-W05", "monthly": "Mar 2027", "quarterly": "Q1 2027", "annually": "2027"}


@dataclass(frozen=True)
class Problem:
    """What is wrong, where ("Row 4", "Sheet Revenue, row 7") and in which column."""

    where: str
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}, {self.column}: {self.message}" if self.column else f"{self.where}: {self.message}"


class Refused(Invalid):
    """Nothing was saved; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = " ".join(str(p) for p in problems[:20])
        more = f" … and {len(problems) - 20} more." if len(problems) > 20 else ""
        super().__init__(f"Nothing was saved: {plural(len(problems), 'problem')} to fix first. {shown}{more}")


@dataclass(frozen=True)
class Entry:
    """A row read clean: the measure, its period and the columns to write (only those given)."""

    where: str
    measure: Measure
    period: Period
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Saved:
    count: int
    needs_comment: list[tuple[Measure, Period]]  # off target, and no word from the owner why

    def message(self) -> str:
        saved = f"Saved {plural(self.count, 'figure')}."
        if not self.needs_comment:
            return saved
        names = ", ".join(f"{m.name} ({p.label()})" for m, p in self.needs_comment)
        return f"{saved} Off target without the owner's comment: {names}. Ask each owner why, and what they will do about it."


def _norm(text: object) -> str:
    return re.sub(r"\s*/\s*", "/", " ".join(str(text or "").split()).casefold())


class Book:
    """What the rows are checked against: the workshop's measures, horizon and locked periods."""

    def __init__(self, db: Database, workshop_id: int, today: dt.date | None = None):
        self.card: Scorecard = scorecard_reads.load(db, workshop_id)
        self.year_start_month = int(self.card.workshop.get("year_start_month") or 1)
        self.start, self.end = period_reads.span(self.card, today)
        self.locked = period_reads.locks(db, workshop_id)
        titles = {o.id: o.title for o in self.card.objectives}
        self.by_id = {m.id: m for m in self.card.measures}
        self.by_name: dict[str, list[Measure]] = {}
        self.by_full: dict[str, Measure] = {}
        self.shown: dict[str, str] = {}  # a normalised name → as written, for "did you mean"
        for m in self.card.measures:
            full = f"{titles.get(m.objective_id, '')} / {m.name}"
            self.by_name.setdefault(_norm(m.name), []).append(m)
            self.by_full[_norm(full)] = m
            self.shown[_norm(m.name)] = m.name
            self.shown[_norm(full)] = full
        self.titles = titles

    def full_name(self, measure: Measure) -> str:
        return f"{self.titles.get(measure.objective_id, '')} / {measure.name}"

    def measure(self, row: dict) -> Measure:
        if row.get("measure_id") is not None:
            found = self.by_id.get(int(row["measure_id"]))
            if found is None:
                raise Invalid("That measure no longer exists; reload the page.")
            return found
        typed = " ".join(str(row.get("measure") or "").split())
        if not typed:
            raise Invalid("The measure is missing: give its name.")
        named = self.by_name.get(_norm(typed), [])
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            options = "; ".join(f"“{self.full_name(m)}”" for m in named)
            raise Invalid(f"“{typed}” is the name of {len(named)} measures; write it as objective / measure: {options}.")
        if found := self.by_full.get(_norm(typed)):
            return found
        close = difflib.get_close_matches(_norm(typed), list(self.shown), n=1, cutoff=0.6)
        hint = f" Did you mean “{self.shown[close[0]]}”?" if close else ""
        raise Invalid(f"No measure called “{typed[:80]}” in this scorecard.{hint}")

    def period(self, value: object, measure: Measure) -> Period:
        if not measure.frequency:
            raise Invalid(f"“{measure.name}” has no stated frequency: state how often it is measured before entering its figures.")
        period = read_period(value, measure.frequency, self.year_start_month)
        _same_frequency(value, period, measure)
        if period.ends < self.start:
            raise Invalid(f"{period.label()} is before the first reporting month ({self.start:%b %Y}).")
        if period.starts > self.end:
            raise Invalid(f"{period.label()} is after the scorecard's horizon, which ends {self.end:%b %Y} (the furthest target date).")
        if period_reads.is_locked(period, self.locked):
            raise Invalid(
                f"{period.label()} is locked: its review closed it, so its figures stay as reviewed. Open it again, with a reason, to change them."
            )
        return period


def _same_frequency(value: object, period: Period, measure: Measure) -> None:
    """A quarter typed for a monthly measure (or a year for a quarterly one) is refused, not guessed;
    a month names a quarter or a year only when it is its first or its last month."""
    named = frequency_named(value)
    if named is None or named == measure.frequency:
        return
    if named == "monthly" and measure.frequency in ("quarterly", "annually"):
        month = read_period(value, "monthly", period.year_start_month)
        if month.starts in (period.starts, dt.date(period.ends.year, period.ends.month, 1)):
            return
    example = period.label() if named == "monthly" or measure.frequency != "monthly" else _EXAMPLE[measure.frequency]
    raise Invalid(
        f"“{' '.join(str(value).split())}” is a {_NOUN[named]}; “{measure.name}” is reported {measure.frequency}: "
        f"give a {_NOUN[measure.frequency]}, such as {example}."
    )


def _number(value: object, label: str, measure: Measure) -> float | None:
    number, unit = read_quantity(value, label)
    if unit == "%" and measure.unit.strip() not in ("", "%"):
        raise Invalid(f"{label} is typed as a percentage, but “{measure.name}” is measured in {measure.unit}.")
    return number


def _values(row: dict, measure: Measure, problems: dict[str, str]) -> dict:
    """The columns to write, from the keys the row gives; problems by column."""
    goal = measure.goal
    values: dict = {}
    readers = {
        "actual": lambda v: _actual(v, measure),
        "planned": lambda v: {"planned": _planned(v, measure)},
        "comment": lambda v: {"comment": clean_text(v, "The comment", max_len=4000)},
    }
    for column, reader in readers.items():
        if column not in row:
            continue
        try:
            values.update(reader(row[column]))
        except Invalid as error:
            problems[column] = str(error)
    if goal.type in TEXT_TARGETS and "actual" in values:
        values["actual"] = None
    return values


def _actual(value: object, measure: Measure) -> dict:
    goal = measure.goal
    if goal.type == "rating":
        return {"actual_text": read_rating(value, goal, "The rating reached"), "actual": None}
    if goal.type == "milestone":
        return {"actual_text": read_milestone_state(value, "The milestone's state"), "actual": None}
    return {"actual": _number(value, "The actual", measure), "actual_text": ""}


def _planned(value: object, measure: Measure) -> float | None:
    kind = measure.goal.type
    if kind in TEXT_TARGETS and str(value or "").strip():
        what = "a rating" if kind == "rating" else "a milestone"
        raise Invalid(f"“{measure.name}” has {what} for its target: it has no planned figure per period; leave this blank.")
    return _number(value, "The plan", measure)


def check_rows(
    db: Database, workshop_id: int, rows: Iterable[dict], *, today: dt.date | None = None, book: Book | None = None
) -> tuple[list[Entry], list[Problem]]:
    """Every row read against the workshop and the other rows: the clean entries, and every problem."""
    book = book or Book(db, workshop_id, today)
    clean: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[tuple[int, dt.date], str] = {}
    for n, row in enumerate(rows, start=1):
        where = str(row.get("where") or f"Row {n}")
        found: dict[str, str] = {}
        measure = period = None
        values: dict = {}
        try:
            measure = book.measure(row)
        except Invalid as error:
            found["measure"] = str(error)
        if measure is not None:
            try:
                period = book.period(row.get("period"), measure)
            except Invalid as error:
                found["period"] = str(error)
            values = _values(row, measure, found)
        if measure is not None and period is not None:
            first = seen.setdefault((measure.id, period.starts), where)
            if first != where:
                found["period"] = f"“{measure.name}” for {period.label()} is given twice (first in {first}); keep one."
        problems.extend(Problem(where, column, message) for column, message in found.items())
        if not found and measure is not None and period is not None:
            clean.append(Entry(where, measure, period, values))
    return clean, problems


def save_rows(db: Database, workshop_id: int, rows: Iterable[dict], *, today: dt.date | None = None) -> Saved:
    """Check and save every row in one transaction; `Refused` (with every problem) and nothing saved
    if any row has one. Saving succeeds when figures go off target without a comment, and says which."""
    rows = list(rows)
    with store.write(db):
        book = Book(db, workshop_id, today)
        clean, problems = check_rows(db, workshop_id, rows, book=book)
        if problems:
            raise Refused(problems)
        return save_entries(db, book, clean, today=today)


def save_entries(db: Database, book: Book, entries: list[Entry], *, today: dt.date | None = None) -> Saved:
    """Write clean entries (from `check_rows`) in one transaction."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with store.write(db):
        stored = _stored(db, sorted({e.measure.id for e in entries}))
        for entry in entries:
            key = entry.period.starts.isoformat()
            existing = stored.get(entry.measure.id, {}).get(key)
            try:
                if existing is not None:
                    store.update(db, "measure_period", existing["id"], {**entry.values, "updated_at": now})
                else:
                    row = {"measure_id": entry.measure.id, "starts": key, "ends": entry.period.ends.isoformat(), **entry.values}
                    store.insert(db, "measure_period", row)
            except WorkshopError as error:
                column = "period" if "locked" in str(error).lower() else ""
                raise Refused([Problem(entry.where, column, _in_words(error, entry.period))]) from None
        after = _stored(db, sorted({e.measure.id for e in entries}))
    return Saved(len(entries), _needs_comment(book, entries, after, today))


def _in_words(error: WorkshopError, period: Period) -> str:
    if "period locked" in str(error).lower():
        return (
            f"{period.label()} was locked by its review while you worked; its figures stay as reviewed. Open it again, with a reason, to change them."
        )
    return str(error)


def _stored(db: Database, measure_ids: list[int]) -> dict[int, dict[str, dict]]:
    found: dict[int, dict[str, dict]] = {}
    if not measure_ids:
        return found
    marks = ", ".join("?" * len(measure_ids))
    for r in store.rows(db, f"SELECT * FROM measure_period WHERE measure_id IN ({marks})", measure_ids):
        found.setdefault(r["measure_id"], {})[r["starts"]] = r
    return found


def _needs_comment(book: Book, entries: list[Entry], stored: dict[int, dict[str, dict]], today: dt.date | None) -> list[tuple[Measure, Period]]:
    """The saved periods that are off target with no comment from the owner."""
    missing = []
    tracked = {
        m_id: period_reads.track(book.card, book.by_id[m_id], stored.get(m_id, {}), book.locked, today) for m_id in {e.measure.id for e in entries}
    }
    for entry in entries:
        row = tracked[entry.measure.id].row(entry.period.key)
        if row is not None and row.status == "off target" and not row.comment.strip():
            missing.append((entry.measure, entry.period))
    return missing


# --- the workshop's calendar -----------------------------------------------------------------


def set_calendar(db: Database, workshop_id: int, *, reporting_start: object = None, year_start_month: object = None) -> None:
    """The first reporting month (any day of it, "Jan 2027", "2027-01") and the month the financial
    year starts (1–12 or its name). The financial year cannot move under quarters or years already reported."""
    values: dict = {}
    if reporting_start is not None:
        text = str(reporting_start).strip()
        values["reporting_start"] = read_period(reporting_start, "monthly", label="The first reporting month").starts.isoformat() if text else None
    if year_start_month is not None:
        values["year_start_month"] = _month_number(year_start_month)
    with store.write(db):
        workshop = store.get(db, "workshop", workshop_id, "workshop")
        moved = "year_start_month" in values and values["year_start_month"] != workshop["year_start_month"]
        if moved and store.count(
            db,
            """SELECT count(*) FROM measure_period mp JOIN measure m ON m.id = mp.measure_id JOIN objective o ON o.id = m.objective_id
            WHERE o.workshop_id = ? AND m.frequency IN ('quarterly', 'annually')""",
            [workshop_id],
        ):
            raise Invalid("Quarters and years already have figures by the current financial year; the month it starts cannot move under them.")
        store.update(db, "workshop", workshop_id, values)


def _month_number(value: object) -> int:
    text = str(value).strip()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    for pattern in ("%B", "%b"):
        try:
            return dt.datetime.strptime(text, pattern).month
        except ValueError:
            continue
    raise Invalid(f"The financial year's first month: “{text[:20]}” is not a month; give 1–12 or its name (April).")


# --- locks -----------------------------------------------------------------------------------


def lock(db: Database, workshop_id: int, period: Period) -> None:
    """Lock a period's figures (every measure's and initiative's rows that overlap it)."""
    reviews.lock_period(db, workshop_id, period.starts, period.ends)


def unlock(db: Database, workshop_id: int, period: Period, reason: str) -> None:
    """Open every lock that covers the period, with the reason logged."""
    found = [(s, e) for s, e in period_reads.locks(db, workshop_id) if period.starts <= e and period.ends >= s]
    if not found:
        raise NotFound(f"{period.label()} is not locked.")
    with store.write(db):
        for starts, ends in found:
            reviews.unlock_period(db, workshop_id, starts, ends, reason)


def is_locked(db: Database, workshop_id: int, period: Period) -> bool:
    return period_reads.is_locked(period, period_reads.locks(db, workshop_id))


# --- initiatives' spend ----------------------------------------------------------------------


def save_spend(db: Database, workshop_id: int, rows: Iterable[dict]) -> int:
    """An initiative's budget and spend per period, all or nothing: rows with `where`, `initiative`
    (its name) or `initiative_id`, `period` (a month, a quarter or a year, by how it is typed),
    `planned_spend`, `spend`, `comment`. The initiative's spend to date becomes the sum of its periods'."""
    rows = list(rows)
    with store.write(db):
        initiatives = {i["id"]: i for i in store.rows(db, "SELECT id, name FROM initiative WHERE workshop_id = ?", [workshop_id])}
        year_start = int(store.get(db, "workshop", workshop_id, "workshop")["year_start_month"] or 1)
        stored = {
            (r["initiative_id"], r["starts"]): r
            for r in store.rows(
                db,
                "SELECT ip.* FROM initiative_period ip JOIN initiative i ON i.id = ip.initiative_id WHERE i.workshop_id = ?",
                [workshop_id],
            )
        }
        problems: list[Problem] = []
        writes: list[tuple[str, int, Period, dict]] = []
        for n, row in enumerate(rows, start=1):
            where = str(row.get("where") or f"Row {n}")
            found: dict[str, str] = {}
            item = _spend_row(row, initiatives, year_start, stored, found)
            problems.extend(Problem(where, c, m) for c, m in found.items())
            if item is not None and not found:
                writes.append((where, *item))
        if problems:
            raise Refused(problems)
        for where, initiative_id, period, values in writes:
            existing = stored.get((initiative_id, period.starts.isoformat()))
            try:
                if existing:
                    store.update(db, "initiative_period", existing["id"], values)
                else:
                    store.insert(
                        db,
                        "initiative_period",
                        {"initiative_id": initiative_id, "starts": period.starts.isoformat(), "ends": period.ends.isoformat(), **values},
                    )
            except WorkshopError as error:
                raise Refused([Problem(where, "period", _in_words(error, period))]) from None
        for initiative_id in {w[1] for w in writes}:
            total = store.one(db, "SELECT sum(spend) AS s FROM initiative_period WHERE initiative_id = ?", [initiative_id])
            store.update(db, "initiative", initiative_id, {"spend_to_date": (total or {}).get("s")})
    return len(writes)


def _spend_row(row: dict, initiatives: dict[int, dict], year_start: int, stored: dict, found: dict[str, str]) -> tuple[int, Period, dict] | None:
    try:
        initiative_id = _initiative(row, initiatives)
    except Invalid as error:
        found["initiative"] = str(error)
        return None
    try:
        value = row.get("period")
        period = read_period(value, frequency_named(value) or "monthly", year_start)
    except Invalid as error:
        found["period"] = str(error)
        return None
    for (other_id, starts), other in stored.items():
        overlaps = other["starts"] <= period.ends.isoformat() and other["ends"] >= period.starts.isoformat()
        if other_id == initiative_id and starts != period.starts.isoformat() and overlaps:
            found["period"] = (
                f"{period.label()} overlaps the period from {other['starts']} to {other['ends']} already recorded; give the same periods."
            )
    return initiative_id, period, _spend_values(row, found)


def _initiative(row: dict, initiatives: dict[int, dict]) -> int:
    if row.get("initiative_id") is not None:
        if int(row["initiative_id"]) not in initiatives:
            raise Invalid("That initiative no longer exists; reload the page.")
        return int(row["initiative_id"])
    names = {_norm(i["name"]): i for i in initiatives.values()}
    typed = _norm(row.get("initiative"))
    if typed in names:
        return int(names[typed]["id"])
    close = difflib.get_close_matches(typed, list(names), n=1, cutoff=0.6)
    hint = f" Did you mean “{names[close[0]]['name']}”?" if close else ""
    raise Invalid(f"No initiative called “{str(row.get('initiative') or '')[:80]}” in this scorecard.{hint}")


def _spend_values(row: dict, found: dict[str, str]) -> dict:
    values: dict = {}
    for column, label in (("planned_spend", "The budget"), ("spend", "The spend")):
        if column in row:
            try:
                number, _ = read_quantity(row[column], label)
                if number is not None and number < 0:
                    raise Invalid(f"{label} cannot be below 0.")
                values[column] = number
            except Invalid as error:
                found[column] = str(error)
    if "comment" in row:
        try:
            values["comment"] = clean_text(row["comment"], "The comment", max_len=4000)
        except Invalid as error:
            found["comment"] = str(error)
    return values


def initiative_periods(db: Database, workshop_id: int) -> list[dict]:
    """Every initiative's periods: budget, spend and comment, by initiative and date."""
    return store.rows(
        db,
        """SELECT ip.* FROM initiative_period ip JOIN initiative i ON i.id = ip.initiative_id
        WHERE i.workshop_id = ? ORDER BY ip.initiative_id, ip.starts""",
        [workshop_id],
    )


def latest_period(tracks: list[period_reads.Track]) -> dt.date | None:
    """The last day of the latest period with an actual, across every measure."""
    ends = [row.period.ends for t in tracks if (row := t.latest()) is not None]
    return max(ends) if ends else None
