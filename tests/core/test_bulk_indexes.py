"""Large batches are inserted with the plain indexes built afterwards: the same database, the same refusals, and a
failure or a kill changes nothing (the drop is rolled back with the rest)."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from gzdesk.core import bulk_indexes
from gzdesk.core.errors import WriteRefused
from gzdesk.core.query import Query
from gzdesk.core.store import Store
from tests.conftest import project

ROWS = 1500  # above bulk_indexes.MIN_INCOMING


def _indexes(conn: sqlite3.Connection, table: str = "investment") -> list[tuple[str, str]]:
    return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                               " AND sql IS NOT NULL", [table]).fetchall())


def _rows(count: int, start: int = 0) -> list[dict[str, object]]:
    return [project(f"项目{i}", code=f"GZ-{i:05d}", total_investment=float(i % 97)) for i in range(start, start + count)]


def test_worth_deferring_only_for_batches_large_against_the_table() -> None:
    assert bulk_indexes.worth_deferring(0, ROWS)
    assert bulk_indexes.worth_deferring(2 * ROWS, ROWS)
    assert not bulk_indexes.worth_deferring(2 * ROWS + 1, ROWS)
    assert not bulk_indexes.worth_deferring(0, bulk_indexes.MIN_INCOMING - 1)
    assert not bulk_indexes.worth_deferring(0, None)


def test_a_large_batch_leaves_the_same_indexes_and_a_sound_database(store: Store) -> None:
    before = _indexes(store.conn)
    change = store.create_many("investment", _rows(ROWS), source="test")
    assert len(change.created) == ROWS
    assert _indexes(store.conn) == before
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plan = " ".join(str(row) for row in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT rid FROM investment ORDER BY total_investment LIMIT 5"))
    assert "investment_total_investment" in plan
    assert store.count("investment") == ROWS
    assert store.conn.execute("SELECT count(*) FROM audit WHERE action = 'create'").fetchone()[0] == ROWS


def test_a_refused_row_is_named_and_the_indexes_come_back(store: Store) -> None:
    store.conn.execute("CREATE UNIQUE INDEX investment_code_unique ON investment(code)")
    store.create("investment", project("早已登记的项目", code="GZ-01200"))
    before = _indexes(store.conn)
    with pytest.raises(WriteRefused) as refused:
        store.create_many("investment", [{**row, "_origin": f"f.xlsx!S!{i + 2}"} for i, row in enumerate(_rows(ROWS))],
                          source="test")
    assert refused.value.field == "code" and refused.value.origin == "f.xlsx!S!1202"
    assert _indexes(store.conn) == before
    assert store.count("investment") == 1


def test_inside_a_transaction_that_fails_later_everything_is_rolled_back(store: Store) -> None:
    before = _indexes(store.conn)
    with pytest.raises(RuntimeError), store.transaction():
        store.create_many("investment", _rows(ROWS), source="test", join=True)
        assert _indexes(store.conn) == before  # built again before create_many returns
        raise RuntimeError("later step failed")
    assert _indexes(store.conn) == before and store.count("investment") == 0


def test_statistics_of_the_indexes_are_kept(store: Store) -> None:
    store.create_many("investment", _rows(10), source="test")
    store.conn.execute("ANALYZE")
    stats = sorted(store.conn.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'investment'").fetchall())
    store.create_many("investment", _rows(ROWS, start=10), source="test")
    after = dict(store.conn.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'investment'").fetchall())
    assert sorted(after) == [idx for idx, _ in stats]


def test_rows_read_from_the_same_table_meanwhile_keep_the_indexes_in_place(db_path: Path) -> None:
    """Copying records with a cursor still open on the table: SQLite will not drop an index then; the batch is
    inserted with the indexes maintained instead."""
    with Store.open(db_path) as store:
        store.create_many("investment", _rows(2500), source="test")  # more than one fetchmany of iter_records
        before = _indexes(store.conn)
        by_name = Query(sort=(("name", False),))  # the cursor walks the name index
        copies = ({"name": f"{r['name']}副本", "district": r["district"]}
                  for r in store.iter_records("investment", by_name))
        first = next(copies)  # the cursor is open now
        store.create_many("investment", itertools.chain([first], itertools.islice(copies, 2499)), source="test",
                          total=2500)
        assert _indexes(store.conn) == before
        assert store.count("investment") == 5000
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
