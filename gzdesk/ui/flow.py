"""What every window flow (import, export, undo) shares: its database, language, task and failure message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from gzdesk.core import messages
from gzdesk.core.errors import Cancelled, GzdeskError
from gzdesk.ui.tasks import Task

messages.register({"ui.unexpected": ("出现意外错误：{detail}。数据库没有改动。", "Unexpected error: {detail}. Nothing was changed.")})


class Flow(QObject):
    """A flow runs core work on tasks for ``window`` against ``database``; ``finished`` ends every run."""

    finished = Signal()

    def __init__(self, parent: QWidget, database: Path, *, lang: str) -> None:
        super().__init__(parent)
        self.window = parent
        self.database = database
        self.lang = lang
        self.task: Task | None = None

    def failed(self, error: BaseException) -> None:
        """Say what went wrong in the clerk's language (nothing for a cancel), then finish."""
        if not isinstance(error, Cancelled):
            text = error.message(self.lang) if isinstance(error, GzdeskError) else messages.render(
                "ui.unexpected", self.lang, detail=repr(error))
            QMessageBox.warning(self.window, self.failure_title(), text)
        self.finished.emit()

    def failure_title(self) -> str:
        return self.tr("Cannot finish")
