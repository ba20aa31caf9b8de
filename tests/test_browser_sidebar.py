"""Real Chromium: a device in the room that opens the app's address with a workshop in it (`/?w=1`,
a participant who edited their link) sees no facilitator page in the sidebar, not even its name,
until the workshop's passphrase is typed."""

from __future__ import annotations

from helpers import wait_for_app
from playwright.sync_api import expect

from ui import nav
from workshop.db import store
from workshop.starters import starting

PASS = "facilitate well"
FACILITATOR_PAGES = [spec.title for specs in nav.WORKSHOP_SECTIONS.values() for spec in specs]


def test_a_device_at_a_workshops_address_sees_no_facilitator_page_names_until_it_unlocks(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = starting.create_workshop(db, "Atlas Digital", "Managed Cloud", passphrase=PASS)
    db.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, extra_http_headers={"X-Forwarded-For": "10.77.0.21"})
    page = context.new_page()
    page.goto(f"{running_app.url}/?w={wid}")
    wait_for_app(page)
    body = page.locator("body").inner_text()
    assert not [title for title in FACILITATOR_PAGES if title in body], body
    page.goto(f"{running_app.url}/rounds?w={wid}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Facilitator passphrase")).to_be_visible()
    assert not [title for title in FACILITATOR_PAGES if title in page.locator("body").inner_text()]
    page.get_by_label("Passphrase", exact=True).fill(PASS)
    page.get_by_role("button", name="Open the workshop").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Voting rounds")).to_be_visible()
    context.close()
