"""Setting up the map: perspective order and names, themes and colours, links and their hypotheses."""

from __future__ import annotations

import pytest
from helpers import demo_into

from workshop.core.errors import Invalid, WorkshopError
from workshop.db import scorecard
from workshop.method import map_setup, objectives, workshops


def _keys(db, wid):
    return [p["key"] for p in workshops.perspectives(db, wid)]


def test_the_sector_sets_the_order_at_creation(fresh_db):
    company = workshops.create_workshop(fresh_db, "A", "B", sector="for-profit")
    charity = workshops.create_workshop(fresh_db, "C", "D", sector="non-profit")
    assert _keys(fresh_db, company)[0] == "financial"
    assert _keys(fresh_db, charity)[0] == "customer"


def test_moving_a_perspective_keeps_its_objectives(fresh_db):
    wid = demo_into(fresh_db)
    before = {o.id: o.perspective_id for o in scorecard.load(fresh_db, wid).objectives}
    customer = next(p for p in workshops.perspectives(fresh_db, wid) if p["key"] == "customer")
    map_setup.move_perspective(fresh_db, customer["id"], -1)
    assert _keys(fresh_db, wid) == ["customer", "financial", "internal", "learning"]
    after = {o.id: o.perspective_id for o in scorecard.load(fresh_db, wid).objectives}
    assert after == before
    assert fresh_db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_perspective_cannot_move_past_the_top_or_bottom(fresh_db):
    wid = workshops.create_workshop(fresh_db, "A", "B")
    top, *_, bottom = workshops.perspectives(fresh_db, wid)
    with pytest.raises(Invalid, match="already at the top"):
        map_setup.move_perspective(fresh_db, top["id"], -1)
    with pytest.raises(Invalid, match="already at the bottom"):
        map_setup.move_perspective(fresh_db, bottom["id"], +1)


def test_an_order_must_place_each_perspective_once(fresh_db):
    wid = workshops.create_workshop(fresh_db, "A", "B")
    ids = [p["id"] for p in workshops.perspectives(fresh_db, wid)]
    with pytest.raises(Invalid):
        map_setup.set_perspective_order(fresh_db, wid, ids[:3] + ids[:1])
    map_setup.set_perspective_order(fresh_db, wid, ids[::-1])
    assert _keys(fresh_db, wid) == ["learning", "internal", "customer", "financial"]


def test_perspectives_can_be_renamed(fresh_db):
    wid = workshops.create_workshop(fresh_db, "A", "B", sector="public")
    top = workshops.perspectives(fresh_db, wid)[0]
    workshops.rename_perspective(fresh_db, top["id"], "Citizens & stakeholders")
    assert workshops.perspectives(fresh_db, wid)[0]["name"] == "Citizens & stakeholders"


def test_themes_get_distinct_colours_and_can_be_recoloured(fresh_db):
    wid = workshops.create_workshop(fresh_db, "A", "B")
    first = objectives.add_theme(fresh_db, wid, "Growth")
    second = objectives.add_theme(fresh_db, wid, "Excellence")
    colours = [t["colour"] for t in objectives.themes(fresh_db, wid)]
    assert colours[0] != colours[1]
    map_setup.update_theme(fresh_db, first, colour="#AA0000", name="Profitable growth")
    theme = objectives.themes(fresh_db, wid)[0]
    assert (theme["name"], theme["colour"]) == ("Profitable growth", "#aa0000")
    with pytest.raises(Invalid, match="#rrggbb"):
        map_setup.update_theme(fresh_db, second, colour="red")
    with pytest.raises(WorkshopError):
        map_setup.update_theme(fresh_db, second, name="profitable GROWTH")


def test_a_link_that_closes_a_loop_is_refused_naming_the_loop(fresh_db):
    wid = workshops.create_workshop(fresh_db, "A", "B")
    p = workshops.perspectives(fresh_db, wid)
    a = objectives.add_objective(fresh_db, wid, "Train staff", p[3]["id"])
    b = objectives.add_objective(fresh_db, wid, "Improve service", p[2]["id"])
    c = objectives.add_objective(fresh_db, wid, "Grow revenue", p[0]["id"])
    objectives.add_link(fresh_db, a, b, "Trained staff serve better.")
    objectives.add_link(fresh_db, b, c, "Good service sells.")
    with pytest.raises(Invalid, match="Train staff → Improve service → Grow revenue → Train staff"):
        objectives.add_link(fresh_db, c, a)
    assert len(objectives.links(fresh_db, wid)) == 2


def test_a_hypothesis_can_be_reworded(fresh_db):
    wid = demo_into(fresh_db)
    link = objectives.links(fresh_db, wid)[0]
    map_setup.update_hypothesis(fresh_db, link["id"], "  Certified engineers\nerr less. ")
    assert objectives.links(fresh_db, wid)[0]["hypothesis"] == "Certified engineers err less."
