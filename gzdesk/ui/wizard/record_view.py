"""One record of the preview: what the import would write, old → new, in red and green."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gzdesk.core import schema
from gzdesk.core.import_review import ImportReview
from gzdesk.core.records import is_blank
from gzdesk.ui.wizard.cells import (
    NEW_BACKGROUND,
    NEW_TEXT,
    OLD_BACKGROUND,
    OLD_TEXT,
    blank_text,
    fill,
    item,
    read_only_table,
    value_text,
)
from gzdesk.ui.wizard.preview_model import Entry

# How an evaluation names its project and a milestone or problem its evaluation: ids, said by the entry's name
LINKS = frozenset({"project_kind", "project_id", "evaluation_id"})


class RecordView(QWidget):
    """A new record's values, a changed record's fields (now → from the file), or why nothing changes."""

    def __init__(self, *, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = read_only_table([self.tr("Field"), self.tr("Now"), self.tr("After the import")])
        self.table.setSelectionMode(self.table.selectionMode().NoSelection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def show_entry(self, review: ImportReview, entry: Entry | None) -> None:
        if entry is None:
            self.heading.setText(self.tr("Choose a record on the left to see what the import does to it."))
            fill(self.table, [])
            return
        entity = schema.entity(entry.list_key)
        reference = review.reference
        rows: list[list[object]] = []
        if entry.kind == "new":
            self.heading.setText(self.tr("“{name}” is a new record (sheet “{sheet}”, row {row}).").format(
                name=entry.name, sheet=entry.sheet, row=entry.row))
            for field in entity.fields:
                value = entry.values.get(field.key)
                if not is_blank(value) and field.key not in LINKS:
                    rows.append([field.label(self.lang), "", self._new(value_text(field, value, reference, self.lang))])
        elif entry.update is not None:
            text = self.tr("“{name}”: {count} field(s) change (sheet “{sheet}”, row {row}).")
            if entry.kind == "held":
                text += " " + self.tr("This project is ours and the file does not answer one of our exports: its "
                                      "changes are applied only if you accept them below.")
            self.heading.setText(text.format(name=entry.name, count=len(entry.update.changes), sheet=entry.sheet,
                                             row=entry.row))
            for change in entry.update.changes:
                field = entity.field(change.field)
                rows.append([field.label(self.lang),
                             self._old(blank_text(value_text(field, change.ours, reference, self.lang))),
                             self._new(blank_text(value_text(field, change.theirs, reference, self.lang)))])
        elif entry.kind == "absent":
            self.heading.setText(self.tr("“{name}” was in the workbook we sent but is not in this file. Nothing is "
                                         "deleted.").format(name=entry.name))
        else:
            self.heading.setText(self.tr("“{name}” (sheet “{sheet}”, row {row}) matches the record here: nothing "
                                         "changes.").format(name=entry.name, sheet=entry.sheet, row=entry.row))
        fill(self.table, rows)  # type: ignore[arg-type]
        self.table.setColumnHidden(1, entry.kind == "new")  # a new record has no "now"
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, max(120, self.table.columnWidth(0)))
        self.table.setColumnWidth(1, 200)

    def _old(self, text: str) -> object:
        return item(text, background=OLD_BACKGROUND, foreground=OLD_TEXT)

    def _new(self, text: str) -> object:
        return item(text, background=NEW_BACKGROUND, foreground=NEW_TEXT)
