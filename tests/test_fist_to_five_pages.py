"""Fist to five on the pages, in-process (AppTest): the facilitator opens it from the round form, a
participant votes on the simple form and sees the ballot component's data, the facilitator enters a
paper ballot and a show of fingers, closes the round and reads the figures, and records the
decisions the verdicts suggest."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.method import objectives
from workshop.room import joining, paper, vote_results, voting

ROOT = Path(__file__).resolve().parent.parent


def app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def facilitator(wid: int) -> AppTest:
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.ROUNDS.script).run()
    return at


def plain(text: str) -> str:
    return str(text).replace("\\", "").replace("\u200b", "")


def texts(at) -> str:
    return " ".join(plain(e.value) for e in [*at.markdown, *at.caption, *at.success, *at.error, *at.info, *at.warning, *at.subheader])


def test_the_round_form_offers_fist_to_five_and_says_what_it_is(live_room):
    db, wid, oids, _, _ = live_room
    at = facilitator(wid)
    assert "Fist to five" in at.radio(key="round-method").options
    at.radio(key="round-method").set_value("fist_to_five").run()
    assert "Each person shows 0–5 fingers on each item: a fist (0) blocks it" in texts(at)
    assert "A fist (0) blocks an item until the room has talked it through" in texts(at)
    at.button(key=f"all-{wid}-1-objective").click().run()
    at.button(key="open-round").click().run()
    assert not at.exception
    (opened,) = voting.open_rounds(db, wid)
    assert (opened["method"], opened["title"]) == ("fist_to_five", "Fist to five")


def test_a_participant_shows_fingers_on_the_simple_form_and_the_ballot_gets_six_answers(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="fist_to_five")
    first, second = [i["id"] for i in voting.round_items(db, rid)]
    component = app(t=ann["token"]).run()
    (data,) = [json.loads(e.proto.json) for e in component.get("bidi_component") if e.proto.component_name == "scorecard_workshop.ballot"]
    (round_,) = data["rounds"]
    assert round_["piece"] == "fingers" and [o["value"] for o in round_["options"]] == ["0", "1", "2", "3", "4", "5"]
    assert round_["how"].startswith("Show how far you support each item with 0 to 5 fingers")

    at = app(t=ann["token"])
    at.session_state["simple-form"] = True
    at.run()
    radio = at.radio(key=f"vote-{rid}-{first}")
    assert radio.options == ["0 · Block", "1 · Major concerns", "2 · Minor concerns", "3 · Can live with it", "4 · Support", "5 · Full support"]
    assert "Show 0 to 5 fingers for each item: 0 (a fist) blocks it" in texts(at)
    radio.set_value("0")
    at.radio(key=f"vote-{rid}-{second}").set_value("4")
    at.button[0].click().run()
    assert not at.exception and "Your votes are in for 2 of 2 items" in texts(at)
    assert {i: b["fingers"] for i, b in voting.my_ballots(db, ann["token"], rid).items()} == {first: 0, second: 4}
    at.run()
    assert at.radio(key=f"vote-{rid}-{first}").value == "0"  # a fist stays shown as the answer


def test_the_facilitator_enters_paper_and_fingers_then_reads_the_figures_and_decides(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="fist_to_five")
    first, second = [i["id"] for i in voting.round_items(db, rid)]
    voting.submit(db, ann["token"], rid, {first: 5, second: 5})
    at = facilitator(wid)
    at.session_state[f"paper-open-{rid}"] = True
    at.run()
    assert "As the paper says: 0 (a fist) blocks" in texts(at)
    at.radio(key=f"paper-{rid}-0-{first}").set_value("3")
    at.radio(key=f"paper-{rid}-0-{second}").set_value("0")
    at.session_state[f"paper-open-{rid}"] = True
    at.button[[b.label for b in at.button].index("Add the paper ballot")].click().run()
    assert not at.exception and "An unnamed paper ballot counted: 2 answers, marked as entered on paper." in [plain(s.value) for s in at.success]
    assert paper.paper_ballots(db, rid)[0]["answers"] == {first: 3, second: 0}

    at.session_state[f"paper-open-{rid}"] = True
    at.session_state[f"paper-tabs-{rid}"] = "Show of hands"
    at.run()
    assert "5 · full support" in texts(at) and "0 · block" in texts(at)
    at.number_input(key=f"hands-people-{rid}-1").set_value(2)
    at.number_input(key=f"hands-{rid}-1-{first}-4").set_value(2)
    at.session_state[f"paper-open-{rid}"] = True
    at.button(key=f"hands-save-{rid}").click().run()
    assert not at.exception and paper.hand_counts(db, rid)[first]["counts"] == {"4": 2}

    voting.close_round(db, rid)
    at = facilitator(wid)
    assert "Fist to five · workshop 1 · 4 voted (includes 1 paper ballot and 2 by show of hands)" in texts(at)
    at.session_state[f"figures-{rid}"] = True
    at.run()
    table = at.table[0].value
    assert list(table["Verdict"]) == ["Consensus", "Blocked: discuss"]
    assert list(table["Spread"]) == ["1 showed 5 fingers · 2 showed 4 fingers · 1 showed 3 fingers", "1 showed 5 fingers · 1 showed a fist"]
    assert at.button(key=f"record-{rid}").label.startswith("Record")
    at.button(key=f"record-{rid}").click().run()
    assert not at.exception
    assert objectives.get_objective(db, oids[0])["status"] == "agreed"  # consensus suggested agree
    assert objectives.get_objective(db, oids[1])["status"] == "draft"  # a block waits for the room
    evidence = db.execute("SELECT evidence FROM decision WHERE objective_id = ?", [oids[0]]).fetchone()[0]
    assert evidence == f"Round 1 (Fist to five): {vote_results.summary(vote_results.results(db, rid)[0], 'fist_to_five')}"
    assert "includes 1 paper ballot and 2 by show of hands" in evidence


def test_the_participant_reads_the_results_of_a_closed_round_on_the_simple_form(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="fist_to_five")
    first, second = [i["id"] for i in voting.round_items(db, rid)]
    bob = joining.join(db, joining.join_code(db, wid), "Bob")
    voting.submit(db, ann["token"], rid, {first: 5, second: 0})
    voting.submit(db, bob["token"], rid, {first: 4, second: 3})
    voting.close_round(db, rid)
    at = app(t=ann["token"])
    at.session_state["simple-form"] = True
    at.run()
    assert not at.exception
    table = at.table[0].value
    assert list(table["Verdict"]) == ["Consensus", "Blocked: discuss"] and list(table["Blocks"]) == ["0", "1"]
