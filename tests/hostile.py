"""A workshop whose every text field is hostile: markup, remote and local URLs, formulas, huge texts."""

from __future__ import annotations

import secrets

from workshop.db import store
from workshop.method import decisions, interviews, measures, objectives, plan, workshops

HUGE = ("The room argued at length. " * 1852)[:50_000]
LONG_WORD = "Supercalifragilistic" * 10  # 200 characters, no break opportunity


def payloads(url: str) -> dict[str, str]:
    """Texts that would fetch `url` (or a local file) if they ever reached WeasyPrint as markup."""
    return {
        "img": f'<img src="{url}/img.png">',
        "link": f'<link rel="stylesheet" href="{url}/style.css">',
        "css": f'<div style="background: url({url}/bg.png)">x</div>',
        "file_css": '<p style="background: url(file:///etc/hostname)">y</p>',
        "file": "file:///etc/hostname",
        "import": f"<style>@import url({url}/import.css);</style>",
        "script": "<script>alert('owned')</script><b>bold?</b>",
    }


def build(db, url: str = "http://127.0.0.1:9") -> int:
    """A hostile workshop through the real services; returns its id."""
    p = payloads(url)
    with store.write(db):
        wid = workshops.create_workshop(
            db,
            "Org " + p["script"],
            "Unit " + p["img"],
            facilitator="=cmd|' /C calc'!A0",
            vision=HUGE + " " + p["link"],
            mission=LONG_WORD * 5 + " " + p["css"],
            strategy_summary=p["import"] + " " + p["file_css"],
            unit_description=p["file"],
        )
        persp = {r["key"]: r["id"] for r in workshops.perspectives(db, wid)}
        theme = objectives.add_theme(db, wid, "Theme " + p["script"][:40], HUGE)
        interviews.record_interview(db, wid, "Exec " + p["img"][:60], role="=1+1", notes=HUGE, strategy=p["link"])
        ids = []
        for n, key in enumerate(["financial", "customer", "internal", "learning"]):
            ids.append(
                objectives.add_objective(
                    db,
                    wid,
                    f"{n} <script>alert({n})</script> {LONG_WORD[:120]}",
                    persp[key],
                    theme_id=theme,
                    owner="@SUM(A1:A9)",
                    description=HUGE if n == 0 else p["img"],
                )
            )
            decisions.decide_objective(db, ids[-1], "agreed", HUGE if n == 1 else p["file_css"])
            measures.add_measure(
                db,
                ids[-1],
                f'=HYPERLINK("{url}","click") {n}',
                unit="-1+1",
                definition=HUGE,
                data_source="+SUM(1,2)",
                data_collection=p["img"],
                owner="-2+3",
                baseline=-5,
                target=10,
                green=8,
                red=2,
                target_date="2027-12-31",
            )
        objectives.add_link(db, ids[3], ids[2], p["script"])
        plan.add_initiative(
            db,
            wid,
            "=1+2 " + LONG_WORD[:100],
            ids[:2],
            owner="@me",
            description=HUGE,
            start_date="2027-01-01",
            deadline="2027-06-30",
            budget=1000,
            status="approved",
        )
        plan.add_cascade_unit(db, wid, "Sub " + p["script"][:50], approach=HUGE)
        person = store.insert(db, "participant", {"workshop_id": wid, "name": "P " + p["script"][:50], "token": secrets.token_urlsafe(16)})
        store.insert(
            db,
            "comment",
            {"workshop_id": wid, "objective_id": ids[0], "participant_id": person, "author": "P " + p["img"][:40], "body": HUGE + p["link"]},
        )
        db.execute("UPDATE workshop SET phase = 5 WHERE id = ?", [wid])
    return wid
