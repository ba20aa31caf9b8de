"""Typing into the 100-point split on a phone (390×844): each number stays in the field that was
tapped. Before the fix, leaving a field redrew the ballot and put the focus back into the field just
left, so "15" typed after tapping the second field landed in the first ("5100")."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import ROOT, wait_for_app

from workshop.db import store
from workshop.room import joining, voting

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("SHOTS") or ROOT / "out" / "split-typing")


def test_numbers_typed_into_four_split_fields_each_stay_in_the_field_tapped(demo_app, browser):
    app, wid = demo_app
    db = store.connect(app.db_file)
    initiatives = [r["id"] for r in db.query("SELECT id FROM initiative WHERE workshop_id = ? ORDER BY id LIMIT 4", [wid])]
    rid = voting.open_round(db, wid, [("initiative", i) for i in initiatives], method="split", workshop_number=3, title="Next year's money")
    names = [i["label"] for i in voting.round_items(db, rid)]
    token = joining.join(db, joining.join_code(db, wid), "Ana Ruiz")["token"]

    page = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True, is_mobile=True).new_page()
    page.goto(f"{app.url}/?t={token}")
    wait_for_app(page)
    page.locator(".sw-round-title", has_text="Next year's money").first.wait_for(timeout=30_000)
    fields = [page.get_by_role("spinbutton", name=f"Points for {name}") for name in names]
    for field, typed in zip(fields, ("30", "15", "25", "30")):
        field.tap()  # a finger, as on the phone: the focus follows it
        page.keyboard.press("Control+A")
        page.keyboard.type(typed, delay=40)
    fields[0].tap()  # leave the last field, as a finger does
    assert [f.input_value() for f in fields] == ["30", "15", "25", "30"]
    page.locator(".sw-progress", has_text="All 100 points spread").wait_for(timeout=10_000)
    assert "100 points spread" in page.locator(".sw-budget").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-split-typed.png"))
    page.get_by_role("button", name="Submit my votes").click()
    page.locator(".sw-status-ok", has_text="Your votes are in").wait_for(timeout=30_000)
    mine = voting.my_ballots(db, token, rid)
    by_label = {i["label"]: i["id"] for i in voting.round_items(db, rid)}
    assert [mine[by_label[name]]["points"] for name in names] == [30, 15, 25, 30]
    db.close()
