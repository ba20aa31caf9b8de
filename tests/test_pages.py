"""Page tests with Streamlit's AppTest: every page runs, forms call the services, errors show."""

import pytest
from helpers import demo_into, open_drafts, open_new_workshop

from ui import nav
from workshop.db import scorecard, store
from workshop.deliverables.exchange import export
from workshop.method import objectives, workshops

PAGES = [nav.ARCHITECTURE.script, nav.INTERVIEWS.script, nav.CONSENSUS.script, nav.MEASURES.script, nav.PLAN.script, nav.REPORT.script]


def markdown_text(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown) + "\n".join(str(c.value) for c in at.caption)


def test_the_start_page_runs_on_an_empty_database(app):
    app.run()
    assert not app.exception
    assert "No workshop yet" in "\n".join(i.value for i in app.info)


@pytest.mark.parametrize("page", PAGES)
def test_a_workshops_pages_are_not_offered_until_one_is_open(app, page):
    app.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(page).run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_the_demo(app, page):
    app.run()
    app.button(key="load-demo").click().run()
    assert not app.exception
    app.switch_page(page).run()
    assert not app.exception
    assert not app.error


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_a_new_empty_workshop(app, page):
    app.run()
    app.text_input(key="new-organisation").input("Atlas")
    app.text_input(key="new-unit").input("Cloud")
    [create] = [b for b in app.button if b.label == "Create workshop"]
    create.click().run()
    assert not app.exception and app.session_state.workshop_id
    app.switch_page(page).run()
    assert not app.exception


def test_creating_a_workshop_without_a_unit_says_what_is_missing(app):
    app.run()
    app.text_input(key="new-organisation").input("Atlas")
    [create] = [b for b in app.button if b.label == "Create workshop"]
    create.click().run()
    assert "The unit's name is empty" in app.error[0].value
    assert workshops.list_workshops(store.connect(app.db_file)) == []


def test_an_empty_objective_title_gets_a_clear_message_and_nothing_is_stored(app):
    db, wid = open_new_workshop(app)
    open_drafts(app)
    app.text_input(key="new-objective-title").input("   ")
    [button] = [b for b in app.button if b.label == "Add draft objective"]
    button.click().run()
    assert "The objective's title is empty" in app.error[0].value
    assert objectives.objectives(db, wid) == []


def test_a_script_title_and_a_huge_description_are_stored_and_shown_as_plain_text(app):
    db, wid = open_new_workshop(app)
    open_drafts(app)
    app.text_input(key="new-objective-title").input("<script>alert(1)</script>")
    app.text_area(key="new-objective-description").input("word " * 10_000)
    app.selectbox(key="new-objective-perspective").select(workshops.perspectives(db, wid)[0]["id"])
    [button] = [b for b in app.button if b.label == "Add draft objective"]
    button.click().run()
    assert not app.error
    [row] = objectives.objectives(db, wid)
    assert row["title"] == "<script>alert(1)</script>" and len(row["description"]) == 49_999
    app.switch_page(nav.CONSENSUS.script).run()
    shown = markdown_text(app)
    assert r"\<script\>alert\(1\)\</script\>" in shown  # escaped: markdown shows it literally
    assert "<script>" not in shown
    assert not any(getattr(m.proto, "allow_html", False) for m in app.markdown)


def test_recording_a_decision_on_the_consensus_page_agrees_the_objective(app):
    db, wid = open_new_workshop(app)
    pid = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow revenue", pid)
    app.switch_page(nav.CONSENSUS.script).run()
    [button] = [b for b in app.button if b.label == "Record decision"]
    button.click().run()
    assert not app.exception and not app.error
    assert scorecard.load(db, wid).objective(oid).status == "agreed"


def test_dropping_without_a_rationale_is_refused_on_the_page(app):
    db, wid = open_new_workshop(app)
    oid = objectives.add_objective(db, wid, "Buy a jet", workshops.perspectives(db, wid)[0]["id"])
    app.switch_page(nav.CONSENSUS.script).run()
    app.radio(key=f"outcome-{oid}").set_value("dropped")
    [button] = [b for b in app.button if b.label == "Record decision"]
    button.click().run()
    assert "Say why the item was dropped" in app.error[0].value
    assert scorecard.load(db, wid).objective(oid).status == "draft"


