"""Questions from the room in-process (AppTest): the participant's Questions section (ask, upvote,
their own marked, hostile text inert), the facilitator's ranked list (answered, hidden, the
projector and the rule on names) and the presenter showing the chosen question."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.room import joining, questions

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "**bold** <img src=x onerror=alert(1)> :red[x] [link](http://evil)"


def app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def facilitator(wid: int, page) -> AppTest:
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    return at.run().switch_page(page.script).run()


def texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.error, *at.success, *at.subheader])


def test_a_participant_asks_anonymously_and_another_upvotes_it(live_room):
    db, wid, _, code, ann = live_room
    at = app(t=ann["token"]).run()
    at.segmented_control(key="section").set_value("questions").run()
    assert not at.exception
    assert "Nobody sees who asked" in texts(at) and "No questions yet" in texts(at)
    at.text_area(key="question-body").input(HOSTILE)
    at.button(key="question-ask").click().run()
    assert not at.exception
    assert "Your question is in" in texts(at) and at.text_area(key="question-body").value == ""
    (asked,) = questions.ranked(db, wid)
    assert asked["body"] == HOSTILE and asked["name"] is None
    shown = texts(at)
    assert r"\*\*bold\*\* \<img src=x onerror=alert\(1\)\>" in shown  # as typed, never markdown or HTML
    assert "your question" in shown and not [b for b in at.button if b.key == f"upvote-{asked['id']}"]  # not one's own

    bo = joining.join(db, code, "Bo")
    other = app(t=bo["token"]).run()
    other.segmented_control(key="section").set_value("questions").run()
    assert "Ann" not in texts(other) and "anonymous" in texts(other)
    other.button(key=f"upvote-{asked['id']}").click().run()
    assert questions.ranked(db, wid)[0]["upvotes"] == 1
    assert "1 upvote" in texts(other) and other.button(key=f"upvote-{asked['id']}").label == "▲ Upvoted"
    other.button(key=f"upvote-{asked['id']}").click().run()  # tapped again: taken back
    assert questions.ranked(db, wid)[0]["upvotes"] == 0


def test_a_refused_question_keeps_what_was_typed_and_says_why(live_room):
    db, wid, _, _, ann = live_room
    at = app(t=ann["token"]).run()
    at.segmented_control(key="section").set_value("questions").run()
    at.text_area(key="question-body").input("   ")
    at.button(key="question-ask").click().run()
    assert "Your question is empty" in texts(at) and at.text_area(key="question-body").value == "   "
    questions.set_name_rule(db, wid, "off")
    at.text_area(key="question-body").input("Still there?")
    at.button(key="question-ask").click().run()
    assert "not taking new questions" in texts(at) and at.button(key="question-ask").disabled
    assert at.text_area(key="question-body").value == "Still there?"  # nothing typed is lost
    assert questions.ranked(db, wid) == []


def test_the_rule_on_names_shapes_the_form(live_room):
    db, wid, _, _, ann = live_room
    at = app(t=ann["token"]).run()
    at.segmented_control(key="section").set_value("questions").run()
    at.checkbox(key="question-named").check().run()
    assert "Your name is shown" in texts(at)
    at.text_area(key="question-body").input("Who owns churn?")
    at.button(key="question-ask").click().run()
    assert questions.ranked(db, wid)[0]["name"] == "Ann"
    questions.set_name_rule(db, wid, "anonymous")
    at.run()
    assert not [c for c in at.checkbox if c.key == "question-named"] and "Nobody sees who asked" in texts(at)


def test_the_facilitator_ranks_answers_hides_and_puts_a_question_on_the_projector(live_room):
    db, wid, _, code, ann = live_room
    bo, cy = (joining.join(db, code, n)["token"] for n in ("Bo Quennell", "Cy Adeyemi"))
    low = questions.ask(db, ann["token"], "Why now?")
    top = questions.ask(db, bo, "What does it cost?")
    rude = questions.ask(db, cy, "Something abusive")
    questions.upvote(db, cy, top)
    at = facilitator(wid, nav.COMMENTS)
    assert not at.exception
    shown = texts(at)
    assert shown.index("What does it cost?") < shown.index("Something abusive") < shown.index("Why now?")
    assert "Ann" not in shown and "Quennell" not in shown
    at.button(key=f"fq-hide-{rude}").click().run()
    assert "Something abusive" not in texts(at)
    at.button(key=f"fq-answered-{low}").click().run()
    at.button(key=f"fq-screen-{top}").click().run()
    assert questions.on_screen(db, wid)["id"] == top and questions.ranked(db, wid, hidden=True)[-1]["status"] == "answered"
    at.selectbox(key="question-rule").set_value("off").run()
    assert questions.name_rule(db, wid) == "off"

    screen = facilitator(wid, nav.PRESENT)
    assert not screen.exception
    page = " ".join(str(e.proto.body) for e in screen.get("html"))
    assert "What does it cost?" in page and "▲ 1 upvote" in page and "asked anonymously" in page and "Quennell" not in page
    questions.show_on_screen(db, wid, None)
    screen.run()
    assert "What does it cost?" not in " ".join(str(e.proto.body) for e in screen.get("html"))
