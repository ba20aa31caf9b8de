"""The marks of an objective that serves several themes: its box takes its main theme's colour, and
a dot in each other theme's colour sits inside the box's top-right corner, clear of the arrows that
meet its edges (the legend explains the dot). An objective that serves every theme (the top objective
or the learning base every strand shares) has a box of its own colour with a strip of every theme's
colour along its top."""

from __future__ import annotations

import html

from workshop.core.model import Objective, Scorecard, Theme

ALSO_SERVES = "also-serves"  # the legend entry that explains the dots
EVERY_THEME = "every-theme"  # the legend entry that explains the strip
EVERY_THEME_COLOUR = "#52606d"
EVERY_THEME_WORDS = "Serves every theme"
DOT_R = 4.5
MAX_DOTS = 8
STRIP_H = 6


def other_themes(card: Scorecard, objective: Objective) -> list[Theme]:
    """The themes an objective serves beyond the one that colours its box (none for one that serves
    every theme: its strip says so)."""
    if objective.all_themes:
        return []
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


def strip(card: Scorecard, objective: Objective, x: float, y: float, w: float) -> list[str]:
    """Every theme's colour in turn along the top of the box of an objective that serves them all."""
    if not objective.all_themes or not card.themes:
        return []
    left, width = x + 12, w - 24
    step = width / len(card.themes)
    out = [f'<g class="every-theme"><title>{EVERY_THEME_WORDS}</title>']
    for n, theme in enumerate(card.themes):
        out.append(f'<rect x="{left + n * step:g}" y="{y + 6:g}" width="{step:g}" height="{STRIP_H}" fill="{theme.colour}"/>')
    out.append("</g>")
    return out


def legend_strip(card: Scorecard, x: float, y: float) -> str:
    """A small box with the strip along its top."""
    step = 18 / max(len(card.themes), 1)
    bars = "".join(f'<rect x="{x + 4 + n * step:g}" y="{y + 3:g}" width="{step:g}" height="4" fill="{t.colour}"/>' for n, t in enumerate(card.themes))
    return f'<rect x="{x:g}" y="{y:g}" width="26" height="16" rx="4" fill="#ffffff" stroke="{EVERY_THEME_COLOUR}" stroke-width="2"/>' + bars


def legend_mark(x: float, y: float, border: str, dot: str) -> str:
    """A small plain box with a dot in its top-right corner."""
    return (
        f'<rect x="{x:g}" y="{y:g}" width="26" height="16" rx="4" fill="#ffffff" stroke="{border}" '
        f'stroke-width="2"/><circle cx="{x + 19:g}" cy="{y + 6:g}" r="3.5" fill="{dot}"/>'
    )


def also_line(card: Scorecard, objective: Objective, width: int = 26) -> str:
    """The interactive map's mark: a line under the title naming the other themes ("+ Environment"),
    or "+ every theme"."""
    if objective.all_themes:
        return "+ every theme"
    names = [t.name for t in other_themes(card, objective)]
    if not names:
        return ""
    line = "+ " + ", ".join(names)
    return line if len(line) <= width else line[: width - 1].rstrip(" ,") + "…"
