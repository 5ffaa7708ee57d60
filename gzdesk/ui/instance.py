"""One app instance per database: a ``QLockFile`` at ``<db>.lock`` with its holder's host, pid and app name.

A lock left by a dead process on this host is cleared automatically; a lock held by another host is never
cleared automatically (its pid means nothing here) — it is returned so the app can ask the clerk, who may
then call :meth:`DatabaseLock.take_over`. The stale time is 0: a live holder's lock never expires by age.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile


@dataclass(frozen=True)
class LockHolder:
    """Who holds the lock. ``this_host`` is False for a lock written on another machine."""

    pid: int
    hostname: str
    app_name: str
    this_host: bool


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class DatabaseLock:
    """The single-instance lock of one database. Call :meth:`acquire` at start and :meth:`release` at exit."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(Path(database))
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> LockHolder | None:
        """Take the lock now (no waiting). None when taken; otherwise who holds it.

        A lock from a dead process on this host is removed and taken; any other lock is left in place.
        """
        if self._lock.tryLock(0):
            return None
        holder = self.holder()
        if holder is not None and holder.this_host and not _process_alive(holder.pid) and self._lock.removeStaleLockFile():
            if self._lock.tryLock(0):
                return None
            holder = self.holder()
        return holder or LockHolder(0, "", "", this_host=False)

    def holder(self) -> LockHolder | None:
        """The lock file's holder info, or None when there is no readable lock file."""
        info = self._lock.getLockInfo()
        if not info or not isinstance(info, tuple) or len(info) != 3:
            return None
        pid, hostname, app_name = info
        if not pid and not hostname:
            return None
        return LockHolder(int(pid), str(hostname), str(app_name), this_host=hostname == socket.gethostname())

    def take_over(self) -> bool:
        """The clerk confirmed the other holder is gone: remove its lock and take it. True when taken."""
        self._lock.removeStaleLockFile()
        return bool(self._lock.tryLock(0))

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def _process_alive(pid: int) -> bool:
    import os

    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
