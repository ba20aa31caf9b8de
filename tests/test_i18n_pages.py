"""The participant's pages in the viewer's language (AppTest): German and Arabic on the join page,
two sessions in two languages at once, and the pseudo-locale test: every visible product text on
the pages in SCENES must come from the catalogue (pseudo-translated, ⟦…⟧), user content excepted.
To sweep another page, add a scene that opens it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from workshop.i18n import LANGUAGES, PSEUDO
from workshop.room import discussion, voting

ROOT = Path(__file__).resolve().parent.parent
SHOWN_KEYS = ("body", "label", "placeholder", "help", "options", "caption")  # the text a proto shows
# What people typed (the workshop, its people, objectives and comments) and the perspectives' names,
# which the workshop stores and its facilitator edits: content, never translated.
USER_CONTENT = ["Atlas", "Cloud", "Ann", "Bob's comment", "Bob", "Grow revenue", "Delight customers"]
USER_CONTENT += ["Financial", "Customer", "Internal processes", "Learning & growth"]
SHORTCODE = re.compile(r":material/\w+:|:\w+\[|\*\*`\w+`\*\*")


def app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def shown(at: AppTest) -> list[str]:
    """Every string the page shows: text elements, widgets' labels, help, placeholders and options,
    and the ballot component's words and sentences (its data, which AppTest cannot draw)."""
    found: list[str] = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", "") not in ("bidi_component", "html"):  # html: the lang/dir script
            data = MessageToDict(proto)
            for key in SHOWN_KEYS:
                found.extend(_strings(data.get(key)))
        children = getattr(node, "children", {})
        for child in children.values() if isinstance(children, dict) else children:
            visit(child)

    visit(at._tree)
    for component in at.get("bidi_component"):
        data = json.loads(component.proto.json)
        found.extend(_component_words(data))
    return [text for text in found if text]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for part in value for text in _strings(part)]
    if isinstance(value, dict):  # an option drawn with its label and icon
        return [text for part in value.values() for text in _strings(part)]
    return []


def _component_words(data: dict) -> list[str]:
    words = []
    for value in data.get("words", {}).values():
        words.extend(value.values() if isinstance(value, dict) else [value])
    words.append(data.get("open_text", ""))
    words.extend(notice["text"] for notice in data.get("notices", []))
    for round_ in data.get("rounds", []):
        words.append((round_.get("status") or {}).get("text", ""))
    return words


def not_pseudo(texts: list[str]) -> list[str]:
    """The texts with an English word outside the pseudo-locale's brackets (user content, language
    names, icons and placeholders removed first)."""
    bad = []
    for text in texts:
        rest = SHORTCODE.sub("", text)
        rest = re.sub(r"⟦[^⟦⟧]*⟧", "", rest) if "⟦" in rest else rest
        for content in [*USER_CONTENT, *LANGUAGES.values(), PSEUDO]:  # language names are proper names
            rest = rest.replace(content, "")
        rest = re.sub(r"\{\w+\}", "", rest)
        if re.search(r"[A-Za-z]{2,}", rest):
            bad.append(text)
    return bad


# --- the scenes: each opens a participant page in the pseudo-locale ---------------------------


def join_page(room) -> AppTest:
    return app(join=room.code, lang=PSEUDO).run()


def join_page_refusing_a_taken_name(room) -> AppTest:
    at = app(join=room.code, lang=PSEUDO).run()
    at.text_input(key="join-name").input("Ann")
    return at.get("form_submit_button")[0].click().run()


def waiting(room) -> AppTest:
    return app(t=room.ann["token"], lang=PSEUDO).run()


def waiting_on_the_simple_form(room) -> AppTest:
    at = app(t=room.ann["token"], lang=PSEUDO)
    at.session_state["simple-form"] = True
    return at.run()


def commenting(room) -> AppTest:
    discussion.add_comment(room.db, room.workshop_id, "Bob", "Bob's comment", objective_id=room.objective_ids[0])
    at = app(t=room.ann["token"], lang=PSEUDO).run()
    return at.segmented_control(key="section").set_value("comment").run()


def proposing(room) -> AppTest:
    at = app(t=room.ann["token"], lang=PSEUDO).run()
    return at.segmented_control(key="section").set_value("propose").run()


