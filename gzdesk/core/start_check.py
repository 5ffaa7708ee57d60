"""When start-up may skip the full damage check: the file is exactly as gzdesk left it at a clean close.

``PRAGMA quick_check`` reads every page: ~2 s on a database of a million records, paid at every start. It only
finds something when the file changed behind SQLite's back, so start-up runs it when

* there is no record of a clean close (first start, a CLI session, another program, a crash), or
* the file's size or modification time differs from the record (anything wrote to it since), or
* a side file (``-wal``/``-journal``) is present (a crash: SQLite's own recovery must run), or
* the last full check is older than :data:`CHECK_EVERY` (so slow media damage is still found within a week).

The record is a small JSON file in the database's backups folder (``last-close.json``, which the backup listing
ignores); where it cannot be written (a write-protected folder) every start runs the check, as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from gzdesk.paths import backups_dir

CHECK_EVERY = dt.timedelta(days=7)
RECORD_NAME = "last-close.json"


def _record_path(database: Path) -> Path:
    return backups_dir(database) / RECORD_NAME


def _read(database: Path) -> dict[str, object]:
    try:
        data = json.loads(_record_path(database).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("database") == str(database) else {}


def _write(database: Path, data: dict[str, object]) -> None:
    path = _record_path(database)
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        return  # a write-protected folder: the next start simply checks again


def _identity(database: Path) -> list[int] | None:
    """Size and modification time, or None when a side file says SQLite has recovery to do."""
    if any(database.with_name(database.name + suffix).exists() for suffix in ("-wal", "-journal")):
        return None
    try:
        stat = database.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def may_skip(database: Path, *, now: dt.datetime | None = None) -> bool:
    """True when ``database`` is byte-for-byte as gzdesk closed it and its last full check is recent."""
    record = _read(database)
    identity = _identity(database)
    if identity is None or record.get("closed") != identity:
        return False
    try:
        checked = dt.datetime.fromisoformat(str(record.get("checked_at")))
    except ValueError:
        return False
    return (now or dt.datetime.now()) - checked < CHECK_EVERY


def note_checked(database: Path, *, now: dt.datetime | None = None) -> None:
    """A full check just passed: remember when (the file is not marked closed until :func:`note_closed`)."""
    _write(database, {"database": str(database), "checked_at": (now or dt.datetime.now()).isoformat(),
                      "closed": None})


def note_closed(database: Path) -> None:
    """The app closed its last connection cleanly: remember the file as it is now, keeping the last check time."""
    record = _read(database)
    identity = _identity(database)
    if not record.get("checked_at") or identity is None:
        return
    _write(database, {**record, "closed": identity})
