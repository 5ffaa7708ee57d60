"""Write an exchange or meeting workbook from the window: the export dialog asks what and where, the workbook is
written on a worker (progress, cancel), then the flow offers to open its folder."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from gzdesk.core import messages, schema
from gzdesk.core.excel.export_common import ExportReport
from gzdesk.core.query import Query
from gzdesk.core.store import Store
from gzdesk.ui import preferences
from gzdesk.ui.export_dialog import ExportChoice, ExportDialog, ListCount
from gzdesk.ui.flow import Flow
from gzdesk.ui.tasks import TaskProgress, run_task


class ExportFlow(Flow):
    """``choose(purpose)`` asks (``ask`` gets the dialog and returns the choice: tests pass plain data), then
    ``start(purpose, path, lists, queries)`` writes the workbook; ``done`` carries the report."""

    done = Signal(object)

    def __init__(self, parent: QWidget, database: Path, *, lang: str) -> None:
        super().__init__(parent, database, lang=lang)
        self.confirm_open_folder = True
        self.ask: Callable[[ExportDialog], ExportChoice | None] = ExportDialog.ask

    def failure_title(self) -> str:
        return self.tr("Cannot export")

    def current_queries(self) -> tuple[str | None, dict[str, Query]]:
        """The window's current list, and the search, filters and sort of every list table it has shown."""
        kind = getattr(self.window, "current_kind", None)
        models = getattr(self.window, "models", {})
        return kind, {key: model.query for key, model in models.items() if key in schema.LIST_KEYS}

    def choose(self, purpose: str) -> None:
        """The export dialog, preset to ``purpose`` and to the current list's filter; then the export."""
        kind, queries = self.current_queries()
        with Store.open(self.database, read_only=True) as store:
            counts = [ListCount(key, store.count(key), store.count(key, queries.get(key, Query())))
                      for key in schema.LIST_KEYS]
        dialog = ExportDialog(purpose=purpose, counts=counts, current_kind=kind, folder=preferences.export_folder(),
                              lang=self.lang, parent=self.window)
        choice = self.ask(dialog)
        if choice is None:
            return
        preferences.remember_export_folder(str(choice.path.parent))
        chosen = {key: query if choice.filtered else Query(sort=query.sort) for key, query in queries.items()}
        self.start(choice.purpose, choice.path, choice.lists, chosen)

    def start(self, purpose: str, path: Path, lists: tuple[str, ...] = schema.LIST_KEYS,
              queries: Mapping[str, Query] | None = None) -> None:
        """Write the workbook of ``lists`` (each as ``queries[list]`` selects and sorts it) to ``path``."""
        def work(progress: TaskProgress) -> ExportReport:
            from gzdesk.core.excel.export_exchange import export_exchange
            from gzdesk.core.excel.export_meeting import export_meeting

            with Store.open(self.database) as store:
                if purpose == "exchange":
                    return export_exchange(store, path, lists=lists, queries=queries, lang=self.lang,
                                           progress=progress)
                return export_meeting(store, path, lists=lists, queries=queries, lang=self.lang, progress=progress)

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

