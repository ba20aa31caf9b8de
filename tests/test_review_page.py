"""The review meeting page with AppTest, on the demo (a year of 2027 actuals, its Q3 review closed with
an action carried over): the review opened for the latest quarter, the scorecard off target first, a verdict recorded with its evidence, an action
added then settled, the review closed and its period locked (the actuals refuse a figure for it; it
opens again only with a reason), a target changed with its reason and history, an incentive scheme
refused in words when it does not make 100 %, and the next year started as a linked workshop."""

import datetime as dt
import re

import helpers
import pytest

from ui import nav
from ui.display import escape_md
from workshop.core.periods import read_period
from workshop.db import scorecard, store
from workshop.method import actuals, reviews
from workshop.room import joining, voting
from workshop.starters import next_cycle


@pytest.fixture
def page(tmp_path, monkeypatch):
    path = tmp_path / "review.db"
    monkeypatch.setenv("WORKSHOP_DB", str(path))
    at = helpers.demo_page(path, nav.REVIEW)
    yield at
    at.db.close()


def shown(elements) -> str:
    """What the reader sees of markdown messages: escapes and zero-width spaces dropped."""
    return re.sub(r"\\(.)", r"\1", " ".join(e.value for e in elements)).replace("\u200b", "")


def opened(at) -> dict:
    at.button(key="review-open").click().run()
    assert not at.exception, at.exception
    return reviews.reviews(at.db, at.wid)[0]  # the latest first


def mine(found: list[dict], review: dict) -> list[dict]:
    return [row for row in found if row["review_id"] == review["id"]]


def table(at, column: str):
    """A read-only table by one of its columns (AppTest shows no key on `st.dataframe`)."""
    return next(e.value for e in at.dataframe if column in e.value.columns)


def tab(at, name: str) -> None:
    at.session_state["review-tabs"] = name
    at.run()
    assert not at.exception, at.exception


def link_between(at, cause: str, effect: str) -> int:
    card = scorecard.load(at.db, at.wid)
    titles = {o.id: o.title for o in card.objectives}
    return next(link.id for link in card.links if titles[link.cause_id] == cause and titles[link.effect_id] == effect)


def test_the_page_opens_on_the_latest_quarter_with_what_is_off_target_first(page):
    at = page
    assert at.selectbox(key="review-period-quarterly").value == read_period("Q4 2027", "quarterly")
    assert "No review is held for Q4 2027 yet" in shown(at.info)
    rows = table(at, "variance")
    assert rows["status"].iloc[0] == "Off target", "off target first"
    assert list(rows["status"]).index("On target") > list(rows["status"]).index("Watch")
    margin = rows[rows["measure"] == "Operating margin"].iloc[0]
    assert margin["period"] == "Dec 2027" and margin["comment"].startswith("December carries")
    assert list(margin["trend"])[-1] == 13.1, "the trend ends on the period reviewed"
    assert "An objective is off target when any of its measures is" in shown(at.caption)
    review = opened(at)
    assert (review["starts"], review["ends"], review["kind"], review["status"]) == ("2027-10-01", "2027-12-31", "strategy", "open")
    assert "Strategy review, open since" in shown(at.caption)
    at.segmented_control(key="review-rhythm").set_value("monthly").run()
    assert at.selectbox(key="review-period-monthly").value == read_period("Dec 2027", "monthly")


def test_a_verdict_is_recorded_with_the_evidence_the_room_saw(page):
    at = page
    tab(at, "Hypotheses")
    link = link_between(at, "Develop a technical certification programme", "Achieve 99% quality on first delivery")
    assert at.button(key=f"review-verdict-{link}-holds").disabled, "no verdict before the review is opened"
    review = opened(at)
    at.button(key=f"review-verdict-{link}-too early to tell").click().run()
    assert not at.exception
    found = mine(reviews.verdicts(at.db, at.wid), review)
    assert [(v["link_id"], v["verdict"]) for v in found] == [(link, "too early to tell")]
    assert found[0]["periods"] >= 6 and found[0]["evidence"] in shown(at.markdown), "kept with the sentence the room saw"
    assert "Verdict in this review: **too early to tell**" in shown(at.markdown)
    assert at.button(key=f"review-verdict-{link}-too early to tell").proto.type == "primary", "the verdict recorded stands out"
    at.button(key=f"review-verdict-{link}-does not hold").click().run()
    assert [v["verdict"] for v in mine(reviews.verdicts(at.db, at.wid), review)] == ["does not hold"], "a second verdict replaces the first"
    assert len(reviews.verdicts(at.db, at.wid)) == 2, "the Q3 review's verdict stays as it was"


