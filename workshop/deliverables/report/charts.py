"""The priority grid and the 100-point split drawn as inline SVG, built here with every piece of
user text escaped, for the presenter view, the facilitator's page and the report alike (nothing is
fetched; the SVG scales with its box).

The grid: the two axes 1–5 with the midline at 3, the four quadrants named, and each item as a
numbered point at the room's medians with a box from the lower to the upper quartile on each axis
(the middle half of the room). Items at the same medians sit side by side. The number is the item's
place in the round; a key beside or below the chart names them.
The split: per item, the room's share of its points beside the item's share of the planned budget,
and the gap between the two.
"""

from __future__ import annotations

from html import escape

from workshop.core import priorities

INK, MUTED, LINE, BRAND, WARN, SOFT = "#1b1d21", "#4a5563", "#9aa4b1", "#1f4e79", "#b35c00", "#eef2f6"
BUDGET = "#8a94a3"


def _e(text) -> str:
    return escape(str(text), quote=True)


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _offsets(rows: list[dict]) -> dict[int, float]:
    """Items at the same medians sit side by side: each one's horizontal offset in point widths."""
    at: dict[tuple, list[int]] = {}
    for n, r in enumerate(rows):
        if r.get("x_median") is not None:
            at.setdefault((r["x_median"], r["y_median"]), []).append(n)
    out = {}
    for members in at.values():
        for k, n in enumerate(members):
            out[n] = k - (len(members) - 1) / 2
    return out


