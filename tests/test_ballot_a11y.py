"""WCAG 2.2 AA on the participant's side, in Chromium at phone size: axe-core (shipped by
axe-playwright-python) finds no serious or critical violation on the join page, each method's
ballot, the results and the notices; and a participant joins and votes with the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import RunningApp, wait_for_app
from test_ballot_browser import PHONE, TITLES, ballot_of, open_round, room, shot

from workshop.method import plan
from workshop.room import joining, voting

AXE = Axe()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    running = RunningApp(tmp_path_factory.mktemp("a11y") / "app.db")
    yield running
    running.stop()


def serious(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    violations = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def focused(page) -> dict:
    """What has the keyboard focus, looking into the ballot's shadow root."""
    return page.evaluate("""() => {
        let node = document.activeElement;
        while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
        if (!node) return {};
        const label = node.closest('label');
        const ring = getComputedStyle(label || node);
        return {tag: node.tagName, type: node.type || '', key: node.getAttribute('data-key') || '',
                name: node.getAttribute('aria-label') || node.value || node.textContent.trim(),
                checked: !!node.checked, label: node.getAttribute('aria-label') || '',
                outline: ring.outlineStyle + ' ' + ring.outlineWidth};
    }""")


def tab_to(page, wanted, limit: int = 60) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"Tab never reached the element; last focus: {focused(page)}")


def test_the_join_page_has_no_serious_violation(app, browser):
    db, wid, _, code, _ = room(app.db_file)
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{app.url}/?join={code}")
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert serious(page) == []
    db.close()


@pytest.mark.parametrize("method", ["rating", "gradients", "dots", "ranking", "fist_to_five"])
def test_each_ballot_has_no_serious_violation(app, browser, method):
    db, wid, oids, _, ana = room(app.db_file)
    open_round(db, wid, oids, method, timer_seconds=900)
    page = ballot_of(browser.new_context(viewport=PHONE).new_page(), app.url, ana["token"])
    assert serious(page) == []
    if method == "ranking":  # the ranked list and its move buttons too
        page.get_by_role("button", name=f"{TITLES[0][0]}: make it number 1").click()
        page.get_by_role("button", name=f"{TITLES[2][0]}: make it number 2").click()
        assert serious(page) == []
    db.close()


def test_results_waiting_and_a_late_notice_have_no_serious_violation(app, browser):
    db, wid, oids, code, ana = room(app.db_file)
    page = ballot_of(browser.new_context(viewport=PHONE).new_page(), app.url, ana["token"])
    assert serious(page) == []  # waiting for a round
    rid = open_round(db, wid, oids, "rating")
    page.locator(".sw-round").wait_for(timeout=30_000)
    page.get_by_role("group", name=TITLES[0][0]).get_by_role("radio", name="4 agree").check()
    for k in range(3):
        person = joining.join(db, code, f"Voter {k}")
        voting.submit(db, person["token"], rid, {i["id"]: str(k + 2) for i in voting.round_items(db, rid)})
    voting.close_round(db, rid)
    page.get_by_role("button", name="Submit my votes").click()
    page.locator(".sw-notice-error").wait_for(timeout=30_000)
    page.locator(".sw-result").first.wait_for(timeout=30_000)
    assert serious(page) == []
    db.close()


def test_a_participant_joins_and_votes_with_the_keyboard_alone(app, browser):
    db, wid, oids, code, _ = room(app.db_file, titles=TITLES[:3])
    rid = open_round(db, wid, oids, "rating")
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{app.url}/join")
    wait_for_app(page)
    tab_to(page, lambda f: f.get("tag") == "INPUT" and f.get("label") == "Workshop code")  # past the language chooser, which comes first
    page.keyboard.type(code.lower())
    page.keyboard.press("Tab")
    page.keyboard.type("Kim Keyboard")
    tab_to(page, lambda f: f.get("tag") == "BUTTON" and f.get("name") == "Join")
    page.keyboard.press("Enter")
    page.get_by_text("Hello, Kim Keyboard").wait_for(timeout=30_000)
    wait_for_app(page)
    page.locator(".sw-round").wait_for(timeout=30_000)

    first = tab_to(page, lambda f: f.get("type") == "radio")  # into the first item's radio group
    assert first["key"].endswith("-1") and first["outline"].startswith("solid")  # focus is visible
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # arrows move and choose within the group: 4
    assert focused(page)["key"].endswith("-4") and focused(page)["checked"]
    second = tab_to(page, lambda f: f.get("type") == "radio")  # Tab leaves the group for the next item
    assert second["key"] != first["key"] and second["key"].endswith("-1")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    submit = tab_to(page, lambda f: f.get("key", "").endswith("-submit"))
    assert submit["outline"].startswith("solid")
    page.keyboard.press("Enter")
    page.locator(".sw-status-ok", has_text="Your votes are in for 2 of 3 items").wait_for(timeout=30_000)
    shot(page, "keyboard-voted")
    token = db.execute("SELECT token FROM participant WHERE name = 'Kim Keyboard'").fetchone()[0]
    ballots = voting.my_ballots(db, token, rid)
    items = [i["id"] for i in voting.round_items(db, rid)]
    assert [ballots[i]["rating"] for i in items[:2]] == [4, 2] and items[2] not in ballots
    db.close()


@pytest.mark.parametrize("method", ["grid", "split"])
def test_the_grid_and_the_split_have_no_serious_violation_and_work_from_the_keyboard(app, browser, method):
    db, wid, oids, _, ana = room(app.db_file)
    if method == "grid":
        open_round(db, wid, oids[:3], "grid")
    else:
        iids = [plan.add_initiative(db, wid, name, budget=b) for name, b in (("Cloud academy", 100.0), ("Portal", 300.0))]
        voting.open_round(db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3)
    page = ballot_of(browser.new_context(viewport=PHONE).new_page(), app.url, ana["token"])
    assert serious(page) == []
    if method == "grid":
        now = tab_to(page, lambda f: f["type"] == "radio")
        page.keyboard.press("ArrowRight")  # the arrows move along one scale, as in any radio group
        assert focused(page)["checked"] and focused(page)["outline"].startswith("solid")
        assert "needs its urgency too" in page.locator(".sw-progress").inner_text()
        assert now["key"].endswith("-y-1")
    else:
        tab_to(page, lambda f: f["label"].startswith("Give Cloud academy 5 more points"))
        for _ in range(3):
            page.keyboard.press("Enter")
        assert "85 points left to spread" in page.locator(".sw-progress").inner_text()
        assert focused(page)["label"].startswith("Give Cloud academy")  # focus stays where it was
    assert serious(page) == []
    db.close()
