"""The voting methods: the registry (`base.py`) and one module per method, which registers itself.

Importing the package imports every method, so `methods.get(name)` always finds each of them; the
order a facilitator is offered them in is each method's `position`. Adding a method: see the
README's Layout section.
"""

from workshop.core.methods import dots, fist_to_five, gradients, grid, hypothesis, ranking, rating, split
from workshop.core.methods.base import (
    DIVERGING,
    GRID,
    ITEM_KEYS,
    PRIORITY_CHARTS,
    RANKED,
    SKIP,
    SPLIT,
    VALUE_COLUMNS,
    VotingMethod,
    all_methods,
    get,
    labels,
    names,
    register,
    whole,
)

__all__ = [
    "DIVERGING",
    "GRID",
    "ITEM_KEYS",
    "PRIORITY_CHARTS",
    "RANKED",
    "SKIP",
    "SPLIT",
    "VALUE_COLUMNS",
    "VotingMethod",
    "all_methods",
    "dots",
    "fist_to_five",
    "get",
    "gradients",
    "grid",
    "hypothesis",
    "labels",
    "names",
    "ranking",
    "rating",
    "register",
    "split",
    "whole",
]
