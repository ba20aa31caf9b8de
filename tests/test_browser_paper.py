"""A mixed room in real Chromium: a participant votes on a phone; the facilitator, at a 1280×720
laptop, adds a paper ballot and a show of hands, then closes the round; the projector (1920×1080),
the facilitator's results, the phone's results and the PDF all say which votes came on paper and by
hand. Screenshots go to $SHOTS if it is set."""

import os
import re
import subprocess
from pathlib import Path

from helpers import wait_for_app
from playwright.sync_api import expect

from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.method import objectives, workshops
from workshop.room import joining, paper, voting
from workshop.starters import starting

SHOTS = os.environ.get("SHOTS")
MARK = "includes 1 paper ballot and 3 by show of hands"


def shot(page, name: str, full: bool = False) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=full)


def _scroll_to(page, locator) -> None:
    """Put `locator` at the top of the window, as the facilitator would scroll to it."""
    locator.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)


def _room(db_file) -> tuple[int, int, list[dict]]:
    db = store.connect(db_file)
    wid = starting.create_workshop(db, "Atlas Digital", "Managed Cloud")  # no passphrase: this laptop only
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    oids = [
        objectives.add_objective(db, wid, title, persp[i])
        for i, title in enumerate(["Grow recurring revenue", "Be the easiest provider to work with"])
    ]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", title="Do we keep these objectives?")
    items = voting.round_items(db, rid)
    db.close()
    return wid, rid, items


def test_a_paper_ballot_and_a_show_of_hands_count_and_are_marked_everywhere(running_app, browser, tmp_path):
    url = running_app.url
    wid, rid, items = _room(running_app.db_file)
    first, second = items
    db = store.connect(running_app.db_file)
    code = joining.join_code(db, wid)

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    phone.goto(f"{url}/?join={code}")
    wait_for_app(phone)
    phone.get_by_label("Your name", exact=True).fill("Ana Ruiz")
    phone.get_by_role("button", name="Join", exact=True).click()
    phone.get_by_text("Hello, Ana Ruiz").wait_for(timeout=30_000)
    phone.get_by_role("group", name=first["label"]).get_by_role("radio", name="4 agree").check(timeout=30_000)
    phone.get_by_role("group", name=second["label"]).get_by_role("radio", name="2 disagree").check(timeout=30_000)
    phone.get_by_role("button", name="Submit my votes").click()
    phone.locator(".sw-status-ok", has_text="Your votes are in").wait_for(timeout=30_000)

    laptop = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    laptop.goto(f"{url}/?w={wid}")
    wait_for_app(laptop)
    laptop.locator('[data-testid="stSidebarNav"]').get_by_text("Voting rounds").click()
    wait_for_app(laptop)
    laptop.get_by_text("Votes without a device").click()
    wait_for_app(laptop)

    # a paper ballot, laid out like the ballot
    name_box = laptop.get_by_label(re.compile(r"^Name on the paper \(the room sees it; "))
    name_box.wait_for(timeout=30_000)
    wait_for_app(laptop)  # the panel's opening rerun is over: nothing typed from here on is redrawn away
    name_box.fill("Dora <b>Diaz</b>")
    laptop.locator(f".st-key-paper-{rid}-0-{first['id']}").get_by_text("5", exact=True).click()
    laptop.locator(f".st-key-paper-{rid}-0-{second['id']}").get_by_text("3", exact=True).click()
    _scroll_to(laptop, laptop.get_by_text("Votes without a device"))
    shot(laptop, "paper-1-ballot-form-1280x720")
    expect(name_box).to_have_value("Dora <b>Diaz</b>")
    laptop.get_by_role("button", name="Add the paper ballot").click()
    wait_for_app(laptop, timeout=60_000)
    confirmed = laptop.get_by_text("“Dora <b>Diaz</b>” counted: 2 answers, marked as entered on paper.")
    try:
        confirmed.wait_for(timeout=60_000)
    except Exception:  # say what the page said instead
        raise AssertionError(laptop.inner_text("section.stMain")[:1500]) from None
    wait_for_app(laptop)
    assert paper.paper_ballots(db, rid)[0]["name"] == "Dora <b>Diaz</b>"

    # a show of hands: three people, counted per item
    laptop.get_by_role("tab", name="Show of hands").click()
    wait_for_app(laptop)
    laptop.locator(f".st-key-hands-people-{rid}-1 input").fill("3")
    laptop.locator(f".st-key-hands-{rid}-1-{first['id']}-5 input").fill("2")
    laptop.locator(f".st-key-hands-{rid}-1-{first['id']}-4 input").fill("1")
    laptop.locator(f".st-key-hands-{rid}-1-{second['id']}-2 input").fill("3")
    laptop.locator(f".st-key-hands-{rid}-1-{second['id']}-2 input").press("Tab")
    _scroll_to(laptop, laptop.get_by_role("tab", name="Show of hands"))
    shot(laptop, "paper-2-hand-grid-1280x720")
    laptop.get_by_role("button", name="Record the show of hands").click()
    laptop.get_by_text("Show of hands recorded: 3 people voting by hand, 6 hands raised across 2 items.").wait_for(timeout=30_000)
    assert paper.hand_counts(db, rid)[first["id"]]["counts"] == {"5": 2, "4": 1}
    laptop.get_by_text("Turnout: 5 of 5 have voted · 1 on paper · 3 by show of hands").wait_for(timeout=30_000)

    # the projector while the round is open
    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(url)
    wait_for_app(screen)
    screen.goto(f"{url}/present?w={wid}")
    wait_for_app(screen)
    sources = screen.locator('[data-testid="present-sources"]')
    sources.wait_for(timeout=30_000)
    assert sources.inner_text() == MARK[0].upper() + MARK[1:]
    assert re.search(r"5 of 5\s+have voted", screen.locator('[data-testid="present-turnout"]').inner_text())
    shot(screen, "paper-3-present-open-1920x1080")

    # close: every results view says where the votes came from
    laptop.get_by_role("button", name="Close the round").click()
    laptop.get_by_text("Closed rounds").wait_for(timeout=30_000)
    wait_for_app(laptop)
    laptop.get_by_text(f"5 voted ({MARK})").wait_for(timeout=30_000)
    shot(laptop, "paper-6-closed-round-1280x720")
    screen.locator('[data-testid="present-chart"]').first.wait_for(timeout=30_000)
    assert "closed · 5 voted" in screen.inner_text("body")
    assert screen.locator('[data-testid="present-sources"]').inner_text() == MARK[0].upper() + MARK[1:]
    shot(screen, "paper-4-present-results-1920x1080")
    phone.get_by_text(MARK).first.wait_for(timeout=30_000)
    phone.get_by_text("Dora <b>Diaz</b> (on paper)").first.wait_for(timeout=30_000)
    shot(phone, "paper-5-phone-results-390x844", full=True)

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(document.build_pdf(record.read(db, wid)))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert f"5 of 5 in the room voted (100%) · {MARK}, entered by the facilitator" in text
    assert "Dora <b>Diaz</b> (paper)" in text
    db.close()
