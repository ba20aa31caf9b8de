"""Strategic themes, objectives (with where each came from) and the causal links between them."""

from __future__ import annotations

from functools import partial

from sqlite_utils import Database

from workshop.core.clean import clean_fields, clean_name, clean_text
from workshop.core.errors import Invalid, NotFound
from workshop.db import store

THEME_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#edc948")


def _required_id(value: object, message: str) -> int:
    if value is None or value == "":
        raise Invalid(message)
    return int(value)  # type: ignore[call-overload]  # an id from a widget or a form: int or str


OBJECTIVE_FIELDS = {
    "title": partial(clean_name, label="The objective's title"),
    "description": partial(clean_text, label="The description"),
    "owner": partial(clean_name, label="The owner", required=False),
    "proposed_by": partial(clean_name, label="Proposed by", required=False),
    "perspective_id": lambda v: _required_id(v, "Choose the objective's perspective."),
    "theme_id": lambda v: None if v in (None, "") else int(v),
    "all_themes": lambda v: 1 if v in (True, 1, "1") else 0,
}


# --- themes -------------------------------------------------------------------------------


def add_theme(db: Database, workshop_id: int, name: str, description: str = "", colour: str | None = None) -> int:
    count = store.count(db, "SELECT count(*) AS n FROM theme WHERE workshop_id = ?", [workshop_id])
    row = {
        "workshop_id": workshop_id,
        "name": clean_name(name, "The theme's name"),
        "description": clean_text(description, "The theme's description"),
        "colour": colour or THEME_COLOURS[count % len(THEME_COLOURS)],
    }
    return store.insert(db, "theme", row, duplicate=f"The theme “{row['name']}” already exists.")


