"""The sponsor's strategy document: one context object, one Jinja environment, one WeasyPrint call,
all from the workshop's record (deliverables/record.py), never the database.

User text reaches the PDF only through autoescaped templates, and WeasyPrint may fetch nothing
but the project's own assets: every other URL (http, https, file, data …) is refused.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from workshop.core import consensus, disclosure, figures, words
from workshop.core.clean import BIDI_CONTROLS
from workshop.core.model import PHASE_TITLES, Scorecard
from workshop.core.target_words import bands, stated, target_words
from workshop.deliverables.record import WorkshopRecord
from workshop.deliverables.report import parts, risks, sections, story
from workshop.method import branding

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
ASSETS = TEMPLATES / "assets"
PAPER_SIZES = ("A4", "Letter")

_LONG_RUN = re.compile(r"(\S{60})(?=\S)")
_LINE_SEPARATORS = re.compile("[\u0085\u2028\u2029]")


def _printable(value):
    """User text made safe to lay out: Unicode line separators become newlines (WeasyPrint 70
    fails an assertion on " \u2029"), and a zero-width space follows every 60 characters without a
    space (one 100,000-character word takes WeasyPrint minutes: overflow-wrap tries every character);
    text holding direction controls is isolated (first-strong isolate … pop), so that an override
    left open cannot turn the words after it around ("Owner: X · status open")."""
    if isinstance(value, str) and not isinstance(value, Markup):
        value = _LINE_SEPARATORS.sub("\n", value)
        if len(value) > 60:
            value = _LONG_RUN.sub("\\1\u200b", value)
        if BIDI_CONTROLS.search(value):  # isolated: an override reorders its own text, never the page's
            value = f"\u2068{value}\u2069"
    return value


environment = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=True, finalize=_printable, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
)


def _number(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}" if digits or value != int(value) else f"{int(value):,}"


_BETWEEN_GROUPS = re.compile(r"(?<=\d[,.\u00a0\u202f'])(?=\d)")
_SIGN_SPACE = re.compile(r"(?<=[≥≤<>=]) ")


_LONG_FIGURE = re.compile(r"\S{12,}")


def _fit(text: str) -> str:
    """A figure for a narrow column: it wraps at its spaces and after a dash, a long one (12 characters
    or more) between its digit groups too (999,999.​123456), never between a sign and its figure (≥ €1m) nor a figure and its percent sign."""
    text = _LONG_FIGURE.sub(lambda long: _BETWEEN_GROUPS.sub("\u200b", long.group()), text)
    return _SIGN_SPACE.sub("\u00a0", text).replace(" %", "\u00a0%")


def _threshold_bands(m, compact: bool = False) -> list[tuple[str, str]]:
    """A measure's green and red thresholds as bands, with its unit, when it has no target to judge by."""
    return figures.bands(m.direction, m.green, m.red, m.unit, compact=compact)


environment.filters["number"] = _number  # counted and computed figures (votes, shares), whole
environment.filters["figure"] = lambda value: figures.number(value) or "–"  # figures people typed: exact
environment.filters["fit"] = _fit
environment.globals["quantity"] = figures.quantity
environment.globals["money"] = figures.money
environment.globals["threshold_bands"] = _threshold_bands
environment.filters["plural"] = story.plural
environment.filters["day"] = story.day  # a date as people write it: 31 March 2027
environment.filters["ordinal"] = words.ordinal
environment.globals["verdict_label"] = consensus.verdict_label
environment.globals["split_rule"] = consensus.SPLIT_RULE
environment.globals["TO_BE_NAMED"] = story.TO_BE_NAMED
environment.globals["target_words"] = target_words  # the target as meant: "< 2 %", "98–100 %", "AAA", "to be decided"
environment.globals["bands"] = bands  # on target / watch / off target, per type of target
environment.globals["stated"] = stated  # lead/lag and frequency, or "not stated"
LOGO_NAME = "client-logo"  # served by the asset fetcher from the database, never from a file
# page content in pt (width, height) on a landscape page with the map's margins (report.css)
LANDSCAPE = {"A4": (841.9 - 2 * 34, 595.3 - 34 - 40 - 36), "Letter": (792 - 2 * 34, 612 - 34 - 40 - 36)}
MIN_MAP_TEXT_PT = 8.0
_FONT_SIZES = re.compile(r'font-size="([\d.]+)"')
_SVG_SIZE = re.compile(r'<svg[^>]*\bwidth="([\d.]+)" height="([\d.]+)"')
LONG_TEXT = 1200  # characters; a row or block with more may split across pages instead of jumping


