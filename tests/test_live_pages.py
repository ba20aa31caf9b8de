"""Live participation pages in-process (AppTest): roles, joining, the ballot (its data; the simple
form it falls back to), results."""

import json
from pathlib import Path

import pytest
from helpers import PASSPHRASE
from streamlit.testing.v1 import AppTest

from ui import nav, session
from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import access, discussion, joining, voting

ROOT = Path(__file__).resolve().parent.parent


def app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def form_app(**params) -> AppTest:
    """The participant's page with the simple form switched on (the ballot component's stand-in)."""
    at = app(**params)
    at.session_state["simple-form"] = True
    return at


def ballot_data(at) -> dict:
    """What the page gave the ballot component (AppTest cannot run its script)."""
    found = [e for e in at.get("bidi_component") if e.proto.component_name == "scorecard_workshop.ballot"]
    assert len(found) == 1, "the vote section is one element"
    return json.loads(found[0].proto.json)


def texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.title, *at.caption, *at.info, *at.warning, *at.error, *at.success, *at.subheader])


def test_joining_by_link_puts_the_token_in_the_url(live_room):
    db, wid, _, code, _ = live_room
    at = app(join=code).run()
    assert at.text_input(key="join-code").value == code
    at.text_input(key="join-name").input("Bob")
    at.button[0].click().run()
    assert not at.exception
    token = at.query_params["t"]
    token = token[0] if isinstance(token, list) else token
    assert joining.participant_by_token(db, token)["name"] == "Bob"
    assert "Hello, Bob" in texts(app(t=token).run())


def test_joining_under_a_taken_name_asks_for_the_rejoin_key(live_room):
    _, _, _, code, ann = live_room
    at = app(join=code).run()
    at.text_input(key="join-name").input("Ann")
    at.button[0].click().run()
    assert "rejoin key" in texts(at) and "t" not in at.query_params


