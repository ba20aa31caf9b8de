"""The deck's priorities slide: the room's latest 100-point split beside the planned budget, as a
native chart (two bars per initiative: share of the room's points, share of the budget) with the
initiatives where money and the room disagree named beside it. Nothing when no split has closed."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from workshop.core import methods
from workshop.deliverables.deck.style import MARGIN, MUTED, PALE, SLIDE_H, SLIDE_W, heading, rectangle, rgb, text_box

MAX_ITEMS = 10
BUDGET_GREY = RGBColor(0x8A, 0x94, 0xA3)


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def add_slide(deck, rounds: list[dict], accent: str) -> None:
    split = next((r for r in reversed(rounds) if (r.get("priority") or {}).get("chart") == methods.SPLIT), None)
    if split is None:
        return
    rows = [s for s in split["priority"]["rows"] if s.get("share") is not None][:MAX_ITEMS]
    if not rows:
        return
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    budgets = split["priority"]["budgets"]
    heading(
        slide,
        "Where the room would put the money",
        accent,
        kicker=f"Workshop {split['workshop']} · {_short(split['title'], 80)} · each person spread 100 points",
    )
    data = CategoryChartData()
    data.categories = [_short(s.get("now") or s["subject"], 44) for s in reversed(rows)]  # as the item is called now
    if budgets:  # a bar chart draws a category's series bottom up: the budget first puts the room on top
        data.add_series("Share of the planned budget (%)", [s["budget_share"] or 0 for s in reversed(rows)])
    data.add_series("Share of the room's points (%)", [s["share"] for s in reversed(rows)])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, Inches(1.35), Inches(8.2), SLIDE_H - Inches(2.0), data)
    chart = frame.chart
    chart.has_legend = budgets
    if budgets:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(10)
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.overlap = -10
    plot.has_data_labels = True
    plot.data_labels.number_format = '0"%"'
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(9)
    for series, colour in zip(plot.series, (BUDGET_GREY, rgb(accent)) if budgets else (rgb(accent),)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = colour
    chart.value_axis.minimum_scale = 0
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.tick_labels.font.size = Pt(9)
    chart.category_axis.tick_labels.font.size = Pt(10)
    x = MARGIN + Inches(8.5)
    width = SLIDE_W - MARGIN - x
    notes = [("WHERE MONEY AND THE ROOM DIFFER", {"size": 10, "bold": True, "colour": MUTED})]
    apart = [s for s in rows if s.get("notable")]
    for s in apart[:5]:
        notes.append((_short(s.get("now") or s["subject"], 60), {"size": 13, "bold": True}))
        notes.append((f"{s['share']:g}% of the points, {s['budget_share']:g}% of the budget: {s['words']}", {"size": 11, "spacing": 8}))
    if not apart:
        notes.append(
            (
                "The room's priorities are in line with the planned budget (within 10 points)."
                if budgets
                else "No initiative has a planned budget yet.",
                {"size": 13},
            )
        )
    rectangle(slide, x, Inches(1.35), width, SLIDE_H - Inches(2.0), PALE)
    text_box(slide, x + Inches(0.15), Inches(1.45), width - Inches(0.3), SLIDE_H - Inches(2.2), notes)
