"""Automatic backups on a schedule, thinned Anki-style to recent, daily, weekly and monthly copies.

:func:`backups_to_delete` is a pure function of backup times; :func:`take_scheduled_backup` backs up when the
newest automatic backup is older than the interval, then deletes what the policy no longer keeps. Only
automatic backups (reason ``auto``) are thinned; backups before imports, restores and checks, and manual ones,
are the clerk's to delete.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gzdesk import paths
from gzdesk.core import backup

AUTOMATIC = "auto"


@dataclass(frozen=True)
class ThinningPolicy:
    """What to keep: every backup of the last ``recent`` span (at most ``recent_max``), then the newest of each
    day for ``days`` days, of each ISO week for ``weeks`` weeks, of each month for ``months`` months."""

    recent: dt.timedelta = dt.timedelta(hours=24)
    recent_max: int = 48
    days: int = 14
    weeks: int = 8
    months: int = 12


@dataclass(frozen=True)
class ScheduledBackup:
    """What one scheduled run did: the new backup (None when not due, paused, or nothing changed since the newest
    backup) and the files it deleted."""

    taken: Path | None
    deleted: list[Path] = field(default_factory=list)
    paused: bool = False
    unchanged: bool = False


def backups_to_delete(taken: Sequence[dt.datetime], now: dt.datetime,
                      policy: ThinningPolicy = ThinningPolicy()) -> set[int]:
    """The positions in ``taken`` (backup times, any order) that ``policy`` no longer keeps at ``now``.

    Each backup falls in the first zone whose span covers its age; inside the daily, weekly and monthly zones
    only the newest backup of each calendar day / ISO week / month is kept. Backups from the future (a clock
    set back) are kept. Older than every zone: deleted.
    """
    order = sorted(range(len(taken)), key=lambda i: taken[i], reverse=True)
    keep: set[int] = set()
    seen: set[tuple[str, object]] = set()
    recent_kept = 0
    day_limit = now - dt.timedelta(days=policy.days)
    week_limit = now - dt.timedelta(weeks=policy.weeks)
    month_limit = now - dt.timedelta(days=round(30.44 * policy.months))
    for index in order:
        when = taken[index]
        if when > now:
            keep.add(index)
            continue
        if now - when <= policy.recent and recent_kept < policy.recent_max:
            keep.add(index)
            recent_kept += 1
            continue
        if when >= day_limit:
            bucket: tuple[str, object] = ("day", when.date())
        elif when >= week_limit:
            bucket = ("week", when.isocalendar()[:2])
        elif when >= month_limit:
            bucket = ("month", (when.year, when.month))
        else:
            continue
        if bucket not in seen:
            seen.add(bucket)
            keep.add(index)
    return set(range(len(taken))) - keep


def take_scheduled_backup(conn: sqlite3.Connection, database: Path, now: dt.datetime, *,
                          interval: dt.timedelta = dt.timedelta(hours=1),
                          policy: ThinningPolicy = ThinningPolicy()) -> ScheduledBackup:
    """Back up ``database`` (through ``conn``) if the newest automatic backup is older than ``interval`` and the
    data changed since the newest backup of any kind (:func:`backup.state_stamp`), then thin.

    Does nothing while automatic backups are paused (after a restore, until the clerk confirms). A failed
    backup raises ``backup.failed`` (partial file removed, earlier backups kept) and deletes nothing.
    """
    if backup.automatic_paused(database):
        return ScheduledBackup(None, paused=True)
    automatic = [info for info in backup.list_backups(database) if info.reason == AUTOMATIC]
    if automatic and now - automatic[0].taken_at < interval:
        return ScheduledBackup(None)
    if backup.current_backup(paths.backups_dir(database), backup.state_stamp(conn)) is not None:
        return ScheduledBackup(None, unchanged=True)  # the newest backup already holds this state: no new copy
    taken = backup.backup(conn, database, reason=AUTOMATIC)
    automatic = [info for info in backup.list_backups(database) if info.reason == AUTOMATIC]
    doomed = backups_to_delete([info.taken_at for info in automatic], now, policy)
    deleted = [automatic[i].path for i in sorted(doomed) if automatic[i].path != taken]
    for path in deleted:
        backup.remove_backup(path)
    return ScheduledBackup(taken, deleted)
