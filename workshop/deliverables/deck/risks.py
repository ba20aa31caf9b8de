"""The deck's risk register: the register the PDF prints (report/risks.py), as native tables over as
many slides as it needs, the rows spread evenly so that no slide is left half empty."""

from __future__ import annotations

import math

from pptx.util import Inches

from workshop.core.model import Scorecard
from workshop.deliverables.deck.style import MARGIN, SLIDE_W, heading, table
from workshop.deliverables.report import risks
from workshop.deliverables.report.story import plural

ROWS_PER_SLIDE = 6
HEADER = ["Risk", "Item", "Why it is a risk", "Owner", "Source"]
WIDTHS = [0.14, 0.18, 0.40, 0.12, 0.16]


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pages(register: list[risks.Risk], per: int = ROWS_PER_SLIDE) -> list[list[risks.Risk]]:
    """The register cut into slides of at most `per` rows, as evenly as it goes (9 rows: 5 and 4)."""
    if not register:
        return []
    count = math.ceil(len(register) / per)
    size = math.ceil(len(register) / count)
    return [register[i : i + size] for i in range(0, len(register), size)]


def add_slides(deck, card: Scorecard, rounds: list[dict], latest: dict | None, accent: str) -> int:
    """The register's slides (none when the record raises no risk); returns how many were added."""
    register = risks.register(card, rounds, latest)
    cut = pages(register)
    for n, rows in enumerate(cut, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        kicker = f"{plural(len(register), 'risk')} from the room's votes, its priorities and the figures so far"
        heading(slide, "Risks to watch", accent, kicker=kicker + (f" · {n} of {len(cut)}" if len(cut) > 1 else ""))
        body = [[r.kind, _short(r.subject, 70), _short(r.cause, 220), _short(r.owner, 40), _short(r.source, 80)] for r in rows]
        shape = table(slide, MARGIN, Inches(1.35), SLIDE_W - 2 * MARGIN, [HEADER, *body], WIDTHS, accent, size=10, row_h=Inches(0.8))
        shape.table.rows[0].height = Inches(0.4)  # the header holds one line
    return len(cut)
