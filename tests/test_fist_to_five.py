"""Fist to five, the seventh voting method: its module on its own (values refused in words, what each
hand counts as, the verdict), then through the services: a round, ballots, the tally and verdict,
paper ballots and a show of hands, a re-vote, the ledger, the export, and the small-room rule."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from workshop.core import consensus, disclosure, methods
from workshop.core.errors import Invalid
from workshop.core.methods import fist_to_five
from workshop.db import round_reads, schema
from workshop.deliverables.exchange import export
from workshop.method import objectives, workshops
from workshop.room import ballot_view, joining, ledger, paper, presenting, round_decisions, vote_results, voting
from workshop.starters import from_json

FIST = methods.get("fist_to_five")
ROUND = {"method": "fist_to_five", "scale": "agreement", "grid_axes": None}


# --- the method on its own ---------------------------------------------------------------------


def test_fist_to_five_is_registered_with_the_other_six_and_offered_last():
    assert methods.names()[:7] == ("dots", "rating", "gradients", "ranking", "grid", "split", "fist_to_five")
    assert FIST.label == "Fist to five" and FIST.gives_verdict and FIST.has_blocks
    assert "Tabaka" in FIST.source


@pytest.mark.parametrize("sent", ["two", 1.5, True, 6, -1, "6", "-1", "1.5", "²", {"x": 1}, [3]])
def test_a_hand_that_is_not_zero_to_five_fingers_is_refused_in_words(sent):
    with pytest.raises(Invalid, match=r"^Fingers are a whole number from 0 \(a fist: you block the item\) to 5 \(full support\)\.$"):
        FIST.value(sent, {"label": "Grow"}, ROUND)


@pytest.mark.parametrize(("sent", "stored"), [(0, 0), ("0", 0), (5, 5), (" 3 ", 3), (4.0, 4), ("2", 2)])
def test_zero_to_five_fingers_are_stored_as_a_number_and_a_fist_is_an_answer(sent, stored):
    assert FIST.value(sent, {"label": "Grow"}, ROUND) == {"fingers": stored}


def test_nothing_sent_withdraws_the_answer():
    assert FIST.value(None, {}, ROUND) is None and FIST.value("", {}, ROUND) is None


def test_a_fist_blocks_one_or_two_fingers_ask_for_discussion_three_to_five_support():
    groups = {d["value"]: d["group"] for d in FIST.distribution({})}
    assert groups == {0: "concern", 1: "neutral", 2: "neutral", 3: "support", 4: "support", 5: "support"}
    assert [d["label"] for d in FIST.distribution({}, short=True)] == [
        "0 · block",
        "1 · major concerns",
        "2 · minor concerns",
        "3 · can live with it",
        "4 · support",
        "5 · full support",
    ]
    assert FIST.answer_label(0) == "Fist · I block it" and FIST.answer_label("5") == "5 fingers · I fully support it"


def test_the_verdict_follows_the_gradients_a_single_fist_blocks():
    rules = consensus.Thresholds()
    assert FIST.item_result([5, 4, 4, 3], rules).verdict == consensus.CONSENSUS
    blocked = FIST.item_result([5, 5, 5, 0], rules)
    assert blocked.verdict == consensus.DISCUSS and blocked.blocks == 1 and blocked.negative == 1
    lukewarm = FIST.item_result([3, 2, 1, 2], rules)  # not ready is not against: re-discussed, never dropped
    assert lukewarm.verdict == consensus.REDISCUSS and lukewarm.pct_positive == 25.0 and lukewarm.pct_neutral == 75.0
    assert FIST.item_result([1, 1, 1, 1], rules).verdict == consensus.REDISCUSS
    assert FIST.item_result([], rules).verdict == consensus.NO_VOTES
    assert blocked.counts == {0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 3} and blocked.median == 5.0


def test_its_result_in_words_for_the_decision_and_the_report():
    row = {"label": "Grow", "item_id": 1, **FIST.item_result([5, 5, 4, 0], consensus.Thresholds()).__dict__}
    assert FIST.summary(row, ROUND) == "75% support, 0% neutral, 25% concern, typically 4.5 fingers, 1 block — Blocked: discuss"
    assert FIST.evidence(row, ROUND) == "3 of 4 showed 3 fingers or more (2 showed 5 fingers · 1 showed 4 fingers · 1 showed a fist)"
    assert FIST.tally_text(row["counts"]) == "5 fingers · I fully support it 2 · 4 fingers · I support it 1 · Fist · I block it 1"


def test_the_ballot_gets_six_answers_as_strings_so_a_fist_counts_as_answered():
    options = FIST.ballot_data(ROUND, [])["options"]
    assert [(o["value"], o["hint"], o["side"]) for o in options] == [
        ("0", "Block", "concern"),
        ("1", "Major concerns", "neutral"),
        ("2", "Minor concerns", "neutral"),
        ("3", "Can live with it", "support"),
        ("4", "Support", "support"),
        ("5", "Full support", "support"),
    ]
    assert FIST.choice({"fingers": 0, "skipped": 0}) == "0" and FIST.piece == "fingers"


# --- through the services ----------------------------------------------------------------------


@pytest.fixture
def room(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persps = workshops.perspectives(db, wid)
    oids = [objectives.add_objective(db, wid, title, persps[0]["id"]) for title in ("Grow revenue", "Delight customers")]
    code = joining.join_code(db, wid)
    people = [joining.join(db, code, name)["token"] for name in ("Ann", "Bob", "Cem", "Dee", "Eve", "Fay")]
    return db, wid, oids, people


def _round(db, wid, oids, **options) -> tuple[int, list[int]]:
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="fist_to_five", **options)
    return rid, [i["id"] for i in voting.round_items(db, rid)]


def test_a_round_takes_ballots_tallies_them_and_gives_verdicts(room):
    db, wid, oids, people = room
    rid, (grow, delight) = _round(db, wid, oids, title="Quick check")
    for token, hands in zip(people, [(5, 4), (4, 2), (5, 1), (3, 0)]):
        voting.submit(db, token, rid, {grow: hands[0], delight: str(hands[1])})
    with pytest.raises(Invalid, match="Fingers are a whole number"):
        voting.submit(db, people[4], rid, {grow: "two"})
    assert voting.my_ballots(db, people[4], rid) == {}  # nothing stored from a refused ballot
    voting.close_round(db, rid)
    rows = {r["item_id"]: r for r in vote_results.results(db, rid)}
    assert rows[grow]["verdict"] == consensus.CONSENSUS and rows[grow]["pct_positive"] == 100.0
    assert rows[delight]["verdict"] == consensus.DISCUSS and rows[delight]["blocks"] == 1
    assert (
        vote_results.summary(rows[delight], "fist_to_five")
        == "25% support, 50% neutral, 25% concern, typically 1.5 fingers, 1 block — Blocked: discuss"
    )
    named = vote_results.named_ballots(db, rid)
    assert {"name": "Dee", "label": "Delight customers", "source": "device", "answer": "Fist · I block it"} in named
    assert round_decisions.undecided(db, rid)[0]["suggested"] == "agreed"  # a verdict method suggests decisions
    assert [s["label"] for s in round_reads.sent_back(db, wid)] == ["Delight customers"]  # a fist sends it back


def test_a_participant_sees_their_own_fingers_and_the_room_sees_cards(room):
    db, wid, oids, people = room
    rid, (grow, delight) = _round(db, wid, oids, results_hidden=False)
    voting.submit(db, people[0], rid, {grow: 0, delight: 5})
    mine = voting.my_ballots(db, people[0], rid)
    assert ballot_view.current_choices(mine, "fist_to_five") == {grow: "0", delight: "5"}
    assert ballot_view.extent(mine, 2, voting.get_round(db, rid)) == "for 2 of 2 items"
    card = ballot_view.result_cards(vote_results.results(db, rid), "fist_to_five")[0]
    assert card["verdict"] == "Blocked: discuss" and card["mark"] == "!"
    assert ["Blocks", "1"] in card["figures"] and card["spread"] == [["Fist · I block it", "1"]]


def test_the_presenter_draws_a_diverging_bar_with_a_fist_on_the_concern_side(room):
    db, wid, oids, people = room
    rid, (grow, _) = _round(db, wid, oids)
    for token, n in zip(people, (5, 5, 4, 0)):
        voting.submit(db, token, rid, {grow: n})
    voting.close_round(db, rid)
    view = presenting.round_view(db, rid)
    segments = presenting.diverging_segments(view["results"][:1], "fist_to_five")
    assert [(s["answer"], s["band"], s["start"], s["end"]) for s in segments] == [
        ("0 · block", "concern", -1.0, 0.0),
        ("4 · support", "support", 0.0, 1.0),
        ("5 · full support", "support", 1.0, 3.0),
    ]
    assert view["verdicts"] == "Blocked: discuss: 1 · No votes: 1"
    assert presenting.answer_order("fist_to_five")[0] == "0 · block"


def test_paper_ballots_and_a_show_of_fingers_count_like_any_vote(room):
    db, wid, oids, people = room
    rid, (grow, delight) = _round(db, wid, oids)
    voting.submit(db, people[0], rid, {grow: 4, delight: 4})
    voter = paper.add_paper_ballot(db, rid, {grow: "0", delight: ""}, name="Gil")
    assert paper.paper_ballots(db, rid)[0]["answers"] == {grow: 0}
    paper.correct_paper_ballot(db, rid, voter, {grow: 2, delight: 3})
    with pytest.raises(Invalid, match="Fingers are a whole number"):
        paper.add_paper_ballot(db, rid, {grow: "6"})
    assert paper.hand_answers("fist_to_five") == ("5", "4", "3", "2", "1", "0")
    paper.set_hand_counts(db, rid, 3, {grow: {"5": 2, "0": 1}, delight: {"3": 3}})
    with pytest.raises(Invalid, match="4 hands counted on “Grow revenue”, but only 3 people vote by hand"):
        paper.set_hand_counts(db, rid, 3, {grow: {"5": 4}})
    voting.close_round(db, rid)
    turnout = vote_results.turnout(db, rid)
    assert (turnout["voters"], turnout["paper"], turnout["hands"]) == (5, 1, 3)
    rows = {r["item_id"]: r for r in vote_results.results(db, rid)}
    assert rows[grow]["counts"] == {0: 1, 1: 0, 2: 1, 3: 0, 4: 1, 5: 2} and rows[grow]["verdict"] == consensus.DISCUSS
    assert vote_results.summary(rows[delight], "fist_to_five").endswith("(includes 1 paper ballot and 3 by show of hands)")
    assert [c.problem for c in ledger.verify(db, wid)] == [None]


def test_a_revote_keeps_the_method_and_offers_the_items_short_of_consensus(room):
    db, wid, oids, people = room
    rid, (grow, delight) = _round(db, wid, oids)
    for token in people[:4]:
        voting.submit(db, token, rid, {grow: 5, delight: 2})
    voting.close_round(db, rid)
    again = vote_results.revote(db, rid)
    assert voting.get_round(db, again)["method"] == "fist_to_five"
    assert [i["label"] for i in voting.round_items(db, again)] == ["Delight customers"]
    voting.submit(db, people[0], again, {voting.round_items(db, again)[0]["id"]: 4})
    voting.close_round(db, again)
    (moved,) = vote_results.movement(db, again)
    assert (moved["before"]["verdict"], moved["after"]["verdict"]) == (consensus.REDISCUSS, consensus.CONSENSUS)


def test_the_ledger_chains_fingers_and_catches_an_edited_one(room):
    db, wid, oids, people = room
    rid, (grow, _) = _round(db, wid, oids)
    voting.submit(db, people[0], rid, {grow: 3})
    voting.submit(db, people[0], rid, {grow: 0})
    voting.close_round(db, rid)
    assert [c.problem for c in ledger.verify(db, wid)] == [None]
    db.execute("UPDATE ballot_event SET fingers = 5 WHERE round_id = ? AND action = 'changed'", [rid])
    (check,) = ledger.verify(db, wid)
    assert check.problem is not None and "edited after it was recorded" in check.problem.what


def test_the_schema_keeps_fingers_to_fist_to_five_rounds_and_zero_to_five(room):
    db, wid, oids, people = room
    rid, (grow, _) = _round(db, wid, oids)
    rating = voting.open_round(db, wid, [("objective", oids[0])], method="rating")
    participant = db.execute("SELECT id FROM participant LIMIT 1").fetchone()[0]
    rating_item = voting.round_items(db, rating)[0]["id"]
    with pytest.raises(Exception, match="fingers belong to a fist-to-five round"):
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, fingers) VALUES (?, ?, ?, 3)", [rating, rating_item, participant])
    with pytest.raises(Exception, match="CHECK constraint failed"):
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, fingers) VALUES (?, ?, ?, 6)", [rid, grow, participant])
    with pytest.raises(Exception, match="CHECK constraint failed"):  # one answer per ballot
        db.execute("INSERT INTO ballot (round_id, item_id, participant_id, fingers, rating) VALUES (?, ?, ?, 3, 3)", [rid, grow, participant])


def test_the_export_carries_fingers_and_an_import_gives_the_same_results(room):
    db, wid, oids, people = room
    rid, _ = _round(db, wid, oids)
    items = [i["id"] for i in voting.round_items(db, rid)]
    for token, n in zip(people, (0, 3, 5)):
        voting.submit(db, token, rid, dict.fromkeys(items, n))
    voting.close_round(db, rid)
    document = export.export_workshop(db, wid)
    assert sorted(b["fingers"] for b in document["ballot"]) == [0, 0, 3, 3, 5, 5]
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(document)))
    (copied,) = voting.rounds(db, copy)
    strip = ("id", "item_id", "objective_id")
    assert [{k: v for k, v in r.items() if k not in strip} for r in vote_results.results(db, copied["id"])] == [
        {k: v for k, v in r.items() if k not in strip} for r in vote_results.results(db, rid)
    ]
    assert [c.problem for c in ledger.verify(db, copy)] == [None]


# --- the small-room rule -----------------------------------------------------------------------


def _protected(db, wid, oids, people, hands, anonymity="anonymous"):
    rid, (grow, _) = _round(db, wid, oids[:1] + oids[1:], anonymity=anonymity)
    for token, n in zip(people, hands):
        voting.submit(db, token, rid, {grow: n})
    voting.close_round(db, rid)
    return rid, grow


def test_below_the_minimum_a_protected_round_shows_the_turnout_only(room):
    db, wid, oids, people = room
    rid, grow = _protected(db, wid, oids, people, (5, 5, 4, 0))
    row = vote_results.results(db, rid)[0]
    assert row["disclosure"] == disclosure.WITHHELD and row["verdict"] is None and row["counts"] == {}
    assert vote_results.summary(row, "fist_to_five") == "Results withheld: fewer than 5 people voted."


def test_a_lone_fist_is_merged_so_nobody_can_tell_who_blocked(room):
    db, wid, oids, people = room
    rid, grow = _protected(db, wid, oids, people, (5, 5, 5, 4, 4, 0), anonymity="facilitator_only")
    row = vote_results.results(db, rid)[0]
    assert row["disclosure"] == disclosure.MERGED and row["blocks"] is None and row["negative"] is None
    assert row["verdict"] == consensus.DISCUSS  # the room's decision shows: someone blocked, never who
    assert disclosure.spread_text(row, FIST) == "3 showed 5 fingers · 2 showed 4 fingers · Concern or neutral: fewer than 2 people"
    words = vote_results.summary(row, "fist_to_five")
    assert "1 block" not in words and "fist" not in words and words.endswith("— Blocked: discuss")
    assert vote_results.rule(db, rid, short=True).endswith(
        "answers given by fewer than 2 people are merged into their group, so no one's vote can be picked out."
    )


def test_answers_given_by_two_or_more_show_as_they_are(room):
    db, wid, oids, people = room
    rid, grow = _protected(db, wid, oids, people, (5, 5, 3, 3, 0, 0))
    row = vote_results.results(db, rid)[0]
    assert row["disclosure"] == disclosure.FULL and row["blocks"] == 2
    assert FIST.evidence(row, ROUND) == "4 of 6 showed 3 fingers or more (2 showed 5 fingers · 2 showed 3 fingers · 2 showed a fist)"


def test_fist_to_five_reads_the_rule_and_the_text_of_its_part():
    assert fist_to_five.FistToFive.small_room == disclosure.ANSWERS
    assert fist_to_five.plural_fingers(1) == "1 finger" and fist_to_five.plural_fingers(0) == "a fist"


def test_a_database_from_before_fist_to_five_keeps_its_ballots_through_the_migration(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    older = Migrations("scorecard_workshop")
    for migration in schema.MIGRATIONS:  # every other migration: the tables as the services write them
        if migration.__name__ not in ("m0016_fist_to_five", "m0024_hypothesis"):  # the hypothesis vote widens fist to five's CHECKs
            older()(migration)
    older.apply(db)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    oid = objectives.add_objective(db, wid, "Grow revenue", workshops.perspectives(db, wid)[0]["id"])
    rid = voting.open_round(db, wid, [("objective", oid)], method="rating")
    item = voting.round_items(db, rid)[0]["id"]
    ann = joining.join(db, joining.join_code(db, wid), "Ann")
    db.execute("INSERT INTO ballot (round_id, item_id, participant_id, rating) VALUES (?, ?, ?, 4)", [rid, item, ann["id"]])
    schema.migrate(db)
    assert [b["rating"] for b in db.query("SELECT rating FROM ballot")] == [4]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    fist, _ = _round(db, wid, [oid])
    voting.submit(db, ann["token"], fist, {voting.round_items(db, fist)[0]["id"]: 0})
    paper.set_hand_counts(db, fist, 1, {voting.round_items(db, fist)[0]["id"]: {"0": 1}})
    assert vote_results.results(db, fist)[0]["blocks"] == 2
    conn.close()
