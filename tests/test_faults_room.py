"""Faults in a live round, through the app's own websocket protocol (bench/stdriver.py tabs):
the server killed while participants vote, a participant's connection dropping, and a second
facilitator tab opening and closing the same round."""

from __future__ import annotations

import asyncio
import random
import signal
import sqlite3

from helpers import RunningApp, first_visit, integrity_check, run_async

from bench.room import BALLOT
from bench.stdriver import Tab
from workshop.db import store
from workshop.method import objectives, workshops
from workshop.room import joining, voting

ITEMS = ["Grow revenue", "Delight customers", "Faster delivery"]
TABS = 8


def _room(db_file, people: int, *, open_round: bool = True) -> tuple[int, list[dict], int | None]:
    db = store.connect(db_file)
    wid = workshops.create_workshop(db, "Fault Org", "Fault Unit")
    persp = [p["id"] for p in workshops.perspectives(db, wid)]
    oids = [objectives.add_objective(db, wid, title, persp[k]) for k, title in enumerate(ITEMS)]
    code = joining.join_code(db, wid)
    people_ = [joining.join(db, code, f"Person {n}") for n in range(people)]
    rid = voting.open_round(db, wid, [("objective", o) for o in oids], method="rating") if open_round else None
    db.close()
    return wid, people_, rid


def _events(db_file, rid: int) -> dict[int, list[int]]:
    """participant id → the first item's ratings, in the order they were stored."""
    conn = sqlite3.connect(db_file)
    try:
        first = conn.execute("SELECT min(id) FROM round_item WHERE round_id = ?", [rid]).fetchone()[0]
        rows = conn.execute("SELECT participant_id, rating FROM ballot_event WHERE item_id = ? ORDER BY id", [first]).fetchall()
    finally:
        conn.close()
    seen: dict[int, list[int]] = {}
    for pid, rating in rows:
        seen.setdefault(pid, []).append(rating)
    return seen


def _ballot(first_rating: int) -> list[tuple]:
    """Rate every item and submit (one value from the ballot component); the first item's rating
    changes with every ballot, so each acknowledged ballot leaves exactly one event on it."""

    def value(data: dict, **_) -> dict:
        round_ = data["rounds"][0]
        ids = [str(item["id"]) for item in round_["items"]]
        choices = {ids[0]: str(first_rating), **{i: str(random.randint(1, 5)) for i in ids[1:]}}
        return {"round": round_["id"], "choices": choices}

    return [("trigger", BALLOT, "submit", value)]


async def _voter(url: str, person: dict, acked: list[int], stop: asyncio.Event) -> None:
    tab = Tab(url, f"t={person['token']}")
    try:
        await tab.open()
        n = 0
        while not stop.is_set():
            rating = n % 5 + 1
            n += 1
            await tab.do(_ballot(rating))
            tab.check("Your votes are in")
            acked.append(rating)
            await asyncio.sleep(random.uniform(0, 0.05))
    except Exception:
        return


async def _vote_then_kill(app: RunningApp, people: list[dict], after_s: float) -> dict[int, list[int]]:
    await first_visit(app.url)
    acked: dict[int, list[int]] = {p["id"]: [] for p in people}
    stop = asyncio.Event()
    voters = [asyncio.create_task(_voter(app.url, p, acked[p["id"]], stop)) for p in people]
    await asyncio.sleep(after_s)
    app.process.send_signal(signal.SIGKILL)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*voters), 90)
    return acked


