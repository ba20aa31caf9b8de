"""Priority grids and 100-point splits through the services: opening, ballots and their refusals,
what the schema guarantees on its own, results, anonymity, the ledger, re-votes and decisions."""

import sqlite3

import pytest

from workshop.core.errors import Invalid
from workshop.db import round_reads
from workshop.deliverables.exchange import export
from workshop.method import decisions, objectives, plan, workshops
from workshop.room import ballot_view, joining, ledger, round_decisions, vote_results, voting
from workshop.starters import from_json

BUDGETS = (400_000, 100_000, 500_000, None)


@pytest.fixture
def room(fresh_db):
    db = fresh_db
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow revenue", persp)
    decisions.decide_objective(db, oid, "agreed")
    names = ("Migrate to the cloud", "Train the sales team", "New billing system", "Customer portal")
    iids = [plan.add_initiative(db, wid, name, budget=b) for name, b in zip(names, BUDGETS)]
    code = joining.join_code(db, wid)
    people = [joining.join(db, code, name)["token"] for name in ("Ann", "Bob", "Cem", "Dee")]
    return db, wid, oid, iids, people


def _items(db, rid):
    return [i["id"] for i in voting.round_items(db, rid)]


def _grid(db, wid, iids, **options):
    return voting.open_round(db, wid, [("initiative", i) for i in iids], method="grid", workshop_number=3, **options)


def _split(db, wid, iids, **options):
    return voting.open_round(db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3, **options)


def test_a_grid_round_takes_the_axes_made_for_its_kind_unless_the_facilitator_picks_others(room):
    db, wid, oid, iids, _ = room
    assert voting.get_round(db, _grid(db, wid, iids))["grid_axes"] == "impact_effort"
    objective_grid = voting.open_round(db, wid, [("objective", oid)], method="grid", workshop_number=3)
    assert voting.get_round(db, objective_grid)["grid_axes"] == "importance_urgency"
    chosen = _grid(db, wid, iids[:2], grid_axes="importance_urgency")
    assert voting.get_round(db, chosen)["grid_axes"] == "importance_urgency"
    with pytest.raises(Invalid, match="Choose the grid's axes"):
        _grid(db, wid, iids[:3], grid_axes="<b>taste</b>")
    assert voting.get_round(db, _split(db, wid, iids))["grid_axes"] is None


def test_a_split_is_across_two_initiatives_or_more(room):
    db, wid, oid, iids, _ = room
    with pytest.raises(Invalid, match="across initiatives"):
        voting.open_round(db, wid, [("objective", oid), ("initiative", iids[0])], method="split", workshop_number=3)
    with pytest.raises(Invalid, match="at least two initiatives"):
        _split(db, wid, iids[:1])


def test_a_grid_ballot_places_each_item_on_both_axes_or_skips_it(room):
    db, wid, _, iids, (ann, *_) = room
    rid = _grid(db, wid, iids[:3])
    a, b, c = _items(db, rid)
    voting.submit(db, ann, rid, {a: {"x": 1, "y": 5}, b: [4, 2], c: "skip"})
    mine = voting.my_ballots(db, ann, rid)
    assert (mine[a]["grid_x"], mine[a]["grid_y"]) == (1, 5) and (mine[b]["grid_x"], mine[b]["grid_y"]) == (4, 2)
    assert mine[c]["skipped"] == 1 and mine[c]["grid_x"] is None
    with pytest.raises(Invalid, match="“Migrate to the cloud”: give it both impact and effort"):
        voting.submit(db, ann, rid, {a: {"x": 2, "y": None}})
    for bad in ({"x": 0, "y": 3}, {"x": 6, "y": 3}, {"x": "=1+4", "y": 3}, "<script>", 42):
        with pytest.raises(Invalid, match="from 1 to 5"):
            voting.submit(db, ann, rid, {a: bad})
    assert (voting.my_ballots(db, ann, rid)[a]["grid_x"]) == 1  # nothing refused was stored
    voting.submit(db, ann, rid, {a: {"x": 2, "y": 5}}, partial=True)
    assert [e["action"] for e in voting.history(db, rid)][-1] == "changed"


