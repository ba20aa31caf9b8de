"""The actuals page's pieces: a reporting month to choose (latest first), an editable table of the
measures due that month (figures, ratings and milestones each in their own table, since a column
has one kind of cell), the previous period and the year to date beside each, a paste box, and after
saving the list of measures off target without the owner's comment. Checking and saving are
`workshop.method.actuals`'s; the periods are read from `workshop.db.period_reads`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui import bulk_entry, frame
from ui.display import escape_md, number_text
from workshop.core.errors import WorkshopError
from workshop.core.model import Scorecard
from workshop.core.periods import add_months, month_end
from workshop.core.targets import MILESTONE_STATES, NUMERIC_TYPES, target_text
from workshop.core.words import plural
from workshop.db import actual_reads, period_reads
from workshop.db.period_reads import PeriodRow, Track
from workshop.method import actuals, actuals_file

KINDS = {"figures": "Figures", "rating": "Ratings", "milestone": "Milestones"}
EDITABLE = ("planned", "actual", "comment")
TYPED = "Type 12.5, 1,200,000, 1.2m or 20%."


@dataclass(frozen=True)
class Due:
    """One measure's period ending in the chosen month."""

    objective: str
    track: Track
    row: PeriodRow

    @property
    def kind(self) -> str:
        kind = self.track.measure.goal.type
        return kind if kind in ("rating", "milestone") else "figures"

    @property
    def locked(self) -> bool:
        return self.row.period.key in self.track.locked


def months(tracks: list[Track], today: dt.date | None = None) -> list[dt.date]:
    """The reporting months, latest first: from the first reporting month to this month (or to the
    latest month reported, if later)."""
    starts = [t.rows[0].period.starts for t in tracks if t.rows]
    if not starts:
        return []
    today = today or dt.date.today()
    reported = [row.period.ends for t in tracks if (row := t.latest()) is not None]
    last = max([dt.date(today.year, today.month, 1), *[dt.date(d.year, d.month, 1) for d in reported]])
    first = dt.date(min(starts).year, min(starts).month, 1)
    found, month = [], first
    while month <= last:
        found.append(month)
        month = add_months(month, 1)
    return found[::-1]


def due_in(card: Scorecard, tracks: list[Track], month: dt.date) -> list[Due]:
    """Every measure's period that ends in `month`, in the scorecard's order."""
    end = month_end(month)
    titles = {o.id: o.title for o in card.objectives}
    return [Due(titles.get(t.measure.objective_id, ""), t, row) for t in tracks for row in t.rows if month <= row.period.ends <= end]


def _value(row: PeriodRow | None, unit: str) -> str:
    return actual_reads.value_text(row, unit) if row is not None else "—"


def _record(due: Due) -> dict:
    measure, row = due.track.measure, due.row
    previous = (
        due.track.previous(row) if row.has_actual else next((r for r in reversed(due.track.rows[: due.track.rows.index(row)]) if r.has_actual), None)
    )
    numeric = measure.goal.type in NUMERIC_TYPES
    ytd = ""
    if row.ytd_actual is not None:
        ytd = f"{actual_reads.figure(row.ytd_actual, measure.unit)} of {actual_reads.figure(row.ytd_planned, measure.unit, places=2)} planned"
    return {
        "measure_id": measure.id,
        "objective": due.objective,
        "measure": measure.name,
        "period": row.period.label(),
        "previous": f"{previous.period.label()}: {_value(previous, measure.unit)}" if previous else "—",
        "year_to_date": ytd,
        "target": target_text(measure.goal, measure.unit, dates=False) or "—",
        "planned": (number_text(round(row.planned, 6)) if row.planned is not None else "") if numeric else "",
        "actual": (number_text(row.actual) if row.actual is not None else "") if numeric else row.actual_text or None,
        "comment": row.comment,
        "status": row.status if row.has_actual else "—",
        "key": row.period.key,
    }


