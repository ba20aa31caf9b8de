"""Many rows at once: a paste, a CSV or a workbook of objectives, links, measures and initiatives is
checked whole (every problem by row and column) and saved whole, or not at all."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import demo_into
from openpyxl import Workbook

from workshop.core.errors import Invalid
from workshop.db import scorecard, store
from workshop.method import bulk, bulk_kinds, bulk_tables

ROOT = Path(__file__).resolve().parent.parent
PASTED_DRAFTS = (
    "Objective\tPerspective\tTheme\tOwner\n"
    "Grow service margin\tFinancial\t\tCFO\n"
    "Win back lapsed customers\tNowhere\t\t\n"
    "Shorten repair time\tInternal processes\tSpeed\tCOO\n"
    "\tCustomer\t\t\n"
)


def counts(db, wid):
    card = scorecard.load(db, wid)
    return len(card.objectives), len(card.links), len(card.measures), len(card.initiatives), len(card.themes)


def test_a_paste_with_two_bad_rows_shows_both_problems_and_saves_nothing(demo_db):
    db, wid = demo_db
    before = counts(db, wid)
    batches = bulk.check_pasted(db, wid, PASTED_DRAFTS, "objectives")
    problems = batches[0].problems()
    assert len(problems) == 2
    assert problems[0].startswith("The table, row 3 · Perspective: “Nowhere” is not a perspective")
    assert problems[1].startswith("The table, row 5 · Objective: The objective's title is empty")
    with pytest.raises(Invalid, match="Nothing was saved: 2 problem"):
        bulk.save(db, wid, batches)
    assert counts(db, wid) == before


def test_a_clean_paste_saves_every_row_and_adds_a_theme_it_names(demo_db):
    db, wid = demo_db
    text = "\n".join(line for line in PASTED_DRAFTS.splitlines() if "Nowhere" not in line and not line.startswith("\t"))
    batches = bulk.check_pasted(db, wid, text, "objectives")
    assert batches[0].ok and batches[0].rows[1].notes == ["new theme “Speed”"]
    assert bulk.save(db, wid, batches) == {"objectives": 2}
    card = scorecard.load(db, wid)
    added = {o.title: o for o in card.objectives}
    assert card.theme(added["Shorten repair time"].theme_id).name == "Speed"
    assert added["Grow service margin"].status == "draft"


def test_rows_without_a_header_are_read_in_the_templates_order_and_numbered_from_one(demo_db):
    db, wid = demo_db
    batch = bulk.check_pasted(db, wid, "Grow service margin\tFinance\nTrain the trainers\tlearning", "objectives")[0]
    assert batch.ok, batch.problems()
    assert [r.line for r in batch.rows] == [1, 2]


def test_the_same_title_twice_in_one_paste_names_the_first_row(demo_db):
    db, wid = demo_db
    batch = bulk.check_pasted(db, wid, "Objective,Perspective\nGrow X,Financial\ngrow  x,Customer", "objectives")[0]
    assert batch.problems() == ["The table, row 3 · Objective: The same objective as row 2."]


def test_measures_read_percentages_sizes_and_dates_as_typed(demo_db):
    db, wid = demo_db
    title = scorecard.load(db, wid).agreed_objectives()[0].title
    text = (
        f"Objective\tMeasure\tBaseline\tTarget\tTarget date\tLead/lag\tBetter when\n"
        f"{title}\tRepeat share\t12%\t20%\t31.12.2027\tLead\thigher is better\n"
        f"{title}\tService revenue\t1,200,000\t1.5m\tQ4 2027\tlag\thigher\n"
    )
    batches = bulk.check_pasted(db, wid, text, "measures")
    assert batches[0].ok, batches[0].problems()
    bulk.save(db, wid, batches)
    found = {m.name: m for m in scorecard.load(db, wid).measures}
    assert (found["Repeat share"].unit, found["Repeat share"].target, found["Repeat share"].kind) == ("%", 20.0, "lead")
    assert (found["Service revenue"].baseline, found["Service revenue"].target_date) == (1_200_000.0, "2027-12-31")


def test_every_bad_cell_of_a_measure_row_is_named(demo_db):
    db, wid = demo_db
    text = "Objective;Measure;Baseline;Target date;Frequency\nNo such objective;;lots;03/04/2027;daily\n"
    columns = {p.split(" · ")[1].split(":")[0] for p in bulk.check_pasted(db, wid, text, "measures")[0].problems()}
    assert columns == {"Objective", "Measure", "Baseline", "Target date", "Frequency"}


def test_a_workbook_loads_objectives_then_links_measures_and_initiatives_that_name_them(fresh_db):
    db = fresh_db
    wid = demo_into(db)
    before = counts(db, wid)
    batches = bulk.check_file(db, wid, bulk_kinds.template(), "scorecard.xlsx", "objectives")
    assert [b.kind.key for b in batches] == ["objectives", "links", "measures", "initiatives"]
    assert all(b.ok for b in batches), [b.problems() for b in batches]
    # the template's measures: a figure, a share and a rating (its scale in the Rating scale column)
    assert bulk.save(db, wid, batches) == {"objectives": 2, "links": 1, "measures": 3, "initiatives": 1}
    after = counts(db, wid)
    assert [a - b for a, b in zip(after, before)] == [2, 1, 3, 1, 1]


def test_a_link_that_would_close_a_loop_or_repeat_one_is_refused_before_saving(demo_db):
    db, wid = demo_db
    card = scorecard.load(db, wid)
    link = card.links[0]
    cause, effect = card.objective(link.cause_id).title, card.objective(link.effect_id).title
    text = f"Cause\tEffect\n{cause}\t{effect}\n{effect}\t{cause}\n"
    problems = bulk.check_pasted(db, wid, text, "links")[0].problems()
    assert "already on the map" in problems[0] and "close a loop" in problems[1]


def test_a_dropped_objective_needs_its_rationale_and_an_agreed_one_is_logged(demo_db):
    db, wid = demo_db
    text = "Objective\tPerspective\tDecision\tRationale\nA\tFinancial\tagreed\t\nB\tCustomer\tdropped\t\n"
    batch = bulk.check_pasted(db, wid, text, "objectives")[0]
    assert batch.problems() == ["The table, row 3 · Rationale: Say why it was dropped: the rationale goes into the sponsor's report."]
    batch = bulk.check_pasted(db, wid, text.replace("dropped\t", "dropped\tOut of scope"), "objectives")
    bulk.save(db, wid, batch)
    card = scorecard.load(db, wid)
    assert {o.title: o.status for o in card.objectives}["A"] == "agreed"
    assert any(d.subject == "B" and d.outcome == "dropped" for d in card.decisions)


def test_initiatives_name_the_objectives_they_serve_separated_by_semicolons(demo_db):
    db, wid = demo_db
    titles = [o.title for o in scorecard.load(db, wid).agreed_objectives()[:2]]
    text = f"Initiative\tServes\tBudget\tStart\tDeadline\nNew CRM\t{'; '.join(titles)}\t1.2m\t2027-01-01\tQ4 2027\n"
    batches = bulk.check_pasted(db, wid, text, "initiatives")
    assert batches[0].ok, batches[0].problems()
    bulk.save(db, wid, batches)
    crm = next(i for i in scorecard.load(db, wid).initiatives if i.name == "New CRM")
    assert (crm.budget, crm.deadline, len(crm.objective_ids)) == (1_200_000.0, "2027-12-31", 2)


def test_spreadsheet_formulas_and_markup_are_kept_as_text(demo_db):
    db, wid = demo_db
    text = 'Objective\tPerspective\n=HYPERLINK("http://x")\tFinancial\n<script>alert(1)</script>\tCustomer\n'
    batches = bulk.check_pasted(db, wid, text, "objectives")
    bulk.save(db, wid, batches)
    titles = {o.title for o in scorecard.load(db, wid).objectives}
    assert '=HYPERLINK("http://x")' in titles and "<script>alert(1)</script>" in titles


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"not a zip", "x.xlsx", "not an Excel workbook"),
        (b"a,b", "x.pdf", "Load an .xlsx"),
        (b"", "x.csv", "Nothing to load"),
    ],
)
def test_a_file_that_is_not_a_table_is_refused_with_a_message(demo_db, data, name, message):
    db, wid = demo_db
    with pytest.raises(Invalid, match=message):
        bulk.check_file(db, wid, data, name, "objectives")


def test_a_csv_saved_as_unicode_text_by_excel_is_read(demo_db):
    db, wid = demo_db
    data = "Objective\tPerspective\nRéduire les délais\tCustomer\n".encode("utf-16")
    batch = bulk.check_file(db, wid, data, "x.txt", "objectives")[0]
    assert batch.ok and batch.rows[0].values["title"] == "Réduire les délais"


def test_too_many_rows_are_refused(demo_db):
    db, wid = demo_db
    with pytest.raises(Invalid, match="at most 1,000"):
        bulk_tables.read_pasted("\n".join(f"Objective {n}\tFinancial" for n in range(1_100)))


def test_a_workbook_with_unknown_sheets_says_which_sheets_it_reads(demo_db):
    db, wid = demo_db
    wb = Workbook()
    wb.active.title = "Notes"
    wb.active.append(["x"])
    wb.create_sheet("More").append(["y"])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(Invalid, match="no sheet called Objectives, Links, Measures, Initiatives"):
        bulk.check_file(db, wid, out.getvalue(), "x.xlsx", "objectives")


def test_templates_have_the_columns_the_reader_reads(tmp_path):
    for kind in bulk_kinds.KINDS.values():
        table = bulk_tables.read_file(bulk_kinds.template(kind, "csv"), "t.csv")[""]
        assert bulk_kinds.header_map(kind, table[0]) is not None and len(table) == 1 + len(kind.examples)


def run(*args):
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_command_line_loads_a_workbook_or_lists_every_problem_and_saves_nothing(tmp_path):
    db_file, book = tmp_path / "w.db", tmp_path / "scorecard.xlsx"
    wid = run("demo", "--db", db_file).stdout.split()[-1]
    book.write_bytes(bulk_kinds.template())
    objectives_before = len(scorecard.load(store.connect(db_file), int(wid)).objectives)
    checked = run("load", "--db", db_file, "--workshop", wid, book, "--dry-run")
    assert checked.returncode == 0 and checked.stdout.startswith("checked, nothing saved")
    done = run("load", "--db", db_file, "--workshop", wid, book)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded 2 objectives, 1 causal link, 3 measures, 1 initiative"
    again = run("load", "--db", db_file, "--workshop", wid, book)
    assert again.returncode == 1
    assert (
        "Sheet Objectives, row 2 · Objective: An objective called “Grow revenue from services” already exists" in again.stderr
        and "nothing was saved: 7 problems" in again.stderr
    )
    assert len(scorecard.load(store.connect(db_file), int(wid)).objectives) == objectives_before + 2


def drafts_before(db, wid):
    card = scorecard.load(db, wid)
    names = {p.id: p.name for p in card.perspectives}
    return [{"id": o.id, "title": o.title, "perspective": names[o.perspective_id], "owner": o.owner} for o in card.objectives if o.status == "draft"]


def test_an_edited_table_saves_changed_and_new_rows_and_deletes_removed_ones(fresh_db):
    from workshop.method import objectives, workshops

    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    pid = workshops.perspectives(fresh_db, wid)[0]["id"]
    keep, change, drop = (objectives.add_objective(fresh_db, wid, t, pid) for t in ("Keep", "Change", "Drop"))
    before = drafts_before(fresh_db, wid)
    after = [dict(before[0]), {**before[1], "owner": "CFO"}, {"id": None, "title": "New one", "perspective": "Customer", "owner": None}]
    batch = bulk.check_table(fresh_db, wid, "objectives", before, after)
    assert [r.line for r in batch.rows] == [2, 3] and batch.deleted == [drop] and batch.ok
    bulk.save(fresh_db, wid, [batch])
    card = scorecard.load(fresh_db, wid)
    assert {o.title: o.owner for o in card.objectives} == {"Keep": "", "Change": "CFO", "New one": ""}
    assert card.objective(change).id == change and keep in {o.id for o in card.objectives}


def test_an_edited_table_keeps_a_title_its_own_row_already_had_and_refuses_another_rows(fresh_db):
    from workshop.method import objectives, workshops

    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    pid = workshops.perspectives(fresh_db, wid)[0]["id"]
    for t in ("Alpha", "Beta"):
        objectives.add_objective(fresh_db, wid, t, pid)
    before = drafts_before(fresh_db, wid)
    ok = bulk.check_table(fresh_db, wid, "objectives", before, [{**before[0], "owner": "Ann"}, before[1]])
    assert ok.ok
    clash = bulk.check_table(fresh_db, wid, "objectives", before, [before[0], {**before[1], "title": "Alpha"}])
    assert clash.problems() == ["The table, row 2 · Objective: An objective called “Alpha” already exists in this workshop."]
    with pytest.raises(Invalid, match="Nothing was saved"):
        bulk.save(fresh_db, wid, [clash])
    assert [o.title for o in scorecard.load(fresh_db, wid).objectives] == ["Alpha", "Beta"]
