"""The review pack (`python -m workshop review`): for a workshop with periods and actuals, a closed
review with actions and a verdict, the PDF's text has the period, the statuses, the hypotheses tested
with the evidence, initiatives' spend and the action log with what was carried over; what a user typed
stays inert text; no figure is written with an exponent; the deck tells the same story."""

from __future__ import annotations

import datetime as dt
import io
import math
import shutil
import subprocess

import helpers
import pytest
from pptx import Presentation

from workshop import cli
from workshop.core.errors import Invalid
from workshop.db import period_reads, scorecard, store
from workshop.deliverables import files, record
from workshop.deliverables.review import document, slides, story
from workshop.method import reviews

TODAY = dt.date(2026, 12, 8)
LAST = dt.date(2026, 9, 30)  # the end of Q3 2026, the last quarter with actuals
HOSTILE = "<script>alert('x')</script> **not bold** [click](http://evil.example) <b>raw</b>"
# how far each measure runs from its plan in the last periods (the others run 3 % ahead)
SHAPE = {"Revenue growth, year on year": 0.5, "Engineer attrition": 1.7, "Client satisfaction score": 0.97}
FLAT = "Share of tickets resolved automatically"  # does not move while the knowledge base's reuse climbs


def _actuals(db, wid) -> None:
    card = scorecard.load(db, wid)
    rows = []
    for n, track in enumerate(period_reads.tracks(db, card, TODAY)):
        shape = SHAPE.get(track.measure.name, 1.03)
        for k, row in enumerate(r for r in track.rows if r.period.ends <= LAST):
            wobble = 1 + 0.03 * math.sin(k * 1.7 + n)
            actual = 12.0 + round(0.2 * math.sin(k), 2) if track.measure.name == FLAT else round(row.planned * (shape if k >= 2 else 1.0) * wobble, 2)
            comment = ""
            if row.period.ends == LAST and track.measure.name == "Revenue growth, year on year":
                comment = "Two large deals slipped to Q4; the pipeline is intact."
            if row.period.ends == LAST and track.measure.name == "Engineer attrition":
                comment = HOSTILE
            rows.append(
                {"measure_id": track.measure.id, "starts": f"{row.period.starts}", "ends": f"{row.period.ends}", "actual": actual, "comment": comment}
            )
    with store.write(db):
        db["measure_period"].insert_all(rows)


def _spend(db, card) -> None:
    academy = next(i for i in card.initiatives if i.name == "Cloud certification academy")
    with store.write(db):
        store.update(db, "initiative", academy.id, {"spend_to_date": 175_000_000})
        for starts, ends, planned, spent in (("2026-04-01", "2026-06-30", 40_000, 38_500), ("2026-07-01", "2026-09-30", 45_000, 61_000)):
            store.insert(
                db, "initiative_period", {"initiative_id": academy.id, "starts": starts, "ends": ends, "planned_spend": planned, "spend": spent}
            )


def build(db) -> dict:
    """The demo with seven quarters of actuals (21 months for the monthly measures), a closed review
    of Q2 2026 whose open action is carried over, and a closed review of Q3 2026 with actions, a
    verdict kept with its evidence and the next review's date; rewards on with one scheme."""
    wid = helpers.demo_into(db, units=False)
    with store.write(db):
        helpers.clear_reporting(db)  # this pack's own periods, not the demo's year of actuals and its review
        store.update(db, "workshop", wid, {"reporting_start": "2025-01-01"})
    _actuals(db, wid)
    card = scorecard.load(db, wid)
    _spend(db, card)
    q2 = reviews.open_review(db, wid, "2026-04-01", "2026-06-30")
    carried = reviews.add_action(db, q2, "Rebuild the churn report from the CRM", owner="Helen Park", due="2026-10-31")
    settled = reviews.add_action(db, q2, "Brief the board on the margin plan", owner="Omar Said", due="2026-07-15")
    reviews.close_review(db, q2, next_review="2026-10-20")
    q3 = reviews.open_review(db, wid, "2026-07-01", "2026-09-30")
    reviews.settle_action(db, settled, q3, "done", "Briefed on 12 July")
    attrition = next(m for m in card.measures if m.name == "Engineer attrition")
    reviews.add_action(db, q3, HOSTILE, owner="Raj Mehta", due="2027-01-15", subject=("measure", attrition.id))
    link = next(l for l in card.links if card.objective(l.cause_id).title.startswith("Implement a knowledge"))
    found = record.read_review(db, wid, "Q3 2026", today=TODAY)
    reviews.record_verdict(db, q3, link.id, "does not hold", found.evidence[link.id].headline[2])
    reviews.close_review(db, q3, notes="Attrition is the story of the quarter.", next_review="2027-01-20")
    reviews.set_rewards(db, wid, True)
    revenue = next(m for m in card.measures if m.name == "Revenue growth, year on year")
    reviews.save_scheme(db, wid, "Leadership bonus", {("measure", revenue.id): 60.0, ("measure", attrition.id): 40.0})
    return {"wid": wid, "carried": carried, "link": link.id}


