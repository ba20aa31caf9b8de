"""Calibration fixtures: published scorecards written down as JSON, with what the source states kept
apart from what was filled in to make a complete workshop. `document()` turns one into a workshop
export (the JSON exchange format), so a fixture goes through the same import a user's file does.

A fixture (tests/calibration/*.json) holds:
- "source": what was read and where; "kind": for-profit, public or non-profit;
- "stated": only what the source states (organisation, perspectives, themes, objectives, links,
  measures and targets, initiatives), in the source's words;
- "filled_in": what the source does not state and a workshop needs (perspective placement where the
  source gives none, theme assignments, links, owners, measure details …), each part with a "why";
- "every_theme" (in "stated" where the source draws an objective across every strand, as Kaplan and
  Norton draw the top objective and the learning base; else in "filled_in"): titles of the objectives
  that serve every theme;
- "pinned": every finding the checks raise on it, severity → check id → why it is right to raise it.
"""

from __future__ import annotations

import json
from pathlib import Path

from workshop.deliverables.exchange import export
from workshop.method.objectives import THEME_COLOURS

FIXTURES = Path(__file__).resolve().parent / "calibration"
MEASURE_DEFAULTS = {
    "definition": "",
    "unit": "",
    "data_source": "",
    "data_collection": "",
    "kind": "lag",
    "frequency": "annually",
    "direction": "higher",
    "baseline": None,
    "target": None,
    "target_date": None,
    "green": None,
    "red": None,
    "actual": None,
    "owner": "",
}


def names() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.json"))


def load(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def _both(fixture: dict, key: str) -> list:
    return list(fixture["stated"].get(key, [])) + list(fixture["filled_in"].get(key, []))


def document(fixture: dict) -> dict:
    """The fixture as a workshop export: stated and filled-in parts merged, every objective agreed."""
    stated, filled = fixture["stated"], fixture["filled_in"]
    workshop = {**stated["workshop"], **filled.get("workshop", {}), "phase": 5}
    perspectives = [{"id": n, "key": key, "name": name, "position": n} for n, (key, name) in enumerate(_both(fixture, "perspectives"), start=1)]
    by_key = {p["key"]: p["id"] for p in perspectives}
    themes = [
        {"id": n, "name": t["name"], "description": t.get("description", ""), "colour": THEME_COLOURS[(n - 1) % len(THEME_COLOURS)]}
        for n, t in enumerate(_both(fixture, "themes"), start=1)
    ]
    theme_id = {t["name"]: t["id"] for t in themes}
    served = filled.get("themes_of", {})
    owners = filled.get("owners", {})
    placement = filled.get("placement", {})  # where the source names an objective but not its perspective
    every = set(_both(fixture, "every_theme"))
    objectives, other_themes = [], []
    for n, o in enumerate(_both(fixture, "objectives"), start=1):
        names_ = served.get(o["title"], [])
        objectives.append(
            {
                "id": n,
                "perspective_id": by_key[o.get("perspective") or placement[o["title"]]],
                "theme_id": theme_id[names_[0]] if names_ else None,
                "all_themes": int(o["title"] in every),
                "title": o["title"],
                "description": o.get("description", ""),
                "owner": owners.get(o["title"], ""),
                "status": "agreed",
                "proposed_by": fixture["source"]["short"],
            }
        )
        other_themes += [{"objective_id": n, "theme_id": theme_id[t]} for t in names_[1:]]
    objective_id = {o["title"]: o["id"] for o in objectives}
    hypotheses = filled.get("hypotheses", {})
    links = [
        {"id": n, "cause_id": objective_id[cause], "effect_id": objective_id[effect], "hypothesis": hypotheses.get(f"{cause} → {effect}", "")}
        for n, (cause, effect) in enumerate(_both(fixture, "links"), start=1)
    ]
    details = filled.get("measure_details", {})
    measures = [
        {
            **MEASURE_DEFAULTS,
            "id": n,
            "objective_id": objective_id[m["objective"]],
            **{k: v for k, v in m.items() if k != "objective"},
            **details.get(m["name"], {}),
        }
        for n, m in enumerate(_both(fixture, "measures"), start=1)
    ]
    initiative_rows, served_by = [], []
    for n, i in enumerate(_both(fixture, "initiatives"), start=1):
        extra = filled.get("initiative_details", {}).get(i["name"], {})
        initiative_rows.append({"id": n, "name": i["name"], "description": i.get("description", ""), "status": "approved", **extra})
        served_by += [{"initiative_id": n, "objective_id": objective_id[t]} for t in i["objectives"]]
    cascade = [{"id": n, **c} for n, c in enumerate(filled.get("cascade", []), start=1)]
    return {
        "format": export.FORMAT,
        "version": export.VERSION,
        "workshop": workshop,
        "perspective": perspectives,
        "theme": themes,
        "objective": objectives,
        "objective_theme": other_themes,
        "causal_link": links,
        "measure": measures,
        "initiative": initiative_rows,
        "initiative_objective": served_by,
        "cascade_unit": cascade,
    }


def stated_titles(fixture: dict) -> set[str]:
    return {o["title"] for o in fixture["stated"].get("objectives", [])}
