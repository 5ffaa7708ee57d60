"""Undo a whole import — or a saved evaluation round — from the window: what it would restore, what was edited
since, then undo on a worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from gzdesk.core import messages
from gzdesk.core.errors import GzdeskError
from gzdesk.core.exchange.undo import UndoPlan, apply_undo, plan_undo
from gzdesk.core.store import Store
from gzdesk.ui.flow import Flow
from gzdesk.ui.tasks import TaskProgress, run_task


class UndoFlow(Flow):
    """``start(batch)``: plan, ask (``ask`` returns None to stop, or whether to overwrite later edits), undo.
    ``what`` is "import" or "round" (the bulk entry of an evaluation round): only the words differ."""

    undone = Signal(str)

    def __init__(self, parent: QWidget, database: Path, *, lang: str, what: str = "import") -> None:
        super().__init__(parent, database, lang=lang)
        self.what = what
        self.ask = self._ask_with_message_box

    def failure_title(self) -> str:
        return self.tr("Cannot undo")

    def start(self, batch: str) -> None:
        try:
            with Store.open(self.database, read_only=True) as store:
                plan = plan_undo(store, batch)
        except GzdeskError as error:
            self.failed(error)
            return
        overwrite = self.ask(plan)
        if overwrite is None:
            self.finished.emit()
            return

        def work(progress: TaskProgress) -> str:
            with Store.open(self.database) as store:
                apply_undo(store, plan, overwrite_edited=overwrite)
            return plan.batch

        running = self.tr("Undoing the saved round…") if self.what == "round" else self.tr("Undoing the import…")
        self.task = run_task(self.window, running, work, on_done=self._done, on_error=self.failed)

    def _ask_with_message_box(self, plan: UndoPlan) -> bool | None:
        round_ = self.what == "round"
        title = self.tr("Undo the saved round") if round_ else self.tr("Undo import")
        text = (self.tr("This removes {added:,} evaluation(s) the save added and restores {fields:,} field(s).")
                if round_ else self.tr("This removes {added:,} record(s) the import added and restores {fields:,} "
                                       "field(s).")).format(added=len(plan.delete), fields=len(plan.restore))
        if plan.edited_since:
            text += "\n" + messages.render("undo.round_edited_since" if round_ else "undo.edited_since", self.lang,
                                            count=len(plan.edited_since))
            box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.window)
            keep = box.addButton(self.tr("Undo, keep later edits"),
                                 QMessageBox.ButtonRole.AcceptRole)
            overwrite = box.addButton(self.tr("Undo everything"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            clicked = box.clickedButton()
            return False if clicked is keep else (True if clicked is overwrite else None)
        answer = QMessageBox.question(self.window, title, text)
        return False if answer == QMessageBox.StandardButton.Yes else None

    def _done(self, batch: str) -> None:
        self.undone.emit(batch)
        self.finished.emit()

