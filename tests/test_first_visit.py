"""A light first visit: Streamlit's front end goes out gzip-compressed and its icon font cut to the
icons in use (ui/compressed_static.py, ui/icon_font.py, mounted by serve.py), so a phone's first visit
to the join link is under a megabyte on the wire, and a second visit fetches almost nothing."""

from __future__ import annotations

import asyncio
import gzip

import pytest
from helpers import ROOT, RunningApp, wait_for_app

from ui import icon_font
from ui.compressed_static import STREAMLIT_STATIC, CompressedStatic, accepts_gzip
from workshop.db import store
from workshop.method import workshops
from workshop.room import joining

MEGABYTE = 1_000_000
PHONE = {"width": 390, "height": 844}
BIGGEST_BUNDLE = max((STREAMLIT_STATIC / "static" / "js").glob("*.js"), key=lambda f: f.stat().st_size)


def get(middleware: CompressedStatic, path: str, *headers: tuple[bytes, bytes], method: str = "GET") -> tuple[int, dict, bytes]:
    """One request through the middleware alone; Streamlit behind it answers 404 'passed'."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(middleware({"type": "http", "method": method, "path": path, "headers": list(headers)}, receive, send))
    start, body = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


async def streamlit(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": []})
    await send({"type": "http.response.body", "body": b"passed"})


@pytest.fixture(scope="module")
def middleware() -> CompressedStatic:
    return CompressedStatic(streamlit)


GZIP = (b"accept-encoding", b"gzip, deflate")


def test_a_bundle_goes_out_compressed_and_kept_for_a_year(middleware):
    path = "/" + str(BIGGEST_BUNDLE.relative_to(STREAMLIT_STATIC))
    status, headers, body = get(middleware, path, GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == BIGGEST_BUNDLE.read_bytes()
    assert len(body) < BIGGEST_BUNDLE.stat().st_size / 2
    assert headers["content-type"].startswith("text/javascript")
    assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"]


def test_the_page_itself_is_compressed_and_never_cached(middleware):
    status, headers, body = get(middleware, "/", GZIP)
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert gzip.decompress(body) == (STREAMLIT_STATIC / "index.html").read_bytes()


def test_a_browser_that_takes_no_gzip_gets_streamlit_unchanged(middleware):
    path = "/" + str(BIGGEST_BUNDLE.relative_to(STREAMLIT_STATIC))
    assert get(middleware, path)[2] == b"passed"
    assert get(middleware, path, (b"accept-encoding", b"gzip;q=0"))[2] == b"passed"
    assert accepts_gzip({"headers": [(b"accept-encoding", b"br, gzip;q=0.5")]})


@pytest.mark.parametrize("path", ["/static/../../../etc/passwd", "/static/js/%2e%2e/x", "/static/js/missing.js", "/_stcore/health", "/join"])
def test_anything_else_passes_to_streamlit(middleware, path):
    assert get(middleware, path, GZIP)[2] == b"passed"


def test_a_head_request_has_headers_and_no_body(middleware):
    status, headers, body = get(middleware, "/", GZIP, method="HEAD")
    assert status == 200 and int(headers["content-length"]) > 0 and body == b""


def test_the_icons_in_use_are_ours_and_streamlits():
    icons = icon_font.icons_in_use()
    assert {"waving_hand", "language", "warning", "lock"} <= icons  # the join page's, the unlock form's
    assert {"expand_more", "check", "close"} <= icons  # Streamlit's own screens'


def test_the_icon_font_is_cut_to_a_few_kilobytes_and_revalidated(middleware):
    font = next(f for f in (STREAMLIT_STATIC / "static" / "media").glob("*.woff2") if icon_font.is_icon_font(f))
    path = "/" + str(font.relative_to(STREAMLIT_STATIC))
    status, headers, body = get(middleware, path)
    assert status == 200 and body[:4] == b"wOF2" and len(body) < font.stat().st_size / 5
    assert headers["cache-control"] == "no-cache"
    again = get(middleware, path, (b"if-none-match", headers["etag"].encode()))
    assert again[0] == 304 and again[2] == b""


def test_make_run_starts_the_server_with_the_compression():
    assert "streamlit run serve.py" in (ROOT / "Makefile").read_text()


# --- in Chromium ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    db_file = tmp_path_factory.mktemp("first-visit") / "app.db"
    db = store.connect(db_file)
    wid = workshops.create_workshop(db, "Atlas Digital", "Managed Cloud")
    code = joining.join_code(db, wid)
    db.close()
    app = RunningApp(db_file)
    yield app, code
    app.stop()


def visit(context, url: str) -> tuple[int, int, list[str]]:
    """Bytes on the wire (Chromium's encodedDataLength) and requests of one visit until the join
    form shows, and the icons the page drew."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    loaded: list[int] = []
    cdp.on("Network.loadingFinished", lambda event: loaded.append(event["encodedDataLength"]))
    page.goto(url)
    wait_for_app(page)
    page.get_by_role("button", name="Join", exact=True).wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stIconMaterial"], span')]
              .filter(e => getComputedStyle(e).fontFamily.includes('Material') && !e.children.length)
              .map(e => e.textContent.trim())"""
    )
    page.close()
    return sum(loaded), len(loaded), drawn


@pytest.mark.browser
def test_a_phones_first_visit_to_the_join_link_is_under_a_megabyte(room, browser):
    app, code = room
    context = browser.new_context(viewport=PHONE, has_touch=True)
    try:
        first, requests, drawn = visit(context, joining.join_url(app.url, code))
        again, _, _ = visit(context, joining.join_url(app.url, code))
    finally:
        context.close()
    print(f"first visit {first / MEGABYTE:.3f} MB in {requests} requests; second {again / 1000:.0f} kB")
    assert first <= MEGABYTE
    assert again < first / 5  # the bundles come from the browser's cache
    assert drawn and set(drawn) <= icon_font.icons_in_use()  # every icon drawn is in the cut font
