"""The round's table, which in bulk entry behaves like a sheet: Tab / Shift+Tab go to the next / previous entry
cell (across rows), Enter goes down to the same column of the next row, and the stage is picked from the
project's own list of stages."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gzdesk.core import schema
from gzdesk.ui.evaluation import labels
from gzdesk.ui.evaluation.round_model import COLUMNS, EDITABLE, RoundModel

Index = QModelIndex | QPersistentModelIndex
_EDIT_COLUMNS = [COLUMNS.index(key) for key in COLUMNS if key in EDITABLE]
_STAGE_COLUMN = COLUMNS.index("stage_to")


class StageDelegate(QStyledItemDelegate):
    """A combo of the row's list's stages for the stage column; plain text editors elsewhere."""

    def __init__(self, model: RoundModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.round_model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() != _STAGE_COLUMN:
            return super().createEditor(parent, option, index)
        kind = self.round_model.kind_of(index.row())
        combo = QComboBox(parent)
        vocabulary = schema.entity(kind).field("stage").vocabulary
        for value in vocabulary.values if vocabulary else ():
            combo.addItem(labels.stage_name(kind, value, self.round_model.lang), value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class BulkTable(QTableView):
    """A QTableView whose editing moves like a sheet's over the entry columns of a :class:`RoundModel`."""

    def __init__(self, model: RoundModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.round_model = model
        self.setItemDelegate(StageDelegate(model, self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)

    def next_entry_cell(self, index: QModelIndex, *, forward: bool = True) -> QModelIndex:
        """The entry cell after (before) ``index``, wrapping to the next (previous) row; invalid at the ends."""
        row, column = max(index.row(), 0), index.column()
        if forward:
            later = [c for c in _EDIT_COLUMNS if c > column]
            row, column = (row, later[0]) if later else (row + 1, _EDIT_COLUMNS[0])
        else:
            earlier = [c for c in _EDIT_COLUMNS if c < column]
            row, column = (row, earlier[-1]) if earlier else (row - 1, _EDIT_COLUMNS[-1])
        return self.round_model.index(row, column) if 0 <= row < self.round_model.rowCount() else QModelIndex()

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if self.round_model.bulk and cursorAction in (QAbstractItemView.CursorAction.MoveNext,
                                                      QAbstractItemView.CursorAction.MovePrevious):
            found = self.next_entry_cell(self.currentIndex(),
                                         forward=cursorAction == QAbstractItemView.CursorAction.MoveNext)
            return found if found.isValid() else self.currentIndex()
        return super().moveCursor(cursorAction, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if self.round_model.bulk and hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)  # Enter: down one row
            current = self.currentIndex()
            below = self.round_model.index(current.row() + 1, current.column())
            if below.isValid():
                self.setCurrentIndex(below)
                self.edit(below)
            return
        super().closeEditor(editor, hint)

    def start_entry(self) -> None:
        """Put the cursor in the first entry cell of the current row (or the first row) and start typing."""
        row = max(self.currentIndex().row(), 0)
        if self.round_model.rowCount():
            first = self.round_model.index(row, _EDIT_COLUMNS[0])
            self.setCurrentIndex(first)
            self.setFocus()
