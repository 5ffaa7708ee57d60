"""Start-up recovery through ``open_database``: corrupt files (T09), crash leftovers (T10), newer version (T14),
read-only files (T05), network and removable drives (T13)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from gzdesk.core import backup, migrations
from gzdesk.core.errors import DatabaseRefused
from gzdesk.core.locations import classify, journal_mode
from gzdesk.core.recovery import open_database
from gzdesk.core.store import Store
from tests.conftest import project
from tests.faults._children import run

NOW = dt.datetime(2025, 7, 1, 9, 30, 0)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(db_path: Path, rows: int = 2000) -> Path:
    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"项目{i}") for i in range(rows)], source="test")
        good = backup.backup(store.conn, db_path)
    broken = backup.paths.backups_dir(db_path) / "gzdesk-20991231-235959-manual.db"
    broken.write_bytes(b"not a backup")  # newer by name, but damaged: must not be offered
    return good


def _overwrite_header(path: Path) -> None:
    with path.open("r+b") as file:
        file.write(b"\x13" * 32)


def _page_of_ff(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    with path.open("r+b") as file:
        file.seek(page_size * (pages // 2))
        file.write(b"\xff" * page_size)


def _cut_in_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _zero_length(path: Path) -> None:
    os.truncate(path, 0)


@pytest.mark.parametrize("damage", [_overwrite_header, _page_of_ff, _cut_in_half, _zero_length],
                         ids=["header", "page-ff", "cut-in-half", "zero-length"])
def test_t09_corrupt_database_is_moved_aside_and_a_good_backup_offered(
        db_path: Path, damage: Callable[[Path], None]) -> None:
    good = _filled(db_path)
    damage(db_path)
    damaged = _digest(db_path)
    result = open_database(db_path, now=NOW)
    assert result.store is None and result.corrupt is not None
    assert result.moved_to == db_path.with_name("office.db.corrupt-20250701-093000")
    assert not db_path.exists() and _digest(result.moved_to) == damaged  # never written, never deleted
    assert result.offered_backup is not None and result.offered_backup.path == good
    assert str(result.moved_to) in result.corrupt.message("en")
    again = open_database(db_path, now=NOW)  # a fresh empty database; the first damaged file is kept
    assert again.store is not None and again.store.count("investment") == 0
    again.store.close()


CRASH_MID_TRANSACTION = """
    import os, sys
    from gzdesk.core.store import Store
    store = Store.open(sys.argv[1])
    store.conn.execute("PRAGMA journal_mode = " + sys.argv[2])
    store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    store.create_many("investment", ({"name": f"已提交{i}", "district": "440106"} for i in range(100)), source="t")
    store.conn.execute("PRAGMA cache_size = 10")  # spill uncommitted pages to the file / WAL
    with store.transaction():
        store.create_many("investment", ({"name": f"未提交{i}", "district": "440106"} for i in range(20000)),
                          source="t")
        os.kill(os.getpid(), 9)
