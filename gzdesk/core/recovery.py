"""Opening the clerk's database at start-up: detect damage, recover, report (RELIABILITY.md T05, T09, T10, T13, T14).

:func:`open_database` is the one call the app makes at start. It never writes to a damaged file: a file whose
header is not SQLite's, that SQLite refuses, or whose ``quick_check`` fails is moved aside whole (with any side
files, under the same new name) as ``<name>.corrupt-<timestamp>`` and the newest backup that passes
``quick_check`` is *offered*, not restored. A hot ``-journal`` or ``-wal`` left by a crash is recovered by SQLite
itself when the file is opened; app code never deletes, renames or copies side files of a healthy database.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from gzdesk.core import backup, batches, messages, start_check
from gzdesk.core.backup import BackupInfo
from gzdesk.core.errors import DatabaseRefused, GzdeskError
from gzdesk.core.locations import LocationWarning, classify
from gzdesk.core.store import Store, connect_read_only, writable

messages.register({
    "recovery.cannot_move": ("数据库“{path}”已损坏（{detail}），但无法把它移开（{reason}），未做任何改动；请把它复制到本机可写的文件夹后再打开",
                             "The database {path} is damaged ({detail}) but cannot be moved aside ({reason}); nothing "
                             "was changed. Copy it to a writable local folder and open it there"),
    "recovery.corrupt": ("数据库“{path}”已损坏（{detail}），已原样移到“{moved}”（未删除）",
                         "The database {path} is damaged ({detail}); it was moved, unchanged, to {moved}"),
})

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class OpenResult:
    """What start-up found. ``store`` is None when the database was damaged and moved aside; then
    ``offered_backup`` is the newest good backup (or None) for the app to offer the clerk."""

    path: Path
    store: Store | None
    read_only_reason: GzdeskError | None = None
    corrupt: GzdeskError | None = None
    moved_to: Path | None = None
    offered_backup: BackupInfo | None = None
    interrupted: list[batches.Batch] = field(default_factory=list)
    location_warning: LocationWarning | None = None


def open_database(path: str | Path, *, now: dt.datetime | None = None) -> OpenResult:
    """Open ``path`` for the app: create it if missing, upgrade it, or detect damage and move it aside.

    A database from a newer gzdesk or a read-only file opens read-only with the reason set. Interrupted imports
    are acknowledged (reported once) when the database is writable.
    """
    path = Path(path).expanduser().resolve()
    warning = classify(path)
    created = not path.exists()
    problem = damage(path)
    store: Store | None = None
    if problem is None:
        try:
            store = Store.open(path)
            if created:
                start_check.note_checked(path)  # made just now: nothing to check
        except DatabaseRefused as error:
            if error.code == "db.read_only":
                store = Store.open(path, read_only=True)
            elif error.code == "db.not_a_database":
                problem = error
            else:
                raise
    if store is None:
        assert problem is not None
        try:
            moved = move_aside(path, now or dt.datetime.now())
        except OSError as error:  # a write-protected folder: leave the file exactly as it is, and say so
            raise DatabaseRefused("recovery.cannot_move", path=str(path), detail=problem.message("en"),
                                  reason=error.strerror or str(error)) from error
        corrupt = DatabaseRefused("recovery.corrupt", path=str(path), detail=problem.message("en"), moved=str(moved))
        return OpenResult(path, None, corrupt=corrupt, moved_to=moved, offered_backup=newest_good_backup(path),
                          location_warning=warning)
    if store.read_only_reason is not None:
        return OpenResult(path, store, read_only_reason=store.read_only_reason, interrupted=batches.interrupted(store),
                          location_warning=warning)
    return OpenResult(path, store, interrupted=batches.acknowledge_interrupted(store), location_warning=warning)


def damage(path: Path) -> GzdeskError | None:
    """Why ``path`` is not a usable database (None when it is fine or does not exist yet).

    Reads the header bytes, then runs ``quick_check`` unless :func:`start_check.may_skip` says the file is as
    gzdesk closed it and was checked within the week. Side files present (a crash) need SQLite's own recovery,
    so then the check runs on a read-write connection, which is what rolls back a hot journal or replays a WAL.
    """
    if not path.exists():
        return None
    with path.open("rb") as file:
        header = file.read(100)
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        return DatabaseRefused("db.not_a_database", path=str(path))
    if start_check.may_skip(path):
        return None  # exactly as gzdesk closed it, fully checked within the week: Store.open still reads the schema
    crashed = any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal"))
    try:
        if crashed and writable(path):
            conn = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, isolation_level=None)
        else:
            conn = connect_read_only(path)
        try:
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except DatabaseRefused:
        return None  # could not even open it: not damage; Store.open says why
    except sqlite3.DatabaseError as error:
        if "readonly" in str(error).lower() or "unable to open" in str(error).lower():
            return None  # not damage: let Store.open decide (read-only file or folder)
        return DatabaseRefused("db.io_error", detail=str(error))
    if result != ["ok"]:
        return DatabaseRefused("db.io_error", detail="; ".join(map(str, result[:3])))
    if writable(path):
        start_check.note_checked(path)
    return None


def move_aside(path: Path, now: dt.datetime) -> Path:
    """Rename ``path`` (and its side files, keeping their suffixes) to an unused ``<name>.corrupt-<stamp>``."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    for suffix in SIDE_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def newest_good_backup(path: Path) -> BackupInfo | None:
    """The newest backup of ``path`` that passes ``quick_check`` and this version can restore."""
    for info in backup.list_backups(path):
        try:
            backup.verify_backup(info.path)
        except GzdeskError:
            continue
        return info
    return None
