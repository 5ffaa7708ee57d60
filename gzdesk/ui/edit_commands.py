"""Undo and redo of the clerk's record edits: a QUndoStack over the core's undoable edits (gzdesk.core.edits).

``EditHistory.run(edit, text)`` applies an edit through the store and puts it on the stack; Undo and Redo apply
its inverse or itself again, audited like any write. When the records were changed since (another window, an
import), the store refuses, nothing is written, the clerk is told why, and that step leaves the history. Every
write's change set goes out through ``changed`` so the views refresh from it (STYLE.md rule 3).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from gzdesk.core.audit import ChangeSet
from gzdesk.core.edits import CreateRecord, RecordEdit, RevisionLedger, UpdateRecords
from gzdesk.core.errors import GzdeskError
from gzdesk.core.store import Store


class EditCommand(QUndoCommand):
    """One step on the stack: an edit that was applied when it was pushed (so the first redo does nothing)."""

    def __init__(self, history: EditHistory, edit: RecordEdit, text: str) -> None:
        super().__init__(text)
        self.history = history
        self.edit = edit
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.history.step(self, undoing=False)

    def undo(self) -> None:
        self.history.step(self, undoing=True)


class EditHistory(QObject):
    """The window's edit history with its Undo and Redo actions."""

    changed = Signal(object)  # ChangeSet of every write made through the history

    def __init__(self, parent: QWidget, store: Store, *, lang: str) -> None:
        super().__init__(parent)
        self.window = parent
        self.store = store
        self.lang = lang
        self.stack = QUndoStack(self)
        self.ledger = RevisionLedger()  # the revisions this history's writes left: its own steps never block it
        self.warn: Callable[[str, str], object] = lambda title, text: QMessageBox.warning(self.window, title, text)
        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.stack.undo)
        self.redo_action = QAction(self.tr("Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.stack.redo)
        self.stack.canUndoChanged.connect(self._update_actions)
        self.stack.canRedoChanged.connect(self._update_actions)
        self.stack.indexChanged.connect(self._update_actions)
        self._update_actions()

    def run(self, edit: RecordEdit, text: str) -> ChangeSet:
        """Apply ``edit`` and put it on the stack; a refused write raises (a GzdeskError) and is not recorded."""
        edit.ledger = self.ledger
        changes = edit.apply(self.store)
        self.stack.push(EditCommand(self, edit, text))
        self.changed.emit(changes)
        return changes

    def create(self, kind: str, values: Mapping[str, object]) -> ChangeSet:
        """Add a record (the form's values) as one undoable step."""
        name = str(values.get("name") or "")
        label = self.tr("New record “{name}”").format(name=name) if name else self.tr("New record")
        return self.run(CreateRecord(kind, values), label)

    def edit(self, kind: str, record: Mapping[str, object], changes: Mapping[str, object]) -> ChangeSet:
        """Change fields of ``record`` (as the clerk saw it: refused when it changed since) as one undoable step."""
        name = str(record.get("name") or record.get("id"))
        return self.run(UpdateRecords(kind, [record], {str(record["id"]): changes}),
                        self.tr("Edit “{name}”").format(name=name))

    def step(self, command: EditCommand, *, undoing: bool) -> None:
        """Undo or redo ``command`` through the store; when refused, tell the clerk and drop the step."""
        try:
            changes = command.edit.revert(self.store) if undoing else command.edit.apply(self.store)
        except GzdeskError as error:
            command.setObsolete(True)  # QUndoStack removes it: the history stays true to the data
            if undoing:
                title = self.tr("Cannot undo")
                text = self.tr("“{action}” cannot be undone: {reason}").format(action=command.text(),
                                                                              reason=error.message(self.lang))
            else:
                title = self.tr("Cannot redo")
                text = self.tr("“{action}” cannot be redone: {reason}").format(action=command.text(),
                                                                              reason=error.message(self.lang))
            self.warn(title, text + "\n" + self.tr("Nothing was changed; this step was removed from the history."))
            return
        self.changed.emit(changes)

    def _update_actions(self) -> None:
        self.undo_action.setEnabled(self.stack.canUndo())
        self.redo_action.setEnabled(self.stack.canRedo())
        undo, redo = self.stack.undoText(), self.stack.redoText()
        self.undo_action.setText(self.tr("Undo {action}").format(action=undo) if undo else self.tr("Undo"))
        self.redo_action.setText(self.tr("Redo {action}").format(action=redo) if redo else self.tr("Redo"))
