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


def test_a_database_that_cannot_be_opened_is_a_message_not_a_crash(qapp: QApplication, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all" * 50)
    shown: list[str] = []

    def dismiss() -> None:
        for widget in qapp.topLevelWidgets():
            if widget.isVisible() and widget.inherits("QMessageBox"):
                shown.append(widget.property("text") or "")
                widget.close()

    timer = QTimer()
    timer.timeout.connect(dismiss)
    timer.start(100)
    assert _open_app(bogus, "zh") == 1
    timer.stop()
    assert shown and "不是 gzdesk 数据库" in shown[0]
