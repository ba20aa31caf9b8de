"""The hostile-input corpus in a real browser: whatever the texts are, the page stays inert.

AppTest sees what the script sent; only a browser shows what markdown made of it. Every storable
text of the corpus becomes a head-office theme (name and requirement) of one workshop, and the
phase-1 page is opened in Chromium: no dialog opens, no image loads, no `javascript:` link exists,
nothing is fetched from another host. (That the text also reads as typed is asserted on what the
script sent, in tests/test_hostile_input.py; see docs/faults.md.)
"""

from __future__ import annotations

from helpers import wait_for_app
from hostile_corpus import LONG, NAME, TEXTS, expected

from workshop.db import store
from workshop.method import architecture, workshops


def test_every_corpus_text_is_inert_in_the_browser(running_app, browser):
    db = store.connect(running_app.db_file)
    wid = workshops.create_workshop(db, "[click](javascript:alert(1))", "<img src=x onerror=alert(1)>")
    used: set[str] = set()
    for number, text in enumerate(TEXTS.values()):
        value = expected(text, LONG)
        if value is None or len(value) > 5000:  # the 100k texts: size is tested elsewhere
            continue
        name = expected(text, NAME)
        if not name or name.casefold() in used:
            name = f"Plain theme {number}"
        used.add(name.casefold())
        architecture.add_head_office_theme(db, wid, name, value)
    db.close()
    page = browser.new_page()
    dialogs, foreign = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "request",
        lambda request: foreign.append(request.url) if not request.url.startswith(running_app.url) and not request.url.startswith("data:") else None,
    )
    try:
        page.goto(f"{running_app.url}/architecture?w={wid}")
        wait_for_app(page)
        page.wait_for_timeout(500)
        main = page.locator('[data-testid="stMain"]')
        assert page.locator('[data-testid="stException"]').count() == 0
        assert dialogs == [], f"a script ran: {dialogs}"
        # the product's own one-line script that sets <html lang dir> is marked; nothing the user typed may add any
        found = main.locator('img, iframe, script:not([data-product="page-language"]), svg[onload]')
        assert found.count() == 0, found.evaluate_all("els => els.map(e => e.outerHTML.slice(0, 300))")
        assert main.locator('a[href^="javascript:"], a[href^="file:"], a[href^="data:"]').count() == 0
        assert foreign == [], f"the page fetched from elsewhere: {foreign[:3]}"
        assert "<script>alert(1)</script>" in main.inner_text(), "shown as text, not run"
    finally:
        page.close()
