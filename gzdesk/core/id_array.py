"""A list's record ids (rids) in a query's order as a compact array: the row index of a table over a million rows.

A table shows the first rows at once from :meth:`Store.ordered_ids` with a ``limit`` and its row count from
:func:`row_count`; :func:`read_ordered_ids` then reads every rid on a connection of its own (for a worker
thread) into an ``array('q')`` — 8 bytes a row, 8 MB for a million — checking for cancellation between chunks.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from gzdesk.core import schema, search
from gzdesk.core.progress import Progress, check_cancelled
from gzdesk.core.query import Query, order_clause, where_clause
from gzdesk.core.store import Store

CHUNK = 50_000
READER_CACHE_KB = 4096  # not the store's 64 MB: it would stay in the process's memory


def row_count(store: Store, kind: str, query: Query) -> int:
    """How many records match ``query`` (:meth:`Store.count`). A search without filters is counted in the
    full-text index alone — its rows are the records, kept in the same transactions — instead of visiting every
    matching record (measured at 1,000,000 records: 3–7 ms instead of 60–170 ms for 20,000–40,000 matches)."""
    expression = search.match_expression(query.search) if query.search and not query.filters else None
    if expression is None:
        return store.count(kind, query)
    table = search.fts_table(schema.entity(kind))
    return int(store.conn.execute(f"SELECT count(*) FROM [{table}] WHERE [{table}] MATCH ?", [expression]).fetchone()[0])


def ordered_id_array(store: Store, kind: str, query: Query, *, progress: Progress | None = None,
                     chunk: int = CHUNK) -> array[int]:
    """Every rid matching ``query`` in its order (``Store.ordered_ids`` as an array, cancellable)."""
    entity = schema.entity(kind)
    where, params = where_clause(entity, query)
    cursor = store.conn.execute(f"SELECT rid FROM [{entity.table}] {where} {order_clause(entity, query)}", params)
    ids: array[int] = array("q")
    try:
        while rows := cursor.fetchmany(chunk):
            ids.extend([row[0] for row in rows])
            if progress is not None:
                check_cancelled(progress)
                progress.step(len(ids))
    finally:
        # A statement left open keeps its connection alive after close() (a "zombie" that still holds the -wal
        # open and, being read-only, cannot remove it when it finally goes).
        cursor.close()
    return ids


def read_ordered_ids(database: Path, kind: str, query: Query, *, progress: Progress,
                     chunk: int = CHUNK) -> array[int]:
    """:func:`ordered_id_array` on a read-only connection of its own (one consistent snapshot; for a worker)."""
    with Store.open(database, read_only=True) as store:
        store.conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KB}")  # one pass in order: the OS cache serves
        return ordered_id_array(store, kind, query, progress=progress, chunk=chunk)
