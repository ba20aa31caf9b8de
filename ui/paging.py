"""Drawing only what the facilitator looks at: long lists a page at a time, tabs whose content
runs only while open. A big workshop (a hundred objectives, hundreds of comments) would otherwise
send thousands of widgets to the browser on every run."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

PAGE_SIZE = 20


def paged(items: Sequence, key: str, *, noun: str = "items", size: int = PAGE_SIZE) -> list:
    """The slice of `items` on the page the facilitator chose; a chooser appears only when the
    list is longer than one page. The chosen page is kept while the list changes length."""
    items = list(items)
    if len(items) <= size:
        return items
    starts = list(range(0, len(items), size))
    if st.session_state.get(key) not in starts:
        st.session_state[key] = 0 if key not in st.session_state else starts[-1]
    start = st.selectbox(
        f"Which {noun}", starts, key=key, format_func=lambda s: f"{noun.capitalize()} {s + 1}–{min(s + size, len(items))} of {len(items)}"
    )
    return items[start : start + size]


def tabs(labels: Sequence[str], key: str) -> list:
    """`st.tabs` whose unopened tabs are not drawn: write each tab's content under `if tab.open:`.
    Choosing a tab reruns the page (AppTest chooses one with `at.session_state[key] = label`)."""
    return list(st.tabs(list(labels), key=key, on_change="rerun"))
