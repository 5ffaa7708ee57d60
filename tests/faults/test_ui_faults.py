"""What the clerk sees when the database faults, with real processes: a save refused as busy keeps the form's input
(T06), a failed automatic backup is a warning and the next one works (T04), a second instance says who holds the
database and touches nothing (T07)."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from gzdesk.core import store as store_module
from gzdesk.core.store import Store
from gzdesk.ui.instance import lock_path
from gzdesk.ui.record_form import RecordForm
from gzdesk.ui.startup import acquire_lock
from tests.conftest import project
from tests.faults._children import run, spawn, wait_for

HOLDER = """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    print("released", flush=True)
"""


def test_t06_a_save_refused_as_busy_brings_the_form_back_with_the_input(
        qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gzdesk.ui.main_window import MainWindow

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.5)
    store = Store.open(db_path)
    store.create("investment", project("并发项目", stage="在谈"))
    window = MainWindow(store, lang="en")
    qtbot.addWidget(window)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    holder = spawn(HOLDER, db_path)
    shown: list[str] = []

    def exec_form(form: RecordForm) -> int:  # the clerk's part of the modal form
        stage = form.editors["stage"]
        assert isinstance(stage, QComboBox)
        shown.append(str(stage.currentData()))
        if len(shown) == 1:
            stage.setCurrentIndex(stage.findData("签约"))  # the clerk's edit; another program holds the database
        else:  # the same form came back with the edit; the other program has finished: save again
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.flush()
            wait_for(holder, "released")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RecordForm, "exec", exec_form)
    try:
        wait_for(holder, "holding")
        window.edit_record(0)
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait(10)
    assert shown == ["在谈", "签约"]  # the input was kept, not re-read from the database
    assert warnings == ["The database is in use by another program; try again shortly"]
    assert store.record("investment", str(next(store.iter_records("investment"))["id"]))["stage"] == "签约"  # type: ignore[index]
    store.close()


FAILING_AUTOMATIC_BACKUP = """
    import json, resource, signal, sys
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget
    from gzdesk.ui import backup_timer
    app = QApplication([])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    parent = QWidget()
    timer = backup_timer.BackupTimer(parent, backup_timer.Path(sys.argv[1]), lang=sys.argv[2])
    out = {}

    def wait(signal_) -> None:
        loop = QEventLoop()
        signal_.connect(lambda *args: (out.setdefault("args", []).append([str(a) for a in args]), loop.quit()))
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()

    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), hard))  # the disk is full
    timer.run_now()
    wait(timer.failed)
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space is back
    timer.run_now()
    wait(timer.done)
    print(json.dumps(out, ensure_ascii=False))
"""


def test_t04_a_failed_automatic_backup_is_a_warning_and_the_next_one_works(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"项目{i}") for i in range(3000)], source="test")
    live = hashlib.sha256(db_path.read_bytes()).hexdigest()
    done = run(FAILING_AUTOMATIC_BACKUP, db_path, "en", db_path.stat().st_size // 2)
    assert done.returncode == 0, done.stderr
    (failed,), (taken,) = json.loads(done.stdout)["args"]
    assert failed == ("Backup failed: not enough disk space. The partial file was removed; earlier backups and the "
                      "database are untouched")
    assert "ScheduledBackup(taken=" in taken and "-auto.db" in taken
    backups = sorted(p.name for p in (db_path.parent / "office.db.backups").iterdir())
    assert len(backups) == 2 and backups[0].endswith("-auto.db") and backups[1].endswith("-auto.db.json")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == live


HOLD_LOCK = """
    import sys
    from PySide6.QtCore import QCoreApplication, QLockFile
    app = QCoreApplication(["gzdesk"])
    lock = QLockFile(sys.argv[1])
    lock.setStaleLockTime(0)
    assert lock.tryLock(0)
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_t07_the_second_instance_says_who_holds_the_database_and_touches_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project())
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    files = sorted(os.listdir(db_path.parent))
    first = spawn(HOLD_LOCK, lock_path(db_path))
    try:
        wait_for(first, "locked")
        asked: list[tuple[str, str, list[str]]] = []
        lock = acquire_lock(db_path, lang="en", ask=lambda title, text, buttons: asked.append(
            (title, text, list(buttons))) or 0)
        assert lock is None  # the second instance quits
        ((title, text, buttons),) = asked
        assert title == "Database in use"
        assert str(first.pid) in text and socket.gethostname() in text and "in use by another gzdesk" in text
        assert buttons == ["OK"]  # on this computer: no take-over offered
    finally:
        if first.stdin is not None:
            first.stdin.write("\n")
            first.stdin.flush()
        first.wait(10)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert sorted(os.listdir(db_path.parent)) == files  # no side files, no backups, nothing