def _config(kind: str, dues: list[Due], disabled: bool) -> dict:
    actual: object
    if kind == "rating":
        levels = list(dict.fromkeys(level for d in dues for level in d.track.measure.goal.scale))
        actual = st.column_config.SelectboxColumn("Rating reached", options=levels, disabled=disabled)
    elif kind == "milestone":
        actual = st.column_config.SelectboxColumn("State", options=list(MILESTONE_STATES), disabled=disabled)
    else:
        actual = st.column_config.TextColumn("Actual", help=TYPED, disabled=disabled)
    return {
        "objective": st.column_config.TextColumn("Objective", disabled=True, width="medium"),
        "measure": st.column_config.TextColumn("Measure", disabled=True, width="medium"),
        "period": st.column_config.TextColumn("Period", disabled=True),
        "target": st.column_config.TextColumn("Target", disabled=True),
        "previous": st.column_config.TextColumn("Previous period", disabled=True),
        "year_to_date": st.column_config.TextColumn("Year to date", disabled=True),
        "planned": st.column_config.TextColumn(
            "Plan", help="The value planned for this period; clear it to go back to the phasing. " + TYPED, disabled=disabled
        ),
        "actual": actual,
        "comment": st.column_config.TextColumn("Owner's comment", max_chars=4000, width="large", disabled=disabled),
        "status": st.column_config.TextColumn("Status", disabled=True),
    }


def _order(kind: str) -> list[str]:
    if kind == "figures":
        return ["objective", "measure", "period", "previous", "year_to_date", "planned", "actual", "comment", "status"]
    return ["objective", "measure", "period", "target", "previous", "actual", "comment", "status"]


def changes(before: list[dict], after: pd.DataFrame) -> list[dict]:
    """The service's rows for what was edited: only the cells that changed, each row named by its measure and period."""
    edited = after.astype(object).where(after.notna(), None).to_dict("records")
    rows = []
    for n, (old, new) in enumerate(zip(before, edited, strict=True), start=1):
        values = {c: "" if new.get(c) is None else new[c] for c in EDITABLE if (new.get(c) or "") != (old.get(c) or "")}
        if values:
            rows.append({"where": f"{old['measure']} ({old['period']}, row {n})", "measure_id": old["measure_id"], "period": old["key"], **values})
    return rows


def tables(db, card: Scorecard, dues: list[Due]) -> None:
    """One editable table per kind of measure, and one save for all of them."""
    edits: list[tuple[list[dict], pd.DataFrame]] = []
    for kind, title in KINDS.items():
        mine = [d for d in dues if d.kind == kind and not d.locked]
        if not mine:
            continue
        if len(KINDS) > 1 and any(d.kind != "figures" for d in dues):
            st.markdown(f"**{title}**")
        records = [_record(d) for d in mine]
        frame = pd.DataFrame(records)
        edited = st.data_editor(
            frame,
            key=bulk_entry.table_key(f"actuals-{kind}", records),
            hide_index=True,
            width="stretch",
            column_order=_order(kind),
            column_config=_config(kind, mine, disabled=False),
            num_rows="fixed",
        )
        edits.append((records, edited))
    if not edits:
        return
    if st.button("Save the figures", type="primary", key="actuals-save", icon=":material/save:"):
        rows = [row for records, edited in edits for row in changes(records, edited)]
        if not rows:
            st.info("Nothing was changed.")
            return
        save(db, card.workshop["id"], rows)


def save(db, workshop_id: int, rows: list[dict]) -> None:
    """Save; every problem listed by row and column, or the result kept for the next run to show."""
    try:
        saved = actuals.save_rows(db, workshop_id, rows)
    except actuals.Refused as refused:
        st.error(
            "Nothing was saved. Fix these first:\n\n" + "\n".join(f"- {escape_md(str(p))}" for p in refused.problems[:50]),
            icon=":material/error:",
        )
        return
    except WorkshopError as error:
        st.error(escape_md(str(error)), icon=":material/warning:")
        return
    st.session_state["actuals-saved"] = (saved.count, [(m.name, p.label()) for m, p in saved.needs_comment])
    st.session_state["actuals-paste-version"] = st.session_state.get("actuals-paste-version", 0) + 1
    st.rerun()


def saved_message() -> None:
    """What the last save did, shown once after the page reran: the count and the comments still missing."""
    result = st.session_state.pop("actuals-saved", None)
    if result is None:
        return
    count, missing = result
    st.success(f"Saved {plural(count, 'figure')}.", icon=":material/check_circle:")
    if missing:
        st.warning(
            "**Off target without the owner's comment** — ask each owner why, and what they will do about it:\n\n"
            + "\n".join(f"- {escape_md(name)} ({escape_md(period)})" for name, period in missing),
            icon=":material/comment:",
        )


def locked_rows(dues: list[Due]) -> None:
    locked = [d for d in dues if d.locked]
    if not locked:
        return
    periods = ", ".join(dict.fromkeys(d.row.period.label() for d in locked))
    st.info(
        f"{escape_md(periods)}: locked after its review, so the figures stay as reviewed (shown here, read only). "
        "Open the period again, with a reason, to change them.",
        icon=":material/lock:",
    )
    records = [_record(d) for d in locked]
    st.dataframe(
        pd.DataFrame(records),
        hide_index=True,
        width="stretch",
        column_order=_order("figures"),
        column_config=_config("figures", locked, True),
        key="actuals-locked",
    )