def test_a_participant_sees_the_open_round_as_one_ballot_form_and_no_totals(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    bob = joining.join(db, joining.join_code(db, wid), "Bob")
    voting.rate(db, bob["token"], rid, voting.round_items(db, rid)[0]["id"], 5)
    at = form_app(t=ann["token"]).run()
    assert not at.exception
    items = voting.round_items(db, rid)
    at.radio(key=f"vote-{rid}-{items[0]['id']}").set_value("4")
    at.radio(key=f"vote-{rid}-{items[1]['id']}").set_value("Skip")
    assert not at.table and not at.dataframe  # results hidden until close: no totals reach this page
    at.button[0].click().run()  # the form's submit button
    mine = voting.my_ballots(db, ann["token"], rid)
    assert mine[items[0]["id"]]["rating"] == 4 and mine[items[1]["id"]]["skipped"] == 1
    assert "Your votes are in" in texts(at)
    again = form_app(t=ann["token"]).run()  # a reload keeps identity and ballots
    assert again.radio(key=f"vote-{rid}-{items[0]['id']}").value == "4"


def test_a_participant_sees_the_open_round_as_one_ballot_element_with_no_totals(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", timer_seconds=300)
    bob = joining.join(db, joining.join_code(db, wid), "Bob")
    voting.rate(db, bob["token"], rid, voting.round_items(db, rid)[0]["id"], 5)
    voting.rate(db, ann["token"], rid, voting.round_items(db, rid)[1]["id"], "skip")
    at = app(t=ann["token"]).run()
    assert not at.exception and not at.radio and not at.table and not at.dataframe
    data = ballot_data(at)
    (round_,) = data["rounds"]
    assert [i["title"] for i in round_["items"]] == ["Grow revenue", "Delight customers"]
    assert round_["method"] == "rating" and 290 <= round_["seconds_left"] <= 300
    assert round_["mine"] == {str(voting.round_items(db, rid)[1]["id"]): "skip"}
    assert round_["status"]["text"].startswith("Your ballot is in for 1 of 2 items")
    assert data["results"] == []  # results hidden until close: no totals reach this page
    assert "5" not in json.dumps(data["rounds"][0]["mine"])  # nobody else's ballot either


def test_waiting_shows_no_round_and_watches_the_rooms_signal_or_polls(live_room):
    db, wid, oids, _, ann = live_room
    at = app(t=ann["token"]).run()
    data = ballot_data(at)
    assert data["rounds"] == [] and data["open_count"] == 0
    if data["signal"]:  # static serving on: the ballot fetches the file; no fragment timer
        assert data["signal"]["url"].startswith("/app/static/room/") and data["signal"]["seen"] == ""
    voting.open_round(db, wid, [("objective", oids[0])], method="dots")
    assert len(ballot_data(at.run())["rounds"]) == 1


def test_while_commenting_the_ballot_only_watches_the_room(live_room):
    db, wid, oids, _, ann = live_room
    at = app(t=ann["token"]).run()
    at.segmented_control(key="section").set_value("comment").run()
    data = ballot_data(at)
    assert data["mode"] == "watch" and data["open_count"] == 0 and data["rounds"] == []
    voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    assert ballot_data(at.run())["open_count"] == 1  # the element offers a way to the vote


def test_a_participant_gets_no_facilitator_page_even_by_its_url(live_room):
    db, wid, _, _, ann = live_room
    at = app(t=ann["token"], w=str(wid)).run()
    for page in (nav.ROUNDS.script, nav.JOIN_SCREEN.script, nav.COMMENTS.script, nav.START.script):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    assert "Hello, Ann" in texts(at) and "Voting rounds" not in texts(at)


def test_an_unknown_token_gets_the_join_page(live_room):
    at = app(t="forged-token").run()
    assert not at.exception
    assert "not known" in texts(at) and at.text_input(key="join-code") is not None


def test_facilitator_pages_need_the_passphrase_in_this_session(live_room):
    db, wid, _, _, _ = live_room
    at = app(w=str(wid)).run()
    at.switch_page(nav.ROUNDS.script).run()
    assert "Facilitator passphrase" in texts(at) and "Open a new round" not in str(at.expander)
    at.text_input(key="unlock-passphrase").input("wrong guess!")
    at.button[0].click().run()
    assert "not the facilitator" in texts(at)
    at.text_input(key="unlock-passphrase").input(PASSPHRASE)
    at.button[0].click().run()
    assert not at.exception
    assert "Voting rounds" in texts(at)


def test_a_browser_elsewhere_in_the_room_gets_no_facilitator_side_without_a_passphrase(live_room, monkeypatch):
    """The laptop running the app is the facilitator's; another device (a participant who deleted
    their token from the URL) sees only workshops a passphrase protects, and cannot create any."""
    db, protected, _, _, _ = live_room
    open_one = workshops.create_workshop(db, "Open Org", "Open Unit")  # no passphrase
    monkeypatch.setattr(session, "on_this_laptop", lambda: False)
    at = app().run()
    assert not at.exception
    assert "Join with a code" in str([link.proto for link in at.get("page_link")])
    assert "Cloud" in texts(at) and "Open Unit" not in texts(at) and "load the demo" not in texts(at)
    assert not [b for b in at.button if b.label in ("Create workshop", "Load the demo workshop", "Import")]
    at = app(w=str(open_one)).run()
    at.switch_page(nav.ROUNDS.script).run()
    assert "open only on the laptop running the app" in texts(at) and "Voting rounds" not in texts(at)
    assert not at.text_input  # not even a passphrase field: there is none to type
    monkeypatch.setattr(session, "on_this_laptop", lambda: True)  # on the laptop itself it opens
    at = app(w=str(open_one)).run()
    at.switch_page(nav.ROUNDS.script).run()
    assert "Voting rounds" in texts(at)


def test_facilitator_opens_closes_and_sees_verdicts_then_records_a_decision(live_room):
    db, wid, oids, _, ann = live_room
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.ROUNDS.script).run()
    assert not at.exception
    assert at.button(key="open-round").disabled  # nothing is preselected
    at.radio(key="round-method").set_value("rating").run()
    at.button(key=f"all-{wid}-1-objective").click().run()
    assert at.button(key="open-round").label == "Open the round on 2 items"
    at.button(key="open-round").click().run()
    assert not at.exception
    rid = voting.open_rounds(db, wid)[0]["id"]
    assert voting.get_round(db, rid)["number"] == 1
    assert not [k for k in at.session_state if str(k).startswith("pick-") and at.session_state[k]]  # emptied
    for item in voting.round_items(db, rid):
        voting.rate(db, ann["token"], rid, item["id"], 5)
    at.run()
    assert "1 of 1 have voted" in str([p.proto for p in at.get("progress")])
    at.button(key=f"close-{rid}").click().run()
    assert voting.get_round(db, rid)["status"] == "closed"
    at.session_state[f"figures-{rid}"] = True  # the figures are drawn once their panel is opened
    at.run()
    assert list(at.table[0].value["Verdict"]) == ["Consensus", "Consensus"]
    assert at.button(key=f"record-{rid}").label == "Record these 2 decisions"
    at.button(key=f"record-{rid}").click().run()  # both verdicts are clear: one click
    assert not at.exception
    assert [objectives.get_objective(db, o)["status"] for o in oids] == ["agreed", "agreed"]
    rationale, evidence = db.execute("SELECT rationale, evidence FROM decision").fetchone()
    assert rationale == "" and "100% support" in evidence and "Round 1" in evidence


def test_join_screen_shows_code_link_and_qr_and_the_people(live_room):
    db, wid, _, code, _ = live_room
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.JOIN_SCREEN.script).run()
    assert not at.exception
    shown = texts(at)
    assert code in shown and f"/?join={code}" in shown and "In the room: 1" in shown
    assert at.get("image")
    at.button(key=f"remove-{joining.participants(db, wid)[0]['id']}").click().run()
    assert joining.participants(db, wid)[0]["removed_at"]


