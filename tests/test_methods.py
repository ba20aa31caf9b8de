"""The registry of voting methods (core/methods/): every method is found by its name, says what it
is in one line, uses known ballot columns and one of the presenter's charts, and the room refuses a
method that is not registered in words that name the others."""

from __future__ import annotations

import pytest

from workshop.core import disclosure, methods
from workshop.core.errors import Invalid
from workshop.core.methods.base import PRIORITY_CHARTS, VotingMethod, register
from workshop.method import objectives, workshops
from workshop.room import voting


@pytest.mark.parametrize("method", methods.all_methods(), ids=lambda m: m.name)
def test_every_method_says_what_it_is_and_how_it_is_shown(method):
    assert methods.get(method.name) is method
    assert method.label and method.description and "\n" not in method.description
    assert set(method.columns) <= set(methods.VALUE_COLUMNS) and method.columns
    assert method.chart in (methods.DIVERGING, methods.RANKED, *PRIORITY_CHARTS)
    assert method.small_room in (disclosure.ANSWERS, disclosure.POINTS, disclosure.PLACES)
    assert method.piece and method.decision_hint()
    assert bool(method.hand_answers) != bool(method.hands_refused())


def test_the_methods_are_offered_in_their_order_and_each_name_once():
    names = methods.names()
    assert len(names) == len(set(names)) >= 7
    assert [m.position for m in methods.all_methods()] == sorted(m.position for m in methods.all_methods())


def test_a_method_cannot_take_a_name_already_registered():
    class Again(VotingMethod):
        name = "dots"

    with pytest.raises(AssertionError, match="new name"):
        register(Again)


def test_a_round_of_an_unknown_method_is_refused_with_the_methods_names(fresh_db):
    wid = workshops.create_workshop(fresh_db, "Atlas", "Cloud")
    oid = objectives.add_objective(fresh_db, wid, "Grow", workshops.perspectives(fresh_db, wid)[0]["id"])
    with pytest.raises(Invalid, match=r"^Choose a voting method: dot voting; rating 1–5; .*; fist to five; hypothesis vote\.$"):
        voting.open_round(fresh_db, wid, [("objective", oid)], method="thumbs")


def test_the_value_columns_keep_the_order_the_ledger_hashes():
    assert methods.VALUE_COLUMNS[:8] == ("dots", "rating", "gradient", "rank", "skipped", "grid_x", "grid_y", "points")
