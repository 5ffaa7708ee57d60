"""Start the desktop app on a database."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gzdesk import paths
from gzdesk.core import start_check
from gzdesk.core.errors import GzdeskError
from gzdesk.ui.i18n import install_translators
from gzdesk.ui.language import startup_language
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.startup import acquire_lock, open_for_window
from gzdesk.ui.tasks import stop_workers


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("gzdesk")
    app.setApplicationName("gzdesk")
    return app


def run(*, db: Path | None, lang: str | None, smoke_test_since: float | None = None) -> int:
    """Open the main window on ``db`` (default: the user data folder) and run until it closes.

    ``lang`` is ``--lang`` (None when not given: the language the clerk chose last, else the system's).

    With ``smoke_test_since`` (a ``time.perf_counter()`` taken at process start) the window closes itself as soon as
    it is shown, after printing ``started in X s: …`` — exit code 0 only when it was really shown.
    """
    app = application()
    lang = startup_language(lang)
    translated = install_translators(lang)
    database = Path(db or paths.default_database()).expanduser().resolve()
    database.parent.mkdir(parents=True, exist_ok=True)
    lock = acquire_lock(database, lang=lang)
    if lock is None:
        return 1
    try:
        store, notices = open_for_window(database, lang=lang)
    except GzdeskError as error:
        QMessageBox.critical(None, "gzdesk", error.message(lang))
        lock.release()
        return 1
    if store is None:
        lock.release()
        return 1
    window = MainWindow(store, lang=lang)
    window.show()
    for notice in notices:
        window.show_notice(notice)
    if smoke_test_since is not None:
        QTimer.singleShot(0, lambda: _report_start_and_close(window, smoke_test_since, translated=translated))
    code = app.exec()
    stop_workers(app)  # e.g. a table still reading its ids: its connection closes before ours
    for widget in app.topLevelWidgets():  # a restore re-created the window on a store of its own
        if isinstance(widget, MainWindow):
            widget.store.close()
    store.close()
    start_check.note_closed(database)  # before the lock goes: nobody else has written since our last write
    lock.release()
    return int(code)


def _report_start_and_close(window: MainWindow, since: float, *, translated: bool) -> None:
    QApplication.processEvents()
    handle = window.windowHandle()
    shown = window.isVisible() and handle is not None and handle.isExposed()
    print(f"started in {time.perf_counter() - since:.2f} s: window {'shown' if shown else 'NOT shown'}, "
          f"translations {'complete' if translated else 'MISSING'}: {window.windowTitle()}", flush=True)
    window.close()  # the last window closing ends the event loop with 0
    if not shown:
        QApplication.exit(1)
