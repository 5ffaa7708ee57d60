"""Migrations: every earlier step upgrades to the same schema; a newer database is never written."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from gzdesk.core import migrations, schema, search
from gzdesk.core.errors import DatabaseRefused
from gzdesk.core.query import Query
from gzdesk.core.store import Store
from tests.conftest import project


def shape(path: Path) -> dict[str, object]:
    """Tables with their columns, indexes and triggers: what a schema looks like, however it was reached."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {
            "columns": {t: [tuple(c[1:4]) for c in conn.execute(f"PRAGMA table_info([{t}])")] for t in tables
                        if not t.startswith("_sqlite")},
            "indexes": sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                                        " AND name NOT LIKE 'sqlite_autoindex%'")),
            "triggers": sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")),
            "version": conn.execute("PRAGMA user_version").fetchone()[0],
        }
    finally:
        conn.close()


@pytest.mark.parametrize("stop_before", migrations.migration_names()[1:])
def test_database_from_every_earlier_step_upgrades(tmp_path: Path, stop_before: str) -> None:
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    migrations.apply(sqlite_utils.Database(conn, execute_plugins=False), stop_before=stop_before)
    conn.execute(
        "INSERT INTO investment (id, owner_office, created_at, updated_at, name, district)"
        " VALUES ('r1', 'local', 't', 't', '老数据芯片项目', '440106')")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'investment_fts'").fetchone():
        search.rebuild_index(conn, schema.INVESTMENT)  # as that version's store would have indexed it
    conn.close()
    with Store.open(old) as upgraded:
        assert upgraded.version == migrations.latest_version()
        record = upgraded.record("investment", "r1")
        assert record is not None and record["name"] == "老数据芯片项目"
        assert [r["id"] for r in upgraded.rows("investment", upgraded.ordered_ids("investment", Query(search="芯片")))
                ] == ["r1"]
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    assert shape(old) == shape(fresh)


def test_migrations_are_numbered_in_order() -> None:
    names = migrations.migration_names()
    assert [int(n[:4]) for n in names] == list(range(1, len(names) + 1))


def test_opening_twice_applies_nothing_new(db_path: Path) -> None:
    Store.open(db_path).close()
    before = shape(db_path)
    Store.open(db_path).close()
    assert shape(db_path) == before


def test_newer_database_is_refused_for_writing_and_left_unchanged(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project())
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with Store.open(db_path) as store:
        assert store.read_only_reason is not None and store.read_only_reason.code == "db.newer_version"
        assert store.count("investment") == 1  # still readable
        with pytest.raises(DatabaseRefused) as raised:
            store.create("investment", project("新项目"))
        assert "更新版本" in raised.value.message("zh") and "newer" in raised.value.message("en")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseRefused) as raised:
        Store.open(bogus)
    assert raised.value.code == "db.not_a_database"
    assert bogus.read_bytes() == b"this is not sqlite" * 100
