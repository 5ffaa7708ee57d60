"""`gzdesk` with no command opens the main window on the database (offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gzdesk.__main__ import _open_app
from gzdesk.core.store import Store
from gzdesk.ui.main_window import MainWindow


def test_no_command_opens_the_main_window_and_returns_when_closed(qapp: QApplication, tmp_path: Path) -> None:
    database = tmp_path / "clerk.db"
    with Store.open(database) as store:
        store.create("investment", {"name": "启动测试项目", "district": "440106"})
    seen: list[str] = []

    def look_and_close() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(w.windowTitle() for w in windows)
        seen.extend(str(w.model.rowCount()) for w in windows)
        for window in windows:
            window.close()  # the last window closing ends the event loop

    QTimer.singleShot(300, look_and_close)
    assert _open_app(database, "en") == 0
    assert seen == ["gzdesk project lists — clerk.db", "1"]


def test_a_damaged_database_is_moved_aside_said_and_replaced(qapp: QApplication, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all" * 50)
    shown: list[str] = []

    def dismiss() -> None:
        for widget in qapp.topLevelWidgets():
            if widget.isVisible() and widget.inherits("QMessageBox"):
                shown.append(widget.property("text") or "")
                widget.close()
            elif widget.isVisible() and isinstance(widget, MainWindow):
                shown.append(f"window:{widget.model.rowCount()}")
                widget.close()

    timer = QTimer()
    timer.timeout.connect(dismiss)
    timer.start(100)
    assert _open_app(bogus, "zh") == 0
    timer.stop()
    assert "已损坏" in shown[0] or "损坏" in shown[0], shown
    assert shown[-1] == "window:0"
    (moved,) = tmp_path.glob("bogus.db.corrupt-*")
    assert moved.read_bytes() == b"not a database at all" * 50  # kept, never deleted
