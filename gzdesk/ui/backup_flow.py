"""Back up now, and restore a backup from the window.

A restore needs the database to itself: the window's automatic backups stop, its store is closed, the core's
restore runs on a worker (it backs the current data up first and refuses a damaged or newer-version backup), then
the database is reopened (and upgraded) and the window re-created on it, showing the same list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox

from gzdesk.core import backup
from gzdesk.core.errors import GzdeskError
from gzdesk.core.store import Store
from gzdesk.ui.backups_dialog import BackupsDialog
from gzdesk.ui.flow import Flow
from gzdesk.ui.tasks import TaskProgress, run_task
from gzdesk.ui.window_swap import capture_view, quiesce, replace_window

if TYPE_CHECKING:
    from gzdesk.ui.main_window import MainWindow


class BackupFlow(Flow):
    """``backed_up`` carries the new backup's path; ``restored`` the new window (the old one is gone)."""

    backed_up = Signal(object)
    restored = Signal(object)

    def __init__(self, window: MainWindow, *, lang: str) -> None:
        super().__init__(window, window.store.path, lang=lang)
        self.main_window = window
        self.dialog: BackupsDialog | None = None
        self.confirm: Callable[[str, str], bool] = self._confirm_with_message_box

    def failure_title(self) -> str:
        return self.tr("Backup or restore failed")

    def backups_dialog(self) -> BackupsDialog:
        """The backups dialog, its buttons backing up and restoring through this flow."""
        self.dialog = BackupsDialog(self.database, parent=self.main_window)
        self.dialog.back_up.connect(self.back_up_now)
        self.dialog.restore.connect(self.restore)
        self.backed_up.connect(self.dialog.reload)
        self.dialog.finished.connect(self._dialog_closed)
        return self.dialog

    def show_backups(self) -> None:
        self.backups_dialog().exec()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.backed_up.disconnect(self.dialog.reload)
            self.dialog = None

    def back_up_now(self) -> None:
        def work(progress: TaskProgress) -> Path:
            with Store.open(self.database, read_only=True) as store:
                return backup.backup(store.conn, self.database, reason="manual", progress=progress)

        self.task = run_task(self.dialog or self.main_window, self.tr("Backing up…"), work,
                             on_done=self._backed_up, on_error=self.failed)

    def _backed_up(self, path: Path) -> None:
        self.main_window.statusBar().showMessage(self.tr("Backed up to {path}").format(path=path), 15_000)
        self.backed_up.emit(path)
        self.finished.emit()

    def restore(self, backup_file: Path) -> None:
        """Ask, then replace the data with ``backup_file``'s (the current data is backed up first)."""
        try:
            backup.verify_backup(backup_file)
        except GzdeskError as error:  # damaged, or made by a newer gzdesk: the core says which
            self.failed(error)
            return
        text = self.tr("Replace all data with the backup “{name}”? The current data is backed up first, and "
                       "automatic backups pause until you resume them.").format(name=backup_file.name)
        if not self.confirm(self.tr("Restore"), text):
            self.finished.emit()
            return
        if self.dialog is not None:
            self.dialog.accept()
        window = self.main_window
        view = capture_view(window)
        quiesce(window)
        window.setUpdatesEnabled(False)  # nothing may read the store while it is closed
        window.table.setModel(None)
        window.store.close()

        def work(progress: TaskProgress) -> Path:
            return backup.restore(self.database, backup_file)

        def reopen(result: Path | BaseException) -> None:
            try:
                store = Store.open(self.database)
            except GzdeskError as error:  # nothing left to show: say why, and close
                self.failed(error)
                window.close()
                return
            new = replace_window(window, lang=self.lang, store=store, view=view)
            if isinstance(result, BaseException):
                self.main_window = self.window = new
                self.failed(result)
                return
            new.show_notice(self.tr("Restored from “{name}”. The data before the restore is in the backup “{safety}”. "
                                    "Automatic backups are paused until you resume them (Tools › Backups and restore).")
                            .format(name=backup_file.name, safety=result.name))
            self.restored.emit(new)
            self.finished.emit()

        self.task = run_task(window, self.tr("Restoring…"), work, on_done=reopen, on_error=reopen)

    def _confirm_with_message_box(self, title: str, text: str) -> bool:
        parent = self.dialog or self.main_window
        return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes
