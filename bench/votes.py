"""Benchmark: 100 participants voting at once through the services against a database file.

Each participant is a thread with its own connection (as a Streamlit session has). They all start
together, and each casts BALLOTS ratings and two dots, pausing between clicks (exponential, mean
--pause-ms). Two scenarios run: "room" (people click about once a second each: 100 clicks a second
in all) and "burst" (nobody pauses: all 1,200 ballots arrive at once). Per ballot it measures the
commit time (the write transaction, BEGIN IMMEDIATE to COMMIT, while holding the write lock) and
the whole service call (including the wait for the lock). The last line is the room scenario's
`p95_ms=<round-trip p95> lost=<n>`, `lost` counting acknowledged ballots missing from, or different in,
the database afterwards (summed over both scenarios).

    python bench/votes.py [--participants 100] [--ballots 10] [--pause-ms 1000] [--db path]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import joining, voting


class TimedLock:
    """Stands in for the store's write lock and records how long each transaction held it."""

    def __init__(self, lock):
        self.lock, self.held, self.local = lock, [], threading.local()

    def __enter__(self):
        self.lock.acquire()
        self.local.t0 = time.perf_counter()

    def __exit__(self, *exc):
        self.held.append(time.perf_counter() - self.local.t0)
        self.lock.release()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--ballots", type=int, default=10, help="ratings per participant")
    parser.add_argument("--pause-ms", type=float, default=1000, help="mean pause between a person's clicks")
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    lost = 0
    for name, pause in (("burst", 0.0), ("room", args.pause_ms)):
        commit_p95, lost_now = scenario(name, path, args.participants, args.ballots, pause)
        lost += lost_now
    print(f"p95_ms={commit_p95:.2f} lost={lost}")


def scenario(name: str, path: Path, participants: int, ballots: int, pause_ms: float) -> tuple[float, int]:
    timed = TimedLock(store._WRITE_LOCK)
    store._WRITE_LOCK = timed

    db = store.connect(path)
    wid = workshops.create_workshop(db, "Bench", f"Unit {time.time_ns()}")
    persp = workshops.perspectives(db, wid)[0]["id"]
    oids = [objectives.add_objective(db, wid, f"Objective {n}", persp) for n in range(ballots)]
    code = joining.join_code(db, wid)
    tokens = [joining.join(db, code, f"P{n}")["token"] for n in range(participants)]
    rating = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating")
    dots = voting.open_round(db, wid, [("objective", o) for o in oids], method="dots")
    rating_items = [i["id"] for i in voting.round_items(db, rating)]
    dot_items = [i["id"] for i in voting.round_items(db, dots)]
    db.close()

    times: list[float] = []
    acknowledged: dict[tuple, object] = {}
    lock = threading.Lock()
    start = threading.Barrier(participants)

    def participant(token: str, seed: int) -> None:
        rng = random.Random(seed)
        conn = store.connect(path)
        mine: list[float] = []
        acks: dict[tuple, object] = {}
        start.wait()
        plan = [("rate", item) for item in rating_items] + [("dot", rng.choice(dot_items[:3])), ("dot", rng.choice(dot_items[3:]))]
        rng.shuffle(plan)
        for kind, item in plan:
            time.sleep(rng.expovariate(1000 / pause_ms) if pause_ms else 0)
            t0 = time.perf_counter()
            if kind == "rate":
                value = rng.randint(1, 5)
                voting.rate(conn, token, rating, item, value)
                acks[(token, item)] = value
            else:
                voting.add_dot(conn, token, dots, item)
                acks[(token, item)] = acks.get((token, item), 0) + 1
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            times.extend(mine)
            acknowledged.update(acks)

    threads = [threading.Thread(target=participant, args=(t, n)) for n, t in enumerate(tokens)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0

    db = store.connect(path)
    stored = {}
    for b in store.rows(
        db,
        """SELECT p.token, b.item_id, b.rating, b.dots FROM ballot b
                               JOIN participant p ON p.id = b.participant_id
                               WHERE b.round_id IN (?, ?)""",
        [rating, dots],
    ):
        stored[(b["token"], b["item_id"])] = b["rating"] if b["rating"] is not None else b["dots"]
    lost = sum(1 for key, value in acknowledged.items() if stored.get(key) != value)
    db.close()
    store._WRITE_LOCK = timed.lock
    commits = timed.held[-len(times) :]  # the ballots' transactions, after the setup's
    print(f"[{name}] participants={participants} ballots={len(times)} mean pause={pause_ms:g} ms elapsed={elapsed:.2f} s lost={lost}")
    print(f"[{name}]   commit     p50={pct(commits, 0.5):6.2f} ms  p95={pct(commits, 0.95):6.2f} ms  max={pct(commits, 1):6.2f} ms")
    print(
        f"[{name}]   round trip p50={pct(times, 0.5):6.2f} ms  p95={pct(times, 0.95):6.2f} ms  "
        f"max={pct(times, 1):6.2f} ms (includes waiting for the write lock)"
    )
    print(
        f"[{name}]   throughput {len(times) / elapsed:.0f} ballots/s (pauses included); "
        f"capacity {len(commits) / sum(commits):.0f} ballots/s of lock time"
    )
    return pct(times, 0.95), lost


if __name__ == "__main__":
    main()
