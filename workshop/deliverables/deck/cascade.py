"""The deck's cascade slide: for a workshop with lower units, its objectives against the units that
serve them; for a lower unit, the objectives of its parent it serves and how."""

from __future__ import annotations

from pptx.util import Inches

from workshop.core.model import Scorecard
from workshop.deliverables.deck.style import MARGIN, MUTED, SLIDE_W, heading, table, text_box
from workshop.deliverables.report import story

MAX_ROWS = 14


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _titles(titles: list[str]) -> str:
    """The first contributing objective, and how many more (a cell stays one or two lines)."""
    if not titles:
        return "–"
    return _short(titles[0], 60) + (f" + {len(titles) - 1} more" if len(titles) > 1 else "")


def _units_slide(slide, card: Scorecard, accent: str) -> None:
    units = card.units[:4]
    agreed = card.agreed_objectives()
    served = sum(1 for o in agreed if card.served_by.get(o.id))
    heading(
        slide,
        "The cascade to lower units",
        accent,
        kicker=f"{story.plural(len(card.units), 'lower unit')} · {served} of {len(agreed)} objectives served by at least one",
    )
    rows = [["Objective", *[_short(u["unit"], 28) + f" (phase {u['phase']})" for u in units]]]
    for o in agreed[:MAX_ROWS]:
        below = card.served_by.get(o.id, [])
        rows.append([_short(o.title, 60), *[_titles([s["title"] for s in below if s["unit_id"] == u["id"]]) for u in units]])
    share = 0.34 if units else 1.0
    table(
        slide, MARGIN, Inches(1.35), SLIDE_W - 2 * MARGIN, rows, [share] + [(1 - share) / len(units)] * len(units), accent, size=9, row_h=Inches(0.36)
    )


def _parent_slide(slide, card: Scorecard, accent: str) -> None:
    parent = card.parent or {}
    rows = [[f"Objective of {_short(parent.get('unit', ''), 40)}", f"How {_short(card.workshop['unit'], 40)} serves it"]]
    for p in card.parent_objectives:
        contributors = card.contributors_of(p.id)
        if p.id in card.expected or contributors:
            rows.append([_short(p.title, 60), _short("; ".join(o.title for o in contributors), 110) or "no contribution yet"])
    heading(slide, f"What {card.workshop['unit']} serves in {parent.get('unit', '')}", accent, kicker=f"A lower unit of {parent.get('unit', '')}")
    table(slide, MARGIN, Inches(1.35), SLIDE_W - 2 * MARGIN, rows[: MAX_ROWS + 1], [0.4, 0.6], accent, size=10, row_h=Inches(0.36))
    local = [o for o in card.live_objectives() if not o.contributes_to and o.local_reason]
    if local:
        text_box(
            slide,
            MARGIN,
            Inches(1.35) + Inches(0.36) * (min(len(rows), MAX_ROWS + 1) + 0.4),
            SLIDE_W - 2 * MARGIN,
            Inches(0.6),
            ["Local to the unit: " + "; ".join(_short(f"{o.title} ({o.local_reason})", 260) for o in local)],
            size=11,
            colour=MUTED,
        )


def add_slide(deck, card: Scorecard, accent: str) -> None:
    """One slide when the workshop is in a cascade, nothing otherwise."""
    if not card.units and not card.has_parent:
        return
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    if card.units:
        _units_slide(slide, card, accent)
    else:
        _parent_slide(slide, card, accent)
