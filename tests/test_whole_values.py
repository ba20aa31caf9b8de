"""A vote is a whole number where it counts something: dots, a rating, a rank, a place on the grid,
points, fingers, hands. A fraction or a true/false is refused in words at every door (the ballot,
the simple form, a paper ballot, a show of hands), never cut down to the whole number below it
(1.5 dots stored as 1, true as 1, a paper rating of 2.5 as 2). A whole number sent as 2.0 or " 2 "
is still 2."""

from __future__ import annotations

import pytest
from helpers import demo_copy
from privacy_room import small_room

from workshop.core.errors import WorkshopError
from workshop.room import joining, paper, voting

KINDS = ("rating", "dots", "ranking", "grid", "split", "fist_to_five")
NOT_WHOLE = [1.5, 2.5, "1.5", "2,5", True, False, "true"]


@pytest.fixture(scope="module")
def rooms():
    db, wid = demo_copy()
    out = {kind: small_room(db, wid, kind, "named", voters=1, close=False) for kind in KINDS}
    token = joining.join(db, joining.join_code(db, wid), "Fran Fraction")["token"]
    yield db, out, token
    db.close()


def _choices(room, value) -> dict:
    if room.kind == "grid":
        return {room.items[0]: {"x": value, "y": 3}}
    if room.kind == "split":
        rest = 100 - value if isinstance(value, (int, float)) else 99
        return {room.items[0]: value, room.items[1]: rest}
    return {room.items[0]: value}


def _nothing_new(db, round_id: int, before: int) -> None:
    assert db.execute("SELECT count(*) FROM ballot WHERE round_id = ?", [round_id]).fetchone()[0] == before


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", NOT_WHOLE, ids=repr)
def test_a_ballot_with_a_fraction_or_true_false_is_refused_in_words_not_cut_down(rooms, kind, value):
    db, by_kind, token = rooms
    room = by_kind[kind]
    before = db.execute("SELECT count(*) FROM ballot WHERE round_id = ?", [room.round_id]).fetchone()[0]
    with pytest.raises(WorkshopError, match=r"whole number|Points are whole|run from 1"):
        voting.submit(db, token, room.round_id, _choices(room, value))
    _nothing_new(db, room.round_id, before)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", NOT_WHOLE, ids=repr)
def test_a_paper_ballot_with_a_fraction_or_true_false_is_refused_in_words(rooms, kind, value):
    db, by_kind, _ = rooms
    room = by_kind[kind]
    before = db.execute("SELECT count(*) FROM ballot WHERE round_id = ?", [room.round_id]).fetchone()[0]
    with pytest.raises(WorkshopError, match=r"whole number|Points are whole|run from 1"):
        paper.add_paper_ballot(db, room.round_id, _choices(room, value))
    _nothing_new(db, room.round_id, before)


def test_a_paper_rating_of_two_and_a_half_is_not_stored_as_two(rooms):
    db, by_kind, _ = rooms
    room = by_kind["rating"]
    with pytest.raises(WorkshopError, match="A rating is a whole number from 1 to 5"):
        paper.add_paper_ballot(db, room.round_id, {room.items[0]: 2.5})
    assert not db.execute("SELECT 1 FROM ballot WHERE round_id = ? AND rating = 2", [room.round_id]).fetchall()


@pytest.mark.parametrize("value", [1.5, True, "2.5"], ids=repr)
def test_one_rating_with_a_fraction_or_true_is_refused(rooms, value):
    db, by_kind, token = rooms
    room = by_kind["rating"]
    with pytest.raises(WorkshopError, match="whole number"):
        voting.rate(db, token, room.round_id, room.items[0], value)


@pytest.mark.parametrize("value", [1.5, True, "2.5"], ids=repr)
def test_a_show_of_hands_counts_whole_hands_and_whole_people(rooms, value):
    db, by_kind, _ = rooms
    room = by_kind["rating"]
    with pytest.raises(WorkshopError, match="whole number"):
        paper.set_hand_counts(db, room.round_id, value, {room.items[0]: {"5": 1}})
    with pytest.raises(WorkshopError, match="whole number"):
        paper.set_hand_counts(db, room.round_id, 3, {room.items[0]: {"5": value}})
    assert not paper.hand_counts(db, room.round_id)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", [2.0, " 2 ", "2"], ids=repr)
def test_a_whole_number_written_as_two_point_oh_or_with_spaces_still_counts(kind, value):
    db, wid = demo_copy()
    room = small_room(db, wid, kind, "named", voters=1, close=False)
    token = joining.join(db, joining.join_code(db, wid), "Whole Wendy")["token"]
    choices = _choices(room, value)
    if kind == "split":
        choices = {room.items[0]: value, room.items[1]: 98}
    voting.submit(db, token, room.round_id, choices)
    mine = voting.my_ballots(db, token, room.round_id)[room.items[0]]
    stored = {"rating": "rating", "dots": "dots", "ranking": "rank", "grid": "grid_x", "split": "points", "fist_to_five": "fingers"}[kind]
    assert mine[stored] == 2
    db.close()


@pytest.mark.parametrize("value", [2.0, " 2 ", "2"], ids=repr)
def test_hands_written_as_two_point_oh_or_with_spaces_still_count(value):
    db, wid = demo_copy()
    room = small_room(db, wid, "rating", "named", voters=1, close=False)
    paper.set_hand_counts(db, room.round_id, value, {room.items[0]: {"5": value}})
    assert paper.hand_counts(db, room.round_id)[room.items[0]]["counts"] == {"5": 2}
    db.close()
