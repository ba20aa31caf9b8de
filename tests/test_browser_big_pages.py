"""Pages that draw only what the facilitator opened, in real Chromium: the measure page's overview
opens an objective by its row; the workbook is made when its button is clicked."""

from pathlib import Path

from helpers import wait_for_app

from workshop.db import scorecard, store
from workshop.starters import demo


def open_page(browser, running_app, link: str):
    db = store.connect(running_app.db_file)
    wid = demo.create_demo(db)
    card = scorecard.load(db, wid)
    db.close()
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{running_app.url}/?w={wid}")
    wait_for_app(page, 60_000)
    page.get_by_role("link", name=link).first.click()
    wait_for_app(page, 60_000)
    return page, card


def test_clicking_an_objectives_row_opens_its_measures_and_only_its_forms(running_app, browser):
    page, card = open_page(browser, running_app, "4 · Measure selection")
    page.get_by_role("heading", name="4 · Measure selection").wait_for(timeout=60_000)
    order = [p.id for p in card.perspectives]
    agreed = sorted(card.agreed_objectives(), key=lambda o: (order.index(o.perspective_id), o.id))
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(grid["x"] + 16, grid["y"] + 36 + 35 * 2 + 17)  # the third row's selection box
    page.get_by_role("heading", name=agreed[2].title).wait_for(timeout=60_000)
    wait_for_app(page, 60_000)
    edits = page.get_by_text("Edit or delete this measure")  # one per measure of the opened objective
    assert edits.count() == len(card.measures_of(agreed[2].id))
    assert not page.get_by_role("button", name="Save measure").count(), "no form before its panel opens"
    edits.first.click()
    page.get_by_role("button", name="Save measure").wait_for(timeout=60_000)
    assert not page.locator('[data-testid="stException"]').count()
    page.context.close()


def test_the_workbook_is_made_when_its_button_is_clicked(running_app, browser):
    page, _ = open_page(browser, running_app, "Strategy document")
    button = page.get_by_role("button", name="Download the workbook (XLSX)")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    data = Path(download.value.path()).read_bytes()
    assert data[:2] == b"PK" and len(data) > 2000  # an XLSX is a zip
    assert download.value.suggested_filename.endswith(".xlsx")
    page.context.close()
