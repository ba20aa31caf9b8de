"""The demo as a newcomer meets it: its join screen can be projected at once (link, code and QR
code, with the passphrase asked for beside them), and its voting record is complete."""

from __future__ import annotations

from helpers import ROOT
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.core.model import Phase
from workshop.db import round_reads, scorecard, store
from workshop.method import decisions, measures, objectives, phases, workshops
from workshop.room import access, joining, vote_results, voting


def _join_screen(wid: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["w"] = str(wid)
    at.run()
    at.switch_page(nav.JOIN_SCREEN.script).run()
    assert not at.exception, at.exception
    return at


def test_the_demo_join_screen_shows_link_code_and_qr_and_asks_for_a_passphrase_beside_them(demo_file):
    db, wid = demo_file
    assert not access.has_passphrase(db, wid)
    at = _join_screen(wid)
    code = joining.join_code(db, wid)
    markdown = " ".join(str(m.value) for m in at.markdown)
    assert f"/?join={code}" in markdown and f"`{code}`" in markdown
    assert at.get("image"), "the QR code is shown before any passphrase is set"
    assert any("Set a facilitator passphrase" in str(w.value) for w in at.warning)
    at.text_input(key="pass-new").input("facilitate well")
    at.text_input(key="pass-again").input("facilitate well")
    at = next(b for b in at.button if b.label == "Set passphrase").click().run()
    assert not at.exception and access.has_passphrase(db, wid)
    assert not any("Set a facilitator passphrase" in str(w.value) for w in at.warning)
    assert at.get("image") and f"`{code}`" in " ".join(str(m.value) for m in at.markdown)


def test_the_demo_decides_every_item_its_rooms_sent_back(demo):
    assert demo.card.sent_back == []
    decided = {d.measure_id for d in demo.card.decisions if d.measure_id is not None}
    rid = next(r["id"] for r in voting.rounds(demo.db, demo.workshop_id) if r["title"] == "Proposed measures")
    sent_back = [r for r in vote_results.results(demo.db, rid) if r["verdict"] in round_reads.SENT_BACK]
    assert sent_back, "the demo shows a re-discussed measure"
    assert all(r["measure_id"] in decided for r in sent_back)
    assert all(d.phase == Phase.MEASURES for d in demo.card.decisions if d.measure_id is not None)


def _measure_round(db) -> tuple[int, int, list[dict]]:
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)
    oid = objectives.add_objective(db, wid, "Grow revenue", persp[0]["id"])
    mids = [measures.add_measure(db, oid, name, target=10) for name in ("Revenue growth", "Margin")]
    code = joining.join_code(db, wid)
    tokens = [joining.join(db, code, name)["token"] for name in ("Ann", "Bob", "Cem", "Dee")]
    rid = voting.open_round(db, wid, [("measure", m) for m in mids], method="rating", workshop_number=2, title="Proposed measures")
    items = voting.round_items(db, rid)
    for n, token in enumerate(tokens):  # the first: lukewarm (re-discuss); the second: consensus
        voting.submit(db, token, rid, {items[0]["id"]: 5 if n < 2 else 3, items[1]["id"]: 5})
    voting.close_round(db, rid)
    return wid, rid, items


def test_the_measures_gate_says_what_a_re_discussed_item_still_needs(fresh_db):
    wid, rid, items = _measure_round(fresh_db)
    todo = " ".join(phases.missing(scorecard.load(fresh_db, wid), Phase.MEASURES))
    assert "The room sent 1 measure back for discussion in “Proposed measures”: Revenue growth" in todo
    assert "record a decision on each (agreed, changed or dropped)" in todo and "Margin" not in todo
    decisions.decide_round_item(fresh_db, items[0], "agreed", "Kept after discussion.")
    assert phases.missing(scorecard.load(fresh_db, wid), Phase.MEASURES) == []


def test_a_re_vote_that_reaches_consensus_settles_the_item(fresh_db):
    wid, rid, items = _measure_round(fresh_db)
    again = vote_results.revote(fresh_db, rid, [items[0]["id"]])
    item = voting.round_items(fresh_db, again)[0]
    for p in joining.participants(fresh_db, wid):
        token = store.get(fresh_db, "participant", p["id"])["token"]
        voting.submit(fresh_db, token, again, {item["id"]: 5})
    voting.close_round(fresh_db, again)
    assert scorecard.load(fresh_db, wid).sent_back == []
