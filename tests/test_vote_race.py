"""200 threads, one database file: two (or four) tabs of each participant racing to cast and
withdraw dots and ratings. Totals are exact, nobody is over budget, no ballot is duplicated."""

import random
import threading
from collections import Counter

from workshop.core.errors import WorkshopError
from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import joining, voting

PEOPLE, TABS, OPS = 50, 4, 20


def _setup(path):
    db = store.connect(path)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, f"Objective {n}", persp) for n in range(6)]
    code = joining.join_code(db, wid)
    tokens = [joining.join(db, code, f"Person {n}")["token"] for n in range(PEOPLE)]
    dots = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots")
    rating = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    items = {r: [i["id"] for i in voting.round_items(db, r)] for r in (dots, rating)}
    db.close()
    return tokens, dots, rating, items


def test_racing_tabs_give_exact_totals_and_never_exceed_the_dot_budget(db_path):
    tokens, dots, rating, items = _setup(db_path)
    start = threading.Barrier(PEOPLE * TABS)
    net_dots = Counter()  # token → dots acknowledged (added − withdrawn)
    lock = threading.Lock()
    crashes: list[BaseException] = []

    def tab(token: str, seed: int) -> None:
        rng = random.Random(seed)
        db = store.connect(db_path)  # a connection per thread, as a Streamlit session has
        start.wait()
        try:
            for _ in range(OPS):
                op = rng.choice(("add", "add", "withdraw", "rate", "unrate"))
                try:
                    if op == "add":
                        voting.add_dot(db, token, dots, rng.choice(items[dots]))
                        with lock:
                            net_dots[token] += 1
                    elif op == "withdraw":
                        voting.add_dot(db, token, dots, rng.choice(items[dots]), -1)
                        with lock:
                            net_dots[token] -= 1
                    elif op == "rate":
                        voting.rate(db, token, rating, rng.choice(items[rating]), rng.choice([1, 2, 3, 4, 5, "skip"]))
                    else:
                        voting.withdraw(db, token, rating, rng.choice(items[rating]))
                except WorkshopError:
                    pass  # over budget, or nothing to take back: refused, and nothing changed
        except BaseException as error:
            crashes.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=tab, args=(token, n * TABS + t)) for n, token in enumerate(tokens) for t in range(TABS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not crashes, crashes[:3]

    db = store.connect(db_path)
    token_of = {r["id"]: r["token"] for r in store.rows(db, "SELECT id, token FROM participant")}
    spent = {
        token_of[r["participant_id"]]: r["n"]
        for r in store.rows(db, "SELECT participant_id, sum(dots) AS n FROM ballot WHERE round_id = ? GROUP BY participant_id", [dots])
    }
    assert {t: n for t, n in net_dots.items() if n} == spent  # exact, per participant
    assert max(spent.values()) <= 5
    assert store.one(db, "SELECT max(dots) AS m FROM ballot WHERE round_id = ?", [dots])["m"] <= 2
    assert (
        store.rows(
            db,
            """SELECT round_id, item_id, participant_id FROM ballot
                             GROUP BY round_id, item_id, participant_id HAVING count(*) > 1""",
        )
        == []
    )

    # replaying the history gives exactly the ballots stored: nothing lost, nothing invented
    replay: dict[tuple, tuple] = {}
    for e in store.rows(db, "SELECT * FROM ballot_event ORDER BY id"):
        key = (e["round_id"], e["item_id"], e["participant_id"])
        if e["action"] == "withdrawn":
            del replay[key]
        else:
            replay[key] = (e["dots"], e["rating"], e["skipped"])
    stored = {
        (b["round_id"], b["item_id"], b["participant_id"]): (b["dots"], b["rating"], b["skipped"]) for b in store.rows(db, "SELECT * FROM ballot")
    }
    assert replay == stored
    assert any(k[0] == rating for k in stored) and any(k[0] == dots for k in stored)
    assert store.one(db, "PRAGMA integrity_check")["integrity_check"] == "ok"


def test_facilitator_tabs_racing_to_open_and_close_the_same_round_leave_one_closed_round(db_path):
    """A second facilitator tab (or a double click) does not open a round twice or close it badly."""
    db = store.connect(db_path)
    wid = workshops.create_workshop(db, "Atlas", "Cloud")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, f"Objective {n}", persp) for n in range(4)]
    db.close()
    items = [("objective", o) for o in oids]
    tabs = 16
    start, opened, refused, crashes = threading.Barrier(tabs), [], [], []

    def facilitator_tab() -> None:
        tab_db = store.connect(db_path)
        start.wait()
        try:
            try:
                opened.append(voting.open_round(tab_db, wid, items, method="rating"))
            except WorkshopError as error:
                refused.append(str(error))
            start.wait()  # every tab saw the round open; now every tab closes it
            for rnd in voting.open_rounds(tab_db, wid):
                voting.close_round(tab_db, rnd["id"])
        except BaseException as error:
            crashes.append(error)
        finally:
            tab_db.close()

    threads = [threading.Thread(target=facilitator_tab) for _ in range(tabs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not crashes, crashes[:3]
    db = store.connect(db_path)
    rounds = voting.rounds(db, wid)
    assert len(opened) == 1 and len(rounds) == 1 and len(refused) == tabs - 1
    assert all("already open" in message for message in refused)
    assert rounds[0]["status"] == "closed" and rounds[0]["closed_at"]
    assert len(voting.round_items(db, rounds[0]["id"])) == 4
    assert store.one(db, "PRAGMA integrity_check")["integrity_check"] == "ok"
