"""Phase 2 · Interviews and draft objectives: what each executive said, the synthesis, the drafts."""

import pandas as pd
import streamlit as st

from ui import bulk_entry, display, frame, header, paging, session
from workshop.core.model import CORE_STRATEGIES, Phase
from workshop.core.words import plural
from workshop.method import interviews, objectives, workshops

db = frame.db()
card = session.load_card()
w = card.workshop
header.phase_header(card, Phase.INTERVIEWS)


def interviews_tab() -> None:
    for i in card.interviews:  # an interview's full form is drawn once its panel is opened
        opened = st.expander(display.escape_md(f"{i.executive} — {i.role or 'role not given'}"), key=f"interview-open-{i.id}", on_change="rerun")
        if not opened.open:
            continue
        with opened, st.form(f"interview-{i.id}"):
            values = {topic: st.text_area(label, getattr(i, topic), key=f"iv-{i.id}-{topic}") for topic, label in interviews.TOPIC_LABELS.items()}
            save, delete = st.columns(2)
            if save.form_submit_button("Save interview"):
                frame.attempt(lambda: interviews.update_interview(db, i.id, **values), "Interview saved.")
            if delete.form_submit_button("Delete interview"):
                frame.attempt(lambda: interviews.delete_interview(db, i.id), "Interview deleted.")
    st.subheader("Record an interview")
    with st.form("new-interview"):
        a, b, c = st.columns(3)
        executive = a.text_input("Executive", max_chars=200, key="new-iv-executive")
        role = b.text_input("Role", max_chars=200, key="new-iv-role")
        held_on = c.date_input("Held on", value=None, key="new-iv-held-on")
        answers = {topic: st.text_area(label, key=f"new-iv-{topic}", height=80) for topic, label in interviews.TOPIC_LABELS.items()}
        if st.form_submit_button("Record interview", type="primary"):
            frame.attempt(
                lambda: interviews.record_interview(db, w["id"], executive, role=role, held_on=held_on, **answers),
                "Interview recorded.",
                clear="new-iv-",
            )


def synthesis_tab() -> None:
    with st.form("synthesis"):
        mission = st.text_area("Mission", w["mission"])
        vision = st.text_area("Vision", w["vision"])
        values = st.text_area("Values", w["values_statement"])
        core = st.selectbox(
            "Core strategy",
            CORE_STRATEGIES,
            index=CORE_STRATEGIES.index(w["core_strategy"]),
            format_func=lambda c: c.capitalize() or "— not chosen yet —",
        )
        summary = st.text_area("The strategy in a few sentences", w["strategy_summary"])
        if st.form_submit_button("Save synthesis", type="primary"):
            frame.attempt(
                lambda: workshops.update_workshop(
                    db, w["id"], mission=mission, vision=vision, values_statement=values, core_strategy=core, strategy_summary=summary
                ),
                "Synthesis saved.",
            )
    st.subheader("Strategic themes")
    st.caption("Three to five themes that group the objectives.")
    for t in card.themes:
        x, y = st.columns([6, 1])
        x.markdown(f"**{display.escape_md(t.name)}** — {display.escape_md(t.description)}")
        if y.button("Remove", key=f"rm-theme-{t.id}"):
            frame.attempt(lambda: objectives.delete_theme(db, t.id))
    with st.form("new-theme"):
        name = st.text_input("Theme", max_chars=200, key="new-theme-name")
        description = st.text_input("What it means", key="new-theme-description")
        if st.form_submit_button("Add theme"):
            frame.attempt(lambda: objectives.add_theme(db, w["id"], name, description), "Theme added.", clear="new-theme-")


