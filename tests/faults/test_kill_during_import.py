"""T01: SIGKILL of a child importing a real 50,000-row workbook (``apply_import``: backup, ledger, one transaction),
at random moments, in WAL and DELETE journal modes; then the next start says what happened."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from gzdesk.core import backup
from gzdesk.core.recovery import newest_good_backup
from gzdesk.core.store import Store
from gzdesk.ui.startup import open_for_window
from tests.faults._children import spawn, wait_for

ROWS = 50_000
KILLS_PER_MODE = 9  # plus one run that completes: 20 runs over both modes

IMPORTER = """
    import sys
    from gzdesk.core.importer import apply_import, plan_import
    from gzdesk.core.store import Store
    path, mode, workbook = sys.argv[1], sys.argv[2], sys.argv[3]
    store = Store.open(path)
    if mode == "delete":
        store.conn.execute("PRAGMA journal_mode = DELETE")
    plan = plan_import(store, workbook)
    assert plan.counts()["new"] == int(sys.argv[4]) and not plan.problems, plan.counts()
    print("ready", flush=True)
    report = apply_import(store, plan)
    print("done", report.batch, flush=True)
"""


def _workbook(folder: Path, number: int) -> Path:
    """A plain 50,000-row list whose names no other file in the run uses (a completed file re-imported is a no-op)."""
    path = folder / f"big-{number}.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("项目")
    sheet.append(["项目名称", "所属区", "协议投资额"])
    for i in range(ROWS):
        sheet.append([f"导入项目{number}-{i}", "天河区", i])
    book.save(path)
    return path


def _state(path: Path) -> tuple[int, int, dict[str, int], dict[str, int]]:
    """(records, audit entries, done batches → their audit entries, batch status counts), read without writing."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
        records = conn.execute("SELECT count(*) FROM investment").fetchone()[0]
        audit = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        done = dict(conn.execute("SELECT b.id, (SELECT count(*) FROM audit a WHERE a.batch = b.id) FROM batch b"
                                 " WHERE b.status = 'done'").fetchall())
        statuses = dict(conn.execute("SELECT status, count(*) FROM batch GROUP BY status").fetchall())
    finally:
        conn.close()
    return records, audit, done, statuses


def _next_start(path: Path) -> list[str]:
    """What the app shows when it starts next (the window's notices), in English."""
    store, notices = open_for_window(path, lang="en", ask=lambda title, text, buttons: 1)
    assert store is not None
    store.close()
    return notices


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_t01_sigkill_mid_import_leaves_before_or_after(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "office.db"
    Store.open(path).close()
    rng = random.Random(20240701 + len(mode))
    files = 0
    workbook = _workbook(tmp_path, files)
    duration = 0.0
    before, _, done_before, _ = _state(path)
    for attempt in range(KILLS_PER_MODE + 1):
        child = spawn(IMPORTER, path, mode, workbook, ROWS)
        wait_for(child, "ready")
        started = time.monotonic()
        if attempt == 0:  # the calibration run completes: the "completed" case and the import's duration
            assert child.wait(120) == 0, child.stderr.read() if child.stderr else ""
            duration = time.monotonic() - started
        else:  # anywhere in apply: the backup, the ledger's 'running' row, the inserts, the commit
            time.sleep(rng.uniform(0.0, duration))
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(30) in (-signal.SIGKILL, 0)
        assert child.stdout is not None
        completed_by_child = "done" in child.stdout.read().split()
        records, audit_count, done, _ = _state(path)
        assert records in (before, before + ROWS)
        completed = records == before + ROWS
        assert completed == completed_by_child or (completed and child.returncode == -signal.SIGKILL)
        assert len(done) == records // ROWS  # a 'done' ledger entry exists iff its rows do
        assert audit_count == records and all(count == ROWS for count in done.values())  # audit entries match
        assert len(set(done) - set(done_before)) == (1 if completed else 0)
        notices = _next_start(path)
        interrupted = [n for n in notices if "was interrupted; nothing was changed" in n]
        if completed:
            assert interrupted == []
        else:  # killed after the ledger's 'running' row was committed: said once; killed earlier: nothing to say
            assert len(interrupted) <= 1 and all(workbook.name in n for n in interrupted)
        assert [n for n in _next_start(path) if "interrupted" in n] == []  # said once only
        offered = newest_good_backup(path)  # a backup cut short by the kill is never offered
        assert offered is not None and backup.verify_backup(offered.path) >= 1
        with Store.open(path, read_only=True) as store:  # … nor reused as the current state's backup
            current = backup.current_backup(backup.paths.backups_dir(path), backup.state_stamp(store.conn))
        assert current is None or backup.verify_backup(current.path) >= 1
        if completed:  # the next runs need a new file (a completed file imported again is a no-op)
            files += 1
            workbook = _workbook(tmp_path, files)
        before, done_before = records, done
    _, _, _, statuses = _state(path)
    assert statuses.get("running", 0) == 0 and statuses.get("done", 0) >= 1
    assert statuses.get("interrupted", 0) >= 1  # some kills did land inside the import's transaction
