"""Settings: this office (name and code), the evaluation rule, the language, automatic backups.

What belongs to the data is saved in the database — the office code (setting ``office_code``), the office's name
(its office record, which the workbooks' headings read), the judgement rule — so it travels with the file; the
language and the backup interval are this computer's (QSettings); pausing automatic backups is the core's marker
beside the database. ``ask()`` returns an :class:`AppSettings` (plain data) or None.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import backup
from gzdesk.core.evaluation.records import office_rule, set_office_rule
from gzdesk.core.office import set_office, this_office
from gzdesk.core.store import Store
from gzdesk.ui import preferences
from gzdesk.ui.window_memory import remember

HINT_STYLE = "color: #6c757d;"


@dataclass(frozen=True)
class AppSettings:
    office_name: str
    office_code: str
    rule: str  # "points" or "ratio"
    lang: str
    automatic_backups: bool
    backup_hours: int


def read_settings(store: Store, *, lang: str) -> AppSettings:
    office = this_office(store)
    return AppSettings(office.name, office.code, office_rule(store), lang, not backup.automatic_paused(store.path),
                       preferences.backup_interval_hours())


def save_settings(store: Store, before: AppSettings, after: AppSettings) -> None:
    """Save what changed (raises the store's error, e.g. for a read-only database, before saving anything else)."""
    if (after.office_code, after.office_name) != (before.office_code, before.office_name):
        set_office(store, code=after.office_code, name=after.office_name or None)
    if after.rule != before.rule:
        set_office_rule(store, after.rule)
    if after.automatic_backups != before.automatic_backups:
        (backup.resume_automatic if after.automatic_backups else backup.pause_automatic)(store.path)
    preferences.set_backup_interval_hours(after.backup_hours)
    preferences.remember_language(after.lang)


class SettingsDialog(QDialog):
    def __init__(self, current: AppSettings, *, read_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.addWidget(self._office_box(current))
        layout.addWidget(self._rule_box(current))
        layout.addWidget(self._general_box(current))
        if read_only:
            note = QLabel(self.tr("The database is read-only: only the language and the backup interval can change."))
            note.setWordWrap(True)
            layout.addWidget(note)
            for widget in (self.office_name, self.office_code, self.points, self.ratio, self.automatic):
                widget.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.office_code.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        remember(self, "settings")

    def _office_box(self, current: AppSettings) -> QGroupBox:
        box = QGroupBox(self.tr("This office"))
        form = QFormLayout(box)
        self.office_name = QLineEdit(current.office_name)
        self.office_name.setMaxLength(100)
        self.office_name.setPlaceholderText(self.tr("e.g. Huangpu District Investment Promotion Bureau"))
        self.office_code = QLineEdit(current.office_code)
        self.office_code.setMaxLength(32)
        form.addRow(self.tr("Office &name:"), self.office_name)
        form.addRow(self.tr("Office &code:"), self.office_code)
        hint = QLabel(self.tr("New records belong to this code, and workbooks sent to colleagues carry it. The name "
                              "heads the meeting workbook."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        form.addRow(hint)
        return box

    def _rule_box(self, current: AppSettings) -> QGroupBox:
        box = QGroupBox(self.tr("Progress evaluation: when a project is behind"))
        column = QVBoxLayout(box)
        self.points = QRadioButton(self.tr("By &points: 10 to 30 points below the time schedule is yellow, more "
                                           "than 30 below is red"))
        self.ratio = QRadioButton(self.tr("By &ratio: below 80% of the time schedule is yellow, below 60% is red"))
        group = QButtonGroup(self)
        for button in (self.points, self.ratio):
            group.addButton(button)
            column.addWidget(button)
        (self.ratio if current.rule == "ratio" else self.points).setChecked(True)
        hint = QLabel(self.tr("Completion is the share of the annual plan done so far; the time schedule is the "
                              "share of the year gone by. New evaluations are judged by this rule."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        column.addWidget(hint)
        return box

    def _general_box(self, current: AppSettings) -> QGroupBox:
        box = QGroupBox(self.tr("Language and backups"))
        form = QFormLayout(box)
        self.language = QComboBox()
        self.language.addItem(self.tr("Chinese"), "zh")
        self.language.addItem(self.tr("English"), "en")
        self.language.setCurrentIndex(max(0, self.language.findData(current.lang)))
        form.addRow(self.tr("&Language:"), self.language)
        self.automatic = QCheckBox(self.tr("&Back up automatically"))
        self.automatic.setChecked(current.automatic_backups)
        self.interval = QComboBox()
        for hours, label in ((1, self.tr("every hour")), (4, self.tr("every 4 hours")), (24, self.tr("once a day"))):
            self.interval.addItem(label, hours)
        self.interval.setCurrentIndex(max(0, self.interval.findData(current.backup_hours)))
        self.automatic.toggled.connect(self.interval.setEnabled)
        self.interval.setEnabled(current.automatic_backups)
        row = QHBoxLayout()
        row.addWidget(self.automatic)
        row.addWidget(self.interval)
        row.addStretch(1)
        form.addRow(self.tr("Backups:"), row)
        return box

    def choice(self) -> AppSettings:
        return replace(self.current, office_name=self.office_name.text().strip(),
                       office_code=self.office_code.text().strip(), rule="ratio" if self.ratio.isChecked() else "points",
                       lang=str(self.language.currentData()), automatic_backups=self.automatic.isChecked(),
                       backup_hours=int(self.interval.currentData()))

    def ask(self) -> AppSettings | None:
        return self.choice() if self.exec() == QDialog.DialogCode.Accepted else None
