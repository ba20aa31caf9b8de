"""The review meeting's pieces (pages/review.py): a rhythm and a period to review (latest first), the
review opened for it, and one tab at a time: the scorecard (the map by status with the roll-up rule,
every measure's plan, actual, trend and owner's comment, off target first, a target changed with its
reason and history), the hypotheses (each causal link's evidence from its measures and the verdict
recorded with it), the initiatives (status, milestones, spend against budget per period), the actions
(carried over and settled, new ones, the log), closing the review (which locks the period; a locked
period opens again only with a reason, logged), the incentive schemes and the next cycle.

Everything shown is read once per run (`record.read_review`, the review pack's record, whose story
shapes the rows); every change goes through `workshop.method.reviews` or `workshop.starters.next_cycle`.
The review pack is built only when its download is clicked.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import html
from collections import Counter
from typing import Any

import pandas as pd
import streamlit as st

from ui import cycle_panels, display, frame, incentive_panels, nav, paging, review_vote
from ui.display import escape_md
from workshop.core.evidence import MIN_PERIODS
from workshop.core.model import Scorecard
from workshop.core.periods import Period
from workshop.core.targets import target_text
from workshop.core.words import plural
from workshop.db import period_reads, review_reads
from workshop.db.period_reads import Track
from workshop.deliverables import files, record
from workshop.deliverables.map import status as map_status
from workshop.deliverables.map import svg
from workshop.deliverables.review import story
from workshop.method import reviews
from workshop.room import review_votes

RHYTHMS = {"monthly": "Monthly", "quarterly": "Quarterly", "annual": "Annual"}
# Kaplan and Norton's three meetings: operational reviews monthly, strategy reviews quarterly, strategy testing yearly
KIND_OF = {"monthly": "operational", "quarterly": "strategy", "annual": "testing"}
TABS = ("Scorecard", "Hypotheses", "Initiatives", "Actions", "Close", "Rewards", "Next cycle")
VERDICT_ICONS = {"holds": ":material/check_circle:", "does not hold": ":material/cancel:", "too early to tell": ":material/hourglass_empty:"}
NO_REVIEW = "Open the review first (above) to record this."
CLOSED = "This review is closed; its record stays as it was."


@dataclasses.dataclass(frozen=True)
class Meeting:
    """What every tab needs: the workshop, the record of the period, and the review held for it (None before it is opened)."""

    db: Any  # the session's store (ui/ names no sqlite_utils type)
    card: Scorecard
    rec: record.ReviewRecord
    review: dict | None

    @property
    def wid(self) -> int:
        return self.card.workshop["id"]

    @property
    def review_id(self) -> int:
        """The review's id; the buttons that need it are disabled until the review is opened."""
        if self.review is None:
            raise ValueError("no review is open")
        return self.review["id"]

    @property
    def is_open(self) -> bool:
        return self.review is not None and self.review["status"] == "open"

    @property
    def why_not(self) -> str | None:
        """Why nothing can be recorded now, or None when the review is open."""
        if self.review is None:
            return NO_REVIEW
        return None if self.is_open else CLOSED


def _date(day: str | dt.date | None) -> str:
    return story.long_date(day) or "—"


def _span_words(starts: str | dt.date, ends: str | dt.date) -> str:
    return f"{_date(starts)} – {_date(ends)}"


# --- choosing the period ---------------------------------------------------------------------


def span_choice(card: Scorecard, tracks: list[Track], left, right) -> tuple[str, Period | None]:
    """The rhythm and the period to review, latest first; None when nothing has an actual in that rhythm."""
    rhythm = left.segmented_control("Rhythm", list(RHYTHMS), format_func=RHYTHMS.__getitem__, default="quarterly", key="review-rhythm", required=True)
    rhythm = rhythm or "quarterly"
    spans = review_reads.review_spans(card, tracks, rhythm)
    if not spans:
        return rhythm, None
    chosen = right.selectbox("Period", spans, format_func=Period.label, key=f"review-period-{rhythm}")
    return rhythm, chosen


def held_for(found: list[dict], span: Period) -> dict | None:
    """The review held on exactly this span (the latest opened, if several kinds were)."""
    starts, ends = span.starts.isoformat(), span.ends.isoformat()
    return next((r for r in found if r["starts"] == starts and r["ends"] == ends), None)


