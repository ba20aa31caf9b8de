"""The sponsor's deliverables: the PDF strategy document, the initial scorecard workbook, and the
workshop file."""
import streamlit as st

from pages import _ui
from workshop.deliverables import exchange, report

db = _ui.db()
card = _ui.load_card()
w = card.workshop
st.caption(_ui.escape_md(f"{w['organisation']} · {w['unit']}"))
st.title("Strategy document")
st.markdown("The PDF the sponsor receives: vision and strategy, the strategy map, the scorecard by "
            "perspective, the implementation plan and the record of how the team reached consensus.")

document = exchange.dumps(exchange.export_workshop(db, w["id"]))
paper = st.radio("Paper", report.PAPER_SIZES, horizontal=True, key="paper")
version = (w["id"], paper, hash(document))  # any change to the workshop makes a new PDF necessary
if st.button("Generate the PDF", type="primary", key="generate-pdf", icon=":material/picture_as_pdf:"):
    with st.status("Laying out the strategy document…", expanded=False) as progress:
        progress.update(label="Collecting the scorecard, the map, the votes and the checks…")
        html = report.build_html(db, w["id"], paper=paper)
        progress.update(label="Typesetting the pages (a few seconds)…")
        st.session_state.pdf = (version, paper, report.render_pdf(html))
        progress.update(label="The strategy document is ready.", state="complete")
pdf = st.session_state.get("pdf")
if pdf and pdf[0] != version:
    st.caption("The workshop changed since the last PDF: generate it again.")
elif pdf:
    st.download_button(f"Download the PDF ({pdf[1]}, {len(pdf[2]) // 1024} KB)", pdf[2],
                       file_name=report.filename(card, "pdf"), mime=report.FORMATS["pdf"],
                       key="download-pdf", icon=":material/download:")

st.divider()
st.subheader("The initial scorecard")
st.caption("For the teams who start reporting: the scorecard, the measures dictionary and the "
           "initiatives, each on its own sheet, with thresholds coloured.")
left, right = st.columns(2)
left.download_button("Download the workbook (XLSX)", report.build(db, w["id"], "xlsx"),
                     file_name=report.filename(card, "xlsx"), mime=report.FORMATS["xlsx"],
                     key="download-xlsx", icon=":material/table_view:")
right.download_button("Download the scorecard (CSV)", report.build(db, w["id"], "csv"),
                      file_name=report.filename(card, "csv"), mime=report.FORMATS["csv"],
                      key="download-csv", icon=":material/csv:")

st.divider()
st.subheader("Workshop file")
st.caption("The whole workshop as one JSON document: keep it as a backup or open it on another laptop.")
st.download_button("Download the workshop file (JSON)", document,
                   file_name=report.filename(card, "pdf").replace(".pdf", ".json").replace("strategy-", "workshop-"),
                   mime="application/json", key="download-json", icon=":material/data_object:")