def test_the_report_page_generates_a_pdf_to_download(app):
    db = store.connect(app.db_file)
    wid = demo_into(db)
    app.session_state.workshop_id = wid
    app.run()
    app.switch_page(nav.REPORT.script).run()
    app.button(key="generate-pdf").click().run()
    assert not app.exception
    labels = [b.label for b in app.get("download_button")]
    assert any(label.startswith("Download the PDF (A4") for label in labels)


def test_the_report_page_makes_the_workshop_file_only_when_its_download_is_asked_for(app, monkeypatch):
    exported = []
    real = export.export_workshop
    monkeypatch.setattr(export, "export_workshop", lambda db, wid: exported.append(wid) or real(db, wid))
    app.session_state.workshop_id = demo_into(store.connect(app.db_file))
    app.run()
    app.switch_page(nav.REPORT.script).run()
    app.toggle(key="with-findings").set_value(True).run()
    assert not app.exception
    assert "Download the workshop file (JSON)" in [b.label for b in app.get("download_button")]
    assert exported == []  # two runs of the page, no export: the file is made on click


def test_the_report_page_says_when_the_workshop_changed_since_the_last_pdf(app):
    db = store.connect(app.db_file)
    wid = demo_into(db)
    app.session_state.workshop_id = wid
    app.run()
    app.switch_page(nav.REPORT.script).run()
    app.button(key="generate-pdf").click().run()
    app.run()
    assert any(b.label.startswith("Download the PDF") for b in app.get("download_button")), "nothing changed: the PDF stays"
    first = scorecard.load(db, wid).agreed_objectives()[0]
    objectives.update_objective(db, first.id, title=f"{first.title} (renamed)")
    app.run()
    assert "The workshop changed since the last PDF: generate it again." in markdown_text(app)
    assert not any(b.label.startswith("Download the PDF") for b in app.get("download_button"))


def test_adding_and_removing_a_head_office_theme_on_the_architecture_page(app):
    db, wid = open_new_workshop(app)
    app.switch_page(nav.ARCHITECTURE.script).run()
    [name] = [t for t in app.text_input if t.label == "Theme"]
    name.input("Safety")
    [button] = [b for b in app.button if b.label == "Add head-office theme"]
    button.click().run()
    assert [h["name"] for h in scorecard.load(db, wid).head_office_themes] == ["Safety"]
    [remove] = [b for b in app.button if b.label == "Remove"]
    remove.click().run()
    assert scorecard.load(db, wid).head_office_themes == []


def test_a_refused_interview_keeps_what_was_typed(app):
    """(That a successful form is emptied is checked in a real browser: AppTest resends its own
    widget values on the rerun.)"""
    db, wid = open_new_workshop(app)
    from workshop.method import interviews

    interviews.record_interview(db, wid, "Helen Park")
    app.switch_page(nav.INTERVIEWS.script).run()
    app.text_input(key="new-iv-executive").input("Helen Park")
    app.text_area(key="new-iv-mission").input("Keep clients running")
    [button] = [b for b in app.button if b.label == "Record interview"]
    button.click().run()
    assert "already recorded" in app.error[0].value
    assert app.text_area(key="new-iv-mission").value == "Keep clients running"
    app.text_input(key="new-iv-executive").input("Omar Said")
    [button] = [b for b in app.button if b.label == "Record interview"]
    button.click().run()
    assert not app.error
    assert [i["executive"] for i in interviews.interviews(db, wid)] == ["Helen Park", "Omar Said"]


