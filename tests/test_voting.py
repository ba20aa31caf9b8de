"""Voting rounds and ballots through the services: methods, refusals, history, results, re-votes."""

import time

import pytest

from workshop.core.errors import Invalid, NotFound
from workshop.method import decisions, measures, objectives, workshops
from workshop.room import joining, vote_results, voting


@pytest.fixture
def room(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persps = workshops.perspectives(db, wid)
    oids = [
        objectives.add_objective(db, wid, title, persps[i % 2]["id"])
        for i, title in enumerate(["Grow revenue", "Delight customers", "Cut cost", "Win trust"])
    ]
    code = joining.join_code(db, wid)
    people = [joining.join(db, code, name) for name in ("Ann", "Bob", "Cem", "Dee")]
    return db, wid, oids, people


def _items(db, round_id):
    return [i["id"] for i in voting.round_items(db, round_id)]


def test_dots_can_be_cast_and_taken_back_within_the_budget(room):
    db, wid, oids, (ann, *_) = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots")
    a, b, c, d = _items(db, rid)
    voting.add_dot(db, ann["token"], rid, a)
    voting.add_dot(db, ann["token"], rid, a)
    with pytest.raises(Invalid, match="At most 2 dots on one item"):
        voting.add_dot(db, ann["token"], rid, a)
    voting.submit(db, ann["token"], rid, {a: 2, b: 2, c: 1})
    with pytest.raises(Invalid, match="You have 5 dots"):
        voting.add_dot(db, ann["token"], rid, d)
    voting.add_dot(db, ann["token"], rid, a, -1)
    voting.add_dot(db, ann["token"], rid, d)
    assert {i: b["dots"] for i, b in voting.my_ballots(db, ann["token"], rid).items()} == {a: 1, b: 2, c: 1, d: 1}
    with pytest.raises(Invalid, match="no dot there"):
        voting.submit(db, ann["token"], rid, {a: -1})


def test_a_withdrawn_dot_and_a_changed_rating_keep_their_history(room):
    db, wid, oids, (ann, *_) = room
    dots = voting.open_round(db, wid, [("objective", oids[0])], method="dots")
    item = _items(db, dots)[0]
    voting.add_dot(db, ann["token"], dots, item)
    voting.add_dot(db, ann["token"], dots, item, -1)
    assert [e["action"] for e in voting.history(db, dots)] == ["cast", "withdrawn"]
    assert voting.my_ballots(db, ann["token"], dots) == {}
    rating = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    item = _items(db, rating)[0]
    voting.rate(db, ann["token"], rating, item, 2)
    voting.rate(db, ann["token"], rating, item, 5)
    voting.rate(db, ann["token"], rating, item, 5)  # the same again is not an event
    events = voting.history(db, rating)
    assert [(e["action"], e["rating"]) for e in events] == [("cast", 2), ("changed", 5)]


def test_cannot_vote_after_round_is_closed(room):
    db, wid, oids, (ann, *_) = room
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    voting.close_round(db, rid)
    voting.close_round(db, rid)  # closing twice is harmless
    with pytest.raises(Invalid, match="closed"):
        voting.rate(db, ann["token"], rid, _items(db, rid)[0], 4)


def test_the_schema_refuses_a_ballot_in_a_closed_round_even_bypassing_the_service(room):
    db, wid, oids, (ann, *_) = room
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    voting.close_round(db, rid)
    time.sleep(0.002)  # the trigger refuses ballots cast after the round's closing time
    with pytest.raises(Exception, match="round is closed"):
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, rating) VALUES (?, ?, ?, 3)", [rid, _items(db, rid)[0], ann["id"]])


def test_the_schema_refuses_an_overspent_dot_budget(room):
    db, wid, oids, (ann, *_) = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots", dots_total=3)
    a, b, *_ = _items(db, rid)
    voting.submit(db, ann["token"], rid, {a: 2, b: 1})
    with pytest.raises(Exception, match="dot budget"):
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, dots) VALUES (?, ?, ?, 1)", [rid, _items(db, rid)[2], ann["id"]])


def test_the_schema_refuses_a_second_ballot_and_an_item_from_another_round(room):
    db, wid, oids, (ann, *_) = room
    r1 = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    r2 = voting.open_round(db, wid, [("objective", oids[1])], method="rating")
    voting.rate(db, ann["token"], r1, _items(db, r1)[0], 3)
    with pytest.raises(Exception, match="UNIQUE"):
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, rating) VALUES (?, ?, ?, 4)", [r1, _items(db, r1)[0], ann["id"]])
    with pytest.raises(Exception, match="FOREIGN KEY"):
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, rating) VALUES (?, ?, ?, 4)", [r1, _items(db, r2)[0], ann["id"]])


