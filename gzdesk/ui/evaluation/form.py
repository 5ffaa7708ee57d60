"""Add or edit one evaluation of a project: the numbers, checked as typed, the judgement the rule gives right away,
and the clerk's override, which needs a reason.

``ask()`` returns what to save — every value for a new evaluation, the changed ones for an existing one — or None.
Typed amounts go through the import coercion ("1.2亿", full-width digits), as in the record form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import messages, schema
from gzdesk.core.evaluation import records, rounds
from gzdesk.core.evaluation.judgement import assess
from gzdesk.core.evaluation.periods import Period, parse_period, period_containing
from gzdesk.core.excel.coerce import coerce_value
from gzdesk.core.records import is_blank
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels
from gzdesk.ui.evaluation.period_picker import PeriodPicker
from gzdesk.ui.record_form import ERROR_STYLE
from gzdesk.ui.window_memory import remember

MONEY_FIELDS = ("planned_this_period", "done_this_period", "annual_plan", "done_ytd", "done_since_start",
                "funds_arrived")
TEXT_FIELDS = ("reported_on", "reporter")
LONG_FIELDS = ("progress_text", "next_steps")
Editor = QLineEdit | QPlainTextEdit


class EvaluationForm(QDialog):
    """One evaluation of ``project`` (a record of list ``kind``); ``evaluation`` None: a new one."""

    def __init__(self, store: Store, kind: str, project: Mapping[str, object],
                 evaluation: Mapping[str, object] | None = None, *, lang: str = "zh",
                 today: dt.date | None = None, defaults: Mapping[str, object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.defaults = dict(defaults or {})
        self.store, self.kind, self.project, self.evaluation, self.lang = store, kind, project, evaluation, lang
        self.today = today or dt.date.today()
        self.entity = schema.entity(records.ENTITY)
        self.setWindowTitle((self.tr("Edit evaluation: {name}") if evaluation else
                             self.tr("New evaluation: {name}")).format(name=project.get("name")))
        self.resize(620, 740)
        remember(self, "evaluation_form")
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        heading = QLabel(f"{project.get('name')} · {labels.list_name(kind, lang)}")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        form.addRow(heading)
        self.picker: PeriodPicker | None = None
        if evaluation is None:
            self.picker = PeriodPicker(lang=lang, today=self.today)
            self._first_free_period()
            self.picker.changed.connect(lambda _: self.validate())
            form.addRow(self.entity.field("period").label(lang), self._with_error("period", self.picker))
        else:
            form.addRow(self.entity.field("period").label(lang),
                        QLabel(labels.period_label(str(evaluation["period"]), lang)))
        for key in TEXT_FIELDS:
            form.addRow(self.entity.field(key).header(lang), self._with_error(key, self._line(key)))
        self.stage = QComboBox()
        vocabulary = schema.entity(kind).field("stage").vocabulary
        for value in vocabulary.values if vocabulary else ():
            self.stage.addItem(labels.stage_name(kind, value, lang), value)
        current_stage = (evaluation or {}).get("stage_to") or project.get("stage")
        if current_stage is not None and self.stage.findData(current_stage) < 0:
            self.stage.addItem(str(current_stage), current_stage)
        self.stage.setCurrentIndex(max(0, self.stage.findData(current_stage)))
        form.addRow(self.entity.field("stage_to").label(lang), self.stage)
        for key in MONEY_FIELDS:
            form.addRow(self.entity.field(key).header(lang), self._with_error(key, self._line(key)))
        for key in LONG_FIELDS:
            area = QPlainTextEdit(str((evaluation or {}).get(key) or ""))
            area.setFixedHeight(56)
            self.editors[key] = area
            form.addRow(self.entity.field(key).label(lang), area)
        self.verdict_dot = QLabel()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_dot)
        verdict_row.addWidget(self.verdict, 1)
        form.addRow(self.tr("By the rule"), verdict_row)
        self.override = self._override_box()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.override)
        layout.addStretch(1)
        layout.addWidget(buttons)
        for editor in self.editors.values():
            editor.textChanged.connect(self.validate)
        self.stage.currentIndexChanged.connect(self.validate)
        self.validate()

    # ------------------------------------------------------------------------------------------ building
    def _initial_text(self, key: str) -> str:
        if self.evaluation is not None:
            value = self.evaluation.get(key)
        elif key == "reported_on":
            value = self.today.isoformat()
        else:
            value = self.defaults.get(key)
        if is_blank(value):
            return ""
        return labels.money(value).replace(",", "") if key in MONEY_FIELDS else str(value)

    def _line(self, key: str) -> QLineEdit:
        line = QLineEdit(self._initial_text(key))
        self.editors[key] = line
        return line

    def _with_error(self, key: str, editor: QWidget) -> QWidget:
        error = QLabel()
        error.setStyleSheet("color: #b02a37;")
        error.setWordWrap(True)
        error.setVisible(False)
        self.errors[key] = error
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(error)
        holder = QWidget()
        holder.setLayout(box)
        return holder

    def _override_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Override the rule's judgement"))
        box.setCheckable(True)
        current = self.evaluation or {}
        box.setChecked(bool(str(current.get("override_reason") or "").strip()))
        self.judgement = QComboBox()
        self.light = QComboBox()
        for combo, key, show in ((self.judgement, "judgement", labels.judgement_text),
                                 (self.light, "light", labels.light_name)):
            combo.addItem("", None)
            vocabulary = self.entity.field(key).vocabulary
            for value in vocabulary.values if vocabulary else ():
                combo.addItem(show(value, self.lang), value)
            if box.isChecked():
                combo.setCurrentIndex(max(0, combo.findData(current.get(key))))
            combo.currentIndexChanged.connect(self.validate)
        for value in labels.LIGHTS:
            self.light.setItemIcon(self.light.findData(value), labels.light_dot(value))
        self.reason = QPlainTextEdit(str(current.get("override_reason") or ""))
        self.reason.setFixedHeight(56)
        self.reason.textChanged.connect(self.validate)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.entity.field("judgement").label(self.lang)))
        row.addWidget(self.judgement, 1)
        row.addWidget(QLabel(self.entity.field("light").label(self.lang)))
        row.addWidget(self.light, 1)
        inner = QFormLayout(box)
        inner.addRow(row)
        inner.addRow(self.entity.field("override_reason").label(self.lang) + " *",
                     self._with_error("override_reason", self.reason))
        box.toggled.connect(lambda _: self.validate())
        return box

    def _first_free_period(self) -> None:
        """Start on the due month, or the month after it when the due month is already reported."""
        assert self.picker is not None
        due = self.picker.period()
        for candidate in (due, period_containing(self.today, "month")):
            if records.existing_id(self.store, str(self.project["id"]), str(candidate)) is None:
                if candidate != due:
                    self.picker.set_period(candidate)
                return

    # ------------------------------------------------------------------------------------------ reading
    def period(self) -> Period:
        if self.picker is not None:
            return self.picker.period()
        assert self.evaluation is not None
        return parse_period(self.evaluation["period"])

    def values(self) -> tuple[dict[str, object], dict[str, str]]:
        """(every value as typed, the problems by field key)."""
        values: dict[str, object] = {}
        problems: dict[str, str] = {}
        for key in (*TEXT_FIELDS, *MONEY_FIELDS):
            editor = self.editors[key]
            assert isinstance(editor, QLineEdit)
            text = editor.text().strip()
            if not text:
                values[key] = None
                continue
            field = self.entity.field(key)
            result = coerce_value(field, text, unit=None, reference=self.store.reference)
            if result.problem is not None:
                problems[key] = messages.render(result.problem.code, self.lang,
                                                **{**result.problem.params, "field": field.label(self.lang)})
            else:
                values[key] = result.value
        for key in LONG_FIELDS:
            editor = self.editors[key]
            assert isinstance(editor, QPlainTextEdit)
            values[key] = editor.toPlainText().strip() or None
        values["stage_to"] = self.stage.currentData()
        for problem in rounds.check_entry(values):
            problems.setdefault(problem.field, problem.message(self.lang))
        if self.evaluation is None:
            values["period"] = str(self.period())
            if records.existing_id(self.store, str(self.project["id"]), str(self.period())) is not None:
                problems["period"] = self.tr("This project already has an evaluation for {period}: edit that one "
                                             "instead.").format(period=labels.period_label(self.period(), self.lang))
        overridden = self.override.isChecked()
        values["judgement"] = self.judgement.currentData() if overridden else None
        values["light"] = self.light.currentData() if overridden else None
        values["override_reason"] = self.reason.toPlainText().strip() or None if overridden else None
        if overridden and not values["override_reason"]:
            problems["override_reason"] = messages.render("evaluation.reason_required", self.lang)
        elif overridden and values["judgement"] is None and values["light"] is None:
            problems["override_reason"] = self.tr("Choose the judgement or the light you give instead of the "
                                                  "rule's.")
        return values, problems

    def validate(self) -> bool:
        values, problems = self.values()
        for key, error in self.errors.items():
            error.setText(problems.get(key, ""))
            error.setVisible(key in problems)
            editor = self.editors.get(key)
            if editor is not None:
                editor.setStyleSheet(ERROR_STYLE if key in problems else "")
        self.save_button.setEnabled(not problems)
        self._show_verdict(values)
        return not problems

    def _show_verdict(self, values: Mapping[str, object]) -> None:
        period = self.period()
        verdict = assess(annual_plan=values.get("annual_plan"), done_ytd=values.get("done_ytd"), period=period,
                         start_month=records.start_month(self.kind, self.project, period),
                         rule=records.office_rule(self.store))
        if verdict.judged:
            text = self.tr("{judgement}: {completion} of the annual plan done, schedule {schedule}").format(
                judgement=labels.judgement_text(verdict.judgement, self.lang),
                completion=labels.percent(verdict.completion), schedule=labels.percent(verdict.schedule))
        else:
            text = messages.render(verdict.reason or "", self.lang)
        self.verdict_dot.setPixmap(labels.light_dot(verdict.light).pixmap(14, 14))
        self.verdict.setText(text)

    def changes(self) -> dict[str, object]:
        """What to save: every given value for a new evaluation; for an existing one the changed values (and the
        override's three fields whenever the override is on or was on)."""
        values, _ = self.values()
        if self.evaluation is None:
            return {key: value for key, value in values.items() if not is_blank(value)}
        current = self.evaluation
        changed = {key: value for key, value in values.items()
                   if key not in records.OVERRIDE_FIELDS and key != "override_reason"
                   and current.get(key) != value and not (is_blank(current.get(key)) and is_blank(value))}
        if self.override.isChecked():
            changed.update({key: values[key] for key in (*records.OVERRIDE_FIELDS, "override_reason")})
        elif str(current.get("override_reason") or "").strip():
            changed["override_reason"] = None
        return changed

    def ask(self) -> dict[str, object] | None:
        return self.changes() if self.exec() == QDialog.DialogCode.Accepted and self.validate() else None
