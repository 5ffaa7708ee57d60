"""The clerk's SQLite database: open and migrate, typed reads, audited writes that return change sets.

One ``Store`` holds one connection; use one per thread. Every write runs in one ``BEGIN IMMEDIATE``
transaction together with its audit entries, so a write and its audit land together or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import sqlite_utils

from gzdesk.core import audit, bulk_indexes, matching, messages, migrations, records, schema, search, write_refusal
from gzdesk.core.audit import ChangeSet, Context
from gzdesk.core.errors import DatabaseRefused, InputRefused, InvalidValues, NotFound, WriteRefused
from gzdesk.core.insert_backlog import InsertBacklog
from gzdesk.core.locations import journal_mode
from gzdesk.core.progress import NoProgress, Progress, check_cancelled
from gzdesk.core.query import Query, order_clause, where_clause
from gzdesk.core.reference import District, Industry, Reference
from gzdesk.core.schema import Entity

messages.register({
    "db.newer_version": ("数据库“{path}”由更新版本的 gzdesk 创建（版本 {found}，本程序支持到 {supported}），只能只读打开",
                         "The database {path} was made by a newer gzdesk (version {found}; this one knows up to "
                         "{supported}); it is open read-only"),
    "db.read_only": ("数据库“{path}”是只读的，不能保存修改", "The database {path} is read-only; changes cannot be saved"),
    "db.busy": ("数据库正被另一个程序使用，请稍后重试", "The database is in use by another program; try again shortly"),
    "db.disk_full": ("磁盘空间不足，未做任何修改", "Not enough disk space – nothing was changed"),
    "db.io_error": ("读写数据库出错：{detail}，未做任何修改", "Could not read or write the database: {detail}; nothing was changed"),
    "db.not_a_database": ("文件“{path}”不是 gzdesk 数据库或已损坏", "{path} is not a gzdesk database, or it is damaged"),
    "db.not_found": ("找不到数据库“{path}”", "Database {path} not found"),
    "db.folder_read_only": ("文件夹“{folder}”是只读的，不能在这里创建数据库；请选择其他位置",
                            "The folder {folder} is read-only; a database cannot be created there. Choose another place"),
    "record.not_found": ("找不到记录 {record_id}", "Record {record_id} not found"),
    "record.stale": ("记录已被其他人修改（版本 {found}，你编辑的是版本 {expected}）",
                     "The record was changed meanwhile (revision {found}; you edited revision {expected})"),
    "record.exists": ("记录 {record_id} 已存在，不能再恢复一次", "Record {record_id} exists already; it cannot be restored again"),
})

DEFAULT_OFFICE = "local"
_ROW_EXTRAS = frozenset({"id", "owner_office", "_origin", "_natural_key"})
_UNSET = object()


class _Pending(NamedTuple):
    """A row on its way into the table: its rid, stable id, owner, audit origin and field values."""

    rid: int
    record_id: str
    owner: str
    origin: str | None
    values: Mapping[str, object]

BUSY_TIMEOUT_SECONDS = 5.0


def uuid4_text(random: bytes) -> str:
    """``str(uuid.UUID(bytes=random, version=4))`` for 16 random bytes, without building the UUID object."""
    digits = random.hex()
    return (f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{'89ab'[int(digits[16], 16) & 3]}{digits[17:20]}-"
            f"{digits[20:32]}")


def _fresh_ids() -> Iterator[str]:
    """New record ids (random UUIDs as text), drawn from the system's random source 1,024 at a time."""
    while True:
        pool = os.urandom(16 * 1024)
        for start in range(0, len(pool), 16):
            yield uuid4_text(pool[start:start + 16])


