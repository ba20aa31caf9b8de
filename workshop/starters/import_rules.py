"""What the JSON import accepts in each field: the same cleaners as the forms, so a file cannot
hold what a person could not type (a 10,000-character name, a title of zero-width spaces, a
direction override in a single-line field). A field no form writes keeps the file's text, with
control characters and broken Unicode still refused.

`clean(table, where, row)` returns the row cleaned, or raises `Invalid` with a message that names
the record and the field (`objective[3].title has nothing visible in it …`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from workshop.core.clean import LONG_TEXT_MAX, clean_name, clean_text
from workshop.core.errors import Invalid
from workshop.method import interviews, map_setup, measures, objectives, plan, workshops

_single = partial(clean_text, multiline=False)


def _colour(value: object, label: str) -> str:
    try:
        return map_setup.clean_colour(value)
    except Invalid:
        raise Invalid(f"{label} must be a colour written #rrggbb, e.g. #4e79a7.") from None


def _form(spec: Mapping[str, object]) -> dict[str, Callable]:
    """A form's field cleaners that take a label (ids are the import's own business)."""
    return {name: rule for name, rule in spec.items() if isinstance(rule, partial)}


RULES: dict[str, dict[str, Callable]] = {
    "workshop": _form(workshops.WORKSHOP_FIELDS),
    "perspective": {"name": clean_name},
    "theme": {"name": clean_name, "description": clean_text, "colour": _colour},
    "head_office_theme": {"name": clean_name, "requirement": clean_text},
    "sister_unit": {"name": clean_name, "relationship": clean_text},
    "interview": _form(interviews.INTERVIEW_FIELDS),
    "participant": {"name": clean_name},
    "objective": _form(objectives.OBJECTIVE_FIELDS),
    "causal_link": {"hypothesis": partial(_single, max_len=500)},
    "measure": _form(measures.MEASURE_FIELDS),
    "initiative": _form(plan.INITIATIVE_FIELDS),
    "cascade_unit": _form(plan.CASCADE_FIELDS),
    "comment": {"author": clean_name, "body": partial(clean_text, required=True, max_len=5000)},
    "decision": {"subject": partial(clean_text, required=True, max_len=LONG_TEXT_MAX), "rationale": clean_text},
    "voting_round": {"title": partial(_single, max_len=200)},
    # a ballot item's label is the objective's title (or "measure (objective)") when it was opened
    "round_item": {"label": partial(_single, required=True, max_len=1000), "grouping": partial(_single, max_len=200)},
}


# what a form checks across fields, once each field is clean
def _no_cluster(row: dict) -> None:
    """A workshop file does not carry brainstorms yet: a round item naming a cluster would point at a
    cluster of whatever database it lands in, so the file is refused in words instead."""
    if row.get("cluster_id") is not None:
        raise Invalid("it is a dot vote on brainstorm clusters, which a workshop file does not carry yet; export the workshop without that round.")


ROW_RULES: dict[str, Callable[[dict], None]] = {
    "measure": measures.check_thresholds,
    "initiative": plan.check_dates,
    "round_item": _no_cluster,
}


# what a file may give in a friendlier form than the column holds, read before the columns are checked
READ_FIRST: dict[str, Callable[[dict], dict]] = {
    "measure": measures.with_target_read,  # a target as text: "< 2.00%", "98–100%", "AAA", "TBD"
}


def read_first(table: str, where: str, row: object) -> object:
    if table not in READ_FIRST or not isinstance(row, dict):
        return row
    try:
        return READ_FIRST[table](row)
    except Invalid as error:
        raise Invalid(f"{where}.target: {error}") from None


def clean(table: str, where: str, row: dict) -> dict:
    """The row with each field the forms clean cleaned as the forms do; `where` names the record."""
    rules = RULES.get(table, {})
    cleaned = dict(row)
    for column, value in row.items():
        if column in rules and value is not None:
            cleaned[column] = rules[column](value, label=f"{where}.{column}")
    if table in ROW_RULES:
        try:
            ROW_RULES[table](cleaned)
        except Invalid as error:
            raise Invalid(f"{where}: {error}") from None
    return cleaned
