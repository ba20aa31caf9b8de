"""Anonymity against arithmetic: a 100-point split, and dots when everyone spends every dot, hold a
known total, so an item the small-room rule hides must not be the total less the points shown, and
no item's count of voters may say that one person left it out."""

from __future__ import annotations

import re

from privacy_room import arithmetic_leaks, leaks, small_room

from workshop.core import disclosure, methods
from workshop.deliverables import record
from workshop.deliverables.report import document
from workshop.room import round_decisions, vote_results

SPLIT = [[50, 50, 0]] * 5 + [[70, 0, 30]]  # the dissenter alone gives the third initiative points


def _seen(db, room):
    return vote_results.results(db, room.round_id), vote_results.turnout(db, room.round_id)["voters"]


def test_a_hidden_split_item_cannot_be_worked_out_as_six_hundred_less_the_points_shown(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "split", "anonymous", ballots=SPLIT)
    rows, voters = _seen(db, room)
    assert voters == 6 and rows[2]["points"] is None  # the dissenter's item, hidden by the rule
    assert rows[1]["points"] is None and rows[1]["share"] is None  # kept with it: 600 − 320 = 250 + 30
    assert rows[0]["points"] == 320 and rows[0]["standing"] == 1
    assert not arithmetic_leaks(rows, room, voters), arithmetic_leaks(rows, room, voters)
    text = " ".join(vote_results.summary(r, "split") for r in rows)
    assert "30" not in text and "250" not in text and not leaks(text, room), text


def test_an_item_all_but_one_person_chose_shows_its_points_but_not_how_many_chose_it(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "split", "facilitator_only", ballots=[[60, 40, 0]] * 5 + [[100, 0, 0]])
    rows, voters = _seen(db, room)
    assert rows[0]["points"] == 400  # all six chose it: shown in full
    assert rows[0]["votes"] == 6
    assert not arithmetic_leaks(rows, room, voters)
    assert "from 5 voters" not in " ".join(vote_results.summary(r, "split") for r in rows)


def test_dots_spent_in_full_keep_the_lone_dissenters_item_private_by_subtraction_too(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "dots", "anonymous", ballots=[[1, 1, 0]] * 5 + [[1, 0, 1]])
    rows, voters = _seen(db, room)
    assert rows[2]["points"] is None and rows[1]["points"] is None and rows[0]["points"] == 6
    assert not arithmetic_leaks(rows, room, voters), arithmetic_leaks(rows, room, voters)
    evidence = " ".join(u["evidence"] for u in round_decisions.undecided(db, room.round_id))
    assert not leaks(evidence, room), evidence


def test_the_rule_keeps_the_smallest_shown_item_with_the_hidden_one_in_its_own_words():
    rows = [
        {
            "item_id": n,
            "label": f"Item {n}",
            "grouping": "",
            "points": p,
            "votes": v,
            "median": None,
            "counts": {},
            "iqr": None,
            "standing": None,
            "share": p / 6,
            "gap": None,
        }
        for n, (p, v) in enumerate([(320, 6), (250, 5), (30, 1)])
    ]
    shown = disclosure.protect(rows, methods.get("split"), anonymity="anonymous", voters=6)
    assert [r["points"] for r in shown] == [320, None, None]
    assert shown[1]["note"] == ("Kept with the items chosen by fewer than 2 people, so that their points cannot be worked out from the total.")
    assert shown[2]["note"] == "Chosen by fewer than 2 people, so its points stay private."


def test_the_reports_split_table_shows_no_voters_where_the_rule_keeps_them(demo_db):
    db, wid = demo_db
    room = small_room(db, wid, "split", "anonymous", ballots=[[50, 40, 10]] * 5 + [[40, 0, 60]])
    text = " ".join(document.build_html(record.read(db, wid)).split())
    part = text[text.index(f"round 2 · {room.title}") :]
    cells = re.findall(r'<td class="num">([^<]*)</td>', part)[:12]
    assert "290 (6)" in cells and "200" in cells  # all six chose the first; all but one the second: no count
    assert "(5)" not in " ".join(cells) and "fewer than 2" not in " ".join(cells)
