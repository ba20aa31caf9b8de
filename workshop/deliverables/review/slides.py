"""The review pack as a deck (PPTX), the same story as the PDF told one thing per slide: the period
and the next review; the objectives at a glance; what is off target or to watch with the owners'
comments; the map by status with its links drawn by their evidence; the scorecard, a perspective a
slide; the hypotheses tested; the initiatives; the action log; the incentive scores when rewards are on.

Built with the deck's house style and drawings (deck/style.py, deck/drawings.py); text goes into
shapes as plain runs, so user text never becomes markup.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from workshop.core.words import plural
from workshop.deliverables.deck import drawings
from workshop.deliverables.deck.style import (
    MARGIN,
    MUTED,
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
from workshop.deliverables.map import status as map_status
from workshop.deliverables.record import ReviewRecord
from workshop.deliverables.review import story

ROWS = 8  # table rows a slide holds
WIDTH = SLIDE_W - 2 * MARGIN


def _blank(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])


def _pages(rows: list, size: int = ROWS) -> list[list]:
    return [rows[i : i + size] for i in range(0, len(rows), size)] or [[]]


def _colour_status(shape, column: int, statuses: list[str]) -> None:
    """A status cell takes its status's colour, its words stay (never colour alone)."""
    for row, status in enumerate(statuses, start=1):
        _, ink, fill = map_status.STATUS.get(status, map_status.STATUS["no data"])
        cell = shape.table.cell(row, column)
        cell.fill.solid()
        cell.fill.fore_color.rgb = rgb(fill)
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.color.rgb = rgb(ink)
                run.font.bold = True


def _title(deck, ctx: dict, accent: str, logo: bytes | None) -> None:
    slide = _blank(deck)
    w, cover = ctx["w"], ctx["cover"]
    rectangle(slide, 0, 0, SLIDE_W, Inches(1.1), rgb(accent))
    rectangle(slide, 0, Inches(1.1), SLIDE_W, Inches(0.08), tint(accent, 0.5))
    if logo:
        picture = slide.shapes.add_picture(io.BytesIO(logo), MARGIN, Inches(1.5), height=Inches(0.8))
        if picture.width > Inches(3):
            picture.width, picture.height = Inches(3), int(picture.height * Inches(3) / picture.width)
    text_box(slide, MARGIN, Inches(2.5), WIDTH, Inches(0.4), ["BALANCED SCORECARD · REVIEW PACK"], size=12, colour=MUTED)
    text_box(slide, MARGIN, Inches(2.9), WIDTH, Inches(0.9), [w["unit"]], size=34, bold=True, colour=rgb(accent))
    text_box(slide, MARGIN, Inches(3.8), WIDTH, Inches(0.5), [w["organisation"]], size=20, colour=MUTED)
    text_box(
        slide,
        MARGIN,
        Inches(4.6),
        WIDTH,
        Inches(0.9),
        [(cover["period"], {"size": 40, "bold": True}), (cover["span"], {"size": 16, "colour": MUTED})],
    )
    facts = [cover["review"], f"Next review: {cover['next_review']}", f"Prepared {cover['prepared']}"]
    text_box(slide, MARGIN, Inches(6.1), WIDTH, Inches(1.0), facts, size=13, colour=MUTED, spacing=2)