def summary(m: Meeting) -> None:
    """Where the period stands, in one line, and the review's state."""
    counts = Counter(m.rec.statuses.values())
    st.markdown(
        f"**{escape_md(m.rec.period.label())}** · {plural(len(m.rec.statuses), 'objective')}: "
        f"{counts['off target']} off target, {counts['watch']} to watch, {counts['on target']} on target"
        + (f", {counts['no data']} without figures" if counts["no data"] else "")
    )
    review = m.review
    if review is None:
        return
    if review["status"] == "open":
        st.caption(f"{review['kind'].capitalize()} review, open since {_date(review['opened_at'])}.")
    else:
        st.caption(
            f"{review['kind'].capitalize()} review, closed {_date(review['closed_at'])}; the period's figures are locked. "
            f"Next review: {_date(review['next_review'])}."
        )


def open_button(db, wid: int, rhythm: str, span: Period) -> None:
    st.info(
        f"No review is held for {span.label()} yet. Open it to record the room's verdicts, the actions and the decisions; "
        "closing it locks the period's figures as reviewed.",
        icon=":material/event_available:",
    )
    if st.button(f"Open the review of {span.label()}", type="primary", key="review-open", icon=":material/play_arrow:"):
        frame.attempt(lambda: reviews.open_review(db, wid, span.starts, span.ends, kind=KIND_OF[rhythm]), "Review opened.")


def downloads(rec: record.ReviewRecord, a, b) -> None:
    """The review pack, built from this run's record only when a button is clicked (the page stays fast)."""
    a.download_button(
        "PDF",
        lambda: files.build_review(rec, "pdf"),
        help="The review pack: the map by status, the scorecard with trends, the hypotheses, initiatives and actions",
        file_name=files.review_filename(rec, "pdf"),
        mime="application/pdf",
        key="review-pdf",
        icon=":material/picture_as_pdf:",
        width="stretch",
        on_click="ignore",
    )
    b.download_button(
        "Deck",
        lambda: files.build_review(rec, "pptx"),
        help="The review pack as slides (PowerPoint)",
        file_name=files.review_filename(rec, "pptx"),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="review-pptx",
        icon=":material/slideshow:",
        width="stretch",
        on_click="ignore",
    )


# --- the scorecard ---------------------------------------------------------------------------


def map_by_status(rec: record.ReviewRecord) -> None:
    """The agreed objectives coloured by status, the links by their evidence, as an image (the SVG is
    built with every user string escaped, without scripts or external references)."""
    if not rec.card.agreed_objectives():
        st.info("No agreed objective to draw yet.")
        return
    marks = map_status.ReviewMarks(
        statuses=dict(rec.statuses), evidence={link_id: found.verdict for link_id, found in rec.evidence.items()}, rule=review_reads.ROLL_UP_RULE
    )
    label = f"Strategy map by status · {rec.period.label()}"
    drawn = svg.render_svg(rec.card, statuses=("agreed",), title=label, review=marks)
    data = base64.b64encode(drawn.encode("utf-8")).decode("ascii")
    st.html(f'<img alt="{html.escape(label)}" src="data:image/svg+xml;base64,{data}" style="width:100%;height:auto">')


def scorecard_rows(rec: record.ReviewRecord) -> list[dict]:
    """Each reported measure of an agreed objective, off target first (the order of `review_lines`)."""
    rows = []
    for measure_id in rec.lines:
        track = rec.lines[measure_id].track
        if track.measure.objective_id not in rec.statuses:
            continue
        line = story.measure_line(rec, track)
        rows.append(
            {
                "objective": line["objective"],
                "measure": line["name"],
                "period": line["period"],
                "target": line["target"],
                "plan": line["planned"],
                "actual": line["actual"],
                "variance": line["variance"],
                "status": line["status_words"],
                "trend": [p["actual"] for p in line["trend"] if p["actual"] is not None],
                "owner": line["owner"],
                "comment": line["comment"] or (story.MISSING_COMMENT if line["needs_comment"] else ""),
            }
        )
    return rows


_COLOURS = {words: f"color: {ink}; background-color: {fill}; font-weight: 600" for words, ink, fill in map_status.STATUS.values()}


