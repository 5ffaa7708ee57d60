"""Automatic backups: the thinning policy (pure), the schedule, the pause after a restore (T12), disk full (T04)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from gzdesk.core import backup
from gzdesk.core.backup_schedule import ThinningPolicy, backups_to_delete, take_scheduled_backup
from gzdesk.core.store import Store
from tests.conftest import project
from tests.faults._children import run

NOW = dt.datetime(2025, 6, 30, 12, 0)
DEFAULT = ThinningPolicy()


def _kept(taken: list[dt.datetime], policy: ThinningPolicy = DEFAULT) -> list[dt.datetime]:
    doomed = backups_to_delete(taken, NOW, policy)
    return sorted((t for i, t in enumerate(taken) if i not in doomed), reverse=True)


def test_thinning_keeps_everything_recent_up_to_the_maximum() -> None:
    hourly = [NOW - dt.timedelta(hours=h) for h in range(24)]
    assert _kept(hourly) == hourly
    assert _kept(hourly, ThinningPolicy(recent_max=5)) == [*hourly[:6], hourly[13]]  # then the newest of each day


def test_thinning_keeps_one_per_day_week_and_month_then_nothing() -> None:
    every_six_hours = [NOW - dt.timedelta(hours=6 * h) for h in range(4 * 500)]
    kept = _kept(every_six_hours)
    older = [t for t in kept if NOW - t > dt.timedelta(hours=24)]
    days = [t for t in older if t >= NOW - dt.timedelta(days=14)]
    assert len({t.date() for t in days}) == len(days) and 13 <= len(days) <= 15
    weeks = [t for t in older if NOW - dt.timedelta(weeks=8) <= t < NOW - dt.timedelta(days=14)]
    assert len({t.isocalendar()[:2] for t in weeks}) == len(weeks) and 6 <= len(weeks) <= 8
    months = [t for t in older if t < NOW - dt.timedelta(weeks=8)]
    assert len({(t.year, t.month) for t in months}) == len(months) and 10 <= len(months) <= 13
    assert min(kept) >= NOW - dt.timedelta(days=366)


def test_thinning_is_stable_when_run_again_and_keeps_future_times() -> None:
    taken = [NOW - dt.timedelta(hours=7 * h) for h in range(600)] + [NOW + dt.timedelta(days=1)]
    kept = _kept(taken)
    assert NOW + dt.timedelta(days=1) in kept
    assert backups_to_delete(kept, NOW) == set()


def test_scheduled_backup_runs_when_due_and_changed_and_thins(db_path: Path) -> None:
    with Store.open(db_path) as store:
        now = dt.datetime.now()
        first = take_scheduled_backup(store.conn, db_path, now)
        assert first.taken is not None and first.taken.exists()
        store.create("investment", project("第一个"))
        assert take_scheduled_backup(store.conn, db_path, now).taken is None  # not due yet
        later = take_scheduled_backup(store.conn, db_path, now + dt.timedelta(hours=2))
        assert later.taken is not None and later.taken != first.taken
        idle = take_scheduled_backup(store.conn, db_path, now + dt.timedelta(hours=4))
        assert idle.taken is None and idle.unchanged  # due, but nothing changed since the newest backup
        store.create("investment", project("第二个"))
        one_kept = take_scheduled_backup(store.conn, db_path, now + dt.timedelta(days=400),
                                         policy=ThinningPolicy(recent_max=1))
        assert one_kept.taken is not None and set(one_kept.deleted) == {first.taken, later.taken}
        assert [b.path for b in backup.list_backups(db_path)] == [one_kept.taken]
        assert sorted(p.name for p in one_kept.taken.parent.iterdir()) == [
            one_kept.taken.name, one_kept.taken.name + ".json"]  # thinned with their sidecars


def test_t12_automatic_backups_pause_after_restore_until_confirmed(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project())
        taken = backup.backup(store.conn, db_path)
    backup.restore(db_path, taken)
    with Store.open(db_path) as store:
        paused = take_scheduled_backup(store.conn, db_path, dt.datetime.now())
        assert paused.paused and paused.taken is None
        backup.resume_automatic(db_path)
        assert take_scheduled_backup(store.conn, db_path, dt.datetime.now()).taken is not None


BACKUP_UNDER_LIMIT = """
    import resource, signal, sys
    from pathlib import Path
    from gzdesk.core import backup
    from gzdesk.core.errors import DatabaseRefused
    from gzdesk.core.store import Store
    store = Store.open(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        backup.backup(store.conn, store.path, reason="auto")
    except DatabaseRefused as error:
        print(error.code, error.message("en"))
    else:
        print("no error")
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_t04_disk_full_during_backup_removes_the_partial_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"项目{i}") for i in range(3000)], source="test")
        earlier = backup.backup(store.conn, db_path)
    earlier_digest, live_digest = _digest(earlier), _digest(db_path)
    result = run(BACKUP_UNDER_LIMIT, db_path, db_path.stat().st_size // 2)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("backup.disk_full Backup failed: not enough disk space."), result.stdout
    assert [b.path for b in backup.list_backups(db_path)] == [earlier]  # the partial file is gone
    assert sorted(p.name for p in earlier.parent.iterdir()) == [earlier.name, earlier.name + ".json"]
    assert _digest(earlier) == earlier_digest and _digest(db_path) == live_digest
    with Store.open(db_path) as store:  # space is back: the next backup works
        assert store.count("investment") == 3000
        again = backup.backup(store.conn, db_path, reason="auto")
    assert backup.verify_backup(again) >= 1 and len(backup.list_backups(db_path)) == 2
