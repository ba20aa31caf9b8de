"""The schema: migrations re-run safely, and the database itself refuses what the method forbids."""

import re
import sqlite3
from pathlib import Path

import pytest

from workshop.db import migrations as migrations_package
from workshop.db import schema, store
from workshop.method.workshops import create_workshop


def test_migrations_can_run_again_on_an_up_to_date_database(db_path):
    db = store.connect(db_path)
    create_workshop(db, "Org", "Unit")
    db.close()
    again = store.connect(db_path)
    schema.migrate(again)
    schema.migrate(again)
    assert again["workshop"].count == 1
    assert [m.name for m in schema.migrations.applied(again)] == [m.name for m in schema.migrations._migrations]


# The names databases already record: changing one would run that migration again on them.
SHIPPED = [
    "m0001_initial",
    "m0002_voting",
    "m0003_unlock_attempts",
    "m0003_unlock_failure_source",
    "m0004_round_numbers_and_gradients",
    "m0006_branding",
    "m0008_cascade",
    "m0009_scope",
    "m0009_objective_themes",
    "m0009_acknowledgements",
    "m0011_ballot_chain",
    "m0012_link_rounds",
    "m0013_grid_split",
    "m0014_privacy",
    "m0015_paper",
    "m0016_fist_to_five",
    "m0017_all_themes",
    "m0018_targets_periods",
    "m0019_reviews",
    "m0020_shared_passphrase",
    "m0021_cycles",
    "m0022_sealed_rounds",
    "m0023_questions",
    "m0024_hypothesis",
    "m0025_brainstorm",
]


def test_each_migration_file_is_named_as_the_migration_it_registers():
    folder = Path(migrations_package.__file__).parent
    files = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
    registered = [m.name for m in schema.migrations._migrations]
    assert sorted(registered) == files
    for migration in schema.migrations._migrations:
        assert migration.fn.__module__ == f"workshop.db.migrations.{migration.name}"


def test_migrations_apply_in_the_order_of_their_numbers_and_none_twice():
    registered = [m.name for m in schema.migrations._migrations]
    assert all(re.fullmatch(r"m\d{4}_[a-z0-9_]+", name) for name in registered)
    numbers = [int(name[1:5]) for name in registered]
    assert numbers == sorted(numbers)
    assert len(set(registered)) == len(registered)


def test_shipped_migrations_keep_their_names_and_their_order():
    assert [m.name for m in schema.migrations._migrations][: len(SHIPPED)] == SHIPPED


def test_foreign_keys_and_wal_are_on_for_every_connection(db_path):
    db = store.connect(db_path)
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_schema_refuses_an_objective_in_an_unknown_perspective(fresh_db):
    wid = create_workshop(fresh_db, "Org", "Unit")
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute("INSERT INTO objective (workshop_id, perspective_id, title) VALUES (?, 999, 'x')", [wid])


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO workshop (organisation, unit) VALUES ('  ', 'U')",
        "INSERT INTO workshop (organisation, unit, phase) VALUES ('O', 'U', 6)",
        "INSERT INTO initiative (workshop_id, name, budget) VALUES (1, 'x', -1)",
        "INSERT INTO initiative (workshop_id, name, start_date, deadline) VALUES (1, 'x', '2027-02-01', '2027-01-01')",
        "INSERT INTO theme (workshop_id, name, colour) VALUES (1, 'x', 'red')",
    ],
)
def test_the_schema_refuses_values_the_method_forbids(fresh_db, sql):
    create_workshop(fresh_db, "Org", "Unit")
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute(sql)


def test_a_failed_write_leaves_nothing_behind(fresh_db):
    wid = create_workshop(fresh_db, "Org", "Unit")
    with pytest.raises(RuntimeError), store.write(fresh_db):
        fresh_db.execute("UPDATE workshop SET unit = 'Changed' WHERE id = ?", [wid])
        raise RuntimeError("boom")
    assert store.get(fresh_db, "workshop", wid)["unit"] == "Unit"


def test_deleting_a_workshop_deletes_everything_in_it(demo_db):
    db, wid = demo_db
    db.execute("DELETE FROM workshop WHERE parent_id = ?", [wid])  # the demo's two lower units
    db.execute("DELETE FROM workshop WHERE id = ?", [wid])
    for table in ("objective", "measure", "causal_link", "initiative", "decision", "interview", "contribution", "expected_contribution"):
        assert db[table].count == 0, table