def grid_svg(rows: list[dict], grid_axes: str, *, width: int = 760, height: int = 600, font: int = 16, title: str = "") -> str:
    """The room's medians as a scatter on the preset's two axes, with spread boxes and quadrant names.
    `rows` are a grid round's results in the round's order (their number is their place + 1)."""
    grid = priorities.preset(grid_axes)
    left, right, top, bottom = font * 4.2, font * 1.2, font * 1.0, font * 4.2
    pw, ph = width - left - right, height - top - bottom

    def px(v: float) -> float:
        return left + (v - 0.5) / 5 * pw

    def py(v: float) -> float:
        return top + (5.5 - v) / 5 * ph

    mid_x, mid_y = px(3), py(3)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="priority-grid" font-family="Source Sans Pro, DejaVu Sans, sans-serif" font-size="{font}" '
        f'aria-label="{_e(title or grid.label)}: the room\'s medians, numbered as in the key">'
    ]
    parts.append(f'<rect x="{left:.1f}" y="{top:.1f}" width="{pw:.1f}" height="{ph:.1f}" fill="#fff" stroke="{LINE}"/>')
    for (sx, sy), name in grid.quadrants.items():  # tint two quadrants, name all four in their corners
        x0 = left if sx == "low" else mid_x
        y0 = top if sy == "high" else mid_y
        if (sx == "low") == (sy == "high"):
            parts.append(f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{pw / 2:.1f}" height="{ph / 2:.1f}" fill="{SOFT}"/>')
        tx = x0 + font * 0.6 if sx == "low" else x0 + pw / 2 - font * 0.6
        ty = y0 + font * 1.5 if sy == "high" else y0 + ph / 2 - font * 0.7
        anchor = "start" if sx == "low" else "end"
        parts.append(
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" font-weight="700" font-size="{font * 1.15:.1f}" fill="{MUTED}">{_e(name)}</text>'
        )
    for v in range(1, 6):
        parts.append(
            f'<line x1="{px(v):.1f}" y1="{top + ph:.1f}" x2="{px(v):.1f}" y2="{top + ph + font * 0.4:.1f}" stroke="{LINE}"/>'
            f'<text x="{px(v):.1f}" y="{top + ph + font * 1.4:.1f}" text-anchor="middle" fill="{MUTED}">{v}</text>'
            f'<line x1="{left - font * 0.4:.1f}" y1="{py(v):.1f}" x2="{left:.1f}" y2="{py(v):.1f}" stroke="{LINE}"/>'
            f'<text x="{left - font * 0.7:.1f}" y="{py(v) + font * 0.35:.1f}" text-anchor="end" fill="{MUTED}">{v}</text>'
        )
    parts.append(
        f'<line x1="{mid_x:.1f}" y1="{top:.1f}" x2="{mid_x:.1f}" y2="{top + ph:.1f}" stroke="{MUTED}" '
        f'stroke-width="1.5" stroke-dasharray="6 5"/><line x1="{left:.1f}" y1="{mid_y:.1f}" x2="{left + pw:.1f}" '
        f'y2="{mid_y:.1f}" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="6 5"/>'
    )
    parts.append(
        f'<text x="{left + pw / 2:.1f}" y="{height - font * 0.9:.1f}" text-anchor="middle" font-weight="700" '
        f'fill="{INK}">{_e(grid.x.name)} → <tspan font-weight="400" fill="{MUTED}">(1 {_e(grid.x.low)} … '
        f"5 {_e(grid.x.high)})</tspan></text>"
    )
    cy = top + ph / 2
    parts.append(
        f'<text transform="translate({font * 1.3:.1f} {cy:.1f}) rotate(-90)" text-anchor="middle" '
        f'font-weight="700" fill="{INK}">{_e(grid.y.name)} → <tspan font-weight="400" fill="{MUTED}">'
        f"(1 {_e(grid.y.low)} … 5 {_e(grid.y.high)})</tspan></text>"
    )
    radius = font * 0.95
    offsets = _offsets(rows)
    boxes, points = [], []
    for n, r in enumerate(rows):
        if r.get("x_median") is None:
            continue
        colour = WARN if r.get("divided") else BRAND
        if r.get("x_q1") is not None:  # the small-room rule draws no box below 5 placements
            x0, x1 = px(r["x_q1"]), px(r["x_q3"])
            y0, y1 = py(r["y_q3"]), py(r["y_q1"])
            fill = 'fill="none" stroke-dasharray="7 5"' if r.get("divided") else f'fill="{colour}" fill-opacity="0.07"'
            boxes.append(
                f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{max(x1 - x0, 2):.1f}" height="{max(y1 - y0, 2):.1f}" '
                f'{fill} stroke="{colour}" stroke-width="1.5" stroke-opacity="0.8"/>'
            )
        cx = px(r["x_median"]) + offsets.get(n, 0) * radius * 2.15
        cyy = py(r["y_median"])
        label = (
            f"{n + 1}. {r['label']}: {r['quadrant']}; {grid.y.name.lower()} {r['y_median']:g}, "
            f"{grid.x.name.lower()} {r['x_median']:g}; {r['votes']} placed it"
        )
        points.append(
            f'<g><title>{_e(label)}</title><circle cx="{cx:.1f}" cy="{cyy:.1f}" r="{radius:.1f}" '
            f'fill="{colour}" stroke="#fff" stroke-width="2"/><text x="{cx:.1f}" y="{cyy + font * 0.36:.1f}" '
            f'text-anchor="middle" font-weight="700" fill="#fff">{n + 1}</text></g>'
        )
    parts += boxes + points
    parts.append("</svg>")
    return "".join(parts)


def _signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + f"{abs(value):g}"


def split_svg(rows: list[dict], *, width: int = 960, font: int = 16, label_chars: int = 34) -> str:
    """Per item, ranked by the room's share: the room's share of its points (a dark bar) over the
    item's share of the planned budget (a grey bar), and the gap in percentage points."""
    ranked = sorted(rows, key=lambda r: (-(r.get("share") or 0), r.get("standing") or 0))
    any_budget = any(r.get("budget_share") is not None for r in rows)
    row_h = font * (3.4 if any_budget else 2.2)
    label_w, gap_w = font * label_chars * 0.62, font * 6
    bar_w = width - label_w - gap_w - font * 4.5
    top = font * 2.4
    height = top + row_h * len(ranked) + font * 0.6
    top_share = max([r.get("share") or 0 for r in rows] + [r.get("budget_share") or 0 for r in rows] + [10])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" role="img" class="priority-split" '
        f'font-family="Source Sans Pro, DejaVu Sans, sans-serif" font-size="{font}" '
        f"aria-label=\"The room's share of its points beside each initiative's share of the planned budget\">"
    ]
    legend_x = label_w
    parts.append(
        f'<rect x="{legend_x:.1f}" y="{font * 0.5:.1f}" width="{font:.1f}" height="{font * 0.8:.1f}" fill="{BRAND}"/>'
        f'<text x="{legend_x + font * 1.4:.1f}" y="{font * 1.25:.1f}" fill="{INK}">the room\'s points</text>'
    )
    if any_budget:
        parts.append(
            f'<rect x="{legend_x + font * 11:.1f}" y="{font * 0.5:.1f}" width="{font:.1f}" height="{font * 0.8:.1f}" '
            f'fill="{BUDGET}"/><text x="{legend_x + font * 12.4:.1f}" y="{font * 1.25:.1f}" fill="{INK}">'
            "the planned budget</text>"
        )
        parts.append(f'<text x="{width - font * 0.3:.1f}" y="{font * 1.25:.1f}" text-anchor="end" fill="{MUTED}">room minus budget</text>')
    for n, r in enumerate(ranked):
        y = top + n * row_h
        name = f"{r.get('standing') or '–'}. {_short(r['label'], label_chars)}"
        parts.append(
            f"<g><title>{_e(r['label'])}: {_e(priorities.split_summary(r))}</title>"
            f'<text x="0" y="{y + font * 1.05:.1f}" font-weight="700" fill="{INK}">{_e(name)}</text>'
        )
        share = r.get("share") or 0
        w = bar_w * share / top_share
        parts.append(
            f'<rect x="{label_w:.1f}" y="{y:.1f}" width="{max(w, 1):.1f}" height="{font * 1.4:.1f}" fill="{BRAND}"/>'
            f'<text x="{label_w + w + font * 0.4:.1f}" y="{y + font * 1.05:.1f}" font-weight="700" fill="{INK}">'
            f"{_e(f'{share:g}%' if r.get('share') is not None else '–')}</text>"
        )
        if any_budget:
            by = y + font * 1.6
            if r.get("budget_share") is None:
                parts.append(f'<text x="{label_w:.1f}" y="{by + font * 0.9:.1f}" fill="{MUTED}" font-style="italic">no budget planned</text>')
            else:
                bw = bar_w * r["budget_share"] / top_share
                parts.append(
                    f'<rect x="{label_w:.1f}" y="{by:.1f}" width="{max(bw, 1):.1f}" height="{font * 0.9:.1f}" '
                    f'fill="{BUDGET}"/><text x="{label_w + bw + font * 0.4:.1f}" y="{by + font * 0.8:.1f}" '
                    f'fill="{MUTED}">{r["budget_share"]:g}% of budget</text>'
                )
            gap = r.get("gap")
            if gap is not None:
                notable = abs(gap) >= priorities.GAP_NOTABLE
                parts.append(
                    f'<text x="{width - font * 0.3:.1f}" y="{y + font * 1.05:.1f}" text-anchor="end" '
                    f'font-weight="{700 if notable else 400}" fill="{WARN if notable else MUTED}">'
                    f"{_signed(gap)} pts</text>"
                )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


