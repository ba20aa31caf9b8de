"""Acknowledging a finding: a warning or advice accepted with a reason is silenced in the app, listed
with its reason in the report and on the command line, and comes back when the items at fault change."""

from __future__ import annotations

import pytest
from helpers import demo_into
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop import checks, cli
from workshop.core.errors import Invalid
from workshop.db import scorecard, store
from workshop.deliverables import record
from workshop.deliverables.exchange import export
from workshop.deliverables.report import document, parts
from workshop.method import acknowledgements, objectives, workshops
from workshop.starters import from_json

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
REASON = "A deliberately small <b>illustrative</b> map."


def _card(db, wid):
    return scorecard.load(db, wid)


def _ids(db, wid) -> set[str]:
    return {f.id for f in checks.run(_card(db, wid))}


def _ownerless(db, wid) -> int:
    """The demo passes every check; leave its first objective without an owner (a warning)."""
    first = _card(db, wid).live_objectives()[0]
    objectives.update_objective(db, first.id, owner="")
    return first.id


def test_an_acknowledged_warning_leaves_the_open_findings_and_keeps_its_reason(demo_db):
    db, wid = demo_db
    _ownerless(db, wid)
    assert "objective-no-owner" in _ids(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    assert "objective-no-owner" not in _ids(db, wid)
    (finding,) = checks.acknowledged(checks.review(_card(db, wid)))
    assert finding.id == "objective-no-owner" and finding.acknowledgement["reason"] == REASON


def test_an_error_cannot_be_acknowledged(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Org", "Unit")
    assert "perspective-empty" in _ids(fresh_db, wid)
    with pytest.raises(Invalid, match="cannot be acknowledged"):
        acknowledgements.acknowledge(fresh_db, wid, "perspective-empty", "We know.")
    assert acknowledgements.acknowledgements(fresh_db, wid) == []


@pytest.mark.parametrize("reason", ["", "   ", "\u200b"])
def test_an_acknowledgement_needs_a_reason(demo_db, reason):
    db, wid = demo_db
    _ownerless(db, wid)
    with pytest.raises(Invalid, match="The reason"):
        acknowledgements.acknowledge(db, wid, "objective-no-owner", reason)


def test_a_finding_that_is_not_there_or_a_check_that_does_not_exist_is_refused(demo_db):
    db, wid = demo_db
    with pytest.raises(Invalid, match="finds nothing now"):
        acknowledgements.acknowledge(db, wid, "objective-no-owner", "Because.")
    with pytest.raises(Invalid, match="no method check"):
        acknowledgements.acknowledge(db, wid, "no-such-check", "Because.")


def test_a_finding_that_changed_while_the_reason_was_typed_is_not_acknowledged(demo_db):
    db, wid = demo_db
    oid = _ownerless(db, wid)
    seen = next(f for f in checks.run(_card(db, wid)) if f.id == "objective-no-owner")
    objectives.update_objective(db, oid, title="Grow revenue by 30%")
    with pytest.raises(Invalid, match="changed while you were writing"):
        acknowledgements.acknowledge(db, wid, "objective-no-owner", "Because.", fingerprint=seen.fingerprint)


def test_editing_the_objective_it_names_brings_the_finding_back(demo_db):
    db, wid = demo_db
    oid = _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    other = _card(db, wid).live_objectives()[1]
    objectives.update_objective(db, other.id, description="An unrelated edit.")
    assert "objective-no-owner" not in _ids(db, wid)  # another objective's edit leaves it silenced
    objectives.update_objective(db, oid, description="The named objective, edited.")
    finding = next(f for f in checks.run(_card(db, wid)) if f.id == "objective-no-owner")
    assert finding.lapsed["reason"] == REASON and not finding.acknowledged


def test_a_new_item_at_fault_brings_the_finding_back(demo_db):
    db, wid = demo_db
    _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    objectives.update_objective(db, _card(db, wid).live_objectives()[2].id, owner="")
    assert "objective-no-owner" in _ids(db, wid)


def test_agreeing_the_objective_in_a_vote_is_not_an_edit(demo_db):
    db, wid = demo_db
    oid = _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    db.execute("UPDATE objective SET status = 'draft' WHERE id = ?", [oid])
    assert "objective-no-owner" not in _ids(db, wid)


def test_a_withdrawn_acknowledgement_shows_the_finding_again(demo_db):
    db, wid = demo_db
    _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    acknowledgements.withdraw(db, wid, "objective-no-owner")
    assert "objective-no-owner" in _ids(db, wid)


def test_acknowledging_again_replaces_the_reason(demo_db):
    db, wid = demo_db
    _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", "First.")
    acknowledgements.acknowledge(db, wid, "objective-no-owner", "Second.")
    assert [a["reason"] for a in acknowledgements.acknowledgements(db, wid)] == ["Second."]


def test_the_report_lists_the_acknowledged_finding_with_its_reason(demo_db):
    db, wid = demo_db
    _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    card = _card(db, wid)
    rows = parts.findings(card)
    (row,) = [r for r in rows if r["id"] == "objective-no-owner"]
    assert row["acknowledged"] == REASON and row["acknowledged_at"]
    html = document.render_html(document.report_context(card, findings=rows))
    section = html[html.index('<section id="findings">') :]
    assert "Acknowledged by the team" in section
    assert "A deliberately small &lt;b&gt;illustrative&lt;/b&gt; map." in section  # escaped, as typed


def test_an_acknowledgement_survives_export_and_import(demo_db):
    db, wid = demo_db
    _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(export.export_workshop(db, wid))))
    assert "objective-no-owner" not in _ids(db, copy)
    assert [f.acknowledgement["reason"] for f in checks.acknowledged(checks.review(_card(db, copy)))] == [REASON]