def now() -> str:
    """The time stamped on records and audit entries: local time with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _labels(entity: Entity) -> dict[str, tuple[str, str]]:
    """The (zh, en) label of every column a clerk knows: the fields, and the stable record id."""
    return {"id": ("记录编号", "Record ID"), **{f.key: (f.zh, f.en) for f in entity.fields}}


def _translate_sqlite_error(error: sqlite3.Error, *, path: Path | None = None) -> DatabaseRefused:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DatabaseRefused("db.busy")
    if "full" in text or "disk i/o" in text:
        return DatabaseRefused("db.disk_full")
    if "readonly" in text or "read-only" in text:
        return DatabaseRefused("db.read_only", path="" if path is None else str(path))
    return DatabaseRefused("db.io_error", detail=str(error))


# ------------------------------------------------------------- read-only connections (RELIABILITY.md T05)
def writable(path: Path) -> bool:
    """Whether this process may write the database file (when it exists) and create side files in its folder."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def side_files(path: Path) -> list[Path]:
    """The ``-wal``, ``-shm`` and ``-journal`` files beside ``path`` that exist now."""
    return [side for suffix in ("-wal", "-shm", "-journal") if (side := path.with_name(path.name + suffix)).exists()]


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never changes the database and leaves no side file behind.

    SQLite's ``mode=ro`` on a WAL database creates ``-wal`` and ``-shm`` and, unable to checkpoint, leaves them
    when it closes. So where this process may write, the connection is an ordinary one made read-only with
    ``PRAGMA query_only`` (SQLite refuses every write), which removes its side files on close like any other.
    Where it may not (the file or its folder is write-protected, so nobody changes the database through SQLite),
    it is ``mode=ro`` — using the side files of another connection or of a crash when they exist, and otherwise
    ``immutable``, which needs none (``mode=ro`` would create them, or fail in a write-protected folder).
    """
    if writable(path):
        uri, query_only = f"{path.as_uri()}?mode=rw", True
    elif side_files(path):
        uri, query_only = f"{path.as_uri()}?mode=ro", False
    else:
        uri, query_only = f"{path.as_uri()}?mode=ro&immutable=1", False
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as error:
        raise _translate_sqlite_error(error, path=path) from error
    if query_only:
        conn.execute("PRAGMA query_only = ON")
    return conn


class Store:
    """An open gzdesk database. Create with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only_reason: DatabaseRefused | None) -> None:
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        self.read_only_reason = read_only_reason

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, create: bool = True) -> Store:
        """Open (and create or upgrade) the database at ``path``.

        A database written by a newer gzdesk, or one this process may not write (the file or its folder is
        write-protected), opens read-only with :attr:`read_only_reason` set; writes then raise it.
        ``read_only=True`` opens read-only on purpose. A read-only store never changes the database and leaves no
        ``-wal``/``-shm``/``-journal`` file behind (:func:`connect_read_only`).
        """
        path = Path(path).expanduser().resolve()
        if not path.exists() and (read_only or not create):
            raise NotFound("db.not_found", path=str(path))
        if not read_only and not writable(path):
            if not path.exists():
                raise DatabaseRefused("db.folder_read_only", folder=str(path.parent))
            read_only = True
        if read_only:
            conn = cls._connect(path, read_only=True)
            version = cls._version(conn, path)
            reason = DatabaseRefused("db.read_only", path=str(path))
            if version > migrations.latest_version():
                reason = DatabaseRefused("db.newer_version", path=str(path), found=version,
                                         supported=migrations.latest_version())
            return cls(conn, path, read_only_reason=reason)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = cls._connect(path, read_only=False)
        version = cls._version(conn, path)
        if version > migrations.latest_version():
            conn.close()
            conn = cls._connect(path, read_only=True)
            reason = DatabaseRefused("db.newer_version", path=str(path), found=version,
                                     supported=migrations.latest_version())
            return cls(conn, path, read_only_reason=reason)
        try:
            conn.execute(f"PRAGMA journal_mode = {journal_mode(path)}")  # never WAL on a network drive
            migrations.apply(sqlite_utils.Database(conn, execute_plugins=False))
        except sqlite3.Error as error:
            conn.close()
            raise _translate_sqlite_error(error, path=path) from error
        return cls(conn, path, read_only_reason=None)

    @staticmethod
    def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
        if read_only:
            return connect_read_only(path)
        try:
            return sqlite3.connect(f"{path.as_uri()}?mode=rwc", uri=True, timeout=BUSY_TIMEOUT_SECONDS,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise _translate_sqlite_error(error, path=path) from error

    @staticmethod
    def _version(conn: sqlite3.Connection, path: Path) -> int:
        """The schema version; also the first read, so a file that is not a database is refused here."""
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA cache_size = -65536")  # 64 MB: index-heavy bulk writes stay in memory
        except sqlite3.DatabaseError as error:
            conn.close()
            raise DatabaseRefused("db.not_a_database", path=str(path)) from error
        return version

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # ------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls become savepoints. SQLite errors become
        :class:`DatabaseRefused` with a message a clerk can read; nothing is left half-written."""
        if self.read_only_reason is not None:
            raise self.read_only_reason
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _translate_sqlite_error(error, path=self.path) from error
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):  # locked, disk full, I/O: the clerk can act
                raise _translate_sqlite_error(error, path=self.path) from error
            raise

    def context(self, source: str, *, batch: str | None = None, origin: str | None = None) -> Context:
        return Context(at=now(), office=self.office, source=source, batch=batch, origin=origin)

    # ---------------------------------------------------------------- settings
    def setting(self, key: str, default: object = None) -> object:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: object) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value ="
                         " excluded.value", [key, json.dumps(value, ensure_ascii=False)])

    @property
    def office(self) -> str:
        """This database's own office code (Settings); records made here belong to it."""
        return str(self.setting("office_code", DEFAULT_OFFICE))

    # --------------------------------------------------------------- reference
    @cached_property
    def reference(self) -> Reference:
        districts = [District(code, zh, en, tuple(json.loads(legacy)))
                     for code, zh, en, legacy in self.conn.execute("SELECT * FROM district ORDER BY code")]
        industries = [Industry(code=row[0], group_zh=row[1], group_en=row[2], subgroup_zh=row[3], subgroup_en=row[4],
                               name_zh=row[5], name_en=row[6], aliases=tuple(json.loads(row[7])), retired=bool(row[8]))
                      for row in self.conn.execute("SELECT * FROM industry ORDER BY code")]
        return Reference(districts, industries)

    def refresh_reference(self) -> None:
        """Forget the cached districts and industries (after the taxonomy was edited)."""
        self.__dict__.pop("reference", None)

    def vocabulary_extras(self) -> dict[str, set[str]]:
        """Values the clerk added to the editable vocabularies, by vocabulary key."""
        extras: dict[str, set[str]] = {}
        for vocabulary, value in self.conn.execute("SELECT vocabulary, value FROM vocabulary_extra"):
            extras.setdefault(vocabulary, set()).add(value)
        return extras

    # ------------------------------------------------------------------- reads
    def ordered_ids(self, kind: str, query: Query = Query(), *, limit: int | None = None) -> list[int]:
        """The rids of the records matching ``query``, in its order (the table view's id array)."""
        entity = schema.entity(kind)
        where, params = where_clause(entity, query, first_rows=limit is not None)
        sql = f"SELECT rid FROM [{entity.table}] {where} {order_clause(entity, query)}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [row[0] for row in self.conn.execute(sql, params)]

    def count(self, kind: str, query: Query = Query()) -> int:
        entity = schema.entity(kind)
        where, params = where_clause(entity, query)
        return int(self.conn.execute(f"SELECT count(*) FROM [{entity.table}] {where}", params).fetchone()[0])

    def sums(self, kind: str, fields: Sequence[str], query: Query = Query()) -> dict[str, float]:
        """Totals of numeric fields over the records matching ``query`` (the status bar's sums)."""
        entity = schema.entity(kind)
        for key in fields:
            entity.field(key)
        where, params = where_clause(entity, query)
        columns = ", ".join(f"total([{key}])" for key in fields)
        row = self.conn.execute(f"SELECT {columns} FROM [{entity.table}] {where}", params).fetchone()
        return dict(zip(fields, (float(value) for value in row), strict=True))

    def rows(self, kind: str, rids: Sequence[int]) -> list[dict[str, object]]:
        """The records with these rids, in the order given (missing rids are left out)."""
        entity = schema.entity(kind)
        found: dict[int, dict[str, object]] = {}
        for start in range(0, len(rids), 500):
            chunk = list(rids[start:start + 500])
            cursor = self.conn.execute(
                f"SELECT * FROM [{entity.table}] WHERE rid IN ({', '.join('?' for _ in chunk)})", chunk)
            for row in self._decoded(entity, cursor):
                found[int(row["rid"])] = row  # type: ignore[call-overload]
        return [found[rid] for rid in rids if rid in found]

    def record(self, kind: str, record_id: str) -> dict[str, object] | None:
        """One record by its stable id, or None."""
        entity = schema.entity(kind)
        cursor = self.conn.execute(f"SELECT * FROM [{entity.table}] WHERE id = ?", [record_id])
        found = list(self._decoded(entity, cursor))
        return found[0] if found else None

    def records_by_ids(self, kind: str, record_ids: Iterable[str], *,
                       columns: Sequence[str] | None = None) -> dict[str, dict[str, object]]:
        """The records with these stable ids (missing ones are left out), by id; with ``columns``, only those
        columns (and ``id``) of each record — matching 50,000 re-imported rows needs 5 of 60 (0.2 s instead of 1)."""
        entity = schema.entity(kind)
        wanted = list(dict.fromkeys(record_ids))
        found: dict[str, dict[str, object]] = {}
        selected = "*" if columns is None else ", ".join(f"[{c}]" for c in dict.fromkeys(["id", *columns]))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            cursor = self.conn.execute(
                f"SELECT {selected} FROM [{entity.table}] WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
            found.update((str(row["id"]), row) for row in self._decoded(entity, cursor))
        return found

    def records_by_natural_key(self, kind: str, keys: Iterable[str]) -> dict[str, list[dict[str, object]]]:
        """The records whose natural key (normalised name + district) is one of ``keys``, grouped by key."""
        entity = schema.entity(kind)
        wanted = list(dict.fromkeys(keys))
        found: dict[str, list[dict[str, object]]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            cursor = self.conn.execute(
                f"SELECT * FROM [{entity.table}] WHERE natural_key IN ({', '.join('?' for _ in chunk)}) ORDER BY rid",
                chunk)
            for row in self._decoded(entity, cursor):
                found.setdefault(str(row["natural_key"]), []).append(row)
        return found

    def iter_records(self, kind: str, query: Query = Query(), *, chunk: int = 2000) -> Iterator[dict[str, object]]:
        """Every record matching ``query`` in its order, read in chunks (constant memory)."""
        entity = schema.entity(kind)
        where, params = where_clause(entity, query)
        cursor = self.conn.execute(f"SELECT * FROM [{entity.table}] {where} {order_clause(entity, query)}", params)
        decode = self._row_decoder(entity, [d[0] for d in cursor.description])
        while batch := cursor.fetchmany(chunk):
            yield from map(decode, batch)

    def _decoded(self, entity: Entity, cursor: sqlite3.Cursor) -> Iterator[dict[str, object]]:
        return map(self._row_decoder(entity, [d[0] for d in cursor.description]), cursor)

    @staticmethod
    def _row_decoder(entity: Entity, names: list[str]) -> Callable[[Sequence[object]], dict[str, object]]:
        """A function turning one SQLite row into a record dict; only booleans and tags need decoding."""
        special = [(name, entity.by_key[name]) for name in names
                   if name in entity.by_key and entity.by_key[name].type in records.ENCODED_TYPES]

        def decode(row: Sequence[object]) -> dict[str, object]:
            record = dict(zip(names, row, strict=True))
            for name, field in special:
                record[name] = records.decode(field, record[name])
            return record

        return decode

    # ------------------------------------------------------------------ writes
    @staticmethod
    def _refuse_invalid(entity: Entity, values: Mapping[str, object], *, partial: bool,
                        extras: Mapping[str, set[str]]) -> None:
        problems = records.check_record(entity, values, partial=partial, extras=extras)
        if problems:
            raise InvalidValues((entity.zh, entity.en), list(problems))

    def create(self, kind: str, values: Mapping[str, object], *, source: str = "form") -> ChangeSet:
        """Add one record (validated); returns the change set with its new id."""
        return self.create_many(kind, [values], source=source)

    def create_many(
        self,
        kind: str,
        rows: Iterable[Mapping[str, object]],
        *,
        source: str,
        batch: str | None = None,
        office: str | None = None,
        validate: bool = True,
        progress: Progress | None = None,
        total: int | None = None,
        fields: Sequence[str] | None = None,
        join: bool = False,
    ) -> ChangeSet:
        """Add many records in one transaction (all or nothing), indexed for search and audited.

        Rows may carry ``id`` (kept), ``owner_office``, ``_origin`` (file / sheet / row, for the audit entry) and
        ``_natural_key`` (``matching.natural_key`` of the row, when the caller has it already); everything else
        must be schema fields. ``fields`` names the only fields the rows hold (an import of a 20-column sheet;
        other keys in the rows are ignored): the others are left empty, not bound one by one. A batch that is
        large against the table (``total``, or the length of ``rows``) is inserted with the table's plain
        indexes built afterwards (:mod:`gzdesk.core.bulk_indexes`), in the same transaction. The rows' search texts
        and audit entries are written after them (:mod:`gzdesk.core.insert_backlog`; made on a thread while the
        indexes are built again).

        Called inside a transaction, the rows go into a savepoint of their own — unless ``join``: then they are
        written in the caller's transaction directly, and a failure leaves the rollback to the caller. That is for
        bulk imports: under a savepoint SQLite must keep each row's statement journal in a file (50,000 rows wrote
        530 MB of journal); joined, it stays in memory.
        """
        entity = schema.entity(kind)
        progress = progress or NoProgress()
        context = self.context(source, batch=batch)
        keys = [f.key for f in entity.fields if fields is None or f.key in fields]
        columns = ["rid", "id", "owner_office", "created_at", "updated_at", "updated_by", "revision", *keys]
        if entity.is_project_list:
            columns.append("natural_key")
        sql = (f"INSERT INTO [{entity.table}] ({', '.join(f'[{c}]' for c in columns)})"
               f" VALUES ({', '.join('?' for _ in columns)})")
        created: list[str] = []
        extras = self.vocabulary_extras() if validate else {}
        default_owner = office or context.office
        incoming = total if total is not None else len(rows) if isinstance(rows, Sized) else None
        joined = join and self.read_only_reason is None and self.conn.in_transaction
        with contextlib.nullcontext(self.conn) if joined else self.transaction() as conn:
            next_rid = int(conn.execute(f"SELECT coalesce(max(rid), 0) FROM [{entity.table}]").fetchone()[0]) + 1
            deferred = bulk_indexes.worth_deferring(next_rid - 1, incoming)
            backlog = InsertBacklog(conn, entity, context)
            with bulk_indexes.deferred_indexes(conn, entity.table) if deferred else contextlib.nullcontext():
                pending: list[_Pending] = []
                fresh = _fresh_ids()
                for values in rows:
                    if validate:
                        data = {k: v for k, v in values.items() if k not in _ROW_EXTRAS}
                        self._refuse_invalid(entity, data, partial=False, extras=extras)
                    origin = values.get("_origin")
                    pending.append(_Pending(next_rid, str(values.get("id") or next(fresh)),
                                            str(values.get("owner_office") or default_owner),
                                            None if origin is None else str(origin), values))
                    next_rid += 1
                    if len(pending) >= 2000:
                        self._insert_chunk(conn, entity, sql, keys, pending, context, backlog, created)
                        check_cancelled(progress)
                        progress.step(len(created), total)
                self._insert_chunk(conn, entity, sql, keys, pending, context, backlog, created)
                backlog.prepare(background=deferred)  # made on a thread while SQLite builds the indexes again
            backlog.write()
            progress.step(len(created), total)
        return ChangeSet(entity.key, created=tuple(created), batch=batch)

    @staticmethod
    def _insert_chunk(conn: sqlite3.Connection, entity: Entity, sql: str, keys: list[str],
                      pending: list[_Pending], context: Context, backlog: InsertBacklog, created: list[str]) -> None:
        encoded = records.encoded_keys(entity, keys)
        project = entity.is_project_list
        stamp = [context.at, context.at, context.office, 1]

        def row(item: _Pending) -> list[object]:
            values = item.values
            cells = list(map(values.get, keys))
            for index, field in encoded:
                cells[index] = records.encode(field, cells[index])
            if not project:
                return [item.rid, item.record_id, item.owner, *stamp, *cells]
            known = values.get("_natural_key", _UNSET)
            key = matching.natural_key(entity, values) if known is _UNSET else known
            return [item.rid, item.record_id, item.owner, *stamp, *cells, key]

        tracked = write_refusal.Tracked(pending)
        try:
            conn.executemany(sql, map(row, tracked))
        except write_refusal.VALUE_ERRORS as error:  # name the refused row and column (T02)
            assert tracked.last is not None
            raise Store._refused_insert(conn, entity, sql, keys, row(tracked.last), tracked.last, error) from error
        backlog.add((item.rid, item.record_id, item.origin, item.values) for item in pending)
        created.extend(item.record_id for item in pending)
        pending.clear()

    def update(
        self,
        kind: str,
        record_id: str,
        changes: Mapping[str, object],
        *,
        source: str = "form",
        expected_revision: int | None = None,
        batch: str | None = None,
        origin: str | None = None,
    ) -> ChangeSet:
        """Change some fields of one record; only real changes are written and audited.

        ``expected_revision`` guards against overwriting an edit made meanwhile (raises ``record.stale``).
        """
        entity = schema.entity(kind)
        self._refuse_invalid(entity, changes, partial=True, extras=self.vocabulary_extras())
        context = self.context(source, batch=batch, origin=origin)
        with self.transaction() as conn:
            changed = self._apply_update(conn, entity, record_id, changes, context, expected_revision)
        return ChangeSet(entity.key, updated={record_id: tuple(changed)} if changed else {}, batch=batch)

    def update_many(
        self,
        kind: str,
        changes: Mapping[str, Mapping[str, object]],
        *,
        source: str = "form",
        expected_revisions: Mapping[str, int] | None = None,
        validate: bool = True,
        batch: str | None = None,
    ) -> ChangeSet:
        """Change fields of several records (``changes``: record id → fields) in one transaction: all or nothing.

        Each record is guarded like :meth:`update` by its entry in ``expected_revisions`` (``record.stale``).
        ``validate=False`` only for values this store held before (an undo writing the old values back).
        """
        entity = schema.entity(kind)
        if validate:
            extras = self.vocabulary_extras()
            for values in changes.values():
                self._refuse_invalid(entity, values, partial=True, extras=extras)
        context = self.context(source, batch=batch)
        expected = expected_revisions or {}
        updated: dict[str, tuple[str, ...]] = {}
        with self.transaction() as conn:
            for record_id, values in changes.items():
                changed = self._apply_update(conn, entity, record_id, values, context, expected.get(record_id))
                if changed:
                    updated[record_id] = tuple(changed)
        return ChangeSet(entity.key, updated=updated, batch=batch)

    def revisions(self, kind: str, record_ids: Iterable[str]) -> dict[str, int]:
        """The current revision of each of these records (missing ones are left out)."""
        entity = schema.entity(kind)
        wanted = list(dict.fromkeys(record_ids))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            found.update((str(record_id), int(revision)) for record_id, revision in self.conn.execute(
                f"SELECT id, revision FROM [{entity.table}] WHERE id IN ({', '.join('?' for _ in chunk)})", chunk))
        return found

    def _apply_update(self, conn: sqlite3.Connection, entity: Entity, record_id: str,
                      changes: Mapping[str, object], context: Context, expected_revision: int | None) -> list[str]:
        current = self.record(entity.key, record_id)
        if current is None:
            raise NotFound("record.not_found", record_id=record_id)
        revision = int(current["revision"])  # type: ignore[call-overload]
        if expected_revision is not None and expected_revision != revision:
            raise InputRefused("record.stale", found=revision, expected=expected_revision)
        diff = {k: (current.get(k), v) for k, v in changes.items() if current.get(k) != v}
        if not diff:
            return []
        fields = entity.by_key
        columns = {k: records.encode(fields[k], new) for k, (_, new) in diff.items()}
        if entity.is_project_list and ("name" in diff or "district" in diff):
            columns["natural_key"] = matching.natural_key(entity, {**current, **changes})
        self._update_row(conn, entity, record_id, columns, context)
        if search.searchable_changed(entity, list(diff)):
            rid = int(current["rid"])  # type: ignore[call-overload]
            search.unindex_rows(conn, entity, [(rid, current)])
            search.index_rows(conn, entity, [(rid, {**current, **{k: new for k, (_, new) in diff.items()}})])
        audit.fields_changed(conn, context, entity.key, record_id, revision + 1, diff)
        return list(diff)

    # ------------------------------------------------- refused writes, located (T02)
    @staticmethod
    def _refused_insert(conn: sqlite3.Connection, entity: Entity, sql: str, keys: list[str], cells: list[object],
                        item: _Pending, error: BaseException) -> WriteRefused:
        """The located error for a row SQLite refused in ``_insert_chunk`` (``cells`` as bound to ``sql``)."""
        names = ["rid", "id", "owner_office", "created_at", "updated_at", "updated_by", "revision", *keys]
        names += ["natural_key"] * (len(cells) - len(names))

        def retry(name: str) -> None:
            conn.execute(sql, [None if n == name else cell for n, cell in zip(names, cells, strict=True)])

        return write_refusal.refusal(conn, error, names=names, cells=cells, labels=_labels(entity), retry=retry,
                                     origin=item.origin)

    @staticmethod
    def _update_row(conn: sqlite3.Connection, entity: Entity, record_id: str, columns: Mapping[str, object],
                    context: Context) -> None:
        """UPDATE one record's ``columns``; a refused value raises :class:`WriteRefused` naming it."""

        def update(without: str | None = None) -> None:
            kept = {k: v for k, v in columns.items() if k != without}
            assignments = "".join(f"[{k}] = ?, " for k in kept)
            conn.execute(f"UPDATE [{entity.table}] SET {assignments}updated_at = ?, updated_by = ?,"
                         " revision = revision + 1 WHERE id = ?", [*kept.values(), context.at, context.office, record_id])

        try:
            update()
        except write_refusal.VALUE_ERRORS as error:
            names = [*columns, "updated_at", "updated_by", "id"]
            cells = [*columns.values(), context.at, context.office, record_id]
            raise write_refusal.refusal(conn, error, names=names, cells=cells, labels=_labels(entity), retry=update,
                                        origin=context.origin) from error

    def delete(self, kind: str, record_ids: Sequence[str], *, source: str = "form",
               batch: str | None = None, expected_revisions: Mapping[str, int] | None = None) -> ChangeSet:
        """Delete records; the audit log keeps each whole record so it can be restored.

        ``expected_revisions`` (record id → revision) refuses the whole delete (``record.stale``) when one of
        those records was changed since it was read."""
        entity = schema.entity(kind)
        context = self.context(source, batch=batch)
        deleted: list[str] = []
        expected = expected_revisions or {}
        with self.transaction() as conn:
            for record_id in record_ids:
                current = self.record(kind, record_id)
                if current is None:
                    raise NotFound("record.not_found", record_id=record_id)
                revision = int(current["revision"])  # type: ignore[call-overload]
                if record_id in expected and expected[record_id] != revision:
                    raise InputRefused("record.stale", found=revision, expected=expected[record_id])
                search.unindex_rows(conn, entity, [(int(current["rid"]), current)])  # type: ignore[call-overload]
                conn.execute(f"DELETE FROM [{entity.table}] WHERE id = ?", [record_id])
                audit.record_deleted(conn, context, entity.key, record_id, current)
                deleted.append(record_id)
        return ChangeSet(entity.key, deleted=tuple(deleted), batch=batch)

    def restore(self, kind: str, snapshots: Sequence[Mapping[str, object]], *, source: str = "undo",
                batch: str | None = None) -> ChangeSet:
        """Put deleted records back as they were read before the delete (same id and owner, the same rid when it
        is still free, one revision on), indexed for search and audited as created again; all or nothing.

        Refuses (``record.exists``) when a record with one of the ids exists. The values are not validated again:
        they are the values this store held.
        """
        entity = schema.entity(kind)
        context = self.context(source, batch=batch)
        keys = [f.key for f in entity.fields]
        columns = ["rid", "id", "owner_office", "created_at", "updated_at", "updated_by", "revision", *keys]
        if entity.is_project_list:
            columns.append("natural_key")
        sql = (f"INSERT INTO [{entity.table}] ({', '.join(f'[{c}]' for c in columns)})"
               f" VALUES ({', '.join('?' for _ in columns)})")
        ids = [str(snapshot["id"]) for snapshot in snapshots]
        with self.transaction() as conn:
            existing = self.revisions(kind, ids)
            if existing:
                raise InputRefused("record.exists", record_id=next(iter(existing)))
            wanted = [int(s["rid"]) for s in snapshots if isinstance(s.get("rid"), int)]  # type: ignore[call-overload]
            taken = {int(row[0]) for start in range(0, len(wanted), 500) for row in conn.execute(
                f"SELECT rid FROM [{entity.table}] WHERE rid IN ({', '.join('?' for _ in wanted[start:start + 500])})",
                wanted[start:start + 500])}
            next_rid = int(conn.execute(f"SELECT coalesce(max(rid), 0) FROM [{entity.table}]").fetchone()[0]) + 1
            rows: list[list[object]] = []
            indexed: list[tuple[int, Mapping[str, object]]] = []
            revisions: list[int] = []
            for snapshot in snapshots:
                rid = snapshot.get("rid")
                if not isinstance(rid, int) or rid in taken:
                    rid, next_rid = next_rid, next_rid + 1
                taken.add(rid)
                revision = int(snapshot.get("revision") or 0) + 1  # type: ignore[call-overload]
                cells = [records.encode(entity.by_key[key], snapshot.get(key)) for key in keys]
                tail = [matching.natural_key(entity, snapshot)] if entity.is_project_list else []
                rows.append([rid, str(snapshot["id"]), str(snapshot.get("owner_office") or context.office),
                             str(snapshot.get("created_at") or context.at), context.at, context.office, revision,
                             *cells, *tail])
                indexed.append((rid, snapshot))
                revisions.append(revision)
            conn.executemany(sql, rows)
            search.index_rows(conn, entity, indexed)
            audit.record_created(conn, context, entity.key, ids, revisions=revisions)
        return ChangeSet(entity.key, created=tuple(ids), batch=batch)

    def history(self, record_id: str) -> list[audit.Entry]:
        return audit.history(self.conn, record_id)
