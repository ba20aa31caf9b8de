"""The floor: the least a Streamlit page can do to record one rating, and to show the results.

bench/room.py runs it under the same settings (.streamlit/config.toml, one process) and the same
load as the product; the product's round trips divided by these are the product's own overhead.

    ?p=<participant>            a one-form ballot: pick the objective, rate it, submit (one round trip)
    ?p=<participant>&wait=1     waiting for a round: a small fragment polls every POLL_S seconds
    ?view=results               the facilitator's live results: a fragment re-reads counts every 2 s
"""

import os
import sqlite3

import streamlit as st

DB = os.environ.get("FLOOR_DB", "/tmp/floor.db")
POLL_S = float(os.environ.get("FLOOR_POLL_S", "5"))
ITEMS = [str(n) for n in range(1, 11)]


@st.cache_resource
def _schema() -> None:
    with sqlite3.connect(DB) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS ballot(who TEXT, item INT, score INT, UNIQUE(who, item))")


def connect() -> sqlite3.Connection:
    _schema()
    conn = sqlite3.connect(DB, timeout=15, isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


params = st.query_params
if params.get("view") == "results":
    st.title("Live results")

    @st.fragment(run_every=2)
    def results() -> None:
        conn = connect()
        rows = conn.execute("SELECT item, count(*), avg(score) FROM ballot GROUP BY item").fetchall()
        conn.close()
        st.write(f"{sum(r[1] for r in rows)} ballots")
        for item, count, mean in rows:
            st.text(f"objective {item}: {count} ballots, mean {mean:.2f}")

    results()
elif params.get("wait"):
    st.title("Waiting for the facilitator")

    @st.fragment(run_every=POLL_S)
    def waiting() -> None:
        conn = connect()
        (count,) = conn.execute("SELECT count(*) FROM ballot").fetchone()
        conn.close()
        st.caption(f"{count} ballots so far")

    waiting()
else:
    who = params.get("p", "anon")
    st.title("Rate the draft objective")
    with st.form("ballot"):
        item = st.selectbox("Objective", ITEMS)
        score = st.radio("Rate", ["1", "2", "3", "4", "5"], horizontal=True)
        if st.form_submit_button("Submit"):
            conn = connect()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO ballot VALUES (?, ?, ?) ON CONFLICT(who, item) DO UPDATE SET score = excluded.score", (who, int(item), int(score))
            )
            conn.execute("COMMIT")
            conn.close()
            st.success("Thanks, your rating is in.")
