"""Mixed rooms through the services: paper ballots and shows of hands count in turnout and verdicts,
are refused in plain words when they cannot be right, and stay marked and verifiable."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from workshop.core.errors import Duplicate, Invalid, NotFound, WorkshopError
from workshop.db import store
from workshop.deliverables.exchange import export
from workshop.method import decisions, objectives, plan, workshops
from workshop.room import joining, ledger, paper, vote_results, voting
from workshop.starters import from_json


def _room(db, people=("Ana", "Ben", "Cem"), titles=("Grow revenue", "Delight customers", "Cut cost")):
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persps = workshops.perspectives(db, wid)
    oids = [objectives.add_objective(db, wid, t, persps[n % 2]["id"]) for n, t in enumerate(titles)]
    code = joining.join_code(db, wid)
    return wid, oids, [joining.join(db, code, name) for name in people]


def _open(db, wid, oids, method="rating", **options):
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method=method, **options)
    return rid, [i["id"] for i in voting.round_items(db, rid)]


def _by_item(db, rid):
    return {r["item_id"]: r for r in vote_results.results(db, rid)}


def test_two_paper_ballots_flip_a_verdict_and_count_in_turnout(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, *_) = _open(fresh_db, wid, oids[:1])
    for person, rating in zip(people, (5, 4, 3)):
        voting.submit(fresh_db, person["token"], rid, {a: rating})
    assert _by_item(fresh_db, rid)[a]["verdict"] == "re-discuss"  # 2 of 3 in support: 67%
    paper.add_paper_ballot(fresh_db, rid, {a: 5}, name="Dora")
    paper.add_paper_ballot(fresh_db, rid, {a: "4"})
    row = _by_item(fresh_db, rid)[a]
    assert (row["verdict"], row["votes"], row["paper"], row["hands"]) == ("consensus", 5, 2, 0)  # 4 of 5: 80%
    turnout = vote_results.turnout(fresh_db, rid)
    assert (turnout["voters"], turnout["participants"], turnout["paper"], turnout["by_device"]) == (5, 5, 2, 3)
    assert paper.turnout_words(turnout) == "5 of 5 have voted · 2 on paper"
    assert "includes 2 paper ballots" in vote_results.summary(row, "rating")
    voting.close_round(fresh_db, rid)
    closed = vote_results.turnout(fresh_db, rid)
    assert (closed["voters"], closed["paper"]) == (5, 2)


def test_paper_voters_are_not_people_in_the_room_and_cannot_join(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, *_) = _open(fresh_db, wid, oids[:1])
    voter = paper.add_paper_ballot(fresh_db, rid, {a: 3}, name="Dora")
    assert [p["name"] for p in joining.participants(fresh_db, wid)] == ["Ana", "Ben", "Cem"]
    token = store.one(fresh_db, "SELECT token FROM participant WHERE id = ?", [voter])["token"]
    with pytest.raises(NotFound):
        joining.participant_by_token(fresh_db, token)
    with pytest.raises(NotFound):
        voting.submit(fresh_db, token, rid, {a: 5})
    code = joining.join_code(fresh_db, wid)
    with pytest.raises(Duplicate, match="paper ballot is recorded under the name"):
        joining.join(fresh_db, code, "dora")
    with pytest.raises(sqlite3.IntegrityError, match="paper voter has no joining link"):
        fresh_db.execute("INSERT INTO participant (workshop_id, name, token, kind) VALUES (?, 'Eve', 'abc', 'paper')", [wid])


def test_the_same_named_person_votes_on_paper_in_two_rounds_but_once_in_each(fresh_db):
    wid, oids, people = _room(fresh_db)
    first, (a, *_) = _open(fresh_db, wid, oids[:1])
    second, (b, *_) = _open(fresh_db, wid, oids[1:2], method="gradients")
    dora = paper.add_paper_ballot(fresh_db, first, {a: 4}, name="Dora")
    assert paper.add_paper_ballot(fresh_db, second, {b: "endorse"}, name="DORA") == dora
    with pytest.raises(Duplicate, match="already in this round"):
        paper.add_paper_ballot(fresh_db, first, {a: 2}, name="Dora")
    with pytest.raises(Duplicate, match="joined with a device"):
        paper.add_paper_ballot(fresh_db, first, {a: 2}, name="Ana")


def test_a_paper_ballot_is_unnamed_in_a_fully_anonymous_round(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, *_) = _open(fresh_db, wid, oids[:1], anonymity="anonymous")
    with pytest.raises(Invalid, match="fully anonymous: nobody's name is kept"):
        paper.add_paper_ballot(fresh_db, rid, {a: 4}, name="Dora")
    paper.add_paper_ballot(fresh_db, rid, {a: 4})
    paper.add_paper_ballot(fresh_db, rid, {a: 5})
    assert [b["name"] for b in paper.paper_ballots(fresh_db, rid)] == ["Paper ballot 1", "Paper ballot 2"]
    voting.close_round(fresh_db, rid)
    assert vote_results.turnout(fresh_db, rid)["paper"] == 2  # the anonymous close forgot who, not how many
    assert vote_results.full_results(fresh_db, rid)[0]["paper"] == 0  # nor which ballots came on paper


def test_a_closed_round_refuses_paper_ballots_and_hands_in_plain_words(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, *_) = _open(fresh_db, wid, oids[:1])
    voter = paper.add_paper_ballot(fresh_db, rid, {a: 4})
    voting.close_round(fresh_db, rid)
    refusal = "This round is closed; paper ballots must be entered before it closes."
    with pytest.raises(Invalid, match=refusal):
        paper.add_paper_ballot(fresh_db, rid, {a: 4})
    with pytest.raises(Invalid, match=refusal):
        paper.correct_paper_ballot(fresh_db, rid, voter, {a: 1})
    with pytest.raises(Invalid, match=refusal):
        paper.remove_paper_ballot(fresh_db, rid, voter)
    with pytest.raises(Invalid, match="hand counts must be entered before it closes"):
        paper.set_hand_counts(fresh_db, rid, 3, {a: {"5": 1}})


def test_a_dots_paper_ballot_cannot_overspend_the_budget(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, b, c) = _open(fresh_db, wid, oids, method="dots", dots_total=3, dots_per_item=2)
    with pytest.raises(Invalid, match="This paper ballot puts 4 dots; each person has 3 in this round."):
        paper.add_paper_ballot(fresh_db, rid, {a: 2, b: 2})
    with pytest.raises(Invalid, match="This paper ballot puts more than 2 dots on one item"):
        paper.add_paper_ballot(fresh_db, rid, {a: 3})
    with pytest.raises(Invalid, match="whole numbers"):
        paper.add_paper_ballot(fresh_db, rid, {a: "two"})
    assert paper.paper_ballots(fresh_db, rid) == []
    assert store.count(fresh_db, "SELECT count(*) FROM participant WHERE kind = 'paper'") == 0  # nothing half-made
    paper.add_paper_ballot(fresh_db, rid, {a: 2, b: 1, c: 0})
    assert _by_item(fresh_db, rid)[a]["points"] == 2


def test_an_empty_paper_ballot_is_refused(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, items = _open(fresh_db, wid, oids)
    with pytest.raises(Invalid, match="empty"):
        paper.add_paper_ballot(fresh_db, rid, dict.fromkeys(items))
    dots, items = _open(fresh_db, wid, oids, method="dots")
    with pytest.raises(Invalid, match="empty"):
        paper.add_paper_ballot(fresh_db, dots, dict.fromkeys(items, 0))


def test_names_with_formulas_or_markup_are_kept_as_text_and_huge_ones_refused(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, *_) = _open(fresh_db, wid, oids[:1])
    for name in ('=HYPERLINK("http://x")', "<img src=x onerror=alert(1)>", "Zoë **bold**"):
        paper.add_paper_ballot(fresh_db, rid, {a: 4}, name=name)
    assert {b["name"] for b in paper.paper_ballots(fresh_db, rid)} == {'=HYPERLINK("http://x")', "<img src=x onerror=alert(1)>", "Zoë **bold**"}
    with pytest.raises(Invalid, match="the limit is"):
        paper.add_paper_ballot(fresh_db, rid, {a: 4}, name="x" * 5000)


def test_a_paper_ballot_can_be_corrected_and_removed_while_the_round_is_open(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, b, c) = _open(fresh_db, wid, oids, method="ranking")
    voter = paper.add_paper_ballot(fresh_db, rid, {a: 1, c: 2}, name="Dora")
    paper.correct_paper_ballot(fresh_db, rid, voter, {a: 2, c: 1})
    assert paper.paper_ballots(fresh_db, rid)[0]["answers"] == {a: 2, c: 1}
    with pytest.raises(Invalid, match="share rank"):
        paper.correct_paper_ballot(fresh_db, rid, voter, {a: 1, c: 1})
    paper.remove_paper_ballot(fresh_db, rid, voter)
    assert paper.paper_ballots(fresh_db, rid) == []
    with pytest.raises(NotFound):
        paper.remove_paper_ballot(fresh_db, rid, voter)
    events = voting.history(fresh_db, rid)
    assert {e["source"] for e in events} == {"paper"} and events[-1]["action"] == "withdrawn"
    assert vote_results.turnout(fresh_db, rid)["paper"] == 0


def test_a_participant_token_cannot_reach_another_paper_ballot(fresh_db):
    wid, oids, (ana, *_) = _room(fresh_db)
    rid, (a, *_) = _open(fresh_db, wid, oids[:1])
    voter = paper.add_paper_ballot(fresh_db, rid, {a: 4}, name="Dora")
    with pytest.raises(NotFound):
        paper.correct_paper_ballot(fresh_db, rid, joining.participant_by_token(fresh_db, ana["token"])["id"], {a: 1})
    assert voter != ana["id"]


def test_hand_counts_merge_into_the_results_and_turnout(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, b, c) = _open(fresh_db, wid, oids, method="gradients")
    for person in people:
        voting.submit(fresh_db, person["token"], rid, {a: "serious_disagreement"})
    paper.set_hand_counts(fresh_db, rid, 4, {a: {"endorse": 3, "reservations": 1}, b: {"block": 1}})
    rows = _by_item(fresh_db, rid)
    assert (rows[a]["votes"], rows[a]["positive"], rows[a]["hands"], rows[a]["paper"]) == (7, 4, 4, 0)
    assert rows[b]["verdict"] == "discuss"  # one hand raised for a block stops the item
    turnout = vote_results.turnout(fresh_db, rid)
    assert (turnout["voters"], turnout["participants"], turnout["hands"]) == (7, 7, 4)
    assert paper.turnout_words(turnout) == "7 of 7 have voted · 4 by show of hands"
    assert paper.mark(2, 4) == "includes 2 paper ballots and 4 by show of hands"


def test_counting_an_item_again_replaces_its_count_and_keeps_the_history(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, b, c) = _open(fresh_db, wid, oids, method="rating")
    paper.set_hand_counts(fresh_db, rid, 5, {a: {"5": 3, "1": 2}, b: {"4": 5}})
    paper.set_hand_counts(fresh_db, rid, 5, {a: {"5": 4, "2": 1}})
    assert paper.hand_counts(fresh_db, rid)[a]["counts"] == {"5": 4, "2": 1}
    assert paper.hand_counts(fresh_db, rid)[b]["counts"] == {"4": 5}
    history = paper.hand_history(fresh_db, rid)
    assert [(h["item_id"], h["replaced_at"] is not None) for h in history] == [(a, True), (b, False), (a, False)]
    assert _by_item(fresh_db, rid)[a]["counts"] == {1: 0, 2: 1, 3: 0, 4: 0, 5: 4}
    with pytest.raises(sqlite3.IntegrityError, match="never edited"):
        fresh_db.execute("UPDATE hand_count SET count = 1")
    paper.clear_hand_counts(fresh_db, rid)
    assert paper.hand_counts(fresh_db, rid) == {} and vote_results.turnout(fresh_db, rid)["hands"] == 0


def test_hand_counts_are_refused_when_they_cannot_be_right(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, b, c) = _open(fresh_db, wid, oids, method="rating")
    with pytest.raises(Invalid, match="6 hands counted on “Grow revenue”, but only 4 people vote by hand"):
        paper.set_hand_counts(fresh_db, rid, 4, {a: {"5": 3, "4": 3}})
    with pytest.raises(Invalid, match="how many people vote by hand"):
        paper.set_hand_counts(fresh_db, rid, 0, {a: {"5": 1}})
    with pytest.raises(Invalid, match="whole number"):
        paper.set_hand_counts(fresh_db, rid, 4, {a: {"5": "lots"}})
    with pytest.raises(Invalid, match="not an answer"):
        paper.set_hand_counts(fresh_db, rid, 4, {a: {"block": 1}})
    with pytest.raises(Invalid, match="from 0 to 10,000"):
        paper.set_hand_counts(fresh_db, rid, 10**9, {a: {"5": 1}})
    with pytest.raises(Invalid, match="not part of this round"):
        paper.set_hand_counts(fresh_db, rid, 4, {999: {"5": 1}})
    assert paper.hand_history(fresh_db, rid) == []  # nothing half-stored
    ranking, items = _open(fresh_db, wid, oids, method="ranking")
    with pytest.raises(Invalid, match="A ranking cannot be counted by a show of hands.*paper ballot"):
        paper.set_hand_counts(fresh_db, ranking, 4, {items[0]: {}})
    with pytest.raises(sqlite3.IntegrityError, match="rating, gradients, fist to five, hypothesis and dots only"):
        fresh_db.execute("INSERT INTO hand_tally (round_id, item_id, hands) VALUES (?, ?, 3)", [ranking, items[0]])


def test_dots_by_hand_are_one_dot_per_hand_within_everyones_budget(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, b, c) = _open(fresh_db, wid, oids, method="dots", dots_total=2, dots_per_item=1)
    voting.submit(fresh_db, people[0]["token"], rid, {a: 1})
    paper.set_hand_counts(fresh_db, rid, 3, {a: {"dot": 3}, b: {"dot": 2}})
    with pytest.raises(Invalid, match="7 dots by hand in all, but 3 people with 2 dots each have 6"):
        paper.set_hand_counts(fresh_db, rid, 3, {c: {"dot": 2}})
    with pytest.raises(Invalid, match="one dot each on an item"):
        paper.set_hand_counts(fresh_db, rid, 3, {c: {"dot": 4}})
    rows = _by_item(fresh_db, rid)
    assert (rows[a]["points"], rows[a]["votes"], rows[a]["hands"], rows[a]["standing"]) == (4, 4, 3, 1)


def test_ledger_verifies_paper_ballots_and_names_one_edited_with_sqlite3(tmp_path):
    path = tmp_path / "w.db"
    db = store.connect(path)
    wid, oids, people = _room(db)
    rid, (a, b, c) = _open(db, wid, oids)
    voting.submit(db, people[0]["token"], rid, {a: 5, b: 4})
    paper.add_paper_ballot(db, rid, {a: 2, b: 2}, name="Dora")
    voting.close_round(db, rid)
    assert [r.problem for r in ledger.verify(db, wid)] == [None]
    events = voting.history(db, rid)
    assert [e["source"] for e in events] == ["device", "device", "paper", "paper"]
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER ballot_update_guard")  # someone who edits the file can drop it too
    conn.execute("UPDATE ballot SET rating = 5 WHERE source = 'paper' AND rating = 2 AND item_id = ?", [a])
    conn.commit()
    conn.close()
    db = store.connect(path)
    (check,) = ledger.verify(db, wid)
    assert check.problem is not None and "changed in the database afterwards" in str(check.problem)
    event = store.one(db, "SELECT * FROM ballot_event WHERE id = ?", [check.problem.event_id])
    assert (event["source"], event["rating"]) == ("paper", 2)


def test_taking_the_paper_mark_off_an_event_breaks_its_hash(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, *_) = _open(fresh_db, wid, oids[:1])
    paper.add_paper_ballot(fresh_db, rid, {a: 2})
    voting.close_round(fresh_db, rid)
    fresh_db.execute("UPDATE ballot_event SET source = 'device'")
    (check,) = ledger.verify(fresh_db, wid)
    assert "a ballot cast on “Grow revenue” does not match its fingerprint" in str(check.problem)


def test_paper_and_device_ballots_racing_lose_nothing(db_path):
    setup = store.connect(db_path)
    names = [f"Person {n}" for n in range(8)]
    wid, oids, people = _room(setup, people=names)
    rid, (a, b, c) = _open(setup, wid, oids, method="dots", dots_total=3, dots_per_item=2)
    setup.close()
    errors: list[Exception] = []

    def device(person):
        db = store.connect(db_path)
        try:
            for _ in range(3):
                voting.add_dot(db, person["token"], rid, a)
        except WorkshopError:
            pass  # the third dot on one item is refused, as it should be
        except Exception as error:
            errors.append(error)
        finally:
            db.close()

    def on_paper(n):
        db = store.connect(db_path)
        try:
            paper.add_paper_ballot(db, rid, {a: 1, b: 2}, name=f"Paper person {n}")
            if n % 2:
                paper.set_hand_counts(db, rid, 4, {c: {"dot": n % 4 + 1}})
        except Exception as error:
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=device, args=(p,)) for p in people]
    threads += [threading.Thread(target=on_paper, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    db = store.connect(db_path)
    turnout = vote_results.turnout(db, rid)
    rows = _by_item(db, rid)
    raised = rows[c]["points"]  # the last count to land: 2 or 4 hands went up, one dot each, of the 4 declared
    assert (turnout["by_device"], turnout["paper"], turnout["hands"], turnout["voters"]) == (8, 8, raised, 16 + raised)
    assert rows[a]["points"] == 8 * 2 + 8 and rows[a]["paper"] == 8 and rows[b]["points"] == 16
    assert len(paper.hand_counts(db, rid)) == 1 and rows[c]["hands"] == rows[c]["points"]
    assert [r.problem for r in ledger.verify(db, wid)] == [None]
    db.close()


def test_paper_voters_and_hand_counts_travel_through_export_and_import(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, b, c) = _open(fresh_db, wid, oids, method="gradients", anonymity="anonymous")
    voting.submit(fresh_db, people[0]["token"], rid, {a: "endorse"})
    paper.add_paper_ballot(fresh_db, rid, {a: "block", b: "abstain"})
    paper.set_hand_counts(fresh_db, rid, 3, {a: {"endorse": 1}})
    paper.set_hand_counts(fresh_db, rid, 3, {a: {"endorse": 2, "minor_point": 1}})  # a recount
    voting.close_round(fresh_db, rid)
    named, (d, *_) = _open(fresh_db, wid, oids[:1], method="rating")
    paper.add_paper_ballot(fresh_db, named, {d: 4}, name="Dora")
    first = export.export_workshop(fresh_db, wid)
    assert {p["name"]: p["kind"] for p in first["participant"]}["Dora"] == "paper"
    assert len(first["hand_tally"]) == 2 and len(first["hand_count"]) == 3
    copy = from_json.import_workshop(fresh_db, from_json.parse(export.dumps(first)))
    assert export.export_workshop(fresh_db, copy) | {"workshop": None} == first | {"workshop": None}
    new_rounds = [r["id"] for r in voting.rounds(fresh_db, copy)]
    closed = min(new_rounds)
    row = vote_results.results(fresh_db, closed)[0]
    assert (row["paper"], row["hands"], row["verdict"]) == (None, None, "discuss")  # per item: never shown
    assert (vote_results.full_results(fresh_db, closed)[0]["paper"], vote_results.full_results(fresh_db, closed)[0]["hands"]) == (
        0,
        3,
    )  # which ballot was on paper: forgotten at close; the hands stay counted
    assert vote_results.turnout(fresh_db, closed)["paper"] == 1 and vote_results.turnout(fresh_db, closed)["hands"] == 3
    assert [r.problem for r in ledger.verify(fresh_db, copy)] == [None, None] and ledger.rounds_problem(fresh_db, copy) is None
    dora = store.one(fresh_db, "SELECT * FROM participant WHERE workshop_id = ? AND name = 'Dora'", [copy])
    assert dora["kind"] == "paper" and dora["token"].startswith("paper:") and dora["rejoin_key"] is None
    assert [p["name"] for p in joining.participants(fresh_db, copy)] == ["Ana", "Ben", "Cem"]


def _initiatives(db):
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)[0]["id"]
    decisions.decide_objective(db, objectives.add_objective(db, wid, "Grow revenue", persp), "agreed")
    iids = [plan.add_initiative(db, wid, name, budget=100_000) for name in ("Cloud move", "Sales training")]
    return wid, [("initiative", i) for i in iids]


def test_a_grid_and_a_split_take_paper_ballots_like_any_other(fresh_db):
    wid, chosen = _initiatives(fresh_db)
    grid = voting.open_round(fresh_db, wid, chosen, method="grid", workshop_number=3)
    a, b = [i["id"] for i in voting.round_items(fresh_db, grid)]
    with pytest.raises(Invalid, match="empty"):
        paper.add_paper_ballot(fresh_db, grid, {a: {"x": None, "y": None}})
    voter = paper.add_paper_ballot(fresh_db, grid, {a: {"x": 4, "y": 2}, b: "skip"})
    assert paper.paper_ballots(fresh_db, grid)[0]["answers"] == {a: {"x": 4, "y": 2}, b: "skip"}
    paper.correct_paper_ballot(fresh_db, grid, voter, {a: {"x": 5, "y": 1}})
    assert {r["item_id"]: r["paper"] for r in vote_results.results(fresh_db, grid)} == {a: 1, b: 0}
    with pytest.raises(Invalid, match="counted for dots, rating, gradients, fist to five and hypothesis rounds"):
        paper.set_hand_counts(fresh_db, grid, 3, {a: {}})
    split = voting.open_round(fresh_db, wid, chosen, method="split", workshop_number=3)
    c, d = [i["id"] for i in voting.round_items(fresh_db, split)]
    with pytest.raises(Invalid, match="100"):
        paper.add_paper_ballot(fresh_db, split, {c: 70, d: 20})
    with pytest.raises(Invalid, match="empty"):
        paper.add_paper_ballot(fresh_db, split, {c: 0, d: "0"})
    paper.add_paper_ballot(fresh_db, split, {c: 70, d: 30})
    assert vote_results.turnout(fresh_db, split)["paper"] == 1
    assert paper.paper_ballots(fresh_db, split)[0]["answers"] == {c: 70, d: 30}


def test_the_fingerprint_seals_the_show_of_hands_and_verify_names_a_count_edited_afterwards(tmp_path):
    path = tmp_path / "w.db"
    db = store.connect(path)
    wid, oids, people = _room(db)
    plain, (p_item, *_) = _open(db, wid, oids[:1])
    voting.submit(db, people[0]["token"], plain, {p_item: 4})
    voting.close_round(db, plain)
    closed = voting.get_round(db, plain)
    assert closed["fingerprint"] == ledger.sealed(voting.history(db, plain)[-1]["hash"], [], ledger.settings_of(closed))  # no hands in it
    rid, (a, b, c) = _open(db, wid, oids, method="gradients")
    voting.submit(db, people[0]["token"], rid, {a: "block"})
    paper.set_hand_counts(db, rid, 4, {a: {"endorse": 4}})
    voting.close_round(db, rid)
    assert voting.get_round(db, rid)["fingerprint"] != voting.history(db, rid)[-1]["hash"]
    assert [r.problem for r in ledger.verify(db, wid)] == [None, None]
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER hand_count_is_never_edited")  # someone who edits the file can drop it too
    conn.execute("UPDATE hand_count SET count = 1")
    conn.commit()
    conn.close()
    db = store.connect(path)
    problems = [r.problem for r in ledger.verify(db, wid)]
    assert problems[0] is None and "a hand count, a ballot event or a setting was changed" in str(problems[1])
    db.close()


def test_a_named_paper_ballot_says_so_where_voters_are_listed_and_a_numbered_one_needs_no_mark():
    assert paper.voter_label("Dora", "paper") == "Dora (on paper)"
    assert paper.voter_label("Dora", "paper", "paper") == "Dora (paper)"
    assert paper.voter_label("Paper ballot 3", "paper") == "Paper ballot 3"
    assert paper.voter_label("Ana", "device") == "Ana"


def test_a_round_whose_time_is_up_refuses_paper_ballots_before_anyone_closes_it(fresh_db):
    wid, oids, people = _room(fresh_db)
    rid, (a, *_) = _open(fresh_db, wid, oids[:1], timer_seconds=60)
    fresh_db.execute("UPDATE voting_round SET closes_at = '2000-01-01T00:00:00.000Z' WHERE id = ?", [rid])
    with pytest.raises(Invalid, match="This round is closed; paper ballots must be entered before it closes"):
        paper.add_paper_ballot(fresh_db, rid, {a: 4})
    with pytest.raises(Invalid, match="hand counts must be entered before it closes"):
        paper.set_hand_counts(fresh_db, rid, 2, {a: {"4": 1}})


def test_paper_ballots_and_hands_count_towards_the_small_room_minimum(fresh_db):
    wid, oids, people = _room(fresh_db, people=("Ana", "Ben"))
    rid, (a, *_) = _open(fresh_db, wid, oids[:1], anonymity="facilitator_only")
    for person in people:
        voting.submit(fresh_db, person["token"], rid, {a: 4})
    paper.set_hand_counts(fresh_db, rid, 2, {a: {"5": 2}})
    short, (b, *_) = _open(fresh_db, wid, oids[1:2], anonymity="facilitator_only")
    for person in people:
        voting.submit(fresh_db, person["token"], short, {b: 4})
    paper.set_hand_counts(fresh_db, short, 2, {b: {"5": 2}})
    paper.add_paper_ballot(fresh_db, rid, {a: 4})
    voting.close_round(fresh_db, rid)
    voting.close_round(fresh_db, short)
    (shown,) = vote_results.results(fresh_db, rid)  # 2 phones + 1 paper + 2 hands = 5, the minimum
    assert shown["disclosure"] != "withheld" and shown["votes"] == 5 and (shown["paper"], shown["hands"]) == (None, None)
    assert (vote_results.turnout(fresh_db, rid)["paper"], vote_results.turnout(fresh_db, rid)["hands"]) == (1, 2)
    (held,) = vote_results.results(fresh_db, short)  # 2 phones + 2 hands = 4: withheld, counts and all
    assert held["disclosure"] == "withheld" and held["paper"] is None and held["hands"] is None