def watching_an_open_vote_while_commenting(room) -> AppTest:
    at = commenting(room)
    voting.open_round(room.db, room.workshop_id, [("objective", o) for o in room.objective_ids], method="rating")
    return at.run()


SCENES: list[Callable] = [
    join_page,
    join_page_refusing_a_taken_name,
    waiting,
    waiting_on_the_simple_form,
    commenting,
    proposing,
    watching_an_open_vote_while_commenting,
]


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.__name__)
def test_every_product_text_on_the_participant_pages_comes_from_the_catalogue(live_room, scene):
    at = scene(live_room)
    assert not at.exception
    texts = shown(at)
    assert any("⟦" in text for text in texts)
    assert not_pseudo(texts) == []


@pytest.mark.parametrize("method", ["rating", "gradients", "fist_to_five", "dots", "ranking"])
def test_an_open_ballot_in_the_pseudo_locale_is_all_from_the_catalogue(live_room, method):
    voting.open_round(live_room.db, live_room.workshop_id, [("objective", o) for o in live_room.objective_ids], method=method, title="Atlas")
    at = app(t=live_room.ann["token"], lang=PSEUDO).run()
    data = json.loads(at.get("bidi_component")[0].proto.json)
    (round_,) = data["rounds"]
    options = [text for option in round_.get("options", []) for text in (option["label"], option.get("hint", ""), option.get("group", ""))]
    words = [round_["how"], *round_.get("scale_labels", []), *[a.split(" = ", 1)[-1] for a in round_.get("anchors", [])], *options]
    assert not_pseudo([w for w in words if w]) == []


def test_the_check_itself_catches_english_left_on_a_page():
    assert not_pseudo(["⟦Ĵöîñ ·⟧", "Hello, Ann", ":material/check: ⟦Ŵöŕķ ·⟧ · Atlas"]) == ["Hello, Ann"]


# --- German and Arabic -------------------------------------------------------------------------


def test_the_join_page_in_german_from_the_browser_or_the_chooser(live_room):
    at = app(join=live_room.code, lang="de").run()
    assert not at.exception
    assert at.title[0].value.endswith("Am Workshop teilnehmen")
    assert at.text_input(key="join-name").label == "Ihr Name"
    assert at.session_state["lang"] == "de"


def test_the_join_page_in_arabic_joins_and_keeps_the_language_on_the_participants_page(live_room):
    at = app(join=live_room.code, lang="ar").run()
    assert at.title[0].value.endswith("الانضمام إلى ورشة العمل")
    assert any('"rtl"' in str(e.proto.body) for e in at.get("html")), "the page is marked right to left"
    at.text_input(key="join-name").input("Bob")
    at.get("form_submit_button")[0].click().run()
    assert at.query_params["lang"] == "ar" and "t" in at.query_params
    assert at.title[0].value == "مرحبًا، Bob"
    data = json.loads(at.get("bidi_component")[0].proto.json)
    assert data["lang"] == "ar" and data["dir"] == "rtl" and data["words"]["waiting_title"] == "لا يوجد تصويت مفتوح الآن."


def test_a_taken_name_is_refused_in_the_participants_language(live_room):
    at = app(join=live_room.code, lang="ar").run()
    at.text_input(key="join-name").input("Ann")
    at.get("form_submit_button")[0].click().run()
    assert "انضم شخص باسم «Ann» بالفعل" in at.warning[0].value


def test_choosing_a_language_on_the_join_screen_reruns_the_page_in_it(live_room):
    at = app(join=live_room.code).run()
    assert at.title[0].value.endswith("Join the workshop")
    at.selectbox(key="join-language").set_value("fr").run()
    assert at.title[0].value.endswith("Rejoindre l’atelier") and at.query_params["lang"] == "fr"
    assert at.text_input(key="join-code").value == live_room.code  # what the link filled in stays


def test_two_sessions_in_two_languages_at_once_do_not_leak(live_room):
    german, arabic = app(t=live_room.ann["token"], lang="de"), app(t=live_room.ann["token"], lang="ar")
    german.run()
    arabic.run()
    german.run()
    assert german.title[0].value == "Hallo, Ann" and arabic.title[0].value == "مرحبًا، Ann"
    english = app(t=live_room.ann["token"]).run()
    assert english.title[0].value == "Hello, Ann"
