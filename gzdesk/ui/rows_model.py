"""A read-only table of rows already read (an enterprise's projects, an official's enterprises): text cells, a key
per row to open it. For the small, bounded lists of a detail page; the big lists use RecordTableModel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    key: tuple[str, str]  # (entity key, record id); ("", "") when the row opens nothing
    cells: tuple[str, ...]


class RowsModel(QAbstractTableModel):
    """``numeric`` columns align right; ``stretch`` columns (names) give way or take the spare width first."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Row], *, numeric: Sequence[int] = (),
                 stretch: Sequence[int] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows = list(rows)
        self.numeric = set(numeric)
        self.stretch = tuple(stretch)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) \
                or not 0 <= index.column() < len(self.headers):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):  # the tooltip: a cut-off name whole
            return self.rows[index.row()].cells[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)

    def key(self, row: int) -> tuple[str, str]:
        return self.rows[row].key if 0 <= row < len(self.rows) else ("", "")