def test_a_vote_on_an_item_outside_the_round_is_refused(room):
    db, wid, oids, (ann, *_) = room
    r1 = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    r2 = voting.open_round(db, wid, [("objective", oids[1])], method="rating")
    with pytest.raises(Invalid, match="not part of this round"):
        voting.rate(db, ann["token"], r1, _items(db, r2)[0], 4)


def test_votes_from_removed_or_unknown_participants_are_refused(room):
    db, wid, oids, (ann, bob, *_) = room
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    joining.remove_participant(db, bob["id"])
    with pytest.raises(Invalid, match="removed"):
        voting.rate(db, bob["token"], rid, _items(db, rid)[0], 4)
    with pytest.raises(NotFound, match="not known"):
        voting.rate(db, "made-up-token", rid, _items(db, rid)[0], 4)


def test_a_participant_cannot_vote_in_another_workshops_round(room):
    db, wid, oids, (ann, *_) = room
    other = workshops.create_workshop(db, "Other", "Unit")
    oid = objectives.add_objective(db, other, "Theirs", workshops.perspectives(db, other)[0]["id"])
    rid = voting.open_round(db, other, [("objective", oid)], method="rating")
    with pytest.raises(NotFound, match="not part of your workshop"):
        voting.rate(db, ann["token"], rid, _items(db, rid)[0], 4)


def test_a_round_whose_timer_ran_out_refuses_votes_and_closes(room):
    db, wid, oids, (ann, *_) = room
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating", timer_seconds=60)
    db.execute("UPDATE voting_round SET closes_at = '2000-01-01T00:00:00.000Z' WHERE id = ?", [rid])
    with pytest.raises(Invalid, match="Time is up"):
        voting.rate(db, ann["token"], rid, _items(db, rid)[0], 4)
    assert voting.open_rounds(db, wid) == []
    assert voting.get_round(db, rid)["status"] == "closed"


def test_workshop_one_votes_on_draft_objectives_and_workshop_two_on_measures(room):
    db, wid, oids, _ = room
    mid = measures.add_measure(db, oids[0], "Revenue growth")
    with pytest.raises(Invalid, match="cannot vote on that measure"):
        voting.open_round(db, wid, [("measure", mid)], method="rating", workshop_number=1)
    with pytest.raises(Invalid, match="cannot vote on that objective"):
        voting.open_round(db, wid, [("objective", oids[0])], method="rating", workshop_number=2)
    with pytest.raises(Invalid, match="Workshop 3 cannot vote on that objective"):  # still a draft
        voting.open_round(db, wid, [("objective", oids[1])], method="rating", workshop_number=3)
    decisions.decide_objective(db, oids[1], "agreed")
    rid = voting.open_round(db, wid, [("measure", mid), ("objective", oids[1])], method="rating", workshop_number=3)
    assert [i["kind"] for i in voting.round_items(db, rid)] == ["measure", "objective"]


def test_a_rating_form_is_one_ballot_with_skips_and_withdrawals(room):
    db, wid, oids, (ann, *_) = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids[:3]], method="rating")
    a, b, c = _items(db, rid)
    voting.submit(db, ann["token"], rid, {a: 5, b: "skip", c: 2})
    voting.submit(db, ann["token"], rid, {a: 4, b: "skip"})
    mine = voting.my_ballots(db, ann["token"], rid)
    assert (mine[a]["rating"], mine[b]["skipped"], c in mine) == (4, 1, False)
    with pytest.raises(Invalid, match="1 to 5"):
        voting.submit(db, ann["token"], rid, {a: 9})


def test_ranking_gives_borda_points_within_each_perspective(room):
    db, wid, oids, (ann, bob, *_) = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="ranking")
    items = voting.round_items(db, rid)
    groups = {}
    for i in items:
        groups.setdefault(i["grouping"], []).append(i["id"])
    (g1a, g1b), (g2a, g2b) = groups.values()
    voting.submit(db, ann["token"], rid, {g1a: 1, g1b: 2, g2a: 2, g2b: 1})
    voting.submit(db, bob["token"], rid, {g1a: 1, g1b: 2, g2a: 1, g2b: 2})
    with pytest.raises(Invalid, match="share rank"):
        voting.submit(db, bob["token"], rid, {g1a: 1, g1b: 1})
    voting.close_round(db, rid)
    points = {r["item_id"]: (r["points"], r["standing"]) for r in vote_results.results(db, rid)}
    assert points[g1a] == (4, 1) and points[g1b] == (2, 2)
    assert points[g2a] == (3, 1) and points[g2b] == (3, 1)  # a tie shares first place


