"""What a bulk insert writes after its table rows: their search texts and their audit entries.

:class:`InsertBacklog` keeps, for every row the table has received, what those two need (its rid, record id, origin
and searchable values) and writes them in row order with :meth:`~InsertBacklog.write`; when more than ``limit`` rows
wait it writes them at once, so memory stays bounded however many rows come. The result is exactly what writing them
chunk by chunk gives (the same index rows, the same audit entries in the same order).

Why wait: while a bulk insert builds its table's plain indexes again (:mod:`gzdesk.core.bulk_indexes`), SQLite sorts
without holding the GIL, and the texts and entries — Python work — can be made on a thread meanwhile
(:meth:`~InsertBacklog.prepare` with ``background=True`` just before the rebuild, :meth:`~InsertBacklog.write` after
it). The thread only computes lists; the connection is used on the caller's thread alone. Measured on the 2-core
reference machine (50,000 new rows, interleaved runs, medians): applying the import 2.33 s → 2.14 s.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping, Sequence

from gzdesk.core import audit, search
from gzdesk.core.audit import Context, EntryRow
from gzdesk.core.schema import Entity

#: Rows kept waiting at most (each holds its searchable values: about 150 bytes plus the texts themselves).
LIMIT = 100_000
_SLICE = 500  # rows made between two offers of the GIL (about 2 ms; Python's own switch interval is 5 ms)


class InsertBacklog:
    """The search texts and audit entries still to write for rows a bulk insert has put in ``entity``'s table."""

    def __init__(self, conn: sqlite3.Connection, entity: Entity, context: Context, *, limit: int | None = None) -> None:
        self.conn, self.entity, self.context = conn, entity, context
        self.limit = LIMIT if limit is None else limit
        self.keys = search.searchable_keys(entity)
        self.searchable: list[list[object]] = []  # [rid, value, …] per row
        self.record_ids: list[str] = []
        self.origins: list[str | None] = []
        self.prepared: _Prepared | None = None

    def add(self, rows: Iterable[tuple[int, str, str | None, Mapping[str, object]]]) -> None:
        """Rows the table has received: ``(rid, record id, origin, values)``."""
        keys, searchable = self.keys, self.searchable
        for rid, record_id, origin, values in rows:
            searchable.append([rid, *map(values.get, keys)])
            self.record_ids.append(record_id)
            self.origins.append(origin)
        if len(searchable) > self.limit:
            self.write()

    def prepare(self, *, background: bool) -> None:
        """Make the texts and entries of the rows waiting now, on a thread when ``background``."""
        self.prepared = _Prepared(self.entity.key, self.context, self.searchable, self.record_ids, self.origins)
        self.searchable, self.record_ids, self.origins = [], [], []
        if background:
            self.prepared.start()

    def write(self) -> None:
        """Write the texts and entries of every row waiting (made by :meth:`prepare`, or here)."""
        if self.prepared is None:
            self.prepare(background=False)
        assert self.prepared is not None
        texts, entries = self.prepared.result()
        self.prepared = None
        search.add_spaced(self.conn, self.entity, texts)
        audit.write_entries(self.conn, entries)
        if self.searchable:  # rows added after prepare()
            self.write()


class _Prepared:
    """The texts and entries of some rows, made on a thread of its own or when first asked for."""

    def __init__(self, entity: str, context: Context, searchable: Sequence[Sequence[object]], record_ids: list[str],
                 origins: list[str | None]) -> None:
        self.inputs = (entity, context, searchable, record_ids, origins)
        self.output: tuple[list[list[object]], list[EntryRow]] | None = None
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="gzdesk-insert-backlog", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            entity, context, searchable, record_ids, origins = self.inputs
            texts: list[list[object]] = []
            for start in range(0, len(searchable), _SLICE):
                texts += search.spaced_rows(searchable[start:start + _SLICE])
                time.sleep(0)  # hand the GIL to the caller's thread if it waits: it then starts the next index sooner
            self.output = (texts, audit.created_entries(context, entity, record_ids, origins))
        except BaseException as error:  # handed to the caller's thread by result()
            self.error = error

    def result(self) -> tuple[list[list[object]], list[EntryRow]]:
        if self.thread is None:
            self._run()
        else:
            self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.output is not None
        return self.output
