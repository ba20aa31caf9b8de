"""The room's screen, `/present`, in real Chromium at a 1920×1080 and a 1280×720 projector: no
sidebar, no horizontal scroll, a code readable from the back, turnout that moves when a participant
in another browser votes, a countdown that ticks, results charted as soon as the round closes.
Screenshots of each state go to $SHOTS if it is set."""

import os
import re
from pathlib import Path

import pytest
from helpers import wait_for_app

from workshop.db import store
from workshop.room import joining, voting

SHOTS = os.environ.get("SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png")


def _screen_is_clean(page) -> None:
    """No sidebar, no Streamlit chrome, nothing wider than the screen, no error."""
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth <= window.innerWidth")
    assert not page.locator('[data-testid="stException"]').count()


def _px(page, test_id: str, prop: str = "fontSize") -> float:
    return page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('[data-testid={test_id}]')).{prop})")


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_the_presenter_view_follows_the_room_at_projector_sizes(demo_app, browser, width, height):
    app, wid = demo_app
    size = f"{width}x{height}"
    screen = browser.new_context(viewport={"width": width, "height": height}).new_page()
    screen.goto(app.url)  # the laptop opens the app first, as after any start
    wait_for_app(screen)
    screen.goto(f"{app.url}/present?w={wid}")
    wait_for_app(screen)

    # The demo's last closed round: its results as a chart
    screen.locator('[data-testid="present-chart"]').first.wait_for(timeout=30_000)
    assert "Where should next year's money go?" in screen.locator('[data-testid="present-title"]').inner_text()
    _screen_is_clean(screen)
    shot(screen, f"present-{size}-1-results")

    # The join screen: the link unbroken, the code huge, the QR code large
    screen.get_by_role("button", name="Join screen").click()
    screen.locator('[data-testid="present-code"]').wait_for(timeout=30_000)
    db = store.connect(app.db_file)
    code = joining.join_code(db, wid)
    assert screen.locator('[data-testid="present-code"]').inner_text().strip() == code
    if width == 1920:
        assert _px(screen, "present-code") >= 96
    link = screen.locator(".pv-link")
    assert f"/?join={code}" in link.inner_text()
    assert link.evaluate("e => e.getClientRects().length") == 1  # one line: the address is not broken
    assert screen.locator("img.pv-qr").evaluate("e => e.getBoundingClientRect().width") >= 400
    assert "10 people have joined" in screen.inner_text("body")
    _screen_is_clean(screen)
    shot(screen, f"present-{size}-2-join")

    # The facilitator opens a timed round (from the laptop's ordinary pages): the screen follows
    objectives = [o["id"] for o in db.query("SELECT id FROM objective WHERE workshop_id = ? AND status = 'agreed' ORDER BY id LIMIT 4", [wid])]
    rid = voting.open_round(
        db,
        wid,
        [("objective", o) for o in objectives],
        method="gradients",
        workshop_number=3,
        title="Which objectives matter most this year?",
        timer_seconds=300,
    )
    number = voting.get_round(db, rid)["number"]
    title = screen.locator('[data-testid="present-title"]')
    title.filter(has_text="Which objectives matter most").wait_for(timeout=30_000)
    assert f"Round {number} · Gradients of agreement" in screen.inner_text("body")
    turnout = screen.locator('[data-testid="present-turnout"]')
    assert re.search(r"0 of 10\s+have voted", turnout.inner_text())
    countdown = screen.locator('[data-testid="present-countdown"]')
    first = countdown.inner_text()
    assert re.fullmatch(r"[45]:\d\d left", first), first
    assert _px(screen, "present-countdown") >= 72
    screen.wait_for_function("t => document.querySelector('[data-testid=present-countdown]').innerText !== t", arg=first, timeout=10_000)  # it ticks
    assert not screen.locator('[data-testid="present-chart"]').count()  # results hidden until close
    assert "Results stay hidden until the round closes" in screen.inner_text("body")
    _screen_is_clean(screen)
    shot(screen, f"present-{size}-3-round-open")

    # A participant in another browser votes: the turnout on the screen moves by itself
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{app.url}/?join={code}")
    wait_for_app(phone)
    phone.get_by_label("Your name", exact=True).fill("Nadia Haddad")
    phone.get_by_role("button", name="Join", exact=True).click()
    phone.get_by_text("Hello, Nadia Haddad").wait_for(timeout=30_000)
    wait_for_app(phone)
    ballot = phone.locator(".sw-root")
    ballot.get_by_text("Which objectives matter most").first.wait_for(timeout=30_000)
    seen = phone.inner_text("body") + ballot.inner_text()
    assert "UTC" not in seen and re.search(r"\d+:\d\d", ballot.inner_text())  # time left, never a clock time
    for item in voting.round_items(db, rid):
        phone.get_by_role("group", name=item["label"]).get_by_role("radio", name="Whole-hearted endorsement").check()
    phone.get_by_role("button", name="Submit my votes").click()
    phone.locator(".sw-status-ok", has_text="Your votes are in").wait_for(timeout=30_000)
    turnout.filter(has_text=re.compile(r"1 of 11\s+have voted")).wait_for(timeout=15_000)
    shot(screen, f"present-{size}-4-turnout-moved")
    shot(phone, f"present-{size}-phone-ballot")
    phone.context.close()

    # The facilitator closes the round: its results appear as a chart, with a verdict per item
    voting.close_round(db, rid)
    title.filter(has_text="Which objectives matter most").wait_for(timeout=30_000)
    screen.get_by_text("closed · 1 voted").wait_for(timeout=30_000)
    screen.locator('[data-testid="present-chart"]').first.wait_for(timeout=30_000)
    assert "Consensus: 4" in screen.inner_text("body")
    _screen_is_clean(screen)
    shot(screen, f"present-{size}-5-results")
    db.close()
    screen.context.close()
