"""A facilitator in real Chromium: creates a workshop, drafts and agrees an objective, downloads the PDF."""

import io
import os
from pathlib import Path

from helpers import wait_for_app
from pypdf import PdfReader

SHOTS = os.environ.get("SCREENSHOTS")  # set to a folder to keep screenshots of each step


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def go(page, link_text, heading):
    page.get_by_role("link", name=link_text).first.click()
    page.get_by_role("heading", name=heading).first.wait_for()
    wait_for_app(page)


def test_a_facilitator_goes_from_an_empty_database_to_a_pdf(running_app, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    alerts, outside = [], []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith((running_app.url, "data:", "blob:")) else outside.append(r.url))
    page.goto(running_app.url)
    wait_for_app(page)
    shot(page, "01-start")

    page.get_by_role("textbox", name="Organisation").fill("Harbour Health")
    page.get_by_role("textbox", name="Unit the scorecard is for").fill("Community Care Division")
    page.get_by_role("button", name="Create workshop").click()
    wait_for_app(page)
    page.get_by_text("1 · Measurement architecture").first.wait_for()
    shot(page, "02-architecture")

    go(page, "2 · Interviews & drafts", "2 · Interviews and draft objectives")
    page.get_by_role("tab", name="Draft objectives").click()
    page.get_by_text("Draft one objective with its description").click()
    page.get_by_role("textbox", name="Objective", exact=True).wait_for()
    for title in ("Shorten waiting times for home visits", "<script>alert(1)</script>"):
        page.get_by_role("textbox", name="Objective", exact=True).fill(title)
        page.get_by_role("combobox", name="Perspective").filter(visible=True).first.click()
        page.get_by_role("option", name="Customer").click()
        page.get_by_role("button", name="Add draft objective").click()
        wait_for_app(page)
    shot(page, "03-drafts")

    go(page, "3 · Consensus workshop", "3 · Consensus workshop")
    page.get_by_text("<script>alert(1)</script>", exact=True).filter(visible=True).first.wait_for()
    page.get_by_role("button", name="Record decision").first.click()
    wait_for_app(page)
    page.get_by_text("Decided").wait_for()
    shot(page, "04-consensus")

    go(page, "Strategy document", "Strategy document")
    page.get_by_role("button", name="Generate the PDF").click()
    wait_for_app(page, timeout=90_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    shot(page, "05-report")
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Community Care Division" in text
    assert "Shorten waiting times for home visits" in text
    assert alerts == []  # the script title never ran
    assert outside == []  # a workshop runs offline: the browser never calls out
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()


def test_a_page_url_opened_first_after_the_server_starts_still_goes_through_the_frame(running_app, browser):
    """Streamlit runs pages/<name>.py on its own for the first session that opens its URL; the
    frame takes over and opens that page itself, with its navigation and its roles."""
    from workshop.db import store
    from workshop.starters import demo

    wid = demo.create_demo(store.connect(running_app.db_file))
    page = browser.new_page()
    page.goto(f"{running_app.url}/report?w={wid}")
    page.get_by_role("button", name="Generate the PDF").wait_for()
    wait_for_app(page)
    assert page.title() == "Scorecard Workshop"
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Strategy document" in nav and "ui" not in nav.split("\n") and "app" not in nav.split("\n")
    page.close()


def test_the_workshop_file_is_made_when_its_download_is_clicked(running_app, browser):
    """The report page no longer exports the workshop on every run: the file is made on the click,
    on the server's own thread, and is byte for byte the command line's export."""
    from workshop.db import store
    from workshop.deliverables.exchange import export
    from workshop.starters import demo

    db = store.connect(running_app.db_file)
    wid = demo.create_demo(db)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{running_app.url}/report?w={wid}")
    button = page.get_by_role("button", name="Download the workshop file (JSON)")
    button.wait_for()
    wait_for_app(page)
    page.wait_for_timeout(500)  # the page's last fragment settles before the click (a click during a rerun is dropped)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename == "workshop-Atlas-Digital-Managed-Cloud-Services.json"
    assert Path(download.value.path()).read_bytes() == export.workshop_file(db, wid)
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()
