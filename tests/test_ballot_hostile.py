"""The hostile-input corpus through the participant's ballot in Chromium: every storable corpus text
becomes an objective's title and description (and the round's title, and voters' names in a named
round's results). The ballot component writes user text with textContent only, so the page stays
inert (no dialog, no element made from the text, nothing fetched elsewhere, the document's title
untouched) and every text reads exactly as stored."""

from __future__ import annotations

from pathlib import Path

from helpers import wait_for_app
from hostile_corpus import LONG, NAME, TEXTS, expected
from test_ballot_browser import PHONE, shot

from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import joining, voting

ASSETS = Path(__file__).resolve().parent.parent / "ui" / "assets"


def test_the_ballot_script_never_parses_text_as_html():
    script = "".join(path.read_text() for path in ASSETS.glob("*.js"))
    assert "textContent" in script
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createContextualFragment", "eval(", "new Function"):
        assert sink not in script, sink


def _hostile_room(db_file):
    db = store.connect(db_file)
    wid = workshops.create_workshop(db, "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))")
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    used, oids = set(), []
    for number, text in enumerate(TEXTS.values()):
        title, body = expected(text, NAME), expected(text, LONG)
        if not title or title.casefold() in used:
            title = f"Plain objective {number}"
        used.add(title.casefold())
        body = body if body is not None and len(body) <= 5000 else ""
        oids.append(objectives.add_objective(db, wid, title, persp[number % 4], description=body))
    return db, wid, oids


def test_every_corpus_text_is_inert_and_readable_in_the_ballot_and_its_results(running_app, browser):
    db, wid, oids = _hostile_room(running_app.db_file)
    code = joining.join_code(db, wid)
    ana = joining.join(db, code, "<script>alert('name')</script>")
    rid = voting.open_round(
        db, wid, [("objective", o) for o in oids], method="gradients", title="<img src=x onerror=alert(1)> **Vote** now", anonymity="named"
    )
    items = voting.round_items(db, rid)
    page = browser.new_context(viewport=PHONE).new_page()
    dialogs, foreign = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url) if not request.url.startswith(running_app.url) and not request.url.startswith(("data:", "blob:")) else None
        ),
    )
    page.goto(f"{running_app.url}/?t={ana['token']}")
    wait_for_app(page)
    page.locator(".sw-round").wait_for(timeout=30_000)
    title_before = page.title()

    def check_inert():
        assert page.locator('[data-testid="stException"]').count() == 0
        assert dialogs == [], f"a script ran: {dialogs}"
        assert foreign == [], f"fetched from elsewhere: {foreign[:3]}"
        assert page.title() == title_before
        made = page.evaluate("""() => {
            const root = document.querySelector('[data-testid=stBidiComponentIsolated]').shadowRoot;
            return [...root.querySelectorAll('img, iframe, script, svg, object, embed, a, b, i, style:not(:first-of-type)')]
                .map(n => n.outerHTML.slice(0, 80));
        }""")
        assert made == [], f"elements made from user text: {made[:3]}"

    check_inert()
    shown = page.locator(".sw-round .sw-title").evaluate_all("nodes => nodes.map(n => n.textContent)")
    assert shown == [i["label"] for i in items]  # every title exactly as stored
    descriptions = page.locator(".sw-round .sw-desc").evaluate_all("nodes => nodes.map(n => n.textContent)")
    stored = [d for (d,) in db.execute("SELECT description FROM objective WHERE workshop_id = ? AND description <> '' ORDER BY id", [wid]).fetchall()]
    assert descriptions == stored
    assert page.locator(".sw-round-title").first.text_content() == "<img src=x onerror=alert(1)> **Vote** now"
    shot(page, "hostile-ballot")

    page.get_by_role("radio", name="Whole-hearted endorsement").first.check()
    page.get_by_role("button", name="Submit my votes").click()
    page.locator(".sw-status-ok").wait_for(timeout=30_000)
    voting.close_round(db, rid)
    page.locator(".sw-result").first.wait_for(timeout=30_000)
    check_inert()
    names = page.locator(".sw-names li").first.text_content()
    assert names == "<script>alert('name')</script>: Whole-hearted endorsement"
    assert page.locator(".sw-result .sw-title").evaluate_all("nodes => nodes.map(n => n.textContent)") == [i["label"] for i in items]
    shot(page, "hostile-results")
    db.close()
