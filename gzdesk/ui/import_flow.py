"""Import a workbook from the window: review on a worker, ask (the wizard), apply on a worker, report.

``ask`` is the seam for scripts and tests: a function that takes the :class:`ImportReview` and returns an
:class:`ImportDecision` as plain data, after which the import is applied with a progress dialog. Left as None, the
wizard asks the clerk: it stays open while the import runs (its own progress page) and shows the summary with
"undo this import". Every piece of work runs through ``ui/tasks.py``; the window stays responsive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from gzdesk.core import messages
from gzdesk.core.errors import Cancelled, GzdeskError
from gzdesk.core.excel.mapping import ColumnMapping
from gzdesk.core.import_review import ImportDecision, ImportReview, apply_decision, review_import
from gzdesk.core.importer import ImportReport
from gzdesk.core.store import Store
from gzdesk.ui.flow import Flow
from gzdesk.ui.tasks import TaskProgress, Worker, run_task
from gzdesk.ui.wizard import ImportWizard


class ImportFlow(Flow):
    """One import at a time: ``start(path)``; ``imported`` after a write, ``finished`` when the run is over."""

    imported = Signal(object)  # ImportReport, after a write
    undo_requested = Signal(str)  # the clerk pressed "undo this import" in the wizard's summary

    def __init__(self, parent: QWidget, database: Path, *, lang: str) -> None:
        super().__init__(parent, database, lang=lang)
        self.ask: Callable[[ImportReview], ImportDecision] | None = None
        self.wizard: ImportWizard | None = None
        self.worker: Worker | None = None
        self.readings = 0  # re-plans started; only the latest one's result is shown

    def failure_title(self) -> str:
        return self.tr("Cannot import")

    def start(self, path: Path) -> None:
        self.task = run_task(self.window, self.tr("Reading “{name}”…").format(name=path.name),
                             self._review_work(path, None, None), on_done=self._reviewed, on_error=self.failed)

    def _review_work(self, path: Path, list_hint: str | None, mapping: ColumnMapping | None
                     ) -> Callable[[TaskProgress], ImportReview]:
        def work(progress: TaskProgress) -> ImportReview:
            with Store.open(self.database, read_only=True) as store:
                return review_import(store, path, list_hint=list_hint, mapping=mapping, progress=progress)
        return work

    def _reviewed(self, review: ImportReview) -> None:
        if self.ask is not None:
            self._apply_with_dialog(review, self.ask(review))
            return
        wizard = ImportWizard(review, lang=self.lang, parent=self.window)
        wizard.remap.connect(lambda hint, mapping: self._remap(wizard, hint, mapping))
        wizard.decided.connect(lambda decision: self._decided(wizard, decision))
        wizard.undo_requested.connect(self.undo_requested)
        wizard.finished.connect(lambda _: self._closed(wizard))
        self.wizard = wizard
        wizard.open()

    # ------------------------------------------------------------------ with the wizard
    def _remap(self, wizard: ImportWizard, list_hint: str | None, mapping: ColumnMapping) -> None:
        """Read the file again as the clerk corrected it; on failure the wizard keeps what it showed."""
        self.readings += 1
        reading = self.readings

        def done(review: ImportReview) -> None:
            if reading == self.readings:
                wizard.set_review(review)

        def failed(error: BaseException) -> None:
            if reading != self.readings:
                return
            wizard.set_review(wizard.review)
            if not isinstance(error, Cancelled):
                QMessageBox.warning(wizard, self.failure_title(), self._message(error))

        self.task = run_task(wizard, self.tr("Reading “{name}” again…").format(name=wizard.review.plan.file_name),
                             self._review_work(wizard.review.path, list_hint, mapping), on_done=done, on_error=failed)

    def _decided(self, wizard: ImportWizard, decision: ImportDecision) -> None:
        if not decision.apply:
            return
        review = wizard.review
        progress = TaskProgress()

        def work(task_progress: TaskProgress) -> ImportReport:
            with Store.open(self.database) as store:
                return apply_decision(store, review, decision, progress=task_progress)

        def failed(error: BaseException) -> None:
            text = (self.tr("The import was cancelled. Nothing was changed.") if isinstance(error, Cancelled)
                    else self._message(error))
            wizard.apply_stopped(text)

        wizard.start_apply(progress)
        self.worker = Worker(self, work, on_done=lambda report: self._applied_in_wizard(wizard, report),
                             on_error=failed, progress=progress)

    def _applied_in_wizard(self, wizard: ImportWizard, report: ImportReport) -> None:
        wizard.show_report(report)
        if not report.no_op:
            self.imported.emit(report)

    def _closed(self, wizard: ImportWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None
        self.readings += 1  # a re-plan still running is of no use any more
        task = self.task
        if task is not None and task.parent() is wizard and task.worker is not None and task.worker.running:
            task.progress.cancel()  # the wizard owns that task: it goes once the worker has stopped
            task.done.connect(lambda _: wizard.deleteLater())
            task.error.connect(lambda _: wizard.deleteLater())
        else:
            wizard.deleteLater()
        self.finished.emit()

    def _message(self, error: BaseException) -> str:
        if isinstance(error, GzdeskError):
            return error.message(self.lang)
        return messages.render("ui.unexpected", self.lang, detail=repr(error))

    # ------------------------------------------------------------------ without the wizard (``ask``)
    def _apply_with_dialog(self, review: ImportReview, decision: ImportDecision) -> None:
        if not decision.apply:
            self.finished.emit()
            return

        def work(progress: TaskProgress) -> ImportReport:
            with Store.open(self.database) as store:
                return apply_decision(store, review, decision, progress=progress)

        self.task = run_task(self.window, self.tr("Importing…"), work, on_done=self._applied, on_error=self.failed)

    def _applied(self, report: ImportReport) -> None:
        if not report.no_op:
            self.imported.emit(report)
        self.finished.emit()
