"""Results drawn as bars in HTML and CSS for the projector: sized in units of the screen (vw, vh),
so one round fits a 1920×1080 and a 1280×720 projector alike, crisp, with nothing fetched.

The round's method says which chart (`chart`): for the methods with a verdict (gradients, ratings,
fist to five) a diverging stacked bar per item, in people, concern to the left of the zero line,
support to the right, neutral answers across it, the item's verdict beside its title, in the
method's colours; dots and ranking: bars ranked by points; a grid's points and a split's shares as
pictures. Many items go in two columns. User text passes `html.escape`.
"""

from __future__ import annotations

import base64
import html

from workshop.core import consensus, disclosure, methods, priorities
from workshop.deliverables.report import charts
from workshop.room import presenting

BAND_COLOURS = {"concern": "#d6604d", "neutral": "#b8b8b8", "support": "#4292c6"}  # answers merged by the rule
MERGED = "repeating-linear-gradient(135deg, #d9d9d9 0 8px, #efefef 8px 16px)"
VERDICT_CLASS = {
    "consensus": "v-yes",
    "re-discuss": "v-again",
    "drop": "v-no",
    "discuss": "v-block",
    "no votes": "v-none",
    "holds": "v-yes",
    "does not hold": "v-no",
    "too early to tell": "v-again",
}

STYLE = """
<style>
.pb { font-family: "Source Sans Pro", "Source Sans 3", system-ui, sans-serif; color: #1b1b1b; }
.pb-legend { display: flex; flex-wrap: wrap; gap: .35em 1.3em; font-size: clamp(15px, 1.25vw, 26px);
  margin: 0 0 .6em 0; align-items: center; }
.pb-legend i { display: inline-block; width: 1.1em; height: 1.1em; border-radius: .2em; margin-right: .35em;
  vertical-align: -0.15em; }
.pb-legend b { font-weight: 700; margin-right: -.4em; }
.pb-grid { display: grid; grid-template-columns: 1fr; gap: clamp(6px, 1.1vh, 16px) 3.5vw; }
.pb-grid.pb-two { grid-template-columns: 1fr 1fr; }
.pb-row { min-width: 0; }
.pb-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1em;
  font-size: clamp(17px, 1.45vw, 30px); line-height: 1.2; }
.pb-two .pb-head { font-size: clamp(15px, 1.2vw, 25px); }
.pb-title { overflow: hidden; min-width: 0; display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 2; overflow-wrap: anywhere; }
.pb-two .pb-title { -webkit-line-clamp: 1; }
.pb-verdict { white-space: nowrap; font-weight: 700; flex: none; }
.pb-split { display: inline-block; margin-inline-start: .6em; padding: 0 .4em; border: 2px solid #6a1b9a; border-radius: 6px;
  color: #6a1b9a; font-weight: 700; white-space: nowrap; }
.pb-split-rule { font-size: clamp(13px, 1vw, 20px); color: #444; margin: .3em 0 0 0; }
.v-yes { color: #08519c; } .v-again { color: #8a5a00; } .v-no { color: #b2182b; }
.v-block { color: #6a1b9a; } .v-none { color: #666; }
.pb-track { position: relative; display: flex; height: clamp(22px, 3.6vh, 44px); margin-top: .2em;
  background: #f2f4f7; border-radius: 4px; }
.pb-two .pb-track { height: clamp(18px, 2.8vh, 34px); }
.pb-seg { position: relative; z-index: 1; display: flex; align-items: center; justify-content: center; overflow: hidden; font-weight: 700;
  font-size: clamp(13px, 1.1vw, 22px); border-right: 2px solid #fff; box-sizing: border-box; }
.pb-zero { position: absolute; z-index: 0; top: -5px; bottom: -5px; width: 3px; background: #333; margin-left: -1px; }
.pb-when { font-size: clamp(12px, .9vw, 18px); color: #555; margin-top: .15em; }
.pb-bar { background: #1f4e79; border-radius: 0 4px 4px 0; }
.pb-points { font-weight: 700; margin-left: .4em; font-size: clamp(16px, 1.35vw, 28px); align-self: center; }
.pb-grouphead { grid-column: 1 / -1; font-weight: 700; font-size: clamp(17px, 1.4vw, 28px); color: #1f4e79;
  margin-top: .3em; }
.pg { display: flex; flex-wrap: wrap; gap: 1.2em 2.5vw; align-items: flex-start;
  font-family: "Source Sans Pro", system-ui, sans-serif; color: #1b1b1b; }
.pg-chart { flex: 0 1 auto; min-width: 0; max-width: 100%; }
.pg-chart img { display: block; height: min(66vh, 50vw); max-width: 100%; width: auto; object-fit: contain; }
.pg-side { min-width: 16em; flex: 1 1 18em; }
.pg-key { list-style: none; margin: 0; padding: 0; font-size: clamp(15px, 1.3vw, 26px); line-height: 1.25; }
.pg-key.pg-two { columns: 2; column-gap: 2em; }
.pg-key li { display: flex; gap: .5em; align-items: baseline; margin: 0 0 .5em 0; break-inside: avoid; }
.pg-num { flex: none; display: inline-flex; align-items: center; justify-content: center; width: 1.55em;
  height: 1.55em; border-radius: 50%; background: #1f4e79; color: #fff; font-weight: 700; font-size: .85em; }
.pg-num.pg-divided { background: #b35c00; }
.pg-label { overflow-wrap: anywhere; }
.pg-quad { display: block; color: #4a5563; font-weight: 600; font-size: .85em; }
.pg-note { font-size: clamp(13px, 1vw, 20px); color: #4a5563; margin: .6em 0 0 0; }
.ps img { display: block; width: 100%; height: auto; max-height: 68vh; object-fit: contain;
  object-position: left top; }
.pb-merged { font-size: clamp(12px, .9vw, 18px); color: #444; margin-top: .15em; }
.pb-withheld { font-size: clamp(14px, 1.1vw, 22px); color: #4a4a4a; margin-top: .2em; font-style: italic; }
.pb-rule { font-size: clamp(13px, 1vw, 20px); color: #4a4a4a; margin: .8em 0 0 0; max-width: 70em; }
.pb-axis { display: flex; justify-content: space-between; font-size: clamp(13px, 1vw, 20px); color: #444;
  margin-top: .5em; }
</style>
"""


