"""The sponsor's strategy document: one context object, one Jinja environment, one WeasyPrint call.

User text reaches the PDF only through autoescaped templates, and WeasyPrint may fetch nothing
but the project's own assets: every other URL (http, https, file, data …) is refused.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from sqlite_utils import Database

from . import scorecard as scorecard_reads
from .model import PHASE_TITLES, Scorecard

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ASSETS = TEMPLATES / "assets"
PAPER_SIZES = ("A4", "Letter")

_LONG_RUN = re.compile(r"(\S{60})(?=\S)")
_LINE_SEPARATORS = re.compile("[\u0085\u2028\u2029]")


def _printable(value):
    """User text made safe to lay out: Unicode line separators become newlines (WeasyPrint 70
    fails an assertion on " \u2029"), and a zero-width space follows every 60 characters without a
    space (one 100,000-character word takes WeasyPrint minutes: overflow-wrap tries every character)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        value = _LINE_SEPARATORS.sub("\n", value)
        if len(value) > 60:
            value = _LONG_RUN.sub("\\1\u200b", value)
    return value


environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, finalize=_printable,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _number(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}" if digits or value != int(value) else f"{int(value):,}"


environment.filters["number"] = _number


def report_context(card: Scorecard, *, paper: str = "A4", today: dt.date | None = None) -> dict:
    """Everything the report shows, grouped the way the sponsor reads it."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}")
    w = card.workshop
    agreed = card.agreed_objectives()
    rows = []
    for p in card.perspectives:
        objectives = [o for o in agreed if o.perspective_id == p.id]
        rows.append({"perspective": p, "objectives": [
            {"objective": o, "theme": card.theme(o.theme_id), "measures": card.measures_of(o.id),
             "initiatives": card.initiatives_of(o.id)} for o in objectives]})
    budget = sum(i.budget or 0 for i in card.initiatives)
    titles = {o.id: o.title for o in card.objectives}
    return {
        "w": w, "paper": paper, "today": (today or dt.date.today()).isoformat(),
        "phase_title": PHASE_TITLES[card.phase], "card": card, "perspectives": rows,
        "themes": card.themes, "titles": titles,
        "headline": {"objectives": len(agreed), "measures": sum(len(card.measures_of(o.id)) for o in agreed),
                     "initiatives": len(card.initiatives), "budget": budget,
                     "links": len(card.links), "interviews": len(card.interviews)},
        "dropped": [o for o in card.objectives if o.status == "dropped"],
        "drafts": [o for o in card.objectives if o.status == "draft"],
        "decisions": card.decisions,
        "interviews": card.interviews,
    }


def render_html(context: dict) -> str:
    return environment.get_template("report.html").render(**context)


def asset_fetcher():
    """A WeasyPrint URL fetcher that serves files from templates/assets and refuses every other URL."""
    from weasyprint.urls import URLFetcher

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
            if path is None or parsed.netloc or ASSETS.resolve() not in path.parents:
                raise ValueError(f"refused to fetch {url[:80]}: the report uses only its own assets")
            return super().fetch(url, headers)

    return AssetFetcher(allowed_protocols={"file"}, allow_redirects=False, timeout=2)


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it is slow to import and only the report needs it
    return HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=asset_fetcher()).write_pdf()


def build_pdf(db: Database, workshop_id: int, *, paper: str = "A4") -> bytes:
    return render_pdf(render_html(report_context(scorecard_reads.load(db, workshop_id), paper=paper)))


def pdf_filename(card_or_workshop) -> str:
    w = card_or_workshop.workshop if isinstance(card_or_workshop, Scorecard) else card_or_workshop
    safe = "".join(ch if ch.isalnum() else "-" for ch in f"{w['organisation']}-{w['unit']}")
    return f"strategy-{'-'.join(filter(None, safe.split('-')))[:60] or 'workshop'}.pdf"
