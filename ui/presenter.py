"""Pieces of the presenter view: the projector's style, the join panel and the round's title,
turnout and countdown, drawn large enough to read from the back of the room.

User text only ever reaches HTML through `html.escape`.
"""

from __future__ import annotations

import base64
import html
import io

import segno
import streamlit as st

from workshop.i18n import Translator

# Streamlit's chrome is hidden; type scales with the screen (checked at 1920×1080 and 1280×720).
STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer
  { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container
  { padding: 1.2rem 2.4rem 0.8rem 2.4rem !important; max-width: 100% !important; }
html, body, [data-testid="stApp"], [data-testid="stMain"] { overflow-x: hidden; }
.pv { font-family: "Source Sans Pro", "Source Sans 3", system-ui, sans-serif; color: #1b1b1b; }
.pv-kicker { font-size: clamp(18px, 1.5vw, 30px); color: #4a4a4a; margin: 0; }
.pv-title { font-size: clamp(34px, 3.3vw, 66px); font-weight: 700; line-height: 1.12; margin: .1em 0 .25em 0;
  overflow-wrap: anywhere; }
.pv-link { font-size: clamp(22px, 2.25vw, 44px); white-space: nowrap; font-weight: 600; color: #1f4e79;
  margin: 0 0 .2em 0; }
.pv-code { font-family: "DejaVu Sans Mono", "Source Code Pro", monospace; font-weight: 700;
  font-size: max(96px, min(9.5vw, 17vh)); letter-spacing: .12em; line-height: 1; margin: .05em 0 .15em 0;
  color: #102a43; }
.pv-say { font-size: clamp(22px, 1.9vw, 38px); margin: .3em 0; }
.pv-big { font-size: clamp(34px, 3vw, 60px); font-weight: 700; margin: 0; }
.pv-qr { width: clamp(400px, 50vh, 600px); height: auto; image-rendering: pixelated; display: block;
  margin-left: auto; }
.pv-corner { text-align: right; line-height: 1.15; }
.pv-corner img { width: clamp(96px, 11vh, 140px); image-rendering: pixelated; }
.pv-corner .pv-small-code { font-family: "DejaVu Sans Mono", monospace; font-weight: 700;
  font-size: clamp(24px, 2.3vw, 44px); letter-spacing: .08em; }
.pv-corner .pv-small-link { font-size: clamp(12px, .85vw, 17px); white-space: nowrap; color: #4a4a4a; }
.pv-turnout { font-size: clamp(34px, 3.4vw, 68px); font-weight: 700; margin: 0; }
.pv-sources { font-size: clamp(20px, 1.6vw, 32px); color: #4a4a4a; margin: .15em 0 0; }
.pv-bar { height: clamp(14px, 1.4vh, 22px); background: #e3e8ee; border-radius: 11px; overflow: hidden;
  margin: .35em 0 .2em 0; }
.pv-bar > div { height: 100%; background: #1f4e79; border-radius: 11px; transition: width .6s; }
.pv-countdown { font-family: "DejaVu Sans Mono", monospace; font-weight: 700;
  font-size: max(72px, min(7.5vw, 14vh)); line-height: 1; text-align: right; margin: 0; color: #102a43;
  white-space: nowrap; }
.pv-countdown small { font-size: .4em; font-family: "Source Sans Pro", system-ui, sans-serif; font-weight: 600;
  margin-left: .15em; }
.pv-countdown.pv-late { color: #b2182b; }
.pv-items { font-size: clamp(22px, 1.75vw, 36px); line-height: 1.3; margin: .4em 0 0 1.4em; padding: 0; }
.pv-items li { margin: 0 0 .25em 0; break-inside: avoid; overflow-wrap: anywhere; }
.pv-items.pv-two { columns: 2; column-gap: 3em; }
.pv-group { color: #5a5a5a; font-size: .8em; }
.pv-verdicts { font-size: clamp(20px, 1.6vw, 32px); margin: .2em 0; }
.pv-map { margin: .4em 0 1em 0; text-align: center; }
.pv-map img { width: auto; height: auto; max-width: 100%; max-height: calc(100vh - 19rem); }
.pv-question { font-size: clamp(40px, 4.2vw, 84px); font-weight: 700; line-height: 1.15; margin: .2em 0 .3em 0;
  overflow-wrap: anywhere; white-space: pre-line; max-width: 30em; }
.pv-question-meta { font-size: clamp(26px, 2.2vw, 44px); color: #1f4e79; font-weight: 600; margin: 0; }
.pv-clusters { display: grid; grid-template-columns: repeat(auto-fill, minmax(22em, 1fr)); gap: .8em; margin-top: .6em; }
.pv-cluster { border: 3px solid #1f4e79; border-radius: 12px; padding: .5em .8em; font-size: clamp(20px, 1.6vw, 32px); break-inside: avoid; }
.pv-cluster h3 { font-size: 1.2em; margin: 0 0 .2em 0; overflow-wrap: anywhere; }
.pv-cluster ul { margin: 0 0 0 1.1em; padding: 0; } .pv-cluster li { overflow-wrap: anywhere; }
.pv-lens { color: #1f4e79; font-weight: 600; font-size: .85em; margin: 0 0 .2em 0; }
.pv-hidden { font-size: clamp(22px, 1.8vw, 36px); color: #4a4a4a; margin-top: .6em; }
</style>
"""


def style() -> None:
    st.html(STYLE)


def qr_data_uri(link: str) -> str:
    picture = io.BytesIO()
    segno.make(link, error="m").save(picture, kind="png", scale=12, border=2)
    return "data:image/png;base64," + base64.b64encode(picture.getvalue()).decode()


def join_panel(link: str, code: str, joined: int) -> None:
    """The join screen: the link unbroken, the code huge, the QR code, how many have joined."""
    left, right = st.columns([11, 9], vertical_alignment="center", gap="large")
    left.html(f"""<div class="pv">
      <p class="pv-say">Open this link, or scan the code</p>
      <p class="pv-link">{html.escape(link)}</p>
      <p class="pv-say">and type the workshop code</p>
      <p class="pv-code" data-testid="present-code">{html.escape(code)}</p>
      <p class="pv-big" data-testid="present-joined">{_joined(joined)}</p></div>""")
    right.html(f'<img class="pv-qr" alt="QR code to join: {html.escape(link)}" src="{qr_data_uri(link)}">')


def _joined(n: int) -> str:
    return "Nobody has joined yet" if n == 0 else "1 person has joined" if n == 1 else f"{n} people have joined"


def corner(link: str, code: str) -> None:
    """The way in, kept small in a corner while a round runs or results show."""
    st.html(f"""<div class="pv pv-corner"><img alt="QR code to join" src="{qr_data_uri(link)}"><br>
      <span class="pv-small-code">{html.escape(code)}</span><br>
      <span class="pv-small-link">{html.escape(link)}</span></div>""")


def heading_html(kicker: str, title: str) -> str:
    return (
        f'<div class="pv"><p class="pv-kicker">{html.escape(kicker)}</p>'
        f'<p class="pv-title" data-testid="present-title">{html.escape(title)}</p></div>'
    )


def heading(kicker: str, title: str) -> None:
    st.html(heading_html(kicker, title))


def turnout(voters: int, room: int, sources: str = "") -> None:
    """How many have voted; `sources` says how many of them on paper or by hand, when any did."""
    share = 0 if room == 0 else min(100, round(100 * voters / room))
    line = f'<p class="pv-sources" data-testid="present-sources">{html.escape(sources[:1].upper() + sources[1:])}</p>' if sources else ""
    st.html(f"""<div class="pv"><p class="pv-turnout" data-testid="present-turnout">{voters} of {room}
      have voted</p>{line}<div class="pv-bar"><div style="width: {share}%"></div></div></div>""")


def sources(text: str) -> None:
    """Under a closed round's heading: "Includes 3 paper ballots and 4 by show of hands"."""
    if text:
        st.html(f'<div class="pv"><p class="pv-sources" data-testid="present-sources">{html.escape(text[:1].upper() + text[1:])}</p></div>')


def countdown(text: str, seconds: int | None) -> None:
    if not text:
        return
    late = " pv-late" if seconds is not None and seconds <= 30 else ""
    clock, _, rest = text.partition(" ")
    words = f"{html.escape(clock)} <small>{html.escape(rest)}</small>" if rest == "left" else html.escape(text)
    st.html(f'<div class="pv"><p class="pv-countdown{late}" data-testid="present-countdown">{words}</p></div>')


def items(rows: list[dict], grouped: bool) -> None:
    st.html(items_html(rows, grouped))


def items_html(rows: list[dict], grouped: bool) -> str:
    """The round's items, numbered, in two columns when there are many."""
    two = " pv-two" if len(rows) > 7 else ""
    lines = []
    for row in rows:
        group = f' <span class="pv-group">· {html.escape(row["grouping"])}</span>' if grouped else ""
        lines.append(f"<li>{html.escape(row['label'])}{group}</li>")
    return f'<div class="pv"><ol class="pv-items{two}">{"".join(lines)}</ol></div>'


def question_html(row: dict, tr: Translator) -> str:
    """A question from the room, large: its text, its upvotes, and who asked only if asked by name
    (an anonymous question's row has no name to show)."""
    _ = tr.gettext
    upvotes = "▲ " + tr.ngettext("{n} upvote", "{n} upvotes", row["upvotes"]).format(n=row["upvotes"])
    # TRANSLATORS: on the projector, under a question asked by name
    who = _("asked by {name}").format(name=row["name"]) if row["name"] else _("asked anonymously")
    place = _("{place} of {count} by upvotes").format(place=row["place"], count=row["of"])
    answered = " · " + _("answered") if row["status"] == "answered" else ""
    kicker = _("Question from the room")
    return (
        f'<div class="pv"><p class="pv-kicker">{html.escape(kicker)} · {html.escape(place)}</p>'
        f'<p class="pv-question" data-testid="present-question" dir="auto">{html.escape(row["body"])}</p>'
        f'<p class="pv-question-meta" data-testid="present-upvotes">{html.escape(upvotes)} · {html.escape(who)}{html.escape(answered)}</p></div>'
    )


def brainstorm_html(bs: dict, clusters: list[dict], counted: dict, lenses: dict[str, str], tr: Translator) -> str:
    """A brainstorm, large: while it collects, its question and how many cards; once revealed, its
    clusters with their cards (names only in a named brainstorm: an anonymous one's rows have none)."""
    _ = tr.gettext
    head = f'<div class="pv"><p class="pv-kicker">{html.escape(_("Brainstorm"))}</p><p class="pv-question" dir="auto">{html.escape(bs["prompt"])}</p>'
    if bs["status"] == "open":
        written = tr.ngettext("{n} card written so far", "{n} cards written so far", counted["cards"]).format(n=counted["cards"])
        return head + f'<p class="pv-question-meta" data-testid="present-cards">{html.escape(written)}</p></div>'
    boxes = []
    for cluster in clusters:
        lens = f'<p class="pv-lens">{html.escape(lenses[cluster["lens"]])}</p>' if cluster["lens"] else ""
        cards = "".join(
            f'<li dir="auto">{html.escape(c["body"])}{html.escape(" · " + c["name"]) if c["name"] else ""}</li>' for c in cluster["cards"]
        )
        boxes.append(f'<div class="pv-cluster"><h3 dir="auto">{html.escape(cluster["title"])}</h3>{lens}<ul>{cards}</ul></div>')
    return head + f'<div class="pv-clusters" data-testid="present-clusters">{"".join(boxes)}</div></div>'


def question(row: dict, tr: Translator) -> None:
    st.html(question_html(row, tr))


def note(text: str) -> None:
    st.html(f'<div class="pv"><p class="pv-hidden">{html.escape(text)}</p></div>')


def verdict_line(text: str) -> None:
    st.html(f'<div class="pv"><p class="pv-verdicts">{html.escape(text)}</p></div>')


def link_map(svg: str, label: str) -> None:
    """The strategy map with each link drawn by the room's confidence in it, as an image (the SVG
    is built with every user string escaped, without scripts or external references)."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    st.html(f'<div class="pv pv-map"><img alt="{html.escape(label)}" src="data:image/svg+xml;base64,{data}"></div>')
