"""Which columns the list table shows, in which order and how wide — chosen in a dialog or by dragging headers,
and remembered per list in the user's settings (by field key, so a schema with new fields still restores)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gzdesk.ui.table_model import RecordTableModel
from gzdesk.ui.window_memory import remember


class Column(NamedTuple):
    key: str
    visible: bool
    width: int


def settings() -> QSettings:
    return QSettings("gzdesk", "gzdesk")


def header_columns(header: QHeaderView, keys: Sequence[str]) -> list[Column]:
    """The header's columns in the order shown, with visibility and width (``keys``: the model's field keys)."""
    found = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        found.append(Column(keys[logical], not header.isSectionHidden(logical),
                            header.sectionSize(logical) or header.defaultSectionSize()))
    return found


def apply_columns(header: QHeaderView, keys: Sequence[str], columns: Sequence[Column], *,
                  widths: bool = True) -> None:
    """Show ``columns`` in their order (others keep their place after them); hide the hidden ones."""
    position = {key: logical for logical, key in enumerate(keys)}
    visual = 0
    for column in columns:
        logical = position.get(column.key)
        if logical is None:
            continue
        header.moveSection(header.visualIndex(logical), visual)
        header.setSectionHidden(logical, not column.visible)
        if widths and column.visible and column.width > 0:
            header.resizeSection(logical, column.width)
        visual += 1
    if header.hiddenSectionCount() >= header.count() and header.count():
        header.setSectionHidden(header.logicalIndex(0), False)  # never hide every column


class ColumnLayouts(QObject):
    """Remembers each list's column layout (``enter`` after a list is shown, ``leave`` before another is)."""

    def __init__(self, parent: QWidget, table: QTableView, *, lang: str) -> None:
        super().__init__(parent)
        self.window, self.table, self.lang = parent, table, lang
        self.ask: Callable[[ColumnChooser], list[Column] | None] = ColumnChooser.ask
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setFirstSectionMovable(True)

    def _model(self) -> RecordTableModel | None:
        model = self.table.model()
        return model if isinstance(model, RecordTableModel) else None

    def keys(self) -> list[str]:
        model = self._model()
        return [f.key for f in model.fields] if model else []

    def columns(self) -> list[Column]:
        return header_columns(self.table.horizontalHeader(), self.keys())

    def visible_keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns() if column.visible)

    def leave(self) -> None:
        """Remember the shown list's layout."""
        model = self._model()
        if model is not None:
            data = [[c.key, c.visible, c.width] for c in self.columns()]
            settings().setValue(f"columns/{model.entity.key}", json.dumps(data))

    def enter(self) -> None:
        """Restore the layout remembered for the list now shown (its defaults when there is none)."""
        model = self._model()
        header = self.table.horizontalHeader()
        for logical in range(header.count()):  # a new model keeps the previous list's moves and hides
            header.setSectionHidden(logical, False)
            header.moveSection(header.visualIndex(logical), logical)
        if model is None:
            return
        for logical in range(header.count()):  # a default width never cuts the header's text
            header.resizeSection(logical, max(header.sectionSize(logical), header.sectionSizeHint(logical)))
        stored = settings().value(f"columns/{model.entity.key}")
        try:
            data = json.loads(str(stored)) if stored else []
            columns = [Column(str(key), bool(visible), int(width)) for key, visible, width in data]
        except (ValueError, TypeError):
            columns = []
        apply_columns(header, self.keys(), columns)

    def show_only(self, keys: Sequence[str]) -> None:
        """Show exactly these columns in this order (a saved view); the others are hidden after them."""
        rest = [key for key in self.keys() if key not in keys]
        apply_columns(self.table.horizontalHeader(), self.keys(),
                      [Column(key, True, 0) for key in keys] + [Column(key, False, 0) for key in rest], widths=False)

    def hide(self, logical: int) -> None:
        header = self.table.horizontalHeader()
        if header.count() - header.hiddenSectionCount() > 1:
            header.setSectionHidden(logical, True)

    def add_to_menu(self, menu: QMenu, logical: int) -> None:
        """The header menu's column entries: hide this column, choose the columns."""
        model = self._model()
        if model is not None and 0 <= logical < len(model.fields):
            label = model.fields[logical].label(self.lang)
            menu.addAction(self.tr("Hide column “{field}”").format(field=label), lambda: self.hide(logical))
        menu.addAction(self.tr("Columns…"), self.choose)

    def choose(self) -> None:
        model = self._model()
        if model is None:
            return
        labels = {f.key: f.header(self.lang) for f in model.fields}
        chosen = self.ask(ColumnChooser(self.columns(), labels, parent=self.window))
        if chosen is not None:
            apply_columns(self.table.horizontalHeader(), self.keys(), chosen)
            self.leave()


class ColumnChooser(QDialog):
    """Tick the columns to show and drag them into order; ``ask()`` returns the columns or None."""

    def __init__(self, columns: Sequence[Column], labels: dict[str, str], *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Columns"))
        self.widths = {column.key: column.width for column in columns}
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        for column in columns:
            item = QListWidgetItem(labels.get(column.key, column.key))
            item.setData(Qt.ItemDataRole.UserRole, column.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if column.visible else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.show_all = buttons.addButton(self.tr("Show all"), QDialogButtonBox.ButtonRole.ResetRole)
        self.show_all.clicked.connect(self._show_all)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Tick the columns to show; drag them to change the order."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(380, 560)
        remember(self, "column_chooser")

    def _show_all(self) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(Qt.CheckState.Checked)

    def columns(self) -> list[Column]:
        found = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            key = str(item.data(Qt.ItemDataRole.UserRole))
            found.append(Column(key, item.checkState() == Qt.CheckState.Checked, self.widths.get(key, 0)))
        return found

    def ask(self) -> list[Column] | None:
        return self.columns() if self.exec() == QDialog.DialogCode.Accepted else None
