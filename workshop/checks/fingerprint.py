"""What a finding names, reduced to one short string: an acknowledgement holds until it changes.

The fingerprint reads the content of every item at fault (an objective's title, description, owner,
perspective and themes; a measure's definition and targets …) by name, never by database id, so it
survives an export and import. Bookkeeping that is not an edit (an objective's status after a vote, a
measure's latest actual, an initiative's progress) leaves it alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from workshop.core.model import Scorecard


def _objective(card: Scorecard, item_id: int) -> dict:
    o = card.objective(item_id)
    content = {
        "title": o.title,
        "description": o.description,
        "owner": o.owner,
        "perspective": card.perspective(o.perspective_id).key,
        "themes": [t.name for t in card.themes_of(o)],
    }
    return {**content, "all_themes": True} if o.all_themes else content  # unmarked: as before the mark existed


def _measure(card: Scorecard, item_id: int) -> dict:
    m = next(m for m in card.measures if m.id == item_id)
    content = {k: v for k, v in asdict(m).items() if k not in ("id", "objective_id", "actual")}
    return {**content, "objective": card.objective(m.objective_id).title}


def _initiative(card: Scorecard, item_id: int) -> dict:
    i = next(i for i in card.initiatives if i.id == item_id)
    content = {k: v for k, v in asdict(i).items() if k not in ("id", "status", "objective_ids")}
    titles = {o.id: o.title for o in card.objectives}
    return {**content, "objectives": sorted(titles.get(x, "") for x in i.objective_ids)}


def _link(card: Scorecard, item_id: int) -> dict:
    link = next(link for link in card.links if link.id == item_id)
    return {"cause": card.objective(link.cause_id).title, "effect": card.objective(link.effect_id).title, "hypothesis": link.hypothesis}


def _theme(card: Scorecard, item_id: int) -> dict:
    t = card.theme(item_id)
    return {} if t is None else {"name": t.name, "description": t.description}


_CONTENT = {"objective": _objective, "measure": _measure, "initiative": _initiative, "link": _link, "theme": _theme}


def _content(card: Scorecard, kind: str, item_id: int | None) -> dict:
    read = _CONTENT.get(kind)
    if read is None or item_id is None:
        return {}
    try:
        return read(card, item_id)
    except StopIteration:  # an item the scorecard no longer holds
        return {}


def fingerprint(card: Scorecard, check_id: str, message: str, items) -> str:
    """The check, its message and the content of each item at fault, hashed."""
    parts = [check_id, message] + [[i.kind, i.label, _content(card, i.kind, i.id)] for i in items]
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]
