"""The round trip: the workbook exported, filled in by finance (input cells only), recalculated by
LibreOffice, and read back by `python -m workshop actuals` with no mapping; a bad figure names its
sheet and cell and changes nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from test_workbook_periods import SOFFICE, TODAY, TYPED, convert, fill, finance_demo

from workshop.db import period_reads, scorecard, store
from workshop.deliverables import record
from workshop.deliverables.workbook import sheets

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=180)


def exported(tmp_path) -> tuple[Path, int, bytes]:
    path = tmp_path / "finance.db"
    db = store.connect(path)
    wid = finance_demo(db)
    data = sheets.build_xlsx(record.read(db, wid, today=TODAY))
    db.close()
    return path, wid, data


def stored(path) -> dict[tuple[str, str], tuple]:
    db = store.connect(path)
    try:
        card = scorecard.load(db, 1)
        return {
            (t.measure.name, r.period.key): (r.actual, r.actual_text, r.planned if r.planned_edited else None, r.comment, r.status)
            for t in period_reads.tracks(db, card, TODAY)
            for r in t.rows
            if r.has_actual or r.comment or r.planned_edited
        }
    finally:
        db.close()


def test_the_filled_workbook_is_imported_by_the_actuals_command(tmp_path):
    path, wid, data = exported(tmp_path)
    book = tmp_path / "filled.xlsx"
    book.write_bytes(fill(data, TYPED))
    done = run("actuals", "--db", path, "--workshop", wid, book)
    assert done.returncode == 0, done.stderr
    assert "Saved" in done.stdout
    figures = stored(path)
    assert figures["Revenue", "2027-01"][:1] == (38.5e6,) and figures["Revenue", "2027-01"][4] == "on target"
    assert figures["Revenue", "2027-07"][3] == "Two deals slipped" and figures["Revenue", "2027-07"][4] == "off target"
    assert figures["Bad debt", "2027-02"][0] == pytest.approx(1.9)
    assert figures["Credit rating", "2027-04"][1] == "A" and figures["Billing platform", "2027-04"][1] == "at risk"
    assert figures["Revenue", "2027-04"][2] is None  # the phased plan exported unchanged stays phased


def test_a_bad_figure_in_the_workbook_names_its_cell_and_changes_nothing(tmp_path):
    path, wid, data = exported(tmp_path)
    before = stored(path)
    book = tmp_path / "filled.xlsx"
    book.write_bytes(fill(data, {**TYPED, ("Quarterly actuals", "Credit rating", "Actual", "2027-07"): "Junk"}))
    done = run("actuals", "--db", path, "--workshop", wid, book)
    assert done.returncode == 1
    assert "sheet 'Quarterly actuals', cell" in done.stderr and "Junk" in done.stderr
    assert stored(path) == before


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) is not installed")
def test_the_workbook_recalculated_and_saved_by_libreoffice_imports_the_same(tmp_path):
    path, wid, data = exported(tmp_path)
    saved = convert(fill(data, TYPED), tmp_path, "xlsx")
    recalculated = openpyxl.load_workbook(io.BytesIO(saved), data_only=True)
    assert recalculated["Summary"]["C6"].value is not None  # LibreOffice computed the summary
    book = tmp_path / "libreoffice.xlsx"
    book.write_bytes(saved)
    done = run("actuals", "--db", path, "--workshop", wid, book)
    assert done.returncode == 0, done.stderr
    figures = stored(path)
    assert figures["Revenue", "2027-01"][0] == 38.5e6 and figures["Revenue", "2027-01"][4] == "on target"
    assert figures["Uptime", "2027-03"][0] == pytest.approx(97.5) and figures["Uptime", "2027-03"][4] == "watch"
