"""Joining, the facilitator's passphrase, removing people, comments and proposals."""

import pytest

from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.db import scorecard
from workshop.method import objectives, workshops
from workshop.room import access, discussion, joining, voting


@pytest.fixture
def room(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    code = joining.join_code(fresh_db, wid)
    return fresh_db, wid, code


def test_passphrase_is_stored_hashed_and_checked(room):
    db, wid, _ = room
    access.set_passphrase(db, wid, "correct horse battery")
    stored = scorecard.load(db, wid).workshop["passphrase_hash"]
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    access.unlock(db, wid, "correct horse battery")
    with pytest.raises(Invalid, match="not the facilitator"):
        access.unlock(db, wid, "wrong horse battery")


def test_guessing_the_passphrase_is_slowed_after_five_wrong_tries_a_minute_from_that_device(room):
    db, wid, _ = room
    access.set_passphrase(db, wid, "correct horse battery")
    guesser, facilitator = "192.0.2.50", "192.0.2.7"
    for n in range(access.UNLOCK_TRIES):
        with pytest.raises(Invalid, match="not the facilitator"):
            access.unlock(db, wid, f"guess {n}", guesser)
    with pytest.raises(Invalid, match="Too many wrong passphrases from this device"):
        access.unlock(db, wid, "correct horse battery", guesser)  # even the right one waits there
    access.unlock(db, wid, "correct horse battery", facilitator)  # another device is not locked out
    access.unlock(db, wid, "correct horse battery")  # nor the laptop running the app
    other = workshops.create_workshop(
        db,
        "Other",
        "Unit",
    )
    access.set_passphrase(db, other, "another passphrase")
    access.unlock(db, other, "another passphrase", guesser)  # other workshops are not affected
    db.execute("UPDATE unlock_failure SET at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-61 seconds')")
    access.unlock(db, wid, "correct horse battery", guesser)  # a minute later it opens


def test_the_laptop_is_never_throttled_and_its_wrong_tries_are_not_counted(room):
    db, wid, _ = room
    access.set_passphrase(db, wid, "correct horse battery")
    for n in range(access.UNLOCK_TRIES * 3):
        with pytest.raises(Invalid, match="not the facilitator"):
            access.unlock(db, wid, f"typo {n}")
    access.unlock(db, wid, "correct horse battery")
    assert db["unlock_failure"].count == 0


def test_a_facilitator_pass_opens_its_workshop_until_it_expires_or_the_passphrase_changes(room):
    db, wid, _ = room
    access.set_passphrase(db, wid, "correct horse battery")
    token = access.facilitator_pass(db, wid)
    assert access.pass_opens(db, wid, token)
    assert not access.pass_opens(db, wid + 1, token), "one workshop's pass opens no other"
    other = workshops.create_workshop(db, "Other", "Unit")
    access.set_passphrase(db, other, "correct horse battery")
    assert not access.pass_opens(db, other, token.replace(f"{wid}.", f"{other}.", 1))
    wid_, expires, signature = token.split(".")
    assert not access.pass_opens(db, wid, f"{wid_}.{int(expires) + 3600}.{signature}"), "expiry is signed"
    assert not access.pass_opens(db, wid, f"{wid_}.{expires}.{'0' * 64}")
    for junk in ("", None, "x", "1.2", "a.b.c", "1.2.3.4"):
        assert not access.pass_opens(db, wid, junk)
    assert not access.pass_opens(db, wid, token, now=int(expires) + 1), "an old pass has expired"
    access.set_passphrase(db, wid, "a new passphrase", current="correct horse battery")
    assert not access.pass_opens(db, wid, token), "a new passphrase revokes the old passes"


def test_changing_the_passphrase_needs_the_current_one(room):
    db, wid, _ = room
    access.set_passphrase(db, wid, "first passphrase")
    with pytest.raises(Invalid, match="current passphrase"):
        access.set_passphrase(db, wid, "second passphrase")
    access.set_passphrase(db, wid, "second passphrase", current="first passphrase")
    access.unlock(db, wid, "second passphrase")


def test_a_short_passphrase_is_refused(room):
    db, wid, _ = room
    with pytest.raises(Invalid, match="at least 8"):
        access.set_passphrase(db, wid, "short")


def test_a_malformed_hash_never_unlocks():
    assert not access.check_passphrase("plain-text", "plain-text")
    assert not access.check_passphrase(None, "")


def test_join_code_is_stable_and_readable_aloud(room):
    db, wid, code = room
    assert joining.join_code(db, wid) == code
    assert len(code) == 6 and not set(code) & set("01OIL")


def test_joining_by_code_and_name_gives_a_token_that_identifies_the_participant(room):
    db, wid, code = room
    ann = joining.join(db, code.lower(), "  Ann Lee ")
    assert ann["name"] == "Ann Lee" and ann["workshop_id"] == wid
    assert joining.participant_by_token(db, ann["token"])["id"] == ann["id"]


def test_a_wrong_code_is_refused_with_a_message(room):
    db, _, _ = room
    with pytest.raises(NotFound, match="No workshop has that code"):
        joining.join(db, "ZZZZZZ", "Ann")


def test_rejoining_under_a_taken_name_needs_the_personal_rejoin_key(room):
    db, _, code = room
    ann = joining.join(db, code, "Ann")
    with pytest.raises(Duplicate, match="rejoin key"):
        joining.join(db, code, "ann")
    with pytest.raises(Invalid, match="not right"):
        joining.join(db, code, "Ann", rejoin_key="AAAAAA")
    again = joining.join(db, code, "ANN", rejoin_key=ann["rejoin_key"].lower())
    assert again["id"] == ann["id"] and again["token"] == ann["token"]


def test_a_removed_participant_can_neither_use_their_link_nor_rejoin(room):
    db, wid, code = room
    bob = joining.join(db, code, "Bob")
    joining.remove_participant(db, bob["id"])
    with pytest.raises(Invalid, match="removed"):
        joining.participant_by_token(db, bob["token"])
    with pytest.raises(Invalid, match="removed"):
        joining.join(db, code, "Bob", rejoin_key=bob["rejoin_key"])
    listed = joining.participants(db, wid)
    assert listed[0]["removed_at"] and "token" not in listed[0]


def test_an_unknown_token_is_refused(room):
    db, _, _ = room
    with pytest.raises(NotFound, match="not known"):
        joining.participant_by_token(db, "forged")


def test_removing_someone_withdraws_their_ballots_in_open_rounds_only(room):
    db, wid, code = room
    persp = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow revenue", persp)
    bob = joining.join(db, code, "Bob")
    closed = voting.open_round(db, wid, [("objective", oid)], method="rating")
    voting.rate(db, bob["token"], closed, voting.round_items(db, closed)[0]["id"], 4)
    voting.close_round(db, closed)
    still_open = voting.open_round(db, wid, [("objective", oid)], method="rating")
    voting.rate(db, bob["token"], still_open, voting.round_items(db, still_open)[0]["id"], 2)
    joining.remove_participant(db, bob["id"])
    assert db.execute("SELECT count(*) FROM ballot WHERE round_id = ?", [closed]).fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM ballot WHERE round_id = ?", [still_open]).fetchone()[0] == 0
    assert voting.history(db, still_open)[-1]["action"] == "removed"


def test_comments_have_replies_one_level_deep_and_can_be_marked_addressed(room):
    db, wid, code = room
    persp = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow revenue", persp)
    ann = joining.join(db, code, "Ann")
    top = discussion.add_comment(db, wid, "Ann", "Too vague?", objective_id=oid, participant_id=ann["id"])
    reply = discussion.add_comment(db, wid, "Facilitator", "Agreed, let's add a target.", parent_id=top)
    deeper = discussion.add_comment(db, wid, "Ann", "Thanks", parent_id=reply)
    discussion.mark_addressed(db, top)
    threads = discussion.comments(db, wid, objective_id=oid)
    assert len(threads) == 1 and threads[0]["addressed"] == 1
    assert [r["id"] for r in threads[0]["replies"]] == [reply, deeper]


def test_the_schema_refuses_a_reply_to_a_reply(room):
    db, wid, _ = room
    persp = workshops.perspectives(db, wid)[0]["id"]
    oid = objectives.add_objective(db, wid, "Grow revenue", persp)
    top = discussion.add_comment(db, wid, "A", "x", objective_id=oid)
    reply = discussion.add_comment(db, wid, "B", "y", parent_id=top)
    with pytest.raises(Exception, match="one level"):
        db.execute("INSERT INTO comment (workshop_id, objective_id, parent_id, author, body) VALUES (?, ?, ?, 'C', 'z')", [wid, oid, reply])


def test_a_comment_on_another_workshops_objective_is_refused(room):
    db, wid, _ = room
    other = workshops.create_workshop(db, "Other", "Unit")
    oid = objectives.add_objective(db, other, "Theirs", workshops.perspectives(db, other)[0]["id"])
    with pytest.raises(NotFound):
        discussion.add_comment(db, wid, "Ann", "hello", objective_id=oid)


def test_an_empty_comment_is_refused(room):
    db, wid, _ = room
    oid = objectives.add_objective(db, wid, "Grow", workshops.perspectives(db, wid)[0]["id"])
    with pytest.raises(Invalid, match="empty"):
        discussion.add_comment(db, wid, "Ann", "   ", objective_id=oid)


def test_a_proposal_lands_as_a_draft_with_the_proposer_as_provenance(room):
    db, wid, code = room
    ann = joining.join(db, code, "Ann")
    persp = workshops.perspectives(db, wid)[1]["id"]
    oid = discussion.propose_objective(db, ann, "Delight customers", persp, "NPS up")
    row = objectives.get_objective(db, oid)
    assert (row["status"], row["proposed_by"], row["proposed_by_participant_id"]) == ("draft", "Ann", ann["id"])


def test_the_laptop_knows_its_own_addresses():
    own = access.own_addresses()
    assert {"127.0.0.1", access.room_address()} <= own
    assert "203.0.113.9" not in own  # a documentation address: never this machine


def test_a_browser_on_the_laptop_is_recognised_however_the_server_writes_its_address():
    own = {"127.0.0.1", "::1", "192.0.2.2"}
    assert access.is_own_address("192.0.2.2", own)
    assert access.is_own_address("::ffff:192.0.2.2", own)  # what a dual-stack server reports
    assert access.is_own_address("::ffff:127.0.0.1", own)
    assert not access.is_own_address("192.0.2.77", own)  # another laptop in the room
    assert not access.is_own_address("::ffff:192.0.2.77", own)
    assert not access.is_own_address("not an address", own)