def test_a_split_that_does_not_add_up_to_one_hundred_is_refused_and_nothing_is_stored(room):
    db, wid, _, iids, (ann, *_) = room
    rid = _split(db, wid, iids)
    a, b, c, d = _items(db, rid)
    with pytest.raises(Invalid, match="You gave 90 of your 100 points"):
        voting.submit(db, ann, rid, {a: 50, b: 40})
    with pytest.raises(Invalid, match="You gave 110 points; you have 100"):
        voting.submit(db, ann, rid, {a: 60, b: 50})
    assert voting.my_ballots(db, ann, rid) == {}
    voting.submit(db, ann, rid, {a: 70, b: 30, c: 0})
    assert {i: x["points"] for i, x in voting.my_ballots(db, ann, rid).items()} == {a: 70, b: 30}
    # moving points between items: the smaller ones are written first, so no moment holds over 100
    voting.submit(db, ann, rid, {a: 10, b: 30, c: 60})
    assert {i: x["points"] for i, x in voting.my_ballots(db, ann, rid).items()} == {a: 10, b: 30, c: 60}
    voting.submit(db, ann, rid, {d: 20, c: 40}, partial=True)  # a change to part of it, still 100
    assert sum(x["points"] for x in voting.my_ballots(db, ann, rid).values()) == 100
    with pytest.raises(Invalid, match="You gave 120 points"):
        voting.submit(db, ann, rid, {a: 30}, partial=True)


def test_the_schema_refuses_an_overspent_split_and_values_in_the_wrong_kind_of_round(room):
    db, wid, _, iids, (ann, *_) = room
    split, grid = _split(db, wid, iids), _grid(db, wid, iids)
    s = _items(db, split)
    g = _items(db, grid)
    pid = joining.participant_by_token(db, ann)["id"]
    voting.submit(db, ann, split, {s[0]: 60, s[1]: 40})
    raw = "INSERT INTO ballot (round_id, item_id, participant_id, {}) VALUES (?, ?, ?, {})"
    with pytest.raises(sqlite3.IntegrityError, match="more than 100 points"):
        db.execute(raw.format("points", "?"), [split, s[2], pid, 1])
    with pytest.raises(sqlite3.IntegrityError, match="more than 100 points"):
        db.execute("UPDATE ballot SET points = 61 WHERE round_id = ? AND item_id = ?", [split, s[1]])
    with pytest.raises(sqlite3.IntegrityError, match="points belong to a 100-point split"):
        db.execute(raw.format("points", "?"), [grid, g[0], pid, 10])
    with pytest.raises(sqlite3.IntegrityError, match="a placement belongs to a priority grid"):
        db.execute(raw.format("grid_x, grid_y", "?, ?"), [split, s[2], pid, 2, 2])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(raw.format("grid_x", "?"), [grid, g[0], pid, 2])  # half a placement
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(raw.format("grid_x, grid_y, rating", "?, ?, ?"), [grid, g[0], pid, 2, 2, 4])  # two values
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(raw.format("grid_x, grid_y", "?, ?"), [grid, g[0], pid, 2, 6])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute("INSERT INTO voting_round (workshop_id, workshop_number, method) VALUES (?, 3, 'grid')", [wid])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute("INSERT INTO voting_round (workshop_id, workshop_number, method, grid_axes) VALUES (?, 3, 'split', 'impact_effort')", [wid])


