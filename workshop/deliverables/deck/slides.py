"""The sponsor's deck (PPTX): the strategy told in slides a board can be shown, every element editable.

Title; vision and strategy; the strategy map in native shapes; one slide per perspective
(objectives, measures, targets, owners); consensus highlights as a native chart; the initiative
roadmap; where the room would put the money (after a 100-point split); the first 90 days. Built from the same story as the PDF (story.py).
"""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches, Pt

from workshop.core import figures
from workshop.core.model import Measure, Scorecard
from workshop.core.target_words import target_words
from workshop.deliverables.deck import cascade, drawings, priorities, risks
from workshop.deliverables.deck.style import (
    DEFAULT_ACCENT,
    MARGIN,
    MUTED,
    PALE,
    SLIDE_H,
    SLIDE_W,
    footer,
    heading,
    rectangle,
    rgb,
    set_theme_font,
    table,
    text_box,
    tint,
)
from workshop.deliverables.record import WorkshopRecord
from workshop.deliverables.report import parts, story
from workshop.room import paper

ROWS_PER_SLIDE = 9
CHART_ITEMS = 12


def _blank(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _title_slide(deck, card: Scorecard, accent: str, logo: bytes | None, today: dt.date) -> None:
    slide = _blank(deck)
    w = card.workshop
    rectangle(slide, 0, 0, SLIDE_W, Inches(1.1), rgb(accent))
    rectangle(slide, 0, Inches(1.1), SLIDE_W, Inches(0.08), tint(accent, 0.5))
    if logo:
        picture = slide.shapes.add_picture(io.BytesIO(logo), MARGIN, Inches(1.6), height=Inches(0.9))
        if picture.width > Inches(3):
            picture.width, picture.height = Inches(3), int(picture.height * Inches(3) / picture.width)
    text_box(slide, MARGIN, Inches(2.7), SLIDE_W - 2 * MARGIN, Inches(0.4), ["BALANCED SCORECARD · STRATEGY"], size=12, colour=MUTED)
    text_box(slide, MARGIN, Inches(3.1), SLIDE_W - 2 * MARGIN, Inches(1.2), [w["unit"]], size=40, bold=True, colour=rgb(accent))
    text_box(slide, MARGIN, Inches(4.3), SLIDE_W - 2 * MARGIN, Inches(0.6), [w["organisation"]], size=22, colour=MUTED)
    facts = [f"Prepared {today.isoformat()}"] + ([f"Facilitated by {w['facilitator']}"] if w.get("facilitator") else [])
    text_box(slide, MARGIN, Inches(6.2), SLIDE_W - 2 * MARGIN, Inches(0.8), facts, size=13, colour=MUTED)


def _vision_slide(deck, card: Scorecard, accent: str) -> None:
    slide = _blank(deck)
    w = card.workshop
    heading(slide, "Vision and strategy", accent, kicker=f"{w['organisation']} · {w['unit']}")
    left_w = Inches(7.4)
    if w.get("vision"):
        rectangle(slide, MARGIN, Inches(1.4), Inches(0.08), Inches(1.3), rgb(accent))
        text_box(
            slide, MARGIN + Inches(0.25), Inches(1.35), left_w, Inches(1.4), [(w["vision"], {"size": 22, "limit": 300})], anchor=MSO_ANCHOR.MIDDLE
        )
    lines = []
    for label, value in (
        ("Mission", w.get("mission")),
        ("Core strategy", (w.get("core_strategy") or "").capitalize()),
        ("Strategy", w.get("strategy_summary")),
        ("Values", w.get("values_statement")),
    ):
        if value:
            lines += [(label.upper(), {"size": 10, "bold": True, "colour": MUTED, "spacing": 1}), (value, {"size": 14, "limit": 400, "spacing": 10})]
    text_box(slide, MARGIN, Inches(3.0), left_w, Inches(3.8), lines)
    x, y = int(MARGIN + left_w + Inches(0.4)), int(Inches(1.4))
    width = SLIDE_W - MARGIN - x
    text_box(slide, x, y, width, Inches(0.4), ["STRATEGIC THEMES"], size=10, bold=True, colour=MUTED)
    y += Inches(0.4)
    for theme in card.themes[:5]:
        rectangle(slide, x, y, width, Inches(0.95), tint(theme.colour), line=rgb(theme.colour))
        text_box(
            slide,
            x + Inches(0.1),
            y + Inches(0.05),
            width - Inches(0.2),
            Inches(0.9),
            [(theme.name, {"size": 14, "bold": True, "limit": 60}), (theme.description, {"size": 11, "limit": 140})],
        )
        y += Inches(1.05)


def _map_slide(deck, card: Scorecard, accent: str) -> dict:
    slide = _blank(deck)
    heading(
        slide,
        "The strategy map",
        accent,
        kicker=f"{story.plural(len(card.agreed_objectives()), 'objective')} · "
        + (
            f"{story.plural(len(card.links), 'cause-and-effect link')}; arrows run from cause to effect"
            if story.agreed_links(card)
            else "no cause-and-effect links yet: objectives grouped by perspective only"
        ),
    )
    return drawings.draw_map(slide, card, accent)


def _latest_cell(line) -> str:
    """ "Dec 2027: 13.1% · on target ↓", or "–" with nothing reported."""
    if line is None:
        return "–"
    return f"{line.period_text}: {line.actual_text()} · {line.status}{f' {line.arrow}' if line.trend else ''}"


def _perspective_slides(deck, card: Scorecard, accent: str, latest: dict | None = None) -> None:
    for p in sorted(card.perspectives, key=lambda p: p.position):
        rows = []
        for o in card.objectives_in(p.id, statuses=("agreed",)):
            measures: list[Measure | None] = list(card.measures_of(o.id)) or [None]
            for n, m in enumerate(measures):
                target = "–"
                if m is not None:  # the target as typed: "< 2 %", "98–100 %", "AAA", "Launched by 2027-06-30", "to be decided"
                    target = target_words(m, dates=False, none="–", compact=True)
                    dated = m.target_date and m.goal.type not in ("", "tbd")
                    target += f" by {m.target_date}" if dated else ""
                rows.append(
                    [
                        _short(o.title, 70) if n == 0 else "",
                        _short(m.name, 70) if m else "measure to be chosen",
                        target,
                        *([_latest_cell(latest.get(m.id) if m else None)] if latest else []),
                        (m.owner if m else o.owner) or story.TO_BE_NAMED,
                    ]
                )
        pages = [rows[i : i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)] or [[]]
        for n, page in enumerate(pages):
            slide = _blank(deck)
            suffix = f" (continued, {n + 1} of {len(pages)})" if len(pages) > 1 else ""
            heading(
                slide,
                f"{p.name}{suffix}",
                accent,
                kicker=f"Perspective {p.position} of {len(card.perspectives)} · objectives, measures, targets and owners",
            )
            if not page:
                text_box(slide, MARGIN, Inches(1.5), Inches(10), Inches(0.5), ["No agreed objective in this perspective yet."], size=16, colour=MUTED)
                continue
            table(
                slide,
                MARGIN,
                Inches(1.4),
                SLIDE_W - 2 * MARGIN,
                ([["Objective", "Measure", "Target", "Latest", "Owner"]] if latest else [["Objective", "Measure", "Target", "Owner"]]) + page,
                [0.27, 0.26, 0.15, 0.19, 0.13] if latest else [0.34, 0.32, 0.18, 0.16],
                accent,
                size=12,
                row_h=Inches(0.52),
            )


def _consensus_slide(deck, card: Scorecard, accent: str, rounds: list[dict]) -> None:
    latest: dict[str, dict] = {}
    for r in rounds:
        for item in r.get("items", []):
            if item.get("positive_pct") is not None:
                latest[item.get("key") or item["subject"]] = item
    slide = _blank(deck)
    heading(slide, "How the room decided", accent, kicker="Consensus highlights from the workshops' votes")
    if not latest:
        text_box(
            slide,
            MARGIN,
            Inches(1.5),
            Inches(11),
            Inches(0.6),
            ["No vote was recorded: the team agreed its objectives in discussion."],
            size=16,
            colour=MUTED,
        )
        return
    items = sorted(latest.values(), key=lambda i: (i.get("positive_pct") or 0, i["subject"]))[:CHART_ITEMS]
    data = CategoryChartData()
    data.categories = [_short(i["subject"], 48) for i in reversed(items)]
    data.add_series("% in support at the last vote", [i["positive_pct"] for i in reversed(items)])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, Inches(1.35), Inches(8.2), SLIDE_H - Inches(2.0), data)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = True
    chart.chart_title.text_frame.text = "Share in support at the last vote (%), lowest first"
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.number_format = '0"%"'
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(10)
    plot.series[0].format.fill.solid()
    plot.series[0].format.fill.fore_color.rgb = rgb(accent)
    chart.value_axis.maximum_scale = 100
    chart.value_axis.minimum_scale = 0
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.tick_labels.font.size = Pt(10)
    chart.category_axis.tick_labels.font.size = Pt(10)
    x = MARGIN + Inches(8.5)
    width = SLIDE_W - MARGIN - x
    agreed, dropped = len(card.agreed_objectives()), [o for o in card.objectives if o.status == "dropped"]
    voted = max((r.get("voted") or 0) for r in rounds)
    notes = [
        ("WHAT THE ROOM SETTLED", {"size": 10, "bold": True, "colour": MUTED}),
        (f"{story.plural(agreed, 'objective')} agreed", {"size": 16, "bold": True}),
        (f"{story.plural(len(rounds), 'voting round')}, up to {story.plural(voted, 'person')} voting", {"size": 13, "spacing": 10}),
    ]
    entered = paper.counted(sum(r.get("paper") or 0 for r in rounds), sum(r.get("hands") or 0 for r in rounds))
    if entered:  # votes of people without a device
        notes.append((f"Votes entered by the facilitator: {entered}", {"size": 12, "colour": MUTED}))
    for step in report_record_movement(rounds):
        notes.append((step, {"size": 12}))
    withheld = withheld_words(rounds)
    if withheld:
        notes.append((withheld, {"size": 11, "colour": MUTED}))
    if dropped:
        notes.append((f"Decided against: {story.listing([o.title for o in dropped])}", {"size": 12, "limit": 300}))
    rectangle(slide, x, Inches(1.35), width, SLIDE_H - Inches(2.0), PALE)
    text_box(slide, x + Inches(0.15), Inches(1.45), width - Inches(0.3), SLIDE_H - Inches(2.2), notes)


