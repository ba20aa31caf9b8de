"""Where the running app keeps its snapshots (workshop/db/backup.py), chosen on the laptop itself:
a USB stick or a synced folder, how often, how many; and when the last one was taken."""

from __future__ import annotations

import time
from datetime import datetime

import streamlit as st

from ui import display, frame
from workshop.db import backup, store


def panel() -> None:
    db_path = store.database_path()
    settings = backup.read_settings(db_path)
    where = settings.where(db_path)
    with st.expander("Snapshots: nothing lost if this laptop fails", icon=":material/backup:"):
        status(where, settings)
        with st.form("snapshots"):
            folder = st.text_input(
                "Folder for the snapshots",
                value=settings.folder,
                key="snapshot-folder",
                placeholder=str(where),
                help="A USB stick or a synced folder (Dropbox, OneDrive, a network share). Empty: the snapshots folder beside the database.",
            )
            every = st.number_input("Every (minutes)", 1, 120, settings.every_minutes, key="snapshot-every")
            keep = st.number_input("Keep the latest", 1, 1000, settings.keep, key="snapshot-keep")
            if st.form_submit_button("Save"):
                frame.attempt(lambda: backup.save_settings(db_path, folder, int(every), int(keep)), "Saved: the next snapshot goes there.")
        st.caption(
            "The app also takes one whenever a workshop moves to another phase. To bring one back, stop the app and run "
            "`python -m workshop restore --db <database> <snapshot>`."
        )


def status(where, settings: backup.SnapshotSettings) -> None:
    shown = display.escape_md(str(where))  # a path the facilitator typed
    taken = backup.snapshots(where) if where.is_dir() else []
    if not taken:
        st.info(f"No snapshot in {shown} yet: the first is taken when the app starts.", icon=":material/schedule:")
        return
    last = taken[-1].stat().st_mtime
    when = datetime.fromtimestamp(last).strftime("%H:%M")
    if time.time() - last > 60 * (2 * settings.every_minutes + 1):
        st.warning(f"The last snapshot in {shown} is from {when}: is the folder still there and writable?", icon=":material/warning:")
    else:
        st.success(f"Last snapshot at {when}; {len(taken)} kept in {shown}.", icon=":material/check_circle:")
