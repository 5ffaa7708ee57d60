"""Set one field of the selected records to one value: choose the field, type or pick the value.

The value goes through the same coercion as the record form and an import (gzdesk.core.excel.coerce), so
"1.2亿" or "2026年3月" mean the same here; an empty value clears the field (not allowed for a required one).
``ask()`` returns ``(field key, value)`` or None.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import messages
from gzdesk.core.excel.coerce import coerce_value
from gzdesk.core.schema import Entity, Field
from gzdesk.core.store import Store
from gzdesk.ui.field_choices import field_choices
from gzdesk.ui.window_memory import remember

ERROR_STYLE = "border: 1px solid #d9534f; background: #fdf1f0;"


class BulkEditDialog(QDialog):
    """Choose a field of ``entity`` and the value to give it in ``count`` records."""

    def __init__(self, store: Store, entity: Entity, count: int, *, lang: str = "zh",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.entity, self.lang = store, entity, lang
        self.setWindowTitle(self.tr("Bulk edit"))
        self.intro = QLabel(self.tr("Give one field the same value in the {count:,} selected records of “{list}”.")
                            .format(count=count, list=entity.label(lang)))
        self.intro.setWordWrap(True)
        self.field_box = QComboBox()
        for field in entity.fields:
            self.field_box.addItem(field.header(lang), field.key)
        self.value_holder = QVBoxLayout()
        self.value_holder.setContentsMargins(0, 0, 0, 0)
        self.editor: QLineEdit | QComboBox = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37;")
        self.error.setWordWrap(True)
        holder = QWidget()
        holder.setLayout(self.value_holder)
        form = QFormLayout()
        form.addRow(self.tr("Field"), self.field_box)
        form.addRow(self.tr("New value"), holder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Apply"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 240)
        remember(self, "bulk_edit")
        self.field_box.currentIndexChanged.connect(self._field_chosen)
        self._field_chosen()

    @property
    def field(self) -> Field:
        return self.entity.field(str(self.field_box.currentData()))

    def choose_field(self, key: str) -> None:
        self.field_box.setCurrentIndex(self.field_box.findData(key))

    def _field_chosen(self) -> None:
        self.value_holder.removeWidget(self.editor)
        self.editor.deleteLater()
        self.editor = self._editor(self.field)
        self.value_holder.addWidget(self.editor)
        self.validate()

    def _editor(self, field: Field) -> QLineEdit | QComboBox:
        choices = field_choices(field, self.store, self.lang)
        if choices:
            combo = QComboBox()
            combo.addItem(self.tr("(empty)"), None)
            for label, value in choices:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(self.validate)
            return combo
        line = QLineEdit()
        line.setPlaceholderText(self.tr("Leave empty to clear the field"))
        if field.max_length:
            line.setMaxLength(field.max_length)
        line.textChanged.connect(self.validate)
        return line

    def value(self) -> tuple[object, str | None]:
        """(the typed value, the problem with it or None) — the rules of the form and of an import."""
        field = self.field
        if isinstance(self.editor, QComboBox):
            value: object = self.editor.currentData()
        else:
            text = self.editor.text()
            value = None
            if text.strip():
                result = coerce_value(field, text, unit=None, reference=self.store.reference)
                if result.problem is not None:
                    return None, messages.render(result.problem.code, self.lang,
                                                 **{**result.problem.params, "field": field.label(self.lang)})
                value = result.value
        if field.required and value is None:
            return None, messages.render("record.required", self.lang, field=field.label(self.lang))
        return value, None

    def validate(self) -> bool:
        _, problem = self.value()
        self.editor.setStyleSheet(ERROR_STYLE if problem else "")
        self.error.setText(problem or "")
        self.ok_button.setEnabled(problem is None)
        return problem is None

    def ask(self) -> tuple[str, object] | None:
        if self.exec() != QDialog.DialogCode.Accepted or not self.validate():
            return None
        return self.field.key, self.value()[0]
