"""A phone whose browser speaks Arabic (Chromium, locale "ar", 390×844): the join page and the
ballot come in Arabic with `<html lang="ar" dir="rtl">`, the ballot's own root right to left, its
words from the catalogue, its counts in Arabic plural forms; axe-core finds nothing serious there.
Screenshots in SHOTS are looked at by a person (the README's review)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import RunningApp, wait_for_app
from test_ballot_browser import PHONE, SHOTS, TITLES, open_round, room

AXE = Axe()
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    running = RunningApp(tmp_path_factory.mktemp("languages") / "app.db")
    yield running
    running.stop()


def arabic_phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True, locale="ar")
    return context.new_page()


def serious(page) -> list[str]:
    violations = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in ("serious", "critical")]


def page_language(page) -> tuple[str, str]:
    page.wait_for_function("document.documentElement.lang !== 'en'", timeout=30_000)
    lang, direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    return lang, direction


def test_an_arabic_browser_gets_the_join_page_in_arabic_right_to_left(app, browser):
    db, wid, _, code, _ = room(app.db_file)
    page = arabic_phone(browser)
    page.goto(f"{app.url}/?join={code}")
    wait_for_app(page)
    assert page_language(page) == ("ar", "rtl")
    assert page.get_by_role("heading", name="الانضمام إلى ورشة العمل").is_visible()
    assert page.get_by_label("اسمك").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "join-ar.png"))
    assert serious(page) == []
    db.close()


def test_an_arabic_participant_joins_and_votes_on_a_right_to_left_ballot(app, browser):
    db, wid, oids, code, _ = room(app.db_file, titles=TITLES[:3])
    open_round(db, wid, oids, "dots", dots_total=5, timer_seconds=900)
    page = arabic_phone(browser)
    page.goto(f"{app.url}/?join={code}")
    wait_for_app(page)
    page.get_by_label("اسمك").fill("ليلى")
    page.get_by_role("button", name="انضمام").click()
    page.locator(".sw-root").first.wait_for(timeout=30_000)
    assert page_language(page) == ("ar", "rtl")
    root = page.locator(".sw-root").first
    assert root.get_attribute("lang") == "ar" and root.get_attribute("dir") == "rtl"
    assert root.evaluate("node => getComputedStyle(node).direction") == "rtl"
    submit = page.get_by_role("button", name="إرسال أصواتي")
    assert submit.is_visible()
    page.get_by_role("button", name=f"ضع نقطة على {TITLES[0][0]}").click()
    page.get_by_role("button", name=f"ضع نقطة على {TITLES[0][0]}").click()
    assert page.locator(".sw-count", has_text="نقطتان").count() == 1  # two: Arabic's dual form
    page.screenshot(path=str(SHOTS / "ballot-ar.png"), full_page=True)
    assert serious(page) == []
    submit.click()
    page.locator(".sw-status-ok", has_text="وصلت أصواتك").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    db.close()
