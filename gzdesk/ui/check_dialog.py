"""Check the database from the window: the core's check on a worker, the findings, the safe repairs on offer
(after a backup, in one transaction), then what was repaired and what is left for the clerk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from gzdesk.core.check import Finding, RepairReport, check_database, repair_database, safe_repairs
from gzdesk.core.store import Store
from gzdesk.ui.flow import Flow
from gzdesk.ui.tasks import TaskProgress, run_task
from gzdesk.ui.window_memory import remember


@dataclass(frozen=True)
class CheckResult:
    problems: list[Finding]  # everything found, the repairable ones included
    repairs: list[Finding]  # what a repair would fix


class CheckDialog(QDialog):
    """The findings (or the repair report); ``ask()`` is True when the clerk asks for the safe repairs."""

    def __init__(self, problems: list[Finding], *, summary: str, lang: str, can_repair: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check the database"))
        self.resize(640, 380)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QListWidget()
        self.problems.addItems([finding.message(lang) for finding in problems])
        self.problems.setVisible(bool(problems))
        layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.repair = buttons.addButton(self.tr("&Repair safely"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.repair.setVisible(can_repair)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if not problems:
            self.setMinimumHeight(0)
            self.resize(460, 140)
        else:  # a clean result is a short message; the findings are what the clerk enlarges
            remember(self, "check")

    def ask(self) -> bool:
        return self.exec() == QDialog.DialogCode.Accepted


class CheckFlow(Flow):
    """``start()`` checks; ``ask(result)`` shows the findings and says whether to repair (only offered when something
    can be); ``tell(report)`` shows what the repair did. Tests replace both with plain functions."""

    checked = Signal(object)  # CheckResult
    repaired = Signal(object)  # RepairReport

    def __init__(self, parent: QWidget, database: Path, *, lang: str) -> None:
        super().__init__(parent, database, lang=lang)
        self.ask: Callable[[CheckResult], bool] = self._ask_with_dialog
        self.tell: Callable[[RepairReport], None] = self._tell_with_dialog

    def failure_title(self) -> str:
        return self.tr("Cannot check the database")

    def start(self) -> None:
        def work(progress: TaskProgress) -> CheckResult:
            with Store.open(self.database, read_only=True) as store:
                problems = check_database(store, progress=progress, lang=self.lang)
                repairs = safe_repairs(store, lang=self.lang)
            return CheckResult(problems + [r for r in repairs if r not in problems], repairs)

        self.task = run_task(self.window, self.tr("Checking the database…"), work,
                             on_done=self._checked, on_error=self.failed)

    def summary(self, result: CheckResult) -> str:
        if not result.problems:
            return self.tr("No problems found.")
        text = self.tr("{count:,} problem(s) found.").format(count=len(result.problems))
        if result.repairs:
            text += " " + self.tr("{count:,} of them can be repaired safely; a backup is taken first.").format(
                count=len(result.repairs))
        return text

    def _ask_with_dialog(self, result: CheckResult) -> bool:
        return CheckDialog(result.problems, summary=self.summary(result), lang=self.lang,
                           can_repair=bool(result.repairs), parent=self.window).ask()

    def _checked(self, result: CheckResult) -> None:
        self.checked.emit(result)
        if not self.ask(result) or not result.repairs:  # the findings are always shown
            self.finished.emit()
            return

        def work(progress: TaskProgress) -> RepairReport:
            with Store.open(self.database) as store:
                return repair_database(store, progress=progress, lang=self.lang)

        self.task = run_task(self.window, self.tr("Repairing…"), work, on_done=self._repaired, on_error=self.failed)

    def _repaired(self, report: RepairReport) -> None:
        self.repaired.emit(report)
        self.tell(report)
        self.finished.emit()

    def report_summary(self, report: RepairReport) -> str:
        text = self.tr("Repaired {count:,} problem(s).").format(count=len(report.repaired))
        if report.backup is not None:
            text += " " + self.tr("The data before the repair is in the backup “{name}”.").format(
                name=report.backup.name)
        if report.remaining:
            text += " " + self.tr("{count:,} problem(s) remain; they need a decision and were left as they are."
                                  ).format(count=len(report.remaining))
        return text

    def _tell_with_dialog(self, report: RepairReport) -> None:
        CheckDialog([*report.repaired, *report.remaining], summary=self.report_summary(report), lang=self.lang,
                    can_repair=False, parent=self.window).exec()
