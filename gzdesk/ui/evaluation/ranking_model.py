"""The meeting's "most behind" ranking as a small table model (at most ``top`` rows from the statistics)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gzdesk.core.evaluation.stats import Behind
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("rank", "name", "list", "district", "period", "progress", "completion", "schedule", "gap")


class RankingModel(QAbstractTableModel):
    def __init__(self, store: Store, *, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.store, self.lang = store, lang
        self.rows: list[Behind] = []

    def set_rows(self, rows: Sequence[Behind]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = {"rank": self.tr("No."), "name": self.tr("Project"), "list": self.tr("List"),
                  "district": self.tr("District"), "period": self.tr("Period"), "progress": self.tr("Progress"),
                  "completion": self.tr("Completion"), "schedule": self.tr("Schedule"),
                  "gap": self.tr("Gap (points)")}
        return titles[COLUMNS[section]] if 0 <= section < len(COLUMNS) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        key, row = COLUMNS[index.column()], self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(key, index.row())
        if role == Qt.ItemDataRole.DecorationRole and key == "progress":
            return labels.light_dot(row.light)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("rank", "completion", "schedule", "gap"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def text(self, key: str, position: int) -> str:
        row = self.rows[position]
        project = row.project
        texts = {"rank": str(position + 1), "name": project.name, "list": labels.list_name(project.kind, self.lang),
                 "district": labels.district_name(self.store, project.district, self.lang),
                 "period": labels.period_label(row.period, self.lang),
                 "progress": labels.judgement_text(row.judgement, self.lang),
                 "completion": labels.percent(row.completion), "schedule": labels.percent(row.schedule),
                 "gap": labels.points(row.gap)}
        return texts[key]

    def header_texts(self) -> list[str]:
        return [str(self.headerData(c, Qt.Orientation.Horizontal)) for c in range(len(COLUMNS))]

    def behind(self, row: int) -> Behind | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
