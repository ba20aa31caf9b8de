"""Tables in, tables out: the rows of an uploaded XLSX or CSV file or of a paste from a
spreadsheet, and the blank templates to fill in.

openpyxl reads and writes the workbooks and the csv module reads delimited text (a paste from
Excel or Google Sheets is tab-separated, with quotes around cells that hold a line break).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from typing import IO
from xml.etree import ElementTree as ET

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from workshop.core.errors import Invalid

MAX_BYTES = 5_000_000
MAX_ROWS = 1_000
Table = list[list[object]]


def _trimmed_row(row: list[object]) -> list[object]:
    """A row without the empty cells at its end (none left: an empty row)."""
    cells = list(row)
    while cells and (cells[-1] is None or str(cells[-1]).strip() == ""):
        cells.pop()
    return cells


def _trimmed(rows: list[list[object]]) -> Table:
    """Rows without the empty ones, and without empty cells at their ends."""
    out = [cells for cells in map(_trimmed_row, rows) if cells]
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


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-16 (Excel's "Unicode text"), UTF-8, or all of it in Windows Western
    (cp1252, Excel's plain "CSV"). Anything else is refused naming the first line that is not UTF-8:
    a file that mixes UTF-8 lines with others, or text in an encoding that cannot be told apart
    from the bytes alone (Chinese GBK, Japanese, Cyrillic …), read as cp1252 would be stored garbled."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise Invalid("That file says it is Unicode text but part of it is not; save it as CSV UTF-8 and try again.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    bad = next(n for n, line in enumerate(lines, 1) if not _is_utf8(line))
    utf8 = next((n for n, line in enumerate(lines, 1) if not line.isascii() and _is_utf8(line)), None)
    again = "Save it as “CSV UTF-8” and load it again; nothing was saved."
    if utf8 is not None:
        raise Invalid(f"That CSV file mixes two encodings: line {utf8} is UTF-8 but line {bad} is not. {again}")
    if _western(data):
        return data.decode("cp1252")
    raise Invalid(
        f"Line {bad} of that CSV file is not UTF-8, and the file does not read as Windows Western text "
        f"either (it may be Chinese, Japanese, Cyrillic or another encoding). {again}"
    )


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]{3,}")


def _western(data: bytes) -> bool:
    """Text in Windows Western puts an accented letter among plain ones ("Réduire", "Größe"); three or
    more non-ASCII bytes in a row is a two-byte encoding's words (GBK's 中文 is four), not Western text."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return _NON_ASCII_RUN.search(data) is None


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
        return {"": read_pasted(decode(data))}
    if not name.endswith((".xlsx", ".xlsm")):
        raise Invalid("Load an .xlsx workbook or a .csv file (an old .xls: save it as .xlsx first).")
    try:  # read twice, streaming: the values saved with the file, and what was typed (a formula)
        _refuse_long_sheets(data)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        typed = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise Invalid("That file is not an Excel workbook I can open; save it as .xlsx and try again.") from None
    try:
        return {ws.title: _sheet_rows(ws, typed[ws.title]) for ws in book.worksheets}
    finally:
        book.close()
        typed.close()


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's part in the package → the sheet's name (the part's name if the workbook does not say)."""
    parts = {n: n.rsplit("/", 1)[-1] for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    try:
        targets = {
            r.get("Id"): r.get("Target", "") for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels")).iter(f"{_RELATIONSHIPS}Relationship")
        }
        for sheet in ET.fromstring(book.read("xl/workbook.xml")).iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(_RELATION_ID), "").lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            if part in parts:
                parts[part] = sheet.get("name") or parts[part]
    except (KeyError, ET.ParseError):
        pass
    return parts


def _refuse_long_sheets(data: bytes) -> None:
    """Before openpyxl opens the workbook (which reads a sheet whole when it does not give its size),
    each sheet's start is read as a stream: the size it gives (its "dimension"), else its rows counted
    up to the limit. A sheet of a million rows is refused after reading a thousand."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for part, name in _sheet_parts(book).items():
            with book.open(part) as sheet:
                rows = _rows_up_to_limit(sheet)
            if rows > MAX_ROWS + 1:
                raise Invalid(
                    f"The sheet “{name}” runs to more than {MAX_ROWS:,} rows; load at most {MAX_ROWS:,} rows at a time "
                    "(if the rows below your table are empty, delete them and save the workbook again)."
                )


def _rows_up_to_limit(sheet: IO[bytes]) -> int:
    """The sheet's last row as its dimension gives it, or its rows counted until past the limit."""
    rows = 0
    for _event, element in ET.iterparse(sheet, events=("start",)):
        if element.tag == f"{_MAIN}dimension":
            last = re.search(r"(\d+)$", element.get("ref", ""))
            if last and int(last.group(1)) > MAX_ROWS + 1:
                return int(last.group(1))
        elif element.tag == f"{_MAIN}row":
            rows += 1
            if rows > MAX_ROWS + 1:
                break
    return rows


def _sheet_rows(ws: ReadOnlyWorksheet, typed: ReadOnlyWorksheet) -> Table:
    """One sheet's rows, read as a stream that stops at the row limit: a sheet that says it is larger
    is refused before a row is read, and one that does not say (or says less) stops at the limit."""
    ws.reset_dimensions()  # a size that understates would otherwise cut the rows off silently
    typed.reset_dimensions()
    out: Table = []
    for number, (values, written) in enumerate(zip(ws.iter_rows(values_only=True), typed.iter_rows(values_only=True)), start=1):
        _refuse_unsaved_formula(ws.title, number, values, written)
        cells = _trimmed_row([_cell(v) for v in values])
        if cells:
            out.append(cells)
        if len(out) > MAX_ROWS + 1:
            raise Invalid(f"The sheet “{ws.title}” has more than {MAX_ROWS:,} rows; load at most {MAX_ROWS:,} at a time.")
    return out


def _refuse_unsaved_formula(sheet: str, number: int, values: tuple, written: tuple) -> None:
    """A cell empty in the saved values but not as typed holds a formula whose result the file never
    stored (a workbook written by a program, not saved by Excel): say so, not that the cell is empty."""
    for column, (value, formula) in enumerate(zip(values, written), start=1):
        if value is None and formula is not None:
            text = formula if isinstance(formula, str) else "an array formula"
            raise Invalid(
                f"Cell {get_column_letter(column)}{number} of the sheet “{sheet}” holds a formula ({text[:60]}) whose result "
                "was never saved in the file, so there is nothing to load from it. Open the workbook in Excel or "
                "LibreOffice and save it again, or paste the values instead of the formulas."
            )


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
