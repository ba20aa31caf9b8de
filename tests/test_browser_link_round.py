"""A link-confidence round as the room runs it, in real Chromium: the facilitator opens a round on
the map's causal links from the new-round form, two participants rate them on their phones, the
round closes, and the map and the PDF show what the room trusts least."""

import base64
import io
import os
import re
from pathlib import Path

from helpers import wait_for_app
from pypdf import PdfReader

from workshop.db import scorecard, store
from workshop.room import joining, voting


def _go(page, link_text):
    page.get_by_role("link", name=link_text).first.click()
    wait_for_app(page)


def _vote(browser, url, code, name, first_rating):
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{url}/?join={code}")
    wait_for_app(phone)
    phone.get_by_label("Your name", exact=True).fill(name)
    phone.get_by_role("button", name="Join", exact=True).click()
    phone.get_by_text(f"Hello, {name}").wait_for(timeout=30_000)
    wait_for_app(phone)
    ballot = phone.locator(".sw-root")
    ballot.get_by_text(voting.LINK_QUESTION).first.wait_for(timeout=30_000)
    groups = ballot.get_by_role("group")
    for n in range(groups.count()):
        rating = first_rating if n == 0 else "5 certain"
        groups.nth(n).get_by_role("radio", name=rating).check()
    phone.get_by_role("button", name=re.compile("Submit my vote")).click()
    phone.locator(".sw-status-ok").wait_for(timeout=30_000)
    phone.context.close()


def test_a_link_confidence_round_reaches_the_map_and_the_pdf(demo_app, browser):
    app, wid = demo_app
    laptop = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True).new_page()
    laptop.goto(f"{app.url}/?w={wid}")
    wait_for_app(laptop)
    _go(laptop, "Rounds")
    laptop.get_by_role("button", name="Open a new round").click()
    wait_for_app(laptop)
    laptop.get_by_text("3 · objectives, measures, initiatives, links", exact=True).click()
    wait_for_app(laptop)
    laptop.get_by_text("Rating 1–5", exact=True).click()
    wait_for_app(laptop)
    scale = laptop.get_by_role("combobox", name="Rating of").filter(visible=True).first
    scale.click()
    scale.fill("Confidence")
    laptop.keyboard.press("Enter")
    wait_for_app(laptop)
    laptop.get_by_role("textbox", name="Title (optional)").fill(voting.LINK_QUESTION)
    db = store.connect(app.db_file)
    links = [i for i in voting.eligible_items(db, wid, 3) if i["kind"] == "link"][:3]
    for item in links:
        laptop.get_by_text(item["label"], exact=True).click()
        wait_for_app(laptop)
    laptop.get_by_role("button", name="Open the round on 3 items").click()
    wait_for_app(laptop)
    rid = voting.open_rounds(db, wid)[0]["id"]
    assert {i["kind"] for i in voting.round_items(db, rid)} == {"link"}
    assert voting.get_round(db, rid)["scale"] == "confidence"

    code = joining.join_code(db, wid)
    _vote(browser, app.url, code, "Nadia Haddad", "1 not at all confident")
    _vote(browser, app.url, code, "Tom Berg", "2 doubtful")
    voting.close_round(db, rid)

    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(f"{app.url}/present?w={wid}")
    wait_for_app(screen)
    drawn = screen.locator(".pv-map img")
    drawn.wait_for(timeout=30_000)
    assert drawn.get_attribute("alt") == "The room’s confidence in each causal link"
    screen.wait_for_timeout(1500)
    svg = base64.b64decode(drawn.get_attribute("src").split(",", 1)[1]).decode()
    assert "The room&#x27;s confidence in each link" in svg or "The room's confidence in each link" in svg
    doubted_line = re.search(rf'<path class="link" data-link="{links[0]["id"]}"[^>]*>', svg).group(0)
    assert 'stroke-dasharray="3 4"' in doubted_line, "the doubted link is drawn as doubted"
    box = drawn.bounding_box()
    assert box and box["y"] + box["height"] <= 1080 and box["width"] <= 1920, "the whole map is on the screen"
    if os.environ.get("SHOTS"):
        screen.screenshot(path=f"{os.environ['SHOTS']}/present-link-map.png", full_page=True)
    screen.context.close()

    _go(laptop, "Strategy map")
    laptop.get_by_text("Links by the room's confidence").wait_for(timeout=30_000)
    assert not laptop.locator('[data-testid="stException"]').count()

    _go(laptop, "Strategy document")
    laptop.get_by_role("button", name="Generate the PDF").click()
    wait_for_app(laptop, timeout=120_000)
    with laptop.expect_download() as download:
        laptop.get_by_role("button", name="Download the PDF").click()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages)
    assert "Hypotheses to test first" in text
    card = scorecard.load(db, wid)
    doubted = next(link for link in card.links if link.id == links[0]["id"])
    cause = card.objective(doubted.cause_id).title
    section = text[text.index("Hypotheses to test first") :]
    assert cause[:30] in section[:1500], "the least-trusted link comes first"
    db.close()
