"""T01: SIGKILL of a child importing 50,000 rows, at random moments, in WAL and DELETE journal modes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from gzdesk.core import batches
from gzdesk.core.store import Store
from tests.faults._children import spawn, wait_for

ROWS = 50_000
KILLS_PER_MODE = 9  # plus one run that completes: 20 runs over both modes

IMPORTER = """
    import sys
    from gzdesk.core import batches
    from gzdesk.core.store import Store
    path, mode, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(path)
    if mode == "delete":
        store.conn.execute("PRAGMA journal_mode = DELETE")
    print("ready", flush=True)
    batch = batches.start(store, "import", file_name="big.xlsx", file_sha256=sys.argv[4])
    print("started", batch, flush=True)
    with store.transaction() as conn:
        store.create_many("investment", ({"name": f"项目{i}", "district": "440106"} for i in range(rows)),
                          source="import", batch=batch)
        batches.finish(conn, batch, {"new": rows})
    print("done", flush=True)
"""


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


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_t01_sigkill_mid_import_leaves_before_or_after(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "office.db"
    Store.open(path).close()
    rng = random.Random(20240701 + len(mode))
    duration = 0.0
    before, _, done_before, _ = _state(path)
    for attempt in range(KILLS_PER_MODE + 1):
        child = spawn(IMPORTER, path, mode, ROWS, f"sha-{mode}-{attempt}")
        wait_for(child, "ready")
        started = time.monotonic()
        if attempt == 0:  # the calibration run completes: the "completed" case and the import's duration
            assert child.wait(120) == 0, child.stderr.read() if child.stderr else ""
            duration = time.monotonic() - started
        else:
            time.sleep(rng.uniform(0.0, duration))
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(30) in (-signal.SIGKILL, 0)
        assert child.stdout is not None
        output = child.stdout.read().split()
        batch_id = output[output.index("started") + 1] if "started" in output else None
        records, audit_count, done, _ = _state(path)
        assert records in (before, before + ROWS)
        completed = records == before + ROWS
        assert len(done) == records // ROWS  # a 'done' ledger entry exists iff its rows do
        assert audit_count == records and all(count == ROWS for count in done.values())
        assert (set(done) - set(done_before)) == ({batch_id} if completed else set())
        with Store.open(path) as store:
            reported = [b.id for b in batches.acknowledge_interrupted(store)]
            assert reported == ([batch_id] if batch_id and not completed else [])
            assert batches.acknowledge_interrupted(store) == []
        before, done_before = records, done
    _, _, _, statuses = _state(path)
    assert statuses.get("running", 0) == 0 and statuses.get("done", 0) >= 1