@pytest.fixture(scope="module")
def reviewed():
    template, ids = helpers.built_once("review-pack", build)
    return helpers.memory_copy(template), ids


@pytest.fixture(scope="module")
def pack(reviewed):
    db, ids = reviewed
    return record.read_review(db, ids["wid"], today=TODAY)


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=300).stdout.decode()
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pack_pdf(pack) -> bytes:
    return document.build_pdf(pack)


@pytest.fixture(scope="module")
def text(pack_pdf) -> str:
    return flat(pdf_text(pack_pdf))


def test_the_pack_reviews_the_latest_period_with_actuals_by_default(pack):
    assert pack.period.label() == "Q3 2026"
    assert pack.review is not None and pack.review["status"] == "closed"


def test_the_cover_has_the_period_and_the_next_review_date(text):
    assert "Q3 2026" in text and "1 July 2026 – 30 September 2026" in text
    assert "Next review 20 January 2027" in text


def test_the_pack_states_each_status_and_the_rule_that_rolls_them_up(text, pack):
    assert {"Off target", "Watch", "On target"} <= {s for s in ("Off target", "Watch", "On target", "No data") if s in text}
    assert flat(record.ROLL_UP_RULE) in text
    assert pack.statuses[next(o.id for o in pack.card.objectives if o.title == "Retain our experienced engineers")] == "off target"


def test_off_target_items_come_first_with_their_owners_comments(pack, text):
    first = story.context(pack)["attention"][0]
    assert first["status"] == "off target"
    assert "Two large deals slipped to Q4; the pipeline is intact." in text
    assert text.index("Off target and to watch") < text.index("The scorecard · Q3 2026")


def test_hypotheses_are_tested_with_the_evidence_and_the_rooms_verdict(text, reviewed):
    db, ids = reviewed
    [kept] = [v for v in reviews.verdicts(db, ids["wid"]) if v["link_id"] == ids["link"]]
    assert "Hypotheses tested" in text and "Hypotheses to test" not in text
    assert "Does not hold" in text
    assert flat(kept["evidence"]) in text  # the sentence the room saw, kept with the verdict
    assert "The numbers support it" in text


def test_the_action_log_lists_open_actions_first_and_marks_those_carried_over(pack, text):
    log = story.actions(pack)
    assert [a["status"] for a in log] == ["open", "open", "done"]
    assert [a["carried"] for a in log if a["what"].startswith("Rebuild")] == [True]
    assert "Rebuild the churn report from the CRM" in text and "Carried over" in text
    assert "Briefed on 12 July" in text


def test_initiatives_show_milestones_and_spend_against_budget(text):
    assert "Cloud certification academy" in text
    assert "€61,000" in text and "€175m" in text


def test_reward_scores_appear_only_when_rewards_are_on(pack, text):
    [scheme] = story.reward_scores(pack)
    assert scheme["name"] == "Leadership bonus" and scheme["score"].endswith("%")
    assert "Incentive scores" in text and "Leadership bonus" in text
    assert story.reward_scores(record.ReviewRecord(**{**pack.__dict__, "rewards": False})) == []


