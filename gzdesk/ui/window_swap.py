"""Re-create the main window — in another language, or on a reopened store after a restore — keeping what the clerk
was looking at: the list, each list's search, filters and sort, the selected records, geometry and layout."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QSplitter

from gzdesk.core.query import Query
from gzdesk.core.store import Store
from gzdesk.ui.startup import standing_notices

if TYPE_CHECKING:
    from gzdesk.ui.main_window import MainWindow

WAIT_SECONDS = 30.0
_shown: list[MainWindow] = []  # the re-created window: a top-level widget lives only while Python holds it


@dataclass(frozen=True)
class ViewState:
    kind: str
    queries: dict[str, Query]
    search: str
    selected: tuple[str, ...]  # record ids in the current list, the current one first
    geometry: QByteArray
    state: QByteArray
    splitter: QByteArray | None


def capture_view(window: MainWindow) -> ViewState:
    model = window.model
    rows = sorted({index.row() for index in window.table.selectionModel().selectedRows()})
    current = window.table.currentIndex().row()
    ordered = ([current] if current >= 0 else []) + [row for row in rows if row != current]
    selected = tuple(record_id for row in ordered if (record_id := model.record_id(row)))
    splitter = window.centralWidget()
    return ViewState(window.current_kind, {kind: m.query for kind, m in window.models.items()}, window.search.text(),
                     selected, window.saveGeometry(), window.saveState(),
                     splitter.saveState() if isinstance(splitter, QSplitter) else None)


def apply_view(window: MainWindow, view: ViewState) -> None:
    window.restoreGeometry(view.geometry)
    window.restoreState(view.state)
    splitter = window.centralWidget()
    if isinstance(splitter, QSplitter) and view.splitter is not None:
        splitter.restoreState(view.splitter)
    for kind, query in view.queries.items():
        show_kind(window, kind)
        if window.model.query != query:
            window.model.set_query(query)
    show_kind(window, view.kind)
    window.search.setText(view.search)
    window.refresh()
    sort = window.model.query.sort
    if sort:
        column = [f.key for f in window.model.fields].index(sort[0][0])
        order = Qt.SortOrder.DescendingOrder if sort[0][1] else Qt.SortOrder.AscendingOrder
        header = window.table.horizontalHeader()
        header.blockSignals(True)  # the model is sorted already
        header.setSortIndicator(column, order)
        header.blockSignals(False)
    select_records(window, view.selected)


def show_kind(window: MainWindow, kind: str) -> None:
    for row in range(window.sidebar.count()):
        if window.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == kind:
            window.sidebar.setCurrentRow(row)
            return


def select_records(window: MainWindow, record_ids: tuple[str, ...]) -> None:
    """Select these records of the current list (the first becomes current) and scroll to it."""
    model = window.model
    rows = [row for record_id in record_ids if (row := model.row_of(record_id)) is not None]
    selection = window.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for position, row in enumerate(rows):
        index = model.index(row, 0)
        if position == 0:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            window.table.scrollTo(index)
        else:
            selection.select(index, flags)


def quiesce(window: MainWindow) -> None:
    """Stop the window's background readers and automatic backups, waiting for a running backup (each holds its
    own connection to the database, and a thread must end before its window is deleted)."""
    for model in window.models.values():
        model.stop_loading()
    window.backups.timer.stop()
    worker = window.backups.worker
    deadline = time.monotonic() + WAIT_SECONDS
    while worker is not None and worker.running and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def replace_window(old: MainWindow, *, lang: str, store: Store | None = None,
                   view: ViewState | None = None) -> MainWindow:
    """A new main window in ``lang`` on ``store`` (default: the old window's) showing ``view`` (default: what
    ``old`` shows; capture it before closing the old store). The notices that still hold (read-only database,
    network drive) are said again in ``lang``; one-time ones (an interrupted import) were seen already. The new
    window is shown before ``old`` closes and is deleted, so the application keeps running."""
    view = view or capture_view(old)
    quiesce(old)
    store = store or old.store
    new = type(old)(store, lang=lang)
    apply_view(new, view)
    for notice in standing_notices(store, lang=lang):
        new.show_notice(notice)
    new.show()
    _shown[:] = [new]
    old.close()
    old.deleteLater()
    return new
