"""Many rows at once, on any page: an editable table of a kind's items, and a paste or upload box
with its templates and a preview. The checking and saving are `workshop.method.bulk`'s."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from ui.display import escape_md
from ui.frame import attempt
from workshop.core.errors import WorkshopError
from workshop.core.words import agree, plural
from workshop.method import bulk, bulk_kinds


def _shown(batch: bulk.Batch) -> pd.DataFrame:
    """The rows as read, with a column saying what is wrong with each (or what will happen)."""
    headers = {c.field: c.header for c in batch.kind.columns}
    rows = []
    for row in batch.rows:
        shown: dict[str, object] = {"Row": row.line}
        shown.update({headers[f]: "" if v is None else str(v) for f, v in row.raw.items() if f in headers})
        shown["Check"] = (
            "; ".join(f"{column}: {message}" for column, message in row.messages().items())
            if row.problems
            else "ok" + (f" ({', '.join(row.notes)})" if row.notes else "")
        )
        rows.append(shown)
    return pd.DataFrame(rows)


def show_problems(batches: list[bulk.Batch]) -> bool:
    """Every problem at once, by row and column; True when there is none."""
    problems = [p for b in batches for p in b.problems()]
    for batch in batches:
        for note in batch.notes:
            st.caption(escape_md(f"{batch.source}: {note}"))
    if problems:
        st.error(
            f"Nothing is saved until {agree(len(problems), 'this problem is', f'these {len(problems)} problems are')} fixed:\n\n"
            + "\n".join(f"- {escape_md(p)}" for p in problems[:50])
            + (f"\n- … and {len(problems) - 50} more" if len(problems) > 50 else ""),
            icon=":material/error:",
        )
    return not problems


def loader(db, workshop_id: int, kind_key: str, *, key: str) -> None:
    """Paste rows from a spreadsheet or upload an XLSX/CSV file; preview; save all or nothing."""
    kind = bulk_kinds.KINDS[kind_key]
    a, b, c = st.columns(3, vertical_alignment="bottom")
    a.download_button(
        "Template (XLSX)",
        bulk_kinds.template(kind),
        key=f"{key}-tpl-xlsx",
        file_name=f"{kind.key}-template.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    b.download_button(
        "Template (CSV)",
        bulk_kinds.template(kind, "csv"),
        key=f"{key}-tpl-csv",
        file_name=f"{kind.key}-template.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    c.download_button(
        "Whole-scorecard template",
        bulk_kinds.template(),
        key=f"{key}-tpl-all",
        file_name="scorecard-template.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    st.caption(
        "Columns: " + escape_md(", ".join(kind.headers)) + ". With a header row the columns may "
        "come in any order; without one, in this order. Nothing is saved until every row is right."
    )
    version = st.session_state.get(f"{key}-version", 0)
    pasted = st.text_area(
        "Paste rows from Excel or Google Sheets", key=f"{key}-paste-{version}", height=140, placeholder="\t".join(kind.headers[:4]) + "\n…"
    )
    upload = st.file_uploader(
        "Or upload an XLSX or CSV file",
        type=["xlsx", "csv", "txt"],
        key=f"{key}-file-{version}",
        help="A workbook may hold several sheets: Objectives, Links, Measures, Initiatives.",
    )
    if not pasted.strip() and upload is None:
        return
    try:
        batches = (
            bulk.check_file(db, workshop_id, upload.getvalue(), upload.name, kind_key)
            if upload
            else bulk.check_pasted(db, workshop_id, pasted, kind_key)
        )
    except WorkshopError as error:
        st.error(escape_md(str(error)), icon=":material/warning:")
        return
    st.markdown("**Preview**")
    for batch in batches:
        st.caption(escape_md(f"{batch.source}: {len(batch.rows)} {batch.kind.key}"))
        st.dataframe(_shown(batch), hide_index=True, width="stretch", key=f"{key}-preview-{batch.kind.key}")
    ok = show_problems(batches)
    total = sum(len(b.rows) for b in batches)
    if st.button(f"Save {agree(total, 'this row', f'these {total} rows')}", type="primary", disabled=not ok or not total, key=f"{key}-save"):

        def save():
            counts = bulk.save(db, workshop_id, batches)
            st.session_state[f"{key}-version"] = version + 1  # an empty box for the next paste
            return counts

        attempt(save, f"Saved {plural(total, 'row')}.")


def table_key(key: str, records: list[dict]) -> str:
    """A key that changes when the stored rows change, so the table's edits start afresh."""
    return f"{key}-{hashlib.sha1(repr(records).encode()).hexdigest()[:10]}"


def save_table(db, workshop_id: int, kind_key: str, before: list[dict], after: pd.DataFrame) -> None:
    """Apply an edited table: changed rows updated, new rows added, removed rows deleted; all or nothing."""
    kept = after.astype(object).where(after.notna(), None).to_dict("records")
    batch = bulk.check_table(db, workshop_id, kind_key, before, kept)
    if not show_problems([batch]):
        return
    changed = len(batch.rows)
    attempt(lambda: bulk.save(db, workshop_id, [batch]), f"Saved: {plural(changed, 'row')} changed or added, {len(batch.deleted)} removed.")
