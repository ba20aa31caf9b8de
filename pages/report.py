"""The sponsor's deliverables: the PDF strategy document and the workshop file."""
import streamlit as st

from pages import _ui
from workshop import exchange, report

db = _ui.db()
card = _ui.load_card()
w = card.workshop
st.caption(_ui.escape_md(f"{w['organisation']} · {w['unit']}"))
st.title("Strategy document")
st.markdown("The PDF the sponsor receives: vision and strategy, the scorecard by perspective, the "
            "implementation plan and the record of how the team reached consensus.")

document = exchange.dumps(exchange.export_workshop(db, w["id"]))
paper = st.radio("Paper", report.PAPER_SIZES, horizontal=True, key="paper")
version = (w["id"], paper, hash(document))  # any change to the workshop makes a new PDF necessary
if st.button("Generate the PDF", type="primary", key="generate-pdf", icon=":material/picture_as_pdf:"):
    with st.spinner("Laying out the strategy document…"):
        st.session_state.pdf = (version, paper, report.build_pdf(db, w["id"], paper=paper))
pdf = st.session_state.get("pdf")
if pdf and pdf[0] != version:
    st.caption("The workshop changed since the last PDF: generate it again.")
elif pdf:
    st.download_button(f"Download the PDF ({pdf[1]}, {len(pdf[2]) // 1024} KB)", pdf[2],
                       file_name=report.pdf_filename(card), mime="application/pdf", key="download-pdf")

st.divider()
st.subheader("Workshop file")
st.caption("The whole workshop as one JSON document: keep it as a backup or open it on another laptop.")
st.download_button("Download the workshop file (JSON)", document,
                   file_name=report.pdf_filename(card).replace(".pdf", ".json").replace("strategy-", "workshop-"),
                   mime="application/json", key="download-json")
