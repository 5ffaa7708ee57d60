"""Wizard page 5: the import running on a worker — progress, and a Cancel that stops it with nothing changed."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gzdesk.core.import_review import ImportReview
from gzdesk.ui.tasks import TaskProgress
from gzdesk.ui.wizard.cells import ERROR_STYLE


class ApplyPage(QWidget):
    """Shows a running import (``start``) and how it ended when it did not finish (``stopped``)."""

    cancel_requested = Signal()

    def __init__(self, *, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.running = False
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton(self.tr("Cancel the import"))
        self.cancel.clicked.connect(self.cancel_requested)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet(ERROR_STYLE)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 48, 24, 24)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Import")

    def load(self, review: ImportReview) -> None:
        self.heading.setText(self.tr("Importing “{file}”. A backup of the database is made first; nothing is "
                                     "changed until everything is written.").format(file=review.plan.file_name))

    def start(self, progress: TaskProgress) -> None:
        self.running = True
        self.bar.setRange(0, 0)
        self.bar.setVisible(True)
        self.cancel.setEnabled(True)
        self.cancel.setVisible(True)
        self.outcome.setText("")
        progress.stepped.connect(self._stepped)

    @Slot(int, int, str)
    def _stepped(self, done: int, total: int, message: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def cancelling(self) -> None:
        self.cancel.setEnabled(False)
        self.outcome.setText(self.tr("Stopping…"))

    def stopped(self, text: str) -> None:
        """The import did not finish: why, and that the database is as it was."""
        self.running = False
        self.bar.setVisible(False)
        self.cancel.setVisible(False)
        self.outcome.setText(text)

    def ready(self) -> bool:
        return not self.running

    def hint(self) -> str:
        return ""