def test_every_acknowledged_ballot_survives_the_server_being_killed_mid_round(tmp_path):
    db_file = tmp_path / "room.db"
    wid, people, rid = _room(db_file, TABS)
    app = RunningApp(db_file)
    try:
        acked = run_async(_vote_then_kill(app, people, after_s=4))
        assert app.process.wait(10) == -signal.SIGKILL
    finally:
        app.stop()
    assert sum(len(a) for a in acked.values()) >= TABS, "the room should have voted before the kill"
    assert integrity_check(db_file) == "ok"
    stored = _events(db_file, rid)
    for pid, ratings in acked.items():
        # every acknowledged ballot is stored, in order; at most the one in flight is extra
        assert stored.get(pid, [])[: len(ratings)] == ratings
        assert len(stored.get(pid, [])) <= len(ratings) + 1

    again = RunningApp(db_file)  # restart: each participant's own link shows their ballot
    try:

        async def reload(person: dict) -> Tab:
            tab = Tab(again.url, f"t={person['token']}")
            await tab.open()
            await tab.close()
            return tab

        async def reload_all() -> list[Tab]:
            await first_visit(again.url)
            return [await reload(p) for p in people if acked[p["id"]]]

        for tab in run_async(reload_all()):
            tab.check()
            assert tab.shown.has(f"Your ballot is in for {len(ITEMS)} of {len(ITEMS)} items")
    finally:
        again.stop()
    assert integrity_check(db_file) == "ok"


def test_a_participant_whose_connection_drops_comes_back_as_themselves_with_their_ballot(tmp_path):
    db_file = tmp_path / "room.db"
    wid, (ann,), rid = _room(db_file, 1)
    app = RunningApp(db_file)
    try:

        async def scenario() -> tuple[Tab, Tab]:
            await first_visit(app.url)
            first = Tab(app.url, f"t={ann['token']}")
            await first.open()
            await first.do(_ballot(4))
            first.check("Your votes are in")
            await first.ws.close()  # the Wi-Fi drops: the websocket is gone mid-workshop
            second = Tab(app.url, f"t={ann['token']}")  # the browser reconnects with the same link
            await second.open()
            await second.do(_ballot(2))  # and the participant changes their mind
            second.check("Your votes are in")
            await second.close()
            return first, second

        _, second = run_async(scenario())
    finally:
        app.stop()
    assert second.shown.has("Your votes are in for 3 of 3 items")
    db = store.connect(db_file)
    assert [p["name"] for p in joining.participants(db, wid)] == ["Person 0"]  # no second identity
    mine = voting.my_ballots(db, ann["token"], rid)
    assert len(mine) == len(ITEMS) and mine[min(mine)]["rating"] == 2
    assert _events(db_file, rid)[ann["id"]] == [4, 2]


def test_two_facilitator_tabs_opening_and_closing_the_same_round_leave_one_round(tmp_path):
    db_file = tmp_path / "room.db"
    wid, (ann,), _ = _room(db_file, 1, open_round=False)
    app = RunningApp(db_file)
    try:

        async def scenario() -> list[Tab]:
            await first_visit(app.url)
            tabs = [Tab(app.url, f"w={wid}", "rounds") for _ in range(2)]
            for tab in tabs:
                await tab.open()
            for tab in tabs:  # nothing is preselected: each tab ticks the three drafts
                for label in ITEMS:
                    await tab.set(label, True)
            await asyncio.gather(*(tab.click("Open the round on 3 items") for tab in tabs))
            shown = [tab.shown for tab in tabs]
            for tab in tabs:  # both now show the open round and its close button
                await tab.rerun()
            await asyncio.gather(*(tab.click("Close the round") for tab in tabs))
            for tab in tabs:
                await tab.close()
            return tabs, shown

        tabs, after_open = run_async(scenario())
    finally:
        app.stop()
    messages = [" ".join(s.texts) for s in after_open]
    assert sum("Round opened" in m for m in messages) == 1
    assert sum("already open" in m for m in messages) == 1
    for tab in tabs:
        assert not tab.shown.exceptions and not tab.shown.errors
    db = store.connect(db_file)
    rounds = voting.rounds(db, wid)
    assert len(rounds) == 1 and rounds[0]["status"] == "closed"
    assert len(voting.round_items(db, rounds[0]["id"])) == len(ITEMS)
    assert integrity_check(db_file) == "ok"
