"""Start the desktop app on a database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from gzdesk import paths
from gzdesk.core.errors import GzdeskError
from gzdesk.ui.i18n import install_translators
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.startup import acquire_lock, open_for_window


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("gzdesk")
    app.setApplicationName("gzdesk")
    return app


def run(*, db: Path | None, lang: str) -> int:
    """Open the main window on ``db`` (default: the user data folder) and run until it closes."""
    app = application()
    install_translators(lang)
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
    code = app.exec()
    store.close()
    lock.release()
    return int(code)