"""


@pytest.mark.parametrize(("mode", "side"), [("delete", "-journal"), ("wal", "-wal")])
def test_t10_hot_journal_or_wal_recovers_the_last_committed_state(
        db_path: Path, mode: str, side: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(db_path).close()
    result = run(CRASH_MID_TRANSACTION, db_path, mode)
    assert result.returncode == -9, result.stderr
    side_file = db_path.with_name(db_path.name + side)
    assert side_file.exists() and side_file.stat().st_size > 0
    touched: list[str] = []
    real_replace, real_unlink = os.replace, os.unlink
    monkeypatch.setattr(os, "replace", lambda a, b: (touched.append(str(a)), real_replace(a, b)))
    monkeypatch.setattr(os, "unlink", lambda a, **k: (touched.append(str(a)), real_unlink(a, **k)))
    opened = open_database(db_path)
    monkeypatch.undo()
    backups = str(backup.paths.backups_dir(db_path))
    assert [t for t in touched if not t.startswith(backups)] == []  # SQLite recovered; app code moved or deleted nothing
    assert opened.store is not None and opened.corrupt is None
    with opened.store as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count("investment") == 100
        assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 100


def test_t14_newer_version_opens_read_only_with_the_reason(db_path: Path) -> None:
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    before = _digest(db_path)
    result = open_database(db_path)
    assert result.store is not None and result.read_only_reason is not None
    assert result.read_only_reason.code == "db.newer_version"
    with result.store as store, pytest.raises(DatabaseRefused):
        store.create("investment", project())
    assert _digest(db_path) == before
    _no_side_files_left(db_path)


def _no_side_files_left(db_path: Path) -> None:
    assert [s for s in ("-journal", "-wal", "-shm") if db_path.with_name(db_path.name + s).exists()] == []


def test_t05_read_only_open_refuses_writes_with_a_reason(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project())
    before = _digest(db_path)
    with Store.open(db_path, read_only=True) as store:
        assert store.read_only_reason is not None and store.read_only_reason.code == "db.read_only"
        with pytest.raises(DatabaseRefused) as refused:
            store.create("investment", project("第二个"))
        assert "read-only" in refused.value.message("en")
        assert store.count("investment") == 1
    assert _digest(db_path) == before
    _no_side_files_left(db_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="chmod does not stop root; mode=ro is tested above")
def test_t05_write_protected_file_opens_read_only_through_open_database(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project())
    db_path.chmod(0o444)
    result = open_database(db_path)
    assert result.store is not None and result.read_only_reason is not None
    with result.store as store, pytest.raises(DatabaseRefused):
        store.create("investment", project("第二个"))
    _no_side_files_left(db_path)


MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
server:/export /home/clerk/nfs nfs4 rw,relatime 0 0
//nas/share /mnt/office cifs rw 0 0
clerk@host:/data /home/clerk/remote fuse.sshfs rw 0 0
/dev/sdb1 /media/clerk/USB\\040STICK vfat rw 0 0
/dev/sdc1 /run/media/clerk/DISK exfat rw 0 0
"""


@pytest.mark.parametrize(("path", "code"), [
    ("/home/clerk/gzdesk.db", None),
    ("/home/clerk/nfs/gzdesk.db", "location.network"),
    ("/home/clerk/nfsx/gzdesk.db", None),
    ("/mnt/office/a/gzdesk.db", "location.network"),
    ("/home/clerk/remote/gzdesk.db", "location.network"),
    ("/media/clerk/USB STICK/gzdesk.db", "location.removable"),
    ("/run/media/clerk/DISK/gzdesk.db", "location.removable"),
    ("\\\\server\\share\\gzdesk.db", "location.network"),
    ("//server/share/gzdesk.db", "location.network"),
])
def test_t13_network_and_removable_paths_are_warned_about(path: str, code: str | None) -> None:
    warning = classify(path, mounts=MOUNTS, platform="linux")
    assert (warning.code if warning else None) == code
    if warning:
        assert "local disk" in warning.message("en")


@pytest.mark.parametrize(("path", "mode"), [
    ("/home/clerk/gzdesk.db", "WAL"),
    ("/home/clerk/nfs/gzdesk.db", "DELETE"),
    ("/mnt/office/a/gzdesk.db", "DELETE"),
    ("/media/clerk/USB STICK/gzdesk.db", "WAL"),  # removable but on this computer: WAL works, the clerk is warned
    ("\\\\server\\share\\gzdesk.db", "DELETE"),
])
def test_t13_a_network_database_is_never_used_in_wal_mode(path: str, mode: str) -> None:
    assert journal_mode(path, mounts=MOUNTS, platform="linux") == mode


def test_t13_a_local_database_opens_in_wal_mode(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert journal_mode(db_path) == "WAL"


def test_t13_windows_unc_path_is_network_on_windows() -> None:
    warning = classify("\\\\server\\share\\office\\gzdesk.db", platform="win32")
    assert warning is not None and warning.code == "location.network" and "server" in warning.detail