def _long(*texts) -> str:
    """The class "long" for a row or block holding a text too big to keep on one page whole."""
    return "long" if any(len(t or "") > LONG_TEXT for t in texts) else ""


environment.globals["long"] = _long


def map_figure(map_svg: str | None, paper: str) -> dict | None:
    """The printed size of the map on its landscape page, and the size its smallest text reaches."""
    size = _SVG_SIZE.search(map_svg or "")
    if not size:
        return None
    width, height = float(size.group(1)), float(size.group(2))
    room_w, room_h = LANDSCAPE[paper]
    scale = min(room_w / width, room_h / height)
    smallest = min((float(f) for f in _FONT_SIZES.findall(map_svg or "")), default=parts.PRINT_MAP_FONT)
    return {"width_pt": round(width * scale, 1), "text_pt": round(smallest * scale, 2)}


def report_context(
    card: Scorecard,
    *,
    paper: str = "A4",
    today: dt.date | None = None,
    map_svg: str | None = None,
    consensus_rounds: list[dict] | None = None,
    findings: list[dict] | None = None,
    cascade: dict | None = None,
    accent: str = branding.DEFAULT_ACCENT,
    logo: bool = False,
    hypotheses: list[dict] | None = None,
    latest: dict | None = None,
) -> dict:
    """Everything the report shows, grouped the way the sponsor reads it.

    `map_svg` is inline SVG markup produced by our own code (the strategy map); it is inserted
    as is, so it must never carry unescaped user text. `consensus_rounds` and `findings` come from
    the voting record and the method checks (shapes described in sections.honour_anonymity and
    sections.sorted_findings); the findings appendix is left out when its list is empty. `accent` is
    a checked #rrggbb colour; `logo` says whether the asset fetcher will serve the client's logo.
    """
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}")
    w = card.workshop
    today = today or dt.date.today()
    agreed = card.agreed_objectives()
    rows = []
    for p in card.perspectives:
        objectives = [o for o in agreed if o.perspective_id == p.id]
        items: list[dict[str, Any]] = [
            {
                "objective": o,
                "theme": card.theme(o.theme_id),
                "themes": card.themes_of(o),
                "measures": card.measures_of(o.id),
                "initiatives": card.initiatives_of(o.id),
            }
            for o in objectives
        ]
        rows.append(
            {
                "perspective": p,
                "objectives": items,
                "measure_count": sum(len(i["measures"]) for i in items),
                "initiative_count": len({x.id for i in items for x in i["initiatives"]}),
            }
        )
    measures = [m for o in agreed for m in card.measures_of(o.id)]
    budget = sum(i.budget or 0 for i in card.initiatives)
    by_theme, by_perspective, unallocated = sections.budget_split(card)
    titles = {o.id: o.title for o in card.objectives}
    rounds = sections.honour_anonymity(consensus_rounds or [])
    active = [p for p in card.participants if not p.get("removed_at")]
    findings = sections.sorted_findings(findings or [])
    register = risks.register(card, rounds, latest)
    points = risks.beyond(story.open_points(card, rounds, cascade))
    contents = [
        (anchor, label)
        for anchor, label, shown in [
            ("summary", "Executive summary", True),
            ("map", "The strategy map", bool(map_svg or card.links)),
            ("scorecard", "The scorecard by perspective", True),
            ("plan", "Implementation plan", True),
            (
                "cascade",
                "The cascade to lower units" if cascade and cascade["units"] else f"The unit above: {(card.parent or {}).get('unit', '')}",
                bool(cascade),
            ),
            ("risks", "Risks and open points", True),
            ("next", "Next steps: the first 90 days", True),
            ("consensus", "How the team reached consensus", True),
        ]
        if shown
    ]
    appendices = (
        [("signoff", "Sign-off")]
        + [("appendix", "Appendix A · The unit and the interviews")]
        + ([("findings", "Appendix B · Method check findings")] if findings else [])
    )
    return {
        "contents": contents,
        "appendices": appendices,
        "number": {anchor: n for n, (anchor, _) in enumerate(contents, start=1)} | {a: "" for a, _ in appendices},
        "cascade": cascade,
        "accent": accent,
        "logo": LOGO_NAME if logo else None,
        "narrative": story.narrative(card, rounds),
        "open_points": story.grouped(points),
        "open_point_count": len(points),
        "risks": risks.grouped(register),
        "risk_count": len(register),
        "next_steps": story.first_90_days(card, today),
        "map_figure": map_figure(map_svg, paper),
        "w": w,
        "paper": paper,
        "today": story.day(today),
        "phase_title": PHASE_TITLES[card.phase],
        "card": card,
        "perspectives": rows,
        "themes": card.themes,
        "titles": titles,
        "theme_counts": story.theme_counts(card),  # the same count the narrative gives
        "shared": [o.title for o in agreed if o.all_themes],  # objectives every theme shares
        "headline": {
            "objectives": len(agreed),
            "measures": len(measures),
            "lead": sum(1 for m in measures if m.kind == "lead"),
            "initiatives": len(card.initiatives),
            "budget": budget,
            "links": len(card.links),
            "interviews": len(card.interviews),
            "participants": len(active),
            "comments": len(card.comments),
            "decisions": len(card.decisions),
        },
        "vision_short": sections.shorten(w["vision"], 400),
        "map_svg": Markup(map_svg) if map_svg else None,
        "hypotheses": hypotheses or [],
        "latest": latest or {},  # measure id → actual_reads.Latest, for the scorecard's "Latest" column
        "links": [{"cause": titles.get(l.cause_id, "?"), "effect": titles.get(l.effect_id, "?"), "hypothesis": l.hypothesis} for l in card.links],
        "timeline": sections.timeline(card, w["currency"], today),
        "budget_by_theme": by_theme,
        "budget_by_perspective": by_perspective,
        "budget_unallocated": unallocated,
        "data_sources": sections.data_sources(card),
        "participants": active,
        "consensus_rounds": rounds,
        "privacy_rule": disclosure.report_text() if any(r.get("rule") for r in rounds) else "",
        "movement": sections.movement([r for r in rounds if not r.get("priority")]),
        "split_note": sections.split_note(rounds),
        "decision_groups": sections.decisions_by_workshop(card),
        "comment_items": sections.comment_record(card),
        "findings": findings,
        "dropped": [o for o in card.objectives if o.status == "dropped"],
        "drafts": [o for o in card.objectives if o.status == "draft"],
        "decisions": card.decisions,
        "interviews": card.interviews,
    }


