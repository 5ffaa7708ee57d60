"""One record with conflicts: per field the value as sent (base), theirs (the file) and mine (this database), and
the clerk's choice — keep mine, take theirs, or type the value to write.

Choices live in :class:`ConflictChoices` (kept by the preview page across records and re-plans); a typed value
goes through the import's own coercion, so "1.2亿" or "2026年3月" mean here what they mean in a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from gzdesk.core import messages, schema
from gzdesk.core.excel.coerce import coerce_value
from gzdesk.core.exchange.diff import Decision
from gzdesk.core.import_review import ImportReview
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Field
from gzdesk.ui.wizard.cells import (
    HIGHLIGHT_STYLE,
    NEW_BACKGROUND,
    NEW_TEXT,
    OLD_BACKGROUND,
    OLD_TEXT,
    blank_text,
    item,
    read_only_table,
    value_text,
)
from gzdesk.ui.wizard.preview_model import Entry

FIELD, BASE, THEIRS, MINE, CHOICE, EDIT = range(6)
PICKS = ("mine", "theirs", "edit")


@dataclass
class ConflictChoices:
    """The clerk's pick per (record id, field): "mine", "theirs" or "edit" with the typed text."""

    picks: dict[tuple[str, str], str] = field(default_factory=dict)
    texts: dict[tuple[str, str], str] = field(default_factory=dict)

    def resolved(self, key: tuple[str, str], field_: Field, reference: Reference) -> tuple[bool, object]:
        """(decided?, the choice for apply_import: "mine", "theirs" or the typed value as the field takes it)."""
        pick = self.picks.get(key)
        if pick in ("mine", "theirs"):
            return True, pick
        text = self.texts.get(key, "").strip()
        if pick != "edit" or not text:
            return False, None
        result = coerce_value(field_, text, unit=None, reference=reference)
        return (False, None) if result.problem is not None else (True, result.value)

    def problem(self, key: tuple[str, str], field_: Field, reference: Reference, lang: str) -> str | None:
        text = self.texts.get(key, "").strip()
        if self.picks.get(key) != "edit" or not text:
            return None
        result = coerce_value(field_, text, unit=None, reference=reference)
        if result.problem is None:
            return None
        return messages.render(result.problem.code, lang, **{**result.problem.params, "field": field_.label(lang)})


class ConflictView(QWidget):
    """The conflicting fields of one record with a choice each; the record's other changes are listed too."""

    changed = Signal()

    def __init__(self, choices: ConflictChoices, *, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.choices = choices
        self.review: ImportReview | None = None
        self.entry: Entry | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = read_only_table([self.tr("Field"), self.tr("As sent"), self.tr("Theirs (the file)"),
                                      self.tr("Mine (here)"), self.tr("Your choice"), self.tr("Value to write")])
        self.table.setSelectionMode(self.table.selectionMode().NoSelection)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setAutoScroll(False)
        self.table.horizontalHeader().setSectionResizeMode(EDIT, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        self.editors: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def show_entry(self, review: ImportReview, entry: Entry) -> None:
        assert entry.update is not None and entry.record_id is not None
        self.review, self.entry = review, entry
        update = entry.update
        entity = schema.entity(entry.list_key)
        self.heading.setText(self.tr(
            "“{name}” (sheet “{sheet}”, row {row}) was changed both here and in the file since we sent it. Choose "
            "for each field in conflict which value to keep.").format(name=entry.name, sheet=entry.sheet,
                                                                     row=entry.row))
        self.combos.clear()
        self.editors.clear()
        self.table.setRowCount(0)
        self.table.setRowCount(len(update.changes))
        changes = sorted(update.changes, key=lambda c: c.decision is not Decision.CONFLICT)
        for r, change in enumerate(changes):
            field_ = entity.field(change.field)
            shown = [blank_text(value_text(field_, value, review.reference, self.lang))
                     for value in (change.base, change.theirs, change.ours)]
            self.table.setItem(r, FIELD, item(field_.label(self.lang)))
            self.table.setItem(r, BASE, item(shown[0] if change.has_base else ""))
            self.table.setItem(r, THEIRS, item(shown[1], background=NEW_BACKGROUND, foreground=NEW_TEXT))
            if change.decision is Decision.CONFLICT:
                self.table.setItem(r, MINE, item(shown[2], background=OLD_BACKGROUND, foreground=OLD_TEXT))
                self.table.setCellWidget(r, CHOICE, self._combo(entry.record_id, change.field))
                self.table.setCellWidget(r, EDIT, self._editor(entry.record_id, field_))
            else:
                self.table.setItem(r, MINE, item(shown[2]))
                self.table.setItem(r, CHOICE, item(self.tr("Taken from the file"),
                                                   tooltip=self.tr("Changed only in the file: taken from the file")))
        self.table.resizeColumnToContents(FIELD)
        for column, width in ((BASE, 90), (THEIRS, 105), (MINE, 105), (CHOICE, 150)):
            self.table.setColumnWidth(column, width)
        self._refresh()

    def _combo(self, record_id: str, field_key: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("Choose…"), None)
        combo.addItem(self.tr("Keep mine"), "mine")
        combo.addItem(self.tr("Take theirs"), "theirs")
        combo.addItem(self.tr("Type a value"), "edit")
        pick = self.choices.picks.get((record_id, field_key))
        combo.setCurrentIndex(max(0, combo.findData(pick)) if pick else 0)
        combo.activated.connect(lambda _=0, key=field_key: self._picked(key))
        self.combos[field_key] = combo
        return combo

    def _editor(self, record_id: str, field_: Field) -> QLineEdit:
        editor = QLineEdit(self.choices.texts.get((record_id, field_.key), ""))
        editor.setPlaceholderText(self.tr("type the value"))
        editor.textChanged.connect(lambda text, key=field_.key: self._typed(key, text))
        self.editors[field_.key] = editor
        return editor

    def pick(self, field_key: str, pick: str, text: str = "") -> None:
        """Choose "mine", "theirs" or "edit" (with ``text``) for one field — what the clerk does with the mouse."""
        combo = self.combos[field_key]
        combo.setCurrentIndex(combo.findData(pick))
        combo.activated.emit(combo.currentIndex())
        if pick == "edit":
            self.editors[field_key].setText(text)

    def _picked(self, field_key: str) -> None:
        assert self.entry is not None and self.entry.record_id is not None
        key = (self.entry.record_id, field_key)
        pick = self.combos[field_key].currentData()
        if pick is None:
            self.choices.picks.pop(key, None)
        else:
            self.choices.picks[key] = str(pick)
        self._refresh()
        if pick == "edit":
            self.editors[field_key].setFocus()
        self.changed.emit()

    def _typed(self, field_key: str, text: str) -> None:
        assert self.entry is not None and self.entry.record_id is not None
        self.choices.texts[(self.entry.record_id, field_key)] = text
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        """Editors are open only for "type a value"; a value the field cannot take is marked with the reason."""
        if self.entry is None or self.review is None or self.entry.record_id is None:
            return
        entity = schema.entity(self.entry.list_key)
        for field_key, editor in self.editors.items():
            key = (self.entry.record_id, field_key)
            editing = self.choices.picks.get(key) == "edit"
            editor.setEnabled(editing)
            problem = self.choices.problem(key, entity.field(field_key), self.review.reference, self.lang)
            editor.setStyleSheet(HIGHLIGHT_STYLE if problem else "")
            editor.setToolTip(problem or "")
