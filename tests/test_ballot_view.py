"""What the participant's ballot is given (workshop/room/ballot_view.py), on an in-memory store:
items with their descriptions, current choices, the extent of a ballot, time left, result cards,
and the room fingerprint that a waiting page watches."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.core import consensus
from workshop.core.methods import gradients, rating
from workshop.method import measures, objectives, workshops
from workshop.room import ballot_view, joining, vote_results, voting


@pytest.fixture
def room(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    oids = [
        objectives.add_objective(db, wid, "Grow revenue", persp[0], description="Mostly recurring."),
        objectives.add_objective(db, wid, "Delight customers", persp[1]),
    ]
    code = joining.join_code(db, wid)
    return db, wid, oids, code, joining.join(db, code, "Ann")


def test_ballot_items_carry_title_perspective_and_description_in_order(room):
    db, wid, oids, _, _ = room
    rid = voting.open_round(db, wid, [("objective", o) for o in reversed(oids)], method="rating")
    items = ballot_view.ballot_items(db, rid)
    assert [(i["title"], i["description"]) for i in items] == [("Delight customers", ""), ("Grow revenue", "Mostly recurring.")]
    assert all(i["perspective"] for i in items)


def test_a_measure_item_is_described_by_its_definition(room):
    db, wid, oids, _, _ = room
    mid = measures.add_measure(db, oids[0], "Recurring revenue share", definition="Share of revenue under contract.")
    rid = voting.open_round(db, wid, [("measure", mid)], method="rating", workshop_number=2)
    assert ballot_view.ballot_items(db, rid)[0]["description"] == "Share of revenue under contract."


def test_current_choices_are_the_values_a_ballot_sends_back(room):
    db, wid, oids, _, ann = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    first, second = [i["id"] for i in voting.round_items(db, rid)]
    voting.submit(db, ann["token"], rid, {first: "4", second: voting.SKIP})
    mine = voting.my_ballots(db, ann["token"], rid)
    assert ballot_view.current_choices(mine, "rating") == {first: "4", second: "skip"}
    assert ballot_view.extent(mine, 2, voting.get_round(db, rid)) == "for 2 of 2 items"


def test_a_dot_ballots_extent_says_how_many_dots_are_used(room):
    db, wid, oids, _, ann = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots", dots_total=5)
    first = voting.round_items(db, rid)[0]["id"]
    voting.submit(db, ann["token"], rid, {first: 2})
    mine = voting.my_ballots(db, ann["token"], rid)
    assert ballot_view.current_choices(mine, "dots") == {first: 2}
    assert ballot_view.extent(mine, 2, voting.get_round(db, rid)) == "for 1 of 2 items, 2 of 5 dots used"


def test_time_left_counts_down_to_zero_and_is_none_without_a_timer():
    round_ = {"closes_at": "2026-11-30T10:05:00.000Z"}
    at = dt.datetime(2026, 11, 30, 10, 0, 30, tzinfo=dt.UTC)
    assert ballot_view.seconds_left(round_, at) == 270
    assert ballot_view.seconds_left(round_, at + dt.timedelta(minutes=10)) == 0
    assert ballot_view.seconds_left({"closes_at": None}) is None


def test_the_room_fingerprint_changes_when_a_round_opens_or_closes_and_not_on_ballots(room):
    db, wid, oids, _, ann = room
    assert ballot_view.room_fingerprint(db, wid) == ""
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    opened = ballot_view.room_fingerprint(db, wid)
    assert opened != ""
    voting.rate(db, ann["token"], rid, voting.round_items(db, rid)[0]["id"], 4)
    assert ballot_view.room_fingerprint(db, wid) == opened  # a ballot changes nothing for waiting pages
    voting.close_round(db, rid)
    closed = ballot_view.room_fingerprint(db, wid)
    assert closed not in ("", opened)
    assert ballot_view.room_fingerprints(db) == {wid: closed}


def test_a_round_whose_time_is_up_counts_as_closed_so_closing_it_later_changes_nothing(room):
    db, wid, oids, _, _ = room
    rid = voting.open_round(db, wid, [("objective", oids[0])], method="rating", timer_seconds=60)
    opened = ballot_view.room_fingerprint(db, wid)
    db.execute("UPDATE voting_round SET closes_at = '2000-01-01T00:00:00.000Z' WHERE id = ?", [rid])
    timed_out = ballot_view.room_fingerprint(db, wid)
    assert timed_out != opened
    voting.close_due_rounds(db, wid)
    assert voting.get_round(db, rid)["status"] == "closed"
    assert ballot_view.room_fingerprint(db, wid) == timed_out


def test_fingerprints_are_per_workshop(room):
    db, wid, oids, _, _ = room
    other = workshops.create_workshop(db, "Other", "Unit")
    oid = objectives.add_objective(db, other, "Other objective", workshops.perspectives(db, other)[0]["id"])
    voting.open_round(db, other, [("objective", oid)], method="rating")
    fingerprints = ballot_view.room_fingerprints(db)
    assert fingerprints[other] != "" and fingerprints[wid] == ""  # every workshop, '' before its first round
    assert ballot_view.room_fingerprint(db, wid) == ""


def test_result_cards_say_the_verdict_in_words_with_the_figures_and_names(room):
    db, wid, oids, code, ann = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="gradients", anonymity="named")
    first, second = [i["id"] for i in voting.round_items(db, rid)]
    voting.submit(db, ann["token"], rid, {first: "endorse", second: "block"})
    bob = joining.join(db, code, "<b>Bob</b>")
    voting.submit(db, bob["token"], rid, {first: "endorse", second: "endorse"})
    voting.close_round(db, rid)
    rows = vote_results.participant_results(db, ann["token"], rid)
    named = vote_results.participant_named_ballots(db, ann["token"], rid)
    cards = ballot_view.result_cards(rows, "gradients", named=named)
    assert [c["title"] for c in cards] == ["Grow revenue", "Delight customers"]
    assert (cards[0]["verdict"], cards[0]["mark"]) == ("Consensus", "✓")
    assert cards[1]["verdict"] == "Blocked: discuss" and ["Blocks", "1"] in cards[1]["figures"]
    assert ["Support", "100%"] in cards[0]["figures"] and ["Whole-hearted endorsement", "2"] in cards[0]["spread"]
    assert ["<b>Bob</b>", "Whole-hearted endorsement"] in cards[0]["names"]  # as typed: the ballot shows it as text


def test_gradient_options_come_in_kaners_order_with_their_side_in_words():
    options = gradients.gradient_options()
    assert [o["value"] for o in options] == list(consensus.GRADIENTS)
    assert options[0]["label"] == consensus.GRADIENT_LABELS["endorse"] and options[0]["group"] == "Support"
    assert options[-1]["group"] == "Concern"
    assert rating.rating_words("agreement")[0] == "strongly disagree"


def test_dot_result_cards_give_the_place_and_no_verdict(room):
    db, wid, oids, _, ann = room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots", dots_total=3)
    first, second = [i["id"] for i in voting.round_items(db, rid)]
    voting.submit(db, ann["token"], rid, {first: 1, second: 2})
    voting.close_round(db, rid)
    cards = ballot_view.result_cards(vote_results.results(db, rid), "dots")
    assert cards[1]["figures"][:2] == [["Place", "1 of 2"], ["Dots", "2"]] and cards[1]["verdict"] == ""
