"""Trying to read one dissenter's vote off the pages (AppTest): the participant's results (the ballot
element's data and the simple form), the room's screen (`/present`) and the facilitator's own page,
where a facilitator-only round shows names to the facilitator alone. The round form states the rule."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from privacy_room import METHODS, leaks, small_room, withheld_phrase
from streamlit.testing.v1 import AppTest

from ui import nav

ROOT = Path(__file__).resolve().parent.parent
CASES = [(kind, "anonymous", 4) for kind in METHODS] + [(kind, "facilitator_only", 6) for kind in METHODS]


def _name(key: tuple) -> str:
    return "-".join(map(str, key))


def _app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _facilitator(wid: int, page: str) -> AppTest:
    at = _app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(page).run()
    assert not at.exception
    return at


def _plain(text: str) -> str:
    """Markdown as the reader sees it (the page escapes what it shows)."""
    return text.replace("\\", "").replace("\u200b", "")


def _screen_text(at) -> str:
    """Everything the room's screen drew: its HTML (attributes too, where a tooltip could hide a
    count) and the same as plain text."""
    raw = " ".join(getattr(h.proto, "body", "") for h in at.get("html"))
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return html.unescape(raw) + " " + text


def _results_data(at) -> dict:
    found = [e for e in at.get("bidi_component") if e.proto.component_name == "scorecard_workshop.ballot"]
    assert len(found) == 1
    return json.loads(found[0].proto.json)


@pytest.mark.parametrize("key", CASES, ids=_name)
def test_a_participants_results_cannot_be_read_for_the_dissenters_vote(demo_file, key):
    db, wid = demo_file
    room = small_room(db, wid, *key[:2], voters=key[2])
    token = room.tokens[room.voters[0]]
    at = _app(t=token).run()
    assert not at.exception
    shown = _results_data(at)["results"]
    assert shown and shown[-1]["heading"].endswith(room.title)
    words = json.dumps(shown[-1], ensure_ascii=False)
    assert not leaks(words, room), words[:800]
    assert shown[-1]["rule"].endswith("so no one's vote can be picked out.")
    if key[2] < 5:
        assert withheld_phrase(room) in shown[-1]["withheld"]
    simple = _app(t=token)
    simple.session_state["simple-form"] = True
    simple.run()
    assert not simple.exception
    tables = " ".join(str(t.value) for t in simple.table) + " ".join(str(e.value) for e in [*simple.info, *simple.caption])
    assert not leaks(tables, room), tables[:800]


@pytest.mark.parametrize("key", CASES, ids=_name)
def test_the_room_screen_cannot_be_read_for_the_dissenters_vote(demo_file, key):
    db, wid = demo_file
    room = small_room(db, wid, *key[:2], voters=key[2])
    at = _facilitator(wid, nav.PRESENT.script)
    words = _screen_text(at)
    assert room.title in words
    assert not leaks(words, room), words[:800]
    assert "so no one's vote can be picked out" in words
    if key[2] < 5:
        assert f"Results withheld: {withheld_phrase(room)}." in words and "present-chart" not in words


@pytest.mark.parametrize("kind", ["gradients", "dots"])
def test_a_named_round_still_shows_its_full_results_to_the_room(demo_file, kind):
    db, wid = demo_file
    room = small_room(db, wid, kind, "named", voters=4)
    screen = _screen_text(_facilitator(wid, nav.PRESENT.script))
    assert "Results withheld" not in screen and "fewer than 2" not in screen and "present-chart" in screen
    if kind == "gradients":  # the screen never shows names; a lone answer it shows as it is
        assert leaks(screen, room)
    at = _app(t=room.tokens[room.voters[0]]).run()
    assert leaks(json.dumps(_results_data(at)["results"][-1], ensure_ascii=False), room)


def test_the_room_screen_shows_nothing_but_the_turnout_while_an_anonymous_round_is_open(demo_file):
    db, wid = demo_file
    room = small_room(db, wid, "gradients", "anonymous", voters=6, close=False)
    words = _screen_text(_facilitator(wid, nav.PRESENT.script))
    assert "6 of" in words and "Results stay hidden until the round closes." in words
    assert "present-chart" not in words and not leaks(words, room)


def test_the_facilitator_alone_sees_who_voted_what_in_a_facilitator_only_round(demo_file):
    db, wid = demo_file
    room = small_room(db, wid, "gradients", "facilitator_only", voters=4)
    at = _app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.session_state[f"who-voted-{room.round_id}"] = True
    at.run().switch_page(nav.ROUNDS.script).run()
    assert not at.exception
    names = " ".join(str(df.value) for df in at.dataframe)
    assert "Dana Dissenter" in names and "Serious disagreement" in names  # the facilitator's own list
    page = " ".join(str(e.value) for e in [*at.info, *at.caption, *at.markdown])
    assert "Results withheld: fewer than 5 people voted." in page  # the chart the projector may mirror
    assert "fold it away before you share your screen" in page


def test_an_anonymous_round_shows_nobody_who_voted_what_not_even_the_facilitator(demo_file):
    db, wid = demo_file
    room = small_room(db, wid, "rating", "anonymous", voters=6)
    at = _app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.session_state[f"who-voted-{room.round_id}"] = True
    at.session_state[f"figures-{room.round_id}"] = True
    at.run().switch_page(nav.ROUNDS.script).run()
    assert not at.exception
    everything = " ".join(str(x.value) for x in [*at.dataframe, *at.table, *at.info, *at.caption, *at.markdown])
    assert not leaks(everything, room), everything[:800]


def test_the_round_form_states_the_rule_when_the_round_is_not_named(demo_file):
    db, wid = demo_file
    at = _facilitator(wid, nav.ROUNDS.script)
    if any(b.key == "new-round" for b in at.button):
        at.button(key="new-round").click().run()
    at.radio(key="round-workshop").set_value(3).run()
    at.selectbox(key="round-anonymity").set_value("anonymous").run()
    words = _plain(" ".join(str(c.value) for c in at.caption))
    assert "Results appear only once the round has closed and at least 5 people have voted." in words
    assert "Answers given by fewer than 2 people are merged" in words
    at.number_input(key="round-min-voters").set_value(7).run()
    assert "at least 7 people have voted" in _plain(" ".join(str(c.value) for c in at.caption))
    assert not any(c.key == "round-hidden" for c in at.checkbox)  # hidden results are not a choice here
