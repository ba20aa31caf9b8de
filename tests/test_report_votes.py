"""The room's votes reach the sponsor's report, round by round."""

import io

from pypdf import PdfReader

from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.method import objectives, workshops
from workshop.room import joining, voting
from workshop.starters import starting


def test_the_report_lists_each_closed_round_with_its_results(fresh_db):
    db = fresh_db
    wid = starting.create_workshop(db, "Atlas", "Cloud")
    oid = objectives.add_objective(db, wid, "Grow <recurring> revenue", workshops.perspectives(db, wid)[0]["id"])
    ann = joining.join(db, joining.join_code(db, wid), "Ann")
    rid = voting.open_round(db, wid, [("objective", oid)], method="rating", title="Draft objectives")
    voting.rate(db, ann["token"], rid, voting.round_items(db, rid)[0]["id"], 5)
    voting.close_round(db, rid)
    still_open = voting.open_round(db, wid, [("objective", oid)], method="dots", title="Not yet closed")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(document.build_pdf(record.read(db, wid)))).pages)
    assert "Workshop 1 · round 1 · Draft objectives" in text
    assert "1 of 1 in the room voted (100%)" in text and "Consensus" in text
    assert "Grow <recurring> revenue" in text
    assert "Not yet closed" not in text and still_open
