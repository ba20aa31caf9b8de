"""The store's row reads and writes: a row comes back by its id, a missing one is named in words,
a constraint failure reaches the user as a sentence, and a failed write leaves nothing behind."""

import pytest

from workshop.core.errors import Duplicate, Invalid, NotFound
from workshop.db import store
from workshop.method.workshops import create_workshop


def test_a_row_added_comes_back_by_its_id(fresh_db):
    wid = create_workshop(fresh_db, "Org", "Unit")
    tid = store.insert(fresh_db, "theme", {"workshop_id": wid, "name": "Growth", "colour": "#112233"})
    assert store.get(fresh_db, "theme", tid)["name"] == "Growth"
    store.update(fresh_db, "theme", tid, {"name": "Growth abroad"})
    assert store.get(fresh_db, "theme", tid)["name"] == "Growth abroad"


def test_a_missing_row_is_not_found_in_words(fresh_db):
    with pytest.raises(NotFound, match="^No voting round with id 42.$"):
        store.get(fresh_db, "voting_round", 42, "voting round")
    with pytest.raises(NotFound, match="^That causal link no longer exists; reload the page.$"):
        store.update(fresh_db, "causal_link", 42, {"hypothesis": "x"})


def test_deleting_a_row_already_gone_is_no_error(fresh_db):
    wid = create_workshop(fresh_db, "Org", "Unit")
    tid = store.insert(fresh_db, "theme", {"workshop_id": wid, "name": "Growth", "colour": "#112233"})
    store.delete(fresh_db, "theme", tid)
    store.delete(fresh_db, "theme", tid)  # a second click, another tab
    assert fresh_db["theme"].count == 0


def test_a_duplicate_is_refused_with_the_callers_words_and_nothing_is_stored(fresh_db):
    wid = create_workshop(fresh_db, "Org", "Unit")
    row = {"workshop_id": wid, "name": "Growth", "colour": "#112233"}
    store.insert(fresh_db, "theme", row)
    with pytest.raises(Duplicate, match="Growth is taken"):
        store.insert(fresh_db, "theme", row, duplicate="Growth is taken")
    other = store.insert(fresh_db, "theme", row | {"name": "Service"})
    with pytest.raises(Duplicate, match="already used"):
        store.update(fresh_db, "theme", other, {"name": "Growth"})
    assert [t["name"] for t in fresh_db["theme"].rows] == ["Growth", "Service"]


def test_a_value_the_schema_forbids_is_refused_in_words(fresh_db):
    with pytest.raises(Invalid, match="organisation"):
        store.insert(fresh_db, "workshop", {"organisation": " ", "unit": "Unit"})
    assert fresh_db["workshop"].count == 0


def test_a_misspelt_table_is_refused_and_never_created(fresh_db):
    with pytest.raises(ValueError, match="no table 'themes'"):
        store.insert(fresh_db, "themes", {"name": "Growth"})
    assert "themes" not in fresh_db.table_names()


def test_rows_written_in_one_transaction_go_together_or_not_at_all(fresh_db):
    wid = create_workshop(fresh_db, "Org", "Unit")
    with pytest.raises(Duplicate), store.write(fresh_db):
        store.insert(fresh_db, "theme", {"workshop_id": wid, "name": "Growth", "colour": "#112233"})
        store.update(fresh_db, "workshop", wid, {"unit": "Renamed"})
        store.insert(fresh_db, "theme", {"workshop_id": wid, "name": "Growth", "colour": "#112233"})
    assert fresh_db["theme"].count == 0
    assert store.get(fresh_db, "workshop", wid)["unit"] == "Unit"