def _status_colours(words: str) -> str:
    """A status cell in the map's colours (its words say it too, never colour alone)."""
    return _COLOURS.get(words, "")


def scorecard_table(rec: record.ReviewRecord) -> None:
    rows = scorecard_rows(rec)
    if not rows:
        st.info("No measure of an agreed objective has periods in this span.")
        return
    st.dataframe(
        pd.DataFrame(rows).style.map(_status_colours, subset=["status"]),
        hide_index=True,
        width="stretch",
        key="review-scorecard",
        column_order=["objective", "measure", "status", "actual", "plan", "variance", "trend", "comment", "owner", "target", "period"],
        column_config={
            "objective": st.column_config.TextColumn("Objective", width="medium"),
            "measure": st.column_config.TextColumn("Measure", width="medium"),
            "period": st.column_config.TextColumn("Period"),
            "target": st.column_config.TextColumn("Target"),
            "plan": st.column_config.TextColumn("Plan"),
            "actual": st.column_config.TextColumn("Actual"),
            "variance": st.column_config.TextColumn("Against plan"),
            "status": st.column_config.TextColumn("Status"),
            "trend": st.column_config.LineChartColumn("Actuals so far", help=f"The last {story.TREND_PERIODS} periods, the reviewed one last"),
            "owner": st.column_config.TextColumn("Owner"),
            "comment": st.column_config.TextColumn("Owner's comment", width="large"),
        },
    )


def change_target(m: Meeting) -> None:
    """A measure's target changed with its reason; the history is kept, never overwritten."""
    measures = {mm.id: f"{m.card.objective(mm.objective_id).title} · {mm.name}" for mm in m.card.measures if mm.objective_id in m.rec.statuses}
    if not measures:
        return
    chosen = st.selectbox("Measure", list(measures), format_func=measures.__getitem__, key="review-change-measure")
    measure = next(mm for mm in m.card.measures if mm.id == chosen)
    st.caption(escape_md(f"Its target now: {target_text(measure.goal, measure.unit) or 'not set'}."))
    with st.form(f"review-change-{chosen}", clear_on_submit=True):
        target = st.text_input("New target", key="review-change-target", placeholder="≥ 95%, < 2%, 98–100%, AAA, Launched by 2028-06-30")
        reason = st.text_area("Why it changes", key="review-change-reason", height=70, help="Kept with the change in the measure's history.")
        if st.form_submit_button("Change the target", key="review-change-save"):
            review_id = m.review_id if m.is_open else None  # a closed review's record stays as it was
            frame.attempt(lambda: _change(m.db, chosen, reason, review_id, target))
    changes = reviews.history(m.db, chosen)
    if changes:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "When": _date(c["changed_at"]),
                        "Field": c["field"].replace("_", " "),
                        "From": c["old_value"],
                        "To": c["new_value"],
                        "Why": c["reason"],
                    }
                    for c in changes
                ]
            ),
            hide_index=True,
            width="stretch",
            key="review-history",
        )
    else:
        st.caption("No change recorded for this measure since the workshop.")


def _change(db, measure_id: int, reason: str, review_id: int | None, target: str) -> None:
    changed = reviews.change_measure(db, measure_id, reason, review_id=review_id, target=target)
    st.session_state["review-changed"] = changed


def scorecard_tab(m: Meeting) -> None:
    map_by_status(m.rec)
    st.caption(f"**The roll-up rule.** {review_reads.ROLL_UP_RULE}")
    scorecard_table(m.rec)
    with st.expander("Change a measure's target, with the reason", icon=":material/edit:"):
        done = st.session_state.pop("review-changed", None)
        if done is not None:
            st.success("Target changed; the old one is kept in the history below." if done else "Nothing changed: the target was already that.")
        change_target(m)


# --- the hypotheses --------------------------------------------------------------------------


def verdict_buttons(m: Meeting, link_id: int, room: dict | None) -> None:
    """Holds / does not hold / too early to tell, recorded with the evidence the room saw; the one
    recorded in this review stands out."""
    found = m.rec.evidence.get(link_id)
    head = found.headline if found else None
    recorded = room["verdict"] if room and room["when"] == "in this review" else None
    for verdict in reviews.VERDICTS:
        if st.button(
            verdict.capitalize(),
            key=f"review-verdict-{link_id}-{verdict}",
            icon=VERDICT_ICONS[verdict],
            disabled=not m.is_open,
            type="primary" if verdict == recorded else "secondary",
            width="stretch",
        ):
            frame.attempt(
                lambda verdict=verdict: reviews.record_verdict(m.db, m.review_id, link_id, verdict, head[2] if head else None),
                f"Recorded: {verdict}.",
            )


