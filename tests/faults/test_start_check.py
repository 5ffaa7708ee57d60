"""Start-up skips the full damage check only for a file exactly as gzdesk closed it, checked within the week
(gzdesk.core.start_check): every other file — changed since, crashed, never closed by the app, or checked long
ago — is checked in full, so damage is still found (RELIABILITY.md T09)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gzdesk.core import start_check
from gzdesk.core.recovery import damage, open_database
from gzdesk.core.store import Store
from tests.conftest import project


def _closed_cleanly(db_path: Path, *, checked_at: dt.datetime | None = None) -> None:
    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"项目{i}") for i in range(3000)], source="test")
    result = open_database(db_path)  # the full check runs and is noted
    assert result.store is not None and result.corrupt is None
    result.store.close()
    if checked_at is not None:
        start_check.note_checked(db_path, now=checked_at)
    start_check.note_closed(db_path)


def _damage_a_page_keeping_size_and_time(db_path: Path) -> None:
    """Damage no size/time comparison can see (what only a full check finds)."""
    before = db_path.stat()
    with sqlite3.connect(db_path) as conn:
        page_size, pages = (conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_size", "page_count"))
    conn.close()
    with db_path.open("r+b") as file:
        file.seek(page_size * (pages // 2))
        file.write(b"\xff" * page_size)
    os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert db_path.stat().st_size == before.st_size


def test_a_file_as_the_app_closed_it_is_not_read_in_full_at_start(tmp_path: Path) -> None:
    db_path = tmp_path / "clean.db"
    _closed_cleanly(db_path)
    assert start_check.may_skip(db_path)
    _damage_a_page_keeping_size_and_time(db_path)
    assert damage(db_path) is None  # the skip is real: the damaged page was not read


def test_a_check_older_than_a_week_runs_again_and_finds_the_damage(tmp_path: Path) -> None:
    db_path = tmp_path / "old-check.db"
    _closed_cleanly(db_path, checked_at=dt.datetime.now() - start_check.CHECK_EVERY - dt.timedelta(hours=1))
    _damage_a_page_keeping_size_and_time(db_path)
    assert not start_check.may_skip(db_path)
    problem = damage(db_path)
    assert problem is not None and problem.code == "db.io_error"


@pytest.mark.parametrize("change", ["written since", "crash left a wal", "never closed by the app", "record of another file"])
def test_any_other_file_is_checked_in_full(tmp_path: Path, change: str) -> None:
    db_path = tmp_path / "changed.db"
    _closed_cleanly(db_path)
    if change == "written since":  # e.g. the CLI, or another program
        with Store.open(db_path) as store:
            store.create("investment", project("命令行新增"), source="test")
    elif change == "crash left a wal":
        db_path.with_name(db_path.name + "-wal").write_bytes(b"")
    elif change == "never closed by the app":
        start_check.note_checked(db_path)  # a session that checked, then crashed before closing
    else:
        other = tmp_path / "other.db"
        other.write_bytes(db_path.read_bytes())
        (tmp_path / "other.db.backups").mkdir(exist_ok=True)
        os.replace(tmp_path / "changed.db.backups" / start_check.RECORD_NAME,
                   tmp_path / "other.db.backups" / start_check.RECORD_NAME)
        db_path = other
    assert not start_check.may_skip(db_path)
    if change != "crash left a wal":
        _damage_a_page_keeping_size_and_time(db_path)
        problem = damage(db_path)
        assert problem is not None and problem.code == "db.io_error"


def test_the_app_notes_its_clean_close_and_the_next_start_skips_the_check(tmp_path: Path) -> None:
    db_path = tmp_path / "app.db"
    env = {**os.environ, "GZDESK_SMOKE_TEST": "1", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "APPDATA": str(tmp_path / "appdata")}
    for _ in range(2):
        started = subprocess.run([sys.executable, "-m", "gzdesk", "--db", str(db_path), "--lang", "en"], env=env,
                                 capture_output=True, text=True, timeout=120)
        assert started.returncode == 0, started.stderr[-2000:]
        assert start_check.may_skip(db_path)