def drafts_tab() -> None:
    perspectives = {p.id: p.name for p in card.perspectives}
    themes: dict[int | None, str] = {None: "— no theme —", **{t.id: t.name for t in card.themes}}
    sources = {i.id: i.executive for i in card.interviews}
    st.caption(
        "Start with a verb: *Reduce delivery time*, *Grow renewals*. Say where each came from. "
        "Type in the table (a new row at its foot), paste rows into it from a spreadsheet, "
        "or load many at once below."
    )
    drafts = [o for o in card.objectives if o.status == "draft"]
    records = [
        {
            "id": o.id,
            "title": o.title,
            "perspective": perspectives[o.perspective_id],
            "theme": themes.get(o.theme_id) if o.theme_id else None,
            "owner": o.owner,
            "sources": [sources[s] for s in o.sources if s in sources],
            "proposed_by": o.proposed_by,
            "description": o.description,
        }
        for o in drafts
    ]
    columns = ["id", "title", "perspective", "theme", "owner", "sources", "proposed_by", "description"]
    edited = st.data_editor(
        pd.DataFrame(records, columns=columns),
        key=bulk_entry.table_key("drafts-table", records),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_order=columns[1:],
        column_config={
            "title": st.column_config.TextColumn("Objective", required=True, max_chars=200, width="large"),
            "perspective": st.column_config.SelectboxColumn("Perspective", options=list(perspectives.values()), required=True),
            "theme": st.column_config.SelectboxColumn("Theme", options=[t.name for t in card.themes]),
            "owner": st.column_config.TextColumn("Owner", max_chars=200),
            "sources": st.column_config.MultiselectColumn("Drawn from", options=list(sources.values())),
            "proposed_by": st.column_config.TextColumn("Or proposed by", max_chars=200),
            "description": st.column_config.TextColumn("Description"),
        },
    )
    a, b = st.columns([1, 3], vertical_alignment="center")
    if a.button("Save the table", type="primary", key="drafts-table-save", icon=":material/save:"):
        bulk_entry.save_table(db, w["id"], "objectives", records, edited)
    b.caption(
        f"{plural(len(drafts), 'draft')}. Select rows and press Delete to remove them; "
        "every problem is shown at once and nothing is saved until all are fixed."
    )
    agreed = [o for o in card.objectives if o.status == "agreed"]
    if agreed:
        with st.expander(f"Already agreed ({len(agreed)}): edited on the consensus page and the map"):
            st.dataframe(
                [{"Perspective": perspectives[o.perspective_id], "Objective": o.title, "Owner": o.owner} for o in agreed],
                hide_index=True,
                width="stretch",
            )
    with st.expander("Paste or upload many objectives at once", icon=":material/upload_file:"):
        bulk_entry.loader(db, w["id"], "objectives", key="drafts-load")
    with st.expander("Draft one objective with its description", icon=":material/edit_note:"), st.form("new-objective"):
        title = st.text_input("Objective", max_chars=200, key="new-objective-title")
        a, b = st.columns(2)
        perspective = a.selectbox(
            "Perspective",
            list(perspectives),
            format_func=display.label_of(perspectives),
            index=None,
            placeholder="Choose a perspective",
            key="new-objective-perspective",
        )
        theme = b.selectbox("Theme", list(themes), format_func=display.label_of(themes), key="new-objective-theme")
        drawn_from = st.multiselect(
            "Drawn from the interviews with", list(sources), format_func=display.label_of(sources), key="new-objective-sources"
        )
        a, b = st.columns(2)
        owner = a.text_input("Owner", max_chars=200, key="new-objective-owner")
        proposed_by = b.text_input("Or proposed by (a person)", max_chars=200, key="new-objective-proposed-by")
        description = st.text_area("Description", key="new-objective-description")
        if st.form_submit_button("Add draft objective", type="primary"):
            frame.attempt(
                lambda: objectives.add_objective(
                    db, w["id"], title, perspective, theme_id=theme, description=description, owner=owner, proposed_by=proposed_by, sources=drawn_from
                ),
                "Draft objective added.",
                clear="new-objective-",
            )

    editable = [o for o in card.objectives if o.status == "draft"]
    if editable:
        st.subheader("Edit one draft in full")
        chosen = st.selectbox("Draft", [o.id for o in editable], key="edit-draft", format_func=display.label_of({o.id: o.title for o in editable}))
        o = card.objective(chosen)
        with st.form(f"edit-draft-{o.id}"):
            title = st.text_input("Wording", o.title, max_chars=200, key=f"edit-title-{o.id}")
            a, b = st.columns(2)
            perspective = a.selectbox(
                "Perspective",
                list(perspectives),
                key=f"edit-persp-{o.id}",
                index=list(perspectives).index(o.perspective_id),
                format_func=display.label_of(perspectives),
            )
            theme = b.selectbox(
                "Main theme",
                list(themes),
                format_func=display.label_of(themes),
                key=f"edit-theme-{o.id}",
                index=list(themes).index(o.theme_id) if o.theme_id in themes else 0,
            )
            others = b.multiselect(
                "Also serves",
                [t.id for t in card.themes],
                format_func=display.label_of(themes),
                default=[t for t in o.other_theme_ids if t in themes],
                key=f"edit-also-{o.id}",
                help="Other themes this objective advances besides its main one.",
            )
            drawn_from = st.multiselect(
                "Drawn from the interviews with",
                list(sources),
                key=f"edit-src-{o.id}",
                default=[s for s in o.sources if s in sources],
                format_func=display.label_of(sources),
            )
            owner = st.text_input("Owner", o.owner, max_chars=200, key=f"edit-owner-{o.id}")
            description = st.text_area("Description", o.description, key=f"edit-desc-{o.id}")
            save, delete = st.columns(2)
            if save.form_submit_button("Save draft", type="primary"):
                frame.attempt(
                    lambda: objectives.update_draft(
                        db,
                        o.id,
                        sources=drawn_from,
                        title=title,
                        perspective_id=perspective,
                        theme_id=theme,
                        other_theme_ids=others,
                        owner=owner,
                        description=description,
                    ),
                    "Draft saved.",
                )
            if delete.form_submit_button("Delete draft"):
                frame.attempt(lambda: objectives.delete_objective(db, o.id), "Draft deleted.")


# only the open tab is drawn: the drafts table and its forms grow with the workshop
tabs = paging.tabs(["Interviews", "Synthesis: vision, strategy, themes", "Draft objectives"], key="interviews-tabs")
for tab, draw in zip(tabs, (interviews_tab, synthesis_tab, drafts_tab)):
    if tab.open:
        with tab:
            draw()