def hypothesis(m: Meeting, item: dict) -> None:
    """One causal link: cause → effect, the hypothesis, what the numbers say and the verdict buttons beside."""
    with st.container(border=True):
        words, verdicts = st.columns([5, 2])
        words.markdown(f"**{escape_md(item['cause'])}** → **{escape_md(item['effect'])}**")
        if item["hypothesis"]:
            words.caption(escape_md(item["hypothesis"]))
        sentence = item["sentence"]
        lead = "" if sentence.startswith(item["evidence_words"]) else f"*{escape_md(item['evidence_words'])}.* "
        words.markdown(lead + escape_md(sentence))
        words.caption(escape_md(" · ".join(s for s in (item["pair"], item["pattern"]) if s)))
        room = item["room"]
        if room:
            words.markdown(f"Verdict {escape_md(room['when'])}: **{escape_md(room['verdict'])}**")
        with verdicts:
            verdict_buttons(m, item["id"], room)


def room_vote(m: Meeting, tested: list[dict]) -> None:
    """The room's vote on the links: put the chosen ones to the phones (holds / does not hold / too
    early to tell), close it, then record each verdict beside its evidence (ui/review_vote.py)."""
    with st.container(border=True):
        st.markdown("**The room's vote** · the phones answer holds, does not hold or too early to tell; the presenter shows it live.")
        names = {h["id"]: f"{h['cause']} → {h['effect']}" for h in tested}
        chosen = st.multiselect(
            "Links to put to the room", list(names), default=list(names)[:5], format_func=display.label_of(names), key="review-vote-links"
        )
        review_vote.put_to_room(m.db, m.review_id, chosen)
        latest = review_votes.latest_vote(m.db, m.review_id)
        if latest is not None:
            review_vote.record_from_room(m.db, m.review_id, latest)


def hypotheses_tab(m: Meeting) -> None:
    st.caption(
        "Each arrow on the map is a hypothesis. The numbers test it: the cause's measure against the effect's, at lags of 0 to 2 "
        f"periods; below {MIN_PERIODS} periods there are too few to tell."
    )
    if m.why_not:
        st.caption(m.why_not)
    items = story.hypotheses(m.rec)
    tested = [h for h in items if h["pair"]]
    untested = [h for h in items if not h["pair"]]
    if not tested:
        st.info("No causal link has a numeric measure with figures at both ends yet.")
    if tested and m.is_open:
        room_vote(m, tested)
    for item in paging.paged(tested, key="review-links", noun="links"):
        hypothesis(m, item)
    if untested:
        st.caption(
            escape_md(
                f"{plural(len(untested), 'link')} without a numeric measure at both ends, so nothing to test yet: "
                + "; ".join(f"{h['cause']} → {h['effect']}" for h in untested[:20])
                + ("…" if len(untested) > 20 else "")
            )
        )


# --- the initiatives -------------------------------------------------------------------------


def initiatives_tab(m: Meeting) -> None:
    found = story.initiatives(m.rec)
    if not found:
        st.info("No initiative in the plan.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Initiative": i["name"],
                    "Owner": i["owner"],
                    "Status": i["status"],
                    "Milestone": i["milestone"],
                    "Budget": i["budget"],
                    "Spent to date": i["spent"],
                    "Spent of budget": i["share"] + (" · over budget" if i["over"] else ""),
                }
                for i in found
            ]
        ),
        hide_index=True,
        width="stretch",
        key="review-initiatives",
    )
    periods = [
        {
            "initiative": i["name"],
            "period": p["period"],
            "planned": p["planned"],
            "spent": p["spend"],
            "over plan": "over" if p["over"] else "",
            "comment": p["comment"],
        }
        for i in found
        for p in i["periods"]
    ]
    st.markdown("**Spend per period against its plan**")
    if periods:
        st.dataframe(pd.DataFrame(periods), hide_index=True, width="stretch", key="review-spend")
    else:
        st.caption("No spend reported per period yet: type it on the actuals page.")


