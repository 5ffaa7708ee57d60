"""What to export: the exchange or the meeting workbook, which lists, all records or what the tables show, where.

``ask()`` returns an :class:`ExportChoice` (plain data) or None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import schema
from gzdesk.ui.window_memory import remember

PURPOSES = ("exchange", "meeting")


@dataclass(frozen=True)
class ListCount:
    """A list's records: all of them, and those its table shows now (search and filters)."""

    kind: str
    total: int
    shown: int


@dataclass(frozen=True)
class ExportChoice:
    purpose: str  # "exchange" or "meeting"
    lists: tuple[str, ...]
    filtered: bool  # only what the tables show (each list's search and filters)
    path: Path


class ExportDialog(QDialog):
    """Opened preset to ``purpose``; with a filtered current list, preset to that list as the table shows it."""

    def __init__(self, *, purpose: str, counts: Sequence[ListCount], current_kind: str | None, folder: str,
                 lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.counts = {count.kind: count for count in counts}
        self.folder = folder
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        records = self._records_box(current_kind)  # first: the lists' preset depends on it
        for box in (self._purpose_box(purpose), self._lists_box(current_kind), records, self._target_box()):
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._refresh()
        remember(self, "export")

    def _purpose_box(self, purpose: str) -> QGroupBox:
        box = QGroupBox(self.tr("Workbook"))
        column = QVBoxLayout(box)
        self.purpose_buttons = QButtonGroup(self)
        self.exchange = QRadioButton(self.tr("E&xchange workbook: a colleague edits it and sends it back"))
        self.meeting = QRadioButton(self.tr("&Meeting workbook: summary and one sheet per list, ready to print"))
        for button in (self.exchange, self.meeting):
            self.purpose_buttons.addButton(button)
            column.addWidget(button)
        (self.meeting if purpose == "meeting" else self.exchange).setChecked(True)
        self.purpose_buttons.buttonToggled.connect(self._purpose_changed)
        return box

    def _records_box(self, current_kind: str | None) -> QGroupBox:
        box = QGroupBox(self.tr("Records"))
        column = QVBoxLayout(box)
        self.all_records = QRadioButton(self.tr("&All records"))
        self.filtered = QRadioButton(self.tr("Only what the tables show now (&current search and filters)"))
        group = QButtonGroup(self)
        for button in (self.all_records, self.filtered):
            group.addButton(button)
            column.addWidget(button)
        any_filter = any(c.shown != c.total for c in self.counts.values())
        self.filtered.setEnabled(any_filter)
        current = self.counts.get(current_kind or "")
        (self.filtered if current is not None and current.shown != current.total else self.all_records).setChecked(True)
        group.buttonToggled.connect(self._refresh)
        return box

    def _lists_box(self, current_kind: str | None) -> QGroupBox:
        box = QGroupBox(self.tr("Lists"))
        column = QVBoxLayout(box)
        self.list_boxes: dict[str, QCheckBox] = {}
        only_current = self.filtered.isChecked()
        for kind in schema.LIST_KEYS:
            check = QCheckBox()
            check.setChecked(kind == current_kind if only_current else True)
            check.toggled.connect(self._refresh)
            self.list_boxes[kind] = check
            column.addWidget(check)
        return box

    def _target_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Save to"))
        row = QHBoxLayout(box)
        self.path = QLineEdit(str(Path(self.folder) / self._default_name()))
        self.path.textChanged.connect(self._refresh)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        return box

    def _default_name(self) -> str:
        stem = self.tr("Exchange workbook") if self.purpose() == "exchange" else self.tr("Meeting workbook")
        return f"{stem}-{dt.date.today():%Y%m%d}.xlsx"

    def _purpose_changed(self) -> None:
        current = Path(self.path.text())
        other = self.tr("Meeting workbook") if self.purpose() == "exchange" else self.tr("Exchange workbook")
        if current.name.startswith(other + "-"):  # still our suggestion: follow the choice
            self.path.setText(str(current.with_name(self._default_name())))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text(),
                                                self.tr("Excel workbook (*.xlsx)"))
        if chosen:
            self.path.setText(chosen)

    def _refresh(self) -> None:
        filtered = self.filtered.isChecked()
        for kind, check in self.list_boxes.items():
            count = self.counts.get(kind, ListCount(kind, 0, 0))
            check.setText(self.tr("{list} ({count:,} records)").format(
                list=schema.entity(kind).label(self.lang), count=count.shown if filtered else count.total))
        self.ok.setEnabled(bool(self.lists()) and bool(self.path.text().strip()))

    def purpose(self) -> str:
        return "meeting" if self.meeting.isChecked() else "exchange"

    def lists(self) -> tuple[str, ...]:
        return tuple(kind for kind, check in self.list_boxes.items() if check.isChecked())

    def choice(self) -> ExportChoice:
        text = self.path.text().strip()
        path = Path(text if text.lower().endswith(".xlsx") else text + ".xlsx").expanduser()
        return ExportChoice(self.purpose(), self.lists(), self.filtered.isChecked(), path)

    def accept(self) -> None:
        path = self.choice().path
        if path.exists() and QMessageBox.question(
                self, self.tr("Export"), self.tr("“{name}” exists. Replace it?").format(name=path.name)
        ) != QMessageBox.StandardButton.Yes:
            return
        super().accept()

    def ask(self) -> ExportChoice | None:
        return self.choice() if self.exec() == QDialog.DialogCode.Accepted else None
