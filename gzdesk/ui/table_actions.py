"""What the clerk does with the selected rows of the list table: delete them, give one field a value in all of
them (bulk edit), copy them for Excel or WPS. Deletes and bulk edits go through the edit history (one undo step
each); the questions go through ``confirm`` and ``ask_bulk_edit`` so tests answer them with plain data."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QTableView, QWidget

from gzdesk.core.audit import ChangeSet
from gzdesk.core.clipboard_text import tab_separated
from gzdesk.core.edits import DeleteRecords, UpdateRecords
from gzdesk.core.errors import GzdeskError
from gzdesk.ui.bulk_edit import BulkEditDialog
from gzdesk.ui.edit_commands import EditHistory
from gzdesk.ui.table_model import RecordTableModel, display

COPY_LIMIT = 100_000  # more rows than this: the export is the right tool


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class TableActions(QObject):
    """Delete (Del), Bulk edit… and Copy (Ctrl+C) for ``table``'s selected rows; ``history`` records the edits."""

    def __init__(self, parent: QWidget, table: QTableView, history: EditHistory) -> None:
        super().__init__(parent)
        self.window, self.table, self.history = parent, table, history
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask_yes_no(self.window, title, text)
        self.ask_bulk_edit: Callable[[BulkEditDialog], tuple[str, object] | None] = BulkEditDialog.ask
        self.inform: Callable[[str, str], object] = lambda title, text: QMessageBox.information(
            self.window, title, text)
        self.warn: Callable[[str, str], object] = lambda title, text: QMessageBox.warning(self.window, title, text)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.delete_action = self._action(self.tr("Delete selected records…"), self.delete_selected,
                                          QKeySequence.StandardKey.Delete)
        self.bulk_edit_action = self._action(self.tr("Bulk edit selected records…"), self.bulk_edit_selected)
        self.copy_action = self._action(self.tr("Copy selected rows"), self.copy_selected, QKeySequence.StandardKey.Copy)

    def _action(self, text: str, slot: Callable[[], object],
                keys: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
        # the keys work in the table only: Del and Ctrl+C in the search box stay the search box's
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: slot())
        self.table.addAction(action)
        return action

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addActions([self.copy_action, self.delete_action, self.bulk_edit_action])

    @property
    def model(self) -> RecordTableModel:
        model = self.table.model()
        assert isinstance(model, RecordTableModel)
        return model

    def selected_rows(self) -> list[int]:
        """The selected rows, top to bottom (read from the selection's ranges: fast for a million rows)."""
        rows: set[int] = set()
        selection = self.table.selectionModel().selection()
        for position in range(selection.count()):
            selected = selection.at(position)
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def delete_selected(self) -> ChangeSet | None:
        model, rows = self.model, self.selected_rows()
        if not rows:
            return None
        records = model.records(rows)
        if len(records) == 1:
            text = self.tr("Delete “{name}”?").format(name=_name(records[0]))
        else:
            text = self.tr("Delete the {count:,} selected records?").format(count=len(records))
        if not records or not self.confirm(self.tr("Delete records"), text + "\n" + self.tr("Undo (Ctrl+Z) brings them back.")):
            return None
        edit = DeleteRecords(model.entity.key, [str(r["id"]) for r in records],
                             revisions={str(r["id"]): int(r["revision"]) for r in records})  # type: ignore[call-overload]
        label = (self.tr("Delete “{name}”").format(name=_name(records[0])) if len(records) == 1
                 else self.tr("Delete {count:,} records").format(count=len(records)))
        return self._run(edit, label, self.tr("Cannot delete"))

    def bulk_edit_selected(self) -> ChangeSet | None:
        model, rows = self.model, self.selected_rows()
        if not rows:
            self.inform(self.tr("Bulk edit"), self.tr("Select the records to change first."))
            return None
        dialog = BulkEditDialog(model.store, model.entity, len(rows), lang=model.lang, parent=self.window)
        chosen = self.ask_bulk_edit(dialog)
        if chosen is None:
            return None
        key, value = chosen
        records = model.records(rows)
        edit = UpdateRecords(model.entity.key, records, {str(r["id"]): {key: value} for r in records}, source="bulk")
        label = self.tr("Set “{field}” in {count:,} records").format(
            field=model.entity.field(key).label(model.lang), count=len(records))
        return self._run(edit, label, self.tr("Cannot change the records"))

    def _run(self, edit: DeleteRecords | UpdateRecords, label: str, failure: str) -> ChangeSet | None:
        try:
            return self.history.run(edit, label)
        except GzdeskError as error:
            self.warn(failure, error.message(self.model.lang) + "\n" + self.tr("Nothing was changed."))
            return None

    def copy_selected(self) -> str:
        """Put the selected rows on the clipboard as tab-separated text with a header line (visible columns in
        their order, values as shown); returns the text."""
        model, rows = self.model, self.selected_rows()
        if not rows:
            return ""
        if len(rows) > COPY_LIMIT:
            self.inform(self.tr("Copy"), self.tr("{count:,} rows are too many to copy; export a workbook instead "
                                                 "(File menu).").format(count=len(rows)))
            return ""
        header = self.table.horizontalHeader()
        columns = [header.logicalIndex(visual) for visual in range(header.count())]
        columns = [column for column in columns if not header.isSectionHidden(column)]
        fields = [model.fields[column] for column in columns]
        titles = [field.header(model.lang) for field in fields]
        lines = ([display(field, record.get(field.key), model.store, model.lang) for field in fields]
                 for record in model.records(rows))
        text = tab_separated(titles, lines)
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Copied {count:,} rows").format(count=len(rows)), 5000)
        return text


def _name(record: dict[str, object]) -> str:
    return str(record.get("name") or record.get("id"))
