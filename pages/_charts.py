"""Results as charts (Altair, drawn by the Vega libraries bundled with Streamlit: nothing is fetched).

Gradients and ratings: one diverging stacked bar per item, in people, concern to the left of zero,
support to the right, neutral answers across zero; each item's verdict under its title. Dots and
ranking: horizontal bars ranked by points. `big` sizes the type for a projector.
"""
from __future__ import annotations

import textwrap

import altair as alt
import streamlit as st

from workshop.core import consensus
from workshop.room import presenting

# Blue for support, red for concern, greys for neutral: readable by most colour-blind viewers.
_COLOURS = {
    "gradients": ["#b2182b", "#ef8a62", "#8c8c8c", "#cfcfcf", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    "rating": ["#b2182b", "#ef8a62", "#c8c8c8", "#6baed6", "#08519c"],
}
_DARK = {"#b2182b", "#8c8c8c", "#3182bd", "#08519c"}
_INK = "#1b1b1b"


def _sizes(big: bool, n: int = 1) -> dict:
    """Type and row height for `n` items: on a projector up to six items get two lines of title,
    more get one (ellipsised) so that a round of 15 still fits a 1080p screen."""
    if not big:
        label, lines = 13, 2
    elif n <= 6:
        label, lines = 24, 2
    else:
        label, lines = (22 if n <= 10 else 19), 1
    row = int((lines + 1) * label * 1.2 + (label * 0.9 if big else 16))
    return {"label": label, "title": 22 if big else 12, "count": label, "lines": lines, "row": row,
            "wrap": (40 if big else 60) + (30 if lines == 1 else 0)}


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _wrap(text: str, width: int, lines: int = 2) -> str:
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def _config(chart, big: bool, n: int = 1):
    s = _sizes(big, n)
    return (chart.configure_axis(labelFontSize=s["label"], titleFontSize=s["title"], labelColor=_INK,
                                 titleColor=_INK, grid=False)
            .configure_legend(labelFontSize=s["title"], titleFontSize=s["title"], orient="top", labelColor=_INK,
                              symbolSize=s["title"] * 12, columns=4, labelLimit=400)
            .configure_view(stroke=None))


def _item_label(row: dict, sizes: dict) -> str:
    verdict = consensus.verdict_label(row.get("verdict"))
    share = "" if row.get("pct_positive") is None else f" · {row['pct_positive']:g}% support"
    return _wrap(row["label"], sizes["wrap"], sizes["lines"]) + f"\n→ {verdict}{share}"


def diverging(rows: list[dict], method: str, scale: str = "agreement", *, big: bool = False,
              movement: list[dict] | None = None) -> alt.LayerChart:
    """One bar per item (two, before and after, for a re-vote), in people, support to the right."""
    s = _sizes(big, len(movement or rows))
    segments: list[dict] = []
    if movement:
        for when, key in (("Before", "before"), ("After", "after")):
            segments += presenting.diverging_segments([m[key] for m in movement], method, scale, series=when)
        shown = [m["after"] for m in movement]
    else:
        segments = presenting.diverging_segments(rows, method, scale)
        shown = rows
    names = _unique([_item_label(r, s) for r in shown])
    domain = presenting.answer_order(method, scale)
    for seg in segments:
        seg["name"] = names[seg["item"]]
        seg["ink"] = "white" if _COLOURS[method][domain.index(seg["answer"])] in _DARK else _INK
    low = min([seg["start"] for seg in segments] + [-1])  # zero always shows; no half left empty
    high = max([seg["end"] for seg in segments] + [1])
    colours = alt.Scale(domain=domain, range=_COLOURS[method])
    y = alt.Y("name:N", sort=names, title=None,
              axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=900, labelPadding=12,
                            labelLineHeight=s["label"] * 1.2, ticks=False, domain=False, labelOverlap=False,
                            labelFontSize=s["label"]))
    base = alt.Chart(alt.Data(values=segments))
    offset = {"yOffset": alt.YOffset("series:N", sort=["Before", "After"], title=None)} if movement else {}
    bars = base.mark_bar(height={"band": 0.4 if movement else 0.62}, stroke="white", strokeWidth=1).encode(
        x=alt.X("start:Q", scale=alt.Scale(domain=[low, high], nice=False),
                title="← concern · people · support →",
                axis=alt.Axis(tickMinStep=1, labelExpr="abs(datum.value)")),
        x2="end:Q", y=y,
        color=alt.Color("answer:N", scale=colours, sort=domain, title=None),
        tooltip=[alt.Tooltip("answer:N", title="Answer"), alt.Tooltip("count:Q", title="People"),
                 alt.Tooltip("group:N", title="Counts as")], **offset)
    counts = base.transform_calculate(mid="(datum.start + datum.end) / 2").mark_text(
        fontSize=s["count"], fontWeight="bold").encode(
        x="mid:Q", y=y, text="count:Q",
        color=alt.Color("ink:N", scale=None), **offset)
    zero = alt.Chart(alt.Data(values=[{"x": 0}])).mark_rule(color="#555", strokeWidth=2).encode(x="x:Q")
    rows_high = len(shown) * s["row"] * (1.6 if movement else 1)
    chart = alt.layer(bars, counts, zero).properties(height=int(rows_high), width="container")
    return _config(chart, big, len(shown))


def points(rows: list[dict], method: str, *, big: bool = False) -> alt.LayerChart:
    """Horizontal bars ranked by points, the points at the end of each bar."""
    bars_data = presenting.points_bars(rows, method)
    s = _sizes(big, len(bars_data))
    names = _unique([f"{r['place'] or '–'}. {_wrap(r['label'], s['wrap'], s['lines'])}" for r in bars_data])
    for r, name in zip(bars_data, names):
        r["name"] = name
    unit = "dots" if method == "dots" else "Borda points"
    y = alt.Y("name:N", sort=names, title=None,
              axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=900, labelPadding=12,
                            labelLineHeight=s["label"] * 1.2, ticks=False, domain=False, labelOverlap=False,
                            labelFontSize=s["label"]))
    base = alt.Chart(alt.Data(values=bars_data))
    top = max([r["points"] for r in bars_data] + [1])
    bars = base.mark_bar(color="#1f4e79", height={"band": 0.62}).encode(
        x=alt.X("points:Q", title=unit, scale=alt.Scale(domain=[0, top * 1.12]),
                axis=alt.Axis(format="d", tickMinStep=1)), y=y,
        tooltip=[alt.Tooltip("points:Q", title=unit.capitalize()), alt.Tooltip("voters:Q", title="Voters")])
    labels = base.mark_text(align="left", dx=8, fontSize=s["count"], fontWeight="bold", color=_INK).encode(
        x="points:Q", y=y, text="points:Q")
    chart = alt.layer(bars, labels).properties(height=int(len(bars_data) * s["row"] * 0.8 + 40),
                                               width="container")
    return _config(chart, big, len(bars_data))


def show(chart, key: str | None = None) -> None:
    """Draw a chart at the height it was built for (Streamlit would otherwise squeeze it)."""
    st.altair_chart(chart, width="stretch", height=int(chart.height), key=key)


def groups(rows: list[dict], method: str) -> list[tuple[str, list[dict]]]:
    """Ranking is read per perspective: one chart each; dots are one chart."""
    if method != "ranking":
        return [("", rows)]
    order = list(dict.fromkeys(r["grouping"] for r in rows))
    return [(g, [r for r in rows if r["grouping"] == g]) for g in order]