TREND_STATUS = {"on target": "#2e7d32", "watch": "#b07a00", "off target": "#c62828", "no data": MUTED}


def trend_svg(points: list[dict], *, width: int = 150, height: int = 40) -> str:
    """A measure's periods as a small chart: the plan as a grey line, each actual a dot in its status's
    colour (the last, the period reviewed, larger). `points` hold "planned", "actual" and "status";
    no text is drawn, so nothing a user typed reaches it."""
    values = [v for p in points for v in (p.get("planned"), p.get("actual")) if v is not None]
    if not points or not values:
        return ""
    low, high = min(values), max(values)
    spread = (high - low) or abs(high) or 1.0
    low, high = low - spread * 0.12, high + spread * 0.12
    pad = 5.0
    step = (width - 2 * pad) / max(len(points) - 1, 1)

    def px(n: int) -> float:
        return pad + n * step if len(points) > 1 else width / 2

    def py(v: float) -> float:
        return pad + (high - v) / (high - low) * (height - 2 * pad)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="trend" '
        f'role="img" aria-label="plan and actual over {len(points)} periods">',
        f'<line x1="{pad}" y1="{height - 1.5}" x2="{width - pad}" y2="{height - 1.5}" stroke="{SOFT}" stroke-width="1"/>',
    ]
    plan = [(px(n), py(p["planned"])) for n, p in enumerate(points) if p.get("planned") is not None]
    if len(plan) > 1:
        path = " ".join(f"{'M' if n == 0 else 'L'}{x:.1f},{y:.1f}" for n, (x, y) in enumerate(plan))
        parts.append(f'<path d="{path}" fill="none" stroke="{BUDGET}" stroke-width="1.6" stroke-dasharray="4 2"/>')
    actual = [(n, px(n), py(p["actual"]), p.get("status")) for n, p in enumerate(points) if p.get("actual") is not None]
    if len(actual) > 1:
        path = " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{y:.1f}" for k, (_, x, y, _) in enumerate(actual))
        parts.append(f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="0.9" stroke-opacity="0.55"/>')
    for n, x, y, status in actual:
        radius = 3.6 if n == len(points) - 1 else 2.4
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{TREND_STATUS.get(status or "", MUTED)}" stroke="#ffffff" stroke-width="0.8"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