def test_user_text_stays_inert_text_in_the_pdf(pack, text):
    html = document.build_html(pack)
    assert "<script>" not in html and "<b>raw</b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script>alert('x')</script> **not bold** [click](http://evil.example) <b>raw</b>" in text


def test_no_figure_is_written_with_an_exponent(text, pack):
    assert "e+" not in text and "e-0" not in text
    assert story.figure(1.75e8, "EUR") == "€175m" and story.figure(1e-7) == "0.0000001"
    assert story.figure(4.24, "%") == "4.24\u00a0%"


def test_the_map_is_coloured_by_status_with_a_legend_for_statuses_and_evidence(pack):
    drawn = document.map_svg(pack)
    assert drawn is not None
    assert drawn.count('class="status"') == len(pack.card.agreed_objectives())
    assert "Off target" in drawn and "Too few periods to tell" in drawn and "The numbers contradict it" in drawn
    assert "How an objective&#x27;s status is set" in drawn or "How an objective's status is set" in drawn
    assert "<script>" not in drawn


def test_a_period_can_be_chosen_and_then_only_its_periods_count(reviewed):
    db, ids = reviewed
    earlier = record.read_review(db, ids["wid"], "Q2 2026", today=TODAY)
    assert earlier.period.label() == "Q2 2026"
    assert all(r.period.starts <= dt.date(2026, 6, 30) for t in earlier.tracks for r in t.rows)
    assert earlier.review is not None and earlier.review["next_review"] == "2026-10-20"
    assert not any(a["what"] == HOSTILE for a in story.actions(earlier))  # raised later


def test_a_typed_period_is_read_as_people_write_it(reviewed):
    db, ids = reviewed
    assert record.read_review(db, ids["wid"], "Jun 2026", today=TODAY).period.label() == "Jun 2026"
    with pytest.raises(Invalid, match="not a period I can read"):
        record.read_review(db, ids["wid"], "sometime", today=TODAY)


def test_a_workshop_without_actuals_is_told_so_in_words(demo_db):
    db, wid = demo_db
    helpers.clear_reporting(db)
    with pytest.raises(Invalid, match="no actuals yet"):
        record.read_review(db, wid, today=TODAY)


def test_the_deck_tells_the_same_story_one_thing_per_slide(pack):
    deck = Presentation(io.BytesIO(slides.build_pptx(pack)))
    texts = [" ".join(shape.text_frame.text for shape in s.shapes if shape.has_text_frame) for s in deck.slides]
    tables = [" ".join(cell.text for shape in s.shapes if shape.has_table for row in shape.table.rows for cell in row.cells) for s in deck.slides]
    whole = " ".join(texts + tables)
    titles = texts
    assert "Q3 2026" in texts[0] and "Next review: 20 January 2027" in texts[0]
    assert any("At a glance" in t for t in titles) and any("The strategy map by status" in t for t in titles)
    assert any("Hypotheses tested" in t for t in titles) and any("Action log" in t for t in titles)
    assert "Does not hold" in whole and "carried over" in whole and HOSTILE in whole
    assert "e+" not in whole


def test_the_command_writes_the_pack_and_says_so(reviewed, tmp_path, capsys):
    db, ids = reviewed
    path = tmp_path / "w.db"
    helpers.file_copy(path, db)
    out = tmp_path / "pack.pdf"
    assert cli.main(["review", "--db", str(path), "--workshop", str(ids["wid"]), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "Q3 2026" in capsys.readouterr().out
    deck = tmp_path / "pack.pptx"
    assert cli.main(["review", "--db", str(path), "--workshop", str(ids["wid"]), "--period", "Q2 2026", "--format", "pptx", "-o", str(deck)]) == 0
    assert Presentation(str(deck)).slides


def test_the_command_refuses_a_workshop_without_actuals_in_words(tmp_path, capsys):
    path = tmp_path / "demo.db"
    db, wid = helpers.demo_on_disk(path, units=False)
    helpers.clear_reporting(db)
    assert cli.main(["review", "--db", str(path), "--workshop", str(wid), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "no actuals yet" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_files_names_the_pack_by_its_period(pack):
    assert files.review_filename(pack, "pdf").startswith("review-") and files.review_filename(pack, "pdf").endswith("-2026-07.pdf")
