"""The presenter's review mode in real Chromium at 1920×1080, on the demo with a review of Q4 2027
open: the map by status with its legend and the roll-up rule, an off-target measure's trend and its
owner's comment, then a hypothesis: two phones (390×844) vote on it (holds / does not hold / too early
to tell), the screen follows the turnout, and once the vote closes and the verdicts are recorded the
room's result and the recorded verdict stand beside the evidence. Screenshots go to $SHOTS (default
out/review-present/)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from helpers import ROOT, wait_for_app

from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.review import screens
from workshop.method import reviews
from workshop.room import joining, review_votes, voting

SHOTS = Path(os.environ.get("SHOTS") or ROOT / "out" / "review-present")
PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1920, "height": 1080}


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def phone(browser, url: str, token: str):
    page = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True).new_page()
    page.goto(f"{url}/?t={token}")
    wait_for_app(page)
    page.locator(".sw-root").first.wait_for(timeout=30_000)
    return page


def answer(page, link: str, words: str) -> None:
    page.get_by_role("group", name=link).get_by_role("radio", name=re.compile(f"^{re.escape(words)}")).check()


def next_screen(screen) -> None:
    screen.get_by_role("button", name="Next ▶").click()
    wait_for_app(screen)


def test_a_review_on_the_presenter_the_map_a_link_vote_on_two_phones_and_the_verdict_beside_its_evidence(demo_app, browser):
    app, wid = demo_app
    db = store.connect(app.db_file)
    review = reviews.open_review(db, wid, "2027-10-01", "2027-12-31")
    links = {i["id"]: i["label"] for i in voting.eligible_items(db, wid, 3) if i["kind"] == "link"}
    code = joining.join_code(db, wid)
    ana, ben = (joining.join(db, code, n)["token"] for n in ("Ana Ruiz", "Ben Okafor"))

    screen = browser.new_context(viewport=SCREEN).new_page()
    screen.goto(f"{app.url}/present?w={wid}")
    wait_for_app(screen)
    screen.get_by_role("button", name="Review", exact=True).click()
    wait_for_app(screen)
    screen.locator('[data-testid="review-map"] img').wait_for(timeout=30_000)
    body = screen.inner_text("body")
    assert "Strategy map by status · Q4 2027" in body and "An objective is off target when any of its measures is" in body
    assert "Review · 1 of" in body
    shot(screen, "1-map-by-status")
    box = screen.locator('[data-testid="review-map"] img').bounding_box()
    assert box and box["height"] > 700 and box["y"] + box["height"] <= SCREEN["height"]  # the whole map on the screen, as large as it fits
    assert screen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    next_screen(screen)
    shot(screen, "2-off-target-measure")
    screen.locator('[data-testid="review-trend"] img').wait_for(timeout=30_000)
    body = screen.inner_text("body")
    assert "Review · off target · Q4 2027" in body and "Contract renewal rate" in body
    assert "The owner’s comment" in body and "Renewals keep slipping" in body
    shot(screen, "2-off-target-measure")

    while "Review · hypothesis" not in screen.inner_text("body"):
        next_screen(screen)
    first_link = next(s for s in screens.review_screens(record.read_review(db, wid, "2027-12-31")) if s["kind"] == screens.LINK)
    link, sentence = first_link["id"], first_link["sentence"]
    other = next(i for i in links if i != link)
    evidence = screen.locator('[data-testid="review-evidence"]').inner_text()
    assert sentence in evidence and first_link["evidence_words"] in evidence
    shot(screen, "3-hypothesis-evidence")

    rid = review_votes.put_to_room(db, review, [link, other])
    first, second = phone(browser, app.url, ana), phone(browser, app.url, ben)
    for page, (a, b) in ((first, ("Holds", "Too early to tell")), (second, ("Holds", "Holds"))):
        page.locator(".sw-round-title", has_text="Do these links still hold?").first.wait_for(timeout=30_000)
        assert "holds" in page.locator(".sw-how").first.inner_text()
        answer(page, links[link], a)
        answer(page, links[other], b)
        assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth") <= PHONE["width"]
        page.get_by_role("button", name="Submit my votes").click()
        page.locator(".sw-status-ok", has_text="Your votes are in").wait_for(timeout=30_000)
    shot(first, "phone-voted")
    screen.locator('[data-testid="present-turnout"]', has_text=re.compile(r"^2 of \d+\s+have voted")).wait_for(timeout=30_000)
    assert "Results stay hidden until the vote closes." in screen.inner_text("body")
    shot(screen, "4-live-vote")

    voting.close_round(db, rid)
    recorded = review_votes.record_from_room(db, review, rid)
    assert sorted((v.link_id, v.verdict) for v in recorded) == sorted([(link, "holds"), (other, "too early to tell")])  # half is no majority
    screen.locator('[data-testid="review-recorded"]').wait_for(timeout=30_000)
    room = screen.locator('[data-testid="review-room"]').inner_text()
    assert "Holds" in room and "100% holds, 0% too early to tell, 0% does not hold — Holds" in room
    kept = screen.locator('[data-testid="review-recorded"]').inner_text()
    assert "Recorded in this review" in kept and sentence in kept
    assert not screen.locator('[data-testid="stException"]').count()
    assert screen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(screen, "5-verdict-beside-evidence")
    db.close()
