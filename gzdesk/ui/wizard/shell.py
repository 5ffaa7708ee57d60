"""The import wizard: found → columns → problems → preview → import → done, with Back / Next.

The wizard only shows and asks (ARCHITECTURE.md): it never starts work. It says what the clerk wants through
signals — ``remap`` (read the file again with another list or corrected columns), ``decided`` (an
:class:`ImportDecision`, plain data) and ``undo_requested`` — and the import flow answers with ``set_review``,
``start_apply``, ``show_report`` or ``apply_stopped``. ``decision()`` gives the choices made so far as plain data.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from gzdesk.core.excel.mapping import ColumnMapping
from gzdesk.core.import_review import ImportDecision, ImportReview
from gzdesk.core.importer import ImportReport
from gzdesk.ui.tasks import TaskProgress
from gzdesk.ui.window_memory import remember
from gzdesk.ui.wizard.apply_page import ApplyPage
from gzdesk.ui.wizard.columns_page import ColumnsPage
from gzdesk.ui.wizard.found_page import FoundPage
from gzdesk.ui.wizard.preview_page import PreviewPage, all_conflicts
from gzdesk.ui.wizard.problems_page import ProblemsPage
from gzdesk.ui.wizard.summary_page import SummaryPage

FOUND, COLUMNS, PROBLEMS, PREVIEW, APPLY, SUMMARY = range(6)
STEP_STYLE = "padding: 4px 10px; color: #6c757d;"
CURRENT_STEP_STYLE = "padding: 4px 10px; color: white; background: #1f5fa8; border-radius: 3px;"


class ImportWizard(QDialog):
    """One import, page by page; see the module docstring for how it talks to the flow."""

    remap = Signal(object, object)  # list hint (str | None), ColumnMapping
    decided = Signal(object)  # ImportDecision
    undo_requested = Signal(str)  # batch id

    def __init__(self, review: ImportReview, *, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.review = review
        self.resize(1100, 700)
        remember(self, "import_wizard")
        self.found = FoundPage(lang=lang)
        self.columns = ColumnsPage(lang=lang)
        self.problems = ProblemsPage(lang=lang)
        self.preview = PreviewPage(lang=lang)
        self.applying = ApplyPage(lang=lang)
        self.summary = SummaryPage(lang=lang)
        self.pages: list[FoundPage | ColumnsPage | ProblemsPage | PreviewPage | ApplyPage | SummaryPage] = [
            self.found, self.columns, self.problems, self.preview, self.applying, self.summary]
        self.stack = QStackedWidget()
        steps = QHBoxLayout()
        self.steps: list[QLabel] = []
        for number, page in enumerate(self.pages, start=1):
            self.stack.addWidget(page)
            step = QLabel(self.tr("{number}. {title}").format(number=number, title=page.title()))
            self.steps.append(step)
            steps.addWidget(step)
        steps.addStretch(1)
        self.found.list_chosen.connect(lambda key: self.remap.emit(key, self.review.mapping))
        self.columns.remapped.connect(lambda mapping: self.remap.emit(self.review.list_hint, mapping))
        self.problems.changed.connect(self._refresh)
        self.preview.changed.connect(self._refresh)
        self.applying.cancel_requested.connect(self.applying.cancelling)
        self.summary.undo_requested.connect(self._undo)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a5a00;")
        self.back = QPushButton(self.tr("< Back"))
        self.back.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next = QPushButton(self.tr("Next >"))
        self.next.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self._import)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.reject)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        for button in (self.back, self.next, self.import_button, self.cancel, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(steps)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._decided = False
        self.set_review(review)
        self.go(FOUND)

    # ------------------------------------------------------------------ what the flow tells the wizard
    def set_review(self, review: ImportReview) -> None:
        """Show ``review`` on every page (after a re-plan the clerk stays on the page they were on)."""
        self.review = review
        self.setWindowTitle(self.tr("Import “{file}”").format(file=review.plan.file_name))
        for page in (self.found, self.columns, self.problems, self.preview, self.applying):
            page.load(review)
        self._refresh()

    def start_apply(self, progress: TaskProgress) -> None:
        """The import runs: show its progress; Cancel asks ``progress`` to stop."""
        self.applying.cancel_requested.connect(progress.cancel)
        self.applying.start(progress)
        self.go(APPLY)

    def show_report(self, report: ImportReport) -> None:
        self.applying.running = False
        self.summary.show_report(report, skipped=len(self.review.plan.invalid_rows) if self.problems.skip_invalid.isChecked() else 0,
                                 resolved=len(all_conflicts(self.review.plan)))
        self.go(SUMMARY)

    def apply_stopped(self, text: str) -> None:
        """The import ended without writing (cancelled or refused): say why; Back returns to the preview."""
        self._decided = False
        self.applying.stopped(text)
        self._refresh()

    # ------------------------------------------------------------------ navigation
    def go(self, index: int) -> None:
        index = max(FOUND, min(index, SUMMARY))
        self.stack.setCurrentIndex(index)
        for number, step in enumerate(self.steps):
            step.setStyleSheet(CURRENT_STEP_STYLE if number == index else STEP_STYLE)
        self._refresh()

    def _refresh(self) -> None:
        index = self.stack.currentIndex()
        page = self.pages[index]
        running = self.applying.running
        self.back.setVisible(index in (COLUMNS, PROBLEMS, PREVIEW) or (index == APPLY and not running))
        self.next.setVisible(index in (FOUND, COLUMNS, PROBLEMS))
        self.import_button.setVisible(index == PREVIEW)
        self.cancel.setVisible(index <= APPLY and not running)
        self.close_button.setVisible(index == SUMMARY)
        blocked = self.problems.hint() if index >= PROBLEMS else ""
        self.next.setEnabled(page.ready() and not blocked)
        self.import_button.setEnabled(self.problems.ready() and self.preview.ready())
        self.hint.setText(blocked or (page.hint() if index in (PREVIEW,) else ""))

    def current_page(self) -> int:
        return self.stack.currentIndex()

    # ------------------------------------------------------------------ the clerk's decision
    def decision(self) -> ImportDecision:
        """The choices made so far, as the import would take them."""
        return ImportDecision(True, skip_invalid=self.problems.skip_invalid.isChecked(),
                              accept_foreign=self.preview.accept_foreign.isChecked(),
                              choices=self.preview.choices(), insert_only=self.preview.insert_only.isChecked())

    def mapping(self) -> ColumnMapping:
        return self.review.mapping

    def _import(self) -> None:
        if not self.import_button.isEnabled() or self._decided:
            return
        self._decided = True
        self.decided.emit(self.decision())

    def _undo(self, batch: str) -> None:
        self.accept()
        self.undo_requested.emit(batch)

    def reject(self) -> None:
        """Cancel (or Esc, or the window's close button): stops a running import, else closes without importing."""
        if self.applying.running:
            self.applying.cancel_requested.emit()
            return
        if self.stack.currentIndex() != SUMMARY and not self._decided:
            self._decided = True
            self.decided.emit(ImportDecision(False))
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.applying.running:
            self.applying.cancel_requested.emit()
            event.ignore()
            return
        super().closeEvent(event)

