"""The batch ledger: running until its work commits, then done; interrupted batches are reported once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from gzdesk.core import batches
from gzdesk.core.store import Store
from tests.conftest import project

ROOT = Path(__file__).resolve().parents[2]


def test_batch_done_in_the_same_transaction_as_its_work(store: Store) -> None:
    batch = batches.start(store, "import", file_name="a.xlsx", file_sha256="abc")
    assert [b.id for b in batches.interrupted(store)] == [batch]
    with store.transaction() as conn:
        store.create_many("investment", [project()], source="import", batch=batch)
        batches.finish(conn, batch, {"new": 1})
    found = batches.done_with_file(store, "abc")
    assert found is not None and found.id == batch and found.summary == {"new": 1}
    assert batches.interrupted(store) == []


def test_a_killed_import_leaves_its_batch_running_and_nothing_else(db_path: Path) -> None:
    Store.open(db_path).close()
    child = textwrap.dedent("""
        import os, sys
        from gzdesk.core import batches
        from gzdesk.core.store import Store
        store = Store.open(sys.argv[1])
        batch = batches.start(store, "import", file_name="big.xlsx", file_sha256="f00")
        with store.transaction():
            store.create_many("investment", ({"name": f"项目{i}", "district": "440106"} for i in range(5000)),
                              source="import", batch=batch)
            os.kill(os.getpid(), 9)
    """)
    result = subprocess.run([sys.executable, "-c", child, str(db_path)], cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == -9
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count("investment") == 0
        assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 0
        (reported,) = batches.acknowledge_interrupted(store)
        assert reported.file_name == "big.xlsx" and batches.done_with_file(store, "f00") is None
        assert batches.acknowledge_interrupted(store) == []  # reported once
        assert batches.get(store, reported.id).status == "interrupted"  # type: ignore[union-attr]
