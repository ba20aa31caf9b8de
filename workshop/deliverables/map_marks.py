"""The marks of an objective that serves several themes: its box takes its main theme's colour, and
a dot in each other theme's colour sits on the box's top edge (the legend explains the dot)."""
from __future__ import annotations

import html

from workshop.core.model import Objective, Scorecard, Theme

ALSO_SERVES = "also-serves"  # the legend entry that explains the dots
DOT_R = 6
MAX_DOTS = 8


def other_themes(card: Scorecard, objective: Objective) -> list[Theme]:
    """The themes an objective serves beyond the one that colours its box."""
    served = card.themes_of(objective)
    return served[1:] if card.theme(objective.theme_id) else served


def dots(card: Scorecard, objective: Objective, right: float, top: float) -> list[str]:
    """One dot per other theme along the box's top edge, from its right end leftwards."""
    out = []
    for n, theme in enumerate(other_themes(card, objective)[:MAX_DOTS]):
        cx = right - 14 - n * (2 * DOT_R + 4)
        name = html.escape(theme.name, quote=True)
        out.append(f'<circle class="also-serves" cx="{cx:g}" cy="{top:g}" r="{DOT_R}" fill="{theme.colour}" '
                   f'stroke="#ffffff" stroke-width="2"><title>Also serves: {name}</title></circle>')
    return out


def legend_mark(x: float, y: float, border: str, dot: str) -> str:
    """A small plain box with a dot on its top edge."""
    return (f'<rect x="{x:g}" y="{y:g}" width="26" height="16" rx="4" fill="#ffffff" stroke="{border}" '
            f'stroke-width="2"/><circle cx="{x + 19:g}" cy="{y:g}" r="{DOT_R - 1}" fill="{dot}" '
            'stroke="#ffffff" stroke-width="2"/>')
