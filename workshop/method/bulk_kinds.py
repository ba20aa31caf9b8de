"""The tables a facilitator can paste or upload, column by column, with their templates.

Each kind of row (objectives, causal links, measures, initiatives) names its columns as a
spreadsheet would, with the other names people give them; a template per kind is generated
from the same definitions, so the template and the reader cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop.method import bulk_tables


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Kind:
    key: str
    sheet: str
    noun: str
    columns: tuple[Column, ...]
    examples: tuple[tuple, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


OBJECTIVES = Kind(
    "objectives",
    "Objectives",
    "objective",
    (
        Column(
            "Objective",
            "title",
            True,
            ("title", "objective title", "strategic objective", "wording"),
            "Start with a verb: Grow renewals, Reduce delivery time.",
        ),
        Column(
            "Perspective",
            "perspective",
            True,
            ("perspektive",),
            "Financial, Customer, Internal processes or Learning & growth (as this workshop names them).",
        ),
        Column("Theme", "theme", False, ("strategic theme",), "A theme's name; a new name adds the theme."),
        Column("Owner", "owner", False, ("objective owner", "responsible")),
        Column(
            "Drawn from",
            "sources",
            False,
            ("source", "sources", "interview", "interviews"),
            "The executives whose interviews it came from, separated by ;",
        ),
        Column("Proposed by", "proposed_by", False, ("proposer",), "Or the person who proposed it."),
        Column("Description", "description", False, ("notes", "details")),
        Column("Decision", "decision", False, ("status", "outcome"), "Leave empty for a draft; agreed or dropped records the room's decision."),
        Column("Rationale", "rationale", False, ("why", "reason"), "Why it was dropped (required then)."),
    ),
    (
        ("Grow revenue from services", "Financial", "Grow services", "CFO", "", "Leadership team", "", "", ""),
        ("Certify every field engineer", "Learning & growth", "", "HR lead", "", "Operations team", "", "", ""),
    ),
)

LINKS = Kind(
    "links",
    "Links",
    "causal link",
    (
        Column("Cause", "cause", True, ("driver", "from", "cause objective"), "The objective that drives…"),
        Column("Effect", "effect", True, ("result", "to", "effect objective"), "…the objective it leads to."),
        Column("Hypothesis", "hypothesis", False, ("because", "why"), "Why the first leads to the second."),
    ),
    (("Certify every field engineer", "Grow revenue from services", "Certified engineers sell and deliver more service contracts."),),
)

MEASURES = Kind(
    "measures",
    "Measures",
    "measure",
    (
        Column("Objective", "objective", True, ("objective title",), "An objective's exact title."),
        Column("Measure", "name", True, ("kpi", "measure name", "indicator")),
        Column("Definition", "definition", False, ("what is counted",)),
        Column("Unit", "unit", False, (), "%, EUR, days … (a value typed as 20% sets %)."),
        Column("Lead/lag", "kind", False, ("lead or lag", "type", "kind"), "lead or lag (empty: not stated, never assumed)"),
        Column("Frequency", "frequency", False, ("how often",), "weekly, monthly, quarterly or annually (empty: not stated)"),
        Column("Better when", "direction", False, ("direction",), "higher or lower (default higher)"),
        Column("Baseline", "baseline", False, ("today", "current")),
        Column(
            "Target",
            "target",
            False,
            ("goal", "target value"),
            "24, ≥ 24 %, < 2 %, 98–100 %, a rating (AAA), a milestone (Launched by 2027-06-30) or TBD.",
        ),
        Column("Target date", "target_date", False, ("by", "date", "due"), "31.12.2027, 2027-12-31 or Q4 2027"),
        Column("Green from", "green", False, ("green",)),
        Column("Red beyond", "red", False, ("red",)),
        Column("Owner", "owner", False, ("measure owner",)),
        Column("Data source", "data_source", False, ("source", "system")),
        Column("How the data is obtained", "data_collection", False, ("data collection", "collection")),
        # new columns go last, so a table pasted without headers in the old order still reads
        Column("Rating scale", "rating_scale", False, ("scale", "rating levels"), "Only for a rating: its levels, best first (AAA > AA > A)."),
        Column(
            "Level or amount",
            "nature",
            False,
            ("level or flow", "nature", "level/flow"),
            "level (a value at the period's end) or amount (over the period); empty: not stated",
        ),
        Column("Year from periods", "year_rule", False, ("year rule", "how periods make up the year"), "sum, average or last"),
    ),
    (
        (
            "Grow revenue from services",
            "Service revenue",
            "Invoiced service revenue",
            "EUR",
            "lag",
            "quarterly",
            "higher",
            "1.2m",
            "2m",
            "Q4 2027",
            "1.8m",
            "1.4m",
            "CFO",
            "ERP",
            "Finance report",
            "",
            "amount",
            "sum",
        ),
        (
            "Certify every field engineer",
            "Engineers certified",
            "Share of field engineers certified",
            "%",
            "lead",
            "monthly",
            "higher",
            "40%",
            "90%",
            "31.12.2027",
            "80%",
            "60%",
            "HR lead",
            "HR system",
            "",
            "",
            "level",
            "last",
        ),
        (
            "Grow revenue from services",
            "Credit rating",
            "The agency's long-term rating",
            "",
            "lag",
            "annually",
            "higher",
            "",
            "AA",
            "31.12.2027",
            "",
            "",
            "CFO",
            "Rating agency",
            "",
            "AAA > AA > A > BBB",
            "level",
            "last",
        ),
    ),
)

INITIATIVES = Kind(
    "initiatives",
    "Initiatives",
    "initiative",
    (
        Column("Initiative", "name", True, ("name", "project", "action"), "A name for the action plan."),
        Column("Serves", "objectives", False, ("objectives", "objective", "objectives it serves"), "The objectives it serves, separated by ;"),
        Column("Owner", "owner", False, ("lead",)),
        Column("Start", "start_date", False, ("start date", "from", "begins")),
        Column("Deadline", "deadline", False, ("end", "due", "end date")),
        Column("Budget", "budget", False, ("cost",), "1,200,000 or 1.2m"),
        Column("Status", "status", False, (), "proposed, approved, in progress, done or cancelled"),
        Column("Action plan", "description", False, ("description", "tasks", "milestones")),
    ),
    (
        (
            "Field certification programme",
            "Certify every field engineer",
            "HR lead",
            "2027-01-01",
            "Q3 2027",
            "250k",
            "approved",
            "Curriculum in Q1; first cohort in Q2.",
        ),
    ),
)

KINDS = {k.key: k for k in (OBJECTIVES, LINKS, MEASURES, INITIATIVES)}
ORDER = ("objectives", "links", "measures", "initiatives")  # a later kind may name an earlier one's rows


def normalise(text: object) -> str:
    """A header or a name as compared: case, spacing, '&' and punctuation set aside."""
    text = str(text or "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^\w%]+", " ", text).split())


def kind_of_sheet(title: str) -> Kind | None:
    name = normalise(title)
    for kind in KINDS.values():
        if name in (kind.key, normalise(kind.sheet), kind.noun, normalise(kind.noun)) or (name.rstrip("s") == kind.noun.replace("causal ", "")):
            return kind
    return None


def header_map(kind: Kind, row: list[object]) -> dict[int, Column] | None:
    """Which column each cell of a header row names; None when the row is data, not a header."""
    names = {normalise(c.header): c for c in kind.columns}
    names.update({normalise(a): c for c in kind.columns for a in c.aliases})
    found = {i: names[normalise(cell)] for i, cell in enumerate(row) if normalise(cell) in names}
    filled = [cell for cell in row if str(cell or "").strip()]
    if not found or len(found) < max(1, len(filled) // 2):
        return None
    return found


def records(kind: Kind, table: list[list[object]]) -> tuple[list[tuple[int, dict]], list[str]]:
    """(row number, field → cell) for each row, and notes about columns left out.

    With a header row (any order, other names accepted) the numbers are the spreadsheet's own
    (data from row 2); without one the cells are read in the template's order from row 1."""
    if not table:
        return [], []
    mapping = header_map(kind, table[0])
    notes = []
    if mapping is None:
        mapping, first, body = dict(enumerate(kind.columns)), 1, table
        if max(len(r) for r in table) > len(kind.columns):
            notes.append(f"Some rows have more than {len(kind.columns)} cells; the extra ones were left out.")
    else:
        first, body = 2, table[1:]
        unknown = [str(c) for i, c in enumerate(table[0]) if i not in mapping and str(c or "").strip()]
        if unknown:
            notes.append("Columns left out (not ones I know): " + ", ".join(unknown) + ".")
    out = []
    for n, row in enumerate(body, start=first):
        values = {column.field: row[i] if i < len(row) else None for i, column in mapping.items()}
        if any(v is not None and str(v).strip() for v in values.values()):
            out.append((n, values))
    return out, notes


def template(kind: Kind | None = None, fmt: str = "xlsx") -> bytes:
    """A blank table to fill in: for one kind, or (kind None) a workbook with every kind."""
    kinds = [kind] if kind else [KINDS[k] for k in ORDER]
    if fmt == "csv":
        if kind is None:
            raise ValueError("a CSV template holds one kind of row")
        return bulk_tables.template_csv(kind.headers, [list(e) for e in kind.examples])
    return bulk_tables.template_xlsx({k.sheet: (k.headers, [list(e) for e in k.examples], [c.note for c in k.columns]) for k in kinds})
