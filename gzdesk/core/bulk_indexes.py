"""Bulk inserts that outgrow index maintenance: drop a table's plain indexes, insert, build them again.

SQLite keeps every index up to date row by row: with the 22 indexes of a project list that costs about 45 µs per
inserted row, while ``CREATE INDEX`` sorts once, about 13 µs per row of the whole table (measured on the
reference machine: 50,000 rows into an empty table 2.4 s → 0.6 s; into 100,000 rows 3.9 s → 2.3 s). So a batch
that is large against the table is inserted with its plain indexes dropped and built again afterwards, inside
the caller's transaction: a failure or a kill rolls the drop back with everything else, and readers on other
connections never see the table without its indexes (WAL snapshots).

Only plain ``CREATE INDEX`` indexes are deferred. UNIQUE indexes (and the table's own constraints) stay, so a
row that breaks one is still refused at that row and can be named (RELIABILITY.md T02); triggers fire as
always. The statistics ``ANALYZE`` kept for a dropped index are put back with it.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator

#: Defer the indexes when the table holds at most this many rows per incoming row (measured crossover ≈ 2.5).
ROWS_PER_INCOMING = 2
#: Batches smaller than this never touch the schema (a form's save, an undo).
MIN_INCOMING = 1000

_PLAIN_INDEX = re.compile(r"^\s*CREATE\s+INDEX\s", re.IGNORECASE)


def worth_deferring(largest_rid: int, incoming: int | None) -> bool:
    """Whether inserting ``incoming`` rows is cheaper with the plain indexes built afterwards.

    The table's size is bounded by its largest rid (an upper bound when rows were deleted), which costs one
    index lookup instead of a count."""
    if incoming is None or incoming < MIN_INCOMING:
        return False
    return largest_rid <= ROWS_PER_INCOMING * incoming


@contextlib.contextmanager
def deferred_indexes(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """Inside an open transaction: drop ``table``'s plain indexes, run the block, create them again.

    When the schema cannot be changed right now (another statement of this connection is still reading, so
    SQLite reports the table locked), the block runs with the indexes in place. If the block raises, nothing is
    re-created here: the caller's rollback restores the indexes with the rest."""
    assert conn.in_transaction, "deferred_indexes needs the caller's transaction"
    indexes = [(name, sql) for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table])
        if _PLAIN_INDEX.match(sql)]
    stats = _statistics(conn, table, [name for name, _ in indexes])
    dropped: list[tuple[str, str]] = []
    try:
        for name, sql in indexes:
            conn.execute(f"DROP INDEX [{name}]")
            dropped.append((name, sql))
    except sqlite3.OperationalError:  # "database table is locked": leave the rest in place
        pass
    yield
    for _, sql in dropped:
        conn.execute(sql)
    if stats:
        conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)",
                         [row for row in stats if row[1] in {name for name, _ in dropped}])


def _statistics(conn: sqlite3.Connection, table: str, names: list[str]) -> list[tuple[str, str, str]]:
    """The ``sqlite_stat1`` rows of these indexes (dropping an index deletes them), if ANALYZE ever ran."""
    if not names or conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is None:
        return []
    marks = ", ".join("?" for _ in names)
    return [(str(tbl), str(idx), str(stat)) for tbl, idx, stat in conn.execute(
        f"SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl = ? AND idx IN ({marks})", [table, *names])]
