"""Bulk files that try to break the loader: text in two encodings, or in one it cannot name; a
workbook of a million rows; formulas whose results were never saved. Each is read honestly or
refused in words, and nothing garbled is stored."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile

import pytest
from helpers import ROOT, demo_into
from openpyxl import Workbook

from workshop.core.errors import Invalid
from workshop.db import scorecard, store
from workshop.method import bulk


def _titles(db, wid) -> set[str]:
    return {o.title for o in scorecard.load(db, wid).objectives}


def test_a_csv_mixing_utf8_and_windows_lines_is_refused_naming_the_line(demo_db):
    db, wid = demo_db
    data = "Objective,Perspective\nRéduire les délais,Customer\n".encode() + "Améliorer la qualité,Internal processes\n".encode("cp1252")
    with pytest.raises(Invalid) as refused:
        bulk.check_file(db, wid, data, "mixed.csv", "objectives")
    assert "line 3" in str(refused.value) and "line 2" in str(refused.value) and "UTF-8" in str(refused.value)


def test_a_gbk_csv_is_refused_naming_the_line_and_never_stored_as_mojibake(demo_db):
    db, wid = demo_db
    before = _titles(db, wid)
    data = "Objective,Perspective\nGrow revenue,Financial\n提高客户满意度,Customer\n".encode("gbk")
    with pytest.raises(Invalid) as refused:
        bulk.check_file(db, wid, data, "gbk.csv", "objectives")
    assert "line 3" in str(refused.value).lower() and "UTF-8" in str(refused.value)
    assert _titles(db, wid) == before


def test_a_windows_western_csv_is_still_read(demo_db):
    db, wid = demo_db
    data = "Objective,Perspective\nRéduire les délais,Customer\nGrößere Märkte erschließen,Financial\n".encode("cp1252")
    batch = bulk.check_file(db, wid, data, "western.csv", "objectives")[0]
    assert batch.ok and [r.values["title"] for r in batch.rows] == ["Réduire les délais", "Größere Märkte erschließen"]


def test_a_utf8_csv_is_read_as_utf8(demo_db):
    db, wid = demo_db
    data = "Objective,Perspective\n提高客户满意度,Customer\n".encode()
    batch = bulk.check_file(db, wid, data, "utf8.csv", "objectives")[0]
    assert batch.ok and batch.rows[0].values["title"] == "提高客户满意度"


def _workbook(rows, *, formulas=False) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Objectives"
    ws.append(["Objective", "Perspective"])
    for row in rows:
        ws.append(row)
    if formulas:
        ws.append(['=A2&" again"', "Customer"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_formula_without_a_saved_result_is_named_as_a_formula(demo_db):
    db, wid = demo_db
    data = _workbook([["Grow revenue", "Financial"]], formulas=True)  # openpyxl saves no cached values
    with pytest.raises(Invalid) as refused:
        bulk.check_file(db, wid, data, "formulas.xlsx", "objectives")
    message = str(refused.value)
    assert "formula" in message and "A3" in message and "Objectives" in message and "empty" not in message


_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>",
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>",
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Objectives" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>",
}


def _cells(*values: str) -> str:
    return "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)


def _million_rows(path, *, dimension: str | None = "A1:B1000001", rows: int = 1_000_000) -> None:
    """A workbook of a million objectives, small on disk (a few hundred KB, as Excel's would be):
    written part by part with zipfile, so building it takes seconds, not the minute openpyxl needs."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, xml in _PARTS.items():
            book.writestr(name, xml)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            size = f'<dimension ref="{dimension}"/>' if dimension else ""
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{size}<sheetData>'.encode()
            )
            sheet.write(f"<row>{_cells('Objective', 'Perspective')}</row>".encode())
            row = f"<row>{_cells('Grow revenue', 'Financial')}</row>".encode()
            for _ in range(rows // 1000):
                sheet.write(row * 1000)
            sheet.write(b"</sheetData></worksheet>")


@pytest.fixture(scope="module")
def million_rows(tmp_path_factory):
    path = tmp_path_factory.mktemp("bulk") / "million.xlsx"
    _million_rows(path)
    return path


def test_load_refuses_a_million_row_workbook_in_seconds_without_reading_it_whole(million_rows, tmp_path):
    db_path = tmp_path / "w.db"
    db = store.connect(db_path)
    wid = demo_into(db)
    db.close()
    assert million_rows.stat().st_size < 5_000_000
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "workshop", "load", "--db", str(db_path), "--workshop", str(wid), str(million_rows)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    took = time.perf_counter() - started
    assert done.returncode != 0 and "1,000" in done.stderr and "rows" in done.stderr, done.stderr
    assert took < 15, f"took {took:.1f} s"


@pytest.mark.parametrize("dimension", [None, "A1:B2"])
def test_a_workbook_that_hides_its_size_is_still_stopped_at_the_row_limit(demo_db, tmp_path, dimension):
    """A sheet that does not say its size, or says a false one, is read only up to the limit."""
    db, wid = demo_db
    path = tmp_path / "quiet.xlsx"
    _million_rows(path, dimension=dimension)
    started = time.perf_counter()
    with pytest.raises(Invalid, match="at most 1,000"):
        bulk.check_file(db, wid, path.read_bytes(), "quiet.xlsx", "objectives")
    assert time.perf_counter() - started < 15
