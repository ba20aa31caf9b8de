"""The marks of an objective that serves several themes: its box takes its main theme's colour, and
a dot in each other theme's colour sits inside the box's top-right corner, clear of the arrows that
meet its edges (the legend explains the dot)."""

from __future__ import annotations

import html

from workshop.core.model import Objective, Scorecard, Theme

ALSO_SERVES = "also-serves"  # the legend entry that explains the dots
DOT_R = 4.5
MAX_DOTS = 8


def other_themes(card: Scorecard, objective: Objective) -> list[Theme]:
    """The themes an objective serves beyond the one that colours its box."""
    served = card.themes_of(objective)
    return served[1:] if card.theme(objective.theme_id) else served


def dots(card: Scorecard, objective: Objective, right: float, top: float) -> list[str]:
    """One dot per other theme inside the box's top edge, from its right corner leftwards."""
    out = []
    for n, theme in enumerate(other_themes(card, objective)[:MAX_DOTS]):
        cx = right - 13 - n * (2 * DOT_R + 3)
        name = html.escape(theme.name, quote=True)
        out.append(
            f'<circle class="also-serves" cx="{cx:g}" cy="{top + 10:g}" r="{DOT_R:g}" fill="{theme.colour}" '
            f'stroke="#ffffff" stroke-width="1.5"><title>Also serves: {name}</title></circle>'
        )
    return out


def legend_mark(x: float, y: float, border: str, dot: str) -> str:
    """A small plain box with a dot in its top-right corner."""
    return (
        f'<rect x="{x:g}" y="{y:g}" width="26" height="16" rx="4" fill="#ffffff" stroke="{border}" '
        f'stroke-width="2"/><circle cx="{x + 19:g}" cy="{y + 6:g}" r="3.5" fill="{dot}"/>'
    )


def also_line(card: Scorecard, objective: Objective, width: int = 26) -> str:
    """The interactive map's mark: a line under the title naming the other themes ("+ Environment")."""
    names = [t.name for t in other_themes(card, objective)]
    if not names:
        return ""
    line = "+ " + ", ".join(names)
    return line if len(line) <= width else line[: width - 1].rstrip(" ,") + "…"
