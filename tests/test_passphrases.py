"""The facilitator's passphrase against a determined guesser: one guessing budget per secret (per
device and for the workshop as a whole, the laptop running the app never counted), a lower unit
that shares its parent's passphrase instead of keeping a copy, a change that ends the sessions
opened with the old one, and the change form's "current passphrase" throttled like the unlock."""

from __future__ import annotations

import pytest
from helpers import PASSPHRASE, demo_into
from streamlit.testing.v1 import AppTest
from test_live_pages import ROOT

from ui import nav
from workshop.core.errors import Invalid
from workshop.db import store
from workshop.db.migrations.m0020_shared_passphrase import m0020_shared_passphrase
from workshop.method import cascade, workshops
from workshop.room import access

RIGHT = "correct horse battery"


@pytest.fixture
def locked(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    access.set_passphrase(fresh_db, wid, RIGHT)
    return fresh_db, wid


def test_many_addresses_share_one_budget_for_the_workshop_and_the_laptop_still_opens_it(locked):
    db, wid = locked
    addresses = [f"192.0.2.{n}" for n in range(1, 20)]  # one device, 19 source addresses
    wrong = 0
    for address in addresses:
        for n in range(2):
            try:
                access.unlock(db, wid, f"guess {address} {n}", address)
            except Invalid as refusal:
                wrong += "not the facilitator" in str(refusal)
    assert wrong == access.WORKSHOP_TRIES  # not 19 × 5 = 95 a minute: the rest were not even tried
    with pytest.raises(Invalid, match="Too many wrong passphrases for this workshop"):
        access.unlock(db, wid, RIGHT, "198.51.100.4")  # a fresh address waits out the minute too
    access.unlock(db, wid, RIGHT)  # the laptop running the app is never locked out
    db.execute("UPDATE unlock_failure SET at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-61 seconds')")
    access.unlock(db, wid, RIGHT, "198.51.100.4")  # a minute later it opens


def test_the_current_passphrase_of_the_change_form_is_throttled_like_the_unlock(locked):
    db, wid = locked
    for n in range(access.UNLOCK_TRIES):
        with pytest.raises(Invalid, match="current passphrase is not right"):
            access.set_passphrase(db, wid, "a brand new passphrase", current=f"guess {n}", source="192.0.2.9")
    with pytest.raises(Invalid, match="Too many wrong passphrases from this device"):
        access.set_passphrase(db, wid, "a brand new passphrase", current=RIGHT, source="192.0.2.9")
    with pytest.raises(Invalid, match="Too many wrong passphrases from this device"):
        access.unlock(db, wid, RIGHT, "192.0.2.9")  # one budget for one secret, whichever field
    access.unlock(db, wid, RIGHT)
    access.set_passphrase(db, wid, "a brand new passphrase", current=RIGHT)  # on the laptop: never throttled


@pytest.fixture
def family(fresh_db):
    pid = demo_into(fresh_db, units=False)
    access.set_passphrase(fresh_db, pid, RIGHT)
    return fresh_db, pid, cascade.start_cascade(fresh_db, pid, "Service Desk")


def test_a_lower_unit_shares_its_parents_passphrase_and_keeps_no_copy_of_it(family):
    db, pid, child = family
    assert store.get(db, "workshop", child, "workshop")["passphrase_hash"] is None
    assert access.has_passphrase(db, child)
    access.unlock(db, child, RIGHT, "192.0.2.9")
    access.set_passphrase(db, pid, "the parent's new passphrase", current=RIGHT)
    with pytest.raises(Invalid, match="not the facilitator"):
        access.unlock(db, child, RIGHT, "192.0.2.9")  # the old one no longer opens the child
    access.unlock(db, child, "the parent's new passphrase", "192.0.2.9")


def test_guesses_at_a_lower_unit_spend_its_parents_budget(family):
    db, pid, child = family
    for n in range(access.UNLOCK_TRIES):
        with pytest.raises(Invalid, match="not the facilitator"):
            access.unlock(db, child, f"guess {n}", "192.0.2.9")
    with pytest.raises(Invalid, match="Too many wrong passphrases"):
        access.unlock(db, pid, RIGHT, "192.0.2.9")


def test_a_lower_unit_given_its_own_passphrase_keeps_it_when_the_parent_changes(family):
    db, pid, child = family
    access.set_passphrase(db, child, "the desk's own passphrase", current=RIGHT)
    access.set_passphrase(db, pid, "the parent's new passphrase", current=RIGHT)
    access.unlock(db, child, "the desk's own passphrase")
    with pytest.raises(Invalid, match="not the facilitator"):
        access.unlock(db, child, "the parent's new passphrase")


def test_the_migration_drops_the_copies_lower_units_kept_of_their_parents_passphrase(fresh_db):
    db = fresh_db
    pid = workshops.create_workshop(db, "Atlas", "Cloud")
    access.set_passphrase(db, pid, RIGHT)
    copied = workshops.create_workshop(db, "Atlas", "Desk")
    own = workshops.create_workshop(db, "Atlas", "Field")
    parent_hash = store.get(db, "workshop", pid, "workshop")["passphrase_hash"]
    db.execute("UPDATE workshop SET parent_id = ?, passphrase_hash = ? WHERE id = ?", [pid, parent_hash, copied])  # as cascade did
    db.execute("UPDATE workshop SET parent_id = ?, passphrase_hash = ? WHERE id = ?", [pid, access.hash_passphrase("field's own one"), own])
    m0020_shared_passphrase(db)
    assert store.get(db, "workshop", copied, "workshop")["passphrase_hash"] is None
    access.unlock(db, copied, RIGHT)
    access.unlock(db, own, "field's own one")


def _page(wid: int, spec=nav.ARCHITECTURE, *, unlocked: bool = False) -> AppTest:
    """A facilitator's page of the workshop, in a session of its own (unlocked: as if typed in)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    if unlocked:
        at.session_state["unlocked"] = {wid}
    at.run().switch_page(spec.script).run()
    return at


def _locked(at: AppTest) -> bool:
    return any("Facilitator passphrase" in str(t.value) for t in at.title)


def test_changing_the_passphrase_ends_the_sessions_opened_with_the_old_one(live_room):
    db, wid = live_room.db, live_room.workshop_id
    other = _page(wid)
    assert _locked(other)
    other.text_input(key="unlock-passphrase").input(PASSPHRASE)
    other.button[0].click().run()
    assert not _locked(other.run()), "typed in: the session is open"
    access.set_passphrase(db, wid, "a brand new passphrase", current=PASSPHRASE)  # changed from the laptop
    assert _locked(other.run()), "a session opened with the old passphrase is closed"


def test_the_session_that_changes_the_passphrase_stays_open(live_room):
    db, wid = live_room.db, live_room.workshop_id
    at = _page(wid, nav.JOIN_SCREEN, unlocked=True)
    bystander = _page(wid, unlocked=True)
    at.text_input(key="pass-current").input(PASSPHRASE)
    at.text_input(key="pass-change").input("a brand new passphrase")
    next(b for b in at.button if b.label == "Change passphrase").click().run()
    assert not at.exception and not at.error
    access.unlock(db, wid, "a brand new passphrase")  # changed
    assert not _locked(at.run()), "the facilitator who changed it is not sent to the lock"
    assert _locked(bystander.run()), "another session opened before the change is"


def test_a_pass_opens_only_on_the_device_it_was_issued_to(locked):
    """The pass cookie cannot be HttpOnly (a Streamlit script sets no header); a pass a script
    carried off still opens nothing from another device, nor one made for the laptop elsewhere."""
    db, wid = locked
    phone = access.facilitator_pass(db, wid, device="192.0.2.9")
    assert access.pass_opens(db, wid, phone, device="192.0.2.9")
    assert not access.pass_opens(db, wid, phone, device="192.0.2.10")
    assert not access.pass_opens(db, wid, phone)  # nor on the laptop: it types the passphrase there
    laptop = access.facilitator_pass(db, wid)
    assert access.pass_opens(db, wid, laptop) and not access.pass_opens(db, wid, laptop, device="192.0.2.9")
