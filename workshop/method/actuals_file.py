"""Actuals from a file: a minimal CSV `measure,period,actual[,planned][,comment]` (a header row
required, the columns in any order), read into the rows `actuals.check_rows` takes, each with the
line it came from ("Row 4": the header is row 1). A blank cell changes nothing: a file never
clears a stored figure.

`READERS` maps a file's suffix to its reader (bytes → rows); the exported workbook's reader is
added here (".xlsx") so the `actuals` command and the page take it by its suffix.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from workshop.core.errors import Invalid
from workshop.method import actuals_workbook
from workshop.method.actuals import COLUMNS, Problem, Refused
from workshop.method.bulk_tables import MAX_BYTES, decode

MAX_ROWS = 20_000
HEADERS = {
    "measure": "measure",
    "kpi": "measure",
    "period": "period",
    "actual": "actual",
    "value": "actual",
    "planned": "planned",
    "plan": "planned",
    "comment": "comment",
    "comments": "comment",
}
REQUIRED = ("measure", "period", "actual")
HEADER_HINT = "measure, period, actual[, planned][, comment]"


def read_csv(data: bytes) -> list[dict]:
    """The CSV's rows as dicts keyed by the columns of `actuals.COLUMNS`; blank cells left out."""
    if len(data) > MAX_BYTES:
        raise Refused([Problem("The file", "", f"It is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB.")])
    return _rows(decode(data), header=True)


def read_pasted(text: str) -> list[dict]:
    """Rows pasted from a spreadsheet (tabs between cells): with a header row, or in the order
    measure, period, actual, planned, comment."""
    return _rows(text, header=False)


def _rows(text: str, *, header: bool) -> list[dict]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = text.lstrip("\n").split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    table = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)]
    if not table:
        raise Refused([Problem("The file", "", f"It has no rows; the first row names the columns: {HEADER_HINT}.")])
    if len(table) > MAX_ROWS + 1:
        raise Refused([Problem("The file", "", f"It has {len(table) - 1:,} rows; load at most {MAX_ROWS:,} at a time.")])
    named = header or all(" ".join(c.split()).casefold() in HEADERS for c in table[0] if c.strip())
    columns = _header(table[0]) if named else dict(enumerate(COLUMNS))
    rows = []
    for line, cells in enumerate(table[1:] if named else table, start=2 if named else 1):
        row: dict = {"where": f"Row {line}"}
        for index, column in columns.items():
            cell = cells[index].strip() if index < len(cells) else ""
            if cell:
                row[column] = cell
        row.setdefault("period", "")
        row.setdefault("measure", "")
        rows.append(row)
    return rows


def _header(cells: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    problems = []
    for index, cell in enumerate(cells):
        name = " ".join(cell.split()).casefold()
        if not name:
            continue
        if name not in HEADERS:
            problems.append(
                Problem("Row 1", cell.strip()[:40], f"“{cell.strip()[:40]}” is not a column I know; the columns are {', '.join(COLUMNS)}.")
            )
        elif HEADERS[name] in columns.values():
            problems.append(Problem("Row 1", cell.strip()[:40], f"The column {HEADERS[name]} is given twice."))
        else:
            columns[index] = HEADERS[name]
    missing = [c for c in REQUIRED if c not in columns.values()]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        problems.append(Problem("Row 1", "", f"The first row names the columns; {', '.join(missing)} {verb} missing ({HEADER_HINT})."))
    if problems:
        raise Refused(problems)
    return columns


def read_workbook(data: bytes) -> list[dict]:
    """The measures' figures typed into the workbook this tool exported (method/actuals_workbook.py)."""
    try:
        return actuals_workbook.read_rows(data)
    except Invalid as error:
        raise Refused([Problem("The file", "", str(error))]) from None


def read_workbook_spend(data: bytes) -> list[dict]:
    """The initiatives' budget and spend typed into the exported workbook."""
    try:
        return actuals_workbook.read_spend_rows(data)
    except Invalid as error:
        raise Refused([Problem("The file", "", str(error))]) from None


READERS: dict[str, Callable[[bytes], list[dict]]] = {".csv": read_csv, ".txt": read_csv, ".tsv": read_csv, ".xlsx": read_workbook}
SPEND_READERS: dict[str, Callable[[bytes], list[dict]]] = {".xlsx": read_workbook_spend}


def read_spend(data: bytes, filename: str) -> list[dict]:
    """The initiatives' rows a file holds (only the exported workbook has them)."""
    reader = SPEND_READERS.get(Path(filename or "").suffix.lower())
    return reader(data) if reader else []


def read_file(data: bytes, filename: str) -> list[dict]:
    """The rows of a file, read by its suffix."""
    reader = READERS.get(Path(filename or "").suffix.lower())
    if reader is None:
        kinds = ", ".join(sorted(READERS))
        raise Refused([Problem("The file", "", f"“{Path(filename).name}” is not a file I can read actuals from; give one of: {kinds}.")])
    return reader(data)