def _glance(deck, ctx: dict, accent: str) -> None:
    slide = _blank(deck)
    heading(slide, f"At a glance · {ctx['period']}", accent, kicker="Objectives by status, rolled up from their measures")
    gap = Inches(0.25)
    tile_w = (WIDTH - 3 * gap) / 4
    for n, status in enumerate(story.STATUSES):
        words, ink, fill = map_status.STATUS[status]
        x = MARGIN + n * (tile_w + gap)
        rectangle(slide, x, Inches(1.5), tile_w, Inches(1.7), rgb(fill), line=rgb(ink), line_width=2)
        text_box(
            slide,
            x,
            Inches(1.6),
            tile_w,
            Inches(1.5),
            [
                (str(ctx["objective_counts"][status]), {"size": 44, "bold": True, "colour": rgb(ink)}),
                (f"{words.lower()} · {plural(ctx['measure_counts'][status], 'measure')}", {"size": 14}),
            ],
            align=PP_ALIGN.CENTER,
        )
    text_box(slide, MARGIN, Inches(3.6), WIDTH, Inches(2.4), ctx["headline"], size=16, spacing=8)
    text_box(
        slide, MARGIN, SLIDE_H - Inches(1.2), WIDTH, Inches(0.7), [f"How an objective's status is set: {ctx['roll_up_rule']}"], size=11, colour=MUTED
    )


def _attention(deck, ctx: dict, accent: str) -> None:
    lines = ctx["attention"]
    pages = _pages(lines, 6)
    for n, page in enumerate(pages):
        slide = _blank(deck)
        more = f" ({n + 1} of {len(pages)})" if len(pages) > 1 else ""
        heading(slide, f"Off target and to watch{more}", accent, kicker="Each with its owner's comment")
        if not page:
            text_box(slide, MARGIN, Inches(1.5), WIDTH, Inches(0.6), ["Every reported measure is on target for the period."], size=18, colour=MUTED)
            continue
        rows = [["Measure", "Plan", "Actual", "Status", "Owner's comment"]] + [
            [f"{m['name']} ({m['owner']})", m["planned"], m["actual"], m["status_words"], m["comment"] or story.MISSING_COMMENT] for m in page
        ]
        shape = table(slide, MARGIN, Inches(1.4), WIDTH, rows, [0.28, 0.1, 0.1, 0.1, 0.42], accent, size=12, row_h=Inches(0.7))
        _colour_status(shape, 3, [m["status"] for m in page])


def _map(deck, rec: ReviewRecord, ctx: dict, accent: str) -> None:
    slide = _blank(deck)
    heading(slide, f"The strategy map by status · {ctx['period']}", accent, kicker="Boxes by status; links by what the numbers say of them")
    drawn = drawings.draw_map(slide, rec.card, accent, bottom_room=Inches(1.45), themes=False)
    for objective_id, shape in drawn["boxes"].items():
        words, ink, fill = map_status.STATUS[rec.statuses.get(objective_id, "no data")]
        shape.fill.fore_color.rgb = rgb(fill)
        shape.line.color.rgb = rgb(ink)
        shape.line.width = Pt(2.5)
        said = shape.text_frame.add_paragraph()  # the status in words, never colour alone
        said.alignment = PP_ALIGN.CENTER
        run = said.add_run()
        run.text = words
        run.font.size, run.font.bold, run.font.color.rgb = Pt(9), True, rgb(ink)
    for link_id, connector in drawn["connectors"].items():
        found = rec.evidence.get(link_id)
        _, colour, width, dash = map_status.EVIDENCE[found.verdict if found else "no measures"]
        connector.line.color.rgb = rgb(colour)
        connector.line.width = Pt(width * 0.8)
        if dash:
            connector.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT if dash.startswith("1 ") else MSO_LINE_DASH_STYLE.DASH
    _legend(slide, ctx)