_SETTING_WORDS = {"anonymous": "anonymous round", "facilitator": "facilitator-only round"}


def withheld_words(rounds: list[dict]) -> str:
    """The rounds whose results the small-room rule withheld, each called by its own setting
    ("1 anonymous round and 2 facilitator-only rounds: results withheld, …"); "" for none."""
    kinds = [r["anonymity"] for r in rounds if r.get("withheld")]
    parts = [story.plural(kinds.count(kind), words) for kind, words in _SETTING_WORDS.items() if kind in kinds]
    if not parts:
        return ""
    return f"{story.listing(parts)}: results withheld, too few people voted to keep each vote private"


def report_record_movement(rounds: list[dict]) -> list[str]:
    """One line per item voted on more than once: its support, round by round."""
    path: dict[str, list] = {}
    for r in rounds:
        for item in r.get("items", []):
            if item.get("positive_pct") is not None:
                path.setdefault(item["subject"], []).append(item["positive_pct"])
    return [f"{_short(subject, 50)}: " + " → ".join(f"{v:.0f}%" for v in values) for subject, values in path.items() if len(values) > 1][:4]


def _roadmap_slide(deck, card: Scorecard, accent: str) -> None:
    slide = _blank(deck)
    budget = sum(i.budget or 0 for i in card.initiatives)
    heading(
        slide,
        "Initiative roadmap",
        accent,
        kicker=f"{story.plural(len(card.initiatives), 'strategic initiative')} · {figures.money(budget, card.workshop.get('currency', ''))} in all",
    )
    if not drawings.draw_roadmap(slide, card, accent):
        text_box(
            slide, MARGIN, Inches(1.5), Inches(11), Inches(0.6), ["No initiative has both a start date and a deadline yet."], size=16, colour=MUTED
        )


