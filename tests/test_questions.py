"""Questions from the room: asking (anonymously or by name, as the workshop allows), upvoting (one
per person, never one's own), the ranking, the facilitator's answered / hidden / projector, and the
schema holding the rules when Python is bypassed or many threads upvote at once."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from workshop.core.errors import Invalid, NotFound, WorkshopError
from workshop.db import store
from workshop.method import workshops
from workshop.room import joining, questions


@pytest.fixture
def room(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    code = joining.join_code(fresh_db, wid)
    people = {name: joining.join(fresh_db, code, name)["token"] for name in ("Ana", "Ben", "Cleo", "Dev")}
    return fresh_db, wid, people


def test_an_anonymous_question_carries_no_name_in_any_read(room):
    db, wid, people = room
    qid = questions.ask(db, people["Ana"], "Why are we cutting the training budget?")
    for rows in (questions.for_participant(db, people["Ben"]), questions.ranked(db, wid, hidden=True)):
        (row,) = rows
        assert row["id"] == qid and row["name"] is None and "participant_id" not in row
        assert "Ana" not in repr(row)
    questions.show_on_screen(db, wid, qid)
    assert "Ana" not in repr(questions.on_screen(db, wid))


def test_a_named_question_shows_its_askers_name_when_the_room_may_choose(room):
    db, wid, people = room
    questions.ask(db, people["Ana"], "Who owns the churn measure?", anonymous=False)
    assert questions.ranked(db, wid)[0]["name"] == "Ana"


@pytest.mark.parametrize("rule, asked_anonymously, stored_anonymous", [("anonymous", False, 1), ("named", True, 0), ("choice", True, 1)])
def test_the_facilitators_rule_decides_whether_a_name_is_kept(room, rule, asked_anonymously, stored_anonymous):
    db, wid, people = room
    questions.set_name_rule(db, wid, rule)
    qid = questions.ask(db, people["Ana"], "A question", anonymous=asked_anonymously)
    assert store.get(db, "question", qid)["anonymous"] == stored_anonymous


def test_no_new_questions_while_the_facilitator_has_closed_them(room):
    db, wid, people = room
    questions.set_name_rule(db, wid, "off")
    with pytest.raises(Invalid, match="not taking questions"):
        questions.ask(db, people["Ana"], "Anyone?")
    with pytest.raises(Invalid):
        questions.set_name_rule(db, wid, "sometimes")


@pytest.mark.parametrize(
    "body, message", [("   ", "is empty"), ("\u200b", "nothing visible"), ("x" * 501, "at most 500 characters"), ("a\x00b", "control")]
)
def test_an_empty_or_overlong_question_is_refused_in_words(room, body, message):
    db, wid, people = room
    with pytest.raises(Invalid, match=message):
        questions.ask(db, people["Ana"], body)
    assert questions.ranked(db, wid, hidden=True) == []


def test_upvotes_rank_the_questions_and_the_newest_breaks_a_tie(room):
    db, wid, people = room
    old = questions.ask(db, people["Ana"], "Old")
    new = questions.ask(db, people["Ben"], "New")
    top = questions.ask(db, people["Cleo"], "Top")
    questions.upvote(db, people["Ana"], top)
    questions.upvote(db, people["Dev"], top)
    assert [(r["body"], r["upvotes"]) for r in questions.ranked(db, wid)] == [("Top", 2), ("New", 0), ("Old", 0)]
    questions.upvote(db, people["Dev"], old)
    assert [r["id"] for r in questions.ranked(db, wid)] == [top, old, new]


def test_one_upvote_per_person_and_never_on_ones_own_question(room):
    db, wid, people = room
    qid = questions.ask(db, people["Ana"], "Mine")
    questions.upvote(db, people["Ben"], qid)
    questions.upvote(db, people["Ben"], qid)  # a second tap changes nothing
    assert questions.ranked(db, wid)[0]["upvotes"] == 1
    with pytest.raises(Invalid, match="your own question"):
        questions.upvote(db, people["Ana"], qid)
    seen = {r["id"]: r for r in questions.for_participant(db, people["Ben"])}
    assert seen[qid]["upvoted"] and not seen[qid]["mine"]
    assert questions.for_participant(db, people["Ana"])[0]["mine"]
    questions.withdraw_upvote(db, people["Ben"], qid)
    assert questions.ranked(db, wid)[0]["upvotes"] == 0


def test_a_hidden_question_leaves_the_room_and_the_projector_and_takes_no_upvotes(room):
    db, wid, people = room
    qid = questions.ask(db, people["Ana"], "Something abusive")
    questions.show_on_screen(db, wid, qid)
    questions.hide(db, wid, qid)
    assert questions.for_participant(db, people["Ben"]) == [] and questions.on_screen(db, wid) is None
    assert questions.ranked(db, wid, hidden=True)[0]["status"] == "hidden"
    with pytest.raises(NotFound):
        questions.upvote(db, people["Ben"], qid)
    with pytest.raises(Invalid, match="hidden question"):
        questions.show_on_screen(db, wid, qid)
    questions.hide(db, wid, qid, hidden=False)
    assert questions.for_participant(db, people["Ben"])[0]["status"] == "open"


def test_answered_questions_stay_visible_and_one_question_at_a_time_is_on_screen(room):
    db, wid, people = room
    first = questions.ask(db, people["Ana"], "First")
    second = questions.ask(db, people["Ben"], "Second")
    questions.upvote(db, people["Cleo"], first)
    questions.mark_answered(db, wid, first)
    assert questions.for_participant(db, people["Dev"])[0]["status"] == "answered"
    before = questions.fingerprint(db, wid)
    questions.show_on_screen(db, wid, first)
    questions.show_on_screen(db, wid, second)
    shown = questions.on_screen(db, wid)
    assert (shown["id"], shown["place"], shown["of"]) == (second, 2, 2)
    assert questions.fingerprint(db, wid) != before
    questions.show_on_screen(db, wid, None)
    assert questions.on_screen(db, wid) is None


def test_a_question_of_another_workshop_is_not_found(room):
    db, wid, people = room
    other = workshops.create_workshop(db, "Atlas", "Other")
    stranger = joining.join(db, joining.join_code(db, other), "Eve")["token"]
    qid = questions.ask(db, people["Ana"], "Ours")
    for act in (
        lambda: questions.upvote(db, stranger, qid),
        lambda: questions.mark_answered(db, other, qid),
        lambda: questions.upvote(db, stranger, "1e30"),
    ):
        with pytest.raises(NotFound):
            act()


def test_the_schema_refuses_what_python_would_refuse(room):
    db, wid, people = room
    ana = joining.participant_by_token(db, people["Ana"])["id"]
    ben = joining.participant_by_token(db, people["Ben"])["id"]
    qid = questions.ask(db, people["Ana"], "Mine")
    other = questions.ask(db, people["Ben"], "Yours")
    for sql, params in [
        ("INSERT INTO question_upvote (question_id, participant_id) VALUES (?, ?)", [qid, ana]),  # one's own
        ("INSERT INTO question (workshop_id, participant_id, body) VALUES (?, ?, ' ')", [wid, ana]),
        ("UPDATE question SET status = 'maybe' WHERE id = ?", [qid]),
        ("UPDATE question SET on_screen = 1 WHERE id IN (?, ?)", [qid, other]),  # two on screen at once
        ("INSERT INTO question_upvote (question_id, participant_id) VALUES (?, 9999)", [qid]),
    ]:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql, params)
    db.execute("INSERT INTO question_upvote (question_id, participant_id) VALUES (?, ?)", [qid, ben])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO question_upvote (question_id, participant_id) VALUES (?, ?)", [qid, ben])


def test_many_threads_upvoting_at_once_never_count_one_person_twice(db_path):
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    code = joining.join_code(db, wid)
    tokens = [joining.join(db, code, f"Person {n}")["token"] for n in range(40)]
    asked = [questions.ask(db, tokens[n], f"Question {n}") for n in range(3)]
    db.close()
    taps = 3  # each person taps each question three times, from three tabs at once
    start = threading.Barrier(len(tokens) * taps)
    crashes: list[BaseException] = []

    def tab(token: str) -> None:
        conn = store.connect(db_path)  # a connection per thread, as a Streamlit session has
        start.wait()
        try:
            for qid in asked:
                try:
                    questions.upvote(conn, token, qid)
                except WorkshopError:
                    pass  # one's own question: refused
        except BaseException as error:
            crashes.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=tab, args=(token,)) for token in tokens for _ in range(taps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not crashes, crashes[:3]
    db = store.connect(db_path)
    counts = {r["body"]: r["upvotes"] for r in questions.ranked(db, wid)}
    assert counts == {"Question 0": 39, "Question 1": 39, "Question 2": 39}  # everyone but the asker, once
    assert store.count(db, "SELECT count(*) FROM question_upvote") == 3 * 39
    db.close()