def render_html(context: dict) -> str:
    return environment.get_template("report.html").render(**context)


def asset_fetcher(brand: branding.Branding | None = None):
    """A WeasyPrint URL fetcher that serves files from templates/assets, and the client's logo (from
    the database, under the name LOGO_NAME in assets) when `brand` has one; it refuses every other URL."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    logo_path = (ASSETS / LOGO_NAME).resolve()

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
            if path is None or parsed.netloc or ASSETS.resolve() not in path.parents:
                raise ValueError(f"refused to fetch {url[:80]}: the report uses only its own assets")
            if path == logo_path:
                if brand is None or not brand.logo:
                    raise ValueError("no client logo is stored for this workshop")
                return URLFetcherResponse(url, body=brand.logo, headers={"Content-Type": brand.logo_type})
            return super().fetch(url, headers)

    return AssetFetcher(allowed_protocols={"file"}, allow_redirects=False, timeout=2)


def render_pdf(html: str, *, brand: branding.Branding | None = None) -> bytes:
    from weasyprint import HTML  # imported late: it is slow to import and only the report needs it

    return HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=asset_fetcher(brand)).write_pdf()


def build_html(record: WorkshopRecord, *, paper: str = "A4", findings: bool = False) -> str:
    """The report as HTML for WeasyPrint (its stylesheet is linked from assets). The method checks'
    findings are an appendix for the facilitator's own copy: left out unless `findings` is true."""
    shown = parts.extras(record)  # the map, the voting record, the findings and the cascade
    if not findings:
        shown["findings"] = []
    brand = record.branding
    return render_html(report_context(record.card, paper=paper, accent=brand.accent, logo=bool(brand.logo), latest=record.latest_periods, **shown))


def standalone(html: str, brand: branding.Branding | None = None) -> str:
    """The HTML with our stylesheet inlined, and the client's logo (a checked PNG or JPEG) as a data
    URI, so the file reads the same wherever it is opened."""
    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    html = html.replace('<link rel="stylesheet" href="report.css">', f"<style>\n{css}</style>", 1)
    if brand is not None and brand.logo:
        uri = f"data:{brand.logo_type};base64,{base64.b64encode(brand.logo).decode()}"
        html = html.replace(f'src="{LOGO_NAME}"', f'src="{uri}"', 1)
    return html


def build_pdf(record: WorkshopRecord, *, paper: str = "A4", findings: bool = False) -> bytes:
    """The sponsor's strategy document as PDF bytes."""
    return render_pdf(build_html(record, paper=paper, findings=findings), brand=record.branding)
