"""The server: Streamlit's own ASGI app (`st.App`) running app.py, with what the room needs around
it. `make run` starts it (`streamlit run serve.py`); an ASGI server can too (`uvicorn serve:app`).

- Streamlit's front end sent compressed (ui/compressed_static.py): a phone's first visit is under a
  megabyte instead of nearly three.
- Snapshots of the database while the app runs (workshop/db/backup.py): a thread of their own, every
  few minutes and at each phase change, into the folder the facilitator picked.

Routes and middleware a hosted server needs belong here too.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from ui.compressed_static import CompressedStatic
from workshop.db import backup, store


@asynccontextmanager
async def snapshots(_app: st.App) -> AsyncIterator[None]:
    taker = backup.Snapshots(store.database_path())
    taker.start()
    yield
    taker.stop()


app = st.App("app.py", middleware=[Middleware(CompressedStatic)], lifespan=snapshots)
