"""The milestones (节点) and problems (问题) of the evaluation chosen in the timeline, in two tabs, with add, edit,
delete, mark a milestone done, resolve and reopen a problem.

Keys on a tab: Ins adds, Enter (or a double click) edits, Del deletes, Ctrl+Enter marks the milestone done or
the problem resolved. Every write is an undoable step (:mod:`gzdesk.core.evaluation.edits`, under the rules of
:mod:`gzdesk.core.evaluation.details`) run through the timeline window's history; the window refreshes the tab from
each change set (:meth:`DetailsPanel.show_change`), undone and redone ones too. ``ask_form``, ``confirm`` and
``warn`` are the panel's questions to the clerk (tests answer them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core.audit import ChangeSet
from gzdesk.core.edits import RecordEdit
from gzdesk.core.errors import GzdeskError
from gzdesk.core.evaluation import details
from gzdesk.core.evaluation.edits import AddDetail, DeleteDetail, EditDetail
from gzdesk.core.store import Store
from gzdesk.ui.edit_commands import EditHistory
from gzdesk.ui.evaluation.details_dialog import DetailDialog
from gzdesk.ui.evaluation.details_model import DetailsModel
from gzdesk.ui.table_actions import ask_yes_no
from gzdesk.ui.window_memory import columns_remembered

KINDS = (details.MILESTONES, details.PROBLEMS)
SOURCE = "form"
WIDE = frozenset({"name", "description"})


class DetailsPanel(QWidget):
    """Shows one evaluation's details (:meth:`show_evaluation`); writes each change as a step of ``history``."""

    def __init__(self, store: Store, history: EditHistory, *, lang: str, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.history, self.lang, self.today = store, history, lang, today
        self.evaluation_id: str | None = None
        self.period = self.context = ""
        self.ask_form: Callable[[DetailDialog], dict[str, object] | None] = DetailDialog.ask
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask_yes_no(self, title, text)
        self.warn: Callable[[str, str], object] = lambda title, text: QMessageBox.warning(self, title, text)
        self.models = {kind: DetailsModel(store, kind, lang=lang, today=today, parent=self) for kind in KINDS}
        self.tables: dict[str, QTableView] = {}
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        self.heading = QLabel()
        self.tabs = QTabWidget()
        for kind in KINDS:
            self.tabs.addTab(self._page(kind), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self._update()

    # ------------------------------------------------------------------------------------------ building
    def _page(self, kind: str) -> QWidget:
        table = QTableView()
        table.setObjectName(kind)
        table.setModel(self.models[kind])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.horizontalHeader().setStretchLastSection(True)
        table.doubleClicked.connect(lambda _: self.edit(kind))
        table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.tables[kind] = table
        milestone = kind == details.MILESTONES
        actions: list[tuple[str, str, Callable[[], None]]] = [
            ("add", self.tr("Add milestone…") if milestone else self.tr("Add problem…"), lambda: self.add(kind)),
            ("edit", self.tr("Edit…"), lambda: self.edit(kind)),
            ("delete", self.tr("Delete…"), lambda: self.delete(kind))]
        if milestone:
            actions.append(("finish", self.tr("Mark done"), self.mark_done))
        else:
            actions += [("finish", self.tr("Resolve"), self.resolve), ("reopen", self.tr("Reopen…"), self.reopen)]
        row = QHBoxLayout()
        for name, text, slot in actions:
            button = QPushButton(text)
            button.setAutoDefault(False)  # Enter in the window never adds or deletes by accident
            button.clicked.connect(slot)
            self.buttons[kind, name] = button
            row.addWidget(button)
        row.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        for keys, name in (("Ins", "add"), ("Return", "edit"), ("Enter", "edit"), ("Del", "delete"),
                           ("Ctrl+Return", "finish"), ("Ctrl+Enter", "finish")):
            shortcut = QShortcut(QKeySequence(keys), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.buttons[kind, name].click)  # a disabled button does nothing
        return page

    # ------------------------------------------------------------------------------------------ showing
    def show_evaluation(self, evaluation_id: str | None, *, period: str = "", project: str = "") -> None:
        """Show the details of this evaluation (None: none chosen), named by its period and project."""
        self.evaluation_id, self.period = evaluation_id, period
        self.context = f"{project} · {period}" if project else period
        for kind, model in self.models.items():
            model.show_evaluation(evaluation_id)
            self._fit_columns(kind)
        self._update()

    def _update(self) -> None:
        chosen = self.evaluation_id is not None
        self.setEnabled(chosen)
        self.heading.setText(self.tr("Milestones and problems of the {period} evaluation").format(period=self.period)
                             if chosen else self.tr("Choose an evaluation to see its milestones and problems."))
        for kind in KINDS:
            current = self.current(kind)
            status = None if current is None else current.get("status")
            self.buttons[kind, "add"].setEnabled(chosen)
            for name in ("edit", "delete"):
                self.buttons[kind, name].setEnabled(current is not None)
            finished = details.DONE if kind == details.MILESTONES else details.RESOLVED
            self.buttons[kind, "finish"].setEnabled(current is not None and status != finished)
        current_problem = self.current(details.PROBLEMS)
        self.buttons[details.PROBLEMS, "reopen"].setEnabled(
            current_problem is not None and current_problem.get("status") == details.RESOLVED)
        milestones, problems = self.models[details.MILESTONES].rows, self.models[details.PROBLEMS].rows
        still_open = sum(1 for row in problems if row.get("status") != details.RESOLVED)
        self.tabs.setTabText(0, self.tr("Milestones ({count})").format(count=len(milestones)))
        self.tabs.setTabText(1, self.tr("Problems ({count}, {open} open)").format(count=len(problems),
                                                                                   open=still_open))

    def _fit_columns(self, kind: str) -> None:
        table = self.tables[kind]
        if columns_remembered(table):
            return
        table.resizeColumnsToContents()
        for column, key in enumerate(self.models[kind].columns):
            widest = 320 if key in WIDE else 170
            table.setColumnWidth(column, max(90, min(table.columnWidth(column) + 12, widest)))

    def current(self, kind: str) -> dict[str, object] | None:
        """The milestone or problem in the table's current row."""
        return self.models[kind].record(self.tables[kind].currentIndex().row())

    # ------------------------------------------------------------------------------------------ writing
    def _write(self, step: RecordEdit, text: str) -> bool:
        """Run ``step`` as one undoable step named ``text``; a refusal is told (nothing was written)."""
        try:
            self.history.run(step, text)
        except GzdeskError as error:  # refused or not saved: nothing was written
            self.warn(self.tr("Cannot save"), error.message(self.lang))
            return False
        return True

    def show_change(self, change: ChangeSet) -> None:
        """Refresh the tab of the change set's entity and keep the written row chosen."""
        if change.entity in self.models:
            self.models[change.entity].reload()
            self._fit_columns(change.entity)
            touched = (*change.created, *change.updated)
            row = self.models[change.entity].row_of(touched[0]) if touched else -1
            if row >= 0:
                self.tables[change.entity].selectRow(row)
            self.tabs.setCurrentIndex(KINDS.index(change.entity))
        self._update()

    def _form(self, kind: str, record: dict[str, object] | None) -> DetailDialog:
        return DetailDialog(self.store, kind, record, context=self.context, lang=self.lang, parent=self)

    def _label(self, action: str, kind: str, record: Mapping[str, object]) -> str:
        """The name of a step on a milestone or problem, as the Undo and Redo buttons show it."""
        name = _short(record.get("name") if kind == details.MILESTONES else record.get("description"), 20)
        texts = {("add", details.MILESTONES): self.tr("Add milestone “{name}”"),
                 ("edit", details.MILESTONES): self.tr("Edit milestone “{name}”"),
                 ("delete", details.MILESTONES): self.tr("Delete milestone “{name}”"),
                 ("finish", details.MILESTONES): self.tr("Mark milestone “{name}” done"),
                 ("add", details.PROBLEMS): self.tr("Add problem “{name}”"),
                 ("edit", details.PROBLEMS): self.tr("Edit problem “{name}”"),
                 ("delete", details.PROBLEMS): self.tr("Delete problem “{name}”"),
                 ("finish", details.PROBLEMS): self.tr("Resolve problem “{name}”"),
                 ("reopen", details.PROBLEMS): self.tr("Reopen problem “{name}”")}
        return texts[action, kind].format(name=name)

    def add(self, kind: str) -> None:
        evaluation_id = self.evaluation_id
        if evaluation_id is None:
            return
        form = self._form(kind, None)
        while (values := self.ask_form(form)) is not None:
            if self._write(AddDetail(kind, evaluation_id, values, source=SOURCE), self._label("add", kind, values)):
                return

    def edit(self, kind: str) -> None:
        record = self.current(kind)
        if record is None:
            return
        form = self._form(kind, record)
        while changes := self.ask_form(form):
            if self._write(EditDetail(kind, record, changes, source=SOURCE),
                           self._label("edit", kind, {**record, **changes})):
                return

    def delete(self, kind: str) -> None:
        record = self.current(kind)
        if record is None:
            return
        if kind == details.MILESTONES:
            title = self.tr("Delete milestone")
            text = self.tr("Delete the milestone “{name}”?").format(name=record.get("name"))
        else:
            title = self.tr("Delete problem")
            text = self.tr("Delete the problem “{name}”?").format(name=_short(record.get("description")))
        if self.confirm(title, text + "\n" + self.tr("Undo (Ctrl+Z) brings it back.")):
            self._write(DeleteDetail(kind, record, source=SOURCE), self._label("delete", kind, record))

    def mark_done(self) -> None:
        record = self.current(details.MILESTONES)
        if record is not None:
            self._write(EditDetail(details.MILESTONES, record, details.completing(done_on=self.today.isoformat()),
                                   source=SOURCE), self._label("finish", details.MILESTONES, record))

    def resolve(self) -> None:
        record = self.current(details.PROBLEMS)
        if record is not None:
            self._write(EditDetail(details.PROBLEMS, record, details.resolving(resolved_on=self.today.isoformat()),
                                   source=SOURCE), self._label("finish", details.PROBLEMS, record))

    def reopen(self) -> None:
        record = self.current(details.PROBLEMS)
        if record is None:
            return
        text = self.tr("Mark the problem “{name}” open again? Its resolved date is cleared.").format(
            name=_short(record.get("description")))
        if self.confirm(self.tr("Reopen problem"), text):
            self._write(EditDetail(details.PROBLEMS, record, details.reopening(), source=SOURCE),
                        self._label("reopen", details.PROBLEMS, record))


def _short(text: object, limit: int = 40) -> str:
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