def paste_box(db, workshop_id: int) -> None:
    """Rows pasted from Excel: measure, period, actual, plan, comment (a header row, or in this order)."""
    version = st.session_state.get("actuals-paste-version", 0)
    text = st.text_area(
        "Paste rows from Excel or Google Sheets",
        key=f"actuals-paste-{version}",
        height=120,
        placeholder="measure\tperiod\tactual\tplanned\tcomment\nOperating margin\tDec 2027\t13.1\t\tTraining costs",
        help="Columns: measure, period, actual, then planned and comment if wanted; with a header row they may come in any order. "
        "A blank cell changes nothing. Nothing is saved until every row is right.",
    )
    if not text.strip():
        return
    try:
        rows = actuals_file.read_pasted(text)
    except actuals.Refused as refused:
        st.error("\n".join(f"- {escape_md(str(p))}" for p in refused.problems), icon=":material/error:")
        return
    clean, problems = actuals.check_rows(db, workshop_id, rows)
    if problems:
        st.error(
            f"Nothing is saved until {plural(len(problems), 'problem')} {'is' if len(problems) == 1 else 'are'} fixed:\n\n"
            + "\n".join(f"- {escape_md(str(p))}" for p in problems[:50]),
            icon=":material/error:",
        )
        return
    st.caption(
        f"{plural(len(clean), 'row')} ready: "
        + escape_md(", ".join(f"{e.measure.name} ({e.period.label()})" for e in clean[:8]))
        + ("…" if len(clean) > 8 else "")
    )
    if st.button(f"Save {plural(len(clean), 'pasted row')}", key="actuals-paste-save", type="primary"):
        save(db, workshop_id, rows)


def month_choice(tracks: list[Track]) -> dt.date | None:
    choices = months(tracks)
    if not choices:
        return None
    return st.selectbox("Reporting month", choices, format_func=lambda d: f"{d:%B %Y}", key="actuals-month")


def page(db, card: Scorecard) -> None:
    tracks = period_reads.tracks(db, card)
    unstated = [m.name for m in card.measures if not m.frequency]
    if unstated:
        st.caption(escape_md(f"No periods for {', '.join(unstated)}: state how often each is measured, on the measure selection page."))
    month = month_choice(tracks)
    if month is None:
        st.info("No measure has a stated frequency yet: state how often each is measured, on the measure selection page.")
        return
    saved_message()
    dues = due_in(card, tracks, month)
    if not dues:
        st.info(f"No measure is due in {month:%B %Y}: quarterly measures are due in a quarter's last month, yearly ones in the year's last.")
    else:
        st.caption(
            f"{plural(len(dues), 'measure')} due in {month:%B %Y}: each period that ends this month. "
            "Every problem is shown at once and nothing is saved until all are fixed."
        )
        locked_rows(dues)
        tables(db, card, dues)
    with st.expander("Paste figures from a spreadsheet", icon=":material/content_paste:"):
        paste_box(db, card.workshop["id"])
    calendar(db, card)


MONTH_NAMES = tuple(dt.date(2000, n, 1).strftime("%B") for n in range(1, 13))


def calendar(db, card: Scorecard) -> None:
    """The reporting calendar: the first reporting month and the month the financial year starts."""
    w = card.workshop
    start = period_reads.reporting_start(card)
    with st.expander("Reporting calendar", icon=":material/calendar_month:"):
        st.caption(
            "Periods run from the first reporting month to the furthest target date. Quarters and years follow the financial "
            "year; it cannot move once quarters or years have figures."
            + ("" if w.get("reporting_start") else f" Not set yet: reporting would start in {start:%B %Y}.")
        )
        a, b = st.columns(2)
        first = a.date_input("First reporting month (any day of it)", start, key="actuals-calendar-start", format="DD.MM.YYYY")
        month = b.selectbox(
            "The financial year starts in",
            range(1, 13),
            index=int(w.get("year_start_month") or 1) - 1,
            format_func=lambda n: MONTH_NAMES[n - 1],
            key="actuals-calendar-year",
        )
        if st.button("Save the calendar", key="actuals-calendar-save"):
            frame.attempt(
                lambda: actuals.set_calendar(db, w["id"], reporting_start=first.isoformat() if first else "", year_start_month=month),
                "Reporting calendar saved.",
            )