def test_results_give_counts_verdicts_and_blocks_after_close(room):
    db, wid, oids, people = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids[:2]], method="gradients")
    a, b = _items(db, rid)
    for person, (ga, gb) in zip(people, [("endorse", "endorse"), ("endorse", "block"), ("reservations", "endorse"), ("endorse", "endorse")]):
        voting.submit(db, person["token"], rid, {a: ga, b: gb})
    assert vote_results.turnout(db, rid) == {"voters": 4, "participants": 4, "ballots": 8, "status": "open", "paper": 0, "hands": 0, "by_device": 4}
    voting.close_round(db, rid)
    by_item = {r["item_id"]: r for r in vote_results.results(db, rid)}
    assert by_item[a]["verdict"] == "consensus" and by_item[a]["pct_positive"] == 100.0
    assert by_item[b]["verdict"] == "discuss" and by_item[b]["blocks"] == 1
    assert by_item[a]["counts"]["endorse"] == 3


def test_participants_get_no_totals_before_close_when_results_are_hidden(room):
    db, wid, oids, (ann, *_) = room
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    voting.rate(db, ann["token"], rid, _items(db, rid)[0], 5)
    assert vote_results.participant_results(db, ann["token"], rid) is None
    voting.close_round(db, rid)
    assert vote_results.participant_results(db, ann["token"], rid)[0]["votes"] == 1
    shown = voting.open_round(db, wid, [("objective", oids[1])], method="rating", results_hidden=False)
    assert vote_results.participant_results(db, ann["token"], shown) is not None


def test_a_fully_anonymous_round_forgets_who_voted_when_it_closes(room):
    db, wid, oids, (ann, bob, *_) = room
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating", anonymity="anonymous")
    item = _items(db, rid)[0]
    voting.rate(db, ann["token"], rid, item, 5)
    voting.rate(db, bob["token"], rid, item, 3)
    voting.close_round(db, rid)
    assert db.execute("SELECT count(*) FROM ballot WHERE round_id = ? AND participant_id IS NOT NULL", [rid]).fetchone()[0] == 0
    assert vote_results.named_ballots(db, rid) == []
    assert vote_results.turnout(db, rid)["voters"] == 2
    assert vote_results.full_results(db, rid)[0]["median"] == 4.0  # the ballots still count…
    assert vote_results.results(db, rid)[0]["median"] is None  # …but two voters are too few to show
    with pytest.raises(Exception, match="anonymous"):
        db.execute("UPDATE voting_round SET anonymity = 'named' WHERE id = ?", [rid])


def test_a_re_vote_on_contested_items_shows_how_opinion_moved(room):
    db, wid, oids, people = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids[:2]], method="rating")
    a, b = _items(db, rid)
    for person, (ra, rb) in zip(people, [(5, 2), (5, 3), (4, 4), (5, 1)]):
        voting.submit(db, person["token"], rid, {a: ra, b: rb})
    with pytest.raises(Invalid, match="Close the round"):
        vote_results.revote(db, rid)
    voting.close_round(db, rid)
    again = vote_results.revote(db, rid)
    assert [i["objective_id"] for i in voting.round_items(db, again)] == [oids[1]]
    b2 = _items(db, again)[0]
    for person, rating in zip(people, (4, 4, 5, 3)):
        voting.rate(db, person["token"], again, b2, rating)
    voting.close_round(db, again)
    moved = vote_results.movement(db, again)
    assert len(moved) == 1
    assert (moved[0]["before"]["pct_positive"], moved[0]["after"]["pct_positive"]) == (25.0, 75.0)
    assert moved[0]["after"]["verdict"] == "consensus"
    assert len(vote_results.workshop_record(db, wid)) == 2


def test_room_state_changes_when_a_round_opens_or_closes(room):
    db, wid, oids, _ = room
    empty = voting.room_state(db, wid)
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    opened = voting.room_state(db, wid)
    voting.close_round(db, rid)
    assert len({empty, opened, voting.room_state(db, wid)}) == 3


def test_thresholds_are_adjustable_per_workshop(room):
    db, wid, oids, people = room
    vote_results.set_thresholds(db, wid, 90, 0, 60)
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    for person, rating in zip(people, (5, 5, 4, 3)):
        voting.rate(db, person["token"], rid, _items(db, rid)[0], rating)
    voting.close_round(db, rid)
    assert vote_results.results(db, rid)[0]["verdict"] == "re-discuss"
    with pytest.raises(Invalid):
        vote_results.set_thresholds(db, wid, 50, 10, 60)


def test_participants_see_names_only_in_a_closed_named_round(room):
    db, wid, oids, (ann, bob, *_) = room
    named = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    private = voting.open_round(db, wid, [("objective", oids[0])], method="rating", anonymity="facilitator_only")
    for rid in (named, private):
        voting.rate(db, bob["token"], rid, _items(db, rid)[0], 4)
    assert vote_results.participant_named_ballots(db, ann["token"], named) == []  # still open
    voting.close_round(db, named)
    voting.close_round(db, private)
    assert [b["name"] for b in vote_results.participant_named_ballots(db, ann["token"], named)] == ["Bob"]
    assert vote_results.participant_named_ballots(db, ann["token"], private) == []
    assert [b["name"] for b in vote_results.named_ballots(db, private)] == ["Bob"]  # the facilitator sees
