"""The 100-point split under racing tabs on one database file, and a database written before grids
and splits existed, brought up to date with its ballots and its ledger intact."""

import random
import sqlite3
import threading

from sqlite_utils import Database

from workshop.db import store
from workshop.db.migrations.m0011_ballot_chain import _hash as old_hash
from workshop.db.schema import migrations
from workshop.method import plan, workshops
from workshop.room import joining, ledger, vote_results, voting

TABS, SENDS = 24, 15


def test_racing_tabs_of_one_participant_never_store_a_split_over_one_hundred(db_path):
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    iids = [plan.add_initiative(db, wid, f"Initiative {n}", budget=1000 * (n + 1)) for n in range(5)]
    token = joining.join(db, joining.join_code(db, wid), "Ann")["token"]
    rid = voting.open_round(db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3)
    items = [i["id"] for i in voting.round_items(db, rid)]
    db.close()
    start, crashes, accepted = threading.Barrier(TABS), [], []
    highest = []

    def tab(seed: int) -> None:
        rng = random.Random(seed)
        conn = store.connect(db_path)
        start.wait()
        try:
            for _ in range(SENDS):
                cuts = sorted(rng.sample(range(0, 101), 4))
                points = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
                if rng.random() < 0.3:  # an overspent or short split, as a tampered page might send
                    points[rng.randrange(5)] += rng.choice((-7, 13))
                try:
                    voting.submit(conn, token, rid, dict(zip(items, points)))
                    accepted.append(points)
                except Exception as error:
                    if "points" not in str(error).lower():
                        raise
                total = conn.execute("SELECT coalesce(sum(points), 0) FROM ballot WHERE round_id = ?", [rid]).fetchone()[0]
                highest.append(total)
        except BaseException as error:
            crashes.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(TABS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not crashes, crashes[:3]
    assert accepted and max(highest) == 100 and set(highest) <= {0, 100}  # never part-way, never over
    db = store.connect(db_path)
    stored = [b["points"] for b in store.rows(db, "SELECT points FROM ballot WHERE round_id = ? ORDER BY item_id", [rid])]
    assert sum(stored) == 100
    assert [p for p in accepted[-1] if p] in ([p for p in a if p] for a in accepted)
    voting.close_round(db, rid)
    assert ledger.verify(db, wid)[0].problem is None
    assert sum(r["share"] for r in vote_results.results(db, rid)) == 100


def test_a_database_from_before_grids_and_splits_keeps_its_ballots_and_verifies(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    migrations.apply(db, stop_before="m0013_grid_split")
    assert "grid_x" not in {c.name for c in db["ballot"].columns}
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    iid = plan.add_initiative(db, wid, "Migrate to the cloud")
    people = [
        db["participant"].insert({"workshop_id": wid, "name": name, "token": f"token-{name}"}).last_pk for name in ("Ann", "Bob")
    ]  # as joining wrote them then
    rid = db["voting_round"].insert({"workshop_id": wid, "workshop_number": 3, "method": "dots", "title": "Before", "salt": "s" * 32}).last_pk
    item = db["round_item"].insert({"round_id": rid, "initiative_id": iid, "label": "Migrate", "grouping": "Initiatives", "position": 1}).last_pk
    previous = ""
    for pid, dots in zip(people, (2, 1)):
        db["ballot"].insert({"round_id": rid, "item_id": item, "participant_id": pid, "dots": dots})
        row = {"dots": dots, "rating": None, "gradient": None, "rank": None, "skipped": 0}
        voter = ledger.voter_tag("s" * 32, 1, pid)
        previous = old_hash(previous, 1, voter, "cast", row)
        db["ballot_event"].insert(
            {"round_id": rid, "item_id": item, "participant_id": pid, "action": "cast", "voter": voter, "hash": previous, **row}
        )
    conn.close()

    db = store.connect(db_path)  # brings it up to date
    assert db.execute("SELECT count(*) FROM ballot").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM ballot_event").fetchone()[0] == 2
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    voting.close_round(db, rid)
    assert ledger.verify(db, wid)[0].problem is None  # the old chain verifies under the new hash
    assert [r["points"] for r in vote_results.results(db, rid)] == [3]
    split = voting.open_round(
        db, wid, [("initiative", iid), ("initiative", plan.add_initiative(db, wid, "Portal"))], method="split", workshop_number=3
    )
    assert voting.get_round(db, split)["method"] == "split"
