"""A live workshop in real Chromium: a facilitator and three participants, each in their own
browser context, join, vote in a dot round and a rating round, comment; the facilitator closes
the rounds, sees the verdicts and records decisions. Screenshots go to $SHOTS if it is set."""

import os
import re
from pathlib import Path

from helpers import wait_for_app
from playwright.sync_api import expect

from ui import nav
from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import discussion, joining, voting
from workshop.starters import starting

PASS = "facilitate well"
SHOTS = os.environ.get("SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _workshop(db_file) -> tuple[int, list[int]]:
    db = store.connect(db_file)
    wid = starting.create_workshop(db, "Atlas Digital", "Managed Cloud", passphrase=PASS)
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    oids = [
        objectives.add_objective(db, wid, title, persp[i])
        for i, title in enumerate(["Grow recurring revenue", "Be the easiest provider to work with", "Automate service delivery"])
    ]
    db.close()
    return wid, oids


def _sidebar(page, label: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_text(label).click()
    wait_for_app(page)


def _join(context, url: str, name: str, code: str, by_link: bool):
    page = context.new_page()
    if by_link:
        page.goto(f"{url}/?join={code}")
    else:
        page.goto(f"{url}/join")
    wait_for_app(page)
    if not by_link:
        page.get_by_label("Workshop code", exact=True).fill(code.lower())
    page.get_by_label("Your name", exact=True).fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    page.get_by_text(f"Hello, {name}").wait_for(timeout=30_000)
    wait_for_app(page)
    assert "t=" in page.url
    return page


def _open_round(page, method: str) -> None:
    if page.get_by_role("button", name="Open a new round").is_visible():
        page.get_by_role("button", name="Open a new round").click()
        wait_for_app(page)
    page.locator(".st-key-round-method").get_by_text(method, exact=True).click()
    wait_for_app(page)
    page.get_by_role("button", name="All 3").click()  # nothing is preselected: choose the three drafts
    wait_for_app(page)
    page.get_by_role("button", name="Open the round on 3 items").click()
    page.get_by_text("Close the round").wait_for(timeout=30_000)


RATING_NAMES = {"5": "5 strongly agree", "4": "4 agree", "2": "2 disagree", "Skip": "Skip this item"}


def _vote(page, method: str, choices: dict[str, str]) -> None:
    """Vote in the ballot component (it appears once the page learns from the room's signal file
    that the round opened): dots with +, ratings by their radio."""
    for title, option in choices.items():
        if method == "dots":
            for _ in range(int(option)):
                page.get_by_role("button", name=f"Put a dot on {title}").click(timeout=30_000)
        else:
            page.get_by_role("group", name=title).get_by_role("radio", name=RATING_NAMES[option]).check(timeout=30_000)
    page.get_by_role("button", name="Submit my votes").click()
    page.locator(".sw-status-ok", has_text="Your votes are in").wait_for(timeout=30_000)


def _close(page, voters: int) -> None:
    page.get_by_text(f"{voters} of {voters} have voted").wait_for(timeout=30_000)
    page.get_by_role("button", name="Close the round").click()
    page.get_by_text("Closed rounds").wait_for(timeout=30_000)
    wait_for_app(page)


def test_a_live_workshop_with_a_facilitator_and_three_participants(running_app, browser):
    url = running_app.url
    wid, oids = _workshop(running_app.db_file)
    facilitator = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    facilitator.goto(f"{url}/{nav.JOIN_SCREEN.address}?w={wid}")  # the menu shows once the workshop is unlocked
    wait_for_app(facilitator)
    facilitator.get_by_label("Passphrase", exact=True).fill("not the passphrase")
    facilitator.get_by_role("button", name="Open the workshop").click()
    facilitator.get_by_text("not the facilitator's passphrase").wait_for()
    facilitator.get_by_label("Passphrase", exact=True).fill(PASS)
    facilitator.get_by_role("button", name="Open the workshop").click()
    facilitator.get_by_text("Scan to join").wait_for(timeout=30_000)
    db = store.connect(running_app.db_file)
    code = joining.join_code(db, wid)
    assert code in facilitator.inner_text("body") and f"/?join={code}" in facilitator.inner_text("body")
    shot(facilitator, "1-join-screen")

    contexts = [browser.new_context(viewport={"width": 1000, "height": 900}) for _ in range(3)]
    people = {
        "Ana Ruiz": _join(contexts[0], url, "Ana Ruiz", code, by_link=True),
        "Ben Okafor": _join(contexts[1], url, "Ben Okafor", code, by_link=False),
        "Chen Wei": _join(contexts[2], url, "Chen Wei", code, by_link=True),
    }
    facilitator.get_by_text("In the room: 3").wait_for(timeout=30_000)
    shot(facilitator, "2-people")

    # a dot round: five dots, at most two on one item
    _sidebar(facilitator, "Voting rounds")
    _open_round(facilitator, "Dot voting")
    rid = voting.open_rounds(db, wid)[0]["id"]
    titles = [i["label"] for i in voting.round_items(db, rid)]
    for n, page in enumerate(people.values()):
        _vote(page, "dots", {titles[0]: "2", titles[1]: "2", titles[2]: "1" if n else "0"})
    shot(people["Ana Ruiz"], "3-dot-ballot")
    _close(facilitator, 3)
    assert [r["dots"] for r in db.query("SELECT sum(dots) AS dots FROM ballot WHERE round_id = ? GROUP BY item_id ORDER BY item_id", [rid])] == [
        6,
        6,
        2,
    ]

    # a rating round; a participant's reload keeps identity and ballots
    _open_round(facilitator, "Rating 1–5")
    rid = voting.open_rounds(db, wid)[0]["id"]
    items = [i["id"] for i in voting.round_items(db, rid)]
    for name, page in people.items():
        _vote(page, "rating", {titles[0]: "5", titles[1]: "4" if name != "Chen Wei" else "2", titles[2]: "Skip"})
    ana = people["Ana Ruiz"]
    ana.reload()
    wait_for_app(ana)
    assert "Hello, Ana Ruiz" in ana.inner_text("body")
    checked = ana.get_by_role("group", name=titles[0]).locator("input:checked")
    assert checked.get_attribute("value", timeout=30_000) == "5"  # the ballot came back with the identity
    assert "%" not in ana.inner_text("body")  # results hidden until close: no totals on the page
    shot(ana, "4-rating-after-reload")

    # a comment, from the participant's own page
    ben = people["Ben Okafor"]
    ben.locator(".st-key-section").get_by_text("Comment").click()
    ben.get_by_label("Your comment").fill("Which customers? <b>Name the segment</b>")
    ben.get_by_role("button", name="Post").click()
    ben.locator("p", has_text="Which customers? <b>Name the segment</b>").wait_for(timeout=30_000)
    expect(ben.get_by_label("Your comment")).to_have_value("", timeout=30_000)  # posted: the form is empty

    _close(facilitator, 3)
    body = facilitator.inner_text("body")
    assert "Consensus" in body and "Re-discuss" in body and "No votes" in body
    shot(facilitator, "5-verdicts")
    # the consensus item starts at "Agree"; the re-discussed one waits for the facilitator's choice
    facilitator.get_by_role("button", name="Record this decision").wait_for(timeout=30_000)
    facilitator.locator(f".st-key-decide-{rid}-{items[1]}-outcome").get_by_role("radio", name="Drop").click()
    wait_for_app(facilitator)
    facilitator.locator(f".st-key-decide-{rid}-{items[1]}-why input").fill("Too vague; folded into another objective.")
    facilitator.locator(f".st-key-decide-{rid}-{items[1]}-why input").press("Enter")
    wait_for_app(facilitator)
    facilitator.get_by_role("button", name="Record these 2 decisions").click()
    facilitator.get_by_text("Decisions (2 of 3 recorded)").first.wait_for(timeout=30_000)
    statuses = [objectives.get_objective(db, o)["status"] for o in oids]
    assert statuses == ["agreed", "dropped", "draft"]
    decided = [(d["subject"], d["outcome"]) for d in db.query("SELECT * FROM decision ORDER BY id")]
    assert decided == [("Grow recurring revenue", "agreed"), ("Be the easiest provider to work with", "dropped")]
    assert discussion.comments(db, wid)[0]["author"] == "Ben Okafor"

    # a participant who opens a facilitator page's URL gets nothing of it
    token = joining.participants(db, wid) and re.search(r"t=([^&]+)", ana.url).group(1)
    for path in ("rounds", "join_screen", "comments", "architecture"):
        ana.goto(f"{url}/{path}?t={token}&w={wid}")
        wait_for_app(ana)
        text = ana.inner_text("body")
        assert "Hello, Ana Ruiz" in text
        assert "Open another round" not in text and "Scan to join" not in text and "Record decisions" not in text
    ana.goto(f"{url}/rounds?w={wid}")  # dropping the token does not help either
    wait_for_app(ana)
    assert "Facilitator passphrase" in ana.inner_text("body") and "Open a new round" not in ana.inner_text("body")
    shot(ana, "6-participant-on-facilitator-url")
    db.close()
    for context in contexts:
        context.close()
