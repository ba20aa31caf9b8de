"""Real Chromium: the interactive map's tooltips read as typed — "&" stays "&", straight quotes
stay straight, a tag stays text — and nothing in them runs."""

from __future__ import annotations

from helpers import map_point, wait_for_app

from workshop.db import scorecard, store
from workshop.deliverables.map import graph, layout
from workshop.method import decisions, objectives, workshops
from workshop.starters import demo

AGRAPH = 'iframe[title="streamlit_agraph.agraph"]'
TITLE = 'Win "hero" clients & keep \'em <b>loyal</b>'
OWNER = "O'Brien & Sons"


def test_map_tooltips_show_ampersands_quotes_and_tags_as_typed(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = demo.create_demo(db)
    customer = next(p for p in workshops.perspectives(db, wid) if p["key"] == "customer")
    oid = objectives.add_objective(db, wid, TITLE, customer["id"], owner=OWNER)
    decisions.decide_objective(db, oid, "agreed")
    card = scorecard.load(db, wid)
    spec = graph.graph_spec(card)
    box = layout.layout(card).boxes[oid]

    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{running_app.url}/?w={wid}")
    wait_for_app(page)
    page.goto(f"{running_app.url}/strategy_map?w={wid}")
    wait_for_app(page)
    frame = page.frame_locator(AGRAPH)
    frame.locator("canvas").wait_for(timeout=20_000)
    page.wait_for_timeout(1500)  # the network settles its view
    canvas = frame.locator("canvas").bounding_box()
    x, y = map_point(spec, canvas, box.cx, box.cy)
    page.mouse.move(x, y)
    page.mouse.move(x + 2, y + 1)
    tooltip = frame.locator(".vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    shown = tooltip.inner_text().replace("\u2060", "")
    assert shown.startswith(f"Objective: {TITLE}\n"), shown
    assert f"Owner: {OWNER}" in shown
    assert "+" not in shown and "”" not in shown and "’" not in shown and "‹" not in shown
    assert frame.locator(".vis-tooltip b").count() == 0, "the tag stays text"
    assert not errors
    page.close()