def test_an_untouched_edit_form_saves_numbers_unchanged(app):
    db, wid = open_new_workshop(app)
    from workshop.method import decisions, measures, plan

    oid = objectives.add_objective(db, wid, "Grow revenue", workshops.perspectives(db, wid)[0]["id"])
    decisions.decide_objective(db, oid, "agreed")
    mid = measures.add_measure(db, oid, "Revenue", baseline=1234567, target=99.95, green=99.9, red=99.5)
    app.session_state[f"measure-edit-{mid}"] = True  # its edit panel opened
    plan.add_initiative(db, wid, "Academy", budget="1,234,567.89")
    app.switch_page(nav.MEASURES.script).run()
    [save] = [b for b in app.button if b.label == "Save measure"]
    save.click().run()
    m = scorecard.load(db, wid).measures_of(oid)[0]
    assert (m.baseline, m.target, m.green, m.red) == (1234567.0, 99.95, 99.9, 99.5)
    app.switch_page(nav.PLAN.script).run()
    [save] = [b for b in app.button if b.label == "Save initiative"]
    save.click().run()
    assert scorecard.load(db, wid).initiatives[0].budget == 1234567.89


def test_a_draft_can_be_edited_with_its_sources_and_deleted_on_the_interviews_page(app):
    db, wid = open_new_workshop(app)
    from workshop.method import interviews

    iv = interviews.record_interview(db, wid, "Helen Park")
    oid = objectives.add_objective(db, wid, "Grow revnue", workshops.perspectives(db, wid)[0]["id"])
    open_drafts(app)
    app.text_input(key=f"edit-title-{oid}").input("Grow revenue")
    app.multiselect(key=f"edit-src-{oid}").select(iv)
    [save] = [b for b in app.button if b.label == "Save draft"]
    save.click().run()
    assert not app.error
    o = scorecard.load(db, wid).objective(oid)
    assert (o.title, o.sources) == ("Grow revenue", (iv,))
    [delete] = [b for b in app.button if b.label == "Delete draft"]
    delete.click().run()
    assert scorecard.load(db, wid).objectives == []


def test_an_agreed_objective_cannot_be_deleted(demo_db):
    db, wid = demo_db
    from workshop.core.errors import Invalid

    oid = scorecard.load(db, wid).agreed_objectives()[0].id
    with pytest.raises(Invalid, match="Only a draft"):
        objectives.delete_objective(db, oid)


def test_dropping_shows_its_consequences_first_and_records_only_when_confirmed(app):
    db, wid = open_new_workshop(app)
    p = {x["key"]: x["id"] for x in workshops.perspectives(db, wid)}
    top = objectives.add_objective(db, wid, "Improve profit margin", p["financial"])
    cause = objectives.add_objective(db, wid, "Automate routine operations", p["internal"])
    objectives.add_link(db, cause, top, "Less manual work, lower cost.")
    app.switch_page(nav.CONSENSUS.script).run()
    app.radio(key=f"outcome-{cause}").set_value("dropped")
    app.text_area(key=f"why-{cause}").input("Out of scope this year.")
    next(b for b in app.button if b.label == "Record decision" and f"-{cause}" in str(b.form_id)).click().run()
    said = markdown_text(app)
    assert "leaves “Improve profit margin” with no driver" in said
    assert scorecard.load(db, wid).objective(cause).status == "draft", "nothing recorded before confirming"
    app.button(key=f"pending-{cause}-record").click().run()
    assert not app.exception
    assert scorecard.load(db, wid).objective(cause).status == "dropped"


def test_keeping_it_open_after_seeing_the_consequences_records_nothing(app):
    db, wid = open_new_workshop(app)
    p = {x["key"]: x["id"] for x in workshops.perspectives(db, wid)}
    top = objectives.add_objective(db, wid, "Improve profit margin", p["financial"])
    cause = objectives.add_objective(db, wid, "Automate routine operations", p["internal"])
    objectives.add_link(db, cause, top, "")
    app.switch_page(nav.CONSENSUS.script).run()
    app.radio(key=f"outcome-{cause}").set_value("dropped")
    app.text_area(key=f"why-{cause}").input("Out of scope.")
    next(b for b in app.button if b.label == "Record decision" and f"-{cause}" in str(b.form_id)).click().run()
    app.button(key=f"pending-{cause}-keep").click().run()
    assert scorecard.load(db, wid).objective(cause).status == "draft"
    assert "with no driver" not in markdown_text(app)
