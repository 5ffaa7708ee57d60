"""The main window's way into the evaluation screens: an Evaluations menu (timeline Ctrl+T, round Ctrl+R,
dashboard Ctrl+D) and the table's context menu on a project (or an evaluation) row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTableView, QWidget

from gzdesk.core import schema
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.dashboard import DashboardWindow
from gzdesk.ui.evaluation.round_view import RoundWindow
from gzdesk.ui.evaluation.timeline import TimelineDialog
from gzdesk.ui.table_model import RecordTableModel


class ListWindow(Protocol):
    """What the menu needs of the main window."""

    store: Store
    lang: str
    table: QTableView

    @property
    def model(self) -> RecordTableModel: ...

    @property
    def current_kind(self) -> str: ...


class EvaluationMenu(QObject):
    """Installs the menu and the context menu on ``window``; ``on_changed`` is called after any evaluation or
    project was saved from these screens (the window reloads its tables)."""

    def __init__(self, window: QMainWindow, *, on_changed: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.on_changed = on_changed
        self.round: RoundWindow | None = None
        self.dashboard: DashboardWindow | None = None
        menu = window.menuBar().addMenu(self.tr("Ev&aluations"))
        for text, keys, slot in ((self.tr("Project evaluations…"), "Ctrl+T", self.open_timeline),
                                 (self.tr("Evaluation round…"), "Ctrl+R", self.open_round),
                                 (self.tr("Meeting dashboard…"), "Ctrl+D", self.open_dashboard)):
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
        table = self._list_window.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._table_menu)

    @property
    def _list_window(self) -> ListWindow:
        return self.window  # type: ignore[return-value]

    def _project_at(self, row: int) -> tuple[str, str] | None:
        """(list, project id) of the table row: the project itself, or an evaluation's project."""
        window = self._list_window
        kind = window.current_kind
        record_id = window.model.record_id(row) if row >= 0 else None
        if record_id is None:
            return None
        if kind in schema.LIST_KEYS:
            return kind, record_id
        if kind == "evaluation":
            evaluation = window.store.record("evaluation", record_id)
            if evaluation is not None and evaluation.get("project_kind") in schema.LIST_KEYS:
                return str(evaluation["project_kind"]), str(evaluation["project_id"])
        return None

    def _table_menu(self, point: QPoint) -> None:
        table = self._list_window.table
        found = self._project_at(table.indexAt(point).row())
        if found is None:
            return
        menu = QMenu(self.window)
        menu.addAction(self.tr("Evaluations of this project…"), lambda: self.show_timeline(*found))
        actions = getattr(self.window, "table_actions", None)  # copy, delete, bulk edit of the selected rows
        if actions is not None and hasattr(actions, "add_to_menu"):
            menu.addSeparator()
            actions.add_to_menu(menu)
        menu.exec(table.viewport().mapToGlobal(point))

    def open_timeline(self) -> TimelineDialog | None:
        """The timeline of the project in the table's current row (or of the current evaluation's project)."""
        window = self._list_window
        found = self._project_at(window.table.currentIndex().row())
        if found is None:
            self.window.statusBar().showMessage(
                self.tr("Choose a project in one of the three lists first."), 8_000)
            return None
        return self.show_timeline(*found)

    def show_timeline(self, kind: str, project_id: str) -> TimelineDialog:
        window = self._list_window
        dialog = TimelineDialog(window.store, kind, project_id, lang=window.lang, parent=self.window)
        dialog.changed.connect(lambda _: self.on_changed())
        dialog.show()
        return dialog

    def open_round(self) -> RoundWindow:
        if self.round is None:
            window = self._list_window
            self.round = RoundWindow(window.store, lang=window.lang, parent=self.window)
            self.round.saved.connect(lambda _: self.on_changed())
            self.round.undone.connect(lambda _: self.on_changed())
        self._raise(self.round)
        return self.round

    def open_dashboard(self) -> DashboardWindow:
        if self.dashboard is None:
            window = self._list_window
            self.dashboard = DashboardWindow(window.store, lang=window.lang, parent=self.window)
            self.dashboard.changed.connect(lambda _: self.on_changed())
        else:
            self.dashboard.refresh()
        self._raise(self.dashboard)
        return self.dashboard

    @staticmethod
    def _raise(widget: QWidget) -> None:
        widget.show()
        widget.raise_()
        widget.activateWindow()
