"""Start the desktop app on a database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from gzdesk import paths
from gzdesk.core.errors import GzdeskError
from gzdesk.core.store import Store
from gzdesk.ui.main_window import MainWindow


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
    try:
        store = Store.open(db or paths.default_database())
    except GzdeskError as error:
        QMessageBox.critical(None, "gzdesk", error.message(lang))
        return 1
    window = MainWindow(store, lang=lang)
    window.show()
    code = app.exec()
    store.close()
    return int(code)
