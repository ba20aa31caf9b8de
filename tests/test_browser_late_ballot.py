"""Real Chromium, a phone-sized participant on the simple form (the ballot component has its own
test in test_ballot_browser.py): a ballot sent after the facilitator closed the round is not
counted, and the participant is told so and keeps being told (through the waiting poll's
redraws) until they say OK."""

from __future__ import annotations

from helpers import wait_for_app
from playwright.sync_api import expect

from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import joining, voting
from workshop.starters import starting

POLL_S = 6  # pages/participate.py POLL_SECONDS


def _room(db_file):
    db = store.connect(db_file)
    wid = starting.create_workshop(db, "Atlas Digital", "Managed Cloud", passphrase="facilitate well")
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    oids = [
        objectives.add_objective(db, wid, title, persp[i])
        for i, title in enumerate(["Grow recurring revenue", "Be the easiest provider to work with"])
    ]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    return db, wid, rid, voting.round_items(db, rid)


def _participant(browser, url: str, code: str):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{url}/?join={code}")
    wait_for_app(page)
    page.get_by_label("Your name", exact=True).fill("Ann")
    page.get_by_role("button", name="Join", exact=True).click()
    page.get_by_text("Hello, Ann").wait_for(timeout=30_000)
    wait_for_app(page)
    page.get_by_test_id("stCheckbox").get_by_text("Use the simple form", exact=True).click()
    wait_for_app(page)
    return context, page


def test_a_ballot_sent_after_the_close_says_not_counted_until_the_participant_acts(running_app, browser):
    db, wid, rid, items = _room(running_app.db_file)
    context, page = _participant(browser, running_app.url, joining.join_code(db, wid))
    page.get_by_role("button", name="Submit my votes").wait_for(timeout=30_000)
    for item in items:
        page.locator(f".st-key-vote-{rid}-{item['id']}").get_by_text("4", exact=True).click()
    voting.close_round(db, rid)  # the facilitator closes the round while Ann is still choosing
    page.get_by_role("button", name="Submit my votes").click()
    not_counted = page.get_by_text("not counted")
    expect(not_counted.first).to_be_visible(timeout=30_000)
    assert store.rows(db, "SELECT * FROM ballot WHERE round_id = ?", [rid]) == []

    page.wait_for_timeout((POLL_S * 2 + 1) * 1000)  # two waiting polls later it is still there
    wait_for_app(page)
    expect(not_counted.first).to_be_visible()
    note = page.locator(f".st-key-closed-note-{rid}")
    expect(note).to_contain_text("Too late")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)

    note.get_by_role("button", name="OK").click()
    wait_for_app(page)
    expect(page.locator(f".st-key-closed-note-{rid}")).to_have_count(0)
    page.wait_for_timeout((POLL_S + 1) * 1000)
    expect(page.get_by_text("Too late")).to_have_count(0)  # said OK: gone for good
    context.close()


def test_a_round_closed_while_the_form_was_open_says_what_counted(running_app, browser):
    db, wid, rid, items = _room(running_app.db_file)
    context, page = _participant(browser, running_app.url, joining.join_code(db, wid))
    page.get_by_role("button", name="Submit my votes").wait_for(timeout=30_000)
    page.locator(f".st-key-vote-{rid}-{items[0]['id']}").get_by_text("5", exact=True).click()
    page.get_by_role("button", name="Submit my votes").click()
    page.get_by_text("Your votes are in for 1 of 2 items").wait_for(timeout=30_000)
    voting.close_round(db, rid)
    note = page.locator(f".st-key-closed-note-{rid}")
    expect(note).to_contain_text("closed with your votes in for 1 of 2 items", timeout=(POLL_S + 10) * 1000)
    context.close()