def test_comments_page_marks_a_comment_addressed(live_room):
    db, wid, oids, _, ann = live_room
    cid = discussion.add_comment(db, wid, "Ann", "**bold** <b>x</b>", objective_id=oids[0], participant_id=ann["id"])
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.COMMENTS.script).run()
    assert not at.exception
    assert r"\*\*bold\*\* \<b\>x\</b\>" in texts(at)
    at.button(key=f"addressed-{cid}").click().run()
    assert discussion.comments(db, wid)[0]["addressed"] == 1


@pytest.mark.parametrize(
    "method,values",
    [
        ("dots", ["2", "1"]),
        ("gradients", ["endorse", "block"]),
        ("ranking", ["1", "1"]),  # one objective per perspective here, so each is ranked 1 in its own
    ],
)
def test_each_voting_method_is_one_form_on_the_participant_page(live_room, method, values):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method=method)
    items = voting.round_items(db, rid)
    at = form_app(t=ann["token"]).run()
    assert not at.exception
    for item, value in zip(items, values):
        widget = at.selectbox if method == "ranking" else at.radio
        widget(key=f"vote-{rid}-{item['id']}").set_value(value)
    at.button[0].click().run()
    assert not at.exception and "Your votes are in" in texts(at)
    mine = voting.my_ballots(db, ann["token"], rid)
    column = {"dots": "dots", "gradients": "gradient", "ranking": "rank"}[method]
    assert [str(mine[i["id"]][column]) for i in items] == values


