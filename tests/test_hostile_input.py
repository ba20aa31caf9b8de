"""Hostile input, through every door that accepts text and every output that shows it.

Each text of the corpus (tests/hostile_corpus.py) is stored intact or refused with a message, is
inert wherever it is shown, and costs nothing else: the rest of the workshop stays as it was.
A new door or output is one entry in DOORS or OUTPUTS below (e.g. the participant forms, the
strategy-map component, the XLSX/CSV exports).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import unicodedata
from io import BytesIO
from pathlib import Path

import helpers
import pytest
from helpers import ROOT, as_shown, html_markup
from hostile_corpus import DOCUMENTS, LONG, NAME, OPTIONAL_NAME, TEXTS, Kind, expected
from hostile_fields import SERVICE_FIELDS, demo_context
from markupsafe import escape
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from ui import nav
from ui.display import escape_md
from workshop import cli
from workshop.core.errors import WorkshopError
from workshop.db import scorecard, store
from workshop.deliverables import record
from workshop.deliverables.exchange import export
from workshop.deliverables.map import graph, layout
from workshop.deliverables.report import document
from workshop.deliverables.workbook import sheets
from workshop.method import architecture, decisions, objectives, workshops
from workshop.room import joining
from workshop.starters import from_json

TEXT_IDS = list(TEXTS)
_DEMO: dict = {}


def demo_file(path) -> tuple:
    """(db, demo workshop id) in a file at `path`, copied from the demo built once: one workshop,
    "the other" the tests watch."""
    return helpers.demo_on_disk(path, units=False)


def demo_export() -> dict:
    if "export" not in _DEMO:
        template, wid = helpers.demo_template(units=False)
        _DEMO["export"] = export.export_workshop(template, wid)
    return copy.deepcopy(_DEMO["export"])


def snapshot(db, workshop_id: int) -> dict:
    return export.export_workshop(db, workshop_id)


def without_target(after: dict, before: dict, table: str, index: int | None, column: str) -> dict:
    """`after` with the one cell (or the one new row) the write was meant to touch put back; `after`
    itself is left as it was (only the touched table's list and row are copied, not the export)."""
    after = dict(after)
    if table == "workshop":
        after["workshop"] = {**after["workshop"], column: before["workshop"][column]}
    elif index < len(before[table]):
        rows = list(after[table])
        rows[index] = {**rows[index], column: before[table][index][column]}
        after[table] = rows
    else:
        after[table] = after[table][:index] + after[table][index + 1 :]
    return after


def export_index(db, table: str, row_id: int, workshop_id: int) -> int | None:
    """Where a row sits in its table's list in the export (rows go out in id order)."""
    if table == "workshop":
        return None
    return [r["id"] for r in export._rows_of(db, table, workshop_id)].index(row_id)


# --- the doors ----------------------------------------------------------------------------


def test_corpus_is_large_enough_and_covers_every_family():
    assert len(TEXTS) + len(DOCUMENTS) >= 40
    families = (
        "script",
        "md-",
        "url-javascript",
        "url-file",
        "url-http",
        "long-100k",
        "nul",
        "rtl",
        "emoji",
        "lookalike",
        "formula-equals",
        "formula-plus",
        "formula-minus",
        "formula-at",
        "json-oversized",
        "json-truncated",
        "json-wrong-type",
        "json-unknown",
    )
    names = " ".join([*TEXTS, *DOCUMENTS])
    assert all(f in names for f in families), [f for f in families if f not in names]


def context_snapshot() -> tuple[dict, dict]:
    """The export of the workshop every field's write starts from, and the database's rows (each
    write gets its own copy of the same template, so both are the same before every write)."""
    if "before" not in _DEMO:
        db, ctx = demo_context()
        _DEMO["before"] = snapshot(db, ctx.workshop_id), table_rows(db)
        db.close()
    return _DEMO["before"]


def table_rows(db) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows as SQLite returns them: 1.5 ms, where the export takes 20."""
    tables = [r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    rows = {}
    for table in tables:
        cursor = db.conn.execute(f'SELECT * FROM "{table}"')
        rows[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    return rows


def only_target_changed(before: dict, after: dict, table: str, row_id: int | None = None, column: str | None = None) -> bool:
    """Whether the database's rows differ from `before` at most in the one cell the write was meant
    to touch, or by the one new row it added (none of that when `table` is empty). The export is made
    from these rows, so it then differs at most there too, and comparing exports can be skipped."""
    if before.keys() != after.keys() or any(before[t] != after[t] for t in before if t != table):
        return False
    if not table:
        return True
    columns, old = before[table]
    new = after[table][1]
    if "id" not in columns:
        return False
    key, cell = columns.index("id"), columns.index(column)
    if [r for r in old if r[key] != row_id] != [r for r in new if r[key] != row_id]:
        return False
    was, now = [r for r in old if r[key] == row_id], [r for r in new if r[key] == row_id]
    return len(now) == 1 and (not was or all(a == b for n, (a, b) in enumerate(zip(was[0], now[0])) if n != cell))


@pytest.mark.parametrize("name", TEXT_IDS)
def test_every_service_text_field_stores_it_intact_or_refuses_it_and_loses_nothing(name):
    text = TEXTS[name]
    problems = []
    before, rows_before = context_snapshot()
    for label, kind, write in SERVICE_FIELDS:
        db, ctx = demo_context()
        want = expected(text, kind)
        try:
            table, row_id, column = write(db, ctx, text)
        except WorkshopError as error:
            if want is not None:
                problems.append(f"{label}: refused ({error}) but should store {want[:40]!r}")
            elif len(str(error)) < 15:
                problems.append(f"{label}: refused without a clear message: {error!r}")
            if not only_target_changed(rows_before, table_rows(db), "") and snapshot(db, ctx.workshop_id) != before:
                problems.append(f"{label}: a refused write changed the workshop")
            continue
        except Exception as error:
            problems.append(f"{label}: crashed with {type(error).__name__}: {error}")
            continue
        stored = store.get(db, table, row_id)[column]
        if want is None:
            problems.append(f"{label}: stored {stored[:40]!r}, should be refused")
        elif stored != want:
            problems.append(f"{label}: stored {stored[:40]!r} instead of {want[:40]!r}")
        if not only_target_changed(rows_before, table_rows(db), table, row_id, column):
            after = snapshot(db, ctx.workshop_id)
            if without_target(after, before, table, export_index(db, table, row_id, ctx.workshop_id), column) != before:
                problems.append(f"{label}: something else in the workshop changed")
        db.close()
    assert not problems, "\n".join(problems)


def test_the_quick_comparison_of_rows_notices_any_change_but_the_target():
    _, rows_before = context_snapshot()
    db, ctx = demo_context()
    assert only_target_changed(rows_before, table_rows(db), "")
    objectives.update_objective(db, ctx.objective_id, title="Changed title")
    assert only_target_changed(rows_before, table_rows(db), "objective", ctx.objective_id, "title")
    assert not only_target_changed(rows_before, table_rows(db), "objective", ctx.objective_id, "description")
    assert not only_target_changed(rows_before, table_rows(db), "")
    architecture.add_head_office_theme(db, ctx.workshop_id, "A new theme", "")
    assert not only_target_changed(rows_before, table_rows(db), "objective", ctx.objective_id, "title"), "a row added elsewhere"
    db, ctx = demo_context()
    added = architecture.add_head_office_theme(db, ctx.workshop_id, "A new theme", "")
    assert only_target_changed(rows_before, table_rows(db), "head_office_theme", added, "name")
    objectives.update_objective(db, ctx.cause_id, owner="Someone")
    assert not only_target_changed(rows_before, table_rows(db), "head_office_theme", added, "name"), "another table changed"
    db, ctx = demo_context()
    objectives.update_objective(db, ctx.objective_id, title="Changed title")
    objectives.update_objective(db, ctx.cause_id, title="Another changed title")
    assert not only_target_changed(rows_before, table_rows(db), "objective", ctx.objective_id, "title"), "another row of the table"


def _app(db_path, monkeypatch, workshop_id: int | None = None) -> AppTest:
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if workshop_id is not None:
        at.session_state["workshop_id"] = workshop_id
    return at.run()


def _widget(at: AppTest, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def _no_exception(at: AppTest) -> None:
    assert not at.exception, at.exception[0].message if at.exception else ""


# A browser cannot send an unpaired surrogate (UTF-8 on the wire turns it into U+FFFD), and
# AppTest cannot encode one: the form doors take the rest of the corpus.
FORM_TEXTS = [name for name in TEXT_IDS if name != "lone-surrogate"]


@pytest.mark.parametrize("name", FORM_TEXTS)
def test_start_and_architecture_forms_store_it_intact_or_refuse_it_and_show_it_as_plain_text(name, monkeypatch, db_path):
    full = TEXTS[name]
    text = full[:200]  # these inputs have max_chars=200: the browser (and AppTest) cut the rest
    db, other = demo_file(db_path)
    other_before = snapshot(db, other)
    at = _app(db_path, monkeypatch)
    _widget(at, "text_input", "Organisation").set_value(text)
    _widget(at, "text_input", "Unit the scorecard is for").set_value(text)
    _widget(at, "text_input", "Facilitator").set_value(text)
    at = _widget(at, "button", "Create workshop").click().run()
    _no_exception(at)
    created = [w for w in workshops.list_workshops(db) if w["id"] != other]
    if expected(text, NAME) is None:
        assert not created and at.error, "a refused name must show a message and create nothing"
        assert snapshot(db, other) == other_before
        return
    assert len(created) == 1
    wid = created[0]["id"]
    row = scorecard.load(db, wid).workshop
    assert (row["organisation"], row["unit"]) == (expected(text, NAME),) * 2
    assert row["facilitator"] == expected(text, OPTIONAL_NAME)
    assert_plain_text(at, expected(text, NAME))

    # the phase-1 page of the new workshop (the browser is sent there; AppTest is moved by hand)
    at = at.switch_page(nav.ARCHITECTURE.script).run()
    _widget(at, "text_input", "Theme").set_value(text)
    _widget(at, "text_area", "What head office requires").set_value(full)
    at = _widget(at, "button", "Add head-office theme").click().run()
    _no_exception(at)
    themes = store.rows(db, "SELECT * FROM head_office_theme WHERE workshop_id = ?", [wid])
    if expected(full, LONG) is None:
        assert not themes and at.error
    else:
        assert [(t["name"], t["requirement"]) for t in themes] == [(expected(text, NAME), expected(full, LONG))]
        assert_plain_text(at, expected(full, LONG))
    _widget(at, "text_area", "What the unit does and whom it serves").set_value(full)
    at = _widget(at, "button", "Save the unit").click().run()
    _no_exception(at)
    saved = scorecard.load(db, wid).workshop["unit_description"]
    assert saved == (expected(full, LONG) or ""), "stored intact, or refused and left as it was"
    assert snapshot(db, other) == other_before, "the other workshop must not change"


MARKDOWN_KINDS = ("markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error", "toast")
LABELLED_KINDS = ("text_input", "text_area", "button", "selectbox", "radio", "expander", "checkbox")


def assert_plain_text(at: AppTest, value: str) -> None:
    """`value` is on the page, and wherever markdown renders it, it is escaped to read as typed."""
    rendered = [str(el.value) for kind in MARKDOWN_KINDS for el in at.get(kind)]
    rendered += [str(el.label) for kind in LABELLED_KINDS for el in at.get(kind)]
    values = [el.value for kind in ("text_input", "text_area") for el in at.get(kind)]
    if escape_md(value) != value:
        raw = [r[:80] for r in rendered if value in r]
        assert not raw, f"shown as markdown, not as typed: {raw}"
    assert any(escape_md(value) in r for r in rendered) or value in values, "not shown at all"


# --- the JSON import and the command line -------------------------------------------------


def _import_expected(text: str) -> tuple[str, str] | None:
    """Import runs the forms' cleaners: the workshop's mission and a head-office theme's
    requirement as long texts, the theme's name as a name. (name, long text), or None if refused."""
    name, long = expected(text, NAME), expected(text, LONG)
    return None if name is None or long is None else (name, long)


def _document_with(text: str) -> dict:
    document = demo_export()
    document["workshop"]["mission"] = text
    document["head_office_theme"][0]["name"] = text
    document["head_office_theme"][0]["requirement"] = text
    return document


def _via_service(db, path, payload: bytes):
    return from_json.import_workshop(db, from_json.parse(payload))


def _via_cli(db, path, payload: bytes, capsys=None):
    source = path.parent / "import.json"
    source.write_bytes(payload)
    code = cli.main(["import", "--db", str(path), str(source)])
    if code != 0:
        raise WorkshopError("command line refused it")
    return None


IMPORT_DOORS = {"service": _via_service, "command-line": _via_cli}


@pytest.mark.parametrize("door", IMPORT_DOORS)
@pytest.mark.parametrize("name", TEXT_IDS)
def test_json_import_stores_it_exactly_or_refuses_it_and_loses_nothing(name, door, db_path, capsys):
    text = TEXTS[name]
    db, other = demo_file(db_path)
    before = snapshot(db, other)
    payload = json.dumps(_document_with(text), ensure_ascii=False).encode("utf-8", "surrogatepass")
    want = _import_expected(text)
    try:
        IMPORT_DOORS[door](db, db_path, payload)
    except WorkshopError as error:
        assert want is None, f"refused ({error}), but should store {text[:40]!r}"
        if door == "command-line":
            err = capsys.readouterr().err
            assert err.startswith("error: ") and not SQL_TEXT.search(err), err
        else:
            assert str(error).startswith(("workshop.mission", "head_office_theme[0].name", "head_office_theme[0].requirement")), (
                "names the record and field"
            )
    else:
        assert want is not None, "stored, but should be refused"
        new = [w["id"] for w in workshops.list_workshops(db) if w["id"] != other]
        assert len(new) == 1
        assert scorecard.load(db, new[0]).workshop["mission"] == want[1]
        theme = store.one(db, "SELECT * FROM head_office_theme WHERE workshop_id = ? ORDER BY id", [new[0]])
        assert (theme["name"], theme["requirement"]) == want
    assert snapshot(db, other) == before
    if want is None:
        assert len(workshops.list_workshops(db)) == 1, "a refused import leaves nothing behind"


# what no user may ever read: SQL, SQLite's own words, the database blamed for a file's content
SQL_TEXT = re.compile(
    r"length\(|trim\(|BETWEEN|syntax error|constraint failed|near \"|"
    r"not a usable workshop database",
    re.IGNORECASE,
)


def _document_bytes(name: str) -> bytes:
    made = DOCUMENTS[name]
    if callable(made):
        made = made(demo_export())
    return made


@pytest.mark.parametrize("door", IMPORT_DOORS)
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_a_hostile_document_is_refused_with_a_message_and_nothing_is_imported(name, door, db_path, capsys):
    db, other = demo_file(db_path)
    before = snapshot(db, other)
    with pytest.raises(WorkshopError) as refused:
        IMPORT_DOORS[door](db, db_path, _document_bytes(name))
    if door == "service":
        assert len(str(refused.value)) > 15 and not SQL_TEXT.search(str(refused.value)), str(refused.value)
    else:
        err = capsys.readouterr().err
        assert err.startswith("error: ") and len(err) > 20 and "Traceback" not in err
        assert not SQL_TEXT.search(err), err
    assert [w["id"] for w in workshops.list_workshops(db)] == [other]
    assert snapshot(db, other) == before


# --- the outputs --------------------------------------------------------------------------

SHOWN = [name for name in TEXT_IDS if expected(TEXTS[name], LONG) is not None]


def _visible(text: str) -> str:
    """Text as a reader sees it: compatibility forms folded, spacing and invisible marks dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc"))


class Shown:
    """One workshop holding every storable text of the corpus, and every output rendered once."""

    def __init__(self, folder: Path, monkeypatch):
        self.db, self.wid = demo_file(folder / "shown.db")
        self.values = {name: expected(TEXTS[name], LONG) for name in SHOWN}
        used: set[str] = set()
        for number, (name, value) in enumerate(self.values.items()):
            title = expected(TEXTS[name], NAME)
            if not title or title.casefold() in used:
                title = f"Plain theme {number}"
            used.add(title.casefold())
            architecture.add_head_office_theme(self.db, self.wid, title, value)
        # the same texts as agreed objectives' titles, where a title can hold them: the map, the
        # workbook and the CSV show titles
        self.titles: dict[str, str] = {}
        perspective = workshops.perspectives(self.db, self.wid)[0]["id"]
        taken = {o["title"].casefold() for o in objectives.objectives(self.db, self.wid)}
        for name, value in self.values.items():
            title = expected(TEXTS[name], NAME)
            if title and title.casefold() not in taken:
                taken.add(title.casefold())
                oid = objectives.add_objective(self.db, self.wid, title, perspective)
                decisions.decide_objective(self.db, oid, "agreed")
                self.titles[value] = title
        self.db_path, self.monkeypatch = folder / "shown.db", monkeypatch
        self._cache: dict = {}

    def once(self, key: str, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


def output_page(shown: Shown, value: str) -> None:
    def render():
        at = _app(shown.db_path, shown.monkeypatch, shown.wid)
        return at.switch_page(nav.ARCHITECTURE.script).run()

    at = shown.once("page", render)
    _no_exception(at)
    assert_plain_text(at, value)


def _pdf_text(pdf: bytes, reader: PdfReader) -> str:
    """The PDF's body text (A4, without the running headers and footers in the page margins):
    poppler's pdftotext where installed (pypdf 7 garbles ligatures, emoji and right-to-left text
    from WeasyPrint's fonts), else pypdf."""
    if shutil.which("pdftotext"):
        body = ["-x", "0", "-y", "63", "-W", "600", "-H", "722"]  # 22 mm top, 20 mm bottom margin
        return subprocess.run(["pdftotext", *body, "-", "-"], input=pdf, capture_output=True, check=True, timeout=300).stdout.decode()
    return "".join(page.extract_text() for page in reader.pages)


PARAGRAPHS = ("mission", "vision", "values_statement", "strategy_summary", "unit_description")


def output_pdf(shown: Shown, value: str) -> None:
    """Short texts as head-office themes (a table); texts over 2,000 characters as the strategy's
    paragraphs: a table cell holding 100,000 characters takes WeasyPrint minutes (docs/faults.md)."""

    def render():
        db, wid = demo_file(shown.db_path.parent / "pdf.db")
        long = [v for v in shown.values.values() if len(v) > 2000]
        assert len(long) <= len(PARAGRAPHS)
        workshops.update_workshop(db, wid, **dict(zip(PARAGRAPHS, long)))
        for number, short in enumerate(v for v in shown.values.values() if len(v) <= 2000):
            architecture.add_head_office_theme(db, wid, f"Plain theme {number}", short)
        html = document.render_html(document.report_context(scorecard.load(db, wid)))
        pdf = document.render_pdf(html)
        reader = PdfReader(BytesIO(pdf))
        links = [str(page.get("/Annots", "")) for page in reader.pages]
        return html, _visible(_pdf_text(pdf, reader)), links

    html, text, links = shown.once("pdf", render)
    # the report may add zero-width breaks to long words and turns Unicode line separators into \n
    printable = lambda t: re.sub("[\u0085\u2028\u2029]", "\n", t.replace("\u200b", ""))
    assert printable(str(escape(value))) in printable(html), "the HTML must carry it escaped"
    for run in re.split("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", value):  # bidi runs
        assert _visible(run) in text or _visible(run)[::-1] in text, f"{run[:40]!r} not in the PDF"
    assert not any("/URI" in annots for annots in links), "user text must not become a link"


def output_json_export(shown: Shown, value: str) -> None:
    def round_trip():
        document = export.export_workshop(shown.db, shown.wid)
        again = store.connect(":memory:")
        copy_id = from_json.import_workshop(again, from_json.parse(export.dumps(document).encode()))
        return document, export.export_workshop(again, copy_id)

    document, again = shown.once("json", round_trip)
    assert value in [t["requirement"] for t in document["head_office_theme"]]
    assert again == document, "export, import, export changed the workshop"


def output_map(shown: Shown, value: str) -> None:
    """The interactive map's nodes (streamlit-agraph parses a node's title as HTML in the app's
    origin): nothing in them parses as markup, no title is URL-like, and the objective's title
    reads exactly as typed, "&" and quotes included."""
    spec = shown.once("map", lambda: graph.graph_spec(scorecard.load(shown.db, shown.wid)))
    for node in spec["nodes"]:
        for field in (node["label"], node["title"]):
            assert html_markup(field) == [], f"markup reaches the component: {field[:60]!r}"
        assert node["title"].startswith(("Objective: ", "Perspective: ", "Link: ", "Legend: ", "Theme: "))
    title = shown.titles.get(value)
    if title is not None:
        tooltips = [as_shown(n["title"]) for n in spec["nodes"]]
        assert any(t.startswith(f"Objective: {title}\n") for t in tooltips), "not as typed"
        wrapped = "\n".join(layout.wrap(title))
        assert any(as_shown(n["label"]).startswith(wrapped) for n in spec["nodes"]), "label not as typed"


def output_xlsx(shown: Shown, value: str) -> None:
    """The workbook's cells hold it as a string (formula-like text quote-prefixed), never a formula."""
    import openpyxl

    def load():
        book = openpyxl.load_workbook(BytesIO(sheets.build_xlsx(record.read(shown.db, shown.wid))))
        return [cell for sheet in book for row in sheet.iter_rows() for cell in row]

    cells = shown.once("xlsx", load)
    title = shown.titles.get(value)
    if title is None:
        return
    found = [c for c in cells if c.value == title]
    assert found, "the objective is missing from the workbook"
    for cell in found:
        assert cell.data_type == "s"
        assert cell.quotePrefix == sheets.looks_like_formula(title)


def output_csv(shown: Shown, value: str) -> None:
    """The CSV carries it in the Objective column, with a leading apostrophe if it looks like a formula."""
    import csv
    import io

    rows = shown.once("csv", lambda: list(csv.DictReader(io.StringIO(sheets.build_csv(record.read(shown.db, shown.wid)).decode("utf-8-sig")))))
    title = shown.titles.get(value)
    if title is None:
        return
    want = "'" + title if sheets.looks_like_formula(title) else title
    assert want in [r["Objective"] for r in rows]
    assert not any(r["Objective"].startswith(sheets.FORMULA_STARTS) for r in rows)


OUTPUTS = {"page": output_page, "pdf": output_pdf, "json-export": output_json_export, "map": output_map, "xlsx": output_xlsx, "csv": output_csv}


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield Shown(tmp_path_factory.mktemp("shown"), monkeypatch)


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("name", SHOWN)
def test_stored_hostile_text_is_inert_and_intact_in_every_output(name, output, shown):
    OUTPUTS[output](shown, shown.values[name])


@pytest.mark.parametrize("name", FORM_TEXTS)
def test_participant_forms_store_it_intact_or_refuse_it_and_show_it_as_plain_text(name, monkeypatch, db_path):
    """The participant's own doors: the join form's name, a comment, a proposed objective."""

    full = TEXTS[name]
    text = full[:200]  # the name and title inputs have max_chars=200
    db, wid = demo_file(db_path)
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    code = joining.join_code(db, wid)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["join"] = code
    at = at.run()
    at.text_input(key="join-name").input(text)
    at = at.button[0].click().run()
    _no_exception(at)
    joined = [p["name"] for p in joining.participants(db, wid) if p["name"] == expected(text, NAME)]
    if expected(text, NAME) is None:
        assert at.error, "a refused name must show a message"
    else:
        assert joined == [expected(text, NAME)] and not at.error

    me = joining.join(db, code, f"Plain participant {name}")
    before = snapshot(db, wid)
    page = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    page.query_params["t"] = me["token"]
    page = page.run()
    page.segmented_control(key="section").set_value("comment").run()
    page.text_area(key="comment-body").input(full[:5000])
    page = next(b for b in page.button if b.label == "Post").click().run()
    _no_exception(page)
    comments = store.rows(db, "SELECT body FROM comment WHERE participant_id = ?", [me["id"]])
    want = expected(full[:5000], Kind(5000, True, True))
    if want is None:
        assert not comments and page.error
    else:
        assert [c["body"] for c in comments] == [want]
        assert_plain_text(page, want)
    page.segmented_control(key="section").set_value("propose").run()
    page.text_input(key="propose-title").input(text)
    page = next(b for b in page.button if b.label == "Propose").click().run()
    _no_exception(page)
    proposed = store.rows(db, "SELECT title FROM objective WHERE proposed_by_participant_id = ?", [me["id"]])
    titles = {o["title"].casefold() for o in objectives.objectives(db, wid)} - {p["title"].casefold() for p in proposed}
    if expected(text, NAME) is None or expected(text, NAME).casefold() in titles:
        assert not proposed and page.error
    else:
        assert [p["title"] for p in proposed] == [expected(text, NAME)]
    after = snapshot(db, wid)
    for table in ("perspective", "interview", "measure", "initiative", "causal_link", "decision"):
        assert after[table] == before[table], f"{table} changed"
