"""Automatic backups while the app runs: soon after start, then every hour, on a worker, thinned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from gzdesk.core.backup_schedule import ScheduledBackup, take_scheduled_backup
from gzdesk.core.errors import GzdeskError
from gzdesk.core.store import Store
from gzdesk.ui.preferences import backup_interval_hours
from gzdesk.ui.tasks import Task, TaskProgress, Worker

FIRST_DELAY_MS = 60_000
EVERY_MS = 60 * 60_000


class BackupTimer(QObject):
    """Runs ``take_scheduled_backup`` quietly; a failure is shown once as a warning, the app keeps going."""

    done = Signal(object)  # ScheduledBackup
    failed = Signal(str)

    def __init__(self, parent: QWidget, database: Path, *, lang: str) -> None:
        super().__init__(parent)
        self.database = database
        self.lang = lang
        self.task: Task | None = None
        self.worker: Worker | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_now)
        QTimer.singleShot(FIRST_DELAY_MS, self.run_now)
        self.timer.start(EVERY_MS)

    def run_now(self) -> None:
        if self.worker is not None and self.worker.running:
            return
        interval = dt.timedelta(hours=backup_interval_hours())  # Settings: every hour, 4 hours or day

        def work(progress: TaskProgress) -> ScheduledBackup:
            with Store.open(self.database, read_only=True) as store:
                return take_scheduled_backup(store.conn, self.database, dt.datetime.now(), interval=interval)

        self.worker = Worker(self, work, on_done=self.done.emit, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.failed.emit(error.message(self.lang) if isinstance(error, GzdeskError) else repr(error))
