"""One evaluation's milestones (节点) or problems (问题) as a read-only table: columns and labels from the schema,
values as the record tables show them, what is late (a milestone past its planned date and not done, an open
problem past its due date) in red."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from gzdesk.core import schema
from gzdesk.core.evaluation import details
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels
from gzdesk.ui.table_model import display

Index = QModelIndex | QPersistentModelIndex
COLUMNS = {
    details.MILESTONES: ("name", "planned_on", "done_on", "status", "note"),
    details.PROBLEMS: ("category", "description", "responsible_unit", "due_on", "needs_leader", "status",
                       "resolved_on", "resolution"),
}
DEADLINE = {details.MILESTONES: "planned_on", details.PROBLEMS: "due_on"}
FINISHED = {details.MILESTONES: details.DONE, details.PROBLEMS: details.RESOLVED}


def is_late(kind: str, row: dict[str, object], today: dt.date) -> bool:
    """Past its deadline and not finished; a month deadline ("2026-03") runs to the end of that month."""
    deadline = str(row.get(DEADLINE[kind]) or "")
    if not deadline or row.get("status") == FINISHED[kind]:
        return False
    last_day = deadline if len(deadline) == 10 else deadline[:7] + "-31"
    return last_day < today.isoformat()


class DetailsModel(QAbstractTableModel):
    """The milestones or problems (``kind``) of one evaluation, in entry order; no evaluation: no rows."""

    def __init__(self, store: Store, kind: str, *, lang: str, today: dt.date, parent: Any = None) -> None:
        super().__init__(parent)
        self.store, self.kind, self.lang, self.today = store, kind, lang, today
        self.entity = schema.entity(kind)
        self.columns = COLUMNS[kind]
        self.evaluation_id: str | None = None
        self.rows: list[dict[str, object]] = []

    def show_evaluation(self, evaluation_id: str | None) -> None:
        self.evaluation_id = evaluation_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = details.details_of(self.store, self.kind, [self.evaluation_id]) if self.evaluation_id else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if not 0 <= section < len(self.columns):
            return None
        return self.entity.field(self.columns[section]).label(self.lang)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        key, row = self.columns[index.column()], self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = display(self.entity.field(key), row.get(key), self.store, self.lang)
            if role == Qt.ItemDataRole.DisplayRole:
                return " ".join(text.split())  # a long text on one line; the tooltip shows it whole
            return text or None
        if role == Qt.ItemDataRole.ForegroundRole and key in (DEADLINE[self.kind], "status") \
                and is_late(self.kind, row, self.today):
            return QColor(labels.OVERDUE_COLOUR)
        return None

    def record(self, row: int) -> dict[str, object] | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, detail_id: str) -> int:
        return next((i for i, row in enumerate(self.rows) if row["id"] == detail_id), -1)

    def text(self, row: int, key: str) -> str:
        """The cell of ``row`` under field ``key`` as shown."""
        index = self.index(row, self.columns.index(key))
        return str(self.data(index) or "")
