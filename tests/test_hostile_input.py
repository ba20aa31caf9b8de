"""Hostile input, through every door that accepts text and every output that shows it.

Each text of the corpus (tests/hostile_corpus.py) is stored intact or refused with a message, is
inert wherever it is shown, and costs nothing else: the rest of the workshop stays as it was.
A new door or output is one entry in DOORS or OUTPUTS below (e.g. the participant forms, the
strategy-map component, the XLSX/CSV exports).
"""
from __future__ import annotations

import copy
import json
import unicodedata

import pytest
from markupsafe import escape
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from hostile_corpus import DOCUMENTS, LONG, NAME, OPTIONAL_NAME, TEXTS, Kind, expected
from hostile_fields import SERVICE_FIELDS, demo_context
from pages._ui import escape_md
from workshop import cli, demo, exchange, report, store, workshops
from workshop.model import WorkshopError

TEXT_IDS = list(TEXTS)


def snapshot(db, workshop_id: int) -> dict:
    return exchange.export_workshop(db, workshop_id)


def without_target(after: dict, before: dict, table: str, index: int | None, column: str) -> dict:
    """`after` with the one cell (or the one new row) the write was meant to touch put back."""
    after = copy.deepcopy(after)
    if table == "workshop":
        after["workshop"][column] = before["workshop"][column]
    elif index < len(before[table]):
        after[table][index][column] = before[table][index][column]
    else:
        del after[table][index]
    return after


def export_index(db, table: str, row_id: int, workshop_id: int) -> int | None:
    """Where a row sits in its table's list in the export (rows go out in id order)."""
    if table == "workshop":
        return None
    return [r["id"] for r in exchange._rows_of(db, table, workshop_id)].index(row_id)


# --- the doors ----------------------------------------------------------------------------

def test_corpus_is_large_enough_and_covers_every_family():
    assert len(TEXTS) + len(DOCUMENTS) >= 40
    families = ("script", "md-", "url-javascript", "url-file", "url-http", "long-100k", "nul",
                "rtl", "emoji", "lookalike", "formula-equals", "formula-plus", "formula-minus",
                "formula-at", "json-oversized", "json-truncated", "json-wrong-type", "json-unknown")
    names = " ".join([*TEXTS, *DOCUMENTS])
    assert all(f in names for f in families), [f for f in families if f not in names]


@pytest.mark.parametrize("name", TEXT_IDS)
def test_every_service_text_field_stores_it_intact_or_refuses_it_and_loses_nothing(name):
    text = TEXTS[name]
    problems = []
    for label, kind, write in SERVICE_FIELDS:
        db = store.connect(":memory:")
        ctx = demo_context(db)
        before = snapshot(db, ctx.workshop_id)
        want = expected(text, kind)
        try:
            table, row_id, column = write(db, ctx, text)
        except WorkshopError as error:
            if want is not None:
                problems.append(f"{label}: refused ({error}) but should store {want[:40]!r}")
            elif len(str(error)) < 15:
                problems.append(f"{label}: refused without a clear message: {error!r}")
            if snapshot(db, ctx.workshop_id) != before:
                problems.append(f"{label}: a refused write changed the workshop")
            continue
        except Exception as error:  # noqa: BLE001 - any other failure is a bug the user would meet
            problems.append(f"{label}: crashed with {type(error).__name__}: {error}")
            continue
        stored = store.get(db, table, row_id)[column]
        if want is None:
            problems.append(f"{label}: stored {stored[:40]!r}, should be refused")
        elif stored != want:
            problems.append(f"{label}: stored {stored[:40]!r} instead of {want[:40]!r}")
        after = snapshot(db, ctx.workshop_id)
        if without_target(after, before, table, export_index(db, table, row_id, ctx.workshop_id), column) != before:
            problems.append(f"{label}: something else in the workshop changed")
        db.close()
    assert not problems, "\n".join(problems)


