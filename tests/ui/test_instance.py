"""T07/T08: one app instance per database through a QLockFile beside it."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

from gzdesk.ui.instance import DatabaseLock, lock_path
from tests.faults._children import spawn, wait_for

HOLD_LOCK = """
    import sys
    from PySide6.QtCore import QCoreApplication, QLockFile
    app = QCoreApplication(["gzdesk"])
    app.setApplicationName("gzdesk")
    lock = QLockFile(sys.argv[1])
    lock.setStaleLockTime(0)
    assert lock.tryLock(0)
    print("locked", flush=True)
    sys.stdin.readline()
    if sys.argv[2] == "release":
        lock.unlock()
        print("released", flush=True)
    else:
        import os
        os.kill(os.getpid(), 9)
"""


def test_t07_second_instance_sees_who_holds_the_lock(tmp_path: Path) -> None:
    database = tmp_path / "office.db"
    child = spawn(HOLD_LOCK, lock_path(database), "release")
    try:
        wait_for(child, "locked")
        second = DatabaseLock(database)
        holder = second.acquire()
        assert holder is not None and holder.pid == child.pid and holder.this_host
        assert holder.hostname == socket.gethostname() and holder.app_name  # Qt writes the program name
        assert not database.exists()  # the second instance touched nothing
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.flush()
        wait_for(child, "released")
        assert second.acquire() is None
        second.release()
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(10)


def test_t08_stale_lock_of_a_dead_process_on_this_host_is_cleared(tmp_path: Path) -> None:
    database = tmp_path / "office.db"
    child = spawn(HOLD_LOCK, lock_path(database), "die")
    wait_for(child, "locked")
    assert child.stdin is not None
    child.stdin.write("\n")
    child.stdin.flush()
    assert child.wait(10) == -signal.SIGKILL
    assert lock_path(database).exists()
    lock = DatabaseLock(database)
    assert lock.acquire() is None
    assert lock.holder() is not None and lock.holder().pid == os.getpid()  # type: ignore[union-attr]
    lock.release()
    assert not lock_path(database).exists()


def test_t08_another_hosts_lock_is_never_removed_automatically(tmp_path: Path) -> None:
    database = tmp_path / "office.db"
    forged = "999999\ngzdesk\nother-host\n00000000000000000000000000000000\nboot-id-of-other-host\n"
    lock_path(database).write_text(forged)
    os.utime(lock_path(database), (0, 0))  # very old: still never stale by age
    lock = DatabaseLock(database)
    holder = lock.acquire()
    assert holder is not None and holder.hostname == "other-host" and not holder.this_host and holder.pid == 999999
    assert lock_path(database).read_text() == forged
    assert lock.take_over()  # only after the clerk confirms
    lock.release()
