"""Votes on the map's causal links: how confident the room is that each cause drives its effect,
drawn on the map, and the least-trusted links reported as the hypotheses to test first."""

from __future__ import annotations

from workshop.db import scorecard, store
from workshop.deliverables import record
from workshop.deliverables.map import confidence as map_confidence
from workshop.deliverables.map import graph, svg
from workshop.deliverables.report import document
from workshop.method import decisions
from workshop.room import joining, presenting, vote_results, voting

PEOPLE = ("Ana", "Ben", "Cem", "Dan", "Eva", "Fay")  # enough for an anonymous round to show its results


def _link_round(db, wid, ratings_by_position):
    """A confidence round on the demo's first links; ratings_by_position[k] = everyone's rating of link k."""
    links = [i for i in voting.eligible_items(db, wid, 3) if i["kind"] == "link"][: len(ratings_by_position)]
    rid = voting.open_round(
        db,
        wid,
        [("link", i["id"]) for i in links],
        method="rating",
        scale="confidence",
        workshop_number=3,
        title=voting.LINK_QUESTION,
        anonymity="anonymous",
    )
    items = [i["id"] for i in voting.round_items(db, rid)]
    code = joining.join_code(db, wid)
    for n, name in enumerate(PEOPLE):
        token = joining.join(db, code, f"{name} (round {rid})")["token"]
        voting.submit(db, token, rid, {item: ratings[n] for item, ratings in zip(items, ratings_by_position)})
    voting.close_round(db, rid)
    return rid, [i["id"] for i in links]


def test_the_links_of_the_map_can_be_voted_on_with_confidence_words(demo_db):
    db, wid = demo_db
    offered = [i for i in voting.eligible_items(db, wid, 3) if i["kind"] == "link"]
    assert offered and all(" → " in i["label"] and i["grouping"] == "Causal links" for i in offered)
    rid, _ = _link_round(db, wid, [(5, 5, 4, 4, 4, 4), (1, 1, 2, 2, 3, 3)])
    kinds = {i["kind"] for i in voting.round_items(db, rid)}
    assert kinds == {"link"} and voting.get_round(db, rid)["scale"] == "confidence"


def test_confidence_per_link_comes_from_the_latest_round(demo_db):
    db, wid = demo_db
    _, links = _link_round(db, wid, [(5, 5, 4, 4, 4, 4), (1, 1, 2, 2, 3, 3)])
    found = vote_results.link_confidence(db, wid)
    assert found[links[0]]["support"] == 100.0 and found[links[1]]["support"] == 0.0
    _link_round(db, wid, [(4, 4, 4, 4, 2, 2)])
    assert vote_results.link_confidence(db, wid)[links[0]]["support"] == 66.7


def test_the_map_draws_each_link_by_its_level_with_a_legend(demo_db):
    db, wid = demo_db
    _, links = _link_round(db, wid, [(5, 5, 4, 4, 4, 4), (1, 1, 2, 2, 3, 3)])
    card = scorecard.load(db, wid)
    confidence = vote_results.link_confidence(db, wid)
    drawn = svg.render_svg(card, confidence=confidence)
    trusted = map_confidence.LEVELS[0][2]
    doubted = map_confidence.LEVELS[2][2]
    assert f'data-link="{links[0]}"' in drawn and trusted in drawn and doubted in drawn
    assert "The room's confidence in each link" in drawn and "Not voted on" in drawn
    spec = graph.graph_spec(card, confidence=confidence)
    edge = next(e for e in spec["edges"] if e["id"].split(".")[0] == f"l{links[1]}")
    assert edge["color"] == doubted and edge["dashes"] and "0% confident of 6" in edge["title"]


def test_the_report_lists_the_least_trusted_links_with_the_measures_that_test_them(demo_db):
    db, wid = demo_db
    _link_round(db, wid, [(5, 5, 4, 4, 4, 4), (1, 1, 2, 2, 3, 3), (4, 4, 3, 3, 2, 2)])
    html = document.build_html(record.read(db, wid))
    section = html[html.index("Hypotheses to test first") :]
    card = scorecard.load(db, wid)
    first = map_confidence.hypotheses(card, vote_results.link_confidence(db, wid))[0]
    assert first["support"] == 0.0 and first["level"] == "doubted" and first["tests"]
    assert first["tests"][0] in section[:3000]
    assert section.index("0%") < section.index("100%")


def test_dropping_a_link_in_the_rounds_decisions_removes_it_from_the_map(demo_db):
    db, wid = demo_db
    rid, links = _link_round(db, wid, [(1, 1, 2, 1, 2, 1)])
    item = next(i for i in voting.round_items(db, rid))
    decisions.decide_round_item(db, item, "dropped", "The room does not believe it.")
    assert links[0] not in {link.id for link in scorecard.load(db, wid).links}
    assert store.one(db, "SELECT subject FROM decision ORDER BY id DESC LIMIT 1")["subject"].startswith("Causal link: ")


def test_old_round_items_survive_the_migration_and_keep_their_ballots(demo_db):
    db, wid = demo_db
    assert store.count(db, "SELECT count(*) FROM ballot") > 0
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_presenter_draws_the_confidence_of_the_round_on_screen_not_of_a_later_one(demo_db):
    db, wid = demo_db
    first, links = _link_round(db, wid, [(1, 1, 2, 2, 1, 2)])
    later, _ = _link_round(db, wid, [(5, 5, 4, 4, 5, 4)])
    assert presenting.round_view(db, first)["links"][links[0]]["support"] == 0.0
    assert presenting.round_view(db, later)["links"][links[0]]["support"] == 100.0
    assert vote_results.link_confidence(db, wid)[links[0]]["support"] == 100.0, "the map page shows the latest"
    assert presenting.round_view(db, first)["verdicts"] == "Drop: 1"
