"""The small-room rule in real Chromium: the room's screen at 1920×1080 and a participant's phone at
390×844 show "results withheld" for four voters and merged answers for six, never a lone answer, and
say the rule in words. Screenshots go to $SHOTS if it is set."""

from __future__ import annotations

import os
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from helpers import wait_for_app
from privacy_room import leaks, small_room

from workshop.db import store

SHOTS = os.environ.get("SHOTS")


def _serious(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    return [f"{v['id']}: {v['help']}" for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png")


def test_the_room_screen_and_a_phone_keep_a_small_anonymous_room_private(demo_app, browser):
    app, wid = demo_app
    db = store.connect(app.db_file)
    four = small_room(db, wid, "gradients", "anonymous", voters=4)

    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{app.url}/?t={four.tokens[four.voters[0]]}")
    wait_for_app(phone, 60_000)
    withheld = phone.get_by_text("Results withheld: fewer than 5 people voted.").first
    withheld.wait_for(timeout=30_000)
    withheld.scroll_into_view_if_needed()
    _shot(phone, "privacy-phone-withheld")
    assert _serious(phone) == []
    assert not leaks(phone.locator(".sw-results-block").last.inner_text(), four)  # the results, not the greeting

    six = small_room(db, wid, "gradients", "anonymous", voters=6)
    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(app.url)
    wait_for_app(screen, 60_000)
    screen.goto(f"{app.url}/present?w={wid}")
    wait_for_app(screen, 60_000)
    screen.locator('[data-testid="present-chart"]').first.wait_for(timeout=30_000)
    words = screen.locator('[data-testid="stMain"]').inner_text()
    assert six.title in words and "Concern or neutral: fewer than 2 people" in words
    assert "so no one's vote can be picked out" in words and not leaks(words, six)
    titles = " ".join(screen.locator(".pb-seg").evaluate_all("els => els.map(e => e.title)"))
    assert "fewer than 2 people" in titles and ": 1" not in titles  # no tooltip counts the lone answer
    assert screen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _shot(screen, "privacy-present-merged")

    screen.get_by_role("button", name="◀ Previous").click()
    screen.get_by_text("Results withheld: fewer than 5 people voted.").first.wait_for(timeout=30_000)
    assert not screen.locator('[data-testid="present-chart"]').count()
    _shot(screen, "privacy-present-withheld")

    phone.goto(f"{app.url}/?t={six.tokens[six.voters[0]]}")
    wait_for_app(phone, 60_000)
    card = phone.locator(".sw-result").first
    card.wait_for(timeout=30_000)
    card.scroll_into_view_if_needed()
    text = phone.locator(".sw-results-block").last.inner_text()
    assert "Concern or neutral: fewer than 2 people" in text and not leaks(text, six)
    assert not phone.locator('[data-testid="stException"]').count()
    _shot(phone, "privacy-phone-merged")
    assert _serious(phone) == []
    db.close()