def test_an_action_is_added_then_settled_with_its_outcome(page):
    at = page
    review = opened(at)
    tab(at, "Actions")
    at.text_input(key="review-action-what").input("Pair every new engineer with a certified mentor")
    at.text_input(key="review-action-owner").input("Raj Mehta")
    at.date_input(key="review-action-due").set_value(dt.date(2028, 2, 28))
    measure = next(m for m in scorecard.load(at.db, at.wid).measures if m.name == "First-time-right deliveries")
    at.selectbox(key="review-action-subject").set_value(("measure", measure.id))
    at.button(key="review-action-add").click().run()
    assert not at.exception, at.exception
    [action] = mine(reviews.action_log(at.db, at.wid), review)
    assert (action["what"], action["owner"], action["due"], action["measure_id"], action["status"]) == (
        "Pair every new engineer with a certified mentor",
        "Raj Mehta",
        "2028-02-28",
        measure.id,
        "open",
    )
    log = table(at, "Raised in")
    ours = log[log["Action"] == "Pair every new engineer with a certified mentor"].iloc[0]
    assert (ours["For"], ours["Status"]) == ("Measure: First-time-right deliveries", "open")
    assert "raised in this review" in shown(at.markdown)
    at.selectbox(key=f"review-settle-state-{action['id']}").set_value("done")
    at.text_input(key=f"review-settle-outcome-{action['id']}").input("Twelve pairs started in January")
    at.button(key=f"review-settle-save-{action['id']}").click().run()
    assert not at.exception
    [settled] = mine(reviews.action_log(at.db, at.wid), review)
    assert (settled["status"], settled["outcome"]) == ("done", "Twelve pairs started in January")


def test_an_action_without_words_is_refused_and_nothing_is_stored(page):
    at = page
    review = opened(at)
    tab(at, "Actions")
    at.button(key="review-action-add").click().run()
    assert "action" in shown(at.error).lower()
    assert mine(reviews.action_log(at.db, at.wid), review) == []


def test_closing_the_review_locks_its_period_and_only_a_reason_opens_it_again(page):
    at = page
    review = opened(at)
    tab(at, "Close")
    at.text_area(key="review-close-notes").input("Certification holds; delivery quality does not follow yet.")
    at.date_input(key="review-close-next").set_value(dt.date(2028, 4, 20))
    at.button(key="review-close-save").click().run()
    assert not at.exception, at.exception
    closed = reviews.get_review(at.db, review["id"])
    assert (closed["status"], closed["next_review"]) == ("closed", "2028-04-20")
    assert "Closed" in shown(at.success) and "20 April 2028" in shown(at.success)
    q4 = read_period("Q4 2027", "quarterly")
    assert actuals.is_locked(at.db, at.wid, q4)
    with pytest.raises(actuals.Refused) as refused:
        actuals.save_rows(at.db, at.wid, [{"measure": "Operating margin", "period": "Dec 2027", "actual": "14"}])
    assert "Dec 2027 is locked" in str(refused.value.problems[0])
    at.switch_page(nav.ACTUALS.script).run()
    assert any("locked after its review" in i.value for i in at.info), "the actuals page shows the period read only"
    at.switch_page(nav.REVIEW.script).run()
    tab(at, "Close")
    at.button(key="review-unlock-save").click().run()
    assert "reason" in shown(at.error).lower(), "no reason, no unlock"
    assert actuals.is_locked(at.db, at.wid, q4)
    at.text_input(key="review-unlock-reason").input("December's margin was reported before the audit adjustment")
    at.button(key="review-unlock-save").click().run()
    assert not actuals.is_locked(at.db, at.wid, q4)
    assert [u["reason"] for u in reviews.unlock_log(at.db, at.wid)] == ["December's margin was reported before the audit adjustment"]
    assert actuals.is_locked(at.db, at.wid, read_period("Q3 2027", "quarterly")), "the other locked quarter stays locked"
    assert "December's margin was reported before the audit adjustment" in list(table(at, "Opened again")["Why"])


