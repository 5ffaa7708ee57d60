"""Full-text search that finds Chinese words of any length.

SQLite's unicode61 tokenizer keeps a run of Chinese characters as one token, so "芯片" finds nothing inside
"芯片设计". We index every searchable field with a space between characters (a contentless FTS5 table, one
column per field, keyed by the record's rid) and search with a phrase of spaced characters: "芯 片" matches
any text containing 芯片, for queries of one, two or more characters, in Chinese or Latin script.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from gzdesk.core.matching import normalise_name
from gzdesk.core.schema import Entity


def spaced(text: object) -> str:
    """``"芯片 Design"`` → ``"芯 片 d e s i g n"``: NFKC, lower case, only letters and digits, one a token."""
    if text is None:
        return ""
    return _spaced(str(text))


@functools.lru_cache(maxsize=65_536)  # sheets repeat parks, units, enterprises and stock phrases
def _spaced(text: str) -> str:
    return " ".join(normalise_name(text))


def fts_table(entity: Entity) -> str:
    return f"{entity.table}_fts"


def _columns(entity: Entity) -> list[str]:
    return [f.key for f in entity.searchable_fields]


def searchable_keys(entity: Entity) -> list[str]:
    """The fields the index holds, in its column order (the order :func:`spaced_rows` takes their values in)."""
    return _columns(entity)


def create_index(conn: sqlite3.Connection, entity: Entity) -> None:
    columns = ", ".join(f"[{key}]" for key in _columns(entity))
    conn.execute(f"CREATE VIRTUAL TABLE [{fts_table(entity)}] USING fts5({columns}, content='')")


def _values(keys: Sequence[str], row: Mapping[str, object]) -> list[str]:
    """The indexed texts of ``row``: one per key, spaced (the inlined form of ``spaced``, called 10 times a row)."""
    return ["" if value is None else _spaced(value if type(value) is str else str(value))
            for value in map(row.get, keys)]


def spaced_rows(rows: Iterable[Sequence[object]]) -> list[list[object]]:
    """``[rid, value, …]`` rows (the values of :func:`searchable_keys`, in order) as the index takes them: each value
    spaced (None as "")."""
    return [[row[0], *["" if value is None else _spaced(value if type(value) is str else str(value))
                       for value in row[1:]]] for row in rows]


def add_spaced(conn: sqlite3.Connection, entity: Entity, rows: Iterable[Sequence[object]]) -> None:
    """Add rows made by :func:`spaced_rows` to the index."""
    keys = _columns(entity)
    placeholders = ", ".join("?" for _ in range(len(keys) + 1))
    conn.executemany(
        f"INSERT INTO [{fts_table(entity)}] (rowid, {', '.join(f'[{k}]' for k in keys)}) VALUES ({placeholders})", rows)


def index_rows(conn: sqlite3.Connection, entity: Entity, rows: Iterable[tuple[int, Mapping[str, object]]]) -> None:
    """Add ``(rid, values)`` pairs to the index (values hold at least the searchable fields)."""
    keys = _columns(entity)
    add_spaced(conn, entity, ([rid, *_values(keys, row)] for rid, row in rows))


def unindex_rows(conn: sqlite3.Connection, entity: Entity, rows: Iterable[tuple[int, Mapping[str, object]]]) -> None:
    """Remove ``(rid, old values)`` pairs; a contentless table needs exactly the values that were indexed."""
    keys = _columns(entity)
    table = fts_table(entity)
    placeholders = ", ".join("?" for _ in range(len(keys) + 2))
    conn.executemany(
        f"INSERT INTO [{table}] ([{table}], rowid, {', '.join(f'[{k}]' for k in keys)}) VALUES ({placeholders})",
        (["delete", rid, *_values(keys, row)] for rid, row in rows),
    )


def rebuild_index(conn: sqlite3.Connection, entity: Entity) -> None:
    """Empty the index and index every row of the entity's table again."""
    table = fts_table(entity)
    conn.execute(f"INSERT INTO [{table}]([{table}]) VALUES ('delete-all')")
    keys = _columns(entity)
    cursor = conn.execute(f"SELECT rid, {', '.join(f'[{k}]' for k in keys)} FROM [{entity.table}]")
    while batch := cursor.fetchmany(5000):
        index_rows(conn, entity, ((row[0], dict(zip(keys, row[1:], strict=True))) for row in batch))


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what a clerk typed: every blank-separated term must appear."""
    phrases = []
    for term in query.split():
        tokens = spaced(term)
        if tokens:
            phrases.append('"' + tokens.replace('"', '""') + '"')
    return " AND ".join(phrases) if phrases else None


def searchable_changed(entity: Entity, fields: Sequence[str]) -> bool:
    searchable = set(_columns(entity))
    return any(key in searchable for key in fields)
