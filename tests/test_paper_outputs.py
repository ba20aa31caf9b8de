"""Every output that shows a round's results says how many votes came on paper and by show of hands:
the presenter's data, the decision evidence, the PDF's consensus record, the deck."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.deck import slides
from workshop.deliverables.report import document, parts
from workshop.method import objectives, workshops
from workshop.room import joining, paper, presenting, round_decisions, voting
from workshop.starters import starting


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    db = store.connect(tmp_path_factory.mktemp("mixed") / "w.db")
    wid = starting.create_workshop(db, "Atlas", "Cloud")
    persps = workshops.perspectives(db, wid)
    oids = [objectives.add_objective(db, wid, t, persps[n]["id"]) for n, t in enumerate(["Grow revenue", "Cut cost"])]
    code = joining.join_code(db, wid)
    people = [joining.join(db, code, n) for n in ("Ann", "Bob")]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating", title="Draft objectives")
    a, b = [i["id"] for i in voting.round_items(db, rid)]
    for person in people:
        voting.submit(db, person["token"], rid, {a: 4, b: 2})
    paper.add_paper_ballot(db, rid, {a: 5, b: 3}, name="Dora")
    paper.set_hand_counts(db, rid, 3, {a: {"5": 2, "4": 1}})
    open_view = presenting.round_view(db, rid)
    voting.close_round(db, rid)
    yield db, wid, rid, (a, b), open_view
    db.close()


def test_the_presenter_gets_the_paper_and_hand_counts_while_open_and_once_closed(mixed):
    db, wid, rid, items, open_view = mixed
    assert (open_view["turnout"]["voters"], open_view["turnout"]["paper"], open_view["turnout"]["hands"]) == (6, 1, 3)
    closed = presenting.round_view(db, rid)
    assert paper.mark(closed["turnout"]["paper"], closed["turnout"]["hands"]) == ("includes 1 paper ballot and 3 by show of hands")


def test_a_decision_keeps_the_mark_in_its_evidence(mixed):
    db, wid, rid, (a, b), _ = mixed
    evidence = {r["item_id"]: r["evidence"] for r in round_decisions.undecided(db, rid)}
    assert evidence[a].endswith("(includes 1 paper ballot and 3 by show of hands)")
    assert evidence[b].endswith("(includes 1 paper ballot)")


def test_the_consensus_record_counts_paper_and_hands_as_voters_in_the_room(mixed):
    db, wid, rid, (a, b), _ = mixed
    (closed,) = parts.consensus_rounds(record.read(db, wid))
    assert (closed["voted"], closed["eligible"], closed["paper"], closed["hands"]) == (6, 6, 1, 3)
    assert closed["sources"] == "includes 1 paper ballot and 3 by show of hands"
    by_subject = {i["subject"]: i for i in closed["items"]}
    assert by_subject["Grow revenue"]["sources"] == "1 on paper · 3 by show of hands"
    assert "Dora (paper)" in by_subject["Grow revenue"]["voters"]


def test_the_pdf_says_which_votes_were_entered_by_the_facilitator(mixed):
    db, wid, *_ = mixed
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(document.build_pdf(record.read(db, wid)))).pages)
    assert "6 of 6 in the room voted (100%) · includes 1 paper ballot and 3 by show of hands, entered by the facilitator" in text
    assert "1 on paper · 3 by show of hands" in text
    assert "Dora (paper)" in text
    assert "1 voting round includes votes the facilitator entered for people without a device" in text


def test_the_deck_says_which_votes_were_entered_by_the_facilitator(mixed):
    db, wid, *_ = mixed
    shown = Presentation(io.BytesIO(slides.build_pptx(record.read(db, wid)))).slides
    text = " ".join(shape.text_frame.text for slide in shown for shape in slide.shapes if shape.has_text_frame)
    assert "Votes entered by the facilitator: 1 paper ballot and 3 by show of hands" in text
