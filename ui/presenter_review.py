"""The presenter's review screens (workshop/deliverables/review/screens.py), drawn for the back of the
room at 1920×1080: the map by status with its legend and the roll-up rule; an off-target measure with
its plan-versus-actual trend and its owner's comment; a hypothesis with its evidence sentence, the
room's live vote and then its result and verdict beside the evidence.

User text only ever reaches HTML through `html.escape`.
"""

from __future__ import annotations

import base64
import html

import streamlit as st

from ui import bars, presenter
from workshop.core import consensus
from workshop.deliverables import record
from workshop.deliverables.review import screens
from workshop.room import presenting

STYLE = """
<style>
.pr-rule { font-size: clamp(18px, 1.4vw, 28px); color: #333; margin: .2em 0; }
.pr-figures { display: flex; gap: 2.2em; flex-wrap: wrap; font-size: clamp(24px, 2vw, 40px); margin: .2em 0 .4em; }
.pr-figures b { display: block; font-size: 1.5em; }
.pr-off { color: #b2182b; } .pr-watch { color: #8a5a00; } .pr-on { color: #1a7f37; }
.pr-comment { font-size: clamp(24px, 2vw, 40px); border-left: .25em solid #1f4e79; padding: .2em .8em; margin: .4em 0;
  white-space: pre-line; overflow-wrap: anywhere; }
.pr-comment small { display: block; color: #4a4a4a; font-size: .7em; }
.pr-link { font-size: clamp(30px, 2.8vw, 56px); font-weight: 700; line-height: 1.15; margin: .1em 0 .3em; overflow-wrap: anywhere; }
.pr-evidence { font-size: clamp(26px, 2.2vw, 44px); margin: .2em 0; }
.pr-evidence small { display: block; color: #4a4a4a; font-size: .7em; }
.pr-verdict { font-size: clamp(34px, 3vw, 60px); font-weight: 700; margin: .2em 0; }
.pr-trend { width: 100%; max-height: 34vh; display: block; }
.pr-map { text-align: center; margin: 0; }
.pr-map img { width: auto; height: auto; max-width: 100%; max-height: calc(100vh - 15rem); }
</style>
"""
STATUS_CLASS = {"off target": "pr-off", "watch": "pr-watch", "on target": "pr-on"}
STATUS_COLOUR = {"off target": "#b2182b", "watch": "#b8860b", "on target": "#1a7f37"}
VERDICT_CLASS = {consensus.HOLDS: "pr-on", consensus.DOES_NOT_HOLD: "pr-off", consensus.TOO_EARLY: "pr-watch"}


def style() -> None:
    st.html(STYLE)


def map_screen(screen: dict) -> None:
    uri = "data:image/svg+xml;base64," + base64.b64encode(screen["svg"].encode()).decode()
    st.html(
        f'<div class="pv"><p class="pv-verdicts"><b>Review · {html.escape(screen["title"])}</b></p>'
        f'<div class="pr-map" data-testid="review-map"><img alt="{html.escape(screen["title"])}" src="{uri}"></div>'
        f'<p class="pr-rule">{html.escape(screen["rule"])}</p></div>'
    )


