"""Tables in, tables out: the rows of an uploaded XLSX or CSV file or of a paste from a
spreadsheet, and the blank templates to fill in.

openpyxl reads and writes the workbooks and the csv module reads delimited text (a paste from
Excel or Google Sheets is tab-separated, with quotes around cells that hold a line break).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from workshop.core.errors import Invalid

MAX_BYTES = 5_000_000
MAX_ROWS = 1_000
Table = list[list[object]]


def _trimmed(rows: list[list[object]]) -> Table:
    """Rows without the empty ones, and without empty cells at their ends."""
    out = []
    for row in rows:
        cells = list(row)
        while cells and (cells[-1] is None or str(cells[-1]).strip() == ""):
            cells.pop()
        if cells:
            out.append(cells)
    if len(out) > MAX_ROWS + 1:
        raise Invalid(f"That table has {len(out) - 1:,} rows; load at most {MAX_ROWS:,} at a time.")
    return out


def read_pasted(text: str) -> Table:
    """Rows pasted from a spreadsheet (tabs between cells) or typed as CSV (commas or semicolons)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return []
    if len(text) > MAX_BYTES:
        raise Invalid("That paste is too large; paste at most a few thousand rows at a time.")
    if "\t" in text:
        delimiter = "\t"
    else:
        first = text.strip().split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        if delimiter == "," and first.count(",") == 0:
            delimiter = "\t"  # one column: each line is one cell, commas and all
    rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return _trimmed(rows)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Invalid("That CSV file is not text I can read; save it as CSV UTF-8 and try again.")


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


def read_file(data: bytes, filename: str) -> dict[str, Table]:
    """Sheet name → rows, for an .xlsx workbook (every sheet) or a .csv file (one table named "")."""
    if len(data) > MAX_BYTES:
        raise Invalid(f"That file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB.")
    name = (filename or "").lower()
    if name.endswith((".csv", ".txt", ".tsv")):
        return {"": read_pasted(_decode(data))}
    if not name.endswith((".xlsx", ".xlsm")):
        raise Invalid("Load an .xlsx workbook or a .csv file (an old .xls: save it as .xlsx first).")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise Invalid("That file is not an Excel workbook I can open; save it as .xlsx and try again.") from None
    try:
        return {ws.title: _trimmed([[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets}
    finally:
        book.close()


HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def template_xlsx(sheets: dict[str, tuple[list[str], list[list[object]], list[str]]]) -> bytes:
    """A workbook with one sheet per table: headers, example rows and a note under each header."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, (headers, examples, notes) in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = HEADER_FILL
        for row in examples:
            ws.append(row)
        for n, (header, note) in enumerate(zip(headers, notes), start=1):
            width = max(len(header), *(len(str(r[n - 1])) for r in examples if n - 1 < len(r))) if examples else len(header)
            ws.column_dimensions[ws.cell(row=1, column=n).column_letter].width = min(max(width + 2, 12), 48)
            if note:
                ws.cell(row=1, column=n).comment = Comment(note, "Scorecard Workshop")
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_csv(headers: list[str], examples: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(examples)
    return out.getvalue().encode("utf-8-sig")
