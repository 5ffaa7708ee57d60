"""Online backups with SQLite's backup API, verified, never overwriting; restore that backs up first."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gzdesk import paths
from gzdesk.core import messages, migrations
from gzdesk.core.errors import DatabaseRefused, InputRefused, NotFound

messages.register({
    "backup.failed": ("备份失败：{detail}。已删除不完整的备份文件，原有备份和数据库未受影响",
                      "Backup failed: {detail}. The partial file was removed; earlier backups and the database are "
                      "untouched"),
    "backup.not_found": ("找不到备份文件“{path}”", "Backup {path} not found"),
    "backup.damaged": ("备份文件“{path}”已损坏（{detail}），不能用于恢复", "Backup {path} is damaged ({detail}); it cannot be restored"),
    "backup.newer_version": ("备份“{path}”由更新版本的 gzdesk 创建（版本 {found}），本程序不能恢复",
                             "Backup {path} was made by a newer gzdesk (version {found}); this version cannot restore it"),
})

_PAUSED_MARKER = "automatic-backups-paused"
_NAME = re.compile(r"^gzdesk-(\d{8}-\d{6})(?:-\d+)?-([a-z-]+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def _unique_target(folder: Path, reason: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"gzdesk-{stamp}-{reason}.db"
    counter = 1
    while target.exists():
        target = folder / f"gzdesk-{stamp}-{counter}-{reason}.db"
        counter += 1
    return target


def _quick_check(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA quick_check").fetchone()[0])


def backup(conn: sqlite3.Connection, database: Path, *, reason: str = "manual", folder: Path | None = None) -> Path:
    """Copy the live database (consistent even while others write) into a new file and verify it.

    The file lands in ``folder`` (default: ``<db>.backups/`` beside the database) under a name that never
    replaces an existing file. On any failure the partial file is removed and ``backup.failed`` raised.
    """
    folder = folder or paths.backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    target = _unique_target(folder, re.sub(r"[^a-z-]", "", reason.lower()) or "manual")
    try:
        destination = sqlite3.connect(target)
        try:
            conn.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
            result = _quick_check(destination)
        finally:
            destination.close()
        if result != "ok":
            raise sqlite3.DatabaseError(result)
    except (sqlite3.Error, OSError) as error:
        target.unlink(missing_ok=True)
        raise DatabaseRefused("backup.failed", detail=str(error)) from error
    return target


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups beside ``database``, newest first."""
    folder = paths.backups_dir(database)
    found = []
    for path in folder.glob("gzdesk-*.db") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            found.append(BackupInfo(path, taken, match.group(2), path.stat().st_size))
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


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

    Every other connection to ``database`` must be closed. Returns the safety backup's path. The restored
    database is upgraded by the next ``Store.open``.
    """
    verify_backup(backup_file)
    live = sqlite3.connect(database, isolation_level=None)
    try:
        safety = backup(live, database, reason="before-restore")
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
