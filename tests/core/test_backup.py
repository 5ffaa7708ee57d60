"""Backups with the SQLite backup API; restore backs up first and refuses newer or damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gzdesk.core import backup, migrations
from gzdesk.core.errors import InputRefused
from gzdesk.core.store import Store
from tests.conftest import project


def test_backup_then_restore_brings_back_the_earlier_state(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project("备份前项目"))
        taken = backup.backup(store.conn, store.path)
        store.create("investment", project("备份后项目"))
    assert backup.list_backups(db_path)[0].path == taken
    safety = backup.restore(db_path, taken)
    with Store.open(db_path) as store:
        assert [r["name"] for r in store.iter_records("investment")] == ["备份前项目"]
    with Store.open(safety) as before_restore:
        assert before_restore.count("investment") == 2


def test_backups_never_overwrite_each_other(db_path: Path) -> None:
    with Store.open(db_path) as store:
        paths = {backup.backup(store.conn, store.path) for _ in range(3)}
    assert len(paths) == 3 and all(p.exists() for p in paths)


def test_backup_during_another_writer_is_a_committed_state(db_path: Path) -> None:
    with Store.open(db_path) as store, Store.open(db_path) as writer:
        writer.create_many("investment", [project(f"项目{i}") for i in range(300)], source="test")
        with writer.transaction():
            writer.create("investment", project("未提交"))
            taken = backup.backup(store.conn, store.path)
    conn = sqlite3.connect(taken)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM investment").fetchone()[0] == 300
    conn.close()


def test_restore_refuses_a_newer_or_damaged_backup_and_keeps_the_data(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project())
        newer = backup.backup(store.conn, store.path)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    conn.close()
    with pytest.raises(InputRefused) as raised:
        backup.restore(db_path, newer)
    assert raised.value.code == "backup.newer_version"
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    with pytest.raises(InputRefused):
        backup.restore(db_path, damaged)
    with Store.open(db_path) as store:
        assert store.count("investment") == 1