def test_an_over_budget_dot_ballot_is_refused_with_a_message(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots", dots_total=3)
    items = voting.round_items(db, rid)
    at = form_app(t=ann["token"]).run()
    for item in items:
        at.radio(key=f"vote-{rid}-{item['id']}").set_value("2")
    at.button[0].click().run()
    assert "You have 3 dots" in texts(at) and voting.my_ballots(db, ann["token"], rid) == {}


def test_a_ballot_sent_after_the_round_closed_is_refused_with_a_message(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = voting.round_items(db, rid)
    at = form_app(t=ann["token"]).run()
    at.radio(key=f"vote-{rid}-{items[0]['id']}").set_value("5")
    voting.close_round(db, rid)  # the facilitator closes it while Ann is still choosing
    at.button[0].click().run()
    assert not at.exception
    assert "Too late" in texts(at) and "Your votes are in" not in texts(at)
    assert voting.my_ballots(db, ann["token"], rid) == {}
    at.run()  # the waiting poll redraws the page: the note stays until Ann says OK
    assert "Too late" in texts(at)
    at.button(key=f"closed-note-ok-{rid}").click().run()
    assert "Too late" not in texts(at) and not at.exception


def test_a_round_closed_under_a_half_done_ballot_says_how_much_counted(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = voting.round_items(db, rid)
    at = form_app(t=ann["token"]).run()
    voting.submit(db, ann["token"], rid, {items[0]["id"]: "4"}, partial=True)
    at.run()
    voting.close_round(db, rid)
    at.run()  # the poll noticed the close
    assert f"closed with your votes in for 1 of {len(items)} items" in texts(at)


def test_a_ballot_shows_how_much_of_it_is_in_right_after_submitting(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = voting.round_items(db, rid)
    at = form_app(t=ann["token"]).run()
    assert "Your ballot is in" not in texts(at)
    at.radio(key=f"vote-{rid}-{items[0]['id']}").set_value("3")
    at.button[0].click().run()
    assert "Your votes are in for 1 of 2 items" in texts(at)
    assert "Your ballot is in for 1 of 2 items" in texts(form_app(t=ann["token"]).run())  # and on a reload


def test_a_removed_participant_loses_the_page(live_room):
    db, wid, _, _, ann = live_room
    joining.remove_participant(db, ann["id"])
    at = app(t=ann["token"]).run()
    assert not at.exception
    assert "removed you" in texts(at) and "Hello, Ann" not in texts(at)


def test_a_participant_comments_and_proposes_from_their_page(live_room):
    db, wid, oids, _, ann = live_room
    at = app(t=ann["token"]).run()
    assert not at.text_area and not at.text_input  # the vote comes first; the others are one click away
    at.segmented_control(key="section").set_value("comment").run()
    at.text_area(key="comment-body").input("Needs a target")
    at.button(key="FormSubmitter:comment-Post").click().run()
    assert not at.exception
    assert discussion.comments(db, wid)[0]["body"] == "Needs a target"
    at.segmented_control(key="section").set_value("propose").run()
    at.text_input(key="propose-title").input("Shorten onboarding")
    at.button(key="FormSubmitter:propose-Propose").click().run()
    assert "on the facilitator's list" in texts(at)
    proposed = [o for o in objectives.objectives(db, wid) if o["title"] == "Shorten onboarding"]
    assert proposed[0]["proposed_by"] == "Ann" and proposed[0]["status"] == "draft"


def test_two_open_rounds_each_have_their_own_live_panel(live_room):
    db, wid, oids, _, ann = live_room
    first = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    second = voting.open_round(db, wid, [("objective", oids[1])], method="dots")
    voting.rate(db, ann["token"], first, voting.round_items(db, first)[0]["id"], 3)
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.ROUNDS.script).run()
    assert not at.exception
    at.button(key=f"close-{second}").click().run()
    assert not at.exception
    assert voting.get_round(db, second)["status"] == "closed"
    assert voting.get_round(db, first)["status"] == "open"


def test_user_text_in_result_tables_is_shown_as_typed_not_as_markdown(live_room):
    db, wid, _, _, ann = live_room
    persp = [p["id"] for p in db.query("SELECT id FROM perspective WHERE workshop_id = ?", [wid])][0]
    hostile = objectives.add_objective(db, wid, "**Win** [now](javascript:alert(1)) <img src=x>", persp)
    rid = voting.open_round(db, wid, [("objective", hostile)], method="rating")
    voting.rate(db, ann["token"], rid, voting.round_items(db, rid)[0]["id"], 5)
    voting.close_round(db, rid)
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.session_state[f"figures-{rid}"] = True  # the figures panel opened
    at.run().switch_page(nav.ROUNDS.script).run()
    cell = at.table[0].value["Item"].iloc[0]
    assert cell == "\\*\\*Win\\*\\* \\[now\\]\\(javascript:\u200balert\\(1\\)\\) \\<img src=x\\>"
    participant = form_app(t=ann["token"]).run()  # the simple form's table: escaped markdown
    assert participant.table[0].value["Item"].iloc[0] == cell
    card = ballot_data(app(t=ann["token"]).run())["results"][0]["cards"][0]  # the ballot: the text as typed
    assert card["title"] == "**Win** [now](javascript:alert(1)) <img src=x>"


def test_a_workshop_created_with_a_passphrase_is_protected_and_open_to_its_creator(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    at = app().run()
    at.text_input(key="new-organisation").input("Atlas")
    at.text_input(key="new-unit").input("Cloud")
    at.text_input(key="new-passphrase").input("short")
    at.button(key="FormSubmitter:create-Create workshop").click().run()
    assert "at least 8" in texts(at)
    at.text_input(key="new-passphrase").input("long enough phrase")
    at.button(key="FormSubmitter:create-Create workshop").click().run()
    assert not at.exception
    db = store.connect(db_path)
    wid = db.execute("SELECT id FROM workshop").fetchone()[0]
    assert access.has_passphrase(db, wid)
    assert "Facilitator passphrase" not in texts(at)  # the creator is let in
    stranger = app(w=str(wid)).run()
    stranger.switch_page(nav.ARCHITECTURE.script).run()
    assert "Facilitator passphrase" in texts(stranger)


@pytest.mark.parametrize("anonymity", ["named", "anonymous"])
def test_switching_to_the_simple_form_after_the_ballot_showed_a_closed_rounds_results_does_not_crash(live_room, anonymity):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", anonymity=anonymity, min_voters=3)
    for name in ("Bob", "Cy", "Di"):
        voter = joining.join(db, joining.join_code(db, wid), name)
        voting.submit(db, voter["token"], rid, {i["id"]: 4 for i in voting.round_items(db, rid)})
    voting.close_round(db, rid)
    at = app(t=ann["token"]).run()  # the ballot component draws the closed round's results first
    assert ballot_data(at)["results"][0]["heading"].endswith(voting.get_round(db, rid)["title"])
    at.toggle(key="simple-form").set_value(True).run()  # "Use the simple form" (or the automatic fallback)
    assert not at.exception, at.exception
    assert at.table and "Grow revenue" in str(at.table[0].value)


def test_going_back_from_the_simple_form_to_the_ballot_shows_the_closed_rounds_results(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", anonymity="named", min_voters=3)
    for name in ("Bob", "Cy", "Di"):
        voter = joining.join(db, joining.join_code(db, wid), name)
        voting.submit(db, voter["token"], rid, {i["id"]: 4 for i in voting.round_items(db, rid)})
    voting.close_round(db, rid)
    at = form_app(t=ann["token"]).run()
    assert at.table and not at.exception
    at.toggle(key="simple-form").set_value(False).run()
    assert not at.exception, at.exception
    cards = ballot_data(at)["results"][0]["cards"]
    assert [c["title"] for c in cards] == ["Grow revenue", "Delight customers"] and cards[0]["names"]
