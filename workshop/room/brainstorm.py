"""A brainstorm: silent writing, then the cards revealed at once, clustered, and voted or drafted.

Each person writes cards privately (an objective, a risk, an initiative or a free question) while the
brainstorm collects; nobody, the facilitator included, reads another's card before the reveal. The
reveal closes it to new cards (the schema refuses them) and puts each card in a cluster of its own.
The facilitator merges clusters under a stated lens (same outcome, same cause, …); every merge and
un-merge is a numbered step of the audit trail, kept. The tool may suggest clusters by offline text
similarity (`suggestions`), never applying one. The clusters then go to a dot vote (a normal round
whose items are the clusters) or straight into draft objectives, each keeping the cards behind it.

Names: a brainstorm is anonymous unless the facilitator said otherwise when opening it (the schema
fixes it). Who wrote a card is stored (to show a person their own cards), but a read for the room,
the facilitator or the projector of an anonymous brainstorm never selects it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from itertools import combinations

from lemminflect import getAllLemmas
from sqlite_utils import Database

from workshop.core.clean import clean_choice, clean_text, whole
from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.db import store
from workshop.i18n import N_
from workshop.method import objectives
from workshop.room import voting
from workshop.room.joining import participant_by_token

MAX_LENGTH = 300
MAX_CARDS = 20  # a person's cards in one brainstorm
KINDS = ("objective", "risk", "initiative", "question")
OPEN, REVEALED, SENT = "open", "revealed", "sent"
LENSES = {
    "outcome": "Same outcome",
    "cause": "Same cause",
    "customer": "Same customer",
    "process": "Same process",
    "capability": "Same capability",
    "other": "Another reason (say it in the cluster's title)",
}
SUGGEST_AT = 0.5  # similarity from which two clusters are suggested for a merge


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# --- the facilitator opens and reveals ------------------------------------------------------


def open_brainstorm(db: Database, workshop_id: int, prompt: object, *, named: bool = False) -> int:
    """Start collecting cards. `named` (shown with their writers' names) is decided now and kept."""
    text = clean_text(prompt, "The brainstorm's question", required=True, max_len=MAX_LENGTH, multiline=False)
    return store.insert(
        db,
        "brainstorm",
        {"workshop_id": workshop_id, "prompt": text, "named": int(bool(named))},
        duplicate="A brainstorm is already collecting cards: reveal it before opening another.",
    )


def _brainstorm(db: Database, workshop_id: int, brainstorm_id: object) -> dict:
    bid = whole(brainstorm_id)
    row = store.one(db, "SELECT * FROM brainstorm WHERE id = ? AND workshop_id = ?", [bid, workshop_id]) if bid is not None else None
    if row is None:
        raise NotFound(N_("That brainstorm is no longer here; the page has been refreshed."))
    return row


def latest(db: Database, workshop_id: int) -> dict | None:
    """The workshop's newest brainstorm (one indexed query: cheap enough for every refresh)."""
    return store.one(db, "SELECT * FROM brainstorm WHERE workshop_id = ? ORDER BY id DESC LIMIT 1", [workshop_id])


def brainstorms(db: Database, workshop_id: int) -> list[dict]:
    return store.rows(db, "SELECT * FROM brainstorm WHERE workshop_id = ? ORDER BY id DESC", [workshop_id])


def tally(db: Database, brainstorm_id: int) -> dict:
    """How many cards and how many writers so far: what the facilitator sees before the reveal."""
    row = store.one(
        db, "SELECT count(*) AS cards, count(DISTINCT participant_id) AS writers FROM brainstorm_card WHERE brainstorm_id = ?", [brainstorm_id]
    )
    return row or {"cards": 0, "writers": 0}


def reveal(db: Database, workshop_id: int, brainstorm_id: object) -> None:
    """Close the brainstorm to new cards and show them all, each in a cluster of its own. Twice is harmless."""
    with store.write(db):
        bs = _brainstorm(db, workshop_id, brainstorm_id)
        if bs["status"] != OPEN:
            return
        store.update(db, "brainstorm", bs["id"], {"status": REVEALED, "revealed_at": _now()})
        for card in store.rows(db, "SELECT id, body FROM brainstorm_card WHERE brainstorm_id = ? ORDER BY id", [bs["id"]]):
            cluster_id = store.insert(db, "brainstorm_cluster", {"brainstorm_id": bs["id"], "title": card["body"]})
            store.update(db, "brainstorm_card", card["id"], {"cluster_id": cluster_id})


# --- a participant writes ---------------------------------------------------------------------


def write_card(db: Database, token: str, brainstorm_id: object, kind: object, body: object) -> int:
    """A participant's card, stored privately until the reveal. The same card sent twice (a double
    tap, two tabs) is stored once."""
    text = "" if body is None else str(body).strip()
    if len(text) > MAX_LENGTH:
        raise Invalid(N_("A card holds at most {limit} characters; this one has {n}. Shorten it and add it again."), limit=MAX_LENGTH, n=len(text))
    text = clean_text(text, N_("Your card"), required=True, max_len=MAX_LENGTH)
    kind = clean_choice(kind, "The card's kind", KINDS)
    with store.write(db):
        me = participant_by_token(db, token)
        bs = _brainstorm(db, me["workshop_id"], brainstorm_id)
        if bs["status"] != OPEN:
            raise Invalid(N_("The facilitator has revealed the cards: this brainstorm takes no new ones."))
        same = store.one(
            db,
            "SELECT id FROM brainstorm_card WHERE brainstorm_id = ? AND participant_id = ? AND kind = ? AND body = ?",
            [bs["id"], me["id"], kind, text],
        )
        if same:
            return same["id"]
        mine = store.count(db, "SELECT count(*) FROM brainstorm_card WHERE brainstorm_id = ? AND participant_id = ?", [bs["id"], me["id"]])
        if mine >= MAX_CARDS:
            raise Invalid(N_("You have written {limit} cards, the most one person may: remove one to add another."), limit=MAX_CARDS)
        try:
            return store.insert(db, "brainstorm_card", {"brainstorm_id": bs["id"], "participant_id": me["id"], "kind": kind, "body": text})
        except Duplicate:  # pragma: no cover - the read above runs in the same write transaction
            raise Invalid(N_("You have written this card already.")) from None


def remove_card(db: Database, token: str, card_id: object) -> None:
    """A participant takes back one of their cards, while the brainstorm still collects."""
    with store.write(db):
        me = participant_by_token(db, token)
        card = store.one(
            db,
            "SELECT c.id, b.status FROM brainstorm_card c JOIN brainstorm b ON b.id = c.brainstorm_id WHERE c.id = ? AND c.participant_id = ?",
            [whole(card_id), me["id"]],
        )
        if card is None:
            return  # already gone: a second tap
        if card["status"] != OPEN:
            raise Invalid(N_("The cards are revealed: yours stays with the others now."))
        store.delete(db, "brainstorm_card", card["id"])


def my_cards(db: Database, token: str, brainstorm_id: int) -> list[dict]:
    me = participant_by_token(db, token)
    return store.rows(
        db, "SELECT id, kind, body FROM brainstorm_card WHERE brainstorm_id = ? AND participant_id = ? ORDER BY id", [brainstorm_id, me["id"]]
    )


# --- the board: clusters and their cards ----------------------------------------------------


def board(db: Database, workshop_id: int, brainstorm_id: object) -> list[dict]:
    """The revealed clusters that hold cards, largest first, each with its cards (`name` only in a
    named brainstorm) and the draft objective it became. Before the reveal: nothing."""
    bs = _brainstorm(db, workshop_id, brainstorm_id)
    if bs["status"] == OPEN:
        return []
    cards = store.rows(
        db,
        f"""SELECT c.id, c.kind, c.body, c.cluster_id, {"p.name" if bs["named"] else "NULL"} AS name
            FROM brainstorm_card c JOIN participant p ON p.id = c.participant_id
            WHERE c.brainstorm_id = ? ORDER BY c.id""",
        [bs["id"]],
    )
    clusters = {
        c["id"]: c | {"cards": []}
        for c in store.rows(
            db,
            """SELECT k.id, k.title, k.lens, k.objective_id, o.title AS objective FROM brainstorm_cluster k
               LEFT JOIN objective o ON o.id = k.objective_id WHERE k.brainstorm_id = ? ORDER BY k.id""",
            [bs["id"]],
        )
    }
    for card in cards:
        clusters[card["cluster_id"]]["cards"].append({k: card[k] for k in ("id", "kind", "body", "name")})
    held = [c for c in clusters.values() if c["cards"]]
    return sorted(held, key=lambda c: -len(c["cards"]))


def _editable(db: Database, workshop_id: int, brainstorm_id: object) -> dict:
    bs = _brainstorm(db, workshop_id, brainstorm_id)
    if bs["status"] == OPEN:
        raise Invalid("Reveal the cards before clustering them.")
    if bs["status"] == SENT:
        raise Invalid("The clusters went to a vote: they stay as they were voted.")
    return bs


def _cluster(db: Database, brainstorm_id: int, cluster_id: object) -> dict:
    cid = whole(cluster_id)
    row = store.one(db, "SELECT * FROM brainstorm_cluster WHERE id = ? AND brainstorm_id = ?", [cid, brainstorm_id]) if cid is not None else None
    if row is None:
        raise NotFound("That cluster is no longer here; the board has been refreshed.")
    return row


def _next_step(db: Database, brainstorm_id: int) -> int:
    return store.count(db, "SELECT coalesce(max(step), 0) + 1 FROM brainstorm_merge WHERE brainstorm_id = ?", [brainstorm_id])


def merge(db: Database, workshop_id: int, brainstorm_id: object, cluster_ids: list, lens: object, title: object = None) -> int:
    """Merge clusters into the first one under a stated lens; the step names every card of the merged
    cluster (the ones that moved and the ones already there). Returns the merged cluster's id."""
    lens = clean_choice(lens, "The lens", tuple(LENSES))
    with store.write(db):
        bs = _editable(db, workshop_id, brainstorm_id)
        chosen = [_cluster(db, bs["id"], c) for c in dict.fromkeys(cluster_ids)]
        if len(chosen) < 2:
            raise Invalid("Choose at least two cards or clusters to merge.")
        if any(c["objective_id"] for c in chosen):
            raise Invalid("A cluster that became a draft objective stays as it is.")
        into, step = chosen[0], _next_step(db, bs["id"])
        for cluster in chosen:
            for card in store.rows(db, "SELECT id FROM brainstorm_card WHERE cluster_id = ? ORDER BY id", [cluster["id"]]):
                store.update(db, "brainstorm_card", card["id"], {"cluster_id": into["id"]})
                store.insert(
                    db,
                    "brainstorm_merge",
                    {"brainstorm_id": bs["id"], "step": step, "card_id": card["id"], "from_cluster_id": cluster["id"], "to_cluster_id": into["id"]}
                    | {"action": "merged", "lens": lens, "at": _now()},
                )
        changes: dict = {"lens": lens}
        if title is not None and str(title).strip():
            changes["title"] = clean_text(title, "The cluster's title", required=True, max_len=MAX_LENGTH, multiline=False)
        store.update(db, "brainstorm_cluster", into["id"], changes)
    return into["id"]


def unmerge(db: Database, workshop_id: int, brainstorm_id: object, card_id: object) -> int:
    """Take one card out of its cluster into a cluster of its own (a step of the trail). Returns the new cluster's id."""
    with store.write(db):
        bs = _editable(db, workshop_id, brainstorm_id)
        card = store.one(db, "SELECT * FROM brainstorm_card WHERE id = ? AND brainstorm_id = ?", [whole(card_id), bs["id"]])
        if card is None:
            raise NotFound("That card is no longer here; the board has been refreshed.")
        old = _cluster(db, bs["id"], card["cluster_id"])
        if old["objective_id"]:
            raise Invalid("A cluster that became a draft objective stays as it is.")
        left = store.count(db, "SELECT count(*) FROM brainstorm_card WHERE cluster_id = ?", [old["id"]])
        if left < 2:
            raise Invalid("That card stands on its own already.")
        new_id = store.insert(db, "brainstorm_cluster", {"brainstorm_id": bs["id"], "title": card["body"]})
        store.update(db, "brainstorm_card", card["id"], {"cluster_id": new_id})
        store.insert(
            db,
            "brainstorm_merge",
            {
                "brainstorm_id": bs["id"],
                "step": _next_step(db, bs["id"]),
                "card_id": card["id"],
                "from_cluster_id": old["id"],
                "to_cluster_id": new_id,
            }
            | {"action": "unmerged", "at": _now()},
        )
        if left == 2:  # one card left: no longer a merge, no lens
            store.update(db, "brainstorm_cluster", old["id"], {"lens": None})
    return new_id


def rename_cluster(db: Database, workshop_id: int, brainstorm_id: object, cluster_id: object, title: object) -> None:
    with store.write(db):
        bs = _editable(db, workshop_id, brainstorm_id)
        cluster = _cluster(db, bs["id"], cluster_id)
        store.update(
            db,
            "brainstorm_cluster",
            cluster["id"],
            {"title": clean_text(title, "The cluster's title", required=True, max_len=MAX_LENGTH, multiline=False)},
        )


def trail(db: Database, workshop_id: int, brainstorm_id: object) -> list[dict]:
    """The audit trail, oldest first: each step with its action, lens, time, and its cards
    (`body`, `moved`: whether this step moved it)."""
    bs = _brainstorm(db, workshop_id, brainstorm_id)
    rows = store.rows(
        db,
        """SELECT m.step, m.action, m.lens, m.at, m.from_cluster_id <> m.to_cluster_id AS moved, c.body
           FROM brainstorm_merge m JOIN brainstorm_card c ON c.id = m.card_id
           WHERE m.brainstorm_id = ? ORDER BY m.step, m.id""",
        [bs["id"]],
    )
    steps: dict[int, dict] = {}
    for row in rows:
        step = steps.setdefault(row["step"], {k: row[k] for k in ("step", "action", "lens", "at")} | {"cards": []})
        step["cards"].append({"body": row["body"], "moved": bool(row["moved"])})
    return list(steps.values())


# --- suggestions: offline text similarity, never applied by themselves ----------------------

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = frozenset(  # a few English words that say nothing of a card's subject
    _WORD.findall(
        "a an and are as at be by for from has have how in into is it its of on or our so than that the their them then there these this to too "
        "we what when which who why will with without more less new all any can do does not no"
    )
)


def _lemma(word: str) -> str:
    found = getAllLemmas(word)
    for pos in ("NOUN", "VERB", "ADJ", "ADV"):
        if pos in found:
            return found[pos][0]
    return word


def _terms(text: str) -> frozenset[str]:
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(_lemma(w) for w in words if w not in _STOP and len(w) > 1)


def similarity(a: str, b: str) -> float:
    """How alike two cards read, 0 to 1: the overlap of their words' lemmas (Jaccard), or the
    character similarity when that is higher (short cards, other languages, typos)."""
    ta, tb = _terms(a), _terms(b)
    words = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    chars = difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()
    return max(words, chars if min(len(a), len(b)) >= 12 else 0.0)


def suggestions(db: Database, workshop_id: int, brainstorm_id: object, at: float = SUGGEST_AT) -> list[dict]:
    """Pairs of clusters that read alike, most alike first: {clusters: [id, id], titles, score,
    shared (the lemmas in common)}. Only a suggestion: nothing changes until the facilitator merges."""
    held = [c for c in board(db, workshop_id, brainstorm_id) if not c["objective_id"]]
    texts = {c["id"]: " ".join([c["title"], *(k["body"] for k in c["cards"])]) for c in held}
    found: list[dict] = []
    for a, b in combinations(held, 2):
        score = similarity(texts[a["id"]], texts[b["id"]])
        if score >= at:
            shared = sorted(_terms(texts[a["id"]]) & _terms(texts[b["id"]]))
            found.append({"clusters": [a["id"], b["id"]], "titles": [a["title"], b["title"]], "score": round(score, 2), "shared": shared})
    found.sort(key=lambda s: s["score"], reverse=True)
    return found[:20]


# --- the clusters go to a vote, or into drafts ----------------------------------------------


def send_to_vote(
    db: Database,
    workshop_id: int,
    brainstorm_id: object,
    *,
    dots_total: int = 3,
    dots_per_item: int = 1,
    anonymity: str = "anonymous",
    title: str = "",
) -> int:
    """Open a dot vote whose items are the clusters; the clusters are then fixed as voted."""
    with store.write(db):
        bs = _editable(db, workshop_id, brainstorm_id)
        clusters = voting.cluster_items(db, workshop_id, bs["id"])
        if len(clusters) < 2:
            raise Invalid("A vote needs at least two clusters.")
        round_id = voting.open_round(
            db,
            workshop_id,
            [("cluster", c["id"]) for c in clusters],
            method="dots",
            title=title or f"Dot vote: {bs['prompt']}"[:200],
            anonymity=anonymity,
            dots_total=dots_total,
            dots_per_item=dots_per_item,
            brainstorm_id=bs["id"],
        )
        # off the projector: the room's screen follows the vote now
        store.update(db, "brainstorm", bs["id"], {"status": SENT, "round_id": round_id, "on_screen": 0})
    return round_id


def dots(db: Database, round_id: int | None) -> dict[int, int]:
    """The dots each cluster received in the brainstorm's vote so far: {cluster id: dots}."""
    if round_id is None:
        return {}
    return {
        r["cluster_id"]: r["dots"]
        for r in store.rows(
            db,
            """SELECT i.cluster_id, coalesce(sum(b.dots), 0) AS dots FROM round_item i LEFT JOIN ballot b ON b.item_id = i.id
               WHERE i.round_id = ? AND i.cluster_id IS NOT NULL GROUP BY i.id""",
            [round_id],
        )
    }


def to_draft(db: Database, workshop_id: int, brainstorm_id: object, cluster_id: object, perspective_id: object, title: object = None) -> int:
    """The cluster becomes a draft objective; the cluster keeps it, and its cards stay behind it (the provenance)."""
    with store.write(db):
        bs = _brainstorm(db, workshop_id, brainstorm_id)
        if bs["status"] == OPEN:
            raise Invalid("Reveal the cards before drafting from them.")
        cluster = _cluster(db, bs["id"], cluster_id)
        if cluster["objective_id"]:
            raise Duplicate("This cluster is a draft objective already.")
        cards = store.rows(db, "SELECT body FROM brainstorm_card WHERE cluster_id = ? ORDER BY id", [cluster["id"]])
        if not cards:
            raise Invalid("That cluster holds no cards.")
        name = str(title).strip() if title is not None and str(title).strip() else cluster["title"]
        if len(name) > 200:
            raise Invalid("An objective's title holds at most 200 characters: give this one a shorter title.")
        objective_id = objectives.add_objective(db, workshop_id, name, whole(perspective_id), proposed_by="Brainstorm")
        store.update(db, "brainstorm_cluster", cluster["id"], {"objective_id": objective_id})
    return objective_id


def provenance(db: Database, objective_id: int) -> dict | None:
    """Where a draft objective came from: the brainstorm's question, the cluster's lens and its cards (no names)."""
    cluster = store.one(
        db,
        """SELECT k.id, k.title, k.lens, b.prompt, b.id AS brainstorm_id FROM brainstorm_cluster k
           JOIN brainstorm b ON b.id = k.brainstorm_id WHERE k.objective_id = ?""",
        [objective_id],
    )
    if cluster is None:
        return None
    cards = store.rows(db, "SELECT kind, body FROM brainstorm_card WHERE cluster_id = ? ORDER BY id", [cluster["id"]])
    return cluster | {"cards": cards}


def show_on_screen(db: Database, workshop_id: int, brainstorm_id: object | None) -> None:
    """Put a brainstorm on the projector (its question and count while open, its clusters once
    revealed), taking any other off; None takes it down."""
    with store.write(db):
        db.execute("UPDATE brainstorm SET on_screen = 0 WHERE workshop_id = ? AND on_screen = 1", [workshop_id])
        if brainstorm_id is not None:
            store.update(db, "brainstorm", _brainstorm(db, workshop_id, brainstorm_id)["id"], {"on_screen": 1})


def on_screen_id(db: Database, workshop_id: int) -> int | None:
    row = store.one(db, "SELECT id FROM brainstorm WHERE workshop_id = ? AND on_screen = 1", [workshop_id])
    return row["id"] if row else None


def fingerprint(db: Database, brainstorm_id: int) -> tuple:
    """Changes whenever a card is written or removed, the brainstorm revealed or sent, or a cluster changes."""
    row = store.one(
        db,
        """SELECT b.status, (SELECT count(*) FROM brainstorm_card WHERE brainstorm_id = b.id) AS cards,
                  (SELECT coalesce(max(id), 0) FROM brainstorm_card WHERE brainstorm_id = b.id) AS last,
                  (SELECT count(*) FROM brainstorm_merge WHERE brainstorm_id = b.id) AS steps,
                  (SELECT count(*) FROM brainstorm_cluster WHERE brainstorm_id = b.id AND objective_id IS NOT NULL) AS drafted
           FROM brainstorm b WHERE b.id = ?""",
        [brainstorm_id],
    )
    return tuple(row.values()) if row else ()
