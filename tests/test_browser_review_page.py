"""Real Chromium at 1280×720: the review meeting page on the demo opens the review of Q4 2027, shows
the map by status as an image, records a verdict by hand, and builds the review pack only when its
download is clicked (a PDF comes back)."""

from __future__ import annotations

import pytest
from helpers import wait_for_app

from workshop.db import store
from workshop.method import reviews

pytestmark = pytest.mark.browser


def test_the_review_page_opens_a_review_records_a_verdict_and_downloads_the_pack(demo_app, browser, tmp_path):
    app, wid = demo_app
    page = browser.new_page(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{app.url}/?w={wid}")
    wait_for_app(page)
    page.goto(f"{app.url}/review?w={wid}")
    wait_for_app(page)
    page.get_by_role("button", name="Open the review of Q4 2027").click()
    wait_for_app(page)
    image = page.get_by_role("img", name="Strategy map by status · Q4 2027")
    image.wait_for(timeout=20_000)
    box = image.bounding_box()
    assert box and box["width"] > 600, "the map fills the page's width"
    page.get_by_role("tab", name="Hypotheses").click()
    wait_for_app(page)
    page.get_by_role("button", name="Too early to tell").nth(3).click()
    wait_for_app(page)
    page.get_by_text("Verdict in this review: too early to tell").wait_for(timeout=20_000)
    db = store.connect(app.db_file)
    try:
        latest = reviews.reviews(db, wid)[0]
        assert [v["verdict"] for v in reviews.verdicts(db, wid) if v["review_id"] == latest["id"]] == ["too early to tell"]
    finally:
        db.close()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="PDF").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    assert pdf.name.endswith("-2027-10.pdf") and pdf.read_bytes().startswith(b"%PDF")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors, errors
    page.close()
