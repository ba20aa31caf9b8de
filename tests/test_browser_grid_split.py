"""A priority grid and a 100-point split in real Chromium, end to end on the demo: two participants
vote on phones (390×844) through the ballot component, the facilitator closes each round from the
laptop, and the room's screen (1920×1080) shows the scatter with its quadrants, then the split
beside the planned budget. Screenshots go to $SHOTS (default out/grid-split/)."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import ROOT, wait_for_app

from workshop.db import store
from workshop.room import joining, ledger, vote_results, voting

SHOTS = Path(os.environ.get("SHOTS") or ROOT / "out" / "grid-split")
PHONE = {"width": 390, "height": 844}


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def phone(browser, url: str, token: str):
    page = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True).new_page()
    page.goto(f"{url}/?t={token}")
    wait_for_app(page)
    page.locator(".sw-root").first.wait_for(timeout=30_000)
    return page


def ballot_shows(page, title: str) -> None:
    page.locator(".sw-round-title", has_text=title).first.wait_for(timeout=30_000)


def small_targets(page) -> list[str]:
    return page.evaluate("""() => {
        const root = document.querySelector('[data-testid=stBidiComponentIsolated]').shadowRoot;
        const out = [];
        for (const node of root.querySelectorAll('button, label.sw-opt, input.sw-points')) {
            const box = node.getBoundingClientRect();
            if (box.width < 44 || box.height < 44) out.push(`${node.textContent.trim()} ${box.width}x${box.height}`);
        }
        return out;
    }""")


def submit(page) -> None:
    page.get_by_role("button", name="Submit my votes").click()
    page.locator(".sw-status-ok", has_text="Your votes are in").wait_for(timeout=30_000)


def place(page, item: str, impact: str, effort: str) -> None:
    card = page.get_by_role("group", name=item)
    card.get_by_role("group", name="Impact").get_by_role("radio", name=impact, exact=False).first.check()
    card.get_by_role("group", name="Effort").get_by_role("radio", name=effort, exact=False).first.check()


def close_from_the_laptop(laptop, rid: int) -> None:
    laptop.locator('[data-testid="stSidebarNav"]').get_by_text("Voting rounds").click()
    wait_for_app(laptop)
    laptop.locator(f".st-key-close-{rid} button").click()
    wait_for_app(laptop)


def test_two_phones_vote_a_grid_and_a_split_and_the_room_sees_the_scatter_and_the_budget(demo_app, browser):
    app, wid = demo_app
    db = store.connect(app.db_file)
    initiatives = {r["name"]: r["id"] for r in db.query("SELECT id, name FROM initiative WHERE workshop_id = ? ORDER BY id", [wid])}
    names = list(initiatives)
    code = joining.join_code(db, wid)
    ana, ben = (joining.join(db, code, n)["token"] for n in ("Ana Ruiz", "Ben Okafor"))

    laptop = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    laptop.goto(f"{app.url}/?w={wid}")  # the laptop running the app is the facilitator's
    wait_for_app(laptop)
    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(f"{app.url}/present?w={wid}")
    wait_for_app(screen)

    # --- the grid ------------------------------------------------------------------------------
    grid = voting.open_round(
        db, wid, [("initiative", i) for i in initiatives.values()], method="grid", workshop_number=3, title="Where do our initiatives sit?"
    )
    phones = [phone(browser, app.url, ana), phone(browser, app.url, ben)]
    for page in phones:
        ballot_shows(page, "Where do our initiatives sit?")
        assert small_targets(page) == []
        assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth") <= PHONE["width"]
    first, second = phones
    shot(first, "phone-grid-1-open")
    place(first, names[0], "5", "1")
    first.get_by_role("button", name="Submit my votes").click()  # half a ballot is all right: 1 of 5
    first.locator(".sw-status-ok", has_text="Your votes are in").wait_for(timeout=30_000)
    for name, impact, effort in ((names[1], "3", "2"), (names[2], "4", "5"), (names[3], "4", "2")):
        place(first, name, impact, effort)
    first.get_by_role("group", name=names[4]).get_by_role("group", name="Impact").get_by_role("radio", name="2", exact=False).first.check()
    assert "needs its effort too" in first.locator(".sw-progress").inner_text()
    first.get_by_role("button", name="Submit my votes").click()  # refused here, with the item named
    first.locator(".sw-status-error", has_text=f"“{names[4]}”: give it effort too").wait_for(timeout=10_000)
    first.get_by_role("group", name=names[4]).get_by_role("button", name="Skip: I cannot judge this one").click()
    first.locator(".sw-footer").scroll_into_view_if_needed()
    shot(first, "phone-grid-2-placed")
    submit(first)
    for name, impact, effort in zip(names, "54342", "12522"):
        place(second, name, impact, effort)
    submit(second)
    mine = voting.my_ballots(db, ana, grid)
    placed = {i["label"]: i["id"] for i in voting.round_items(db, grid)}
    assert (mine[placed[names[0]]]["grid_y"], mine[placed[names[0]]]["grid_x"]) == (5, 1)
    assert mine[placed[names[4]]]["skipped"] == 1

    close_from_the_laptop(laptop, grid)
    assert voting.get_round(db, grid)["status"] == "closed"
    screen.locator("img.pg-grid").wait_for(timeout=30_000)
    body = screen.inner_text("body")
    assert "Where do our initiatives sit?" in body and "Priority grid (2×2) · closed · 2 voted" in body
    key = screen.locator(".pg-key").inner_text()
    assert f"{names[0]}\nQuick wins" in key and f"{names[2]}\nMajor projects" in key
    assert screen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not screen.locator('[data-testid="stException"]').count()
    shot(screen, "present-grid-1920")
    results = first.locator(".sw-results-block", has_text="Results: Where do our initiatives sit?")
    results.wait_for(timeout=30_000)  # the phone's page learns of the close by itself
    assert "Quick wins" in results.inner_text() and "Impact" in results.inner_text()
    results.scroll_into_view_if_needed()
    shot(first, "phone-grid-3-results")

    # --- the split -----------------------------------------------------------------------------
    split = voting.open_round(
        db, wid, [("initiative", i) for i in initiatives.values()], method="split", workshop_number=3, title="Where should next year's money go?"
    )
    for page in phones:
        ballot_shows(page, "Where should next year's money go?")
        assert small_targets(page) == []
    plus = first.get_by_role("button", name=f"Give {names[4]} 5 more points")
    for _ in range(8):
        plus.click()
    field = first.get_by_role("spinbutton", name=f"Points for {names[0]}")
    field.fill("50")
    field.press("Tab")
    assert "10 points left to spread" in first.locator(".sw-progress").inner_text()
    shot(first, "phone-split-1-ten-left")
    first.get_by_role("button", name="Submit my votes").click()
    first.locator(".sw-status-error", has_text="Spread all 100 points before sending").wait_for(timeout=10_000)
    assert voting.my_ballots(db, ana, split) == {}
    field = first.get_by_role("spinbutton", name=f"Points for {names[1]}")
    field.fill("60")  # more than is left: capped at the 10 points left
    field.press("Tab")
    first.locator(".sw-progress", has_text="All 100 points spread").wait_for(timeout=10_000)
    assert first.get_by_role("spinbutton", name=f"Points for {names[1]}").input_value() == "10"
    assert first.get_by_role("button", name=f"Give {names[2]} 5 more points").get_attribute("aria-disabled") == "true"
    first.locator(".sw-footer").scroll_into_view_if_needed()
    shot(first, "phone-split-2-spread")
    submit(first)
    for name, points in zip(names, ("10", "10", "20", "10", "50")):
        box = second.get_by_role("spinbutton", name=f"Points for {name}")
        box.fill(points)
        box.press("Tab")
    submit(second)
    assert {b["points"] for b in voting.my_ballots(db, ana, split).values()} == {50, 10, 40}

    close_from_the_laptop(laptop, split)
    screen.locator("img.pg-split").wait_for(timeout=30_000)
    body = screen.inner_text("body")
    assert "Where should next year's money go?" in body and "100-point split · closed · 2 voted" in body
    assert "Money and the room differ by 10 points or more" in body
    alt = screen.locator("img.pg-split").get_attribute("alt")
    assert f"{names[4]}: 45% of the room's points" in alt and "of the planned budget" in alt
    assert screen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(screen, "present-split-1920")
    results = second.locator(".sw-results-block", has_text="Results: Where should next year's money go?")
    results.wait_for(timeout=30_000)
    assert "Share of budget" in results.inner_text()
    results.scroll_into_view_if_needed()
    shot(second, "phone-split-3-results")
    rows = {r["label"]: r for r in vote_results.results(db, split)}
    assert rows[names[4]]["share"] == 45.0 and rows[names[0]]["share"] == 30.0
    assert all(check.problem is None for check in ledger.verify(db, wid))
    db.close()
