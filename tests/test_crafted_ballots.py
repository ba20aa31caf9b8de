"""Crafted ballots: anything a participant's browser can send through the ballot component (a JSON
value on submit, or a dismiss or broken event) is checked, and refused in words; no exception
reaches the page and nothing is stored. The component sends {"round": id, "choices": {item id:
value}}; a hostile page can send any JSON in its place."""

from __future__ import annotations

import pytest
from helpers import demo_copy
from privacy_room import small_room
from streamlit.testing.v1 import AppTest

from workshop.core.errors import WorkshopError
from workshop.db import store
from workshop.room import ballot_view, joining, voting

# every kind of JSON value, and the shapes a ballot's values take, bent
CRAFTED = [
    "two",
    [1, 1],
    [None],
    [1, 2, 3],
    {"a": 1},
    {"x": "a", "y": 2},
    {"x": 1, "y": 2, "z": 3},
    {"x": [1], "y": 2},
    1e30,
    10**30,
    -1,
    float("nan"),
    float("inf"),
    "1e3",
    "9" * 5000,
    "x" * 100_000,
    list(range(100_000)),
    {str(n): n for n in range(1000)},
]
KINDS = ("gradients", "rating", "dots", "ranking", "grid", "split", "fist_to_five")


@pytest.fixture(scope="module")
def rooms():
    """One open round of each method in the demo (one person has voted), and Crafty, who has not."""
    db, wid = demo_copy()
    out = {kind: small_room(db, wid, kind, "named", voters=1, close=False) for kind in KINDS}
    crafty = joining.join(db, joining.join_code(db, wid), "Crafty")["token"]
    yield db, out, crafty
    db.close()


def _stored(db, token: str, round_id: int) -> dict:
    """Crafty's ballots in the round, taken back once read (so one test's leak is not the next one's)."""
    mine = voting.my_ballots(db, token, round_id)
    for item_id in mine:
        voting.withdraw(db, token, round_id, item_id)
    return mine


def _refused(call) -> str:
    with pytest.raises(WorkshopError) as refusal:
        call()
    text = str(refusal.value)
    assert text and "Traceback" not in text and "/" not in text.replace("w/", ""), text
    return text


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", CRAFTED, ids=lambda v: repr(v)[:24])
def test_a_crafted_value_is_refused_in_words_and_nothing_is_stored(rooms, kind, value):
    db, by_kind, token = rooms
    room = by_kind[kind]
    if kind == "grid" and value == [1, 1]:
        pytest.skip("[x, y] is a placement on the grid")
    _refused(lambda: voting.submit(db, token, room.round_id, {room.items[0]: value}))
    assert not _stored(db, token, room.round_id)


@pytest.mark.parametrize("round_id", [1e30, 10**30, -1, 0, True, "abc", None, [1], {"a": 1}, "9" * 5000])
def test_a_crafted_round_id_is_refused_in_words(rooms, round_id):
    db, by_kind, token = rooms
    room = by_kind["rating"]
    _refused(lambda: voting.submit(db, token, round_id, {room.items[0]: 3}))
    assert not _stored(db, token, room.round_id)


@pytest.mark.parametrize("key", ["abc", "1e30", 10**30, 1.5, True, None, "9" * 5000])
def test_a_crafted_item_key_is_refused_in_words(rooms, key):
    db, by_kind, token = rooms
    room = by_kind["rating"]
    _refused(lambda: voting.submit(db, token, room.round_id, {key: 3}))
    assert not _stored(db, token, room.round_id)


@pytest.mark.parametrize("choices", ["3", [3, 3], None, 7, {str(n): 3 for n in range(100_000)}], ids=["text", "list", "none", "number", "huge"])
def test_choices_that_are_not_one_answer_per_item_are_refused_in_words(rooms, choices):
    db, by_kind, token = rooms
    room = by_kind["rating"]
    _refused(lambda: voting.submit(db, token, room.round_id, choices))
    assert not _stored(db, token, room.round_id)


@pytest.mark.parametrize(
    "sent",
    [
        "text",
        [1, 2],
        None,
        3,
        {"choices": {}},
        {"round": 1},
        {"round": 1, "choices": [1, 1]},
        {"round": "x", "choices": {}},
        {"round": 1e30, "choices": {}},
    ],
)
def test_a_submit_of_the_wrong_shape_is_refused_in_words(sent):
    assert "could not be read" in _refused(lambda: ballot_view.sent_ballot(sent))


def _submit_script(token: str, sent: object, dismiss: object, broken: object) -> None:
    """The participant's submit, dismiss and broken callbacks, given what a crafted page sent."""
    import streamlit as st

    from ui import ballot

    st.session_state.framed = True  # as app.py marks every page's session
    st.session_state["ballot"] = {"submit": sent, "dismiss": dismiss, "broken": broken}
    ballot._on_submit(token)
    ballot._on_dismiss()
    ballot._on_broken()
    errors = ballot._state("errors", {})
    notices = ballot._notices()
    st.write(" | ".join([*map(str, errors.values()), *notices.values()]))


def _sent(live_room) -> list:
    db, wid, oids, _, ann = live_room
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots", dots_total=2, dots_per_item=2)
    item = voting.round_items(db, rid)[0]["id"]
    return [
        {"round": 1e30, "choices": {str(item): 1}},
        {"round": rid, "choices": {str(item): "two"}},
        {"round": rid, "choices": {str(item): [1, 1]}},
        {"round": rid, "choices": {str(n): 1 for n in range(50_000)}},
        {"round": rid},
        {"choices": {str(item): 1}},
        "a string",
        [rid, {str(item): 1}],
        {"round": [rid], "choices": {str(item): 1}},
    ]


def test_crafted_values_through_the_pages_callbacks_reach_the_participant_as_words(live_room):
    db, wid, oids, _, ann = live_room
    for sent in _sent(live_room):
        at = AppTest.from_function(_submit_script, args=(ann["token"], sent, [1, 2], {"deep": list(range(1000))}), default_timeout=30).run()
        assert not at.exception, (sent, at.exception)
        words = " ".join(str(m.value) for m in at.markdown)
        assert words.strip() and "Traceback" not in words and "Error" not in words, (sent, words)
        assert not store.rows(db, "SELECT * FROM ballot"), sent
