"""Priority grids and 100-point splits on the pages (AppTest) and in the PDF: the round form offers
each method with its own settings only, the ballot gets what it needs, the simple form takes both,
and the consensus record prints the scatter and the split beside the budget."""

import json
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from ui import nav
from workshop.db import store
from workshop.deliverables import record
from workshop.deliverables.deck import slides
from workshop.deliverables.report import document
from workshop.deliverables.workbook import sheets
from workshop.method import objectives, plan, workshops
from workshop.room import joining, voting
from workshop.starters import starting

ROOT = Path(__file__).resolve().parent.parent
PASS = "facilitate well"
BUDGETS = {"Migrate to the cloud": 400_000, "Train the sales team": 100_000, "New billing <b>system</b>": 500_000}


@pytest.fixture
def live(db_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(db_path))
    db = store.connect(db_path)
    wid = starting.create_workshop(db, "Atlas", "Cloud", passphrase=PASS)
    iids = [plan.add_initiative(db, wid, name, budget=b) for name, b in BUDGETS.items()]
    ann = joining.join(db, joining.join_code(db, wid), "Ann")
    yield db, wid, iids, ann
    db.close()


def facilitator(wid: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["w"] = str(wid)
    at.session_state["unlocked"] = {wid}
    return at.run().switch_page(nav.ROUNDS.script).run()


def test_the_round_form_opens_a_grid_with_its_axes_and_a_split_on_initiatives_only(live):
    db, wid, iids, _ = live
    at = facilitator(wid)
    at.radio(key="round-workshop").set_value(3).run()
    at.radio(key="round-method").set_value("grid").run()
    assert not at.exception
    assert "round-axes" in [s.key for s in at.selectbox] and "round-dots" not in [n.key for n in at.number_input]
    at.selectbox(key="round-axes").set_value("importance_urgency").run()
    assert "Do first · Schedule · Delegate · Drop" in " ".join(c.value for c in at.caption)
    at.button(key=f"all-{wid}-3-initiative").click().run()
    at.button(key="open-round").click().run()
    assert not at.exception
    grid = voting.open_rounds(db, wid)[0]
    assert (grid["method"], grid["grid_axes"]) == ("grid", "importance_urgency")

    at.button(key="new-round").click().run()  # the form folded away once the round opened
    at.radio(key="round-workshop").set_value(3)
    at.radio(key="round-method").set_value("split").run()
    assert "round-axes" not in [s.key for s in at.selectbox]
    offered = [c.label for c in at.checkbox if c.key.startswith("pick-")]
    assert offered[:2] == list(BUDGETS)[:2] and len(offered) == 3  # initiatives only
    at.button(key=f"all-{wid}-3-initiative").click().run()
    at.button(key="open-round").click().run()
    assert not at.exception
    split = voting.open_rounds(db, wid)[-1]
    assert split["method"] == "split" and len(voting.round_items(db, split["id"])) == 3


def test_a_split_offered_in_a_workshop_without_initiatives_says_where_they_are(live):
    _, wid, _, _ = live
    at = facilitator(wid)
    at.radio(key="round-method").set_value("split").run()  # workshop 1: drafts, no initiatives
    assert "A 100-point split is across initiatives" in " ".join(i.value for i in at.info)
    assert not at.exception


def _participant(token: str, simple: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["t"] = token
    if simple:
        at.session_state["simple-form"] = True
    return at.run()


def test_the_ballot_is_given_the_grids_axes_and_the_splits_total(live):
    db, wid, iids, ann = live
    voting.open_round(db, wid, [("initiative", i) for i in iids], method="grid", workshop_number=3)
    voting.open_round(db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3)
    at = _participant(ann["token"])
    found = [e for e in at.get("bidi_component") if e.proto.component_name == "scorecard_workshop.ballot"]
    data = json.loads(found[0].proto.json)
    grid, split = data["rounds"]
    assert grid["axes"]["y"]["name"] == "Impact" and grid["axes"]["x"]["low"] == "little effort"
    assert (split["total"], split["step"]) == (100, 5)
    assert [i["title"] for i in split["items"]][2] == "New billing <b>system</b>"  # as data, drawn as text


def test_the_simple_form_takes_a_placement_and_refuses_a_split_short_of_one_hundred(live):
    db, wid, iids, ann = live
    grid = voting.open_round(db, wid, [("initiative", i) for i in iids[:2]], method="grid", workshop_number=3)
    a, b = [i["id"] for i in voting.round_items(db, grid)]
    at = _participant(ann["token"], simple=True)
    at.radio(key=f"vote-{grid}-{a}-y").set_value("5")
    at.radio(key=f"vote-{grid}-{a}-x").set_value("2")
    at.checkbox(key=f"vote-{grid}-{b}-skip").check()
    at.button(key=f"submit-ballot-{grid}").click().run()
    assert not at.exception
    mine = voting.my_ballots(db, ann["token"], grid)
    assert (mine[a]["grid_y"], mine[a]["grid_x"], mine[b]["skipped"]) == (5, 2, 1)
    voting.close_round(db, grid)

    split = voting.open_round(db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3)
    items = [i["id"] for i in voting.round_items(db, split)]
    at = _participant(ann["token"], simple=True)
    at.number_input(key=f"vote-{split}-{items[0]}").set_value(60)
    at.number_input(key=f"vote-{split}-{items[1]}").set_value(30)
    at.button(key=f"submit-ballot-{split}").click().run()
    assert "You gave 90 of your 100 points" in " ".join(e.value for e in at.error)
    assert voting.my_ballots(db, ann["token"], split) == {}
    at.number_input(key=f"vote-{split}-{items[2]}").set_value(10)
    at.button(key=f"submit-ballot-{split}").click().run()
    assert sum(b["points"] for b in voting.my_ballots(db, ann["token"], split).values()) == 100


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_prints_the_grid_and_the_split_beside_the_planned_budget(live, tmp_path):
    db, wid, iids, ann = live
    bob = joining.join(db, joining.join_code(db, wid), "Bob")
    grid = voting.open_round(db, wid, [("initiative", i) for i in iids], method="grid", workshop_number=3, title="Where do they sit?")
    g = [i["id"] for i in voting.round_items(db, grid)]
    split = voting.open_round(db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3, title="Where should the money go?")
    s = [i["id"] for i in voting.round_items(db, split)]
    for person in (ann, bob):
        voting.submit(db, person["token"], grid, {g[0]: [1, 5], g[1]: [5, 1], g[2]: [4, 4]})
        voting.submit(db, person["token"], split, {s[0]: 20, s[1]: 70, s[2]: 10})
    for rid in (grid, split):
        voting.close_round(db, rid)
    html = document.build_html(record.read(db, wid))
    assert "New billing &lt;b&gt;system&lt;/b&gt;" in html and "<b>system</b>" not in html
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(document.build_pdf(record.read(db, wid)))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Where do they sit?" in flat and "priority grid (2×2)" in flat
    for words in ("Quick wins", "Thankless tasks", "Major projects", "Fill-ins", "Effort → (1 little effort"):
        assert words in flat
    assert "Where should the money go?" in flat and "100-point split" in flat
    assert "the room wants more: 60 points above its budget share" in flat  # 70 % of points, 10 % of budget
    assert "the room wants less: 40 points below its budget share" in flat  # 10 % against 50 %
    assert "400,000" in flat and "70%" in flat
    assert "money and the room differ by ten points or more on Train the sales team (70% of the points, 10% of the budget)" in flat
    grid_part, split_part = flat.split("round 2 · Where should the money go?", 1)
    assert "voted: Ann, Bob" in grid_part and "voted: Ann, Bob" in split_part  # named rounds name their voters


def test_the_workbook_sets_the_latest_split_beside_the_budget_and_lists_the_grid(live):
    db, wid, iids, ann = live
    assert "Split vs budget" not in load_workbook(BytesIO(sheets.build_xlsx(record.read(db, wid)))).sheetnames
    bob = joining.join(db, joining.join_code(db, wid), '=HYPERLINK("x")')
    grid = voting.open_round(db, wid, [("initiative", i) for i in iids], method="grid", workshop_number=3)
    split = voting.open_round(db, wid, [("initiative", i) for i in iids], method="split", workshop_number=3)
    g = [i["id"] for i in voting.round_items(db, grid)]
    s = [i["id"] for i in voting.round_items(db, split)]
    for person in (ann, bob):
        voting.submit(db, person["token"], grid, {g[0]: [1, 5], g[1]: [5, 1], g[2]: "skip"})
        voting.submit(db, person["token"], split, {s[0]: 20, s[1]: 70, s[2]: 10})
    for rid in (grid, split):
        voting.close_round(db, rid)
    book = load_workbook(BytesIO(sheets.build_xlsx(record.read(db, wid))))
    rows = list(book["Split vs budget"].iter_rows(min_row=2, max_row=4, values_only=True))
    assert rows[0][:8] == (1, "Train the sales team", 70.0, 140, 2, 100_000, 10.0, 60.0)
    assert rows[0][8] == "the room wants more: 60 points above its budget share"
    assert rows[2][1] == "New billing <b>system</b>" and rows[2][7] == -40.0
    grid_rows = list(book["Priority grid"].iter_rows(min_row=1, max_row=4, values_only=True))
    assert grid_rows[0][3] == "Impact (median)" and grid_rows[1][:4] == (1, "Migrate to the cloud", "Quick wins", 5.0)
    assert grid_rows[3][2] == "No placements" and grid_rows[3][7] == 0


def test_the_deck_shows_where_the_room_would_put_the_money(demo):
    shown = Presentation(BytesIO(slides.build_pptx(record.read(demo.db, demo.workshop_id)))).slides
    found = [s for s in shown if any(sh.has_text_frame and "Where the room would put the money" in sh.text_frame.text for sh in s.shapes)]
    assert len(found) == 1
    text = " ".join(sh.text_frame.text for sh in found[0].shapes if sh.has_text_frame)
    assert "Service automation programme" in text and "the room wants less: 15.2 points below" in text
    chart = next(sh.chart for sh in found[0].shapes if sh.has_chart)
    assert [s.name for s in chart.plots[0].series] == ["Share of the planned budget (%)", "Share of the room's points (%)"]


def test_switching_a_new_rounds_method_to_a_split_and_back_keeps_the_items_picked(live):
    db, wid, _, _ = live
    objectives.add_objective(db, wid, "Grow revenue", workshops.perspectives(db, wid)[0]["id"])
    db.execute("UPDATE objective SET status = 'agreed' WHERE workshop_id = ?", [wid])
    at = facilitator(wid)
    at.radio(key="round-workshop").set_value(3).run()
    at.radio(key="round-method").set_value("rating").run()
    at.button(key=f"all-{wid}-3-objective").click().run()
    at.button(key=f"all-{wid}-3-initiative").click().run()
    assert at.button(key="open-round").label == "Open the round on 4 items"
    at.radio(key="round-method").set_value("split").run()  # a split is across initiatives: the objective is not drawn
    assert at.button(key="open-round").label == "Open the round on 3 items"
    at.radio(key="round-method").set_value("rating").run()
    assert not at.exception
    assert at.button(key="open-round").label == "Open the round on 4 items"
