"""The records an import would touch, as a thin table model: one entry per record, filtered by kind.

The entries are the plan's own tuples (already in memory), ordered so that what needs the clerk comes first:
conflicts, changes held for review, changes, new records, records not in the file, unchanged records. A filter
picks one kind; nothing is sorted or copied per paint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from gzdesk.core import schema
from gzdesk.core.exchange.merge import ImportRow, RecordUpdate
from gzdesk.core.import_review import ImportReview

Index = QModelIndex | QPersistentModelIndex
KINDS = ("conflict", "held", "changed", "new", "absent", "unchanged")
COLORS = {"conflict": "#b02a37", "held": "#8a5a00", "changed": "#1f5fa8", "new": "#1e6b34", "absent": "#6c757d",
          "unchanged": "#6c757d"}


def kind_label(kind: str) -> str:
    labels = {
        "conflict": QCoreApplication.translate("PreviewModel", "Conflict"),
        "held": QCoreApplication.translate("PreviewModel", "Held for review"),
        "changed": QCoreApplication.translate("PreviewModel", "Changed"),
        "new": QCoreApplication.translate("PreviewModel", "New"),
        "absent": QCoreApplication.translate("PreviewModel", "Not in file"),
        "unchanged": QCoreApplication.translate("PreviewModel", "Unchanged"),
    }
    return labels[kind]


@dataclass(frozen=True)
class Entry:
    """One record the import would add, change or leave; ``values`` are the file's values for new and unchanged."""

    kind: str
    list_key: str
    name: str
    sheet: str = ""
    row: int | None = None
    record_id: str | None = None
    update: RecordUpdate | None = None
    values: Mapping[str, object] = field(default_factory=dict)


def entries(review: ImportReview) -> dict[str, list[Entry]]:
    """Every record of the plan by kind: the list records, then those of the evaluation sheets (工作评估/节点/问题)."""
    plan, evaluations = review.plan, review.plan.evaluations
    by_kind: dict[str, list[Entry]] = {kind: [] for kind in KINDS}

    def name(row: ImportRow, record_id: str | None) -> str:
        if row.list_key in schema.LIST_KEYS:
            return str(row.values.get("name") or "")
        return review.names.get(record_id or "", "")

    for update in (*plan.updates, *evaluations.updates):
        kind = "held" if update.held else "conflict" if update.conflicts else "changed"
        row = update.row
        by_kind[kind].append(Entry(kind, update.list_key, name(row, update.record_id), row.sheet, row.row,
                                   update.record_id, update, row.values))
    for row in (*plan.new, *evaluations.new):
        by_kind["new"].append(Entry("new", row.list_key, name(row, row.record_id), row.sheet, row.row, None, None,
                                    row.values))
    for list_key, record_id in plan.not_in_file:
        by_kind["absent"].append(Entry("absent", list_key, review.absent.get(record_id, record_id),
                                       record_id=record_id))
    for row, record_id in (*plan.matched, *evaluations.unchanged):
        by_kind["unchanged"].append(Entry("unchanged", row.list_key, name(row, record_id), row.sheet, row.row,
                                          record_id, None, row.values))
    return by_kind


class PreviewModel(QAbstractTableModel):
    """Columns: what happens, name, list, where in the file."""

    def __init__(self, *, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.by_kind: dict[str, list[Entry]] = {kind: [] for kind in KINDS}
        self.kind: str | None = None
        self.shown: list[Entry] = []
        self.headers = [self.tr("What happens"), self.tr("Project"), self.tr("List"), self.tr("Where in the file")]

    def load(self, review: ImportReview) -> None:
        self.beginResetModel()
        self.by_kind = entries(review)
        self._select()
        self.endResetModel()

    def set_kind(self, kind: str | None) -> None:
        """Show one kind of entry, or every entry (None)."""
        self.beginResetModel()
        self.kind = kind
        self._select()
        self.endResetModel()

    def _select(self) -> None:
        kinds = KINDS if self.kind is None else (self.kind,)
        self.shown = [entry for kind in kinds for entry in self.by_kind[kind]]

    def count(self, kind: str) -> int:
        return len(self.by_kind[kind])

    def entry(self, row: int) -> Entry | None:
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.shown):
            return None
        entry = self.shown[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return kind_label(entry.kind)
            if column == 1:
                return entry.name
            if column == 2:
                return schema.entity(entry.list_key).label(self.lang)
            if column == 3:
                return self.tr("“{sheet}” row {row}").format(sheet=entry.sheet, row=entry.row) if entry.row else "—"
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2, 3):  # a long name is elided; the list column
            return entry.name if column == 1 else schema.entity(entry.list_key).label(self.lang)  # may be hidden
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(QColor(COLORS[entry.kind]))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(
                self.headers):
            return self.headers[section]
        return None