def _scale(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
    return low - pad, high + pad


def trend_svg(trend: list[dict], unit: str) -> str:
    """Plan (dashed) and actual (solid, each point in its status's colour) over the periods, labelled
    large enough for a projector."""
    width, height, left, right, top, bottom = 1400, 430, 40, 40, 50, 70
    values = [v for p in trend for v in (p["planned"], p["actual"]) if v is not None]
    if not values:
        return ""
    low, high = _scale(values)
    step = (width - left - right) / max(len(trend) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + (high - v) / (high - low) * (height - top - bottom)

    def path(key: str) -> str:
        points = [xy(i, p[key]) for i, p in enumerate(trend) if p[key] is not None]
        return " ".join(f"{'M' if n == 0 else 'L'}{x:.1f},{y:.1f}" for n, (x, y) in enumerate(points))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif">'
        f'<line x1="{left}" x2="{width - right}" y1="{height - bottom}" y2="{height - bottom}" stroke="#bbb" stroke-width="2"/>'
    ]
    out.append(f'<path d="{path("planned")}" fill="none" stroke="#6b6b6b" stroke-width="4" stroke-dasharray="14 10"/>')
    out.append(f'<path d="{path("actual")}" fill="none" stroke="#1f4e79" stroke-width="6"/>')
    for i, p in enumerate(trend):
        x, _ = xy(i, p["planned"] if p["planned"] is not None else low)
        anchor = "start" if i == 0 else "end" if i == len(trend) - 1 else "middle"
        out.append(f'<text x="{x:.1f}" y="{height - 20}" font-size="30" text-anchor="{anchor}" fill="#333">{html.escape(p["label"])}</text>')
        if p["actual"] is not None:
            ax, ay = xy(i, p["actual"])
            colour = STATUS_COLOUR.get(p["status"], "#1f4e79")
            out.append(f'<circle cx="{ax:.1f}" cy="{ay:.1f}" r="12" fill="{colour}"/>')
            label = f"{p['actual']:g}{html.escape(unit)}"
            out.append(f'<text x="{ax:.1f}" y="{ay - 22:.1f}" font-size="32" font-weight="700" text-anchor="{anchor}" fill="{colour}">{label}</text>')
    out.append("</svg>")
    return "".join(out)


def measure_screen(screen: dict) -> None:
    presenter.heading(f"Review · off target · {screen['period']}", screen["name"])
    css = STATUS_CLASS.get(screen["status"], "")
    figures = [
        ("Actual", screen["actual"], css),
        ("Plan", screen["planned"], ""),
        ("Target", screen["target"], ""),
        ("Against plan", screen["variance"], css),
    ]
    cells = "".join(f'<span>{html.escape(label)}<b class="{c}">{html.escape(value)}</b></span>' for label, value, c in figures)
    st.html(
        f'<div class="pv"><p class="pv-kicker">{html.escape(screen["objective"])} · owner {html.escape(screen["owner"])}</p>'
        f'<div class="pr-figures">{cells}</div>'
        f'<div data-testid="review-trend">{_picture(trend_svg(screen["trend"], _unit_suffix(screen["unit"])), "Plan and actual by period")}</div>'
        '<p class="pr-rule">Dashed: the plan · solid: the actual, each point coloured by its status</p></div>'
    )
    said = screen["comment"].strip() or "No comment from the owner yet."
    st.html(f'<div class="pv pr-comment" data-testid="review-comment"><small>The owner’s comment</small>{html.escape(said)}</div>')


def _picture(svg: str, alt: str) -> str:
    """An SVG as an image (st.html keeps no inline SVG)."""
    if not svg:
        return ""
    return f'<img class="pr-trend" alt="{html.escape(alt)}" src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}">'


def _unit_suffix(unit: str) -> str:
    return unit if unit in ("%", "") else f" {unit}"


def link_heading(screen: dict) -> None:
    presenter.heading("Review · hypothesis", "")
    st.html(
        f'<div class="pv"><p class="pr-link">{html.escape(screen["cause"])} → {html.escape(screen["effect"])}</p>'
        + (f'<p class="pv-kicker">{html.escape(screen["hypothesis"])}</p>' if screen["hypothesis"] else "")
        + f'<p class="pr-evidence" data-testid="review-evidence"><small>{html.escape(screen["evidence_words"])}'
        + (f" · {html.escape(screen['pair'])}" if screen["pair"] else "")
        + f"</small>{html.escape(screen['sentence'])}</p></div>"
    )


def live_vote(round_: dict, rows: list[dict], voters: int, room: int) -> None:
    presenter.turnout(voters, room)
    if round_["results_hidden"]:
        presenter.note("Results stay hidden until the vote closes.")
    elif rows:
        st.html(bars.chart(rows, round_))


def room_result(row: dict, words: str, recorded: dict | None) -> None:
    verdict = row.get("verdict")
    css = VERDICT_CLASS.get(verdict or "", "")
    said = consensus.verdict_label(verdict) if verdict in VERDICT_CLASS else "No verdict from the room"
    st.html(
        f'<div class="pv" data-testid="review-room"><p class="pv-kicker">The room says</p>'
        f'<p class="pr-verdict {css}">{html.escape(said)}</p><p class="pr-evidence">{html.escape(words)}</p></div>'
    )
    if recorded:
        recorded_verdict(recorded)


def recorded_verdict(recorded: dict) -> None:
    css = VERDICT_CLASS.get(recorded["verdict"], "")
    st.html(
        f'<div class="pv" data-testid="review-recorded"><p class="pr-evidence"><small>Recorded in this review</small>'
        f'<span class="{css}"><b>{html.escape(consensus.verdict_label(recorded["verdict"]))}</b></span> · '
        f"{html.escape(recorded['evidence'])}</p></div>"
    )


# --- the review mode on the page ---------------------------------------------------------------

KEY = "present-review-screen"  # the screen shown, by its key; absent: the presenter follows the room


def active() -> bool:
    return bool(st.session_state.get(KEY))


def start() -> None:
    st.session_state[KEY] = screens.MAP


def run(db, review: dict) -> None:
    """One review screen, chosen by the small previous / next under it; a link's screen follows the
    room's vote on it live (every 2 s) and shows the result and the recorded verdict once it closes."""
    style()
    rec = record.read_review(db, review["workshop_id"], review["ends"])
    shown = screens.review_screens(rec)
    key = screens.step(shown, st.session_state.get(KEY), 0)
    screen = next((s for s in shown if s["key"] == key), None)
    if screen is None:
        presenter.note("Nothing to review yet: no objective is agreed and no measure has figures.")
    elif screen["kind"] == screens.MAP:
        map_screen(screen)
    elif screen["kind"] == screens.MEASURE:
        measure_screen(screen)
    else:
        link_heading(screen)
        _link_vote(db, review, screen["id"])()
    _controls(shown, key)


def _link_vote(db, review: dict, link_id: int):
    @st.fragment(run_every=2)
    def vote() -> None:
        found = presenting.link_vote(db, review, link_id)
        if not found:
            return
        rnd = found["round"]
        if rnd is not None and rnd["status"] == "open":
            live_vote(rnd, [found["row"]] if found["row"] else [], found["voters"], found["room"])
        elif rnd is not None and found["row"]:
            room_result(found["row"], found["words"], found["recorded"])
        elif found["recorded"]:
            recorded_verdict(found["recorded"])
        if rnd is not None and found["rule"]:
            st.html(bars.rule(found["rule"]))

    return vote


def _controls(shown: list[dict], key: str | None) -> None:
    before, after = screens.step(shown, key, -1), screens.step(shown, key, 1)
    at = next((n for n, s in enumerate(shown, start=1) if s["key"] == key), 0)
    a, b, c, d = st.columns([1, 1, 1.4, 4.6], vertical_alignment="center")
    if a.button("◀ Previous", key="review-prev", type="tertiary", disabled=before is None):
        st.session_state[KEY] = before
        st.rerun()
    if b.button("Next ▶", key="review-next", type="tertiary", disabled=after is None):
        st.session_state[KEY] = after
        st.rerun()
    if c.button("Back to the room", key="review-leave", type="tertiary"):
        st.session_state.pop(KEY, None)
        st.rerun()
    d.caption(f"Review · {at} of {len(shown)}")
