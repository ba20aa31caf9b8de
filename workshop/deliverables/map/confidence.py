"""The room's confidence in each causal link, drawn on the strategy map and listed as the
hypotheses to test. A link's level reads in three ways at once (never colour alone): its colour,
its line (solid, long dashes, short dashes) and its weight; a legend names the levels.

`confidence` is `vote_results.link_confidence(db, workshop_id)`: {link_id: {support, median, votes, …}}.
"""

from __future__ import annotations

import html

from workshop.core.model import Scorecard

# (name, lowest % of the room confident, colour, stroke width, dash pattern, plain words)
LEVELS = (
    ("trusted", 75, "#276749", 3.2, "", "most of the room is confident the cause drives the effect"),
    ("mixed", 50, "#975a16", 2.4, "9 5", "the room is divided"),
    ("doubted", 0, "#c53030", 2.4, "3 4", "most of the room doubts it: a hypothesis to test first"),
)
UNTESTED = ("not voted", "#3d4652", 1.6, "", "the room has not voted on it")
LEGEND_H = 64


def level(entry: dict | None) -> tuple[str, str, float, str, str]:
    """(name, colour, width, dash, words) for one link's confidence, or the plain line if none."""
    if entry and entry.get("few"):  # fewer than 2 confident, in a room of 5 or more: doubted
        return next((n, c, w, d, words) for n, _, c, w, d, words in LEVELS if n == "doubted")
    if not entry or entry.get("support") is None:
        return UNTESTED
    for name, lowest, colour, width, dash, words in LEVELS:
        if entry["support"] >= lowest:
            return (name, colour, width, dash, words)
    return UNTESTED


def markers() -> list[str]:
    """An arrowhead per level, in its colour."""
    out = []
    for name, colour in [(n, c) for n, _, c, *_ in LEVELS] + [("untested", UNTESTED[1])]:
        out.append(
            f'<marker id="arrowhead-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
            f'markerHeight="6" orient="auto-start-reverse" markerUnits="strokeWidth">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    return out


def stroke(entry: dict | None) -> str:
    """The SVG attributes of one link's line."""
    name, colour, width, dash, _ = level(entry)
    marker = "untested" if name == UNTESTED[0] else name
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'stroke="{colour}" stroke-width="{width}"{dashes} marker-end="url(#arrowhead-{marker})"'


def legend(x: float, y: float, confidence: dict[int, dict], font_size: float = 13) -> list[str]:
    """The levels, each drawn as its line with its words (in the map's own type size, so the
    printed legend reads as well as the boxes)."""
    out = [
        f'<text x="{x}" y="{y + 14:g}" font-size="{font_size:g}" font-weight="bold" fill="#2d3748">'
        "The room's confidence in each link (share rating it 4 or 5 of 5)</text>"
    ]
    step = 230 * font_size / 13
    entries = [(n, c, w, d, f"{n.capitalize()} ({lo}% or more)" if lo else f"{n.capitalize()} (under 50%)") for n, lo, c, w, d, _ in LEVELS] + [
        (UNTESTED[0], *UNTESTED[1:4], "Not voted on")
    ]
    for i, (_, colour, width, dash, text) in enumerate(entries):
        left = x + i * step
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{left}" y1="{y + 38:g}" x2="{left + 44}" y2="{y + 38:g}" stroke="{colour}" stroke-width="{width}"{dashes}/>')
        out.append(f'<text x="{left + 52}" y="{y + 42:g}" font-size="{font_size:g}" fill="#1a202c">{html.escape(text)}</text>')
    return out


def hypotheses(card: Scorecard, confidence: dict[int, dict], *, limit: int = 8) -> list[dict]:
    """The least-trusted links first, each with the measures that will test it (the cause's and
    the effect's): what the first reviews should look at."""
    titles = {o.id: o.title for o in card.objectives}
    voted = [
        link for link in card.links if link.id in confidence and (confidence[link.id].get("support") is not None or confidence[link.id].get("few"))
    ]
    voted.sort(key=lambda link: (_support_or_below(confidence[link.id]), confidence[link.id]["median"] or 0))
    out = []
    for link in voted[:limit]:
        c = confidence[link.id]
        tests = [m.name for m in card.measures_of(link.cause_id) + card.measures_of(link.effect_id)]
        out.append(
            {
                "cause": titles.get(link.cause_id, "?"),
                "effect": titles.get(link.effect_id, "?"),
                "hypothesis": link.hypothesis,
                "support": c["support"],
                "votes": c["votes"],
                "support_text": c.get("support_text") or f"{c['support']:g}%",
                "level": level(c)[0],
                "tests": tests,
            }
        )
    return out


def _support_or_below(entry: dict) -> float:
    """A link's support for ordering; one the small-room rule hid (fewer than 2 confident) comes first."""
    return -1.0 if entry.get("support") is None else entry["support"]
