"""Online backups with SQLite's backup API, verified, never overwriting; restore that backs up first.

Each backup has a small JSON sidecar (``<backup>.json``) recording the state it holds (:func:`state_stamp`) and
that it passed ``quick_check``, so a backup before an import, restore or repair can reuse the newest backup when
nothing changed since, instead of copying a 2 GB database again.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gzdesk import paths
from gzdesk.core import messages, migrations
from gzdesk.core.errors import Cancelled, DatabaseRefused, InputRefused, NotFound
from gzdesk.core.progress import NoProgress, Progress, check_cancelled

messages.register({
    "backup.failed": ("备份失败：{detail}。已删除不完整的备份文件，原有备份和数据库未受影响",
                      "Backup failed: {detail}. The partial file was removed; earlier backups and the database are "
                      "untouched"),
    "backup.disk_full": ("备份失败：磁盘空间不足。已删除不完整的备份文件，原有备份和数据库未受影响",
                         "Backup failed: not enough disk space. The partial file was removed; earlier backups and the "
                         "database are untouched"),
    "backup.restore_in_use": ("数据库“{path}”正被其他程序或窗口使用；请先关闭它们再恢复。未做任何修改",
                              "The database {path} is open in another program or window; close it, then restore "
                              "again. Nothing was changed"),
    "backup.copying": ("正在备份数据库…", "Backing up the database…"),
    "backup.not_found": ("找不到备份文件“{path}”", "Backup {path} not found"),
    "backup.damaged": ("备份文件“{path}”已损坏（{detail}），不能用于恢复", "Backup {path} is damaged ({detail}); it cannot be restored"),
    "backup.newer_version": ("备份“{path}”由更新版本的 gzdesk 创建（版本 {found}），本程序不能恢复",
                             "Backup {path} was made by a newer gzdesk (version {found}); this version cannot restore it"),
})

_PAUSED_MARKER = "automatic-backups-paused"
_NAME = re.compile(r"^gzdesk-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.db$")
#: Pages copied per step of the backup API: 4,096 pages (16 MB at SQLite's default 4 KB page), so a 2 GB
#: database reports progress (and can be cancelled) about 125 times.
PAGES_PER_STEP = 4096
#: How long a restore waits for other connections to let go of the database before it refuses.
RESTORE_WAIT_SECONDS = 2.0
#: Tables that no audit entry covers, fingerprinted whole by :func:`state_stamp` (each holds few rows) …
UNAUDITED_TABLES = frozenset({"settings", "batch", "vocabulary_extra", "district", "industry"})
#: … like every table with at most this many rows (by its largest rowid).
SMALL_TABLE_ROWS = 2000


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def _new_backup_file(folder: Path, reason: str, create: Callable[[Path], object]) -> Path:
    """``create`` a file under a name no other backup has (``create`` must fail with FileExistsError when the
    name is taken: nothing is ever overwritten). Within one second the name's counter grows, whatever the reason,
    so :func:`list_backups` orders them."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    same_second = [match for other in folder.glob(f"gzdesk-{stamp}-*.db") if (match := _NAME.match(other.name))]
    counter = max((int(match.group(2) or 0) + 1 for match in same_second), default=0)  # newest sorts first
    while True:
        target = folder / (f"gzdesk-{stamp}-{reason}.db" if counter == 0 else f"gzdesk-{stamp}-{counter}-{reason}.db")
        try:
            create(target)
        except FileExistsError:
            counter += 1
            continue
        return target


def _quick_check(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA quick_check").fetchone()[0])


def state_stamp(conn: sqlite3.Connection) -> str:
    """A fingerprint of the database's state, cheap at any size (no large table is read).

    It covers the user and schema versions, the whole content of every small table (at most
    :data:`SMALL_TABLE_ROWS` rows) and of the tables no audit entry covers (:data:`UNAUDITED_TABLES`), and the
    last rowid of every other table — among them the audit log, whose last entry changes with every change to a
    record (large tables are audited record tables, or kept from them). Equal stamps mean equal data; a stamp
    that differs only costs a copy.
    """
    digest = hashlib.sha256()
    for pragma in ("user_version", "schema_version"):
        digest.update(f"{pragma}={conn.execute(f'PRAGMA {pragma}').fetchone()[0]};".encode())
    tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
                          " ORDER BY name").fetchall()
    for (table,) in tables:
        try:
            rows = conn.execute(f"SELECT max(rowid) FROM [{table}]").fetchall()
            if table in UNAUDITED_TABLES or (rows[0][0] or 0) <= SMALL_TABLE_ROWS:
                rows = conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid").fetchall()
        except sqlite3.OperationalError:  # a WITHOUT ROWID table: no cheap last row; its definition still counts
            rows = []
        digest.update(f"{table}={rows!r};".encode())
    return digest.hexdigest()[:32]


