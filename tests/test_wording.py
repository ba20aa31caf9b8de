"""Sentences a facilitator reads: counts agree with their nouns ("1 top objective with nothing
driving it", never "objective(s)"), and the map's objective panel shows no stray markup and no
empty heading."""

from __future__ import annotations

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from ui import nav
from ui.display import escape_md
from workshop import checks
from workshop.db import scorecard
from workshop.method import map_setup, objectives, workshops

PAGES = [
    nav.ARCHITECTURE.script,
    nav.INTERVIEWS.script,
    nav.CONSENSUS.script,
    nav.MEASURES.script,
    nav.PLAN.script,
    nav.STRATEGY_MAP.script,
    nav.CHECKS.script,
    nav.JOIN_SCREEN.script,
    nav.ROUNDS.script,
    nav.COMMENTS.script,
    nav.REPORT.script,
]


def _texts(at: AppTest) -> list[str]:
    found = [
        str(el.value)
        for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success", "toast")
        for el in at.get(kind)
    ]
    return found + [str(el.label) for kind in ("expander", "button", "metric") for el in at.get(kind)]


def _open(wid: int, page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["w"] = str(wid)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", PAGES)
def test_no_page_counts_with_a_bracketed_plural(demo_file, page):
    db, wid = demo_file
    # a workshop with findings of every kind and a single count here and there
    p = {r["key"]: r["id"] for r in workshops.perspectives(db, wid)}
    objectives.add_objective(db, wid, "Lonely learning objective", p["learning"])
    at = _open(wid, page)
    bracketed = [t[:80] for t in _texts(at) if "(s)" in t]
    assert not bracketed, bracketed


def _message(card, check_id: str) -> str:
    return next(f.message for f in checks.run(card) if f.check.id == check_id)


def test_check_messages_agree_with_their_counts(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    p = {r["key"]: r["id"] for r in workshops.perspectives(fresh_db, wid)}
    tops = [objectives.add_objective(fresh_db, wid, f"Grow revenue line {n}", p["financial"]) for n in range(3)]
    learning = objectives.add_objective(fresh_db, wid, "Train engineers", p["learning"])
    customer = objectives.add_objective(fresh_db, wid, "Keep clients", p["customer"])
    objectives.add_link(fresh_db, customer, tops[0], "")
    card = scorecard.load(fresh_db, wid)
    messages = [f.message for f in checks.run(card)]
    assert "2 top objectives with nothing driving them." in messages, messages
    assert "1 learning-and-growth objective that drives nothing." in messages, messages
    assert not any("(s)" in m for m in messages)
    objectives.add_link(fresh_db, learning, customer, "Trained people keep clients.")
    objectives.add_link(fresh_db, customer, tops[1], "")
    messages = [f.message for f in checks.run(scorecard.load(fresh_db, wid))]
    assert "1 top objective with nothing driving it." in messages, messages


def test_the_objective_panel_shows_no_stray_markup_and_no_empty_heading(demo_file):
    db, wid = demo_file
    card = scorecard.load(db, wid)
    causes = {link.cause_id for link in card.links}
    # a top objective: driven by others, driving nothing; one of its links loses its hypothesis
    top = next(o for o in card.agreed_objectives() if o.id not in causes and any(link.effect_id == o.id for link in card.links))
    link = next(link for link in card.links if link.effect_id == top.id)
    map_setup.update_hypothesis(db, link.id, "")
    at = _open(wid, nav.STRATEGY_MAP.script)
    at.selectbox(key="map-open-None").set_value(top.id).run()
    assert not at.exception
    markdown = [str(m.value) for m in at.markdown]
    assert escape_md(card.objective(link.cause_id).title) in markdown, "the cause, without a hypothesis line"
    assert not [m for m in markdown if m.rstrip().endswith("**") and not m.startswith("**")], markdown
    assert "**Drives** · none yet" in markdown, "a heading with nothing under it says so"
