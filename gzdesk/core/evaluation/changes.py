"""What changed since the last round (调度会): the audit log between two times, and who reported it.

Read from the append-only ``audit`` table (indexed on ``at``). Times are compared as the ISO strings the store
stamps, so a date "2026-03-01" means from the start of that day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from gzdesk.core.store import Store


@dataclass(frozen=True)
class FieldChange:
    """One record field changed in the window: first old value, last new value, how often, by which office and
    source (form, import, cli …), last time. ``field`` is None for a created record."""

    entity: str
    record_id: str
    field: str | None
    action: str
    office: str
    source: str
    times: int
    old: object
    new: object
    last_at: str


@dataclass(frozen=True)
class ReporterCount:
    office: str
    source: str
    entity: str
    records: int
    changes: int


def _loads(value: object) -> object:
    return json.loads(str(value)) if value else None


def _window(since: str, until: str | None) -> tuple[str, list[object]]:
    """The audit-time condition ``since`` ≤ at < ``until`` (no upper bound when ``until`` is None)."""
    if until is None:
        return "at >= ?", [since]
    return "at >= ? AND at < ?", [since, until]


def changed_between(store: Store, since: str, until: str | None = None, *,
                    limit: int | None = None) -> list[FieldChange]:
    """Fields changed (and records created) with ``since`` ≤ at < ``until``, grouped per record, field, office and
    source, in order of last change (newest first)."""
    window, params = _window(since, until)
    sql = ("SELECT entity, record_id, field, action, office, source, count(*), min(seq), max(seq), max(at)"
           f" FROM audit WHERE {window} AND action IN ('create', 'update')"
           " GROUP BY entity, record_id, field, action, office, source ORDER BY max(seq) DESC")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    found = []
    for entity, record_id, field, action, office, source, times, first, last, at in store.conn.execute(sql, params):
        old = store.conn.execute("SELECT old FROM audit WHERE seq = ?", [first]).fetchone()[0]
        new = store.conn.execute("SELECT new FROM audit WHERE seq = ?", [last]).fetchone()[0]
        found.append(FieldChange(entity, record_id, field, action, office, source, times, _loads(old), _loads(new),
                                 at))
    return found


def reporters_between(store: Store, since: str, until: str | None = None) -> list[ReporterCount]:
    """Who reported in the window: records touched and entries written, per office, source and entity."""
    window, params = _window(since, until)
    sql = ("SELECT office, source, entity, count(DISTINCT record_id), count(*) FROM audit"
           f" WHERE {window} AND action IN ('create', 'update') GROUP BY office, source, entity"
           " ORDER BY count(*) DESC, office")
    return [ReporterCount(*row) for row in store.conn.execute(sql, params)]
