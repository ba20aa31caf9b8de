"""The review pack as a PDF: the story (review/story.py) laid out by the project's one Jinja
environment (report/document.py, autoescaped) in templates/review.html, rendered by the same
WeasyPrint call with the same asset fetcher, so nothing but the project's own assets is ever fetched.

The map (map/svg.py with map/status.py) and the trends (report/charts.py) are SVG made by our own code
with every piece of user text escaped there; they are the only markup inserted as is.
"""

from __future__ import annotations

from markupsafe import Markup

from workshop.deliverables.map import status as map_status
from workshop.deliverables.map import svg
from workshop.deliverables.record import ReviewRecord
from workshop.deliverables.report import charts, document, parts
from workshop.deliverables.review import story


def map_svg(rec: ReviewRecord) -> str | None:
    """The agreed objectives coloured by status, the links drawn by their evidence, with the legend."""
    card = rec.card
    if not card.agreed_objectives():
        return None
    marks = map_status.ReviewMarks(
        statuses=dict(rec.statuses), evidence={link_id: found.verdict for link_id, found in rec.evidence.items()}, rule=story.ROLL_UP_RULE
    )
    title = f"Strategy map by status · {rec.period.label()}"
    return svg.render_svg(
        card,
        statuses=("agreed",),
        title=title,
        font_size=parts.PRINT_MAP_FONT,
        max_per_row=parts.PRINT_MAP_COLUMNS,
        cascade_scale=parts.PRINT_CASCADE_SCALE,
        review=marks,
    )


def pack_context(rec: ReviewRecord, *, paper: str = "A4") -> dict:
    """The story with what only the PDF draws: the map, each measure's trend, the branding."""
    if paper not in document.PAPER_SIZES:
        raise ValueError(f"paper must be one of {document.PAPER_SIZES}")
    context = story.context(rec)
    for row in context["perspectives"]:
        for objective in row["objectives"]:
            for line in objective["measures"]:
                line["trend_svg"] = Markup(charts.trend_svg(line["trend"]))
    drawn = map_svg(rec)
    brand = rec.branding
    return context | {
        "map_svg": Markup(drawn) if drawn else None,
        "map_figure": document.map_figure(drawn, paper),
        "paper": paper,
        "accent": brand.accent,
        "logo": document.LOGO_NAME if brand.logo else None,
    }


def build_html(rec: ReviewRecord, *, paper: str = "A4") -> str:
    return document.environment.get_template("review.html").render(**pack_context(rec, paper=paper))


def build_pdf(rec: ReviewRecord, *, paper: str = "A4") -> bytes:
    """The review pack as PDF bytes."""
    return document.render_pdf(build_html(rec, paper=paper), brand=rec.branding)
