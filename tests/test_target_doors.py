"""Every type of target through every door: the measure form (AppTest), the measures table, a paste,
`python -m workshop load`, and a JSON import; lead/lag and frequency left unsaid stay "not stated"."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import demo_into
from streamlit.testing.v1 import AppTest

from ui import measure_table, nav
from workshop import cli
from workshop.db import scorecard, store
from workshop.deliverables.exchange import export
from workshop.method import bulk, bulk_kinds, measures
from workshop.starters import from_json

# typed → (type, figures or level, what every output prints)
TYPES = {
    "< 2.00%": ("at_most", 2.0, "< 2 %"),
    "≥ 24 %": ("at_least", 24.0, "≥ 24 %"),
    "98–100%": ("range", (98.0, 100.0), "98–100 %"),
    "= 5": ("exactly", 5.0, "= 5"),
    "AAA": ("rating", "AAA", "AAA"),
    "Successful implementation by 2027-06-30": ("milestone", "Successful implementation", "Successful implementation by 2027-06-30"),
    "TBD": ("tbd", None, "to be decided"),
}


def _stored(db, measure_id: int):
    m = next(x for x in scorecard.load(db, 1).measures if x.id == measure_id)
    goal = m.goal
    figures = {"range": (goal.low, goal.high), "rating": goal.level, "milestone": goal.level, "tbd": None}.get(goal.type, goal.value)
    return m, (goal.type, figures)


def _named(db, wid: int, name: str):
    return next(m for m in scorecard.load(db, wid).measures if m.name == name)


@pytest.fixture
def demo(fresh_db):
    wid = demo_into(fresh_db)
    card = scorecard.load(fresh_db, wid)
    objective = card.agreed_objectives()[0]
    return fresh_db, wid, objective


# --- the measure form -------------------------------------------------------------------------


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "pages.db"))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.db = store.connect(tmp_path / "pages.db")
    return at


def _open_add_form(at, wid: int) -> tuple[AppTest, int]:
    at.session_state.workshop_id = wid
    at.run()
    at = at.switch_page(nav.MEASURES.script).run()
    return at, at.selectbox(key="measures-objective").value


def _add(at, oid: int, name: str, target: str, **more) -> AppTest:
    at.text_input(key=f"new{oid}-name").input(name)
    at.text_input(key=f"new{oid}-target").input(target)
    for suffix, value in more.items():
        at.text_input(key=f"new{oid}-{suffix}").input(value)
    return next(b for b in at.button if b.label == "Add measure").click().run()


@pytest.mark.parametrize("typed", ["< 2.00%", "98–100%", "AAA", "TBD"])
def test_the_form_takes_each_type_and_leaves_lead_lag_and_frequency_unstated(app, typed):
    wid = demo_into(app.db)
    at, oid = _open_add_form(app, wid)
    at = _add(at, oid, "Typed target", typed)
    assert not at.exception and not at.error, [e.value for e in at.error]
    m = _named(app.db, wid, "Typed target")
    kind, figures, shown = TYPES[typed]
    assert _stored(app.db, m.id)[1] == (kind, figures)
    assert (m.kind, m.frequency) == ("", "")  # the form's "not stated", never lag/monthly
    assert any(shown in md.value for md in at.markdown), "the measure's line prints the target as meant"


def test_the_form_asks_a_rating_scale_when_a_level_needs_one(app):
    wid = demo_into(app.db)
    at, oid = _open_add_form(app, wid)
    assert not [t for t in at.text_input if t.key == f"new{oid}-scale"], "no scale field until it helps"
    at = _add(at, oid, "Partner tier", "Gold")
    assert at.error, "a level of no known scale is refused, with words"
    scale = next(t for t in at.text_input if t.key == f"new{oid}-scale")
    scale.input("Platinum > Gold > Silver")
    at = next(b for b in at.button if b.label == "Add measure").click().run()
    m = _named(app.db, wid, "Partner tier")
    assert (m.goal.type, m.goal.level, m.goal.scale) == ("rating", "Gold", ("Platinum", "Gold", "Silver"))


def test_the_form_says_level_or_amount_and_how_periods_make_up_the_year(app):
    wid = demo_into(app.db)
    at, oid = _open_add_form(app, wid)
    at.selectbox(key=f"new{oid}-nature").select("flow")
    at.selectbox(key=f"new{oid}-year").select("sum")
    at = _add(at, oid, "New accounts", "≥ 12")
    m = _named(app.db, wid, "New accounts")
    assert (m.nature, m.year_rule) == ("flow", "sum")


# --- the measures table -----------------------------------------------------------------------


def test_the_table_shows_targets_as_typed_and_reads_its_own_rows_back(demo):
    db, wid, _ = demo
    card = scorecard.load(db, wid)
    rows = measure_table.records(card, card.agreed_objectives())
    assert {r["kind"] for r in rows} <= {"lead", "lag", "not stated"}
    assert all(isinstance(r["target"], str) for r in rows)
    again = bulk.check(db, wid, "measures", list(enumerate(({k: v for k, v in r.items() if k != "id"} for r in rows), 1)), ids={})
    assert [r.problems for r in again.rows if r.problems] == [] or all("already has" in str(r.problems) for r in again.rows if r.problems)


@pytest.mark.parametrize("typed", list(TYPES))
def test_the_table_takes_each_type_edited_in_a_row(demo, typed):
    db, wid, _ = demo
    card = scorecard.load(db, wid)
    before = measure_table.records(card, card.agreed_objectives())
    after = [dict(r) for r in before]
    row = after[0]
    row.update(target=typed, kind="not stated", frequency="not stated", green=None, red=None, unit="%" if "%" in typed else "")
    if typed in ("AAA", "TBD") or "by" in typed:
        row["baseline"] = None
    batch = bulk.check_table(db, wid, "measures", before, after)
    assert batch.ok, batch.problems()
    bulk.save(db, wid, [batch])
    m, read = _stored(db, row["id"])
    assert read == TYPES[typed][:2]
    assert (m.kind, m.frequency) == ("", "")
    shown = measure_table.records(scorecard.load(db, wid), card.agreed_objectives())[0]
    assert (shown["target"], shown["kind"]) == (TYPES[typed][2].removesuffix(" by 2027-06-30"), "not stated")


# --- paste, upload and `load` -----------------------------------------------------------------

HEADER = "Objective\tMeasure\tUnit\tLead/lag\tFrequency\tTarget\tTarget date\tRating scale\tLevel or amount\tYear from periods\n"


def _pasted(title: str) -> str:
    rows = [
        f"{title}\tCost of risk\t%\t\t\t< 2.00%\t\t\tlevel\taverage",
        f"{title}\tCapital ratio\t%\tlag\tquarterly\t> 24%\t\t\tlevel\tlast",
        f"{title}\tUptime\t%\tlead\tmonthly\t98–100%\t\t\t\t",
        f"{title}\tPartner tier\t\tnot stated\tannually\tGold\t\tPlatinum > Gold > Silver\t\t",
        f"{title}\tCore system\t\tlag\tnot stated\tSuccessful implementation\t2027-06-30\t\t\t",
        f"{title}\tNew accounts\tcount\tlag\tquarterly\tTBD\t\t\tamount\tsum",
    ]
    return HEADER + "\n".join(rows) + "\n"


def test_a_paste_takes_every_type_and_the_new_columns(demo):
    db, wid, objective = demo
    batches = bulk.check_pasted(db, wid, _pasted(objective.title), "measures")
    assert all(b.ok for b in batches), [b.problems() for b in batches]
    bulk.save(db, wid, batches)
    got = {name: _named(db, wid, name) for name in ("Cost of risk", "Capital ratio", "Uptime", "Partner tier", "Core system", "New accounts")}
    assert {n: m.goal.type for n, m in got.items()} == {
        "Cost of risk": "at_most",
        "Capital ratio": "at_least",
        "Uptime": "range",
        "Partner tier": "rating",
        "Core system": "milestone",
        "New accounts": "tbd",
    }
    assert (got["Cost of risk"].kind, got["Cost of risk"].frequency) == ("", "")
    assert got["Partner tier"].kind == "" and got["Core system"].frequency == ""
    assert (got["New accounts"].nature, got["New accounts"].year_rule) == ("flow", "sum")
    assert got["Core system"].target_date == "2027-06-30"


def test_a_pasted_target_nobody_can_read_is_named_by_row_and_column(demo):
    db, wid, objective = demo
    text = HEADER + f"{objective.title}\tMystery\t\t\t\tsoon-ish!!\t\t\t\t\n"
    problems = bulk.check_pasted(db, wid, text, "measures")[0].problems()
    assert len(problems) == 1 and "row 2 · Target" in problems[0] and "TBD" in problems[0]


def test_the_template_offers_the_new_columns():
    headers = bulk_kinds.MEASURES.headers
    assert headers[-3:] == ["Rating scale", "Level or amount", "Year from periods"]
    assert "default lag" not in " ".join(c.note for c in bulk_kinds.MEASURES.columns)


def test_the_load_command_takes_every_type(demo, tmp_path, capsys):
    db, wid, objective = demo
    path = tmp_path / "w.db"
    db.conn.execute(f"VACUUM INTO '{path}'")
    sheet = tmp_path / "measures.csv"
    sheet.write_text(_pasted(objective.title).replace("\t", ","), encoding="utf-8")
    assert cli.main(["load", "--db", str(path), "--workshop", str(wid), str(sheet), "--kind", "measures"]) == 0
    assert "6 measures" in capsys.readouterr().out
    stored = store.connect(path)
    assert _named(stored, wid, "Partner tier").goal.scale == ("Platinum", "Gold", "Silver")
    assert _named(stored, wid, "Cost of risk").goal.strict


# --- JSON import ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", list(TYPES))
def test_a_json_import_reads_each_typed_target(demo, typed):
    db, wid, _ = demo
    document = json.loads(json.dumps(export.export_workshop(db, wid)))
    m = document["measure"][0]
    for column in ("target_type", "target_strict", "target_low", "target_high", "target_level", "rating_scale", "green", "red", "kind", "frequency"):
        m.pop(column)
    m.update(target=typed, unit="%" if "%" in typed else "")
    fresh = store.connect(":memory:")
    new = from_json.import_workshop(fresh, document)
    got = next(x for x in measures.measures(fresh, new) if x["name"] == m["name"])
    assert (got["kind"], got["frequency"]) == ("", "")
    stored = _named(fresh, new, m["name"])
    assert _stored(fresh, stored.id)[1] == TYPES[typed][:2]


def test_a_bare_figure_typed_over_a_cap_keeps_the_measure_lower_is_better(demo):
    db, wid, _ = demo
    card = scorecard.load(db, wid)
    before = measure_table.records(card, card.agreed_objectives())
    capped = next(r for r in before if r["target"].startswith("≤"))
    assert capped["direction"] == measure_table.AS_TARGET
    after = [dict(r, target="5") if r["id"] == capped["id"] else dict(r) for r in before]
    batch = bulk.check_table(db, wid, "measures", before, after)
    assert batch.ok, batch.problems()
    bulk.save(db, wid, [batch])
    m, read = _stored(db, capped["id"])
    assert (m.direction, read) == ("lower", ("at_most", 5.0))


def test_the_form_takes_a_milestone_with_its_date(app):
    wid = demo_into(app.db)
    at, oid = _open_add_form(app, wid)
    at.date_input(key=f"new{oid}-tdate").set_value(dt.date(2027, 6, 30))
    at = _add(at, oid, "Core system", "Successful implementation")
    assert not at.error, [e.value for e in at.error]
    m = _named(app.db, wid, "Core system")
    assert (m.goal.type, m.goal.level, m.target_date) == ("milestone", "Successful implementation", "2027-06-30")
    assert any("Successful implementation by 2027-06-30" in md.value.replace("\\", "") for md in at.markdown)


def test_the_measures_table_on_the_page_shows_targets_as_typed_and_not_stated(app):
    wid = demo_into(app.db)
    first = sorted(scorecard.load(app.db, wid).measures, key=lambda m: m.id)[0]
    measures.update_measure(app.db, first.id, kind="", frequency="", target="98–100%", green=None, red=None)
    at, _ = _open_add_form(app, wid)
    at.session_state["measures-overview-tabs"] = "All measures: edit, paste, upload"
    table = at.run().dataframe[0].value
    row = table[table["name"] == first.name].iloc[0]
    assert (row["kind"], row["frequency"], row["target"]) == ("not stated", "not stated", "98–100 %")
    assert not at.exception