def test_the_command_line_prints_acknowledged_findings_with_their_reason(capsys, db_path):
    db = store.connect(db_path)
    wid = demo_into(db)
    _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    code = cli.main(["check", "--db", str(db_path), "--workshop", str(wid)])
    out = capsys.readouterr()
    assert code == 0
    assert "[warning, acknowledged] objective-no-owner" in out.out and f"acknowledged: {REASON}" in out.out
    assert "0 findings" in out.err and "1 acknowledged" in out.err


# --- the page -------------------------------------------------------------------------------------


def _checks_page(wid: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.run()
    at.switch_page(nav.CHECKS.script).run()
    assert not at.exception, at.exception
    return at


def _text(at) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)


def test_on_the_checks_page_an_acknowledged_finding_leaves_the_list_and_returns_when_edited(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = demo_into(db)
    oid = _ownerless(db, wid)
    at = _checks_page(wid)
    assert "`objective-no-owner`" in _text(at)
    at.text_area(key="ack-all-objective-no-owner-reason").input("The owner is named at the board meeting.")
    next(b for b in at.button if b.label == "Acknowledge").click().run()
    assert not at.exception and not at.error
    at = _checks_page(wid)
    assert [m.value for m in at.metric][:4] == ["0", "0", "0", "1"]
    assert any("Acknowledged (1)" in s.value for s in at.subheader)
    assert any("The owner is named at the board meeting" in c.value for c in at.caption)
    assert not any(b.label == "Acknowledge" for b in at.button)
    objectives.update_objective(db, oid, title="Grow revenue by 30%")
    at = _checks_page(wid)
    assert at.metric[1].value == "1" and at.metric[3].value == "0"
    assert any("lapsed because the items at fault changed" in c.value for c in at.caption)


def test_on_the_checks_page_an_acknowledgement_can_be_withdrawn(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = demo_into(db)
    _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", REASON)
    at = _checks_page(wid)
    at.button(key="withdraw-objective-no-owner").click().run()
    assert not at.exception
    assert "objective-no-owner" in _ids(db, wid)


def test_an_empty_reason_on_the_page_is_refused_with_a_message(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = demo_into(db)
    _ownerless(db, wid)
    at = _checks_page(wid)
    next(b for b in at.button if b.label == "Acknowledge").click().run()
    assert any("The reason is empty" in e.value for e in at.error)
    assert acknowledgements.acknowledgements(db, wid) == []


def test_the_facilitators_report_with_findings_carries_the_reason_and_the_sponsors_copy_does_not(demo_db):
    db, wid = demo_db
    _ownerless(db, wid)
    acknowledgements.acknowledge(db, wid, "objective-no-owner", "Named at the board meeting.")
    with_findings = document.build_html(record.read(db, wid), findings=True)
    section = with_findings[with_findings.index('<section id="findings">') :]
    assert "Acknowledged by the team" in section and "Named at the board meeting." in section
    assert "Named at the board meeting." not in document.build_html(record.read(db, wid))  # the appendix is off by default