def _next_steps_slide(deck, card: Scorecard, accent: str, today: dt.date, open_count: int) -> None:
    slide = _blank(deck)
    plan = story.first_90_days(card, today)
    heading(slide, "Next steps: the first 90 days", accent, kicker=f"From {story.day(plan['start'])} to {story.day(plan['end'])}")
    rows = [["When", "What", "Who"]] + [[story.day(s.when), _short(s.what, 90), _short(s.who, 30)] for s in plan["steps"][:10]]
    table(slide, MARGIN, Inches(1.4), SLIDE_W - 2 * MARGIN, rows, [0.14, 0.64, 0.22], accent, size=12, row_h=Inches(0.42))
    tail = []
    if plan["later"]:
        tail.append("Later: " + "; ".join(plan["later"]))
    if open_count:
        tail.append(f"{story.plural(open_count, 'open point')} to settle: see the strategy document.")
    if tail:
        text_box(slide, MARGIN, SLIDE_H - Inches(0.95), SLIDE_W - 2 * MARGIN, Inches(0.5), tail, size=12, colour=MUTED)


def deck_for(
    card: Scorecard,
    rounds: list[dict],
    *,
    accent: str = DEFAULT_ACCENT,
    logo: bytes | None = None,
    today: dt.date | None = None,
    latest: dict | None = None,
):
    """The Presentation object (python-pptx), slides in the order the story is told."""
    today = today or dt.date.today()
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    set_theme_font(deck)
    w = card.workshop
    _title_slide(deck, card, accent, logo, today)
    _vision_slide(deck, card, accent)
    _map_slide(deck, card, accent)
    _perspective_slides(deck, card, accent, latest)
    _consensus_slide(deck, card, accent, rounds)
    _roadmap_slide(deck, card, accent)
    priorities.add_slide(deck, rounds, accent)
    cascade.add_slide(deck, card, accent)
    risks.add_slides(deck, card, rounds, latest, accent)
    _next_steps_slide(deck, card, accent, today, len(story.open_points(card, rounds)))
    for number, slide in enumerate(deck.slides, start=1):
        if number > 1:
            footer(slide, f"{w['organisation']} · {w['unit']}", number)
    deck.core_properties.title = _short(f"Strategy · {w['unit']}", 200)
    deck.core_properties.author = "Scorecard Workshop"
    return deck


def build_pptx(record: WorkshopRecord, *, today: dt.date | None = None) -> bytes:
    """The deck as PPTX bytes, in the client's accent colour and with its logo when one is stored."""
    brand = record.branding
    deck = deck_for(record.card, parts.consensus_rounds(record), accent=brand.accent, logo=brand.logo, today=today, latest=record.latest_periods)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
