"""The participant's ballot as one Streamlit element: an `st.components.v2` component with inline
HTML, CSS and JavaScript (ui/assets/ballot*.js, ballot.css), in the app's own page (no iframe).

The page sends everything as data (user text included) and the script writes it with
`textContent` only; the whole ballot comes back as one value on submit. When the component
cannot be used the page falls back to the plain form (see `unavailable_reason`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

ASSETS = Path(__file__).resolve().parent / "assets"
NAME = "scorecard_workshop.ballot"
EVENTS = ("submit", "room", "dismiss", "goto", "broken")

# Shown by Streamlit before the script runs; the script hides it once the ballot is drawn. If
# drawing fails, the script shows the second sentence (in the participant's language, from its
# words) and sends "broken", on which the page switches to the simple form by itself. A browser that
# cannot run the script keeps this English text: the component is defined once for every session,
# so it cannot speak each one's language (the toggle below it does).
HTML = """<div class="sw-loading" role="status">
<p class="sw-loading-only">Loading the ballot… If it does not appear, switch on “Use the simple form” below.</p>
<p class="sw-broken-only">The ballot could not be shown in this browser. Switch on “Use the simple form”
below to vote with plain form fields.</p>
</div>"""


def _define():
    """The component's mount function, or the reason it cannot be defined."""
    try:
        # one ES module: the pieces first, then the ballot and its default export
        js = "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in ("ballot_items.js", "ballot_priorities.js", "ballot.js"))
        css = (ASSETS / "ballot.css").read_text(encoding="utf-8")
        return st.components.v2.component(NAME, html=HTML, css=css, js=js, isolate_styles=True), ""
    except (AttributeError, ImportError, OSError, TypeError) as error:  # an older Streamlit, missing files
        return None, f"{type(error).__name__}: {error}"


_MOUNT, _PROBLEM = _define()


def unavailable_reason() -> str:
    """'' when the component can be mounted; otherwise why not (the page then uses the form)."""
    return _PROBLEM


def mount(data: dict, *, key: str, on: dict[str, Callable[[], None]]) -> dict:
    """Draw the ballot with `data`; `on` maps an event name (EVENTS) to a callback that runs before
    the next run of the fragment. Returns the events of this run (name -> value or None)."""
    callbacks = {f"on_{name}_change": on.get(name, _ignore) for name in EVENTS}
    result = _MOUNT(data=data, key=key, **callbacks)
    return {name: getattr(result, name, None) for name in EVENTS}


def event(key: str, name: str):
    """Inside a callback: the value the ballot sent with event `name`."""
    state = st.session_state.get(key)
    try:
        return state[name] if state is not None else None
    except (KeyError, TypeError):
        return getattr(state, name, None)


def _ignore() -> None:
    return None