def legend(method: str, scale: str = "agreement", *, merged: bool = False) -> str:
    how = methods.get(method)
    rows = how.distribution({}, scale, short=True)
    parts, group = [], None
    for colour, row in zip(how.colours, rows):
        if row["group"] != group:
            group = row["group"]
            parts.append(f"<b>{html.escape(row['group_label'])}:</b>")
        parts.append(f'<span><i style="background:{colour}"></i>{html.escape(row["label"])}</span>')
    if merged:
        parts.append(f'<span><i style="background:{MERGED}"></i>Too few to show apart</span>')
    return f'<div class="pb-legend">{"".join(parts)}</div>'


def _verdict(row: dict) -> str:
    share = "" if row.get("pct_positive") is None else f" · {row['pct_positive']:g}% support"
    css = VERDICT_CLASS.get(row.get("verdict") or "", "v-none")
    split = f'<span class="pb-split" data-testid="split-flag">⇆ {html.escape(SPLIT_WORDS)}</span>' if row.get("split") else ""
    return f'<span class="pb-verdict {css}">{html.escape(consensus.verdict_label(row.get("verdict")) + share)}{split}</span>'


SPLIT_WORDS = "splits the room"


def _colour(seg: dict, method: str, order: list[str]) -> str:
    if seg["answer"] in order:
        return methods.get(method).colours[order.index(seg["answer"])]
    return BAND_COLOURS.get(seg["band"], MERGED)


