"""A brainstorm in-process (AppTest): the participant's Brainstorm section (write cards privately, a
refused card keeps its text, hostile text inert, the revealed clusters without names), and the
facilitator's page (open, reveal, merge under a lens with the trail, send to a dot vote, draft)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.method import workshops
from workshop.room import brainstorm, joining, voting

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "**bold** <img src=x onerror=alert(1)> :red[x] [link](http://evil)"


def app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def facilitator(wid: int) -> AppTest:
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    return at.run().switch_page(nav.BRAINSTORM.script).run()


def texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.error, *at.success, *at.subheader])


def test_a_participant_writes_cards_privately_and_sees_them_revealed_without_names(live_room):
    db, wid, _, code, ann = live_room
    at = app(t=ann["token"]).run()
    at.segmented_control(key="section").set_value("brainstorm").run()
    assert not at.exception and "No brainstorm yet" in texts(at)
    bid = brainstorm.open_brainstorm(db, wid, "What must we be great at?")
    at.run()
    assert "What must we be great at?" in texts(at) and "nobody sees who wrote which" in texts(at)
    at.text_area(key="card-body").input(HOSTILE)
    at.button(key="card-add").click().run()
    assert not at.exception and at.text_area(key="card-body").value == ""
    at.segmented_control(key="card-kind").set_value("risk").run()
    at.text_area(key="card-body").input("Key engineers leave")
    at.button(key="card-add").click().run()
    assert "You have written 2 cards" in texts(at)
    assert r"\*\*bold\*\* \<img src=x onerror=alert\(1\)\>" in texts(at)  # as typed, never markdown or HTML
    at.text_area(key="card-body").input("   ")
    at.button(key="card-add").click().run()
    assert "Your card is empty" in texts(at) and at.text_area(key="card-body").value == "   "  # what was typed stays
    bo = joining.join(db, code, "Bo")
    other = app(t=bo["token"]).run()
    other.segmented_control(key="section").set_value("brainstorm").run()
    assert "Key engineers leave" not in texts(other)  # private until the reveal
    brainstorm.reveal(db, wid, bid)
    other.run()
    assert "Key engineers leave" in texts(other) and "Ann" not in texts(other)
    assert [b for b in other.button if b.key == "card-add"] == []


def test_the_facilitator_opens_reveals_merges_and_sends_the_clusters_to_a_vote(live_room):
    db, wid, _, code, ann = live_room
    at = facilitator(wid)
    assert not at.exception
    at.text_input(key="bs-prompt").input("What must we be great at?")
    next(b for b in at.button if b.label == "Open the brainstorm").click().run()
    assert not at.exception
    bid = brainstorm.latest(db, wid)["id"]
    tokens = [ann["token"]] + [joining.join(db, code, n)["token"] for n in ("Bo", "Cy")]
    for token, body in zip(tokens, ("Reduce customer churn", "Reduce churn of customers", "Hire two engineers"), strict=True):
        brainstorm.write_card(db, token, bid, "objective", body)
    at.run()
    assert "Cards written so far" in [m.label for m in at.metric] and "Reduce customer churn" not in texts(at)
    at.button(key="bs-reveal").click().run()
    assert not at.exception and "Reduce customer churn" in texts(at)
    ids = {c["title"]: c["id"] for c in brainstorm.board(db, wid, bid)}
    at.multiselect(key="bs-merge").set_value([ids["Reduce customer churn"], ids["Reduce churn of customers"]]).run()
    at.selectbox(key="bs-lens").set_value("outcome")
    at.button(key="bs-merge-go").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Merged under “Same outcome”: “Reduce customer churn” + “Reduce churn of customers”" in shown.replace("\\", "").replace(
        "\u200b", ""
    )  # escape_md's marks aside
    at.button(key="bs-send").click().run()
    assert not at.exception
    round_id = brainstorm.latest(db, wid)["round_id"]
    assert [i["kind"] for i in voting.round_items(db, round_id)] == ["cluster", "cluster"]
    customer = next(p["id"] for p in workshops.perspectives(db, wid) if p["key"] == "customer")
    merged = ids["Reduce customer churn"]
    at.selectbox(key=f"bs-persp-{merged}").set_value(customer)
    at.button(key=f"bs-draft-{merged}").click().run()
    assert not at.exception and "Draft objective:\u200b Reduce customer churn" in texts(at)


def test_the_presenter_shows_the_count_then_the_clusters_large_and_inert(live_room):
    db, wid, _, code, ann = live_room
    bid = brainstorm.open_brainstorm(db, wid, "What must we be great at?")
    brainstorm.write_card(db, ann["token"], bid, "objective", HOSTILE)
    brainstorm.write_card(db, joining.join(db, code, "Zebulon Quartermain")["token"], bid, "risk", "Key engineers leave")
    brainstorm.show_on_screen(db, wid, bid)
    at = app(w=str(wid))
    at.session_state["unlocked"] = {wid}
    at.run().switch_page(nav.PRESENT.script).run()
    assert not at.exception
    shown = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "2 cards written so far" in shown and "Key engineers leave" not in shown
    brainstorm.reveal(db, wid, bid)
    at.run()
    shown = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "Key engineers leave" in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown and "<img src=x" not in shown
    assert "Zebulon" not in shown and "Quartermain" not in shown  # names that cannot turn up by chance in a QR code's base64
