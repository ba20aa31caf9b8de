"""The participant's ballot in real Chromium at phone size (390×844): one element per vote section,
each method voted by tapping, the dot budget that cannot be overspent, ranking by tapping and
moving, results as cards, a late ballot's notice, waiting on the room's signal file.
Screenshots go to $SHOTS (default out/ballot/)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from helpers import ROOT, RunningApp, wait_for_app
from playwright.sync_api import expect

from workshop.core import consensus
from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import joining, voting

SHOTS = Path(os.environ.get("SHOTS") or ROOT / "out" / "ballot")
PHONE = {"width": 390, "height": 844}
TITLES = [
    ("Grow recurring revenue", "Recurring contracts make up most of the revenue."),
    ("Raise margin to 18%", ""),
    ("Be the easiest provider to work with", "Clients rate us first for ease of working."),
    ("Keep clients for five years or more", ""),
    ("Automate routine service work", "Half of routine tickets close without a person."),
    ("Certify every engineer", ""),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    running = RunningApp(tmp_path_factory.mktemp("ballot") / "app.db")
    yield running
    running.stop()


def room(db_file, titles=TITLES, round_title="Which objectives matter most?"):
    """A workshop with `titles` as draft objectives (spread over the perspectives) and one
    participant; returns (db, workshop id, objective ids, code, participant)."""
    db = store.connect(db_file)
    wid = workshops.create_workshop(db, "Atlas Digital", "Managed Cloud")
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    oids = [objectives.add_objective(db, wid, title, persp[k % 2], description=text) for k, (title, text) in enumerate(titles)]
    code = joining.join_code(db, wid)
    return db, wid, oids, code, joining.join(db, code, "Ana Ruiz")


def open_round(db, wid, oids, method, **options):
    return voting.open_round(db, wid, [("objective", o) for o in oids], method=method, title=options.pop("title", f"Vote: {method}"), **options)


def phone(browser):
    return browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True).new_page()


def ballot_of(page, url, token):
    page.goto(f"{url}/?t={token}")
    wait_for_app(page)
    page.locator(".sw-root").first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    return page


def shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def submit_and_wait(page, text="Your votes are in"):
    page.get_by_role("button", name="Submit my votes").click()
    page.get_by_role("button", name="Submit my votes", exact=True).wait_for(timeout=30_000)  # answered
    page.locator(".sw-status-ok", has_text=text).wait_for(timeout=30_000)


def small_targets(page) -> list[str]:
    """Controls of the ballot smaller than 44×44 px (the radios count by their label)."""
    return page.evaluate("""() => {
        const root = document.querySelector('[data-testid=stBidiComponentIsolated]').shadowRoot;
        const out = [];
        for (const node of root.querySelectorAll('button, label.sw-opt')) {
            const box = node.getBoundingClientRect();
            if (box.width < 44 || box.height < 44) out.push(`${node.textContent.trim()} ${box.width}x${box.height}`);
        }
        return out;
    }""")


def wider_than_the_phone(page) -> int:
    return page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")


@pytest.mark.parametrize("method", ["rating", "gradients", "dots", "ranking"])
def test_each_method_is_one_element_with_large_targets_on_a_phone(app, browser, method):
    db, wid, oids, _, ana = room(app.db_file)
    rid = open_round(db, wid, oids, method, timer_seconds=600, dots_total=5, dots_per_item=2)
    page = ballot_of(phone(browser), app.url, ana["token"])
    assert page.locator("[data-testid=stBidiComponentIsolated]").count() == 1  # the whole section
    assert page.locator('[data-testid="stRadio"], [data-testid="stForm"]').count() == 0
    text = page.locator(".sw-root").inner_text()
    assert "Grow recurring revenue" in text and "Recurring contracts make up most of the revenue." in text
    assert re.search(r"Time left: (10:00|9:\d\d)", text)
    assert small_targets(page) == []
    assert wider_than_the_phone(page) <= PHONE["width"]
    shot(page, f"{method}-1-top")
    if method == "rating":
        page.get_by_role("group", name="Grow recurring revenue").get_by_role("radio", name="5 strongly agree").check()
        page.get_by_role("group", name="Raise margin to 18%").get_by_role("radio", name="Skip this item").check()
        assert "2 of 6 answered" in page.locator(".sw-progress").inner_text()
    elif method == "gradients":
        group = page.get_by_role("group", name="Grow recurring revenue")
        labels = [t.strip() for t in group.locator(".sw-opt-main").all_inner_texts()]
        assert labels == [consensus.gradient_label(g) for g in consensus.GRADIENTS]  # Kaner's order
        boxes = [group.locator(".sw-opt").nth(k).bounding_box() for k in range(len(labels))]
        assert all(boxes[k + 1]["y"] > boxes[k]["y"] for k in range(len(labels) - 1))  # a vertical list
        sides = [t.strip() for t in group.locator(".sw-tag").all_inner_texts()]
        assert sides[0] == "Support" and sides[-1] == "Concern"  # the side in words, not only a colour
        group.get_by_role("radio", name="Whole-hearted endorsement").check()
        page.get_by_role("group", name="Raise margin to 18%").get_by_role("radio", name="Block (veto)").check()
    elif method == "dots":
        page.get_by_role("button", name="Put a dot on Grow recurring revenue").click()
        page.get_by_role("button", name="Put a dot on Grow recurring revenue").click()
        page.get_by_role("button", name="Put a dot on Raise margin to 18%").click()
        assert "2 dots left of 5" in page.locator(".sw-progress").inner_text()
    else:
        # the first and third objectives share a perspective: rank within it
        page.get_by_role("button", name=re.compile("^Be the easiest provider to work with: make it number 1")).click()
        page.get_by_role("button", name=re.compile("^Grow recurring revenue: make it number 2")).click()
    page.locator(".sw-footer").scroll_into_view_if_needed()
    shot(page, f"{method}-2-chosen")
    submit_and_wait(page)
    shot(page, f"{method}-3-acknowledged")
    mine = voting.my_ballots(db, ana["token"], rid)
    items = {i["label"]: i["id"] for i in voting.round_items(db, rid)}
    other = "Be the easiest provider to work with" if method == "ranking" else "Raise margin to 18%"
    first, second = mine[items["Grow recurring revenue"]], mine[items[other]]
    expected = {"rating": ((5, 0), (None, 1)), "gradients": ("endorse", "block"), "dots": (2, 1), "ranking": (2, 1)}[method]
    got = {
        "rating": lambda b: (b["rating"], b["skipped"]),
        "gradients": lambda b: b["gradient"],
        "dots": lambda b: b["dots"],
        "ranking": lambda b: b["rank"],
    }[method]
    assert (got(first), got(second)) == expected
    db.close()


def test_dots_cannot_be_overspent_and_dots_left_is_always_shown(app, browser):
    db, wid, oids, _, ana = room(app.db_file)
    rid = open_round(db, wid, oids, "dots", dots_total=3, dots_per_item=2)
    page = ballot_of(phone(browser), app.url, ana["token"])
    plus = page.get_by_role("button", name="Put a dot on Grow recurring revenue")
    for _ in range(4):  # the third and fourth press find the item full (aria-disabled: a forced tap)
        plus.click(force=True)
    assert "1 dot left of 3" in page.locator(".sw-progress").inner_text()
    assert plus.get_attribute("aria-disabled") == "true"
    other = page.get_by_role("button", name="Put a dot on Raise margin to 18%")
    for _ in range(3):
        other.click(force=True)
    assert "0 dots left of 3" in page.locator(".sw-progress").inner_text()
    expect(page.locator(".sw-live")).to_have_text("No dots left. Take one back from another item first.")  # said
    page.get_by_role("button", name="Take a dot back from Grow recurring revenue").click()
    page.get_by_role("button", name="Put a dot on Keep clients for five years or more").click()
    submit_and_wait(page)
    assert sum(b["dots"] for b in voting.my_ballots(db, ana["token"], rid).values()) == 3
    db.close()


def test_ranking_by_tapping_in_order_and_moving_up_and_down(app, browser):
    db, wid, oids, _, ana = room(app.db_file)
    rid = open_round(db, wid, oids, "ranking")
    page = ballot_of(phone(browser), app.url, ana["token"])
    group = page.get_by_role("group", name=re.compile("^Financial"))
    for title in ("Grow recurring revenue", "Be the easiest provider to work with", "Automate routine service work"):
        group.get_by_role("button", name=re.compile(f"^{re.escape(title)}: make it number")).click()
    group.get_by_role("button", name=re.compile("^Move Automate routine service work up")).click()
    order = group.locator(".sw-ranked .sw-title").all_inner_texts()
    assert order == ["Grow recurring revenue", "Automate routine service work", "Be the easiest provider to work with"]
    shot(page, "ranking-4-ordered")
    submit_and_wait(page)
    items = {i["id"]: i["label"] for i in voting.round_items(db, rid)}
    ranks = {items[k]: b["rank"] for k, b in voting.my_ballots(db, ana["token"], rid).items()}
    assert ranks == {"Grow recurring revenue": 1, "Automate routine service work": 2, "Be the easiest provider to work with": 3}
    db.close()


def test_closed_results_are_cards_that_fit_a_phone(app, browser):
    db, wid, oids, code, ana = room(app.db_file)
    rid = open_round(db, wid, oids, "gradients", anonymity="named")
    items = voting.round_items(db, rid)
    for k, choice in enumerate(["endorse", "reservations", "more_discussion", "block", "endorse"]):
        person = joining.join(db, code, f"Person {k} with a rather long name to wrap")
        voting.submit(db, person["token"], rid, {i["id"]: choice for i in items})
    voting.close_round(db, rid)
    page = ballot_of(phone(browser), app.url, ana["token"])
    page.locator(".sw-result").first.wait_for()
    assert page.locator(".sw-result").count() == len(items)
    first = page.locator(".sw-result").first.inner_text()
    assert "Blocked: discuss" in first and "Blocks" in first and "Person 3 with a rather long name" in first
    assert wider_than_the_phone(page) <= PHONE["width"]
    assert page.locator("table, [data-testid=stTable]").count() == 0
    page.locator(".sw-results-block").scroll_into_view_if_needed()
    shot(page, "results-1-cards")
    db.close()


def test_a_late_ballot_says_not_counted_until_the_participant_reads_it(app, browser):
    db, wid, oids, _, ana = room(app.db_file)
    rid = open_round(db, wid, oids, "rating")
    page = ballot_of(phone(browser), app.url, ana["token"])
    page.get_by_role("group", name="Grow recurring revenue").get_by_role("radio", name="4 agree").check()
    voting.close_round(db, rid)  # the facilitator closes it while Ana is still choosing
    page.get_by_role("button", name="Submit my votes").click()
    notice = page.locator(".sw-notice-error")
    notice.wait_for(timeout=30_000)
    assert notice.inner_text().startswith("⚠ Too late: “Vote: rating” closed before the votes you just sent arrived")
    assert "not counted" in notice.inner_text()
    time.sleep(6)  # the room changed: the page redraws (results), the notice stays
    wait_for_app(page)
    assert "not counted" in page.locator(".sw-notice-error").inner_text()
    shot(page, "late-ballot-notice")
    page.get_by_role("button", name="OK, understood").click()
    page.locator(".sw-notice-error").wait_for(state="detached", timeout=30_000)
    assert voting.my_ballots(db, ana["token"], rid) == {}
    db.close()


def test_a_round_closed_under_a_ballot_not_all_in_says_what_counted(app, browser):
    db, wid, oids, _, ana = room(app.db_file, titles=TITLES[:2])
    rid = open_round(db, wid, oids, "rating", title="Half done")
    page = ballot_of(phone(browser), app.url, ana["token"])
    page.get_by_role("group", name=TITLES[0][0]).get_by_role("radio", name="4 agree").check()
    submit_and_wait(page)
    voting.close_round(db, rid)  # the page learns it from the signal file
    notice = page.locator(".sw-notice-error")
    notice.wait_for(timeout=30_000)
    assert "“Half done” closed with your votes in for 1 of 2 items; the rest were not counted." in notice.inner_text()
    page.get_by_role("button", name="OK, understood").click()
    notice.wait_for(state="detached", timeout=30_000)
    db.close()


def test_changes_not_sent_when_the_round_closes_are_said_to_be_lost(app, browser):
    db, wid, oids, _, ana = room(app.db_file, titles=TITLES[:2])
    rid = open_round(db, wid, oids, "rating", title="Changed my mind")
    page = ballot_of(phone(browser), app.url, ana["token"])
    for title in (TITLES[0][0], TITLES[1][0]):
        page.get_by_role("group", name=title).get_by_role("radio", name="4 agree").check()
    submit_and_wait(page)
    page.get_by_role("group", name=TITLES[0][0]).get_by_role("radio", name="2 disagree").check()  # not sent
    voting.close_round(db, rid)
    notice = page.locator(".sw-notice-error")
    notice.wait_for(timeout=30_000)
    assert notice.count() == 1  # the ballot was all in: only the unsent change is news
    assert "“Changed my mind” closed before you sent your last changes" in notice.inner_text()
    page.get_by_role("button", name="OK, understood").click()
    notice.wait_for(state="detached", timeout=10_000)
    assert [b["rating"] for b in voting.my_ballots(db, ana["token"], rid).values()] == [4, 4]
    db.close()


def test_a_waiting_page_learns_of_a_new_round_from_the_signal_file(app, browser):
    db, wid, oids, _, ana = room(app.db_file)
    page = ballot_of(phone(browser), app.url, ana["token"])
    assert "No vote is open right now." in page.locator(".sw-root").inner_text()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/app/static/room/" in r.url else None)
    open_round(db, wid, oids, "rating", title="Opened while waiting")
    page.locator(".sw-round-title", has_text="Opened while waiting").wait_for(timeout=30_000)
    assert fetched, "the ballot watched the signal file"
    db.close()


def test_a_ballot_redrawn_many_times_still_fetches_the_signal_file_only_every_few_seconds(app, browser):
    db, wid, oids, _, ana = room(app.db_file, titles=TITLES[:2])
    open_round(db, wid, oids, "rating")
    page = ballot_of(phone(browser), app.url, ana["token"])
    for value in ("1 strongly disagree", "2 disagree", "3 neither", "4 agree"):  # four redraws
        page.get_by_role("group", name=TITLES[0][0]).get_by_role("radio", name=value).check()
        page.get_by_role("button", name="Submit my votes").click()
        page.get_by_role("button", name="Submit my votes", exact=True).wait_for(timeout=30_000)  # not "Sending…"
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/app/static/room/" in r.url else None)
    page.wait_for_timeout(12_000)
    assert 1 <= len(fetched) <= 5, f"{len(fetched)} fetches in 12 s: one watcher every 4 s (±20 %)"
    db.close()


def test_a_participant_writing_a_comment_is_told_a_vote_opened_and_taken_there(app, browser):
    db, wid, oids, _, ana = room(app.db_file)
    page = ballot_of(phone(browser), app.url, ana["token"])
    page.locator(".st-key-section").get_by_text("Comment").click()
    page.get_by_label("Your comment").fill("Half typed")
    open_round(db, wid, oids, "rating", title="Opened while commenting")
    page.get_by_text("A vote is open.").wait_for(timeout=30_000)
    assert page.get_by_label("Your comment").input_value() == "Half typed"  # nothing typed is lost
    shot(page, "watch-vote-opened")
    page.get_by_role("button", name="Go to the vote").click()
    page.locator(".sw-round-title", has_text="Opened while commenting").wait_for(timeout=30_000)
    db.close()


def test_the_simple_form_stands_in_when_chosen(app, browser):
    db, wid, oids, _, ana = room(app.db_file, titles=TITLES[:2])
    rid = open_round(db, wid, oids, "rating")
    page = ballot_of(phone(browser), app.url, ana["token"])
    page.get_by_test_id("stCheckbox").get_by_text("Use the simple form").click()
    page.get_by_role("button", name="Submit my votes").wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("[data-testid=stBidiComponentIsolated]").count() == 0
    item = voting.round_items(db, rid)[0]["id"]
    page.locator(f".st-key-vote-{rid}-{item}").get_by_text("3", exact=True).click()
    page.get_by_role("button", name="Submit my votes").click()
    page.get_by_text("Your votes are in").wait_for(timeout=30_000)
    assert voting.my_ballots(db, ana["token"], rid)[item]["rating"] == 3
    db.close()


def test_a_browser_where_the_ballot_cannot_be_drawn_gets_the_simple_form_by_itself(app, browser):
    db, wid, oids, _, ana = room(app.db_file, titles=TITLES[:2])
    rid = open_round(db, wid, oids, "rating")
    page = phone(browser)
    page.add_init_script("""(() => {  // a browser where drawing the ballot fails half way
        const make = Document.prototype.createElement;
        Document.prototype.createElement = function (tag, ...rest) {
            if (String(tag).toLowerCase() === "fieldset") throw new Error("no fieldset in this browser");
            return make.call(this, tag, ...rest);
        };
    })()""")
    page.goto(f"{app.url}/?t={ana['token']}")
    page.get_by_text("The ballot could not be shown in this browser, so the simple form is used.").wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.locator("[data-testid=stBidiComponentIsolated]").count() == 0
    item = voting.round_items(db, rid)[0]["id"]
    page.locator(f".st-key-vote-{rid}-{item}").get_by_text("2", exact=True).click()
    page.get_by_role("button", name="Submit my votes").click()
    page.get_by_text("Your votes are in").wait_for(timeout=30_000)
    assert voting.my_ballots(db, ana["token"], rid)[item]["rating"] == 2
    db.close()
