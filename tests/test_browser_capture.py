"""Capture at the speed of the room, in real Chromium: a pasted table's problems all at once, a
link drawn by clicking two boxes of the map, moving on to the next phase's page, and a new draft
whose perspective is chosen afresh."""

from __future__ import annotations

from helpers import map_point, wait_for_app

from workshop.db import scorecard, store
from workshop.deliverables import files, record
from workshop.deliverables.map import graph, layout
from workshop.method import objectives, workshops
from workshop.starters import demo

AGRAPH = 'iframe[title="streamlit_agraph.agraph"]'


def _open(browser, app, path: str, wid: int):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(app.url + f"/?w={wid}")
    wait_for_app(page)
    page.goto(app.url + f"/{path}?w={wid}")
    wait_for_app(page)
    return page, errors


def test_a_pasted_table_with_two_bad_rows_shows_both_errors_at_once_and_saves_nothing(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    page, errors = _open(browser, running_app, "interviews", wid)
    page.get_by_role("tab", name="Draft objectives").click()
    page.get_by_text("Paste or upload many objectives at once").click()
    paste = page.get_by_role("textbox", name="Paste rows from Excel or Google Sheets")
    paste.fill(
        "Objective\tPerspective\tOwner\nGrow EBIT\tFinancial\tCFO\nWin back lapsed customers\tNowhere\t\n"
        "\tCustomer\tCOO\nCertify every engineer\tLearning & growth\t\n"
    )
    paste.press("Control+Enter")
    wait_for_app(page)
    alert = page.get_by_text("Nothing is saved until these 2 problems are fixed")
    alert.wait_for(timeout=15_000)
    text = page.locator('[data-testid="stAlert"]').filter(has_text="Nothing is saved").inner_text().replace("\u200b", "")
    assert "row 3 · Perspective: “Nowhere” is not a perspective here" in text
    assert "row 4 · Objective: The objective's title is empty" in text
    save = page.get_by_role("button", name="Save these 4 rows")
    assert save.is_disabled()
    assert objectives.objectives(db, wid) == []
    # fixed in the box, the same paste saves every row in one click
    paste.fill("Objective\tPerspective\tOwner\nGrow EBIT\tFinancial\tCFO\nWin back lapsed customers\tCustomer\t\n")
    paste.press("Control+Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Save these 2 rows").click()
    wait_for_app(page)
    page.get_by_role("button", name="Save these 2 rows").wait_for(state="detached", timeout=20_000)
    assert {o["title"] for o in objectives.objectives(db, wid)} == {"Grow EBIT", "Win back lapsed customers"}
    assert page.locator('[data-testid="stException"]').count() == 0 and not errors
    page.close()


def _click_objective(page, spec, lay, objective_id):
    canvas = page.frame_locator(AGRAPH).locator("canvas").bounding_box()
    box = lay.boxes[objective_id]
    page.mouse.click(*map_point(spec, canvas, box.cx, box.cy))


def test_a_link_made_by_clicking_two_map_nodes_is_listed_and_drawn_in_the_pdf_map(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = demo.create_demo(db)
    card = scorecard.load(db, wid)
    titles = {o.title: o.id for o in card.objectives}
    cause, effect = titles["Retain our experienced engineers"], titles["Reduce project delivery time by 30%"]
    before = {l["id"] for l in objectives.links(db, wid)}
    page, errors = _open(browser, running_app, "strategy_map", wid)
    page.frame_locator(AGRAPH).locator("canvas").wait_for(timeout=20_000)
    page.get_by_text("Link by clicking", exact=True).click()
    wait_for_app(page)
    page.get_by_text("Click the cause").wait_for(timeout=15_000)
    lay = layout.layout(card)
    page.frame_locator(AGRAPH).locator("canvas").wait_for(timeout=20_000)
    page.wait_for_timeout(800)
    _click_objective(page, graph.graph_spec(card), lay, cause)
    page.get_by_text("Now click its effect").wait_for(timeout=30_000)
    wait_for_app(page)
    page.frame_locator(AGRAPH).locator("canvas").wait_for(timeout=20_000)
    page.wait_for_timeout(800)
    _click_objective(page, graph.graph_spec(card, marked=(cause,)), lay, effect)
    hypothesis = page.get_by_role("textbox", name="Why does the first lead to the second? (the hypothesis)")
    hypothesis.wait_for(timeout=45_000)
    hypothesis.fill("People who stay know the shortcuts.")
    page.get_by_role("button", name="Add the link").first.click()
    wait_for_app(page)
    page.get_by_text("Click the cause").wait_for(timeout=15_000)  # ready for the next link
    [new] = [l for l in objectives.links(db, wid) if l["id"] not in before]
    assert (new["cause_id"], new["effect_id"], new["hypothesis"]) == (cause, effect, "People who stay know the shortcuts.")
    page.get_by_role("tab", name="Causal links").click()
    page.get_by_text(f"The links ({len(before) + 1})").wait_for(timeout=15_000)
    assert (
        page.locator('[data-testid="stMarkdownContainer"]')
        .filter(has_text="Retain our experienced engineers →")
        .filter(has_text="Reduce project delivery time")
        .count()
        >= 1
    )
    html = files.build(record.read(db, wid), "html").decode()
    assert f'data-link="{new["id"]}"' in html  # the PDF's map draws the new arrow
    assert files.build(record.read(db, wid), "pdf")[:5] == b"%PDF-"
    assert page.locator('[data-testid="stException"]').count() == 0 and not errors
    page.close()


def test_move_on_lands_on_the_next_phases_page(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    workshops.update_workshop(db, wid, unit_description="Cloud hosting for SMEs", financial_goals="Break even")
    page, errors = _open(browser, running_app, "architecture", wid)
    page.get_by_role("button", name="Move on to phase 2: Interviews and draft objectives").click()
    wait_for_app(page)
    page.get_by_role("heading", name="2 · Interviews and draft objectives").wait_for(timeout=15_000)
    page.get_by_text("the workshop has moved on to phase 2").wait_for(timeout=15_000)
    assert page.url.split("?")[0].endswith("/interviews")
    assert scorecard.load(db, wid).phase == 2 and not errors
    page.close()


def test_the_next_draft_never_inherits_the_last_drafts_perspective(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    page, errors = _open(browser, running_app, "interviews", wid)
    page.get_by_role("tab", name="Draft objectives").click()
    page.get_by_text("Draft one objective with its description").click()
    page.get_by_role("textbox", name="Objective", exact=True).fill("Certify every engineer")
    page.get_by_role("combobox", name="Perspective").filter(visible=True).first.click()
    page.get_by_role("option", name="Learning & growth").click()
    page.get_by_role("button", name="Add draft objective").click()
    wait_for_app(page)
    page.get_by_role("textbox", name="Objective", exact=True).fill("Grow EBIT")
    page.get_by_role("button", name="Add draft objective").click()
    wait_for_app(page)
    page.get_by_text("Choose the objective's perspective").wait_for(timeout=15_000)
    assert [o["title"] for o in objectives.objectives(db, wid)] == ["Certify every engineer"]
    assert not errors
    page.close()
