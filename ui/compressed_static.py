"""Streamlit's own front end (its JavaScript, CSS and page) sent gzip-compressed, so a phone's first
visit costs under a megabyte instead of nearly three.

Streamlit 1.67 serves `/static/*` and the root page uncompressed on purpose: compressing on every
request costs a server CPU on each hit. Here each file is compressed once, on its first request (in a
worker thread, never on the event loop), and kept in memory; every later request is a copy from
memory. The files are content-hashed, so they are sent with a year-long `immutable` cache header:
a phone that comes back (a second device, a reload, tomorrow's session) asks for none of them again.

Streamlit's icon font is sent cut down to the icons in use (ui/icon_font.py), with a tag the browser
checks on each visit (a later version of the app may use another icon).

`CompressedStatic` is ASGI middleware for `st.App` (see serve.py); anything it does not recognise
passes through to Streamlit untouched.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import mimetypes
import threading
from pathlib import Path

import anyio.to_thread
import streamlit
from starlette.types import ASGIApp, Receive, Scope, Send

from ui import icon_font

STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"
COMPRESSIBLE = {".js", ".css", ".html", ".json", ".svg", ".txt", ".map", ".ttf"}
YEAR = 365 * 24 * 3600
SMALLEST = 512  # smaller files gain less than a header costs
log = logging.getLogger(__name__)


def accepts_gzip(scope: Scope) -> bool:
    """Whether the request's Accept-Encoding names gzip (with a non-zero weight)."""
    for name, value in scope.get("headers", []):
        if name == b"accept-encoding":
            for part in value.decode("latin-1").lower().split(","):
                coding, _, weight = part.strip().partition(";")
                if coding.strip() in ("gzip", "*") and weight.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
                    return True
    return False


def header(scope: Scope, name: bytes) -> str:
    return next((value.decode("latin-1") for key, value in scope.get("headers", []) if key == name), "")


class CompressedStatic:
    """Serves Streamlit's compressible static files gzip-compressed to browsers that accept gzip,
    and its icon font cut down to the icons in use."""

    def __init__(self, app: ASGIApp, root: Path = STREAMLIT_STATIC) -> None:
        self.app = app
        self.root = root.resolve()
        self._compressed: dict[Path, bytes] = {}
        self._lock = threading.Lock()
        self._icons: bytes | None = None
        self._icons_lock = threading.Lock()
        threading.Thread(target=self._warm, name="icon-font", daemon=True).start()

    def file_for(self, path: str) -> Path | None:
        """The file under Streamlit's static folder a request path names, when it is one this
        middleware serves: the root page, or a file below /static/. Anything odd is left to
        Streamlit (which refuses it)."""
        if path == "/":
            relative = "index.html"
        elif path.startswith("/static/") and ".." not in path and "\\" not in path and "//" not in path and "\x00" not in path:
            relative = path.lstrip("/")
        else:
            return None
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        if icon_font.is_icon_font(candidate) or (candidate.suffix in COMPRESSIBLE and candidate.stat().st_size >= SMALLEST):
            return candidate
        return None

    def compressed(self, file: Path) -> bytes:
        """The file gzip-compressed, made once per process (a lock: thirty phones arriving together
        compress it once, not thirty times)."""
        with self._lock:
            if file not in self._compressed:
                self._compressed[file] = gzip.compress(file.read_bytes(), compresslevel=9, mtime=0)
            return self._compressed[file]

    def icons(self, file: Path) -> bytes:
        """The icon font cut to the icons in use, made once per process; the whole font if cutting
        fails (a newer Streamlit's font fontTools cannot read: heavier, never broken)."""
        with self._icons_lock:
            if self._icons is None:
                try:
                    self._icons = icon_font.cut(file, icon_font.icons_in_use(front_end=self.root))
                except Exception:
                    log.exception("the icon font could not be cut down; sending it whole")
                    self._icons = file.read_bytes()
            return self._icons

    def _warm(self) -> None:
        """Cut the icon font before the first phone asks for it."""
        for file in (self.root / "static" / "media").glob("*.woff2"):
            if icon_font.is_icon_font(file):
                self.icons(file)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        file = None
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            file = self.file_for(scope["path"])
        if file is not None and icon_font.is_icon_font(file):
            await self.respond_icons(scope, send, self._icons if self._icons is not None else await anyio.to_thread.run_sync(self.icons, file))
        elif file is not None and accepts_gzip(scope):
            body: bytes = self._compressed[file] if file in self._compressed else await anyio.to_thread.run_sync(self.compressed, file)
            await self.respond(scope, send, 200, self.headers(file, len(body)), body)
        else:
            await self.app(scope, receive, send)

    async def respond_icons(self, scope: Scope, send: Send, body: bytes) -> None:
        """The cut font is revalidated on every visit (a tag of its content): the same URL may hold
        other icons once the app changes, and a year-long cache would keep the old ones."""
        tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = [(b"content-type", b"font/woff2"), (b"etag", tag.encode()), (b"cache-control", b"no-cache")]
        if tag in [t.strip() for t in header(scope, b"if-none-match").split(",")]:
            await self.respond(scope, send, 304, headers, b"")
        else:
            await self.respond(scope, send, 200, [*headers, (b"content-length", str(len(body)).encode())], body)

    @staticmethod
    async def respond(scope: Scope, send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    @staticmethod
    def headers(file: Path, length: int) -> list[tuple[bytes, bytes]]:
        """The page itself is never cached (it names the current bundles); the bundles, whose names
        carry a hash of their content, are kept for a year, as Streamlit itself says."""
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        cache = "no-cache" if file.suffix == ".html" or file.name == "manifest.json" else f"public, immutable, max-age={YEAR}"
        return [
            (b"content-type", kind.encode()),
            (b"content-encoding", b"gzip"),
            (b"content-length", str(length).encode()),
            (b"vary", b"Accept-Encoding"),
            (b"cache-control", cache.encode()),
        ]