# --- the actions -----------------------------------------------------------------------------


def _subjects(card: Scorecard) -> dict[tuple[str, int] | None, str]:
    found: dict[tuple[str, int] | None, str] = {None: "—"}
    found |= {("objective", o.id): f"Objective: {o.title}" for o in card.agreed_objectives()}
    found |= {("measure", mm.id): f"Measure: {mm.name}" for mm in card.measures}
    found |= {("initiative", i.id): f"Initiative: {i.name}" for i in card.initiatives}
    return found


def settle_form(m: Meeting, action: dict, carried: bool) -> None:
    with st.container(border=True):
        due = f" · due {_date(action['due'])}" if action["due"] else ""
        origin = "carried over" if carried else "raised in this review"
        st.markdown(f"**{escape_md(action['what'])}** · {escape_md(action['owner'] or story.TO_BE_NAMED)}{due} · {origin}")
        with st.form(f"review-settle-{action['id']}", border=False):
            a, b, c = st.columns([1, 3, 1], vertical_alignment="bottom")
            state = a.selectbox("Settled as", ["done", "dropped"], key=f"review-settle-state-{action['id']}")
            outcome = b.text_input("Outcome", key=f"review-settle-outcome-{action['id']}", placeholder="What came of it")
            if c.form_submit_button("Settle", key=f"review-settle-save-{action['id']}", disabled=not m.is_open):
                frame.attempt(lambda: reviews.settle_action(m.db, action["id"], m.review_id, state, outcome), "Action settled.")


def open_actions(m: Meeting) -> None:
    if m.review is None:
        return
    carried = reviews.carried_over(m.db, m.review_id)
    raised = [a for a in m.rec.actions if a["review_id"] == m.review_id and a["status"] == "open"]
    st.markdown("**Open actions**")
    if not carried and not raised:
        st.caption("None: nothing carried over from earlier reviews, nothing raised in this one yet.")
    for action in carried:
        settle_form(m, action, True)
    for action in raised:
        settle_form(m, action, False)


def new_action(m: Meeting) -> None:
    subjects = _subjects(m.card)
    with st.form("review-new-action", clear_on_submit=True):
        st.markdown("**A new action**")
        what = st.text_input("What", key="review-action-what", max_chars=1000)
        a, b, c = st.columns([1, 1, 2])
        owner = a.text_input("Owner", key="review-action-owner", max_chars=200)
        due = b.date_input("Due", value=None, key="review-action-due", format="DD.MM.YYYY")
        subject = c.selectbox("For", list(subjects), format_func=subjects.__getitem__, key="review-action-subject")
        if st.form_submit_button("Add the action", type="primary", key="review-action-add", disabled=not m.is_open):
            frame.attempt(lambda: reviews.add_action(m.db, m.review_id, what, owner=owner, due=due, subject=subject), "Action added.")


def action_log(m: Meeting) -> None:
    log = story.actions(m.rec)
    st.markdown("**The action log**")
    if not log:
        st.caption("No action recorded yet.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Action": a["what"],
                    "Owner": a["owner"],
                    "Due": a["due"] + (" (overdue)" if a["overdue"] else ""),
                    "Status": a["status"] + (" · carried over" if a["carried"] else ""),
                    "Raised in": a["raised"],
                    "For": a["subject"],
                    "Outcome": a["outcome"],
                }
                for a in log
            ]
        ),
        hide_index=True,
        width="stretch",
        key="review-action-log",
    )


def actions_tab(m: Meeting) -> None:
    if m.why_not:
        st.caption(m.why_not)
    open_actions(m)
    new_action(m)
    action_log(m)


# --- closing and locks -----------------------------------------------------------------------


