"""Rounds, their items, ballots and ballot history travel in the JSON export and come back."""

from workshop.deliverables.exchange import export
from workshop.method import decisions, measures, objectives, workshops
from workshop.room import joining, vote_results, voting
from workshop.starters import from_json, starting


def _voted_workshop(db) -> int:
    wid = starting.create_workshop(db, "Atlas", "Cloud", passphrase="facilitate well")
    persp = workshops.perspectives(db, wid)
    oids = [objectives.add_objective(db, wid, t, persp[i]["id"]) for i, t in enumerate(["Grow", "Delight", "Automate"])]
    mid = measures.add_measure(db, oids[0], "Revenue growth")
    code = joining.join_code(db, wid)
    ann, bob, cem = (joining.join(db, code, n) for n in ("Ann", "Bob", "Cem"))
    rating = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = [i["id"] for i in voting.round_items(db, rating)]
    voting.submit(db, ann["token"], rating, {items[0]: 5, items[1]: 2, items[2]: "skip"})
    voting.submit(db, bob["token"], rating, {items[0]: 4, items[1]: 3})
    voting.rate(db, bob["token"], rating, items[1], 5)
    voting.close_round(db, rating)
    vote_results.revote(db, rating)
    decisions.decide_objective(db, oids[2], "agreed")
    dots = voting.open_round(db, wid, [("measure", mid), ("objective", oids[2])], method="dots", workshop_number=3, anonymity="anonymous")
    d_items = [i["id"] for i in voting.round_items(db, dots)]
    voting.add_dot(db, cem["token"], dots, d_items[0])
    voting.add_dot(db, cem["token"], dots, d_items[1])
    voting.add_dot(db, cem["token"], dots, d_items[1], -1)
    voting.close_round(db, dots)
    joining.remove_participant(db, bob["id"])
    return wid


def test_export_import_export_gives_the_same_document_with_rounds_and_ballots(fresh_db):
    wid = _voted_workshop(fresh_db)
    first = export.export_workshop(fresh_db, wid)
    assert len(first["voting_round"]) == 3 and len(first["ballot"]) == 6 and first["ballot_event"]
    assert "token" not in first["participant"][0] and "rejoin_key" not in first["participant"][0]
    copy = from_json.import_workshop(fresh_db, from_json.parse(export.dumps(first)))
    again = export.export_workshop(fresh_db, copy)
    assert again["workshop"].pop("uid") != first["workshop"]["uid"], "a copy in the same file has an identity of its own"
    assert again == {**first, "workshop": {k: v for k, v in first["workshop"].items() if k != "uid"}}


def test_an_imported_workshop_keeps_its_results_and_verdicts(fresh_db):
    wid = _voted_workshop(fresh_db)
    copy = from_json.import_workshop(fresh_db, export.export_workshop(fresh_db, wid))
    before = [
        [{k: v for k, v in r.items() if k not in ("id", "item_id", "objective_id", "measure_id")} for r in rec["results"]]
        for rec in vote_results.workshop_record(fresh_db, wid)
    ]
    after = [
        [{k: v for k, v in r.items() if k not in ("id", "item_id", "objective_id", "measure_id")} for r in rec["results"]]
        for rec in vote_results.workshop_record(fresh_db, copy)
    ]
    assert before == after and len(after) == 2
    assert voting.open_rounds(fresh_db, copy)[0]["parent_id"] is not None
