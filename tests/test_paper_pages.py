"""The facilitator enters paper ballots and a show of hands on the voting rounds page (AppTest), and
every page that shows the results marks them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.room import joining, paper, vote_results, voting

ROOT = Path(__file__).resolve().parent.parent


def facilitator(wid: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.ROUNDS.script).run()
    return at


def plain(text: str) -> str:
    """Markdown as the reader sees it (the page escapes what it shows)."""
    return str(text).replace("\\", "").replace("\u200b", "")


def said(at) -> list[str]:
    return [plain(s.value) for s in at.success]


def texts(at) -> str:
    return " ".join(plain(e.value) for e in [*at.markdown, *at.caption, *at.success, *at.error, *at.info, *at.warning, *at.subheader])


def _open_panel(at, rid, tab=None):
    """Open the panel (AppTest does not keep an expander's or a tab's state across runs as a
    browser does)."""
    at.session_state[f"paper-open-{rid}"] = True
    if tab:
        at.session_state[f"paper-tabs-{rid}"] = tab
    return at.run()


def click(at, rid, key=None, label=None):
    at.session_state[f"paper-open-{rid}"] = True
    button = at.button(key=key) if key else at.button[[b.label for b in at.button].index(label)]
    return button.click().run()


def test_the_facilitator_adds_a_named_paper_ballot_and_sees_it_counted(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = [i["id"] for i in voting.round_items(db, rid)]
    voting.submit(db, ann["token"], rid, {items[0]: 2})
    at = _open_panel(facilitator(wid), rid)
    assert not at.exception
    at.text_input(key=f"paper-name-{rid}-0").set_value("Dora <b>")
    at.radio(key=f"paper-{rid}-0-{items[0]}").set_value("5")
    at.radio(key=f"paper-{rid}-0-{items[1]}").set_value("Skip")
    click(at, rid, f"paper-add-{rid}")
    assert not at.exception
    assert "“Dora <b>” counted: 2 answers, marked as entered on paper." in said(at)
    _open_panel(at, rid)
    assert "2 of 2 have voted · 1 on paper" in texts(at)
    assert at.text_input(key=f"paper-name-{rid}-1").value == ""  # a fresh form for the next paper
    (entered,) = paper.paper_ballots(db, rid)
    assert entered["name"] == "Dora <b>" and entered["answers"] == {items[0]: 5, items[1]: "skip"}
    assert vote_results.turnout(db, rid)["paper"] == 1


def test_a_facilitator_only_round_takes_the_name_on_the_paper_for_the_facilitators_eyes(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", anonymity="facilitator_only")
    items = [i["id"] for i in voting.round_items(db, rid)]
    at = _open_panel(facilitator(wid), rid)
    assert "only you see it" in at.text_input(key=f"paper-name-{rid}-0").label
    at.text_input(key=f"paper-name-{rid}-0").set_value("Dora")
    at.radio(key=f"paper-{rid}-0-{items[0]}").set_value("4")
    click(at, rid, f"paper-add-{rid}")
    assert not at.exception and not at.error
    assert [b["name"] for b in paper.paper_ballots(db, rid)] == ["Dora"]


def test_a_grid_rounds_paper_ballot_places_an_item_on_both_axes(live_room):
    db, wid, oids, _, _ = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="grid")
    items = [i["id"] for i in voting.round_items(db, rid)]
    at = _open_panel(facilitator(wid), rid)
    assert not at.exception  # the axes' choices once crashed the page (a number where a label must be text)
    x = at.selectbox(key=f"paper-{rid}-0-{items[0]}-x")
    assert x.options == ["—", "1", "2", "3", "4", "5"]
    x.set_value(3)
    at.selectbox(key=f"paper-{rid}-0-{items[0]}-y").set_value(5)
    click(at, rid, f"paper-add-{rid}")
    assert not at.exception
    assert "An unnamed paper ballot counted: 1 answer, marked as entered on paper." in said(at)
    (entered,) = paper.paper_ballots(db, rid)
    assert entered["answers"] == {items[0]: {"x": 3, "y": 5}}


def test_an_empty_paper_ballot_is_refused_on_the_page_and_nothing_is_stored(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="gradients", anonymity="anonymous")
    at = _open_panel(facilitator(wid), rid)
    assert not at.text_input  # not named: no name to type
    click(at, rid, f"paper-add-{rid}")
    assert "The paper ballot is empty" in " ".join(plain(e.value) for e in at.error)
    assert paper.paper_ballots(db, rid) == []


def test_the_facilitator_counts_hands_and_a_count_over_the_hands_declared_is_refused(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = [i["id"] for i in voting.round_items(db, rid)]
    at = _open_panel(facilitator(wid), rid)
    at.session_state[f"paper-tabs-{rid}"] = "Show of hands"
    at.run()
    at.number_input(key=f"hands-people-{rid}-0").set_value(4)
    at.number_input(key=f"hands-{rid}-0-{items[0]}-5").set_value(3)
    at.number_input(key=f"hands-{rid}-0-{items[0]}-4").set_value(2)
    click(at, rid, f"hands-save-{rid}")
    assert "5 hands counted on “Grow revenue”, but only 4 people vote by hand" in " ".join(plain(e.value) for e in at.error)
    assert paper.hand_counts(db, rid) == {}
    at.number_input(key=f"hands-{rid}-0-{items[0]}-4").set_value(1)
    at.number_input(key=f"hands-{rid}-0-{items[1]}-1").set_value(4)
    click(at, rid, f"hands-save-{rid}")
    assert not at.exception
    assert "Show of hands recorded: 4 people voting by hand, 8 hands raised across 2 items." in said(at)
    assert paper.hand_counts(db, rid)[items[0]]["counts"] == {"5": 3, "4": 1}
    _open_panel(at, rid, "Show of hands")
    assert at.number_input(key=f"hands-{rid}-1-{items[1]}-1").value == 4  # the grid shows what counts now
    history = at.dataframe[-1].value
    assert list(history["Item"]) == ["Grow revenue", "Delight customers"]
    assert list(history["Hands raised"]) == ["5 strongly agree: 3, 4 agree: 1", "1 strongly disagree: 4"]
    assert "4 of 5 have voted · 4 by show of hands" in texts(at)


def test_a_ranking_round_offers_paper_ballots_and_explains_why_not_hands(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="ranking")
    at = _open_panel(facilitator(wid), rid)
    at.session_state[f"paper-tabs-{rid}"] = "Show of hands"
    at.run()
    assert "A ranking cannot be counted by a show of hands" in texts(at)


def test_a_paper_ballot_is_corrected_then_removed_from_the_list(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots", dots_total=3)
    items = [i["id"] for i in voting.round_items(db, rid)]
    voter = paper.add_paper_ballot(db, rid, {items[0]: 2})
    at = _open_panel(facilitator(wid), rid)
    at.session_state[f"paper-tabs-{rid}"] = "Paper ballots entered (1)"
    at.run()
    at.selectbox(key=f"paper-pick-{rid}").set_value(voter).run()
    at.radio(key=f"paper-fix-{rid}-{voter}-{items[1]}").set_value(1)
    click(at, rid, label="Save the correction")
    assert not at.exception and "Paper ballot 1 corrected." in said(at)
    assert paper.paper_ballots(db, rid)[0]["answers"] == {items[0]: 2, items[1]: 1}
    at.selectbox(key=f"paper-pick-{rid}").set_value(voter).run()
    click(at, rid, label="Remove this paper ballot")
    assert "Paper ballot 1 removed: its answers no longer count." in said(at)
    assert paper.paper_ballots(db, rid) == []


def test_a_closed_round_shows_where_its_votes_came_from(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = [i["id"] for i in voting.round_items(db, rid)]
    voting.submit(db, ann["token"], rid, {items[0]: 4})
    paper.add_paper_ballot(db, rid, {items[0]: 5}, name="Dora")
    paper.set_hand_counts(db, rid, 3, {items[0]: {"4": 3}})
    voting.close_round(db, rid)
    at = facilitator(wid)
    assert "5 voted (includes 1 paper ballot and 3 by show of hands)" in texts(at)
    at.session_state[f"figures-{rid}"] = True
    at.session_state[f"who-voted-{rid}"] = True
    at.run()
    table = at.table[0].value
    assert list(table["On paper"]) == ["1", "0"] and list(table["By hand"]) == ["3", "0"]
    assert "Dora (on paper)" in list(at.dataframe[0].value["Person"])


def test_a_protected_round_shows_no_count_on_paper_or_by_hand_per_item_never_a_zero_for_a_withheld_one(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", anonymity="facilitator_only")
    first, second = [i["id"] for i in voting.round_items(db, rid)]
    code = joining.join_code(db, wid)
    for person in [ann] + [joining.join(db, code, name) for name in ("Bea", "Cai", "Dov")]:
        voting.submit(db, person["token"], rid, {first: 4})
    paper.add_paper_ballot(db, rid, {first: 5, second: 1})  # the only answer on the second item
    voting.close_round(db, rid)
    at = facilitator(wid)
    at.session_state[f"figures-{rid}"] = True
    at.run()
    table = at.table[0].value  # per item they would say what the one person without a phone chose
    assert "On paper" not in table.columns and "By hand" not in table.columns
    assert "5 voted (includes 1 paper ballot)" in texts(at)


def test_only_the_facilitator_reaches_the_paper_ballots_and_a_paper_voter_cannot_join(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = [i["id"] for i in voting.round_items(db, rid)]
    voter = paper.add_paper_ballot(db, rid, {items[0]: 4}, name="Dora")
    participant = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    participant.query_params["t"] = ann["token"]
    participant.query_params["w"] = str(wid)
    participant.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        participant.switch_page(nav.ROUNDS.script)
    assert not [b for b in participant.button if b.label == "Add the paper ballot"]
    token = db.execute("SELECT token FROM participant WHERE id = ?", [voter]).fetchone()[0]
    as_paper = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    as_paper.query_params["t"] = token
    as_paper.run()
    assert not as_paper.exception and "not known" in texts(as_paper) and "Hello, Dora" not in texts(as_paper)


def test_a_dots_round_counts_hands_as_dots_and_lists_every_count_entered(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots", dots_total=2)
    items = [i["id"] for i in voting.round_items(db, rid)]
    paper.set_hand_counts(db, rid, 3, {items[0]: {"dot": 2}})
    paper.set_hand_counts(db, rid, 3, {items[0]: {"dot": 3}})
    at = _open_panel(facilitator(wid), rid, "Show of hands")
    assert not at.exception
    assert at.number_input(key=f"hands-{rid}-0-{items[0]}-dot").value == 3
    history = at.dataframe[-1].value
    assert list(history["Hands raised"]) == ["Dots: 2", "Dots: 3"]
    assert list(history["Counts now"])[1] == "yes" and list(history["Counts now"])[0].startswith("replaced ")


def _participant(token: str, simple: bool) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["t"] = token
    if simple:
        at.session_state["simple-form"] = True
    return at.run()


def test_a_participant_reads_that_the_results_include_paper_and_hands(live_room):
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = [i["id"] for i in voting.round_items(db, rid)]
    voting.submit(db, ann["token"], rid, {items[0]: 4})
    paper.add_paper_ballot(db, rid, {items[0]: 5}, name="Dora")
    paper.set_hand_counts(db, rid, 2, {items[0]: {"4": 2}})
    voting.close_round(db, rid)
    simple = _participant(ann["token"], simple=True)
    assert not simple.exception
    assert "Includes 1 paper ballot and 2 by show of hands, entered by the facilitator." in texts(simple)
    component = _participant(ann["token"], simple=False)
    found = [e for e in component.get("bidi_component") if e.proto.component_name == "scorecard_workshop.ballot"]
    data = json.loads(found[0].proto.json)
    (shown,) = data["results"]
    assert shown["caption"].endswith("· includes 1 paper ballot and 2 by show of hands")
    assert ["Dora (on paper)", "5 · strongly agree"] in shown["cards"][0]["names"]