def test_grid_results_give_each_items_medians_spread_quadrant_and_voters(room):
    db, wid, _, iids, people = room
    rid = _grid(db, wid, iids[:2], results_hidden=False)
    a, b = _items(db, rid)
    placements = [((1, 5), (5, 1)), ((2, 4), (4, 2)), ((2, 5), (5, 2)), ((1, 4), "skip")]
    for token, (first, second) in zip(people, placements):
        voting.submit(db, token, rid, {a: list(first), b: second if second == "skip" else list(second)})
    rows = {r["item_id"]: r for r in vote_results.results(db, rid)}
    assert (rows[a]["x_median"], rows[a]["y_median"], rows[a]["votes"]) == (1.5, 4.5, 4)
    assert rows[a]["quadrant"] == "Quick wins" and rows[a]["verdict"] is None
    assert (rows[b]["quadrant"], rows[b]["votes"], rows[b]["skipped"]) == ("Thankless tasks", 3, 1)
    assert rows[b]["x_iqr"] == 0.5
    seen_by_bob = vote_results.participant_results(db, people[1], rid)
    assert seen_by_bob[0]["quadrant"] == "Quick wins"
    named = [(b["name"], b["label"], b["answer"]) for b in vote_results.named_ballots(db, rid)]
    assert ("Ann", "Migrate to the cloud", "Impact 5 · Effort 1") in named
    assert ("Dee", "Train the sales team", "Skipped") in named


def test_split_results_show_the_rooms_share_beside_the_planned_budget(room):
    db, wid, _, iids, people = room
    rid = _split(db, wid, iids)
    a, b, c, d = _items(db, rid)
    for token, points in zip(people, ({a: 10, b: 60, c: 30}, {b: 50, c: 50}, {a: 20, b: 40, d: 40})):
        voting.submit(db, token, rid, points)
    assert vote_results.participant_results(db, people[0], rid) is None  # hidden while open
    voting.close_round(db, rid)
    rows = {r["item_id"]: r for r in vote_results.results(db, rid)}
    assert rows[b]["share"] == 50.0 and rows[b]["points"] == 150 and rows[b]["votes"] == 3
    assert rows[b]["budget_share"] == 10.0 and rows[b]["gap"] == 40.0 and rows[b]["standing"] == 1
    assert rows[a]["share"] == 10.0 and rows[a]["budget_share"] == 40.0 and rows[a]["gap"] == -30.0
    assert rows[d]["budget"] is None and rows[d]["budget_share"] is None and rows[d]["share"] == 13.3
    assert sum(r["points"] for r in rows.values()) == 300
    assert "the room wants more" in vote_results.summary(rows[b], "split")


def test_an_anonymous_split_still_counts_its_voters_after_it_forgets_them(room):
    db, wid, _, iids, people = room
    rid = _split(db, wid, iids[:2], anonymity="anonymous", min_voters=3)
    a, b = _items(db, rid)
    for token in people[:3]:
        voting.submit(db, token, rid, {a: 25, b: 75})
    voting.close_round(db, rid)
    assert db.execute("SELECT count(*) FROM ballot WHERE round_id = ? AND participant_id IS NOT NULL", [rid]).fetchone()[0] == 0
    rows = vote_results.results(db, rid)
    assert [r["share"] for r in rows] == [25.0, 75.0] and rows[0]["ballots"] == 3
    assert vote_results.named_ballots(db, rid) == []
    assert not ledger.verify(db, wid)[0].problem


def test_a_split_or_grid_below_the_rooms_minimum_shows_no_share_median_or_quadrant(room):
    db, wid, _, iids, people = room
    split = _split(db, wid, iids[:2], anonymity="anonymous")  # at least 5 voters by default
    grid = _grid(db, wid, iids[:2], anonymity="facilitator_only")
    s, g = _items(db, split), _items(db, grid)
    for token in people[:2]:
        voting.submit(db, token, split, {s[0]: 10, s[1]: 90})
        voting.submit(db, token, grid, {g[0]: [1, 5], g[1]: [5, 1]})
    for rid in (split, grid):
        voting.close_round(db, rid)
    for row in vote_results.results(db, split):
        assert (row["share"], row["gap"], row["points"], row["standing"]) == (None, None, None, None)
        assert row["budget_share"] is not None  # the plan's figure is no one's vote
    for row in vote_results.results(db, grid):
        assert row["quadrant"] == "" and row["x_median"] is None and row["y_q3"] is None


