"""The new-round form in real Chromium: switching the workshop never carries another workshop's
items over, and a round opened as workshop 3 holds only workshop 3's items. Screenshots go to
$SHOTS if it is set."""

import os
import re
from pathlib import Path

from helpers import wait_for_app

from workshop.db import store
from workshop.method import decisions, measures, objectives, workshops

SHOTS = os.environ.get("SHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _workshop(db_file) -> tuple[int, list[int], list[int]]:
    """Three drafts for workshop 1; two agreed objectives with a measure each for workshops 2 and 3."""
    db = store.connect(db_file)
    wid = workshops.create_workshop(db, "Atlas Digital", "Managed Cloud")
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    agreed = [
        objectives.add_objective(db, wid, title, persp[n])
        for n, title in enumerate(["Grow recurring revenue", "Be the easiest provider to work with"])
    ]
    for oid in agreed:
        decisions.decide_objective(db, oid, "agreed")
        measures.add_measure(db, oid, f"Measure of {objectives.get_objective(db, oid)['title']}")
    drafts = [
        objectives.add_objective(db, wid, title, persp[n])
        for n, title in enumerate(["Draft: cut cost to serve", "Draft: automate delivery", "Draft: win trust"])
    ]
    db.close()
    return wid, drafts, agreed


def _drafts_in_workshop_three(db, drafts) -> list[str]:
    marks = ", ".join("?" for _ in drafts)
    return [
        r["label"]
        for r in db.query(
            f"""SELECT i.label FROM round_item i JOIN voting_round r ON r.id = i.round_id
            WHERE r.workshop_number = 3 AND i.objective_id IN ({marks})""",
            drafts,
        )
    ]


def test_switching_the_workshop_never_keeps_another_workshops_items(running_app, browser):
    wid, drafts, agreed = _workshop(running_app.db_file)
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(running_app.url)
    wait_for_app(page)
    page.goto(f"{running_app.url}/rounds?w={wid}")
    wait_for_app(page)
    page.get_by_text("1 · objectives (drafts)").first.wait_for(timeout=30_000)
    select_all = page.get_by_role("button", name=re.compile(r"^All \d"))
    if select_all.count():  # choose every draft of workshop 1 (older forms preselected them)
        select_all.first.click()
        wait_for_app(page)
    shot(page, "round-form-1-workshop-one")
    page.get_by_text("3 · objectives, measures, initiatives").click()
    wait_for_app(page)
    body = page.inner_text("body")
    assert not [d for d in ("Draft: cut cost to serve", "Draft: automate delivery") if d in body]
    shot(page, "round-form-2-workshop-three")
    button = page.get_by_role("button", name=re.compile(r"^Open the round"))
    if button.is_enabled():
        button.click()
        wait_for_app(page)
    db = store.connect(running_app.db_file)
    assert _drafts_in_workshop_three(db, drafts) == []

    # choosing workshop 3's own objectives opens a round on them, and the form folds away
    page.get_by_role("button", name="All 2").first.click()
    wait_for_app(page)
    page.get_by_role("button", name="Open the round on 2 items").click()
    page.get_by_text("Round 1 is open").wait_for(timeout=30_000)
    wait_for_app(page)
    items = [r["objective_id"] for r in db.query("SELECT objective_id FROM round_item ORDER BY position")]
    assert items == agreed
    assert not page.get_by_role("button", name=re.compile(r"^Open the round")).count()  # folded away
    shot(page, "round-form-3-opened")
    page.get_by_role("button", name="Open a new round").click()
    wait_for_app(page)
    assert not page.get_by_role("button", name="Open the round").is_enabled()  # nothing kept from before
    db.close()
