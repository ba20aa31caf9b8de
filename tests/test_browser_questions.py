"""Questions from the room in real Chromium: a question asked anonymously on one phone (390×844) and
upvoted on two others reaches the room's screen (1920×1080) ranked, with no name anywhere (neither in
the text shown nor in the DOM of the phones, the facilitator's page or the screen); axe-core finds
nothing serious on the Questions section. Screenshots go to $SHOTS (default out/questions/)."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import ROOT, wait_for_app
from test_ballot_a11y import serious

from workshop.db import store
from workshop.room import joining, questions

SHOTS = Path(os.environ.get("SHOTS") or ROOT / "out" / "questions")
PHONE = {"width": 390, "height": 844}
ASKER = "Ines Quarrington"  # a name found nowhere else on these pages
ASKED = "Why does the training budget shrink while the <b>cloud</b> academy grows?"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def phone_on_questions(browser, url: str, token: str):
    page = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True, is_mobile=True).new_page()
    page.goto(f"{url}/?t={token}")
    wait_for_app(page)
    page.locator(".st-key-section").get_by_text("Questions").click()
    page.get_by_text("The room's questions").wait_for(timeout=30_000)
    return page


def no_name(page, name: str = ASKER) -> None:
    assert name not in page.inner_text("body")
    assert name not in page.content()  # nor anywhere in the DOM: attributes, hidden nodes
    for frame in page.frames:
        assert name not in frame.content()


def test_an_anonymous_question_upvoted_on_two_phones_reaches_the_screen_ranked_and_nameless(demo_app, browser):
    app, wid = demo_app
    db = store.connect(app.db_file)
    code = joining.join_code(db, wid)
    asker, bo, cy = (joining.join(db, code, n)["token"] for n in (ASKER, "Bo Lindqvist", "Cy Adeyemi"))
    earlier = questions.ask(db, cy, "Who owns the churn measure?")  # an earlier question, upvoted by one

    first = phone_on_questions(browser, app.url, asker)
    assert serious(first) == []  # the new screen, empty form
    first.get_by_label("Your question").fill(ASKED)
    first.get_by_role("button", name="Ask").click()
    first.get_by_text("Your question is in").wait_for(timeout=30_000)
    first.get_by_text(ASKED).wait_for(timeout=10_000)  # the typed tags shown as text
    assert first.locator(".st-key-question-body textarea").input_value() == ""
    assert serious(first) == []  # with the room's questions listed
    shot(first, "phone-1-asked")
    (mine,) = [q for q in questions.ranked(db, wid) if q["body"] == ASKED]
    assert mine["name"] is None

    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(f"{app.url}/present?w={wid}")  # the laptop running the app is the facilitator's
    wait_for_app(screen)

    phones = [phone_on_questions(browser, app.url, token) for token in (bo, cy)]
    for page in phones:
        card = page.locator(f".st-key-asked-{mine['id']}")
        card.wait_for(timeout=30_000)
        assert "anonymous" in card.inner_text()
        card.get_by_role("button", name="Upvote").click()
        card.get_by_role("button", name="Upvoted").wait_for(timeout=30_000)
    phones[0].locator(f".st-key-asked-{earlier}").get_by_role("button", name="Upvote").click()
    phones[0].locator(f".st-key-asked-{earlier}").get_by_role("button", name="Upvoted").wait_for(timeout=30_000)
    assert [(q["id"], q["upvotes"]) for q in questions.ranked(db, wid)] == [(mine["id"], 2), (earlier, 1)]
    first.get_by_text("2 upvotes").wait_for(timeout=30_000)  # the asker's list follows by itself
    shot(phones[1], "phone-3-upvoted")
    texts = first.locator('[class*="st-key-asked-"]').all_inner_texts()
    assert ASKED in texts[0] and "your question" in texts[0]  # ranked first, marked as one's own

    laptop = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    laptop.goto(f"{app.url}/?w={wid}")
    wait_for_app(laptop)
    laptop.locator('[data-testid="stSidebarNav"]').get_by_text("Comments").click()
    wait_for_app(laptop)
    laptop.locator(f".st-key-fq-screen-{mine['id']} button").click()
    laptop.locator(f".st-key-fq-{mine['id']}", has_text="on the projector").wait_for(timeout=30_000)
    no_name(laptop)

    question = screen.locator('[data-testid="present-question"]')
    question.wait_for(timeout=30_000)  # the screen follows by itself
    assert question.inner_text().strip() == ASKED
    meta = screen.locator('[data-testid="present-upvotes"]').inner_text()
    assert "2 upvotes" in meta and "asked anonymously" in meta
    assert "1 of 2 by upvotes" in screen.inner_text("body")
    assert float(screen.evaluate("parseFloat(getComputedStyle(document.querySelector('[data-testid=present-question]')).fontSize)")) >= 60
    assert screen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not screen.locator('[data-testid="stException"]').count()
    shot(screen, "present-question-1920")
    for page in (screen, *phones):  # (the asker's own page greets them by name)
        no_name(page)
    assert not screen.locator("b", has_text="cloud").count()  # the typed tag is text, not bold

    laptop.locator(f".st-key-fq-screen-{mine['id']} button").click()  # taken down: the screen follows the room again
    question.wait_for(state="detached", timeout=30_000)
    db.close()