def test_the_chain_holds_grid_and_split_ballots_and_names_one_edited_afterwards(room):
    db, wid, _, iids, (ann, bob, *_) = room
    grid, split = _grid(db, wid, iids[:2]), _split(db, wid, iids[:2])
    g, s = _items(db, grid), _items(db, split)
    voting.submit(db, ann, grid, {g[0]: [1, 5], g[1]: [2, 2]})
    voting.submit(db, bob, grid, {g[0]: [3, 3], g[1]: "skip"})
    voting.submit(db, ann, split, {s[0]: 30, s[1]: 70})
    voting.submit(db, ann, split, {s[0]: 45, s[1]: 55})
    for rid in (grid, split):
        voting.close_round(db, rid)
    assert all(check.problem is None for check in ledger.verify(db, wid))
    db.execute("DROP TRIGGER ballot_update_guard")  # someone who edits the file can drop it too
    db.execute("UPDATE ballot SET grid_y = 1 WHERE round_id = ? AND item_id = ? AND grid_y = 5", [grid, g[0]])
    db.execute("UPDATE ballot_event SET points = 90 WHERE round_id = ? AND points = 45", [split])
    problems = [c.problem for c in ledger.verify(db, wid) if c.problem]
    assert "differ from what the chain says" in problems[0].what
    assert "does not match its fingerprint" in problems[1].what


def test_a_revote_keeps_the_grids_axes(room):
    db, wid, oid, iids, (ann, *_) = room
    rid = _grid(db, wid, iids[:2], grid_axes="importance_urgency")
    voting.close_round(db, rid)
    again = vote_results.revote(db, rid, _items(db, rid))
    assert voting.get_round(db, again)["grid_axes"] == "importance_urgency"
    assert voting.get_round(db, again)["method"] == "grid"


def test_a_prioritising_round_suggests_what_to_record_and_never_holds_up_a_phase(room):
    db, wid, _, iids, people = room
    grid, split = _grid(db, wid, iids[:2]), _split(db, wid, iids[:3])
    g, s = _items(db, grid), _items(db, split)
    for token in people:
        voting.submit(db, token, grid, {g[0]: [1, 5], g[1]: [5, 1]})
        voting.submit(db, token, split, {s[0]: 20, s[1]: 60, s[2]: 20})
    for rid in (grid, split):
        voting.close_round(db, rid)
    pending = round_decisions.undecided(db, grid)
    assert [p["suggested"] for p in pending] == [None, None]
    assert pending[0]["advice"] == "Start first." and pending[1]["advice"] == "Consider stopping or rethinking."
    assert "Quick wins (impact 5, effort 1 of 5; 4 voters)" in pending[0]["evidence"]
    on_budget = {p["label"]: p["advice"] for p in round_decisions.undecided(db, split)}
    assert on_budget["Train the sales team"].startswith("Place 1; the room wants more: 50 points above")
    assert on_budget["Train the sales team"].endswith("review its budget with the sponsor.")
    assert round_decisions.waiting(db, wid) == [] and round_reads.sent_back(db, wid) == []
    assert round_decisions.decide_round(db, grid, {g[0]: {"outcome": "agreed", "rationale": "Quick win"}}) == 1


def test_grid_and_split_rounds_travel_in_the_json_export_and_come_back_whole(room):
    db, wid, _, iids, (ann, bob, *_) = room
    grid, split = _grid(db, wid, iids[:2], grid_axes="importance_urgency"), _split(db, wid, iids)
    g, s = _items(db, grid), _items(db, split)
    voting.submit(db, ann, grid, {g[0]: [2, 5], g[1]: "skip"})
    voting.submit(db, bob, split, {s[0]: 55, s[2]: 45})
    voting.submit(db, bob, split, {s[0]: 35, s[2]: 65})
    for rid in (grid, split):
        voting.close_round(db, rid)
    first = export.export_workshop(db, wid)
    assert {r["method"]: r["grid_axes"] for r in first["voting_round"]} == {"grid": "importance_urgency", "split": None}
    assert sorted(b["points"] for b in first["ballot"] if b["points"]) == [35, 65]
    copy = from_json.import_workshop(db, from_json.parse(export.dumps(first)))
    again = export.export_workshop(db, copy)
    assert {k: v for k, v in again.items() if k != "workshop"} == {k: v for k, v in first.items() if k != "workshop"}
    copied = {r["method"]: r["id"] for r in voting.rounds(db, copy)}
    assert [r["quadrant"] for r in vote_results.results(db, copied["grid"])] == ["Schedule", "No placements"]
    assert [r["share"] for r in vote_results.results(db, copied["split"])] == [35.0, 0.0, 65.0, 0.0]
    assert all(check.problem is None for check in ledger.verify(db, copy))


