"""Entering paper ballots and shows of hands as a facilitator meets it: refusals speak of the paper,
not to the facilitator as a voter; numbers run within each round; a facilitator-only round keeps a
paper voter's name (seen only where that round's names are); bad input from any caller (the
command line, an import) is refused in words, with nothing stored."""

from __future__ import annotations

import pytest

from workshop.core.errors import Invalid
from workshop.db import store
from workshop.method import objectives, plan, workshops
from workshop.room import ballot_view, joining, paper, presenting, vote_results, voting


@pytest.fixture
def room(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    persps = workshops.perspectives(fresh_db, wid)
    oids = [objectives.add_objective(fresh_db, wid, t, persps[n % 2]["id"]) for n, t in enumerate(("Grow revenue", "Delight customers", "Cut cost"))]
    code = joining.join_code(fresh_db, wid)
    people = [joining.join(fresh_db, code, name)["token"] for name in ("Ana", "Ben", "Cem", "Dee", "Eve")]
    return fresh_db, wid, oids, people


def _open(db, wid, oids, method="rating", **options):
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method=method, **options)
    return rid, [i["id"] for i in voting.round_items(db, rid)]


def _paper_rows(db):
    return store.count(db, "SELECT count(*) FROM ballot WHERE source = 'paper'")


def test_a_dots_paper_ballot_over_the_budget_is_refused_in_words_about_the_paper(room):
    db, wid, oids, _ = room
    rid, (a, b, c) = _open(db, wid, oids, method="dots", dots_total=5, dots_per_item=3)
    with pytest.raises(Invalid) as refused:
        paper.add_paper_ballot(db, rid, {a: 3, b: 3})
    assert str(refused.value) == "This paper ballot puts 6 dots; each person has 5 in this round."
    with pytest.raises(Invalid, match="^This paper ballot puts more than 3 dots on one item"):
        paper.add_paper_ballot(db, rid, {a: 4})
    with pytest.raises(Invalid, match="^A paper ballot holds 0 dots or more on each item"):
        paper.add_paper_ballot(db, rid, {a: -1, b: 2})
    voter = paper.add_paper_ballot(db, rid, {a: 3, b: 2})
    with pytest.raises(Invalid, match="^This paper ballot puts 7 dots"):
        paper.correct_paper_ballot(db, rid, voter, {a: 3, b: 3, c: 1})
    assert paper.paper_ballots(db, rid)[0]["answers"] == {a: 3, b: 2}


def test_a_split_paper_ballot_short_of_one_hundred_says_so_about_the_paper(room):
    db, wid, _, _ = room
    iids = [plan.add_initiative(db, wid, name) for name in ("Cloud move", "Sales training")]
    rid = voting.open_round(db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3)
    a, b = (i["id"] for i in voting.round_items(db, rid))
    with pytest.raises(Invalid) as refused:
        paper.add_paper_ballot(db, rid, {a: 60})
    assert str(refused.value).startswith("This paper ballot gives 60 points; each person spreads exactly 100.")
    assert "You" not in str(refused.value) and _paper_rows(db) == 0
    paper.add_paper_ballot(db, rid, {a: 60, b: 40})
    assert _paper_rows(db) == 2


def test_a_voter_in_the_room_still_hears_you_about_their_own_dots(room):
    db, wid, oids, people = room
    rid, (a, b, _c) = _open(db, wid, oids, method="dots", dots_total=3, dots_per_item=2)
    with pytest.raises(Invalid, match="^You have 3 dots in this round; take one back first."):
        voting.submit(db, people[0], rid, {a: 2, b: 2})
    with pytest.raises(Invalid, match="^There is no dot there to take back."):
        voting.add_dot(db, people[0], rid, a, -1)


def test_paper_ballots_are_numbered_from_one_in_each_round(room):
    db, wid, oids, _ = room
    first, (a, *_) = _open(db, wid, oids[:1], anonymity="anonymous")
    for rating in (4, 5, 3):
        paper.add_paper_ballot(db, first, {a: rating})
    second, (b, *_) = _open(db, wid, oids[1:2], anonymity="anonymous")
    paper.add_paper_ballot(db, second, {b: 2})
    voter = paper.add_paper_ballot(db, second, {b: 5})
    paper.remove_paper_ballot(db, second, voter)
    paper.add_paper_ballot(db, second, {b: 4})  # a removed ballot's number is not handed out again
    assert [p["name"] for p in paper.paper_ballots(db, first)] == ["Paper ballot 1", "Paper ballot 2", "Paper ballot 3"]
    assert [p["name"] for p in paper.paper_ballots(db, second)] == ["Paper ballot 1", "Paper ballot 3"]


