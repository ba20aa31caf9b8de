"""The sponsor's deliverables: the PDF strategy document, the deck, the initial scorecard workbook,
the client's branding on them, and the workshop file."""

import streamlit as st

from ui import display, frame, session
from workshop.db import store
from workshop.deliverables import files, record
from workshop.deliverables.exchange import export
from workshop.deliverables.report import document
from workshop.method import branding
from workshop.room import presenting

db = frame.db()
card = session.load_card()
w = card.workshop
st.caption(display.escape_md(f"{w['organisation']} · {w['unit']}"))
st.title("Strategy document")
st.markdown(
    "The PDF the sponsor receives: the story in a few paragraphs, vision and strategy, the "
    "strategy map, the scorecard by perspective, the implementation plan, risks and open points, "
    "the first 90 days, the record of how the team reached consensus, and a sign-off page."
)

brand = branding.get(db, w["id"])
with st.expander("Client branding: logo and accent colour", icon=":material/palette:"):
    st.caption(
        "The logo goes on the cover of the PDF and the title slide of the deck; the accent colour "
        "on headings, tables and the deck. Stored with the workshop."
    )
    upload = st.file_uploader("Logo (PNG or JPEG, at most 2 MB)", type=["png", "jpg", "jpeg"], key="brand-logo")
    if upload is not None and st.button("Use this logo", key="brand-save-logo"):
        logo = upload.getvalue()
        frame.attempt(lambda: branding.set_logo(db, w["id"], logo), "The logo is saved.")
    if brand.logo:
        st.image(brand.logo, width=160)
        if st.button("Remove the logo", key="brand-clear-logo"):
            frame.attempt(lambda: branding.clear_logo(db, w["id"]), "The logo is removed.")
    colour = st.color_picker("Accent colour", brand.accent, key="brand-accent")
    if colour != brand.accent and st.button("Use this colour", key="brand-save-accent"):
        frame.attempt(lambda: branding.set_accent(db, w["id"], colour), "The accent colour is saved.")

paper = st.radio("Paper", document.PAPER_SIZES, horizontal=True, key="paper")
findings = st.toggle("Add the method checks' findings as an appendix (for the facilitator's copy)", value=False, key="with-findings")
# any change to the scorecard, a round opening or closing, or the branding makes a new PDF necessary
version = (w["id"], paper, findings, hash(repr(card)), presenting.fingerprint(db, w["id"]), brand.accent, hash(brand.logo))
if st.button("Generate the PDF", type="primary", key="generate-pdf", icon=":material/picture_as_pdf:"):
    with st.status("Laying out the strategy document…", expanded=False) as progress:
        progress.update(label="Collecting the scorecard, the map, the votes and the checks…")
        workshop_record = record.read(db, w["id"])
        html = document.build_html(workshop_record, paper=paper, findings=findings)
        progress.update(label="Typesetting the pages (a few seconds)…")
        st.session_state.pdf = (version, paper, document.render_pdf(html, brand=workshop_record.branding))
        progress.update(label="The strategy document is ready.", state="complete")
pdf = st.session_state.get("pdf")
if pdf and pdf[0] != version:
    st.caption("The workshop changed since the last PDF: generate it again.")
elif pdf:
    st.download_button(
        f"Download the PDF ({pdf[1]}, {len(pdf[2]) // 1024} KB)",
        pdf[2],
        file_name=files.filename(card, "pdf"),
        mime=files.FORMATS["pdf"],
        key="download-pdf",
        icon=":material/download:",
    )


def built_on_click(kind: str):
    """The file is made when its button is clicked, not on every run of the page (a deck of a
    hundred objectives takes seconds; the workshop file reads every table). The server makes it on
    a thread of its own, so it opens its own connection."""
    workshop_id = w["id"]

    def build() -> bytes:
        own = store.connect(store.database_path())
        try:
            return export.workshop_file(own, workshop_id) if kind == "json" else files.build(record.read(own, workshop_id), kind)
        finally:
            own.close()

    return build


st.divider()
st.subheader("The deck")
st.caption(
    "The strategy in slides for the board, every element editable in PowerPoint or LibreOffice: "
    "the map is drawn with shapes and arrows that follow the boxes when you move them."
)
st.download_button(
    "Download the deck (PPTX)",
    built_on_click("pptx"),
    file_name=files.filename(card, "pptx"),
    mime=files.FORMATS["pptx"],
    key="download-pptx",
    icon=":material/slideshow:",
)

st.divider()
st.subheader("The initial scorecard")
st.caption(
    "For the teams who start reporting: the scorecard, the measures dictionary and the initiatives, each on its own sheet, with thresholds coloured."
)
left, right = st.columns(2)
left.download_button(
    "Download the workbook (XLSX)",
    built_on_click("xlsx"),
    file_name=files.filename(card, "xlsx"),
    mime=files.FORMATS["xlsx"],
    key="download-xlsx",
    icon=":material/table_view:",
)
right.download_button(
    "Download the scorecard (CSV)",
    built_on_click("csv"),
    file_name=files.filename(card, "csv"),
    mime=files.FORMATS["csv"],
    key="download-csv",
    icon=":material/csv:",
)

st.divider()
st.subheader("Workshop file")
st.caption("The whole workshop as one JSON document: keep it as a backup or open it on another laptop.")
st.download_button(
    "Download the workshop file (JSON)",
    built_on_click("json"),
    file_name=files.filename(card, "pdf").replace(".pdf", ".json").replace("strategy-", "workshop-"),
    mime="application/json",
    key="download-json",
    icon=":material/data_object:",
)
