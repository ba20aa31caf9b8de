"""An objective that serves every theme: the top financial objective and the learning base of Kaplan and
Norton's maps, which every strand of the strategy shares. The theme checks understand it."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from workshop import checks
from workshop.db import scorecard, store
from workshop.starters import demo


@pytest.fixture(scope="module")
def demo_card():
    db = store.connect(":memory:")
    return scorecard.load(db, demo.create_demo(db))


def _ids(card) -> set[str]:
    return {f.id for f in checks.run(card)}


def _top(card):
    top = min(card.perspectives, key=lambda p: p.position)
    return next(o for o in card.objectives if o.perspective_id == top.id)


def _mark_every_theme(card, objective):
    n = card.objectives.index(objective)
    card.objectives[n] = dataclasses.replace(objective, theme_id=None, other_theme_ids=(), all_themes=True)
    return card.objectives[n]


def test_an_objective_serving_every_theme_is_not_without_a_theme(demo_card):
    card = copy.deepcopy(demo_card)
    top = _top(card)
    card.objectives[card.objectives.index(top)] = dataclasses.replace(top, theme_id=None, other_theme_ids=())
    assert "objective-no-theme" in _ids(card)
    _mark_every_theme(card, card.objective(top.id))
    assert "objective-no-theme" not in _ids(card)


def test_a_theme_served_only_by_the_shared_objectives_is_still_empty(demo_card):
    card = copy.deepcopy(demo_card)
    lonely = card.themes[0]
    for o in list(card.objectives):
        if lonely.id in o.theme_ids:
            _mark_every_theme(card, o)
    finding = next(f for f in checks.run(card) if f.id == "theme-empty")
    assert [i.label for i in finding.items] == [lonely.name]


def _two_themes(card):
    """The demo on a two-strategy map: its third theme's objectives moved into the second."""
    first, second, *rest = card.themes
    card.themes = [first, second]
    gone = {t.id for t in rest}
    card.objectives = [
        dataclasses.replace(
            o, theme_id=second.id if o.theme_id in gone else o.theme_id, other_theme_ids=tuple(t for t in o.other_theme_ids if t not in gone)
        )
        for o in card.objectives
    ]


def test_two_themes_are_too_few_unless_a_top_objective_joins_them(demo_card):
    card = copy.deepcopy(demo_card)
    _two_themes(card)
    assert "themes-count" in _ids(card)
    _mark_every_theme(card, _top(card))
    assert "themes-count" not in _ids(card)


def test_a_shared_learning_base_alone_does_not_make_two_themes_enough(demo_card):
    card = copy.deepcopy(demo_card)
    _two_themes(card)
    bottom = max(card.perspectives, key=lambda p: p.position)
    _mark_every_theme(card, next(o for o in card.objectives if o.perspective_id == bottom.id))
    assert "themes-count" in _ids(card)


def test_one_theme_is_too_few_whatever_is_shared(demo_card):
    card = copy.deepcopy(demo_card)
    card.themes = card.themes[:1]
    _mark_every_theme(card, _top(card))
    assert "themes-count" in _ids(card)
