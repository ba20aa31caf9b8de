"""Anonymity that holds in small rooms: the rule itself (core/disclosure.py), the round's minimum
and hidden results in the schema, no differencing while a round is open, and an anonymous ranking
that still adds up per voter once the round has forgotten its voters."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from privacy_room import DISSENTER, small_room, vote

from workshop.core import consensus, disclosure, methods
from workshop.core.errors import Invalid
from workshop.db import round_reads
from workshop.room import presenting, round_decisions, vote_results, voting


def _row(result: consensus.ItemResult, **extra) -> dict:
    return {"label": "Grow", "grouping": "Financial", "item_id": 1, **asdict(result), **extra}


def _gradients(*answers: str) -> dict:
    return _row(consensus.gradient_result(list(answers)))


def test_a_named_round_shows_every_count():
    row = _gradients("endorse", "endorse", "endorse", "serious_disagreement")
    shown = disclosure.protect([row], methods.get("gradients"), anonymity="named", voters=4)[0]
    assert shown["disclosure"] == "full" and shown["counts"]["serious_disagreement"] == 1


def test_below_the_minimum_only_a_sentence_is_left():
    row = _gradients("endorse", "endorse", "endorse", "serious_disagreement")
    shown = disclosure.protect([row], methods.get("gradients"), anonymity="anonymous", voters=4)[0]
    assert shown["disclosure"] == "withheld" and shown["note"] == "Results withheld: fewer than 5 people voted."
    assert shown["counts"] == {} and shown["verdict"] is None and shown["median"] is None
    assert all(shown[k] is None for k in ("votes", "positive", "negative", "pct_positive", "pct_negative", "blocks"))
    assert disclosure.spread(shown, methods.get("gradients")) == [] and disclosure.spread_text(shown, methods.get("gradients")) == shown["note"]


def test_the_facilitator_may_set_the_minimum_from_three_to_ten():
    row = _gradients("endorse", "endorse", "endorse", "endorse")
    shown = disclosure.protect([row], methods.get("gradients"), anonymity="anonymous", voters=4, min_voters=3)[0]
    assert shown["disclosure"] == "full" and shown["counts"]["endorse"] == 4  # nothing small to merge
    for wrong in (2, 11, "five", None):
        with pytest.raises(ValueError, match="between 3 and 10"):
            disclosure.validate_min_voters(wrong)


def test_one_concern_among_six_is_merged_with_the_empty_neutral_group_never_shown_alone():
    row = _gradients("endorse", "endorse", "endorse", "reservations", "reservations", "serious_disagreement")
    shown = disclosure.protect([row], methods.get("gradients"), anonymity="anonymous", voters=6)[0]
    spread = disclosure.spread(shown, methods.get("gradients"))
    assert [(s["label"], s["text"]) for s in spread] == [("Concern or neutral", "fewer than 2 people"), ("Reservations", "2"), ("Endorse", "3")]
    assert shown["negative"] is None and shown["pct_negative"] is None and shown["pct_neutral"] is None
    assert shown["positive"] == 5 and shown["pct_positive"] == 83.3 and shown["blocks"] is None
    assert shown["verdict"] == consensus.REDISCUSS  # the room's decision, over everyone's answers
    assert "1" not in [s["text"] for s in spread]
    assert disclosure.spread_text(shown, methods.get("gradients")) == (
        "Whole-hearted endorsement 3 · Support, with reservations 2 · Concern or neutral: fewer than 2 people"
    )


def test_a_lone_answer_inside_a_large_group_merges_into_its_group():
    row = _gradients(*["endorse"] * 4, "minor_point", "serious_disagreement", "serious_disagreement")
    shown = disclosure.protect([row], methods.get("gradients"), anonymity="facilitator_only", voters=7)[0]
    assert [(s["label"], s["text"]) for s in disclosure.spread(shown, methods.get("gradients"))] == [
        ("Serious disagreement", "2"),
        ("Support, mixed answers", "5"),
    ]
    assert shown["negative"] == 2 and shown["blocks"] == 0


def test_two_small_groups_together_are_shown_as_one_merged_count():
    row = _row(consensus.rating_result([5, 5, 5, 4, 3, 1]))
    shown = disclosure.protect([row], methods.get("rating"), anonymity="anonymous", voters=6)[0]
    assert [(s["label"], s["text"]) for s in disclosure.spread(shown, methods.get("rating"))][0] == ("Concern or neutral", "2")


def test_a_lone_skip_is_not_counted_out_loud():
    row = _row(consensus.rating_result([5, 5, 5, 5, 5, None]))
    shown = disclosure.protect([row], methods.get("rating"), anonymity="anonymous", voters=6)[0]
    assert shown["skipped"] is None and shown["votes"] == 5


def test_an_item_only_one_person_put_dots_on_shows_no_points_or_place():
    rows = [
        _row(consensus.dots_result([2, 2, 2, 2, 2]), item_id=1, label="A"),
        _row(consensus.dots_result([]), item_id=2, label="B"),
        _row(consensus.dots_result([2]), item_id=3, label="C"),
    ]
    shown = disclosure.protect(rows, methods.get("dots"), anonymity="anonymous", voters=6)
    assert (shown[0]["points"], shown[0]["standing"], shown[0]["counts"]) == (10, 1, {})
    for lone in shown[1:]:  # nobody and one person read alike
        assert lone["points"] is None and lone["standing"] is None and lone["votes"] is None
        assert lone["note"] == "Chosen by fewer than 2 people, so its points stay private."
    assert [r["label"] for r in presenting.ranked(shown, "dots")] == ["A", "B", "C"]


def test_the_rule_is_stated_in_plain_words():
    text = disclosure.rule_text(6)
    assert text.startswith("Results appear only once the round has closed and at least 6 people have voted.")
    assert "fewer than 2 people are merged" in text and "No names" in text
    assert "{" not in text and "_" not in text


# --- the round's settings in the schema ------------------------------------------------------


def test_a_round_that_is_not_named_always_hides_its_results_while_open(demo_db):
    db, wid = demo_db
    items = [("objective", i["id"]) for i in voting.eligible_items(db, wid, 3) if i["kind"] == "objective"][:2]
    rid = voting.open_round(db, wid, items, method="rating", anonymity="anonymous", results_hidden=False, min_voters=7, workshop_number=3)
    rnd = voting.get_round(db, rid)
    assert rnd["results_hidden"] == 1 and rnd["min_voters"] == 7
    with pytest.raises(Exception, match="hides its results"):
        db.execute("UPDATE voting_round SET results_hidden = 0 WHERE id = ?", [rid])
    with pytest.raises(Exception, match="CHECK"):
        db.execute("UPDATE voting_round SET min_voters = 2 WHERE id = ?", [rid])
    with pytest.raises(Invalid, match="between 3 and 10"):
        voting.open_round(db, wid, items[:1], method="gradients", anonymity="facilitator_only", min_voters=11, workshop_number=3)
    named = voting.open_round(db, wid, items[:1], method="dots", results_hidden=False, workshop_number=3)
    assert voting.get_round(db, named)["results_hidden"] == 0


# --- differencing -------------------------------------------------------------------------------


@pytest.mark.parametrize("anonymity", ["anonymous", "facilitator_only"])
def test_results_seen_before_and_after_one_more_person_votes_in_an_open_round_are_identical(demo_db, anonymity):
    db, wid = demo_db
    room = small_room(db, wid, "gradients", anonymity, voters=6, close=False)
    token = room.tokens[room.voters[0]]

    def seen():
        view = presenting.round_view(db, room.round_id)
        return (
            vote_results.results(db, room.round_id),
            vote_results.participant_results(db, token, room.round_id),
            view.get("results"),
            vote_results.movement(db, room.round_id),
            round_decisions.undecided(db, room.round_id),
        )

    before = seen()
    turnout = vote_results.turnout(db, room.round_id)["voters"]
    vote(room, "Late Dissenter")
    assert seen() == before
    assert vote_results.turnout(db, room.round_id)["voters"] == turnout + 1  # the turnout, and only it, moves
    assert all(r["disclosure"] == "withheld" for r in before[0])
    assert before[0][0]["note"] == "Results appear when the round closes; until then only the turnout is shown."


# --- an anonymous ranking keeps each voter's ranks together --------------------------------------


def test_borda_points_are_the_same_before_and_after_an_anonymous_ranking_round_closes(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "ranking", "anonymous", voters=6, close=False)
    before = {r["item_id"]: (r["points"], r["standing"]) for r in vote_results.full_results(db, room.round_id)}
    voting.close_round(db, room.round_id)
    assert db.execute("SELECT count(*) FROM ballot WHERE round_id = ? AND participant_id IS NOT NULL", [room.round_id]).fetchone()[0] == 0
    after = {r["item_id"]: (r["points"], r["standing"]) for r in vote_results.full_results(db, room.round_id)}
    assert after == before and sorted(p for p, _ in after.values()) == [8, 12, 16]
    shown = {r["item_id"]: (r["points"], r["standing"]) for r in vote_results.results(db, room.round_id)}
    assert shown == before  # six voters, each item ranked by all: points and places may be shown
    sheets: dict[int, list[int]] = {}
    for b in db.query("SELECT sheet, rank FROM ballot WHERE round_id = ?", [room.round_id]):
        sheets.setdefault(b["sheet"], []).append(b["rank"])
    assert sorted(sheets) == [1, 2, 3, 4, 5, 6]
    assert all(sorted(ranks) == [1, 2, 3] for ranks in sheets.values())  # one whole ranking per sheet


def test_sheet_numbers_carry_no_order_of_participants_or_ballots(demo_db):
    db, wid = demo_db
    by_participant, by_ballot = set(), set()
    for _ in range(12):
        room = small_room(db, wid, "rating", "facilitator_only", voters=6)
        rows = list(db.query("SELECT participant_id, sheet, id FROM ballot WHERE round_id = ? AND item_id = ?", [room.round_id, room.items[0]]))
        assert sorted(r["sheet"] for r in rows) == [1, 2, 3, 4, 5, 6]
        by_participant.add(tuple(r["sheet"] for r in sorted(rows, key=lambda r: r["participant_id"])))
        by_ballot.add(tuple(r["sheet"] for r in sorted(rows, key=lambda r: r["id"])))
    assert len(by_participant) > 6 and len(by_ballot) > 6  # 12 draws of 720 orders: never the same one
    assert (1, 2, 3, 4, 5, 6) not in by_participant or len(by_participant) == 12


def test_an_anonymous_round_forgets_when_each_ballot_came(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "gradients", "anonymous", voters=5)
    closed = voting.get_round(db, room.round_id)["closed_at"]
    times = {r["cast_at"] for r in db.query("SELECT cast_at FROM ballot WHERE round_id = ?", [room.round_id])}
    events = {r["at"] for r in db.query("SELECT at FROM ballot_event WHERE round_id = ?", [room.round_id])}
    assert times == events == {closed}


# --- re-votes and decisions follow the rule --------------------------------------------------------


def test_the_evidence_kept_with_a_decision_follows_the_rule(demo_db):
    db, wid = demo_db
    db.execute("UPDATE decision SET decided_at = '2026-01-01T00:00:00Z'")  # the demo's, before these rounds
    small = small_room(db, wid, "gradients", "anonymous", voters=4)
    assert {u["evidence"].split(": ", 1)[1] for u in round_decisions.undecided(db, small.round_id)} == {
        "Results withheld: fewer than 5 people voted."
    }
    six = small_room(db, wid, "gradients", "facilitator_only", voters=6)
    evidence = round_decisions.undecided(db, six.round_id)[0]["evidence"]
    assert "83.3% support, concern or neutral from fewer than 2 people — Re-discuss" in evidence and "16.7" not in evidence
    assert DISSENTER not in evidence


def test_a_re_vote_shows_how_opinion_moved_only_as_far_as_the_rule_allows(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "gradients", "anonymous", voters=6)
    again = vote_results.revote(db, room.round_id, [room.items[0]])
    code_people = list(room.tokens.items())[:4]
    for _, token in code_people:
        voting.submit(db, token, again, {voting.round_items(db, again)[0]["id"]: "endorse"})
    voting.close_round(db, again)
    moved = vote_results.movement(db, again)
    assert moved[0]["before"]["disclosure"] == "merged" and moved[0]["before"]["pct_negative"] is None
    assert moved[0]["after"]["disclosure"] == "withheld"  # four voted again: too few to show
    assert voting.get_round(db, again)["min_voters"] == voting.get_round(db, room.round_id)["min_voters"]


def test_a_withheld_verdict_sends_nothing_back_to_the_phase_gates(demo_db):
    db, wid = demo_db
    db.execute("UPDATE decision SET decided_at = '2026-01-01T00:00:00Z'")  # the demo's, before these rounds
    small = small_room(db, wid, "gradients", "anonymous", voters=4)
    assert not [s for s in round_reads.sent_back(db, wid) if s["round"] == small.title]
    six = small_room(db, wid, "gradients", "anonymous", voters=6)
    assert [s["verdict"] for s in round_reads.sent_back(db, wid) if s["round"] == six.title] == ["re-discuss"]
