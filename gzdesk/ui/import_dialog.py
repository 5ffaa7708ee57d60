"""What an import would do, shown before anything is written; the clerk decides (``ask()`` returns plain data)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import messages, schema
from gzdesk.core.importer import ImportPlan

COUNT_LABELS = {
    "new": QT_TRANSLATE_NOOP("ImportDialog", "New"),
    "updated": QT_TRANSLATE_NOOP("ImportDialog", "Updated"),
    "unchanged": QT_TRANSLATE_NOOP("ImportDialog", "Unchanged"),
    "conflicts": QT_TRANSLATE_NOOP("ImportDialog", "Conflicts"),
    "held": QT_TRANSLATE_NOOP("ImportDialog", "Held for review"),
    "invalid": QT_TRANSLATE_NOOP("ImportDialog", "Invalid rows"),
    "duplicates": QT_TRANSLATE_NOOP("ImportDialog", "Duplicate rows (merged)"),
    "not_in_file": QT_TRANSLATE_NOOP("ImportDialog", "Not in file"),
}


@dataclass(frozen=True)
class ImportDecision:
    apply: bool
    skip_invalid: bool = False
    on_conflict: str = "fail"
    accept_foreign: bool = False


class ImportDialog(QDialog):
    """Counts, tables found, every problem, and the choices the plan needs."""

    def __init__(self, plan: ImportPlan, *, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Import “{name}”").format(name=plan.file_name))
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        for table in plan.tables:
            layout.addWidget(QLabel(self.tr(
                "Sheet “{sheet}”: {list}, header row(s) {header}, {data:,} data rows, {skipped:,} skipped").format(
                sheet=table.sheet_name, list=schema.entity(table.list_key).label(lang),
                header=self.tr(", ").join(map(str, table.header_rows)), data=len(table.data_rows),
                skipped=len(table.skipped))))
        counts = plan.counts()
        form = QFormLayout()
        for key, label in COUNT_LABELS.items():
            if counts[key] or key in ("new", "updated", "unchanged"):
                form.addRow(self.tr("{label}:").format(label=self.tr(str(label))), QLabel(f"{counts[key]:,}"))
        layout.addLayout(form)
        if plan.already_imported is not None:
            layout.addWidget(QLabel(messages.render("batch.already_imported", lang,
                                                    at=plan.already_imported.started_at,
                                                    batch=plan.already_imported.id)))
        self.problems = QListWidget()
        self.problems.addItems([p.message(lang) for p in plan.problems])
        self.problems.setVisible(bool(plan.problems))
        layout.addWidget(self.problems)
        self.skip_invalid = QCheckBox(self.tr("Skip the invalid rows, import the rest"))
        self.skip_invalid.setVisible(bool(plan.invalid_rows))
        layout.addWidget(self.skip_invalid)
        self.on_conflict = QComboBox()
        for value, label in (("fail", self.tr("Stop on conflicts")),
                             ("keep-mine", self.tr("Conflicts: keep mine")),
                             ("take-theirs", self.tr("Conflicts: take theirs"))):
            self.on_conflict.addItem(label, value)
        self.on_conflict.setVisible(bool(plan.conflicts))
        layout.addWidget(self.on_conflict)
        self.accept_foreign = QCheckBox(self.tr("Also accept changes to our own projects (audited)"))
        self.accept_foreign.setVisible(counts["held"] > 0)
        layout.addWidget(self.accept_foreign)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Import"))
        self.skip_invalid.toggled.connect(self._refresh_ok)
        self.on_conflict.currentIndexChanged.connect(self._refresh_ok)
        self._refresh_ok()
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _refresh_ok(self) -> None:
        """Import is possible only once every decision the plan needs has been made."""
        plan = self.plan
        self.ok.setEnabled(plan.already_imported is None and bool(plan.new or plan.updates)
                           and (not plan.invalid_rows or self.skip_invalid.isChecked())
                           and (not plan.conflicts or self.on_conflict.currentData() != "fail"))

    def decision(self, accepted: bool) -> ImportDecision:
        if not accepted:
            return ImportDecision(apply=False)
        return ImportDecision(True, self.skip_invalid.isChecked(), str(self.on_conflict.currentData()),
                              self.accept_foreign.isChecked())

    def ask(self) -> ImportDecision:
        return self.decision(self.exec() == QDialog.DialogCode.Accepted)