def themes(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM theme WHERE workshop_id = ? ORDER BY id", [workshop_id])


def delete_theme(db: Database, theme_id: int) -> None:
    store.delete(db, "theme", theme_id)


# --- objectives ---------------------------------------------------------------------------


def _check_belongs(db: Database, workshop_id: int, perspective_id: int | None, theme_id: int | None) -> None:
    if perspective_id is not None and not store.one(db, "SELECT 1 FROM perspective WHERE id = ? AND workshop_id = ?", [perspective_id, workshop_id]):
        raise Invalid("Choose one of this workshop's perspectives.")
    if theme_id is not None and not store.one(db, "SELECT 1 FROM theme WHERE id = ? AND workshop_id = ?", [theme_id, workshop_id]):
        raise Invalid("Choose one of this workshop's themes.")


def add_objective(
    db: Database,
    workshop_id: int,
    title: str,
    perspective_id: int | None,
    *,
    theme_id: int | None = None,
    description: str = "",
    owner: str = "",
    proposed_by: str = "",
    sources: list[int] | tuple[int, ...] = (),
    proposed_by_participant_id: int | None = None,
    other_theme_ids: list[int] | tuple[int, ...] = (),
    all_themes: bool = False,
) -> int:
    """A draft objective; `sources` are the interviews it was drawn from (its provenance);
    `other_theme_ids` the themes it serves beyond its main one; `all_themes` marks one that serves
    every theme (it then has no main theme). Without a perspective (a form sent before one was
    chosen) it is refused in words."""
    row = _every_theme_or_its_own(
        clean_fields(
            OBJECTIVE_FIELDS,
            {
                "title": title,
                "perspective_id": perspective_id,
                "theme_id": theme_id,
                "description": description,
                "owner": owner,
                "proposed_by": proposed_by,
                "all_themes": all_themes,
            },
        )
    )
    with store.write(db):
        _check_belongs(db, workshop_id, row["perspective_id"], row["theme_id"])
        objective_id = store.insert(
            db,
            "objective",
            {"workshop_id": workshop_id, "status": "draft", "proposed_by_participant_id": proposed_by_participant_id, **row},
            duplicate=f"An objective called “{row['title']}” already exists in this workshop.",
        )
        set_sources(db, objective_id, sources)
        if other_theme_ids:
            set_other_themes(db, objective_id, other_theme_ids)
    return objective_id


def _every_theme_or_its_own(row: dict) -> dict:
    """An objective serves every theme or themes of its own: marking it clears its main theme, and
    choosing a main theme unmarks it."""
    if row.get("all_themes"):
        return {**row, "theme_id": None}
    if row.get("theme_id") is not None:
        return {**row, "all_themes": 0}
    return row


def update_objective(db: Database, objective_id: int, *, other_theme_ids: list[int] | tuple[int, ...] | None = None, **values) -> None:
    """Change an objective; `other_theme_ids`, when given, replaces the themes it also serves;
    `all_themes=True` marks it as serving every theme (its own themes go)."""
    row = _every_theme_or_its_own(clean_fields(OBJECTIVE_FIELDS, values))
    with store.write(db):
        current = get_objective(db, objective_id)
        _check_belongs(db, current["workshop_id"], row.get("perspective_id"), row.get("theme_id"))
        store.update(db, "objective", objective_id, row, duplicate="Another objective already has that title.")
        if other_theme_ids is not None:
            set_other_themes(db, objective_id, other_theme_ids)


def set_other_themes(db: Database, objective_id: int, theme_ids: list[int] | tuple[int, ...]) -> None:
    """The themes an objective serves beyond its main one (a cross-cutting focus area it also
    advances). Its main theme is left out if listed; an objective with no main theme takes none."""
    with store.write(db):
        current = get_objective(db, objective_id)
        wanted = [t for t in dict.fromkeys(int(t) for t in theme_ids) if t != current["theme_id"]]
        if wanted and current["theme_id"] is None:
            raise Invalid("Choose the objective's main theme first; the others are themes it also serves.")
        for theme_id in wanted:
            _check_belongs(db, current["workshop_id"], None, theme_id)
        db.execute("DELETE FROM objective_theme WHERE objective_id = ?", [objective_id])
        db.table("objective_theme").insert_all({"objective_id": objective_id, "theme_id": t} for t in wanted)


def set_sources(db: Database, objective_id: int, interview_ids: list[int] | tuple[int, ...]) -> None:
    with store.write(db):
        workshop_id = get_objective(db, objective_id)["workshop_id"]
        db.execute("DELETE FROM objective_source WHERE objective_id = ?", [objective_id])
        for interview_id in dict.fromkeys(int(i) for i in interview_ids):
            if not store.one(db, "SELECT 1 FROM interview WHERE id = ? AND workshop_id = ?", [interview_id, workshop_id]):
                raise Invalid("A source must be one of this workshop's interviews.")
            db.table("objective_source").insert({"objective_id": objective_id, "interview_id": interview_id})


def update_draft(db: Database, objective_id: int, *, sources: list[int], **values) -> None:
    """Edit a draft and where it came from, in one transaction."""
    with store.write(db):
        update_objective(db, objective_id, **values)
        set_sources(db, objective_id, sources)


def get_objective(db: Database, objective_id: int) -> dict:
    return store.get(db, "objective", objective_id, "objective")


def objectives(db: Database, workshop_id: int, statuses: tuple[str, ...] = ("draft", "agreed", "dropped")) -> list[dict]:
    marks = ", ".join("?" for _ in statuses)
    return store.rows(
        db,
        f"""
        SELECT o.*, p.name AS perspective, p.position, t.name AS theme,
               (SELECT group_concat(i.executive, ', ') FROM objective_source s
                  JOIN interview i ON i.id = s.interview_id WHERE s.objective_id = o.id) AS sources
        FROM objective o JOIN perspective p ON p.id = o.perspective_id
        LEFT JOIN theme t ON t.id = o.theme_id
        WHERE o.workshop_id = ? AND o.status IN ({marks})
        ORDER BY p.position, o.id""",
        [workshop_id, *statuses],
    )


def delete_objective(db: Database, objective_id: int) -> None:
    """Only a draft can be deleted: an agreed or dropped objective is part of the decision record."""
    with store.write(db):
        if get_objective(db, objective_id)["status"] != "draft":
            raise Invalid("Only a draft can be deleted; reopen a decided objective instead, so the decision log keeps its history.")
        store.delete(db, "objective", objective_id)


# --- causal links -------------------------------------------------------------------------


def _path(db: Database, start: int, goal: int) -> list[int] | None:
    """Objectives on a causal path start → … → goal, if there is one."""
    edges: dict[int, list[int]] = {}
    workshop_id = get_objective(db, start)["workshop_id"]
    for link in store.rows(db, "SELECT cause_id, effect_id FROM causal_link WHERE workshop_id = ?", [workshop_id]):
        edges.setdefault(link["cause_id"], []).append(link["effect_id"])
    came_from: dict[int, int | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            path = [node]
            step = came_from[node]
            while step is not None:
                path.append(step)
                step = came_from[step]
            return path[::-1]
        for nxt in edges.get(node, []):
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None


def add_link(db: Database, cause_id: int, effect_id: int, hypothesis: str = "") -> int:
    """Cause → effect. A link that would close a loop is refused, naming the loop."""
    hypothesis = clean_text(hypothesis, "The hypothesis", max_len=500, multiline=False)
    with store.write(db):
        cause, effect = get_objective(db, cause_id), get_objective(db, effect_id)
        if cause["workshop_id"] != effect["workshop_id"]:
            raise Invalid("Both objectives must belong to this workshop.")
        if cause_id == effect_id:
            raise Invalid("An objective cannot cause itself; choose two different objectives.")
        loop = _path(db, effect_id, cause_id)
        if loop:
            titles = [get_objective(db, i)["title"] for i in loop] + [effect["title"]]
            raise Invalid(
                "That link would close a loop: " + " → ".join(titles) + ". Cause and effect must run one way; remove a link in the loop first."
            )
        return store.insert(
            db,
            "causal_link",
            {"workshop_id": cause["workshop_id"], "cause_id": cause_id, "effect_id": effect_id, "hypothesis": hypothesis},
            duplicate=f"“{cause['title']}” already drives “{effect['title']}”.",
        )


def links(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(
        db,
        """
        SELECT l.*, c.title AS cause, e.title AS effect FROM causal_link l
        JOIN objective c ON c.id = l.cause_id JOIN objective e ON e.id = l.effect_id
        WHERE l.workshop_id = ? ORDER BY l.id""",
        [workshop_id],
    )


def remove_link(db: Database, link_id: int) -> None:
    with store.write(db):
        if not store.one(db, "SELECT 1 FROM causal_link WHERE id = ?", [link_id]):
            raise NotFound("That link no longer exists.")
        store.delete(db, "causal_link", link_id)
