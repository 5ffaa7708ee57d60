"""The append-only audit log and the change sets every write returns (STYLE.md rule 3)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeSet:
    """What one write changed: record ids created, updated (with the fields) and deleted, in one entity."""

    entity: str
    created: tuple[str, ...] = ()
    updated: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    deleted: tuple[str, ...] = ()
    batch: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.created or self.updated or self.deleted)

    def counts(self) -> dict[str, int]:
        return {"created": len(self.created), "updated": len(self.updated), "deleted": len(self.deleted)}


@dataclass(frozen=True)
class Context:
    """Who and what a write comes from: stamped on every audit entry it makes."""

    at: str
    office: str
    source: str  # form, import, demo, cli, undo, check …
    batch: str | None = None
    origin: str | None = None  # file / sheet / row, for imports


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    office: str
    source: str
    batch: str | None
    origin: str | None
    entity: str
    record_id: str
    action: str
    field: str | None
    old: object
    new: object
    revision: int | None


EntryRow = tuple[object, ...]  # one audit row as written, in the column order of _INSERT


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


_INSERT = (
    "INSERT INTO audit (at, office, source, batch, origin, entity, record_id, action, field, old, new, revision)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def record_created(conn: sqlite3.Connection, context: Context, entity: str, record_ids: Iterable[str],
                   origins: Iterable[str | None] | None = None, *, revisions: Iterable[int] | None = None) -> None:
    """One ``create`` entry per record; its values are the record's first revision, later changes are logged.
    ``origins`` (file / sheet / row per record) overrides the context's origin. ``revisions``: the records'
    revisions when they are not new but restored after a delete (default 1 each)."""
    write_entries(conn, created_entries(context, entity, record_ids, origins, revisions=revisions))


def created_entries(context: Context, entity: str, record_ids: Iterable[str],
                    origins: Iterable[str | None] | None = None, *,
                    revisions: Iterable[int] | None = None) -> list[EntryRow]:
    """The rows :func:`record_created` writes (for :func:`write_entries`), made apart from the writing."""
    ids = list(record_ids)
    where = list(origins) if origins is not None else [None] * len(ids)
    numbers = list(revisions) if revisions is not None else [1] * len(ids)
    at, office, source, batch, default = context.at, context.office, context.source, context.batch, context.origin
    return [(at, office, source, batch, origin or default, entity, record_id, "create", None, None, None, revision)
            for record_id, origin, revision in zip(ids, where, numbers, strict=True)]


def write_entries(conn: sqlite3.Connection, entries: Iterable[EntryRow]) -> None:
    """Append entries made by :func:`created_entries`."""
    conn.executemany(_INSERT, entries)


def fields_changed(
    conn: sqlite3.Connection,
    context: Context,
    entity: str,
    record_id: str,
    revision: int,
    changes: Mapping[str, tuple[object, object]],
    *,
    origin: str | None = None,
) -> None:
    """One ``update`` entry per changed field with its old and new values."""
    conn.executemany(_INSERT, ((context.at, context.office, context.source, context.batch, origin or context.origin,
                                entity, record_id, "update", key, _json(old), _json(new), revision)
                               for key, (old, new) in changes.items()))


def record_deleted(conn: sqlite3.Connection, context: Context, entity: str, record_id: str,
                   snapshot: Mapping[str, object]) -> None:
    """A ``delete`` entry keeping the whole record, so an undo can bring it back."""
    conn.execute(_INSERT, (context.at, context.office, context.source, context.batch, context.origin, entity,
                           record_id, "delete", None, _json(dict(snapshot)), None, None))


def _entries(conn: sqlite3.Connection, where: str, params: list[object]) -> list[Entry]:
    rows = conn.execute(
        "SELECT seq, at, office, source, batch, origin, entity, record_id, action, field, old, new, revision"
        f" FROM audit WHERE {where} ORDER BY seq", params).fetchall()
    return [Entry(seq=row[0], at=row[1], office=row[2], source=row[3], batch=row[4], origin=row[5], entity=row[6],
                  record_id=row[7], action=row[8], field=row[9], old=json.loads(row[10]) if row[10] else None,
                  new=json.loads(row[11]) if row[11] else None, revision=row[12]) for row in rows]


def history(conn: sqlite3.Connection, record_id: str) -> list[Entry]:
    """Every entry about one record, oldest first."""
    return _entries(conn, "record_id = ?", [record_id])


def entries_for_batch(conn: sqlite3.Connection, batch: str) -> list[Entry]:
    """Every entry a batch (an import, a demo fill, an undo) wrote, oldest first."""
    return _entries(conn, "batch = ?", [batch])
