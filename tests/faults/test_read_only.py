"""T05: a database opened read-only — on purpose, because it is write-protected (file or folder), or because a newer
gzdesk made it — refuses writes with a clear reason, never changes a byte and leaves no -wal/-shm/-journal behind.

Write protection is tested in child processes that meet file permissions like an ordinary user (as root they drop
the capabilities that bypass them), so these run as root too; the in-process chmod tests in test_start_up.py
still skip as root.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from gzdesk.core import migrations
from gzdesk.core.errors import DatabaseRefused
from gzdesk.core.store import Store
from tests.conftest import project
from tests.faults._children import AS_ORDINARY_USER, run, spawn, wait_for

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="capabilities and permissions: Linux")

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _side_files(path: Path) -> list[str]:
    return [path.name + s for s in SIDE_SUFFIXES if path.with_name(path.name + s).exists()]


def _filled(db_path: Path) -> str:
    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"项目{i}") for i in range(20)], source="test")
    assert _side_files(db_path) == []
    return _digest(db_path)


def test_t05_read_only_open_leaves_no_side_files_and_sqlite_itself_refuses_writes(db_path: Path) -> None:
    before = _filled(db_path)
    with Store.open(db_path, read_only=True) as store:
        assert store.count("investment") == 20
        with pytest.raises(sqlite3.OperationalError, match="readonly"):  # not only our check: SQLite's too
            store.conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
    assert _side_files(db_path) == [] and _digest(db_path) == before


def test_t05_read_only_reader_beside_a_writer_sees_commits_and_both_clean_up(db_path: Path) -> None:
    _filled(db_path)
    with Store.open(db_path) as writer, Store.open(db_path, read_only=True) as reader:
        writer.create("investment", project("新提交"))
        assert reader.count("investment") == 21
    assert _side_files(db_path) == []


def test_t14_newer_version_database_leaves_no_side_files(db_path: Path) -> None:
    _filled(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    before = _digest(db_path)
    with Store.open(db_path) as store:
        assert store.read_only_reason is not None and store.read_only_reason.code == "db.newer_version"
        with pytest.raises(DatabaseRefused, match="newer gzdesk"):
            store.create("investment", project("新"))
        assert store.count("investment") == 20
    assert _side_files(db_path) == [] and _digest(db_path) == before


OPEN_WRITE_PROTECTED = AS_ORDINARY_USER + """
    import json, sys
    from pathlib import Path
    from gzdesk.core.errors import GzdeskError
    from gzdesk.core.recovery import open_database
    from gzdesk.core.store import Store
    database = Path(sys.argv[1])
    out = {}
    result = open_database(database)
    out["corrupt"] = result.corrupt is not None
    out["reason"] = result.read_only_reason.message("en") if result.read_only_reason else None
    with result.store as store:
        out["count"] = store.count("investment")
        try:
            store.create("investment", {"name": "写入尝试", "district": "440106"})
        except GzdeskError as error:
            out["write"] = error.message("zh")
    if sys.argv[2] == "folder":
        try:
            Store.open(database.with_name("new.db"))
        except GzdeskError as error:
            out["create"] = error.message("en")
    from gzdesk.ui.startup import acquire_lock, open_for_window
    asked = []
    lock = acquire_lock(database, lang="en", ask=lambda title, text, buttons: asked.append(text) or 1)
    out["lock"] = lock is not None
    store, notices = open_for_window(database, lang="en", ask=lambda title, text, buttons: asked.append(text) or 1)
    out["notices"], out["asked"] = notices, asked
    store.close()
    lock.release()
    print(json.dumps(out, ensure_ascii=False))
"""


@pytest.mark.parametrize("protect", ["file", "folder"])
def test_t05_write_protected_file_or_folder_opens_read_only_with_a_banner(tmp_path: Path, protect: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "office.db"
    before = _filled(database)
    (database if protect == "file" else folder).chmod(0o444 if protect == "file" else 0o555)
    try:
        done = run(OPEN_WRITE_PROTECTED, database, protect)
    finally:
        folder.chmod(0o755)
        database.chmod(0o644)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert not out["corrupt"] and out["count"] == 20
    assert out["reason"] == f"The database {database} is read-only; changes cannot be saved"
    assert out["write"] == f"数据库“{database}”是只读的，不能保存修改"  # a clear refusal, not a crash
    assert out["lock"] and out["asked"] == []  # no "held by another computer" question for a missing lock file
    assert out["notices"] == [out["reason"]]  # the window's banner
    if protect == "folder":
        assert out["create"] == f"The folder {folder} is read-only; a database cannot be created there. Choose another place"
    assert sorted(p.name for p in folder.iterdir()) == ["office.db"]  # no side files, no lock file, no new.db
    assert _digest(database) == before


CORRUPT_IN_WRITE_PROTECTED_FOLDER = AS_ORDINARY_USER + """
    import sys
    from gzdesk.core.errors import GzdeskError
    from gzdesk.core.recovery import open_database
    try:
        open_database(sys.argv[1])
    except GzdeskError as error:
        print(error.code)
        print(error.message("en"))
"""


def test_t09_corrupt_database_in_a_write_protected_folder_is_refused_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "office.db"
    _filled(database)
    with database.open("r+b") as file:
        file.write(b"\x13" * 32)
    damaged = _digest(database)
    folder.chmod(0o555)
    try:
        done = run(CORRUPT_IN_WRITE_PROTECTED_FOLDER, database)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    code, message = done.stdout.splitlines()
    assert code == "recovery.cannot_move" and "cannot be moved aside" in message
    assert sorted(p.name for p in folder.iterdir()) == ["office.db"] and _digest(database) == damaged


READ_WHILE_WRITER_HOLDS = AS_ORDINARY_USER + """
    import sys
    from gzdesk.core.store import Store
    with Store.open(sys.argv[1]) as store:
        print(store.read_only_reason.code, store.count("investment"), flush=True)
"""

WRITER = """
    import sys
    from gzdesk.core.store import Store
    store = Store.open(sys.argv[1])
    store.create("investment", {"name": "在写", "district": "440106"})
    print("open", flush=True)
    sys.stdin.readline()
    store.close()
"""


def test_t05_write_protected_file_read_beside_a_running_writer_uses_its_side_files(tmp_path: Path) -> None:
    """The owner's gzdesk has the database open (so -wal/-shm exist); a clerk without write permission reads the
    latest commits through them (``mode=ro``, not ``immutable``) and leaves them to the owner."""
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "office.db"
    _filled(database)
    writer = spawn(WRITER, database)
    try:
        wait_for(writer, "open")
        database.chmod(0o444)
        done = run(READ_WHILE_WRITER_HOLDS, database)
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["db.read_only", "21"]
    finally:
        database.chmod(0o644)
        if writer.stdin is not None:
            writer.stdin.write("\n")
            writer.stdin.flush()
        writer.wait(30)
    assert _side_files(database) == []
