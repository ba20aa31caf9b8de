"""`actuals` and `status` from the shell: a good CSV saved, a bad one changing nothing and naming
each problem's row and column; the latest period per measure in aligned columns."""

import subprocess
import sys
from pathlib import Path

from helpers import actuals_scorecard, demo_copy, demo_on_disk

from workshop.db import actual_reads, period_reads, scorecard, store

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def scorecard_file(tmp_path) -> tuple[Path, int]:
    path = tmp_path / "actuals.db"
    db = store.connect(path)
    wid, _ids = actuals_scorecard(db)
    db.close()
    return path, wid


def figures(path) -> list[tuple]:
    db = store.connect(path)
    try:
        return [tuple(r.values()) for r in store.rows(db, "SELECT starts, actual, actual_text, planned, comment FROM measure_period ORDER BY id")]
    finally:
        db.close()


def test_a_good_csv_is_saved_and_names_what_went_off_target_without_a_comment(tmp_path):
    path, wid = scorecard_file(tmp_path)
    csv = tmp_path / "q1.csv"
    csv.write_text(
        "Measure,Period,Actual,Planned,Comment\n"
        "Revenue,Q1 2027,20,,\n"
        "Operating margin,Jan 2027,12.6,12.5,\n"
        "Operating margin,Feb 2027,13.1,,Price rise in February.\n"
        "Credit rating,Q1 2027,AA,,\n"
        "Delight clients / Satisfaction,Q1 2027,91%,,\n",
        encoding="utf-8-sig",
    )
    done = run("actuals", "--db", path, "--workshop", wid, csv)
    assert done.returncode == 0, done.stderr
    assert "Saved 5 figures." in done.stdout
    assert "Off target without the owner's comment: Revenue (Q1 2027)" in done.stdout
    assert figures(path) == [
        ("2027-01-01", 20.0, "", None, ""),
        ("2027-01-01", 12.6, "", 12.5, ""),
        ("2027-02-01", 13.1, "", None, "Price rise in February."),
        ("2027-01-01", None, "AA", None, ""),
        ("2027-01-01", 91.0, "", None, ""),
    ]


def test_a_semicolon_csv_saved_by_excel_in_windows_1252_is_read(tmp_path):
    path, wid = scorecard_file(tmp_path)
    csv = tmp_path / "excel.csv"
    csv.write_bytes("measure;period;actual;comment\nRevenue;Q1 2027;44;Ahead of plan – a good quarter\n".encode("cp1252"))
    done = run("actuals", "--db", path, "--workshop", wid, csv)
    assert done.returncode == 0, done.stderr
    assert figures(path) == [("2027-01-01", 44.0, "", None, "Ahead of plan – a good quarter")]


def test_a_bad_csv_changes_nothing_and_names_every_problem_by_row_and_column(tmp_path):
    path, wid = scorecard_file(tmp_path)
    good = tmp_path / "good.csv"
    good.write_text("measure,period,actual\nRevenue,Q1 2027,40\n")
    assert run("actuals", "--db", path, "--workshop", wid, good).returncode == 0
    before = figures(path)
    bad = tmp_path / "bad.csv"
    bad.write_text("measure,period,actual\nRevenue,Q1 2027,41\nRevnue,Q2 2027,40\nOperating margin,Q1 2027,14\nRevenue,Q3 2027,lots\n")
    done = run("actuals", "--db", path, "--workshop", wid, bad)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith("Row 3, measure: No measure called “Revnue” in this scorecard. Did you mean “Revenue”?")
    assert lines[1].startswith("Row 4, period: “Q1 2027” is a quarter; “Operating margin” is reported monthly")
    assert lines[2].startswith("Row 5, actual: The actual must be a number")
    assert lines[-1] == "nothing was saved: 3 problems in the file"
    assert figures(path) == before, "the good row 2 was not saved either"