def test_a_target_change_needs_a_reason_and_is_kept_in_the_history(page):
    at = page
    measure = next(m for m in scorecard.load(at.db, at.wid).measures if m.name == "Engineer attrition")
    at.selectbox(key="review-change-measure").set_value(measure.id).run()
    at.text_input(key="review-change-target").input("≤ 9%")
    at.button(key="review-change-save").click().run()
    assert "reason" in shown(at.error).lower()
    assert reviews.history(at.db, measure.id) == []
    at.text_input(key="review-change-target").input("≤ 9%")
    at.text_area(key="review-change-reason").input("The labour market moved; 8 % is out of reach this year")
    at.button(key="review-change-save").click().run()
    assert not at.exception
    changes = reviews.history(at.db, measure.id)
    assert [(c["field"], c["old_value"], c["new_value"]) for c in changes] == [("target", "8.0", "9.0")]
    history = table(at, "Field")
    assert list(history["Why"]) == ["The labour market moved; 8 % is out of reach this year"]
    assert "Target changed" in shown(at.success)


def test_an_incentive_scheme_must_make_100_percent(page):
    at = page
    tab(at, "Rewards")
    assert not [e for e in at.dataframe if (e.key or "").startswith("scheme-weights")], "off by default"
    at.toggle(key="rewards-on").set_value(True).run()
    assert scorecard.load(at.db, at.wid).workshop["rewards_enabled"] == 1
    editor = next(e for e in at.dataframe if (e.key or "").startswith("scheme-weights"))
    items = list(editor.value["item"])
    first, second = items.index("Grow revenue by 25%"), items.index("Improve profit margin to 18%")
    at.session_state[editor.key] = {"edited_rows": {first: {"weight": 50}, second: {"weight": 40}}, "added_rows": [], "deleted_rows": []}
    at.text_input(key="scheme-name-None").input("Management bonus 2027")
    at.run()
    at.button(key="scheme-save").click().run()
    assert "The weights add up to 90 %, not 100 %; add 10 %." in shown(at.error)
    assert reviews.schemes(at.db, at.wid) == []
    at.session_state[editor.key] = {"edited_rows": {first: {"weight": 60}, second: {"weight": 40}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="scheme-save").click().run()
    assert not at.exception
    [scheme] = reviews.schemes(at.db, at.wid)
    assert scheme["name"] == "Management bonus 2027" and sorted(w["weight"] for w in scheme["weights"]) == [40, 60]
    assert "Management bonus 2027 (capped at 120 % per measure)" in shown(at.markdown)


def test_start_next_year_makes_a_linked_workshop_with_what_changed_and_why(page):
    at = page
    tab(at, "Next cycle")
    card = scorecard.load(at.db, at.wid)
    dropped = next(o for o in card.objectives if o.title == "Build an account management capability")
    at.text_input(key="cycle-label").input("2028")
    at.multiselect(key="cycle-drop").select(dropped.id).run()
    at.text_input(key=f"cycle-why-{dropped.id}").input("Done: every large client has its account manager")
    at.button(key="cycle-start").click().run()
    assert not at.exception, at.exception
    new_id = store.one(at.db, "SELECT id FROM workshop WHERE previous_cycle_id = ?", [at.wid])["id"]
    changes = next_cycle.cycle_changes(at.db, new_id)
    assert {"kind": "objective", "subject": dropped.title, "change": "dropped"}.items() <= next(
        c for c in changes if c["subject"] == dropped.title
    ).items()
    assert "The next cycle is ready" in shown(at.success)
    at.button(key="cycle-open").click().run()
    assert at.session_state.workshop_id == new_id
    at.switch_page(nav.REVIEW.script).run()
    assert not at.exception, at.exception
    at.session_state["review-tabs-bare"] = "Next cycle"
    at.run()
    log = table(at, "Change")
    assert "Done: every large client has its account manager" in list(log["Why"])
    assert "No actuals to review" in shown(at.info), "the new cycle has no figures yet"


def test_an_open_action_from_the_previous_review_is_carried_over_and_settled_here(page):
    at = page
    carried = next(a for a in reviews.action_log(at.db, at.wid) if a["status"] == "open")
    review = opened(at)
    tab(at, "Actions")
    assert f"{carried['what']}** · Helen Park · due 31 January 2028 · carried over" in shown(at.markdown)
    assert "open · carried over" in list(table(at, "Raised in")["Status"])
    at.selectbox(key=f"review-settle-state-{carried['id']}").set_value("dropped")
    at.text_input(key=f"review-settle-outcome-{carried['id']}").input("Replaced by the renewal desk's own report")
    at.button(key=f"review-settle-save-{carried['id']}").click().run()
    settled = next(a for a in reviews.action_log(at.db, at.wid) if a["id"] == carried["id"])
    assert (settled["status"], settled["closed_in"], settled["outcome"]) == ("dropped", review["id"], "Replaced by the renewal desk's own report")
    assert f"{carried['what']}**" not in shown(at.markdown), "settled: no longer open"


HOSTILE = "**Grow** <img src=x onerror=alert(1)> :red[margin] [link](http://x.test) $x$"


def test_user_text_reads_as_typed_in_every_tab(page):
    at = page
    card = scorecard.load(at.db, at.wid)
    cause = next(o for o in card.objectives if o.title == "Develop a technical certification programme")
    with store.write(at.db):
        store.update(at.db, "objective", cause.id, {"title": HOSTILE})
    review = opened(at)
    reviews.add_action(at.db, review["id"], HOSTILE, owner="Raj Mehta")
    at.run()
    for name in ("Scorecard", "Hypotheses", "Actions", "Next cycle"):
        tab(at, name)
        rendered = " ".join(str(e.value) for kind in ("markdown", "caption", "info", "success", "error") for e in at.get(kind))
        assert HOSTILE not in rendered, f"{name}: shown as markdown, not as typed"
        if name in ("Hypotheses", "Actions"):
            assert escape_md(HOSTILE) in rendered, f"{name}: not shown at all"
    at.multiselect(key="cycle-drop").select(cause.id).run()
    assert at.text_input(key=f"cycle-why-{cause.id}").label == escape_md(f"Why drop “{HOSTILE}”?")


def test_the_room_votes_on_a_link_and_its_verdict_is_recorded_beside_the_evidence(page):
    at = page
    review = opened(at)
    tab(at, "Hypotheses")
    link = link_between(at, "Develop a technical certification programme", "Achieve 99% quality on first delivery")
    at.multiselect(key="review-vote-links").set_value([link]).run()
    at.button(key="review-vote-open").click().run()
    assert not at.exception, at.exception
    [rnd] = [r for r in voting.open_rounds(at.db, at.wid) if r["method"] == "hypothesis"]
    [item] = voting.round_items(at.db, rnd["id"])
    for name in ("Ana", "Ben", "Chloé", "Dev", "Eli"):
        token = joining.join(at.db, joining.join_code(at.db, at.wid), name)["token"]
        voting.submit(at.db, token, rnd["id"], {item["id"]: "does_not_hold" if name != "Eli" else "too_early"})
    at.run()
    at.button(key=f"review-vote-close-{rnd['id']}").click().run()
    assert "does not hold" in shown(at.markdown).casefold(), "the room's verdict shown before it is recorded"
    at.button(key=f"review-vote-record-{rnd['id']}").click().run()
    assert not at.exception, at.exception
    [kept] = mine(reviews.verdicts(at.db, at.wid), review)
    assert (kept["link_id"], kept["verdict"], kept["round_id"]) == (link, "does not hold", rnd["id"])
    assert kept["evidence"].startswith("The effect moves against the cause")
