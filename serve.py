"""The server: Streamlit's own ASGI app (`st.App`) running app.py, with what the room needs in front
of it. `make run` starts it (`streamlit run serve.py`); an ASGI server can too (`uvicorn serve:app`).

Today that is Streamlit's front end sent compressed (ui/compressed_static.py): a phone's first visit
is under a megabyte instead of nearly three. Routes and middleware a hosted server needs belong here.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.compressed_static import CompressedStatic

app = st.App("app.py", middleware=[Middleware(CompressedStatic)])
