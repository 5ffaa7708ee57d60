"""A record form generated from the schema: one editor per field, checked as the clerk types.

Typed text goes through the same coercion as imported cells (gzdesk.core.excel.coerce), so "1.2亿", "2026年3月" or a
full-width number mean the same in the form as in a workbook, and every rule (credit-code check digit, vocabulary,
required fields) is the core's. ``ask()`` returns the values to save, or None.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import messages
from gzdesk.core.excel.coerce import coerce_value
from gzdesk.core.records import is_blank
from gzdesk.core.schema import Entity, Field, FieldType
from gzdesk.core.store import Store
from gzdesk.ui.field_choices import field_choices
from gzdesk.ui.table_model import display
from gzdesk.ui.window_memory import remember

Editor = QLineEdit | QPlainTextEdit | QComboBox
ERROR_STYLE = "border: 1px solid #d9534f; background: #fdf1f0;"


class RecordForm(QDialog):
    """Edit one record of ``entity`` (``record`` None: a new one)."""

    def __init__(self, store: Store, entity: Entity, record: dict[str, object] | None = None, *, lang: str = "zh",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.entity, self.record, self.lang = store, entity, record, lang
        title = entity.label(lang)
        self.setWindowTitle((self.tr("Edit: {list}") if record else self.tr("New: {list}")).format(list=title))
        self.resize(640, 720)
        remember(self, f"record/{entity.key}")  # each list's form (and a milestone's, a problem's) has its own size
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for field in entity.fields:
            editor = self._editor(field)
            self.editors[field.key] = editor
            error = QLabel()
            error.setStyleSheet("color: #b02a37;")
            error.setVisible(False)
            self.errors[field.key] = error
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(editor)
            box.addWidget(error)
            holder = QWidget()
            holder.setLayout(box)
            form.addRow(field.header(lang) + (" *" if field.required else ""), holder)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.validate()

    def _editor(self, field: Field) -> Editor:
        current = self.record.get(field.key) if self.record else None
        choices = field_choices(field, self.store, self.lang)
        if choices:
            combo = QComboBox()
            combo.addItem("", None)
            for label, value in choices:
                combo.addItem(label, value)
            if current is not None:
                index = combo.findData(current)
                if index < 0:  # a value kept as written (or a clerk's own word): show it, keep it
                    combo.addItem(str(current), current)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
            combo.currentIndexChanged.connect(self.validate)
            return combo
        text = "" if is_blank(current) else display(field, current, self.store, self.lang).replace(",", "")
        if field.type is FieldType.LONG_TEXT:
            area = QPlainTextEdit(text)
            area.setFixedHeight(70)
            area.textChanged.connect(self.validate)
            return area
        line = QLineEdit(text)
        if field.max_length:
            line.setMaxLength(field.max_length)
        line.textChanged.connect(self.validate)
        return line

    def _raw(self, field: Field) -> object:
        editor = self.editors[field.key]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        return text if text.strip() else None

    def values(self) -> tuple[dict[str, object], dict[str, str]]:
        """(the typed values, the problems by field key) — the same rules an import applies."""
        values: dict[str, object] = {}
        problems: dict[str, str] = {}
        for field in self.entity.fields:
            raw = self._raw(field)
            editor = self.editors[field.key]
            if isinstance(editor, QComboBox) or raw is None:
                value: object = raw
            else:
                result = coerce_value(field, raw, unit=None, reference=self.store.reference)  # type: ignore[arg-type]
                if result.problem is not None:
                    problems[field.key] = messages.render(result.problem.code, self.lang,
                                                          **{**result.problem.params, "field": field.label(self.lang)})
                    continue
                value = result.value
            if field.required and is_blank(value):
                problems[field.key] = messages.render("record.required", self.lang, field=field.label(self.lang))
            values[field.key] = value
        return values, problems

    def validate(self) -> bool:
        _, problems = self.values()
        for key, editor in self.editors.items():
            editor.setStyleSheet(ERROR_STYLE if key in problems else "")
            self.errors[key].setText(problems.get(key, ""))
            self.errors[key].setVisible(key in problems)
        self.save_button.setEnabled(not problems)
        return not problems

    def changes(self) -> dict[str, object]:
        """The fields that differ from the record (all given fields for a new one)."""
        values, _ = self.values()
        if self.record is None:
            return {k: v for k, v in values.items() if not is_blank(v)}
        return {k: v for k, v in values.items() if self.record.get(k) != v and not (
            is_blank(self.record.get(k)) and is_blank(v))}

    def ask(self) -> dict[str, object] | None:
        return self.changes() if self.exec() == QDialog.DialogCode.Accepted and self.validate() else None
