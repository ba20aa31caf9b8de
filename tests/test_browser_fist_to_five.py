"""Fist to five in real Chromium, end to end on the demo: two participants show their fingers on
phones (390×844) through the ballot component, six large answers per item; the facilitator closes
the round from the laptop; the room's screen (1920×1080) draws each item's fingers as a diverging
bar with its verdict (a fist blocks); the phones show the results; the PDF report's consensus record
says it in words. Screenshots go to $SHOTS (default out/fist-to-five/)."""

from __future__ import annotations

import io
import os
from pathlib import Path

from helpers import ROOT, wait_for_app
from pypdf import PdfReader

from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.room import joining, ledger, vote_results, voting

SHOTS = Path(os.environ.get("SHOTS") or ROOT / "out" / "fist-to-five")
PHONE = {"width": 390, "height": 844}
TITLE = "Fist to five: are we ready to commit?"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def phone(browser, url: str, token: str):
    page = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True).new_page()
    page.goto(f"{url}/?t={token}")
    wait_for_app(page)
    page.locator(".sw-root").first.wait_for(timeout=30_000)
    return page


def finger_targets(page) -> list[tuple[str, float, float]]:
    """Every answer of the ballot with its size on the screen (text, width, height)."""
    return page.evaluate("""() => {
        const root = document.querySelector('[data-testid=stBidiComponentIsolated]').shadowRoot;
        return [...root.querySelectorAll('.sw-fingers label.sw-opt')].map((node) => {
            const box = node.getBoundingClientRect();
            return [node.textContent.trim(), box.width, box.height];
        });
    }""")


def show(page, item: str, fingers: str, words: str) -> None:
    page.get_by_role("group", name=item).get_by_role("radio", name=f"{fingers} {words}").check()


def test_two_phones_show_fist_to_five_and_the_room_and_the_report_see_the_result(demo_app, browser):
    app, wid = demo_app
    db = store.connect(app.db_file)
    subjects = [i for i in voting.eligible_items(db, wid, 3) if i["kind"] == "objective"][:3]
    titles = [i["label"] for i in subjects]
    code = joining.join_code(db, wid)
    ana, ben = (joining.join(db, code, n)["token"] for n in ("Ana Ruiz", "Ben Okafor"))

    laptop = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    laptop.goto(f"{app.url}/?w={wid}")  # the laptop running the app is the facilitator's
    wait_for_app(laptop)
    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(f"{app.url}/present?w={wid}")
    wait_for_app(screen)

    rid = voting.open_round(db, wid, [("objective", i["id"]) for i in subjects], method="fist_to_five", workshop_number=3, title=TITLE)
    first, second = phone(browser, app.url, ana), phone(browser, app.url, ben)
    for page in (first, second):
        page.locator(".sw-round-title", has_text=TITLE).first.wait_for(timeout=30_000)
        sizes = finger_targets(page)
        assert len(sizes) == 6 * len(subjects) and all(w >= 48 and h >= 48 for _, w, h in sizes), sizes
        words = ["0Block", "1Major concerns", "2Minor concerns", "3Can live with it", "4Support", "5Full support"]
        assert [text for text, _, _ in sizes[:6]] == words
        assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth") <= PHONE["width"]
    assert "a fist (0) blocks it" in first.locator(".sw-how").first.inner_text()
    shot(first, "phone-1-open")

    show(first, titles[0], "5", "Full support")
    show(first, titles[1], "0", "Block")
    assert first.locator(".sw-progress").inner_text() == "2 of 3 answered"  # a fist is an answer
    show(first, titles[2], "3", "Can live with it")
    first.get_by_role("group", name=titles[1]).scroll_into_view_if_needed()
    shot(first, "phone-2-fingers-shown")
    first.get_by_role("button", name="Submit my votes").click()
    first.locator(".sw-status-ok", has_text="Your votes are in for 3 of 3 items").wait_for(timeout=30_000)
    for title, fingers, words in ((titles[0], "4", "Support"), (titles[1], "2", "Minor concerns"), (titles[2], "1", "Major concerns")):
        show(second, title, fingers, words)
    second.get_by_role("button", name="Submit my votes").click()
    second.locator(".sw-status-ok", has_text="Your votes are in").wait_for(timeout=30_000)
    labels = {i["id"]: i["label"] for i in voting.round_items(db, rid)}
    assert {labels[i]: b["fingers"] for i, b in voting.my_ballots(db, ana, rid).items()} == {titles[0]: 5, titles[1]: 0, titles[2]: 3}

    laptop.locator('[data-testid="stSidebarNav"]').get_by_text("Voting rounds").click()
    wait_for_app(laptop)
    laptop.locator(f".st-key-close-{rid} button").click()
    wait_for_app(laptop)
    assert voting.get_round(db, rid)["status"] == "closed"

    screen.locator('[data-testid="present-chart"]').wait_for(timeout=30_000)
    body = screen.inner_text("body")
    assert TITLE in body and "Fist to five · closed · 2 voted" in body
    chart = screen.locator('[data-testid="present-chart"]').inner_text()
    assert "0 · block" in chart and "5 · full support" in chart
    assert f"1. {titles[0]}" in chart and "Consensus · 100% support" in chart
    assert f"2. {titles[1]}" in chart and "Blocked: discuss · 0% support" in chart
    assert "Re-discuss · 50% support" in chart
    assert "Consensus: 1 · Blocked: discuss: 1 · Re-discuss: 1" in body
    assert screen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not screen.locator('[data-testid="stException"]').count()
    shot(screen, "present-1920")

    results = first.locator(".sw-results-block", has_text=f"Results: {TITLE}")
    results.wait_for(timeout=30_000)  # the phone's page learns of the close by itself
    assert "Blocked: discuss" in results.inner_text() and "Fist · I block it: 1" in results.inner_text()
    results.scroll_into_view_if_needed()
    shot(first, "phone-3-results")

    rows = {r["label"]: r for r in vote_results.results(db, rid)}
    assert (rows[titles[1]]["verdict"], rows[titles[1]]["blocks"]) == ("discuss", 1)
    assert all(check.problem is None for check in ledger.verify(db, wid))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(document.build_pdf(record.read(db, wid)))).pages)
    assert TITLE in text and "fist to five" in text.lower()
    assert "2 of 2 showed 3 fingers or more (1 showed 5 fingers · 1 showed 4 fingers)" in text
    assert "0 of 2 showed 3 fingers or more (1 showed 2 fingers · 1 showed a fist)" in text
    db.close()