def _sidecar(path: Path) -> Path:
    """The small JSON file beside a backup saying which state it holds and that it passed ``quick_check``."""
    return path.with_name(path.name + ".json")


def _write_sidecar(path: Path, stamp: str) -> None:
    info = path.stat()
    text = json.dumps({"state": stamp, "quick_check": "ok", "size": info.st_size, "mtime_ns": info.st_mtime_ns})
    temporary = path.with_name(path.name + ".json.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, _sidecar(path))


def _verified_state(path: Path) -> str | None:
    """The state a backup holds, if its sidecar says it passed ``quick_check`` and the file is still the one that
    did (same size and modification time); else None."""
    try:
        recorded = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        info = path.stat()
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded.get("quick_check") != "ok":
        return None
    if (recorded.get("size"), recorded.get("mtime_ns")) != (info.st_size, info.st_mtime_ns):
        return None
    state = recorded.get("state")
    return state if isinstance(state, str) else None


def current_backup(folder: Path, stamp: str) -> BackupInfo | None:
    """The newest backup in ``folder`` when it is verified and holds exactly the state ``stamp``; else None."""
    newest = next(iter(_backups_in(folder)), None)
    return newest if newest is not None and _verified_state(newest.path) == stamp else None


def remove_backup(path: Path) -> None:
    """Delete a backup file with its sidecar (and a journal left by a failed copy)."""
    for leftover in (path, _sidecar(path), path.with_name(path.name + "-journal")):
        leftover.unlink(missing_ok=True)


def backup(conn: sqlite3.Connection, database: Path, *, reason: str = "manual", folder: Path | None = None,
           progress: Progress | None = None, reuse: bool = False) -> Path:
    """Copy the live database (consistent even while others write) into a new file and verify it.

    The file lands in ``folder`` (default: ``<db>.backups/`` beside the database) under a name that never
    replaces an existing file. The copy is one snapshot — ``conn`` holds a read transaction throughout — taken
    with the backup API :data:`PAGES_PER_STEP` pages at a time, reporting to ``progress``, which may cancel
    (:class:`Cancelled`). With ``reuse``, when the newest verified backup already holds the current state
    (:func:`state_stamp`), nothing is copied: that backup is returned, or, for another reason, a hard link to it
    under this reason's name (a copy where the file system has no hard links). On any failure the partial file
    is removed and ``backup.failed`` raised.
    """
    folder = folder or paths.backups_dir(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _failed(error) from error
    reason = re.sub(r"[^a-z-]", "", reason.lower()) or "manual"
    began = not conn.in_transaction
    try:
        if began:
            conn.execute("BEGIN")
        stamp = state_stamp(conn)  # its reads start the transaction that pins the snapshot being copied
        reused = _reuse(folder, stamp, reason) if reuse else None
        return reused or _copy(conn, folder, reason, stamp, progress or NoProgress())
    except sqlite3.Error as error:
        raise _failed(error) from error
    finally:
        if began and conn.in_transaction:
            conn.execute("ROLLBACK")


def _reuse(folder: Path, stamp: str, reason: str) -> Path | None:
    current = current_backup(folder, stamp)
    if current is None:
        return None
    if current.reason == reason:
        return current.path
    linked: list[Path] = []

    def link(name: Path) -> None:
        os.link(current.path, name)
        linked.append(name)

    try:
        _new_backup_file(folder, reason, link)
        _write_sidecar(linked[0], stamp)
    except OSError:  # no hard links on this file system (FAT, some network shares), or no room: copy instead
        for path in linked:
            remove_backup(path)
        return None
    return linked[0]


def _copy(conn: sqlite3.Connection, folder: Path, reason: str, stamp: str, progress: Progress) -> Path:
    label = messages.render("backup.copying", messages.default_language())

    def report(status: int, remaining: int, total: int) -> None:
        progress.step(total - remaining, total, label)
        check_cancelled(progress)

    check_cancelled(progress)
    target = _new_backup_file(folder, reason, lambda name: name.open("xb").close())
    try:
        destination = sqlite3.connect(target, isolation_level=None)
        try:
            conn.backup(destination, pages=PAGES_PER_STEP, progress=report)
            destination.execute("PRAGMA journal_mode = DELETE")
            result = _quick_check(destination)
        finally:
            destination.close()
        if result != "ok":
            raise sqlite3.DatabaseError(result)
        _write_sidecar(target, stamp)
    except Cancelled:
        remove_backup(target)
        raise
    except (sqlite3.Error, OSError) as error:
        remove_backup(target)
        raise _failed(error) from error
    return target


def _failed(error: sqlite3.Error | OSError) -> DatabaseRefused:
    """``backup.disk_full`` for "database or disk is full", "disk I/O error" (how SQLite reports a file-size
    limit), ENOSPC and EFBIG; ``backup.failed`` with SQLite's words otherwise."""
    text = str(error).lower()
    if "full" in text or "disk i/o" in text or getattr(error, "errno", None) in (errno.ENOSPC, errno.EFBIG):
        return DatabaseRefused("backup.disk_full")
    return DatabaseRefused("backup.failed", detail=str(error))


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups beside ``database``, newest first."""
    return _backups_in(paths.backups_dir(database))


def _backups_in(folder: Path) -> list[BackupInfo]:
    found: list[tuple[int, BackupInfo]] = []
    for path in folder.glob("gzdesk-*.db") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            try:
                size = path.stat().st_size
            except OSError:  # deleted meanwhile (thinning in another process)
                continue
            taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            found.append((int(match.group(2) or 0), BackupInfo(path, taken, match.group(3), size)))
    found.sort(key=lambda item: (item[1].taken_at, item[0]), reverse=True)  # in one second: by the name's counter
    return [info for _, info in found]


def verify_backup(path: Path) -> int:
    """The schema version of a restorable backup; refuses a missing, damaged or newer-version file."""
    if not path.is_file():
        raise NotFound("backup.not_found", path=str(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = _quick_check(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise InputRefused("backup.damaged", path=str(path), detail=str(error)) from error
    if result != "ok":
        raise InputRefused("backup.damaged", path=str(path), detail=result)
    if version > migrations.latest_version():
        raise InputRefused("backup.newer_version", path=str(path), found=version)
    return version


def restore(database: Path, backup_file: Path) -> Path:
    """Replace the database's contents with ``backup_file``; the current contents are backed up first.

    Every other connection to ``database`` must be closed: while one is open the restore refuses
    (``backup.restore_in_use``) and changes nothing; from the check to the end, the database is held exclusively.
    Returns the safety backup's path. The restored database is upgraded by the next ``Store.open``.
    """
    verify_backup(backup_file)
    live = sqlite3.connect(database, isolation_level=None, timeout=RESTORE_WAIT_SECONDS)
    try:
        _take_alone(live, database)
        safety = backup(live, database, reason="before-restore", reuse=True)
        source = sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(live)
        finally:
            source.close()
        if _quick_check(live) != "ok":
            raise DatabaseRefused("backup.failed", detail="quick_check after restore")
    except sqlite3.Error as error:
        raise DatabaseRefused("backup.failed", detail=str(error)) from error
    finally:
        live.close()
    pause_automatic(database)
    return safety


def _take_alone(live: sqlite3.Connection, database: Path) -> None:
    """Hold the database exclusively until ``live`` closes; refuse while any other connection has it open (the app,
    a worker, another program): a restore must not change data under a reader's feet."""
    try:
        live.execute("PRAGMA locking_mode = EXCLUSIVE")
        live.execute("BEGIN EXCLUSIVE")
        live.execute("COMMIT")  # in EXCLUSIVE locking mode the lock stays until the connection closes
    except sqlite3.OperationalError as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise DatabaseRefused("backup.restore_in_use", path=str(database)) from error
        raise


def pause_automatic(database: Path) -> None:
    """Pause automatic backups of ``database`` (after a restore: thinning must not push out older copies
    until the clerk confirms the restored state is right). A marker file in the backups folder holds the flag."""
    folder = paths.backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / _PAUSED_MARKER).touch()


def resume_automatic(database: Path) -> None:
    """The clerk confirmed: automatic backups run again."""
    (paths.backups_dir(database) / _PAUSED_MARKER).unlink(missing_ok=True)


def automatic_paused(database: Path) -> bool:
    return (paths.backups_dir(database) / _PAUSED_MARKER).exists()