def _legend(slide, ctx: dict) -> None:
    y = SLIDE_H - Inches(1.3)
    x = int(MARGIN)
    text_box(slide, x, y, Inches(1.6), Inches(0.3), ["Status"], size=10, bold=True, colour=MUTED)
    for words, ink, fill in map_status.STATUS.values():
        x += Inches(1.6) if x == int(MARGIN) else Inches(1.5)
        rectangle(slide, x, y + Inches(0.05), Inches(0.3), Inches(0.18), rgb(fill), line=rgb(ink), shape=MSO_SHAPE.ROUNDED_RECTANGLE, line_width=1.5)
        text_box(slide, x + Inches(0.35), y, Inches(1.15), Inches(0.3), [words], size=10, colour=MUTED)
    y += Inches(0.3)
    x = int(MARGIN)
    text_box(slide, x, y, Inches(1.6), Inches(0.3), ["Links, by the numbers"], size=10, bold=True, colour=MUTED)
    x += Inches(1.6)
    for name, (_, colour, _, _) in map_status.EVIDENCE.items():
        rectangle(slide, x, y + Inches(0.12), Inches(0.3), Pt(2.5), rgb(colour))
        text_box(slide, x + Inches(0.35), y, Inches(1.9), Inches(0.3), [story.EVIDENCE_WORDS[name]], size=10, colour=MUTED)
        x += Inches(2.2)
    text_box(slide, MARGIN, y + Inches(0.3), WIDTH, Inches(0.4), [f"Status rule: {ctx['roll_up_rule']}"], size=9, colour=MUTED)


def _trend_words(line: dict) -> str:
    values = [p for p in line["trend"] if p["actual"] is not None][-4:]
    return " → ".join(story.figure(p["actual"], digits=2) for p in values) or story.DASH


def _scorecard(deck, ctx: dict, accent: str) -> None:
    for perspective in ctx["perspectives"]:
        rows, statuses = [], []
        for o in perspective["objectives"]:
            for n, m in enumerate(o["measures"]):
                rows.append([o["title"] if n == 0 else "", m["name"], m["target"], m["planned"], m["actual"], _trend_words(m), m["status_words"]])
                statuses.append(m["status"])
        pages = _pages(list(zip(rows, statuses, strict=True)))
        for n, page in enumerate(pages):
            slide = _blank(deck)
            more = f" ({n + 1} of {len(pages)})" if len(pages) > 1 else ""
            heading(
                slide, f"{perspective['name']}{more}", accent, kicker=f"The scorecard · {ctx['period']} · plan, actual and the last periods' actuals"
            )
            if not page:
                text_box(slide, MARGIN, Inches(1.5), WIDTH, Inches(0.6), ["No measure reported in this perspective."], size=16, colour=MUTED)
                continue
            header = [["Objective", "Measure", "Target", "Plan", "Actual", "Trend", "Status"]]
            shape = table(
                slide,
                MARGIN,
                Inches(1.4),
                WIDTH,
                header + [r for r, _ in page],
                [0.2, 0.2, 0.1, 0.1, 0.1, 0.18, 0.12],
                accent,
                size=11,
                row_h=Inches(0.6),
            )
            _colour_status(shape, 6, [s for _, s in page])


def _hypotheses(deck, ctx: dict, accent: str) -> None:
    pages = _pages(ctx["hypotheses"], 5)
    for n, page in enumerate(pages):
        slide = _blank(deck)
        more = f" ({n + 1} of {len(pages)})" if len(pages) > 1 else ""
        heading(slide, f"Hypotheses tested{more}", accent, kicker="What the numbers say of each cause-and-effect link, and the room's verdict")
        if not page:
            text_box(slide, MARGIN, Inches(1.5), WIDTH, Inches(0.6), ["The map has no cause-and-effect links to test."], size=16, colour=MUTED)
            continue
        rows = [["Cause → effect", "What the numbers say", "The room's verdict"]] + [
            [
                f"{h['cause']} → {h['effect']}",
                f"{h['evidence_words']}. {h['sentence']}",
                f"{h['room']['verdict'].capitalize()} ({h['room']['when']})" if h["room"] else "Not voted on yet",
            ]
            for h in page
        ]
        table(slide, MARGIN, Inches(1.4), WIDTH, rows, [0.34, 0.44, 0.22], accent, size=12, row_h=Inches(0.85))


