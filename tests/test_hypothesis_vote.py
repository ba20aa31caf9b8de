"""The hypothesis vote, the eighth voting method: its module on its own (answers refused in words, what
each answer counts as, the majority verdict, the words), through the services (a link round, ballots,
hands, the ledger, the schema's guards), the small-room rule, and the review's recording of the room's
verdicts beside the evidence (room/review_votes.py); the migration on a database from before it."""

from __future__ import annotations

import sqlite3

import pytest
from helpers import demo_copy
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from workshop.core import consensus, disclosure, methods
from workshop.core.errors import Invalid
from workshop.core.methods import hypothesis
from workshop.db import schema
from workshop.method import objectives, reviews, workshops
from workshop.room import joining, ledger, paper, review_votes, vote_results, voting

VOTE = methods.get("hypothesis")
ROUND = {"method": "hypothesis", "scale": "agreement", "grid_axes": None}
RULES = consensus.Thresholds()


# --- the method on its own ---------------------------------------------------------------------


def test_the_hypothesis_vote_is_the_eighth_method_offered_last_and_only_for_links():
    assert methods.names()[-1] == "hypothesis" and len(methods.names()) == 8
    assert VOTE.label == "Hypothesis vote" and VOTE.gives_verdict and not VOTE.has_blocks
    assert VOTE.offers("link") and not any(VOTE.offers(kind) for kind in ("objective", "measure", "initiative"))
    with pytest.raises(Invalid, match="^A hypothesis vote is on causal links only"):
        VOTE.round_settings(["link", "objective"], [], {})


@pytest.mark.parametrize("sent", ["yes", "Holds!", 1, 0.5, 1.5, True, False, "1", {"holds": 1}, ["holds"], "does not hold"])
def test_an_answer_that_is_not_holds_does_not_hold_or_too_early_is_refused_in_words(sent):
    with pytest.raises(Invalid, match=r"^Answer each link with holds, does not hold or too early to tell\.$"):
        VOTE.value(sent, {"label": "A → B"}, ROUND)


@pytest.mark.parametrize("sent", ["holds", "does_not_hold", "too_early", " holds "])
def test_the_three_answers_are_stored_as_they_are_named(sent):
    assert VOTE.value(sent, {}, ROUND) == {"holds": sent.strip()}
    assert VOTE.value(None, {}, ROUND) is None and VOTE.value("", {}, ROUND) is None


def test_holds_supports_too_early_is_neutral_does_not_hold_is_concern():
    groups = {d["value"]: d["group"] for d in VOTE.distribution({})}
    assert groups == {"does_not_hold": "concern", "too_early": "neutral", "holds": "support"}
    assert [o["label"] for o in VOTE.ballot_data(ROUND, [])["options"]][0].startswith("Holds")


@pytest.mark.parametrize(
    ("answers", "verdict"),
    [
        (["holds", "holds", "holds", "does_not_hold"], consensus.HOLDS),
        (["holds", "holds", "does_not_hold", "does_not_hold"], consensus.TOO_EARLY),  # a divided room: no majority
        (["does_not_hold", "does_not_hold", "too_early"], consensus.DOES_NOT_HOLD),
        (["too_early", "too_early", "holds"], consensus.TOO_EARLY),
        (["holds", "too_early"], consensus.TOO_EARLY),  # half is not a majority
        ([], consensus.NO_VOTES),
    ],
)
def test_the_verdict_is_the_majority_of_the_answers_given(answers, verdict):
    assert VOTE.item_result(answers, RULES).verdict == verdict


def test_the_result_in_words_gives_the_three_shares_and_the_verdict():
    row = {"label": "A → B", "item_id": 1, **VOTE.item_result(["holds", "holds", "holds", "too_early", "does_not_hold"], RULES).__dict__}
    assert VOTE.summary(row, ROUND) == "60% holds, 20% too early to tell, 20% does not hold — Holds"
    assert VOTE.evidence(row, ROUND) == "3 of 5 said it holds (3 holds · 1 too early to tell · 1 does not hold)"
    card = VOTE.card(row, [row], "agreement", None)
    assert card["verdict"] == "Holds" and card["figures"][:3] == [["Holds", "60%"], ["Too early to tell", "20%"], ["Does not hold", "20%"]]
    assert VOTE.room_table([row], ROUND)[0]["Verdict"] == "Holds"


# --- through the services ----------------------------------------------------------------------


@pytest.fixture
def room():
    db, wid = demo_copy()
    code = joining.join_code(db, wid)
    people = [joining.join(db, code, name)["token"] for name in ("Ann", "Bob", "Cem", "Dee", "Eve", "Fay")]
    links = [i["id"] for i in voting.eligible_items(db, wid, 3) if i["kind"] == "link"]
    review = reviews.open_review(db, wid, "2027-10-01", "2027-12-31")
    return db, wid, people, links, review


def _items(db, rid):
    return {i["link_id"]: i["id"] for i in voting.round_items(db, rid)}