def test_a_timed_grid_refuses_a_placement_once_time_is_up_and_closes_itself(room):
    db, wid, _, iids, (ann, *_) = room
    rid = _grid(db, wid, iids[:2], timer_seconds=60)
    a, b = _items(db, rid)
    voting.submit(db, ann, rid, {a: [1, 5]})
    db.execute("UPDATE voting_round SET closes_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 seconds') WHERE id = ?", [rid])
    with pytest.raises(Invalid, match="Time is up"):
        voting.submit(db, ann, rid, {a: [2, 2], b: [3, 3]})
    voting.close_due_rounds(db, wid)
    assert voting.get_round(db, rid)["status"] == "closed"
    assert [r["votes"] for r in vote_results.results(db, rid)] == [1, 0]  # the ballot in time counts


def test_a_participants_result_cards_name_the_quadrant_and_the_budget_gap(room):
    db, wid, _, iids, people = room
    grid, split = _grid(db, wid, iids[:2]), _split(db, wid, iids[:3])
    g, s = _items(db, grid), _items(db, split)
    for token, (x, y) in zip(people, ((1, 5), (2, 4), (1, 4), (2, 5))):
        voting.submit(db, token, grid, {g[0]: [x, y], g[1]: "skip"})
        voting.submit(db, token, split, {s[0]: 10, s[1]: 80, s[2]: 10})
    for rid in (grid, split):
        voting.close_round(db, rid)
    cards = ballot_view.result_cards(vote_results.participant_results(db, people[0], grid), "grid", grid_axes="impact_effort")
    assert cards[0]["verdict"] == "Quick wins" and cards[0]["figures"][0] == ["Impact", "4.5 (middle half 4–5)"]
    assert cards[1]["verdict"] == "No placements" and ["Skipped", "4"] in cards[1]["figures"]
    cards = ballot_view.result_cards(vote_results.participant_results(db, people[0], split), "split")
    assert [c["title"] for c in cards][0] == "Train the sales team"  # by place
    assert ["Share of points", "80%"] in cards[0]["figures"] and ["Share of budget", "10%"] in cards[0]["figures"]
    assert cards[0]["note"] == "The room wants more: 70 points above its budget share."


def test_a_grid_revote_takes_the_items_the_room_is_divided_on_by_default(room):
    db, wid, _, iids, people = room
    rid = _grid(db, wid, iids[:2])
    a, b = _items(db, rid)
    for token, far in zip(people, ((1, 1), (5, 5), (1, 5), (5, 1))):
        voting.submit(db, token, rid, {a: [1, 5], b: list(far)})
    voting.close_round(db, rid)
    again = vote_results.revote(db, rid)
    assert [i["label"] for i in voting.round_items(db, again)] == ["Train the sales team"]


def test_a_second_grid_on_the_same_initiatives_with_other_axes_opens_beside_the_first(room):
    db, wid, _oid, iids, _people = room
    first = _grid(db, wid, iids, grid_axes="impact_effort")
    second = _grid(db, wid, iids, grid_axes="importance_urgency")
    stricter = _grid(db, wid, iids, grid_axes="impact_effort", min_voters=4)
    assert len({first, second, stricter}) == 3
    assert voting.get_round(db, second)["grid_axes"] == "importance_urgency"
    with pytest.raises(Exception, match="already open"):  # the same grid twice is still one round
        _grid(db, wid, iids, grid_axes="importance_urgency")
