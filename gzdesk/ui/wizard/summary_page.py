"""Wizard page 6: what the import did, and "undo this import"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gzdesk.core import messages, schema
from gzdesk.core.importer import ImportReport


class SummaryPage(QWidget):
    """Counts of what was written, where the backup is, and the way back."""

    undo_requested = Signal(str)  # the import's batch id

    def __init__(self, *, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.batch: str | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.undo = QPushButton(self.tr("Undo this import"))
        self.undo.clicked.connect(lambda: self.undo_requested.emit(self.batch or ""))
        self.undo_hint = QLabel(self.tr("Undo puts back every value this import changed and removes the records it "
                                        "added; it asks first if any of them was edited since."))
        self.undo_hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addWidget(self.undo_hint)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Done")

    def show_report(self, report: ImportReport, *, skipped: int, resolved: int) -> None:
        self.batch = report.batch
        plan = report.plan
        while self.form.rowCount():
            self.form.removeRow(0)
        if report.no_op:
            self.heading.setText(messages.render("batch.already_imported", self.lang, at=plan.already_imported.started_at,
                                                 batch=plan.already_imported.id) if plan.already_imported else
                                 self.tr("Nothing was imported: the file brings no changes this database takes."))
        else:
            self.heading.setText(self.tr("“{file}” was imported.").format(file=plan.file_name))
            updates = (*plan.updates, *plan.evaluations.updates)
            held = sum(1 for u in updates if u.held)
            accepted = held and any(u.record_id in ids for u in updates if u.held for ids in report.updated.values())
            lists = set(schema.LIST_KEYS)
            rows = [(self.tr("New records"), sum(len(v) for k, v in report.created.items() if k in lists)),
                    (self.tr("Records updated"), sum(len(v) for k, v in report.updated.items() if k in lists)),
                    (self.tr("Unchanged"), len(plan.matched)),
                    (self.tr("Conflicts resolved by you"), resolved),
                    (self.tr("Invalid rows skipped"), skipped),
                    (self.tr("Held for review, not applied"), 0 if accepted else held),
                    (self.tr("Not in the file (nothing deleted)"), len(plan.not_in_file))]
            for n, (label, count) in enumerate(rows):
                if n >= 3 and not count:  # new, updated and unchanged always; the rest when they happened
                    continue
                self.form.addRow(self.tr("{label}:").format(label=label), QLabel(f"{count:,}"))
            self._evaluation_rows(report)
            if report.backup_file is not None:
                backup = QLabel(report.backup_file.name)
                backup.setToolTip(str(report.backup_file))
                self.form.addRow(self.tr("Backup made before the import:"), backup)
        self.undo.setVisible(not report.no_op)
        self.undo_hint.setVisible(not report.no_op)

    def _evaluation_rows(self, report: ImportReport) -> None:
        """Per entity of the evaluation sheets (when the file has them): added, updated, unchanged."""
        evaluations = report.plan.evaluations
        if not evaluations.has_rows:
            return
        for key, counts in evaluations.counts().items():
            text = self.tr("{new:,} new, {updated:,} updated, {unchanged:,} unchanged").format(
                new=len(report.created.get(key, ())), updated=len(report.updated.get(key, ())),
                unchanged=counts["unchanged"])
            self.form.addRow(self.tr("{label}:").format(label=schema.entity(key).label(self.lang)), QLabel(text))

    def ready(self) -> bool:
        return True

    def hint(self) -> str:
        return ""
