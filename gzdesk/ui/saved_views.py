"""The Views button beside the search box: pick a saved view of the current list, save the current one under a
name, delete one. Views live in the database (gzdesk.core.saved_views), so they travel with the file."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QPushButton, QTableView, QWidget

from gzdesk.core.errors import GzdeskError
from gzdesk.core.query import Query
from gzdesk.core.saved_views import SavedView, delete_view, save_view, saved_views
from gzdesk.core.store import Store
from gzdesk.ui.column_chooser import ColumnLayouts
from gzdesk.ui.table_model import RecordTableModel


class SavedViews(QObject):
    """``button`` opens the menu. ``applied`` is called after a view changed the table (to update counts);
    ``ask_name`` and ``warn`` are the questions (tests answer them with plain data)."""

    def __init__(self, parent: QWidget, store: Store, table: QTableView, columns: ColumnLayouts, *,
                 search: QLineEdit, applied: Callable[[], None], lang: str) -> None:
        super().__init__(parent)
        self.window, self.store, self.table, self.column_layouts = parent, store, table, columns
        self.search, self.applied, self.lang = search, applied, lang
        self.ask_name: Callable[[str], str | None] = self._ask_name
        self.warn: Callable[[str, str], object] = lambda title, text: QMessageBox.warning(self.window, title, text)
        self.menu = QMenu(parent)
        self.menu.aboutToShow.connect(self._fill_menu)
        # A push button sizes itself for its menu arrow (a tool button's arrow covered the last character).
        self.button = QPushButton(self.tr("Saved views"))
        self.button.setToolTip(self.tr("Saved views: filters, sort, search and columns under a name"))
        self.button.setMenu(self.menu)
        self.current: tuple[str, str] | None = None  # (list, name) of the view shown last

    @property
    def model(self) -> RecordTableModel:
        model = self.table.model()
        assert isinstance(model, RecordTableModel)
        return model

    def views(self) -> list[SavedView]:
        return saved_views(self.store, self.model.entity.key)

    def _fill_menu(self) -> None:
        self.menu.clear()
        views = self.views()
        for view in views:
            action = self.menu.addAction(view.name, partial(self.apply, view))
            action.setCheckable(True)
            action.setChecked((self.model.entity.key, view.name) == self.current)
        if not views:
            self.menu.addAction(self.tr("No saved views yet")).setEnabled(False)
        self.menu.addSeparator()
        self.menu.addAction(self.tr("Save current view…"), self.save_current)
        if views:
            delete_menu = self.menu.addMenu(self.tr("Delete view"))
            for view in views:
                delete_menu.addAction(view.name, partial(self.delete, view.name))

    def current_view(self, name: str) -> SavedView:
        return SavedView(name, self.model.query, self.column_layouts.visible_keys())

    def save_current(self, name: str | None = None) -> SavedView | None:
        shown = self.current[1] if self.current and self.current[0] == self.model.entity.key else ""
        name = (name if name is not None else self.ask_name(shown)) or ""
        if not name.strip():
            return None
        view = self.current_view(name.strip())
        try:
            save_view(self.store, self.model.entity.key, view)
        except GzdeskError as error:
            self.warn(self.tr("Cannot save the view"), error.message(self.lang))
            return None
        self.current = (self.model.entity.key, view.name)
        return view

    def delete(self, name: str) -> None:
        try:
            delete_view(self.store, self.model.entity.key, name)
        except GzdeskError as error:
            self.warn(self.tr("Cannot delete the view"), error.message(self.lang))
            return
        if self.current == (self.model.entity.key, name):
            self.current = None

    def apply(self, view: SavedView) -> None:
        """Show ``view``: its search, filters and sort, then its columns."""
        model = self.model
        self.search.blockSignals(True)  # the view's query includes its search
        self.search.setText(view.query.search)
        self.search.blockSignals(False)
        model.set_query(Query(view.query.filters, view.query.sort, view.query.search))
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the model is sorted already
        if view.query.sort and view.query.sort[0][0] in model.entity.by_key:
            key, descending = view.query.sort[0]
            header.setSortIndicator(model.column_of(key), Qt.SortOrder.DescendingOrder if descending
                                    else Qt.SortOrder.AscendingOrder)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        header.viewport().update()
        if view.columns:
            self.column_layouts.show_only(view.columns)
        self.current = (model.entity.key, view.name)
        self.applied()

    def _ask_name(self, suggestion: str) -> str | None:
        name, ok = QInputDialog.getText(self.window, self.tr("Save view"),
                                        self.tr("Name of the view (filters, sort, search and columns):"),
                                        text=suggestion)
        return name if ok else None
