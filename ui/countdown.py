"""A countdown the participant's own browser ticks ("2:14 left"): no clock time, no time zone, and
no server work per second however large the room. It counts from the seconds left when the page
was drawn, so a wrong clock on the phone does not matter."""

from __future__ import annotations

import html

import streamlit as st

from ui import i18n
from workshop.room import presenting

_SCRIPT = """
<div class="pc" data-left="{left}" data-up="{up}" data-left-text="{left_text}" role="timer" aria-live="off"
     style="font-weight:600;font-size:1.05rem;color:#1f4e79;margin:.1rem 0 .4rem 0">⏱ {text}</div>
<script>
(() => {{
  const box = document.currentScript ? document.currentScript.previousElementSibling : null;
  const boxes = box ? [box] : Array.from(document.querySelectorAll('.pc:not([data-ticking])'));
  for (const el of boxes) {{
    el.dataset.ticking = "1";
    const end = Date.now() + Number(el.dataset.left) * 1000;
    const show = () => {{
      if (!document.contains(el)) {{ clearInterval(timer); return; }}
      const s = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
      const two = (n) => String(n).padStart(2, "0");
      el.textContent = "⏱ " + (s === 0 ? el.dataset.up :
        el.dataset.leftText.replace("{{time}}", h ? h + ":" + two(m) + ":" + two(r) : m + ":" + two(r)));
    }};
    const timer = setInterval(show, 1000);
  }}
}})();
</script>
"""


def countdown(round_: dict) -> None:
    """Time left in a timed round, ticking in the browser; nothing for a round without a timer."""
    left = presenting.seconds_left(round_)
    if left is None:
        return
    _ = i18n.tr().gettext
    up = _("Time is up")
    # TRANSLATORS: a round's countdown; {time} is e.g. 2:14 or 1:02:05
    left_text = _("{time} left")
    clock = presenting.countdown_text(left).removesuffix(" left")
    text = up if left <= 0 else left_text.format(time=clock)
    st.html(
        _SCRIPT.format(left=int(left), text=html.escape(text), up=html.escape(up), left_text=html.escape(left_text)), unsafe_allow_javascript=True
    )
