"""The measure page with AppTest: an overview of every objective, and forms only for the one the
facilitator opened."""

import re

import pytest
from helpers import demo_into
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.db import scorecard, store
from workshop.method import decisions, measures, objectives, workshops

WIDGET_KINDS = ("text_input", "text_area", "selectbox", "button")


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "pages.db"))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.db = store.connect(tmp_path / "pages.db")
    return at


def open_measures(at, wid: int) -> AppTest:
    at.session_state.workshop_id = wid
    at.run()
    return at.switch_page(nav.MEASURES.script).run()


def forms_sent(at) -> set[str]:
    """The form of every widget on the page (Streamlit gives each form's widgets its id)."""
    return {w.form_id for kind in WIDGET_KINDS for w in at.get(kind) if getattr(w, "form_id", "")}


def keyed_ids(at, pattern: str) -> set[int]:
    """Ids in the keys of the page's widgets that match `pattern` (one group: the id)."""
    found = set()
    for kind in WIDGET_KINDS:
        for w in at.get(kind):
            match = re.fullmatch(pattern, w.key or "")
            if match:
                found.add(int(match.group(1)))
    return found


def test_the_measure_page_sends_forms_only_for_the_objective_the_facilitator_opened(app):
    wid = demo_into(app.db)
    card = scorecard.load(app.db, wid)
    at = open_measures(app, wid)
    assert not at.exception
    chosen = at.selectbox(key="measures-objective").value
    mine = {m.id for m in card.measures_of(chosen)}
    others = {m.id for m in card.measures} - mine
    assert mine and others, "the demo has measures on several objectives"
    assert keyed_ids(at, r"m(\d+)-\w+") == set(), "a measure's form waits until its panel is opened"
    for m in card.measures:  # every edit panel opened: still only this objective's forms are sent
        at.session_state[f"measure-edit-{m.id}"] = True
    at.run()
    assert keyed_ids(at, r"m(\d+)-\w+") == mine, "edit fields for the opened objective's measures only"
    assert keyed_ids(at, r"new(\d+)-\w+") == {chosen}, "one form to add a measure, for this objective"
    assert all(re.search(r"(edit-measure-(\d+)|new-measure-(\d+))", f) for f in forms_sent(at))
    assert not {f for f in forms_sent(at) for m in others if f.endswith(f"edit-measure-{m}")}
    assert len(forms_sent(at)) == len(mine) + 1
    assert [b.label for b in at.button].count("Save measure") == len(mine)


def test_choosing_another_objective_sends_its_forms_instead(app):
    wid = demo_into(app.db)
    card = scorecard.load(app.db, wid)
    at = open_measures(app, wid)
    first = at.selectbox(key="measures-objective").value
    second = next(o.id for o in card.agreed_objectives() if o.id != first and card.measures_of(o.id))
    for m in card.measures:
        at.session_state[f"measure-edit-{m.id}"] = True
    at.selectbox(key="measures-objective").select(second).run()
    assert not at.exception
    assert keyed_ids(at, r"m(\d+)-\w+") == {m.id for m in card.measures_of(second)}
    assert keyed_ids(at, r"new(\d+)-\w+") == {second}
    assert card.objective(second).title in [s.value for s in at.subheader][-1].replace("\\", "")


def test_the_overview_lists_every_agreed_objective_and_each_ones_measures(app):
    wid = demo_into(app.db)
    card = scorecard.load(app.db, wid)
    at = open_measures(app, wid)
    by_objective = at.dataframe[0].value
    assert len(at.dataframe) == 1, "the other tab's table is drawn only when that tab is open"
    at.session_state["measures-overview-tabs"] = "All measures: edit, paste, upload"
    all_measures = at.run().dataframe[0].value
    assert list(by_objective["Objective"]) == [
        o.title for o in sorted(card.agreed_objectives(), key=lambda o: ([p.id for p in card.perspectives].index(o.perspective_id), o.id))
    ]
    assert len(all_measures) == len([m for m in card.measures if m.objective_id in {o.id for o in card.agreed_objectives()}])


def test_the_page_opens_first_on_an_objective_without_a_measure(app):
    wid = workshops.create_workshop(app.db, "Atlas", "Cloud")
    perspective = workshops.perspectives(app.db, wid)[0]["id"]
    measured = objectives.add_objective(app.db, wid, "Grow revenue", perspective)
    bare = objectives.add_objective(app.db, wid, "Win more clients", perspective)
    for oid in (measured, bare):
        decisions.decide_objective(app.db, oid, "agreed")
    measures.add_measure(app.db, measured, "Revenue")
    at = open_measures(app, wid)
    assert at.selectbox(key="measures-objective").value == bare
    assert "no measure yet" in list(at.dataframe[0].value["Measures"])


def test_a_measure_added_to_the_opened_objective_is_stored_and_the_objective_stays_open(app):
    wid = demo_into(app.db)
    card = scorecard.load(app.db, wid)
    at = open_measures(app, wid)
    target = next(o.id for o in card.agreed_objectives() if o.id != at.selectbox(key="measures-objective").value)
    at.selectbox(key="measures-objective").select(target).run()
    before = len(card.measures_of(target))
    at.text_input(key=f"new{target}-name").input("Share of tickets solved the same day")
    at.text_input(key=f"new{target}-target").input("80")
    [add] = [b for b in at.button if b.label == "Add measure"]
    add.click().run()
    assert not at.exception and not at.error
    after = scorecard.load(app.db, wid).measures_of(target)
    assert len(after) == before + 1 and after[-1].target == 80
    assert at.selectbox(key="measures-objective").value == target


def test_a_bad_target_on_the_opened_objective_says_why_and_keeps_what_was_typed(app):
    wid = demo_into(app.db)
    at = open_measures(app, wid)
    chosen = at.selectbox(key="measures-objective").value
    before = len(scorecard.load(app.db, wid).measures)
    at.text_input(key=f"new{chosen}-name").input("Renewal rate")
    at.text_input(key=f"new{chosen}-target").input("lots")
    [add] = [b for b in at.button if b.label == "Add measure"]
    add.click().run()
    assert at.error and len(scorecard.load(app.db, wid).measures) == before
    assert at.text_input(key=f"new{chosen}-name").value == "Renewal rate"


def test_an_objective_title_written_as_markdown_reads_as_typed_on_the_measure_page(app):
    wid = workshops.create_workshop(app.db, "Atlas", "Cloud")
    title = "**Grow** [revenue](http://x.test) <b>now</b> :smile:"
    oid = objectives.add_objective(app.db, wid, title, workshops.perspectives(app.db, wid)[0]["id"])
    decisions.decide_objective(app.db, oid, "agreed")
    at = open_measures(app, wid)
    assert not at.exception
    heading = at.subheader[-1].value
    assert "**Grow**" not in heading and "\\*\\*Grow\\*\\*" in heading
