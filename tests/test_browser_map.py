"""Real Chromium: the interactive map renders, a link is edited, a node opens its objective, and a
hostile objective title stays text."""

from __future__ import annotations

from helpers import map_point, wait_for_app

from workshop.db import scorecard, store
from workshop.deliverables.map import graph, layout
from workshop.method import objectives, workshops
from workshop.starters import demo

AGRAPH = 'iframe[title="streamlit_agraph.agraph"]'


def _open_map(browser, app):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(app.url + "/?w=1")
    wait_for_app(page)
    page.goto(app.url + "/strategy_map?w=1")
    wait_for_app(page)
    page.frame_locator(AGRAPH).locator("canvas").wait_for(timeout=20_000)
    return page, errors


def _canvas_box(page):
    box = page.frame_locator(AGRAPH).locator("canvas").bounding_box()
    assert box and box["width"] > 400 and box["height"] > 300
    return box


def _pick(page, label, text):
    """Choose in a selectbox and wait for the rerun: the effect's box is drawn anew for each cause."""
    wait_for_app(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_for_app(page)


def test_the_map_renders_and_a_new_link_appears(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = demo.create_demo(db)
    before = len(objectives.links(db, wid))
    page, errors = _open_map(browser, running_app)
    _canvas_box(page)
    page.get_by_role("tab", name="Causal links").click()
    _pick(page, "Cause (the driver)", "Retain our experienced")
    _pick(page, "Effect (what it leads to)", "Reduce project delivery")
    page.get_by_label("Hypothesis, in one sentence").fill("People who stay know the shortcuts.")
    add = page.get_by_role("button", name="Add the link")
    page.wait_for_function("b => !b.disabled", arg=add.element_handle(timeout=30_000), timeout=30_000)
    add.click()
    page.get_by_text("The links (16)").wait_for(timeout=30_000)
    wait_for_app(page)
    links = objectives.links(db, wid)
    assert len(links) == before + 1
    assert (links[-1]["cause"], links[-1]["effect"], links[-1]["hypothesis"]) == (
        "Retain our experienced engineers",
        "Reduce project delivery time by 30%",
        "People who stay know the shortcuts.",
    )
    page.get_by_role("tab", name="Map").click()
    _canvas_box(page)  # the map is drawn again with the new arrow
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors
    page.close()


def test_clicking_a_node_opens_its_objective(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = demo.create_demo(db)
    card = scorecard.load(db, wid)
    lay = layout.layout(card)
    spec = graph.graph_spec(card)
    page, _ = _open_map(browser, running_app)
    box = _canvas_box(page)
    target = min(lay.boxes.values(), key=lambda b: abs(b.cx - lay.width / 2) + abs(b.cy - lay.height / 2))
    x, y = map_point(spec, box, target.cx, target.cy)
    page.mouse.click(x, y)
    panel = page.locator('[class*="st-key-objective-panel"]')
    panel.wait_for(timeout=15_000)
    assert target.objective.title in panel.inner_text()
    assert f"o{target.objective.id}" in {n["id"] for n in spec["nodes"]}
    page.close()


def test_a_hostile_objective_title_does_not_run_in_the_page(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = demo.create_demo(db)
    internal = next(p for p in workshops.perspectives(db, wid) if p["key"] == "internal")
    payload = "<img src=x onerror=\"window.top.__xss=1;window.top.document.title='pwned'\">"
    evil = objectives.add_objective(db, wid, payload, internal["id"], owner="<b>Eve</b>")
    objectives.add_link(db, evil, scorecard.load(db, wid).objectives[0].id, "<script>window.top.__xss=2</script>")
    page, errors = _open_map(browser, running_app)
    page.wait_for_timeout(1500)
    frame = page.frame_locator(AGRAPH).locator("body")
    assert frame.evaluate("() => window.top.__xss") is None
    assert page.evaluate("() => window.__xss") is None
    assert page.title() != "pwned"
    page.get_by_role("tab", name="Causal links").click()
    row = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text=payload + " →").first
    row.wait_for(timeout=10_000)  # the link list shows the title as text, as typed
    assert row.locator("img").count() == 0
    assert page.evaluate("() => window.__xss") is None
    assert not errors
    page.close()
