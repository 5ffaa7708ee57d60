"""Database faults with real processes: disk full during an import (T03), a lock held by another process (T06),
a backup taken while another process writes (T11)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from gzdesk.core import backup
from gzdesk.core import store as store_module
from gzdesk.core.errors import DatabaseRefused
from gzdesk.core.store import Store
from tests.conftest import project
from tests.faults._children import run, spawn, wait_for

IMPORT_UNDER_LIMIT = """
    import resource, signal, sys
    from gzdesk.core.errors import DatabaseRefused
    from gzdesk.core.store import Store
    store = Store.open(sys.argv[1])
    before = store.count("investment")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        store.create_many("investment", ({"name": f"项目{i}", "district": "440106"} for i in range(30000)),
                          source="import")
    except DatabaseRefused as error:
        assert store.count("investment") == before  # the same process keeps running, nothing changed
        assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        print(error.code, error.message("en"))
    else:
        print("no error")
"""


def test_t03_disk_full_during_import_changes_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"原有{i}") for i in range(50)], source="test")
    result = run(IMPORT_UNDER_LIMIT, db_path, db_path.stat().st_size + 256 * 1024)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "db.disk_full Not enough disk space – nothing was changed"
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count("investment") == 50
        assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 50


HOLDER = """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    print("released", flush=True)
"""


def test_t06_write_waits_busy_timeout_then_db_busy_and_retry_works(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 1.0)
    with Store.open(db_path) as store:
        holder = spawn(HOLDER, db_path)
        try:
            wait_for(holder, "holding")
            started = time.monotonic()
            with pytest.raises(DatabaseRefused) as refused:
                store.create("investment", project("待保存"))
            waited = time.monotonic() - started
            assert refused.value.code == "db.busy" and 0.9 <= waited < 5
            assert "in use by another program" in refused.value.message("en")
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.flush()
            wait_for(holder, "released")
        finally:
            holder.kill() if holder.poll() is None else None
            holder.wait(10)
        store.create("investment", project("待保存"))  # the clerk retries the same input
        assert store.count("investment") == 1


WRITER = """
    import sys
    from gzdesk.core.store import Store
    store = Store.open(sys.argv[1])
    print("writing", flush=True)
    for n in range(int(sys.argv[2])):
        store.create_many("investment", ({"name": f"项目{n}-{i}", "district": "440106"} for i in range(100)),
                          source="t")
"""


def test_t11_backup_during_another_process_writing_is_one_committed_state(db_path: Path) -> None:
    Store.open(db_path).close()
    writer = spawn(WRITER, db_path, 150)
    taken = []
    try:
        wait_for(writer, "writing")
        with Store.open(db_path) as store:
            while writer.poll() is None and len(taken) < 15:
                taken.append(backup.backup(store.conn, db_path))
                time.sleep(0.02)
    finally:
        writer.wait(120)
    assert writer.returncode == 0 and len(taken) >= 3
    counts = set()
    for path in taken:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        records = conn.execute("SELECT count(*) FROM investment").fetchone()[0]
        assert records % 100 == 0 and conn.execute("SELECT count(*) FROM audit").fetchone()[0] == records
        counts.add(records)
        conn.close()
    assert len(taken) == len({p.name for p in taken})  # unique names, nothing overwritten
    assert len(counts) >= 2  # the backups really ran while rows were being committed


APPLY_UNDER_LIMIT = """
    import resource, signal, sys
    from gzdesk.core.errors import GzdeskError
    from gzdesk.core.importer import apply_import, plan_import
    from gzdesk.core.store import Store
    store = Store.open(sys.argv[1])
    if sys.argv[3] == "delete":
        store.conn.execute("PRAGMA journal_mode = DELETE")
    before = store.count("investment")
    plan = plan_import(store, sys.argv[2])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    limit = int(sys.argv[4])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        apply_import(store, plan)
    except GzdeskError as error:
        print(error.code, error.message("en"), flush=True)
        assert store.count("investment") == before  # the same process keeps running, nothing changed
        assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    else:
        print("no error", flush=True)
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space is back: the clerk retries
    report = apply_import(store, plan_import(store, sys.argv[2]))
    print("retried", store.count("investment") - before, flush=True)
"""


@pytest.mark.parametrize(("mode", "room", "expected"), [
    ("wal", "backup", "db.disk_full Not enough disk space – nothing was changed"),
    ("delete", "backup", "db.disk_full Not enough disk space – nothing was changed"),
    ("wal", "none", "backup.disk_full Backup failed: not enough disk space. The partial file was removed; earlier "
                    "backups and the database are untouched"),
], ids=["wal", "delete", "no-room-for-the-backup"])
def test_t03_disk_full_during_apply_import_changes_nothing_and_a_retry_works(
        db_path: Path, tmp_path: Path, mode: str, room: str, expected: str) -> None:
    from openpyxl import Workbook

    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"原有{i}") for i in range(50)], source="test")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("项目")
    sheet.append(["项目名称", "所属区", "备注"])
    for i in range(20_000):
        sheet.append([f"导入项目{i}", "天河区", "说明" * 20])
    book.save(tmp_path / "big.xlsx")
    # room for the backup before the import (the size of the database) but not for the import's journal or WAL;
    # or not even for the backup (T04 before an import: refused before anything is written)
    size = db_path.stat().st_size
    limit = size + 256 * 1024 if room == "backup" else size // 2
    result = run(APPLY_UNDER_LIMIT, db_path, tmp_path / "big.xlsx", mode, limit)
    assert result.returncode == 0, result.stderr
    first, retried = result.stdout.strip().splitlines()
    assert first == expected, result.stdout
    assert retried == "retried 20000"
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count("investment") == 20_050
        statuses = dict(store.conn.execute("SELECT status, count(*) FROM batch GROUP BY status").fetchall())
    assert statuses.get("done") == 1 and statuses.get("running", 0) == 0


@pytest.mark.parametrize("text", ["database or disk is full", "disk I/O error"])
def test_t03_both_sqlite_disk_errors_read_not_enough_space(text: str) -> None:
    translated = store_module._translate_sqlite_error(sqlite3.OperationalError(text))
    assert translated.code == "db.disk_full"
    assert translated.message("zh") == "磁盘空间不足，未做任何修改"
