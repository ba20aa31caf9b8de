"""Real Chromium: the facilitator starts a cascade from the parent, adds an objective in the new
unit that serves a parent objective, and sees it counted on the parent's map and in the alignment view."""

from __future__ import annotations

from helpers import wait_for_app
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from workshop.db import scorecard, store
from workshop.starters import demo

SERVED = "Win more work from existing clients"  # no unit of the demo serves it yet


def _goto(page, url):
    page.goto(url)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def _pick(page, label, text):
    """Choose `text` in a select box: open it, narrow the list, click the option itself (a key press
    sent before the list is open is lost on a busy machine), then wait for the rerun."""
    box = page.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]').filter(has_text=label).first
    option = page.get_by_role("option", name=text, exact=True).first
    for attempt in range(3):  # a click that lands during a rerun leaves the list closed: open it again
        box.click()
        page.keyboard.type(text)
        try:
            option.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_for_app(page)
    option.click(timeout=30_000)
    page.keyboard.press("Escape")  # a multiselect stays open, hiding the rest of the page from its roles
    wait_for_app(page)


def test_a_cascade_started_from_the_parent_is_counted_on_its_map_and_in_the_alignment_view(running_app, browser, tmp_path):
    db = store.connect(running_app.db_file)
    parent = demo.create_demo(db)
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _goto(page, running_app.url + f"/?w={parent}")
    _goto(page, running_app.url + f"/alignment?w={parent}")
    page.get_by_role("button", name="Start the cascade for Account Management").click()
    page.get_by_text("The scorecard of Account Management is started from Managed Cloud Services").wait_for(timeout=30_000)
    wait_for_app(page)
    child = scorecard.load(db, parent).units[-1]
    assert child["unit"] == "Account Management"
    assert f"w={child['id']}" in page.url and "/architecture" in page.url
    page.screenshot(path=str(tmp_path / "child-phase-1.png"))

    page.get_by_role("link", name="Cascade & alignment").click()
    wait_for_app(page)
    page.get_by_text("How Account Management serves Managed Cloud Services").wait_for(timeout=30_000)
    page.get_by_label("Objective", exact=True).fill("Grow wallet share in our top 40 accounts")
    _pick(page, "Perspective", "Customer")
    _pick(page, "Contributes to (Managed Cloud Services)", SERVED)
    page.get_by_role("button", name="Add the objective").click()
    page.locator('[data-testid="stVerticalBlock"]').get_by_text("Grow wallet share in our top 40 accounts · Customer · draft").wait_for(
        timeout=30_000
    )
    wait_for_app(page)
    card = scorecard.load(db, child["id"])
    [added] = card.objectives
    assert [card.parent_objective(i).title for i in added.contributes_to] == [SERVED]

    _goto(page, running_app.url + f"/strategy_map?w={parent}")
    _pick(page, "Open an objective", SERVED)
    panel = page.locator('[class*="st-key-objective-panel"]')
    panel.get_by_text("Account Management (Grow wallet share in our top 40 accounts)").wait_for(timeout=30_000)
    assert "Served by 1 unit:" in panel.inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the map (SVG)").click()
    svg = download.value.path().read_text(encoding="utf-8")
    assert "◆ 1 unit" in svg and "Account Management" in svg

    _goto(page, running_app.url + f"/alignment?w={parent}")
    tree = page.locator('[class*="st-key-unit-"]')
    assert tree.count() == 4
    assert "Account Management" in tree.nth(3).inner_text()
    assert "Serves 1 of the 14 objectives expected of it" in tree.nth(3).inner_text()
    assert "9 of 14 agreed objectives are served by at least one unit" in page.inner_text("body")
    page.screenshot(path=str(tmp_path / "alignment.png"))
    assert not errors
    page.close()


def _join(browser, url: str, code: str, name: str):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{url}/?join={code}")
    wait_for_app(page)
    page.get_by_label("Your name", exact=True).fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    page.get_by_text(f"Hello, {name}").wait_for(timeout=30_000)
    wait_for_app(page)
    return page


def test_a_units_participants_join_with_its_own_code_and_see_only_its_room(running_app, browser, tmp_path):
    from workshop.room import joining, voting

    db = store.connect(running_app.db_file)
    parent = demo.create_demo(db)
    desk = scorecard.load(db, parent).units[0]["id"]
    item = voting.eligible_items(db, parent, 3)[0]
    voting.open_round(db, parent, [(item["kind"], item["id"])], workshop_number=3, method="rating", title="Parent round on the margin")
    helen = _join(browser, running_app.url, joining.join_code(db, parent), "Helen")
    priya = _join(browser, running_app.url, joining.join_code(db, desk), "Priya")
    helen.get_by_text("Parent round on the margin").first.wait_for(timeout=30_000)
    assert "Managed Cloud Services" in helen.inner_text("body")
    text = priya.inner_text("body")
    assert "Service Desk" in text and "Parent round on the margin" not in text
    priya.screenshot(path=str(tmp_path / "unit-participant.png"))
    assert [p["name"] for p in joining.participants(db, desk)] == ["Priya"]
    in_parent = [p["name"] for p in joining.participants(db, parent)]
    assert "Helen" in in_parent and "Priya" not in in_parent
    helen.close()
    priya.close()
