"""A brainstorm: private cards, the reveal, merging under a lens with its audit trail (and un-merging),
suggested clusters that change nothing, the dot vote on the clusters, drafts with their provenance,
and the schema holding the rules when Python is bypassed or many threads write at once."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.db import store
from workshop.deliverables.exchange import export
from workshop.method import workshops
from workshop.room import brainstorm, joining, voting
from workshop.starters import from_json


@pytest.fixture
def room(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    code = joining.join_code(fresh_db, wid)
    people = {name: joining.join(fresh_db, code, name)["token"] for name in ("Ana", "Ben", "Cleo", "Dev")}
    return fresh_db, wid, people


def _written(db, wid, people):
    bid = brainstorm.open_brainstorm(db, wid, "What must we be great at by 2028?")
    brainstorm.write_card(db, people["Ana"], bid, "objective", "Reduce customer churn")
    brainstorm.write_card(db, people["Ben"], bid, "objective", "Reduce churn of customers")
    brainstorm.write_card(db, people["Cleo"], bid, "risk", "Key engineers leave")
    brainstorm.write_card(db, people["Dev"], bid, "question", "Who owns pricing?")
    return bid


def test_cards_stay_private_until_the_facilitator_reveals_them(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    assert brainstorm.board(db, wid, bid) == []
    assert brainstorm.tally(db, bid) == {"cards": 4, "writers": 4}
    assert [c["body"] for c in brainstorm.my_cards(db, people["Ana"], bid)] == ["Reduce customer churn"]
    brainstorm.reveal(db, wid, bid)
    clusters = brainstorm.board(db, wid, bid)
    assert sorted(c["title"] for c in clusters) == sorted(
        ["Reduce customer churn", "Reduce churn of customers", "Key engineers leave", "Who owns pricing?"]
    )
    assert all(len(c["cards"]) == 1 for c in clusters)


def test_an_anonymous_brainstorm_shows_no_name_and_a_named_one_does(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    brainstorm.reveal(db, wid, bid)
    assert all(card["name"] is None for c in brainstorm.board(db, wid, bid) for card in c["cards"])
    assert "Ana" not in repr(brainstorm.board(db, wid, bid))
    named = brainstorm.open_brainstorm(db, wid, "Risks?", named=True)
    brainstorm.write_card(db, people["Ana"], named, "risk", "Budget cut")
    brainstorm.reveal(db, wid, named)
    assert brainstorm.board(db, wid, named)[0]["cards"][0]["name"] == "Ana"


def test_whether_names_show_is_fixed_when_the_brainstorm_opens(room):
    db, wid, _ = room
    bid = brainstorm.open_brainstorm(db, wid, "Ideas?")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE brainstorm SET named = 1 WHERE id = ?", [bid])


def test_no_card_is_taken_after_the_reveal_not_even_by_the_database(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    brainstorm.reveal(db, wid, bid)
    with pytest.raises(Invalid, match="revealed"):
        brainstorm.write_card(db, people["Ana"], bid, "objective", "One more")
    ana = joining.participant_by_token(db, people["Ana"])["id"]
    with pytest.raises(sqlite3.IntegrityError, match="no longer collecting"):
        db.execute("INSERT INTO brainstorm_card (brainstorm_id, participant_id, kind, body) VALUES (?, ?, 'risk', 'late')", [bid, ana])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE brainstorm SET status = 'open', revealed_at = NULL WHERE id = ?", [bid])


def test_a_card_is_between_1_and_300_characters_and_of_a_known_kind(room):
    db, wid, people = room
    bid = brainstorm.open_brainstorm(db, wid, "Ideas?")
    with pytest.raises(Invalid, match="300"):
        brainstorm.write_card(db, people["Ana"], bid, "objective", "x" * 301)
    with pytest.raises(Invalid, match="empty"):
        brainstorm.write_card(db, people["Ana"], bid, "objective", "   ")
    with pytest.raises(Invalid):
        brainstorm.write_card(db, people["Ana"], bid, "wish", "More pay")
    assert brainstorm.write_card(db, people["Ana"], bid, "objective", "y" * 300)
    ana = joining.participant_by_token(db, people["Ana"])["id"]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO brainstorm_card (brainstorm_id, participant_id, kind, body) VALUES (?, ?, 'risk', ?)", [bid, ana, "z" * 301])


def test_hostile_text_is_stored_as_typed_and_stays_text(room):
    db, wid, people = room
    bid = brainstorm.open_brainstorm(db, wid, "Ideas?")
    payload = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1))"
    brainstorm.write_card(db, people["Ana"], bid, "initiative", payload)
    brainstorm.reveal(db, wid, bid)
    assert brainstorm.board(db, wid, bid)[0]["cards"][0]["body"] == payload


def test_the_same_card_sent_twice_is_stored_once(room):
    db, wid, people = room
    bid = brainstorm.open_brainstorm(db, wid, "Ideas?")
    first = brainstorm.write_card(db, people["Ana"], bid, "risk", "Budget cut")
    assert brainstorm.write_card(db, people["Ana"], bid, "risk", "Budget cut") == first
    assert brainstorm.tally(db, bid)["cards"] == 1


def test_a_person_removes_their_own_card_only_before_the_reveal(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    card = brainstorm.my_cards(db, people["Ana"], bid)[0]["id"]
    brainstorm.remove_card(db, people["Ben"], card)  # not Ben's: nothing happens
    assert brainstorm.tally(db, bid)["cards"] == 4
    brainstorm.remove_card(db, people["Ana"], card)
    assert brainstorm.tally(db, bid)["cards"] == 3
    other = brainstorm.my_cards(db, people["Ben"], bid)[0]["id"]
    brainstorm.reveal(db, wid, bid)
    with pytest.raises(Invalid):
        brainstorm.remove_card(db, people["Ben"], other)


def test_only_one_brainstorm_collects_at_a_time(room):
    db, wid, _ = room
    brainstorm.open_brainstorm(db, wid, "Ideas?")
    with pytest.raises(Duplicate, match="reveal it"):
        brainstorm.open_brainstorm(db, wid, "More ideas?")


def _ids_by_title(db, wid, bid):
    return {c["title"]: c["id"] for c in brainstorm.board(db, wid, bid)}


def test_merging_two_cards_under_a_lens_leaves_a_trail_naming_both(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    brainstorm.reveal(db, wid, bid)
    ids = _ids_by_title(db, wid, bid)
    merged = brainstorm.merge(db, wid, bid, [ids["Reduce customer churn"], ids["Reduce churn of customers"]], "outcome", title="Keep our customers")
    clusters = brainstorm.board(db, wid, bid)
    assert len(clusters) == 3
    top = clusters[0]
    assert top["id"] == merged and top["title"] == "Keep our customers" and top["lens"] == "outcome"
    assert sorted(c["body"] for c in top["cards"]) == ["Reduce churn of customers", "Reduce customer churn"]
    (step,) = brainstorm.trail(db, wid, bid)
    assert step["action"] == "merged" and step["lens"] == "outcome"
    assert {c["body"]: c["moved"] for c in step["cards"]} == {"Reduce customer churn": False, "Reduce churn of customers": True}


def test_unmerging_takes_a_card_back_out_and_is_on_the_trail_too(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    brainstorm.reveal(db, wid, bid)
    ids = _ids_by_title(db, wid, bid)
    merged = brainstorm.merge(db, wid, bid, [ids["Reduce customer churn"], ids["Reduce churn of customers"]], "outcome")
    moved = next(c["id"] for c in brainstorm.board(db, wid, bid)[0]["cards"] if c["body"] == "Reduce churn of customers")
    brainstorm.unmerge(db, wid, bid, moved)
    clusters = brainstorm.board(db, wid, bid)
    assert len(clusters) == 4 and all(len(c["cards"]) == 1 for c in clusters)
    assert next(c for c in clusters if c["id"] == merged)["lens"] is None
    steps = brainstorm.trail(db, wid, bid)
    assert [s["action"] for s in steps] == ["merged", "unmerged"]
    assert steps[1]["cards"] == [{"body": "Reduce churn of customers", "moved": True}]
    with pytest.raises(Invalid, match="on its own"):
        brainstorm.unmerge(db, wid, bid, moved)


def test_merging_needs_a_lens_two_clusters_and_a_revealed_brainstorm(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    with pytest.raises(Invalid, match="Reveal"):
        brainstorm.merge(db, wid, bid, [1, 2], "outcome")
    brainstorm.reveal(db, wid, bid)
    ids = list(_ids_by_title(db, wid, bid).values())
    with pytest.raises(Invalid):
        brainstorm.merge(db, wid, bid, ids[:2], "vibes")
    with pytest.raises(Invalid, match="two"):
        brainstorm.merge(db, wid, bid, ids[:1], "cause")
    with pytest.raises(NotFound):
        brainstorm.merge(db, wid, bid, [ids[0], 99999], "cause")


def test_suggestions_pair_cards_that_read_alike_and_change_nothing(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    brainstorm.reveal(db, wid, bid)
    before = brainstorm.board(db, wid, bid)
    found = brainstorm.suggestions(db, wid, bid)
    assert found and sorted(found[0]["titles"]) == ["Reduce churn of customers", "Reduce customer churn"]
    assert {"churn", "customer", "reduce"} <= set(found[0]["shared"])
    assert all("Key engineers leave" not in s["titles"] for s in found)
    assert brainstorm.board(db, wid, bid) == before and brainstorm.trail(db, wid, bid) == []


def test_similarity_reads_lemmas_not_just_letters():
    assert brainstorm.similarity("Reducing costs", "reduce the cost") == 1.0
    assert brainstorm.similarity("Hire more engineers", "Open a shop in Lyon") < 0.3


def test_the_clusters_go_to_a_dot_vote_and_the_winner_becomes_a_draft_with_its_cards(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    brainstorm.reveal(db, wid, bid)
    ids = _ids_by_title(db, wid, bid)
    merged = brainstorm.merge(db, wid, bid, [ids["Reduce customer churn"], ids["Reduce churn of customers"]], "outcome", title="Keep our customers")
    round_id = brainstorm.send_to_vote(db, wid, bid, dots_total=2, dots_per_item=1)
    items = voting.round_items(db, round_id)
    assert [i["kind"] for i in items] == ["cluster"] * 3 and {i["label"] for i in items} >= {"Keep our customers"}
    item_of = {i["cluster_id"]: i["id"] for i in items}
    for token in people.values():
        voting.add_dot(db, token, round_id, item_of[merged])
    voting.add_dot(db, people["Ana"], round_id, item_of[ids["Key engineers leave"]])
    voting.close_round(db, round_id)
    dots = brainstorm.dots(db, round_id)
    assert dots[merged] == 4 and max(dots, key=lambda c: dots[c]) == merged
    with pytest.raises(Invalid, match="vote"):
        brainstorm.merge(db, wid, bid, [ids["Key engineers leave"], ids["Who owns pricing?"]], "cause")
    customer = next(p["id"] for p in workshops.perspectives(db, wid) if p["key"] == "customer")
    objective_id = brainstorm.to_draft(db, wid, bid, merged, customer)
    row = store.one(db, "SELECT title, status, perspective_id FROM objective WHERE id = ?", [objective_id])
    assert row == {"title": "Keep our customers", "status": "draft", "perspective_id": customer}
    origin = brainstorm.provenance(db, objective_id)
    assert origin["lens"] == "outcome" and origin["prompt"] == "What must we be great at by 2028?"
    assert [c["body"] for c in origin["cards"]] == ["Reduce customer churn", "Reduce churn of customers"]
    with pytest.raises(Duplicate):
        brainstorm.to_draft(db, wid, bid, merged, customer)


def test_a_cluster_goes_straight_into_a_draft_without_a_vote(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    brainstorm.reveal(db, wid, bid)
    ids = _ids_by_title(db, wid, bid)
    finance = workshops.perspectives(db, wid)[0]["id"]
    objective_id = brainstorm.to_draft(db, wid, bid, ids["Key engineers leave"], finance, title="Keep key engineers")
    assert brainstorm.provenance(db, objective_id)["cards"] == [{"kind": "risk", "body": "Key engineers leave"}]
    drafted = next(c for c in brainstorm.board(db, wid, bid) if c["id"] == ids["Key engineers leave"])
    assert drafted["objective"] == "Keep key engineers"
    with pytest.raises(Invalid, match="draft objective"):
        brainstorm.merge(db, wid, bid, [ids["Key engineers leave"], ids["Who owns pricing?"]], "cause")


def test_a_vote_needs_two_clusters(room):
    db, wid, people = room
    bid = brainstorm.open_brainstorm(db, wid, "Ideas?")
    brainstorm.write_card(db, people["Ana"], bid, "objective", "Only one")
    brainstorm.reveal(db, wid, bid)
    with pytest.raises(Invalid, match="two clusters"):
        brainstorm.send_to_vote(db, wid, bid)


def test_a_card_from_another_workshop_is_refused_by_the_schema(room):
    db, wid, people = room
    bid = brainstorm.open_brainstorm(db, wid, "Ideas?")
    other = workshops.create_workshop(db, "Other", "Unit")
    stranger = joining.join(db, joining.join_code(db, other), "Zoe")
    with pytest.raises(NotFound):
        brainstorm.write_card(db, stranger["token"], bid, "risk", "Sneaky")
    with pytest.raises(sqlite3.IntegrityError, match="not in this workshop"):
        db.execute("INSERT INTO brainstorm_card (brainstorm_id, participant_id, kind, body) VALUES (?, ?, 'risk', 'x')", [bid, stranger["id"]])


def test_many_threads_writing_cards_at_once_store_each_card_once(db_path):
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    code = joining.join_code(db, wid)
    tokens = [joining.join(db, code, f"Person {n}")["token"] for n in range(30)]
    bid = brainstorm.open_brainstorm(db, wid, "Ideas?")
    db.close()
    tabs = 2  # each person sends their three cards from two tabs at once
    start = threading.Barrier(len(tokens) * tabs)
    crashes: list[BaseException] = []

    def tab(n: int, token: str) -> None:
        conn = store.connect(db_path)  # a connection per thread, as a Streamlit session has
        start.wait()
        try:
            for k in range(3):
                brainstorm.write_card(conn, token, bid, "objective", f"Idea {k} of person {n}")
        except BaseException as error:
            crashes.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=tab, args=(n, t)) for n, t in enumerate(tokens) for _ in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert crashes == []
    db = store.connect(db_path)
    bodies = [r["body"] for r in store.rows(db, "SELECT body FROM brainstorm_card WHERE brainstorm_id = ?", [bid])]
    assert len(bodies) == 90 and len(set(bodies)) == 90


def test_a_workshop_file_with_a_vote_on_clusters_is_refused_in_words_not_linked_to_another_cluster(room):
    db, wid, people = room
    bid = _written(db, wid, people)
    brainstorm.reveal(db, wid, bid)
    brainstorm.send_to_vote(db, wid, bid)
    document = export.export_workshop(db, wid)
    with pytest.raises(Invalid, match="brainstorm clusters"):
        from_json.import_workshop(db, document)
    assert store.count(db, "SELECT count(*) FROM workshop") == 1  # all or nothing