def _track(row: dict, method: str, scale: str, low: float, span: float) -> str:
    if row.get("disclosure") == disclosure.WITHHELD:
        return f'<div class="pb-withheld">{html.escape(row["note"])}</div>'
    segments = presenting.diverging_segments([row], method, scale)
    order = presenting.answer_order(method, scale)
    cells, merged = [], []
    if segments:
        cells.append(f'<div style="width:{100 * (segments[0]["start"] - low) / span:.3f}%"></div>')
    for seg in segments:
        colour = _colour(seg, method, order)
        ink = "#fff" if colour in methods.get(method).dark else "#1b1b1b"
        shown = seg["text"] if seg["text"].isdigit() else ""
        if seg["band"] == disclosure.BUCKET or seg["answer"] not in order:
            merged.append(f"{seg['answer']}: {seg['text']}")
        cells.append(
            f'<div class="pb-seg" style="width:{100 * seg["count"] / span:.3f}%;background:{colour};'
            f'color:{ink}" title="{html.escape(seg["answer"])}: {html.escape(seg["text"])}">{shown}</div>'
        )
    zero = f'<div class="pb-zero" style="left:{100 * -low / span:.3f}%"></div>'
    note = f'<div class="pb-merged">{html.escape(" · ".join(merged))}</div>' if merged else ""
    return f'<div class="pb-track">{"".join(cells)}{zero}</div>{note}'


def _extent(rows: list[dict], method: str, scale: str) -> tuple[float, float]:
    segments = presenting.diverging_segments(rows, method, scale)
    low = min([s["start"] for s in segments] + [-1.0])
    high = max([s["end"] for s in segments] + [1.0])
    return low, high - low


def diverging(rows: list[dict], method: str, scale: str = "agreement", movement: list[dict] | None = None) -> str:
    """One diverging bar per item (two, before and after, for a re-vote), all on one scale."""
    pairs = [(m["after"], m["before"]) for m in movement] if movement else [(r, None) for r in rows]
    every = [r for pair in pairs for r in pair if r is not None]
    low, span = _extent(every, method, scale)
    merged = any(s["band"] == disclosure.BUCKET for s in presenting.diverging_segments(every, method, scale))
    grid = _grid(len(pairs))
    out = []
    for number, (row, before) in enumerate(pairs, start=1):
        head = f'<div class="pb-head"><span class="pb-title">{number}. {html.escape(row["label"])}</span>{_verdict(row)}</div>'
        if before is None:
            out.append(f'<div class="pb-row">{head}{_track(row, method, scale, low, span)}</div>')
        else:
            was = html.escape(consensus.verdict_label(before.get("verdict")))
            share = "" if before.get("pct_positive") is None else f" · {before['pct_positive']:g}% support"
            out.append(
                f'<div class="pb-row">{head}<div class="pb-when">before: {was}{share}</div>'
                f'{_track(before, method, scale, low, span)}<div class="pb-when">after the re-vote</div>'
                f"{_track(row, method, scale, low, span)}</div>"
            )
    axis = '<div class="pb-axis"><span>← concern</span><span>people, neutral answers across the line</span><span>support →</span></div>'
    if any(r.get("split") for r in every):  # the rule, once, under a chart that flags an item
        axis += f'<p class="pb-split-rule">⇆ {html.escape(consensus.SPLIT_RULE)}</p>'
    return f'<div class="pb" data-testid="present-chart">{legend(method, scale, merged=merged)}{grid}{"".join(out)}</div>{axis}</div>'


def rule(text: str) -> str:
    """The small-room rule under a chart, in the room's words ("" for a named round)."""
    return f'<p class="pb pb-rule" data-testid="present-rule">{html.escape(text)}</p>' if text else ""


def _grid(n: int, flow: bool = True) -> str:
    """The grid's opening tag: two columns beyond seven items, read down the first column, then the
    second (`flow`), or row by row."""
    if n <= 7:
        return '<div class="pb-grid">'
    rows = f' style="grid-template-rows: repeat({(n + 1) // 2}, auto); grid-auto-flow: column"' if flow else ""
    return f'<div class="pb-grid pb-two"{rows}>'


