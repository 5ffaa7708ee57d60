"""Write an exchange or meeting workbook from the window, on a worker, then offer to open its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gzdesk.core import messages, schema
from gzdesk.core.excel.export_common import ExportReport
from gzdesk.core.store import Store
from gzdesk.ui.flow import Flow
from gzdesk.ui.tasks import TaskProgress, run_task


class ExportFlow(Flow):
    """``start(purpose, path, lists)`` writes the workbook; ``done`` carries the report."""

    done = Signal(object)


    def __init__(self, parent: QWidget, database: Path, *, lang: str) -> None:
        super().__init__(parent, database, lang=lang)
        self.confirm_open_folder = True

    def failure_title(self) -> str:
        return self.tr("Cannot export")

    def choose(self, purpose: str) -> None:
        default = self.tr("exchange.xlsx") if purpose == "exchange" else self.tr("meeting.xlsx")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export to"), default,
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.start(purpose, Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def start(self, purpose: str, path: Path, lists: tuple[str, ...] = schema.LIST_KEYS) -> None:
        def work(progress: TaskProgress) -> ExportReport:
            from gzdesk.core.excel.export_exchange import export_exchange
            from gzdesk.core.excel.export_meeting import export_meeting

            with Store.open(self.database) as store:
                if purpose == "exchange":
                    return export_exchange(store, path, lists=lists, lang=self.lang, progress=progress)
                return export_meeting(store, path, lists=lists, lang=self.lang, progress=progress)

        self.task = run_task(self.window, self.tr("Exporting “{name}”…").format(name=path.name), work,
                             on_done=self._done, on_error=self.failed)

    def _done(self, report: ExportReport) -> None:
        self.done.emit(report)
        self.finished.emit()
        if self.confirm_open_folder:
            text = messages.render("cli.export_done", self.lang, path=report.path,
                                   counts="、".join(f"{schema.entity(k).label(self.lang)} {v}"
                                                   for k, v in report.counts.items()))
            answer = QMessageBox.question(self.window, self.tr("Exported"),
                                          text + "\n" + self.tr("Open the folder?"))
            if answer == QMessageBox.StandardButton.Yes:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.path.parent)))

