"""Import a workbook from the window: plan on a worker, show what would change, apply on a worker, report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from gzdesk.core.importer import ImportPlan, ImportReport, apply_import, plan_import
from gzdesk.core.store import Store
from gzdesk.ui.flow import Flow
from gzdesk.ui.import_dialog import ImportDecision, ImportDialog
from gzdesk.ui.tasks import TaskProgress, run_task


class ImportFlow(Flow):
    """One import at a time. ``ask`` decides after the plan (the dialog by default; tests pass plain data)."""

    imported = Signal(object)  # ImportReport, after a write


    def __init__(self, parent: QWidget, database: Path, *, lang: str) -> None:
        super().__init__(parent, database, lang=lang)
        self.ask: Callable[[ImportPlan], ImportDecision] = self._ask_with_dialog

    def failure_title(self) -> str:
        return self.tr("Cannot import")

    def start(self, path: Path) -> None:
        def work(progress: TaskProgress) -> ImportPlan:
            with Store.open(self.database, read_only=True) as store:
                return plan_import(store, path, progress=progress)

        self.task = run_task(self.window, self.tr("Reading “{name}”…").format(name=path.name), work,
                             on_done=self._planned, on_error=self.failed)

    def _ask_with_dialog(self, plan: ImportPlan) -> ImportDecision:
        return ImportDialog(plan, lang=self.lang, parent=self.window).ask()

    def _planned(self, plan: ImportPlan) -> None:
        decision = self.ask(plan)
        if not decision.apply:
            self.finished.emit()
            return

        def work(progress: TaskProgress) -> ImportReport:
            with Store.open(self.database) as store:
                return apply_import(store, plan, skip_invalid=decision.skip_invalid, on_conflict=decision.on_conflict,
                                    accept_foreign=decision.accept_foreign, progress=progress)

        self.task = run_task(self.window, self.tr("Importing…"), work,
                             on_done=self._applied, on_error=self.failed)

    def _applied(self, report: ImportReport) -> None:
        if not report.no_op:
            self.imported.emit(report)
        self.finished.emit()