def _initiatives(deck, ctx: dict, accent: str) -> None:
    for n, page in enumerate(pages := _pages(ctx["initiatives"])):
        slide = _blank(deck)
        more = f" ({n + 1} of {len(pages)})" if len(pages) > 1 else ""
        heading(slide, f"Initiatives{more}", accent, kicker="Status, milestones and spend against budget")
        if not page:
            text_box(slide, MARGIN, Inches(1.5), WIDTH, Inches(0.6), ["No initiative is planned."], size=16, colour=MUTED)
            continue
        rows = [["Initiative", "Status", "Milestone", "Budget", "Spent to date", "Owner"]] + [
            [i["name"], i["status"].capitalize(), i["milestone"], i["budget"], f"{i['spent']} {i['share']}".strip(), i["owner"]] for i in page
        ]
        table(slide, MARGIN, Inches(1.4), WIDTH, rows, [0.26, 0.1, 0.22, 0.13, 0.16, 0.13], accent, size=12, row_h=Inches(0.6))


def _actions(deck, ctx: dict, accent: str) -> None:
    for n, page in enumerate(pages := _pages(ctx["actions"])):
        slide = _blank(deck)
        more = f" ({n + 1} of {len(pages)})" if len(pages) > 1 else ""
        heading(slide, f"Action log{more}", accent, kicker="Open actions first; those carried over from an earlier review are marked")
        if not page:
            text_box(slide, MARGIN, Inches(1.5), WIDTH, Inches(0.6), ["No action has been recorded yet."], size=16, colour=MUTED)
            continue
        rows = [["Action", "Owner", "Due", "State", "For"]] + [
            [
                a["what"],
                a["owner"],
                a["due"] + (" (overdue)" if a["overdue"] else ""),
                a["status"].capitalize() + (" · carried over" if a["carried"] else ""),
                a["subject"],
            ]
            for a in page
        ]
        table(slide, MARGIN, Inches(1.4), WIDTH, rows, [0.38, 0.14, 0.14, 0.14, 0.2], accent, size=12, row_h=Inches(0.6))


def _rewards(deck, ctx: dict, accent: str) -> None:
    if not ctx["rewards_on"]:
        return
    slide = _blank(deck)
    heading(slide, f"Incentive scores · {ctx['period']}", accent, kicker="Weighted achievement against the period's plan, capped per measure")
    if not ctx["rewards"]:
        text_box(slide, MARGIN, Inches(1.5), WIDTH, Inches(0.6), ["Rewards are on, but no incentive scheme is set yet."], size=16, colour=MUTED)
        return
    rows = [["Scheme", "Score", "Weights with a figure", "Cap per measure"]] + [
        [s["name"], s["score"], s["covered"], s["cap"]] for s in ctx["rewards"][:ROWS]
    ]
    table(slide, MARGIN, Inches(1.4), WIDTH, rows, [0.4, 0.2, 0.2, 0.2], accent, size=14, row_h=Inches(0.55))


def deck_for(rec: ReviewRecord):
    """The Presentation object, slides in the order the PDF tells the story."""
    ctx = story.context(rec)
    accent, logo = rec.branding.accent, rec.branding.logo
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    set_theme_font(deck)
    _title(deck, ctx, accent, logo)
    _glance(deck, ctx, accent)
    _attention(deck, ctx, accent)
    if rec.card.agreed_objectives():
        _map(deck, rec, ctx, accent)
    _scorecard(deck, ctx, accent)
    _hypotheses(deck, ctx, accent)
    _initiatives(deck, ctx, accent)
    _actions(deck, ctx, accent)
    _rewards(deck, ctx, accent)
    w = ctx["w"]
    for number, slide in enumerate(deck.slides, start=1):
        if number > 1:
            footer(slide, f"{w['organisation']} · {w['unit']} · review pack · {ctx['period']}", number)
    deck.core_properties.title = f"Review pack · {w['unit']} · {ctx['period']}"[:200]
    deck.core_properties.author = "Scorecard Workshop"
    return deck


def build_pptx(rec: ReviewRecord) -> bytes:
    buffer = io.BytesIO()
    deck_for(rec).save(buffer)
    return buffer.getvalue()