def close_form(m: Meeting) -> None:
    review = m.review
    if review is None:
        st.caption(NO_REVIEW)
        return
    if review["status"] == "closed":
        st.success(f"Closed {_date(review['closed_at'])}. Next review: {_date(review['next_review'])}.", icon=":material/lock:")
        if review["notes"]:
            st.markdown(escape_md(review["notes"]))
        return
    with st.form("review-close"):
        notes = st.text_area("Notes and decisions", review["notes"] or "", key="review-close-notes", height=120)
        following = st.date_input("Next review", value=None, key="review-close-next", format="DD.MM.YYYY")
        label = m.rec.period.label()
        st.caption(f"Closing locks the figures of {label}: they stay as reviewed until someone opens the period again, with a reason.")
        if st.form_submit_button(f"Close the review and lock {label}", type="primary", key="review-close-save", icon=":material/lock:"):
            frame.attempt(lambda: reviews.close_review(m.db, review["id"], notes=notes, next_review=following), f"Review closed; {label} is locked.")


def locks(m: Meeting) -> None:
    """The locked periods, a form to open one again with a reason, and the log of those opened."""
    locked = period_reads.locks(m.db, m.wid)
    st.markdown("**Locked periods**")
    if not locked:
        st.caption("No period is locked yet: closing a review locks its period.")
    else:
        names = {span: _span_words(*span) for span in reversed(locked)}  # the latest first
        st.caption(escape_md(", ".join(names.values())))
        with st.form("review-unlock", clear_on_submit=True):
            span = st.selectbox("Open again", list(names), format_func=names.__getitem__, key="review-unlock-span")
            reason = st.text_input("Why", key="review-unlock-reason", placeholder="A figure was reported wrong and must be corrected")
            if st.form_submit_button("Open the period again", key="review-unlock-save", icon=":material/lock_open:"):
                frame.attempt(lambda: reviews.unlock_period(m.db, m.wid, span[0], span[1], reason), "Period opened again; the reason is logged.")
    log = reviews.unlock_log(m.db, m.wid)
    if log:
        st.markdown("**Periods opened again**")
        st.dataframe(
            pd.DataFrame([{"Period": _span_words(u["starts"], u["ends"]), "Opened again": _date(u["unlocked_at"]), "Why": u["reason"]} for u in log]),
            hide_index=True,
            width="stretch",
            key="review-unlock-log",
        )


def close_tab(m: Meeting) -> None:
    close_form(m)
    locks(m)


# --- the page --------------------------------------------------------------------------------


def meeting_tabs(m: Meeting | None, db, card: Scorecard) -> None:
    """One tab drawn at a time; without a period to review, only the tabs that need none."""
    shown = TABS if m is not None else TABS[-2:]
    tabs = paging.tabs(list(shown), key="review-tabs" if m is not None else "review-tabs-bare")
    draws = {
        "Scorecard": lambda: scorecard_tab(m),  # type: ignore[arg-type]
        "Hypotheses": lambda: hypotheses_tab(m),  # type: ignore[arg-type]
        "Initiatives": lambda: initiatives_tab(m),  # type: ignore[arg-type]
        "Actions": lambda: actions_tab(m),  # type: ignore[arg-type]
        "Close": lambda: close_tab(m),  # type: ignore[arg-type]
        "Rewards": lambda: incentive_panels.rewards_tab(db, card),
        "Next cycle": lambda: cycle_panels.next_cycle_tab(db, card),
    }
    for name, tab in zip(shown, tabs, strict=True):
        if tab.open:
            with tab:
                draws[name]()


def page(db, card: Scorecard) -> None:
    tracks = period_reads.tracks(db, card)
    choose, pick = st.columns(2, vertical_alignment="bottom")
    rhythm, span = span_choice(card, tracks, choose, pick)
    if span is None:
        st.info(
            f"No actuals to review in a {RHYTHMS[rhythm].lower()} rhythm yet: type them on the actuals page, then open the review.",
            icon=":material/monitoring:",
        )
        st.page_link(nav.ACTUALS.script, label="Go to the actuals", icon=":material/monitoring:")
        meeting_tabs(None, db, card)
        return
    rec = record.read_review(db, card.workshop["id"], span, tracks=tracks)  # the periods offered are those read
    review = held_for(rec.reviews, span)
    rec = dataclasses.replace(rec, review=review)
    m = Meeting(db, rec.card, rec, review)
    said, pdf, deck = st.columns([4, 1, 1], vertical_alignment="center")
    with said:
        summary(m)
    downloads(rec, pdf, deck)
    if review is None:
        open_button(db, m.wid, rhythm, span)
    meeting_tabs(m, db, rec.card)