def test_a_link_round_takes_ballots_and_gives_each_link_a_verdict(room):
    db, wid, people, links, review = room
    rid = review_votes.put_to_room(db, review, links[2:4])
    assert voting.get_round(db, rid)["title"] == "Do these links still hold? Review of 2027-10-01 to 2027-12-31"
    assert review_votes.put_to_room(db, review, links[2:4]) == rid  # the same links again: the round already open
    items = _items(db, rid)
    for token, (a, b) in zip(people, [("holds", "too_early"), ("holds", "does_not_hold"), ("holds", "too_early"), ("too_early", "holds")]):
        voting.submit(db, token, rid, {items[links[2]]: a, items[links[3]]: b})
    with pytest.raises(Invalid, match="^Answer each link with holds"):
        voting.submit(db, people[4], rid, {items[links[2]]: 1})
    assert voting.my_ballots(db, people[4], rid) == {}
    with pytest.raises(Invalid, match="still open"):
        review_votes.room_verdicts(db, rid)
    voting.close_round(db, rid)
    found = {v.link_id: v for v in review_votes.room_verdicts(db, rid)}
    assert found[links[2]].verdict == "holds" and found[links[2]].words == "75% holds, 25% too early to tell, 0% does not hold — Holds"
    assert found[links[3]].verdict == "too early to tell"
    assert all(c.problem is None for c in ledger.verify(db, wid))


def test_only_links_can_be_put_to_the_vote(room):
    db, wid, people, links, review = room
    objective = next(i["id"] for i in voting.eligible_items(db, wid, 3) if i["kind"] == "objective")
    with pytest.raises(Invalid, match="causal links only"):
        voting.open_round(db, wid, [("objective", objective)], method="hypothesis", workshop_number=3)
    with pytest.raises(Invalid, match="at least one causal link"):
        review_votes.put_to_room(db, review, [])


def test_recording_keeps_each_verdict_with_the_evidence_the_room_saw(room):
    db, wid, people, links, review = room
    rid = review_votes.put_to_room(db, review, [links[0], links[2]])
    items = _items(db, rid)
    for token in people[:3]:
        voting.submit(db, token, rid, {items[links[0]]: "too_early", items[links[2]]: "holds"})
    voting.close_round(db, rid)
    recorded = review_votes.record_from_room(db, review, rid)
    assert [(v.link_id, v.verdict) for v in recorded] == [(links[0], "too early to tell"), (links[2], "holds")]
    kept = {v["link_id"]: v for v in reviews.verdicts(db, wid) if v["review_id"] == review}
    evidence = review_votes.link_evidence(db, wid)
    assert kept[links[2]]["verdict"] == "holds" and kept[links[2]]["round_id"] == rid
    assert kept[links[2]]["evidence"] == evidence[links[2]].words() == "The effect follows the cause in the same period (r = 1.00 over 12 periods)."
    assert kept[links[0]]["evidence"] == evidence[links[0]].words()
    assert review_votes.record_from_room(db, review, rid) == recorded  # again: replaced, not doubled
    assert len([v for v in reviews.verdicts(db, wid) if v["review_id"] == review]) == 2


def test_a_closed_review_or_another_method_records_nothing(room):
    db, wid, people, links, review = room
    rating = voting.open_round(db, wid, [("link", links[0])], method="rating", scale="confidence", workshop_number=3)
    voting.close_round(db, rating)
    with pytest.raises(Invalid, match="not a hypothesis vote"):
        review_votes.record_from_room(db, review, rating)
    rid = review_votes.put_to_room(db, review, [links[0]])
    voting.close_round(db, rid)
    reviews.close_review(db, review, lock=False)
    with pytest.raises(Invalid, match="This review is closed"):
        review_votes.record_from_room(db, review, rid)
    with pytest.raises(Invalid, match="This review is closed"):
        review_votes.put_to_room(db, review, [links[0]])


def test_a_show_of_hands_and_a_paper_ballot_count_per_answer(room):
    db, wid, people, links, review = room
    rid = review_votes.put_to_room(db, review, [links[2]])
    item = _items(db, rid)[links[2]]
    voting.submit(db, people[0], rid, {item: "does_not_hold"})
    paper.add_paper_ballot(db, rid, {item: "does_not_hold"})
    paper.set_hand_counts(db, rid, 3, {item: {"holds": 1, "does_not_hold": 2}})
    voting.close_round(db, rid)
    row = vote_results.results(db, rid)[0]
    assert row["counts"] == {"holds": 1, "too_early": 0, "does_not_hold": 4} and row["verdict"] == consensus.DOES_NOT_HOLD
    assert vote_results.summary(row, "hypothesis").endswith("(includes 1 paper ballot and 3 by show of hands)")


