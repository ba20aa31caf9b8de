"""`python -m workshop cascade` and `check` on the unit it starts, run as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import demo_on_disk

from workshop.db import scorecard, store
from workshop.method import cascade, workshops

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture
def demo_file(tmp_path):
    """The demo in a file of its own (what `python -m workshop demo` makes, which test_cli runs):
    (path, the parent workshop's id as typed)."""
    db = tmp_path / "cascade.db"
    conn, wid = demo_on_disk(db)
    conn.close()
    return db, str(wid)


def test_cascade_starts_a_unit_and_check_lists_then_clears_the_parent_objectives_it_must_serve(demo_file):
    db, parent = demo_file
    done = run("cascade", "--db", db, "--workshop", parent, "--unit", "Account Management")
    assert done.returncode == 0, done.stderr
    child = done.stdout.strip().splitlines()[-1]
    assert child.isdigit() and child != parent
    assert "lower unit of Managed Cloud Services" in done.stdout
    checked = run("check", "--db", db, "--workshop", child)
    assert "[advice] cascade-to-serve: 14 objectives of Managed Cloud Services still without a contribution" in checked.stdout
    assert "    - Grow contract renewal to 85%" in checked.stdout
    assert "source: Kaplan & Norton" in checked.stdout

    conn = store.connect(db)
    wanted = cascade.parent_objectives(conn, int(child))
    financial = next(p["id"] for p in workshops.perspectives(conn, int(child)) if p["key"] == "financial")
    cascade.add_contributing_objective(conn, int(child), "Grow revenue from our largest accounts", financial, serves=[o["id"] for o in wanted[:-1]])
    conn.close()
    checked = run("check", "--db", db, "--workshop", child)
    assert "1 objective of Managed Cloud Services still without a contribution" in checked.stdout
    assert f"    - {wanted[-1]['title']}" in checked.stdout

    conn = store.connect(db)
    card = scorecard.load(conn, int(child))
    cascade.set_contributions(conn, card.objectives[0].id, [o["id"] for o in wanted])
    conn.close()
    checked = run("check", "--db", db, "--workshop", child)
    assert "cascade-to-serve" not in checked.stdout and "cascade-objective-unaligned" not in checked.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("--workshop", "999", "--unit", "Desk"), "no workshop with id 999"),
        (("--workshop", "{parent}", "--unit", "Service Desk"), "Service Desk already has its scorecard"),
        (("--workshop", "{parent}", "--unit", "  "), "The lower unit's name is empty"),
    ],
)
def test_a_cascade_the_command_cannot_start_is_one_line_and_a_non_zero_exit(demo_file, args, message):
    db, parent = demo_file
    done = run("cascade", "--db", db, *[a.format(parent=parent) for a in args])
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: ") and message in done.stderr and len(done.stderr.splitlines()) == 1


def test_importing_a_unit_without_its_parent_explains_what_to_import_first(demo_file, tmp_path):
    db, parent = demo_file
    desk = str(scorecard.load(store.connect(db), int(parent)).units[0]["id"])
    out = tmp_path / "desk.json"
    assert run("export", "--db", db, "--workshop", desk, "-o", out).returncode == 0
    done = run("import", "--db", tmp_path / "elsewhere.db", out)
    assert done.returncode == 1
    assert "lower unit of Atlas Digital · Managed Cloud Services" in done.stderr
    assert "Import the parent's file first" in done.stderr
