"""Real Chromium, several devices: a participant who keeps guessing the facilitator's passphrase
slows down their own device only; the facilitator on another device and on the laptop running
the app still get in, and a facilitator's reload keeps them in.

Another device is a browser context whose connections carry `X-Forwarded-For` (the server trusts
that header from loopback only, as uvicorn does by default): the app sees that address as the
device's own, exactly as it sees a phone on the room's Wi-Fi."""

from __future__ import annotations

from helpers import wait_for_app
from playwright.sync_api import expect

from workshop.db import store
from workshop.room import access
from workshop.starters import starting

PASS = "facilitate well"


def _device(browser, address: str | None):
    headers = {"X-Forwarded-For": address} if address else {}
    context = browser.new_context(viewport={"width": 1280, "height": 800}, extra_http_headers=headers)
    return context, context.new_page()


def _open_workshop(page, url: str, wid: int) -> None:
    page.goto(url + "/")
    wait_for_app(page)
    page.goto(f"{url}/architecture?w={wid}")
    wait_for_app(page)


def _type_passphrase(page, passphrase: str) -> None:
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    page.get_by_role("button", name="Open the workshop").click()
    wait_for_app(page)


def _inside(page) -> bool:
    return page.get_by_role("heading", name="Facilitator passphrase").count() == 0 and page.get_by_text("Measurement architecture").count() > 0


def test_a_guessing_participant_never_locks_the_facilitator_out(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = starting.create_workshop(db, "Atlas Digital", "Managed Cloud", passphrase=PASS)
    url = running_app.url

    guesser_context, guesser = _device(browser, "10.77.0.9")
    _open_workshop(guesser, url, wid)
    expect(guesser.get_by_role("heading", name="Facilitator passphrase")).to_be_visible()
    for n in range(access.UNLOCK_TRIES):
        _type_passphrase(guesser, f"guess number {n}")
        expect(guesser.get_by_text("That is not the facilitator's passphrase.")).to_be_visible()
    _type_passphrase(guesser, PASS)  # the brute-force protection holds on the guessing device
    expect(guesser.get_by_text("Too many wrong passphrases from this device")).to_be_visible()
    assert not _inside(guesser)

    facilitator_context, facilitator = _device(browser, "10.77.0.10")
    _open_workshop(facilitator, url, wid)
    _type_passphrase(facilitator, PASS)
    expect(facilitator.get_by_text("Too many wrong passphrases")).to_have_count(0)
    expect(facilitator.get_by_role("heading", name="1 · Measurement architecture")).to_be_visible()
    facilitator.wait_for_timeout(500)  # the browser stores its pass
    assert any(c["name"] == f"scorecard_pass_{wid}" for c in facilitator_context.cookies())

    # the guesser keeps guessing while the facilitator reloads: the facilitator stays in
    _type_passphrase(guesser, "yet another guess")
    facilitator.reload()
    wait_for_app(facilitator)
    expect(facilitator.get_by_role("heading", name="1 · Measurement architecture")).to_be_visible()
    expect(facilitator.get_by_role("heading", name="Facilitator passphrase")).to_have_count(0)

    laptop_context, laptop = _device(browser, None)
    _open_workshop(laptop, url, wid)
    for n in range(access.UNLOCK_TRIES + 2):  # the laptop's own typos never lock it
        _type_passphrase(laptop, f"typo {n} on the laptop")
    _type_passphrase(laptop, PASS)
    expect(laptop.get_by_role("heading", name="1 · Measurement architecture")).to_be_visible()

    # a pass from one browser does not travel to another, and a forged one opens nothing
    forged_context, forged = _device(browser, "10.77.0.11")
    forged_context.add_cookies([{"name": f"scorecard_pass_{wid}", "value": f"{wid}.9999999999.{'0' * 64}", "url": url}])
    _open_workshop(forged, url, wid)
    expect(forged.get_by_role("heading", name="Facilitator passphrase")).to_be_visible()
    for context in (guesser_context, facilitator_context, laptop_context, forged_context):
        context.close()