def test_the_schema_keeps_answers_to_hypothesis_rounds_and_rounds_to_links(room):
    db, wid, people, links, review = room
    rid = review_votes.put_to_room(db, review, [links[0]])
    item = _items(db, rid)[links[0]]
    rating = voting.open_round(db, wid, [("link", links[0])], method="rating", scale="confidence", workshop_number=3)
    rating_item = voting.round_items(db, rating)[0]["id"]
    participant = db.execute("SELECT id FROM participant LIMIT 1").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="belong to a hypothesis vote"):
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, holds) VALUES (?, ?, ?, 'holds')", [rating, rating_item, participant])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, holds) VALUES (?, ?, ?, 'maybe')", [rid, item, participant])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):  # one answer per ballot
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, holds, rating) VALUES (?, ?, ?, 'holds', 3)", [rid, item, participant])
    objective = db.execute("SELECT id FROM objective WHERE workshop_id = ? LIMIT 1", [wid]).fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="causal links only"):
        db.execute("INSERT INTO round_item (round_id, objective_id, label, position) VALUES (?, ?, 'x', 9)", [rid, objective])
    with pytest.raises(sqlite3.IntegrityError, match="not one of this round's"):
        tally = db["hand_tally"].insert({"round_id": rid, "item_id": item, "hands": 3}).last_pk
        db.execute("INSERT INTO hand_count (round_id, tally_id, answer, count) VALUES (?, ?, '3', 1)", [rid, tally])


def test_the_ledger_catches_an_edited_answer(room):
    db, wid, people, links, review = room
    rid = review_votes.put_to_room(db, review, [links[0]])
    item = _items(db, rid)[links[0]]
    voting.submit(db, people[0], rid, {item: "holds"})
    voting.submit(db, people[0], rid, {item: "does_not_hold"})
    voting.close_round(db, rid)
    assert all(c.problem is None for c in ledger.verify(db, wid))
    db.execute("UPDATE ballot_event SET holds = 'holds' WHERE round_id = ? AND action = 'changed'", [rid])
    problems = [c.problem for c in ledger.verify(db, wid) if c.problem]
    assert problems and "edited after it was recorded" in problems[0].what


# --- the small-room rule -----------------------------------------------------------------------


def _protected(db, review, people, links, answers, anonymity="anonymous"):
    rid = review_votes.put_to_room(db, review, [links[2]], anonymity=anonymity)
    item = _items(db, rid)[links[2]]
    for token, a in zip(people, answers):
        voting.submit(db, token, rid, {item: a})
    voting.close_round(db, rid)
    return rid


def test_below_the_minimum_a_protected_vote_gives_no_verdict_to_record(room):
    db, wid, people, links, review = room
    rid = _protected(db, review, people, links, ("holds", "holds", "holds", "does_not_hold"))
    (found,) = review_votes.room_verdicts(db, rid)
    assert found.verdict is None and found.words == "Results withheld: fewer than 5 people voted."
    assert review_votes.record_from_room(db, review, rid) == []
    assert [v for v in reviews.verdicts(db, wid) if v["review_id"] == review] == []


def test_a_lone_dissent_is_merged_so_nobody_can_tell_who_said_it_does_not_hold(room):
    db, wid, people, links, review = room
    rid = _protected(db, review, people, links, ("holds",) * 5 + ("does_not_hold",), anonymity="facilitator_only")
    row = vote_results.results(db, rid)[0]
    assert row["disclosure"] == disclosure.MERGED and row["negative"] is None
    assert row["verdict"] == consensus.HOLDS
    words = vote_results.summary(row, "hypothesis")
    assert "does not hold" not in words.split(" — ")[0] and words.endswith("— Holds")
    assert review_votes.room_verdicts(db, rid)[0].verdict == "holds"


# --- the migration -----------------------------------------------------------------------------


def test_a_database_from_before_the_hypothesis_vote_keeps_its_ballots_through_the_migration(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    older = Migrations("scorecard_workshop")
    for migration in schema.MIGRATIONS:
        if migration.__name__ != "m0024_hypothesis":
            older()(migration)
    older.apply(db)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    oid = objectives.add_objective(db, wid, "Grow revenue", workshops.perspectives(db, wid)[0]["id"])
    rid = voting.open_round(db, wid, [("objective", oid)], method="fist_to_five")
    item = voting.round_items(db, rid)[0]["id"]
    ann = joining.join(db, joining.join_code(db, wid), "Ann")
    db.execute("INSERT INTO ballot (round_id, item_id, participant_id, fingers) VALUES (?, ?, ?, 0)", [rid, item, ann["id"]])
    schema.migrate(db)
    assert [b["fingers"] for b in db.query("SELECT fingers FROM ballot")] == [0]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    voting.submit(db, ann["token"], rid, {item: 4})  # the ledger writes every value column, the new one included
    assert [b["fingers"] for b in db.query("SELECT fingers FROM ballot")] == [4]
    assert "'hypothesis'" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'voting_round'").fetchone()[0]
    conn.close()


def test_its_module_names_its_source_and_the_rule():
    assert "Kaplan" in hypothesis.SOURCE and "more than half" in hypothesis.RULE
    assert hypothesis.Hypothesis.small_room == disclosure.ANSWERS