def test_a_file_without_the_header_is_refused_saying_which_columns_it_needs(tmp_path):
    path, wid = scorecard_file(tmp_path)
    bad = tmp_path / "bare.csv"
    bad.write_text("Revenue,Q1 2027,40\n")
    done = run("actuals", "--db", path, "--workshop", wid, bad)
    assert done.returncode == 1
    assert "Row 1, Revenue: “Revenue” is not a column I know" in done.stderr
    assert "measure, period, actual[, planned][, comment]" in done.stderr
    other = tmp_path / "figures.ods"
    other.write_text("x")
    assert "is not a file I can read actuals from; give one of: .csv" in run("actuals", "--db", path, "--workshop", wid, other).stderr
    assert figures(path) == []


def test_status_prints_one_aligned_line_per_measure_with_its_latest_period(tmp_path):
    path, wid = scorecard_file(tmp_path)
    csv = tmp_path / "q.csv"
    csv.write_text(
        "measure,period,actual,comment\n"
        "Revenue,Q1 2027,40,\nRevenue,Q2 2027,44,\n"
        "Operating margin,Jan 2027,12.6,\n"
        "Credit rating,Q1 2027,A,Downgraded after the bond issue\nCredit rating,Q2 2027,AA,\n"
    )
    assert run("actuals", "--db", path, "--workshop", wid, csv).returncode == 0
    done = run("status", "--db", path, "--workshop", wid)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = lines[0]
    assert header.split() == ["Objective", "Measure", "Period", "Plan", "Actual", "Status", "Trend"]
    assert len(lines) == 1 + 7, "one line per measure"
    assert all(line[header.index("Period")] != " " or not line.strip() for line in lines[1:] if len(line) > header.index("Period")), "aligned"
    revenue = next(line for line in lines if " Revenue " in line)
    assert "Q2 2027" in revenue and "43.75 EUR m" in revenue and "44 EUR m" in revenue and "on target" in revenue
    assert "40 EUR m → 44 EUR m ↑ better" in revenue
    rating = next(line for line in lines if "Credit rating" in line)
    assert "Q2 2027" in rating and "A → AA ↑ better" in rating
    certified = next(line for line in lines if "Engineers certified" in line)
    assert "frequency not stated" in certified and "no data" in certified
    asked = run("status", "--db", path, "--workshop", wid, "--period", "Q1 2027").stdout
    assert "Mar 2027" in next(line for line in asked.splitlines() if "Operating margin" in line)
    assert "40 EUR m" in next(line for line in asked.splitlines() if " Revenue " in line)


def test_status_on_the_demo_prints_its_latest_quarter_with_all_four_statuses(tmp_path):
    db, wid = demo_on_disk(tmp_path / "demo.db")
    db.close()
    done = run("status", "--db", tmp_path / "demo.db", "--workshop", wid)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()[1:]
    quarterly = [line for line in lines if "Q4 2027" in line]
    assert len(quarterly) == 8 and all("Dec 2027" in line for line in lines if line not in quarterly)
    statuses = {
        status
        for status in ("on target", "watch", "off target", "no data")
        for line in lines
        if line.rstrip().endswith(status) or f" {status} " in line
    }
    assert statuses == {"on target", "watch", "off target", "no data"}
    assert "7 on target, 4 watch, 2 off target, 1 no data" in done.stderr


def test_the_demo_lead_measure_climbs_while_the_lag_measure_it_should_drive_does_not():
    db, wid = demo_copy()
    card = scorecard.load(db, wid)
    lines = {x.measure.name: x for x in actual_reads.latest(db, card)}
    lead, lag = lines["Engineers certified"], lines["First-time-right deliveries"]
    assert (lead.measure.kind, lag.measure.kind) == ("lead", "lag")
    assert any(link.cause_id == lead.measure.objective_id and link.effect_id == lag.measure.objective_id for link in card.links)
    assert (lead.status, lead.trend) == ("on target", "better")
    assert (lag.status, lag.trend) == ("off target", "worse")
    assert "handover" in lag.row.comment
    tracks = {t.measure.name: t for t in period_reads.tracks(db, card)}
    assert not [name for name, t in tracks.items() if t.needs_comment()], "every off-target period in the demo has its owner's comment"
    assert {m.nature for m in card.measures} == {"level", "flow"}
