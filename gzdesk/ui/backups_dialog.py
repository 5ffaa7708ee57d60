"""The backups of this database: when, why, how big, whether each one can be restored; back up now, restore.

The dialog only shows and asks; :class:`gzdesk.ui.backup_flow.BackupFlow` does the work. Each backup is verified
(SQLite ``quick_check``, schema version) on a worker while the list is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gzdesk import paths
from gzdesk.core import backup
from gzdesk.core.errors import Cancelled, GzdeskError
from gzdesk.ui.tasks import TaskProgress, Worker
from gzdesk.ui.window_memory import remember

REASONS = {
    "auto": QT_TRANSLATE_NOOP("BackupsDialog", "Automatic"),
    "manual": QT_TRANSLATE_NOOP("BackupsDialog", "Backed up by hand"),
    "before-import": QT_TRANSLATE_NOOP("BackupsDialog", "Before an import"),
    "before-undo": QT_TRANSLATE_NOOP("BackupsDialog", "Before undoing an import"),
    "before-restore": QT_TRANSLATE_NOOP("BackupsDialog", "Before a restore"),
    "before-check": QT_TRANSLATE_NOOP("BackupsDialog", "Before a repair"),
}
STATES = {
    "ok": QT_TRANSLATE_NOOP("BackupsDialog", "Verified"),
    "backup.damaged": QT_TRANSLATE_NOOP("BackupsDialog", "Damaged"),
    "backup.newer_version": QT_TRANSLATE_NOOP("BackupsDialog", "Newer version"),
    "backup.not_found": QT_TRANSLATE_NOOP("BackupsDialog", "Missing"),
}


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{size:,} B"


def verify_all(files: list[Path], progress: TaskProgress) -> dict[Path, str]:
    """Each backup's state ("ok" or the refusal's message code); reported one by one through ``progress``."""
    states: dict[Path, str] = {}
    for index, path in enumerate(files):
        if progress.cancelled():
            raise Cancelled("progress.cancelled")
        try:
            backup.verify_backup(path)
            states[path] = "ok"
        except GzdeskError as error:
            states[path] = error.code
        progress.step(index, len(files), states[path])
    return states


class BackupsDialog(QDialog):
    """``back_up`` and ``restore`` (with the chosen backup's path) ask the flow; ``reload()`` after either."""

    back_up = Signal()
    restore = Signal(object)
    verified = Signal()

    def __init__(self, database: Path, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.worker: Worker | None = None
        self._generation = 0  # the verification whose results count (an earlier one may still report)
        self.infos: list[backup.BackupInfo] = []
        self.setWindowTitle(self.tr("Backups of “{name}”").format(name=database.name))
        self.resize(720, 440)
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("Backups are kept beside the database, in the folder “{folder}”. Automatic backups are "
                               "thinned to recent, daily, weekly and monthly copies; the others stay until you delete "
                               "them.").format(folder=paths.backups_dir(database).name))
        where.setWordWrap(True)
        layout.addWidget(where)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Size"), self.tr("Check")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._refresh_buttons)
        self.table.doubleClicked.connect(lambda _: self._restore_selected())
        layout.addWidget(self.table)
        self.paused = QLabel(self.tr("Automatic backups are paused since the last restore. Resume them once the "
                                     "restored data is right."))
        self.paused.setWordWrap(True)
        self.resume = QPushButton(self.tr("Res&ume automatic backups"))
        self.resume.clicked.connect(self._resume)
        paused_row = QHBoxLayout()
        paused_row.addWidget(self.paused, 1)
        paused_row.addWidget(self.resume)
        layout.addLayout(paused_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.back_up_button = buttons.addButton(self.tr("&Back up now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = buttons.addButton(self.tr("&Restore…"), QDialogButtonBox.ButtonRole.ActionRole)
        folder = buttons.addButton(self.tr("Open &folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.back_up_button.clicked.connect(self.back_up.emit)
        self.restore_button.clicked.connect(self._restore_selected)
        folder.clicked.connect(self._open_folder)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        remember(self, "backups")
        self.reload()

    def reload(self) -> None:
        """List the backups again (newest first, selected) and verify them on a worker (``verified`` when done)."""
        self._generation += 1
        self._stop_verifying()
        self.infos = backup.list_backups(self.database)
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            reason = REASONS.get(info.reason)
            for column, text in enumerate((f"{info.taken_at:%Y-%m-%d %H:%M:%S}",
                                           self._text(str(reason)) if reason else info.reason, size_text(info.size),
                                           self.tr("Checking…"))):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if self.infos:
            self.table.selectRow(0)
        paused = backup.automatic_paused(self.database)
        self.paused.setVisible(paused)
        self.resume.setVisible(paused)
        self._refresh_buttons()
        files = [info.path for info in self.infos]
        self._generation += 1
        generation = self._generation
        self.worker = Worker(self, lambda progress: verify_all(files, progress),
                             on_done=lambda _: self._verified(generation),
                             on_error=lambda _: self._verified(generation))
        self.worker.progress.stepped.connect(
            lambda row, total, state: self._one_verified(generation, row, state))

    def _text(self, source: str) -> str:
        return QCoreApplication.translate("BackupsDialog", source)

    def _one_verified(self, generation: int, row: int, state: str) -> None:
        if generation == self._generation and 0 <= row < self.table.rowCount():
            self.table.setItem(row, 3, QTableWidgetItem(self._text(str(STATES.get(state, STATES["backup.damaged"])))))

    def _verified(self, generation: int) -> None:
        if generation == self._generation:
            self.verified.emit()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows and rows[0].row() < len(self.infos) else None

    def _refresh_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.restore.emit(chosen.path)

    def _resume(self) -> None:
        backup.resume_automatic(self.database)
        self.reload()

    def _open_folder(self) -> None:
        folder = paths.backups_dir(self.database)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _stop_verifying(self) -> None:
        """Cancel a running verification and wait for it: its thread must end before the dialog goes."""
        worker = self.worker
        if worker is not None and worker.running:
            worker.progress.cancel()
            while worker.running:
                QCoreApplication.processEvents()

    def done(self, result: int) -> None:
        self._stop_verifying()
        super().done(result)
