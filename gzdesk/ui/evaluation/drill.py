"""The projects behind a dashboard bar: a table of exactly those projects (a fixed id array over the list's table
model); double-click opens a project's form, "Evaluations…" its timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.errors import GzdeskError
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.timeline import TimelineDialog
from gzdesk.ui.record_form import RecordForm
from gzdesk.ui.table_model import RecordTableModel
from gzdesk.ui.window_memory import remember

SHOWN_FIELDS = ("name", "district", "industry", "stage", "status", "official", "total_investment",
                "agreed_investment", "contract_amount", "new_investment", "planned_start", "actual_start")


class FixedRecordsModel(RecordTableModel):
    """The records with the rids given, in that order (the table model's id array, fixed), a few columns."""

    def __init__(self, store: Store, kind: str, rids: Sequence[int], *, lang: str, parent: Any = None) -> None:
        self._fixed: list[int] = list(rids)
        super().__init__(store, kind, lang=lang, parent=parent)
        self.beginResetModel()
        self.fields = tuple(f for f in self.entity.fields if f.key in SHOWN_FIELDS)
        self.endResetModel()

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = list(getattr(self, "_fixed", []))
        self._pages.clear()
        self.endResetModel()

    def sort(self, column: int, order: Any = None) -> None:  # the order is the bar's (most behind first …)
        return


def edit_project(parent: QWidget, store: Store, kind: str, project_id: str, *, lang: str) -> ChangeSet | None:
    """The record form for one project; saves what the clerk changed (with the revision guard)."""
    record = store.record(kind, project_id)
    if record is None:
        return None
    form = RecordForm(store, schema.entity(kind), record, lang=lang, parent=parent)
    while (changes := form.ask()):
        try:
            return store.update(kind, project_id, changes, source="form",
                                expected_revision=int(record["revision"]))  # type: ignore[call-overload]
        except GzdeskError as error:  # busy, disk full, changed meanwhile: the form comes back with the input
            QMessageBox.warning(parent, QCoreApplication.translate("DrillDialog", "Cannot save"), error.message(lang))
    return None


class DrillDialog(QDialog):
    """``title`` and the projects (rids of list ``kind``) behind a bar; ``changed`` carries edits made here."""

    changed = Signal(object)

    def __init__(self, store: Store, kind: str, rids: Sequence[int], *, title: str, lang: str = "zh",
                 today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.kind, self.lang, self.today = store, kind, lang, today
        self.rids = list(rids)
        self.setWindowTitle(title)
        self.resize(1100, 560)
        remember(self, "drill")
        heading = QLabel(self.tr("{title}: {count:,} projects").format(title=title, count=len(self.rids)))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.model = FixedRecordsModel(store, kind, self.rids, lang=lang, parent=self)
        self.table = QTableView()
        self.table.setObjectName("projects")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setColumnWidth(0, 300)
        self.table.doubleClicked.connect(lambda index: self.open_project(index.row()))
        hint = QLabel(self.tr("Double-click a project to open it."))
        timeline = QPushButton(self.tr("Evaluations…"))
        timeline.clicked.connect(lambda: self.open_timeline(self.table.currentIndex().row()))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(hint)
        buttons.addStretch(1)
        buttons.addWidget(timeline)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def project_ids(self) -> list[str]:
        """The ids of the projects shown, in order."""
        return [str(row["id"]) for row in self.store.rows(self.kind, self.rids)]

    def open_project(self, row: int) -> None:
        project_id = self.model.record_id(row)
        if project_id is None:
            return
        change = edit_project(self, self.store, self.kind, project_id, lang=self.lang)
        if change is not None:
            self.model.reload()
            self.changed.emit(change)

    def open_timeline(self, row: int) -> None:
        project_id = self.model.record_id(row)
        if project_id is None:
            return
        dialog = TimelineDialog(self.store, self.kind, project_id, lang=self.lang, today=self.today, parent=self)
        dialog.changed.connect(self.changed)
        dialog.exec()
