"""The ledger of batches (imports, demo fills, undos): repeated files are recognised, interrupted ones reported.

A batch row is committed as ``running`` before its work starts, and set to ``done`` inside the same transaction
as the work itself. So a batch still ``running`` at the next start was interrupted and changed nothing.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from gzdesk.core import messages
from gzdesk.core.store import Store, now

messages.register({
    "batch.interrupted": ("上次导入“{file}”（{at}）被中断，数据库没有任何改动",
                          "The last import of {file} ({at}) was interrupted; nothing was changed"),
    "batch.already_imported": ("这个文件已于 {at} 导入过（批次 {batch}），本次不做任何改动",
                               "This file was already imported on {at} (batch {batch}); nothing was changed"),
})


@dataclass(frozen=True)
class Batch:
    id: str
    kind: str
    status: str
    office: str
    started_at: str
    finished_at: str | None
    file_name: str | None
    file_sha256: str | None
    export_id: str | None
    summary: Mapping[str, object]


def _batch(row: tuple[object, ...]) -> Batch:
    return Batch(str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]),
                 None if row[5] is None else str(row[5]), None if row[6] is None else str(row[6]),
                 None if row[7] is None else str(row[7]), None if row[8] is None else str(row[8]),
                 json.loads(str(row[9])))


_COLUMNS = "id, kind, status, office, started_at, finished_at, file_name, file_sha256, export_id, summary"


def start(store: Store, kind: str, *, file_name: str | None = None, file_sha256: str | None = None,
          export_id: str | None = None) -> str:
    """Commit a ``running`` batch row and return its id (before the work's own transaction begins)."""
    batch_id = f"{kind}-{now()[:19].replace(':', '').replace('-', '')}-{uuid.uuid4().hex[:8]}"
    with store.transaction() as conn:
        conn.execute(f"INSERT INTO batch ({_COLUMNS}) VALUES (?, ?, 'running', ?, ?, NULL, ?, ?, ?, '{{}}')",
                     [batch_id, kind, store.office, now(), file_name, file_sha256, export_id])
    return batch_id


def finish(conn: sqlite3.Connection, batch_id: str, summary: Mapping[str, object], *, status: str = "done") -> None:
    """Mark the batch finished — call inside the transaction that does the batch's work."""
    conn.execute("UPDATE batch SET status = ?, finished_at = ?, summary = ? WHERE id = ?",
                 [status, now(), json.dumps(dict(summary), ensure_ascii=False), batch_id])


def abandon(store: Store, batch_id: str) -> None:
    """The work failed or was cancelled and changed nothing: record that instead of leaving it running."""
    with store.transaction() as conn:
        finish(conn, batch_id, {}, status="failed")


def get(store: Store, batch_id: str) -> Batch | None:
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM batch WHERE id = ?", [batch_id]).fetchone()
    return None if row is None else _batch(row)


def done_with_file(store: Store, file_sha256: str) -> Batch | None:
    """The finished import of a file with this content, if any (the same file twice is a no-op)."""
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM batch WHERE file_sha256 = ? AND status = 'done'"
                             " ORDER BY started_at DESC LIMIT 1", [file_sha256]).fetchone()
    return None if row is None else _batch(row)


def interrupted(store: Store) -> list[Batch]:
    """Batches left ``running`` by a process that died: their work never committed."""
    return [_batch(row) for row in store.conn.execute(
        f"SELECT {_COLUMNS} FROM batch WHERE status = 'running' ORDER BY started_at")]


def acknowledge_interrupted(store: Store) -> list[Batch]:
    """Report and close the interrupted batches (status ``interrupted``); returns what was reported."""
    found = interrupted(store)
    if found:
        with store.transaction() as conn:
            for batch in found:
                finish(conn, batch.id, {}, status="interrupted")
    return found


def recent(store: Store, limit: int = 100) -> list[Batch]:
    return [_batch(row) for row in store.conn.execute(
        f"SELECT {_COLUMNS} FROM batch ORDER BY started_at DESC LIMIT ?", [limit])]


def export_known(store: Store, export_id: str) -> bool:
    """True when ``export_id`` names an export this database made (the file answers one of our exports)."""
    row = store.conn.execute("SELECT 1 FROM batch WHERE kind = 'export' AND export_id = ? AND status = 'done'",
                             [export_id]).fetchone()
    return row is not None


def set_status(conn: sqlite3.Connection, batch_id: str, status: str) -> None:
    """Change a finished batch's status (e.g. ``undone``) — inside the transaction that makes it true."""
    conn.execute("UPDATE batch SET status = ? WHERE id = ?", [status, batch_id])
