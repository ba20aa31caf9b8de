"""Every page of the app, declared once: its script, title, icon and address.

The frame (app.py) builds each role's navigation from these, and pages, the UI pieces and the tests
name a page by its object (`nav.ROUNDS`), never by a path string. A `PageSpec` is plain data, so it
can be imported anywhere; `.page()` makes the `st.Page` when a script run needs one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from workshop.core.model import Phase
from workshop.i18n import N_


@dataclass(frozen=True)
class PageSpec:
    script: str  # relative to app.py, as Streamlit wants it
    title: str
    icon: str
    url_path: str | None = None  # None: the script's name

    @property
    def address(self) -> str:
        """The last part of the page's URL (`/rounds`)."""
        return self.url_path if self.url_path is not None else Path(self.script).stem

    def page(self, *, default: bool = False, visibility: str = "visible", title: str | None = None) -> StreamlitPage:
        """The `st.Page`; `title` is the page's title in the viewer's language, where it has been translated."""
        return st.Page(
            self.script,
            title=title or self.title,
            icon=self.icon,
            url_path=self.url_path,
            default=default,
            visibility=visibility,  # type: ignore[arg-type]
        )


START = PageSpec("pages/start.py", "Workshops", ":material/home:")
# TRANSLATORS: the browser tab's title of the page where a participant joins
JOIN = PageSpec("pages/join.py", N_("Join"), ":material/waving_hand:", url_path="join")
# TRANSLATORS: the browser tab's title of a participant's page (vote, comment, propose)
PARTICIPATE = PageSpec("pages/participate.py", N_("Workshop"), ":material/how_to_vote:")

ARCHITECTURE = PageSpec("pages/architecture.py", "1 · Measurement architecture", ":material/account_tree:")
INTERVIEWS = PageSpec("pages/interviews.py", "2 · Interviews & drafts", ":material/record_voice_over:")
CONSENSUS = PageSpec("pages/consensus.py", "3 · Consensus workshop", ":material/handshake:")
MEASURES = PageSpec("pages/measures.py", "4 · Measure selection", ":material/straighten:")
PLAN = PageSpec("pages/plan.py", "5 · Implementation plan", ":material/event_note:")
STRATEGY_MAP = PageSpec("pages/strategy_map.py", "Strategy map", ":material/schema:")
ALIGNMENT = PageSpec("pages/alignment.py", "Cascade & alignment", ":material/lan:")

JOIN_SCREEN = PageSpec("pages/join_screen.py", "Join screen & people", ":material/qr_code_2:")
ROUNDS = PageSpec("pages/rounds.py", "Voting rounds", ":material/how_to_vote:")
BRAINSTORM = PageSpec("pages/brainstorm.py", "Brainstorm", ":material/sticky_note_2:")
COMMENTS = PageSpec("pages/comments.py", "Comments", ":material/forum:")
PRESENT = PageSpec("pages/present.py", "Presenter view", ":material/present_to_all:", url_path="present")

REPORT = PageSpec("pages/report.py", "Strategy document", ":material/picture_as_pdf:")
CHECKS = PageSpec("pages/checks.py", "Method checks", ":material/rule:")
ACTUALS = PageSpec("pages/actuals.py", "Actuals", ":material/monitoring:")
REVIEW = PageSpec("pages/review.py", "Review meeting", ":material/fact_check:")

PHASE_PAGES = {
    Phase.ARCHITECTURE: ARCHITECTURE,
    Phase.INTERVIEWS: INTERVIEWS,
    Phase.CONSENSUS: CONSENSUS,
    Phase.MEASURES: MEASURES,
    Phase.PLAN: PLAN,
}

# The facilitator's sidebar once a workshop is open, section by section.
WORKSHOP_SECTIONS: dict[str, tuple[PageSpec, ...]] = {
    "Phases": (ARCHITECTURE, INTERVIEWS, CONSENSUS, MEASURES, PLAN, STRATEGY_MAP, ALIGNMENT),
    "Live workshop": (JOIN_SCREEN, ROUNDS, BRAINSTORM, COMMENTS, PRESENT),
    "Deliverables": (REPORT, CHECKS),
    "Reporting": (ACTUALS, REVIEW),
}
ALL = (START, JOIN, PARTICIPATE, *(spec for specs in WORKSHOP_SECTIONS.values() for spec in specs))


def by_address(address: str) -> PageSpec | None:
    """The page whose URL ends in `address`, if any."""
    return next((spec for spec in ALL if spec.address == address), None)