def ranked(rows: list[dict], method: str) -> str:
    """Bars ranked by points: place, title, points (dots or Borda points). An item whose points the
    small-room rule hides is listed after the others with the reason, without a bar."""
    how = methods.get(method)
    bars = presenting.points_bars(rows, method)
    top = max([b["points"] or 0 for b in bars] + [1])
    grid = _grid(len(bars), flow=not how.per_group)  # a ranking reads row by row, perspective by perspective
    unit = how.points_unit
    out, group = [], ""
    for bar in bars:
        if bar["group"] != group:
            group = bar["group"]
            out.append(f'<div class="pb-grouphead">{html.escape(group)}</div>')
        if bar["points"] is None:
            out.append(
                f'<div class="pb-row"><div class="pb-head"><span class="pb-title">– '
                f"{html.escape(bar['label'])}</span></div>"
                f'<div class="pb-withheld">{html.escape(bar["note"])}</div></div>'
            )
            continue
        place = f"{bar['place']}." if bar["place"] else "–"
        out.append(
            f'<div class="pb-row"><div class="pb-head"><span class="pb-title">{place} '
            f'{html.escape(bar["label"])}</span></div><div class="pb-track" style="background:none">'
            f'<div class="pb-bar" style="width:{88 * bar["points"] / top:.3f}%"></div>'
            f'<span class="pb-points">{bar["points"]}</span></div></div>'
        )
    return f'<div class="pb" data-testid="present-chart"><div class="pb-legend">Ranked by {unit}</div>{grid}{"".join(out)}</div></div>'


def _picture(svg: str, alt: str, css: str) -> str:
    """An SVG built with escaped text, shown as an image (st.html does not keep inline SVG; as an
    image nothing in it can run)."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="{css}" alt="{html.escape(alt)}" src="data:image/svg+xml;base64,{data}">'


def grid(rows: list[dict], grid_axes: str) -> str:
    """The room's medians on the grid, the key beside it (numbers, titles, quadrants)."""
    chart = _picture(
        charts.grid_svg(rows, grid_axes, font=17),
        "The priority grid: each numbered point is an item of the key beside it, at the room's medians",
        "pg-grid",
    )
    key, spread_notes = [], set()
    for k in priorities.grid_key(rows, grid_axes):
        spread_notes.add(k["spread_note"])
        quad = (k["quadrant"] or "too few placed it to show where") + (" · the room is divided" if k["divided"] else "")
        key.append(
            f'<li><span class="pg-num{" pg-divided" if k["divided"] else ""}">{k["number"]}</span>'
            f'<span class="pg-label">{html.escape(k["label"])}'
            f'<span class="pg-quad">{html.escape(quad)}</span></span></li>'
        )
    two = " pg-two" if len(rows) > 9 else ""
    note = (
        "Each point is the room's median on both scales; its box spans the middle half of the room. "
        "Orange, dashed: the room is divided on where it sits."
    )
    note = " ".join([note, *sorted(spread_notes - {""})])  # an item without a box says why
    return (
        f'<div class="pg" data-testid="present-chart"><div class="pg-chart">{chart}</div><div class="pg-side">'
        f'<ol class="pg-key{two}">{"".join(key)}</ol><p class="pg-note">{html.escape(note)}</p></div></div>'
    )


def split(rows: list[dict]) -> str:
    """The room's shares of its 100 points beside the planned budget's shares, ranked."""
    chart = _picture(
        charts.split_svg(rows, font=17),
        "; ".join(f"{r['label']}: {priorities.split_summary(r)}" for r in sorted(rows, key=lambda r: r.get("standing") or 0)),
        "pg-split",
    )
    budgets = any(r.get("budget_share") is not None for r in rows)
    note = (
        "Share of the room's points (each person spread 100) beside the initiative's share of the planned "
        "budget; the right-hand figure is the difference in percentage points."
        if budgets
        else "Share of the room's points: each person spread 100. No initiative has a planned budget yet."
    )
    return f'<div class="pg ps" data-testid="present-chart" style="display:block">{chart}<p class="pg-note">{html.escape(note)}</p></div>'


def chart(rows: list[dict], round_: dict, movement: list[dict] | None = None) -> str:
    """A round's chart, the one its method asks for, as the room and the facilitator see it."""
    method = round_["method"]
    draw = {
        methods.DIVERGING: lambda: diverging(rows, method, round_["scale"], movement=movement or None),
        methods.RANKED: lambda: ranked(rows, method),
        methods.GRID: lambda: grid(rows, round_["grid_axes"]),
        methods.SPLIT: lambda: split(rows),
    }
    return draw[methods.get(method).chart]()


def priority_line(rows: list[dict], round_: dict) -> str:
    """One line under a priority chart: how many items fell in each quadrant, or where money and the room differ."""
    return methods.get(round_["method"]).chart_line(rows)