def test_a_facilitator_only_round_keeps_a_paper_voters_name_for_the_facilitator_alone(room):
    db, wid, oids, people = room
    rid, (a, *_) = _open(db, wid, oids[:1], anonymity="facilitator_only", min_voters=3)
    voter = paper.add_paper_ballot(db, rid, {a: 2}, name="Dora Diaz")
    for token in people[:3]:
        voting.submit(db, token, rid, {a: 5})
    voting.close_round(db, rid)
    assert paper.paper_ballots(db, rid)[0]["name"] == "Dora Diaz"
    listed = vote_results.named_ballots(db, rid)  # the facilitator's closed "who voted what" panel
    assert [paper.voter_label(b["name"], b["source"]) for b in listed if b["source"] == "paper"] == ["Dora Diaz (on paper)"]
    assert vote_results.participant_named_ballots(db, people[0], rid) == []  # the room sees no names
    shown = repr(ballot_view.result_cards(vote_results.participant_results(db, people[0], rid), "rating"))
    shown += repr(presenting.round_view(db, rid))  # the room's screen
    assert "Dora" not in shown
    assert store.one(db, "SELECT kind FROM participant WHERE id = ?", [voter])["kind"] == "paper"


def test_a_paper_ballot_that_is_not_a_number_is_refused_in_words(room):
    db, wid, oids, _ = room
    rid, (a, *_) = _open(db, wid, oids[:1])
    paper.add_paper_ballot(db, rid, {a: 4})
    for wrong in ("abc", "²", 1.5, None):
        with pytest.raises(Invalid, match="not one of this round's paper ballots"):
            paper.correct_paper_ballot(db, rid, wrong, {a: 1})
        with pytest.raises(Invalid, match="not one of this round's paper ballots"):
            paper.remove_paper_ballot(db, rid, wrong)
    assert paper.paper_ballots(db, rid)[0]["answers"] == {a: 4}


def test_half_a_dot_on_paper_is_refused_not_rounded_down(room):
    db, wid, oids, _ = room
    rid, (a, b, _c) = _open(db, wid, oids, method="dots")
    for wrong in (1.5, "1.5", "²", True):
        with pytest.raises(Invalid, match="Dots are whole numbers"):
            paper.add_paper_ballot(db, rid, {a: wrong, b: 1})
    assert _paper_rows(db) == 0
    paper.add_paper_ballot(db, rid, {a: 2.0, b: "1"})
    assert paper.paper_ballots(db, rid)[0]["answers"] == {a: 2, b: 1}


def test_hand_counts_with_an_odd_item_or_a_bare_number_are_refused_in_words(room):
    db, wid, oids, _ = room
    rid, (a, *_) = _open(db, wid, oids)
    with pytest.raises(Invalid, match="not part of this round"):
        paper.set_hand_counts(db, rid, 4, {"²": {"5": 1}})
    with pytest.raises(Invalid, match="not part of this round"):
        paper.set_hand_counts(db, rid, 4, {1.5: {"5": 1}})
    with pytest.raises(Invalid, match="Give the hands for “Grow revenue” answer by answer"):
        paper.set_hand_counts(db, rid, 4, {a: 2})
    with pytest.raises(Invalid, match="for each item"):
        paper.set_hand_counts(db, rid, 4, [(a, {"5": 1})])
    assert paper.hand_history(db, rid) == []
    paper.set_hand_counts(db, rid, 4, {str(a): {5: 2, "4": 1}})  # answers as numbers read like the form's
    assert paper.hand_counts(db, rid)[a]["counts"] == {"5": 2, "4": 1}


def test_a_fractional_small_room_minimum_is_refused_not_rounded_down(room):
    db, wid, oids, _ = room
    with pytest.raises(Invalid, match="minimum number of voters is between 3 and 10"):
        _open(db, wid, oids, anonymity="anonymous", min_voters=4.9)
    assert voting.rounds(db, wid) == []
    rid, _ = _open(db, wid, oids, anonymity="anonymous", min_voters=4.0)
    assert voting.get_round(db, rid)["min_voters"] == 4