def _app(db_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return at.run()


def _widget(at: AppTest, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def _no_exception(at: AppTest) -> None:
    assert not at.exception, at.exception[0].message if at.exception else ""


@pytest.mark.parametrize("name", TEXT_IDS)
def test_start_and_architecture_forms_store_it_intact_or_refuse_it_and_show_it_as_plain_text(
        name, monkeypatch, db_path):
    text = TEXTS[name]
    db = store.connect(db_path)
    other = demo.create_demo(db)
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
    row = workshops.get_workshop(db, wid)
    assert (row["organisation"], row["unit"]) == (expected(text, NAME),) * 2
    assert row["facilitator"] == expected(text, OPTIONAL_NAME)
    assert_plain_text(at, expected(text, NAME))

    # the phase-1 page of the new workshop: a head-office theme, then the unit's description
    _widget(at, "text_input", "Theme").set_value(text)
    _widget(at, "text_area", "What head office requires").set_value(text)
    at = _widget(at, "button", "Add head-office theme").click().run()
    _no_exception(at)
    themes = store.rows(db, "SELECT * FROM head_office_theme WHERE workshop_id = ?", [wid])
    if expected(text, LONG) is None:
        assert not themes and at.error
    else:
        assert [(t["name"], t["requirement"]) for t in themes] == [(expected(text, NAME), expected(text, LONG))]
        assert_plain_text(at, expected(text, LONG))
    _widget(at, "text_area", "What the unit does and whom it serves").set_value(text)
    at = _widget(at, "button", "Save the unit").click().run()
    _no_exception(at)
    saved = workshops.get_workshop(db, wid)["unit_description"]
    assert saved == (expected(text, LONG) or ""), "stored intact, or refused and left as it was"
    assert snapshot(db, other) == other_before, "the other workshop must not change"


MARKDOWN_KINDS = ("markdown", "caption", "title", "header", "subheader", "success", "info",
                  "warning", "error", "toast")
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

def _import_expected(text: str, required: bool) -> str | None:
    """Import keeps text exactly as written, refusing only control characters, broken Unicode,
    and (for names) an empty value."""
    if expected(text, Kind(10**9, True, False)) is None and text.strip():
        return None
    if required and not text.strip():
        return None
    return text


def _document_with(text: str) -> dict:
    db = store.connect(":memory:")
    document = exchange.export_workshop(db, demo.create_demo(db))
    document["workshop"]["mission"] = text
    document["head_office_theme"][0]["name"] = text
    document["head_office_theme"][0]["requirement"] = text
    return document


def _via_service(db, path, payload: bytes):
    return exchange.import_workshop(db, exchange.parse(payload))


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
    db = store.connect(db_path)
    other = demo.create_demo(db)
    before = snapshot(db, other)
    payload = json.dumps(_document_with(text), ensure_ascii=False).encode("utf-8", "surrogatepass")
    want = _import_expected(text, required=True)
    try:
        IMPORT_DOORS[door](db, db_path, payload)
    except WorkshopError:
        assert want is None, f"refused, but should store {text[:40]!r}"
        if door == "command-line":
            assert capsys.readouterr().err.startswith("error: ")
    else:
        assert want is not None, "stored, but should be refused"
        new = [w["id"] for w in workshops.list_workshops(db) if w["id"] != other]
        assert len(new) == 1
        assert workshops.get_workshop(db, new[0])["mission"] == text
        theme = store.one(db, "SELECT * FROM head_office_theme WHERE workshop_id = ?", [new[0]])
        assert (theme["name"], theme["requirement"]) == (text, text)
    assert snapshot(db, other) == before
    if want is None:
        assert len(workshops.list_workshops(db)) == 1, "a refused import leaves nothing behind"


def _document_bytes(name: str) -> bytes:
    made = DOCUMENTS[name]
    if callable(made):
        db = store.connect(":memory:")
        made = made(exchange.export_workshop(db, demo.create_demo(db)))
    return made


@pytest.mark.parametrize("door", IMPORT_DOORS)
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_a_hostile_document_is_refused_with_a_message_and_nothing_is_imported(name, door, db_path,
                                                                                capsys):
    db = store.connect(db_path)
    other = demo.create_demo(db)
    before = snapshot(db, other)
    with pytest.raises(WorkshopError) as refused:
        IMPORT_DOORS[door](db, db_path, _document_bytes(name))
    if door == "service":
        assert len(str(refused.value)) > 15
    else:
        err = capsys.readouterr().err
        assert err.startswith("error: ") and len(err) > 20 and "Traceback" not in err
    assert [w["id"] for w in workshops.list_workshops(db)] == [other]
    assert snapshot(db, other) == before


# --- the outputs --------------------------------------------------------------------------

def _visible(text: str) -> str:
    """Text as a reader sees it: compatibility forms folded, spacing and invisible marks dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc"))


def output_page(db, db_path, wid, value, monkeypatch):
    at = _app(db_path, monkeypatch)
    at.session_state["workshop_id"] = wid
    at = at.switch_page("pages/architecture.py").run()
    _no_exception(at)
    assert_plain_text(at, value)


def output_pdf(db, db_path, wid, value, monkeypatch):
    from io import BytesIO

    from pypdf import PdfReader
    from workshop import scorecard
    html = report.render_html(report.report_context(scorecard.load(db, wid)))
    assert str(escape(value)) in html, "the report's HTML must carry the text escaped"
    reader = PdfReader(BytesIO(report.render_pdf(html)))
    shown = _visible("".join(page.extract_text() for page in reader.pages))
    assert _visible(value) in shown or _visible(value)[::-1] in shown, "not in the PDF as typed"
    assert not any("/URI" in str(page.get("/Annots", "")) for page in reader.pages), \
        "user text must not become a link in the PDF"


def output_json_export(db, db_path, wid, value, monkeypatch):
    document = exchange.export_workshop(db, wid)
    assert value in (document["workshop"]["vision"], document["head_office_theme"][-1]["requirement"])
    again = store.connect(":memory:")
    copy_id = exchange.import_workshop(again, exchange.parse(exchange.dumps(document).encode()))
    assert exchange.export_workshop(again, copy_id) == document, "export, import, export changed it"


OUTPUTS = {"page": output_page, "pdf": output_pdf, "json-export": output_json_export}
SHOWN = [name for name in TEXT_IDS if expected(TEXTS[name], LONG) is not None]


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("name", SHOWN)
def test_stored_hostile_text_is_inert_and_intact_in_every_output(name, output, db_path, monkeypatch):
    value = expected(TEXTS[name], LONG)
    db = store.connect(db_path)
    wid = demo.create_demo(db)
    title = expected(TEXTS[name], NAME) or "A plain head-office theme"
    from workshop import architecture
    architecture.add_head_office_theme(db, wid, title, value)
    workshops.update_workshop(db, wid, vision=value)
    OUTPUTS[output](db, db_path, wid, value, monkeypatch)
