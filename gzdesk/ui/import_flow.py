"""Import a workbook from the window: plan on a worker, show what would change, apply on a worker, report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from gzdesk.core import messages
from gzdesk.core.errors import Cancelled, GzdeskError
from gzdesk.core.importer import ImportPlan, ImportReport, apply_import, plan_import
from gzdesk.core.store import Store
from gzdesk.ui.import_dialog import ImportDecision, ImportDialog
from gzdesk.ui.tasks import Task, TaskProgress, run_task
from gzdesk.ui.text import tr


class ImportFlow(QObject):
    """One import at a time. ``ask`` decides after the plan (the dialog by default; tests pass plain data)."""

    imported = Signal(object)  # ImportReport, after a write
    finished = Signal()

    def __init__(self, parent: QWidget, database: Path, *, lang: str) -> None:
        super().__init__(parent)
        self.window = parent
        self.database = database
        self.lang = lang
        self.task: Task | None = None
        self.ask: Callable[[ImportPlan], ImportDecision] = self._ask_with_dialog

    def start(self, path: Path) -> None:
        def work(progress: TaskProgress) -> ImportPlan:
            with Store.open(self.database, read_only=True) as store:
                return plan_import(store, path, progress=progress)

        self.task = run_task(self.window, tr(self.lang, f"正在读取“{path.name}”…", f"Reading {path.name}…"), work,
                             on_done=self._planned, on_error=self._failed)

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

        self.task = run_task(self.window, tr(self.lang, "正在导入…", "Importing…"), work,
                             on_done=self._applied, on_error=self._failed)

    def _applied(self, report: ImportReport) -> None:
        if not report.no_op:
            self.imported.emit(report)
        self.finished.emit()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, Cancelled):
            text = error.message(self.lang) if isinstance(error, GzdeskError) else messages.render(
                "ui.unexpected", self.lang, detail=repr(error))
            QMessageBox.warning(self.window, tr(self.lang, "无法导入", "Cannot import"), text)
        self.finished.emit()


messages.register({"ui.unexpected": ("出现意外错误：{detail}。数据库没有改动。", "Unexpected error: {detail}. Nothing was changed.")})
