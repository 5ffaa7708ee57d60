"""A project's evaluations by period, newest first: the light as a coloured dot with its judgement, completion
against 序时进度, the override with its reason; add, edit and delete from here (Del on the table deletes too,
after the clerk confirms: the evaluation goes with its milestones and problems, and the next period is chosen).
Below them, the chosen evaluation's milestones and problems (:mod:`gzdesk.ui.evaluation.details_panel`).

Every write of the window — evaluations and their milestones and problems — is a step of the window's own
:class:`~gzdesk.ui.edit_commands.EditHistory` (steps from :mod:`gzdesk.core.evaluation.edits`): Undo and Redo
(Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, and the buttons at the top) take them back and forth, refused with a message when
somebody changed the record since. The views refresh from the change set of each write, which then goes out
through ``changed``; an undone or redone step shows where it happened: the evaluation it restored (or the one next
to the evaluation it deleted), the evaluation and tab of the milestone or problem it concerned. ``confirm`` and
``warn`` are the window's questions and messages to the clerk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.edits import RecordEdit
from gzdesk.core.errors import GzdeskError
from gzdesk.core.evaluation import details, listing, records, rounds
from gzdesk.core.evaluation.edits import AddEvaluation, DeleteEvaluation, EditEvaluation
from gzdesk.core.evaluation.judgement import Verdict, assess
from gzdesk.core.evaluation.periods import parse_period
from gzdesk.core.store import Store
from gzdesk.ui.edit_commands import EditHistory
from gzdesk.ui.evaluation import labels
from gzdesk.ui.evaluation.details_panel import DetailsPanel
from gzdesk.ui.evaluation.form import EvaluationForm
from gzdesk.ui.table_actions import ask_yes_no
from gzdesk.ui.window_memory import columns_remembered, remember

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("period", "progress", "override", "completion", "schedule", "gap", "done_this_period", "done_ytd",
           "annual_plan", "stage_to", "reported_on", "reporter")
NUMERIC = frozenset({"completion", "schedule", "gap", "done_this_period", "done_ytd", "annual_plan"})


class TimelineModel(QAbstractTableModel):
    """The evaluations of one project (``listing.timeline``) with the rule's verdict for each."""

    def __init__(self, store: Store, kind: str, project: dict[str, object], *, lang: str,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.store, self.kind, self.project, self.lang = store, kind, project, lang
        self.rows: list[dict[str, object]] = []
        self.verdicts: list[Verdict] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = listing.timeline(self.store, str(self.project["id"]))
        rule = records.office_rule(self.store)
        self.verdicts = []
        for row in self.rows:
            period = parse_period(row["period"])
            self.verdicts.append(assess(annual_plan=row.get("annual_plan"), done_ytd=row.get("done_ytd"),
                                        period=period, start_month=records.start_month(self.kind, self.project,
                                                                                       period), rule=rule))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section]
        titles = {"progress": self.tr("Progress"), "completion": self.tr("Completion"),
                  "schedule": self.tr("Schedule"), "gap": self.tr("Gap (points)"), "override": self.tr("Override")}
        if key in titles:
            return titles[key]
        return schema.entity(records.ENTITY).field(key).label(self.lang)  # amounts: 万元, said below the table

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        key = COLUMNS[index.column()]
        row, verdict = self.rows[index.row()], self.verdicts[index.row()]
        overridden = bool(str(row.get("override_reason") or "").strip())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key, row, verdict, overridden)
        if role == Qt.ItemDataRole.DecorationRole and key == "progress":
            return labels.light_dot(row.get("light"))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("progress", "override") and overridden:
            return self._override_text(row, verdict)
        if role == Qt.ItemDataRole.FontRole and key == "progress" and overridden:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and key == "gap" and (verdict.gap or 0) < 0:
            return QColor(labels.OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, key: str, row: dict[str, object], verdict: Verdict, overridden: bool) -> str:
        if key == "period":
            return labels.period_label(str(row["period"]), self.lang)
        if key == "progress":
            text = labels.judgement_text(row.get("judgement"), self.lang)
            return text + " *" if overridden else text
        if key == "completion":
            return labels.percent(verdict.completion)
        if key == "schedule":
            return labels.percent(verdict.schedule)
        if key == "gap":
            return labels.points(verdict.gap)
        if key == "override":
            return str(row.get("override_reason")) if overridden else ""
        if key == "stage_to":
            return labels.stage_name(self.kind, row.get(key), self.lang) if row.get(key) else ""
        value = row.get(key)
        return labels.money(value) if key in NUMERIC else ("" if value is None else str(value))

    def _override_text(self, row: dict[str, object], verdict: Verdict) -> str:
        return self.tr("Set by the clerk: {judgement}, {light} (the rule gives {computed}). Reason: {reason}").format(
            judgement=labels.judgement_text(row.get("judgement"), self.lang),
            light=self.tr("{light} light").format(light=labels.light_name(row.get("light"), self.lang)),
            computed=labels.judgement_text(verdict.judgement, self.lang), reason=row.get("override_reason"))

    def explain(self, row: int) -> str:
        """The override of ``row`` in a sentence ("" when the rule's judgement stands)."""
        if not 0 <= row < len(self.rows) or not str(self.rows[row].get("override_reason") or "").strip():
            return ""
        return self._override_text(self.rows[row], self.verdicts[row])

    def evaluation(self, row: int) -> dict[str, object] | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, evaluation_id: str) -> int:
        return next((i for i, row in enumerate(self.rows) if row["id"] == evaluation_id), -1)


class TimelineDialog(QDialog):
    """The timeline of one project; ``changed`` carries the change set of each write made here (do, undo, redo)."""

    changed = Signal(object)

    def __init__(self, store: Store, kind: str, project_id: str, *, lang: str = "zh", today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.kind, self.lang = store, kind, lang
        self.today = today or dt.date.today()
        self.project = records.project(store, kind, project_id)
        self.setWindowTitle(self.tr("Evaluations: {name}").format(name=self.project.get("name")))
        self.resize(1320, 700)
        remember(self, "timeline")
        self.warn: Callable[[str, str], object] = lambda title, text: QMessageBox.warning(self, title, text)
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask_yes_no(self, title, text)
        self.history = EditHistory(self, store, lang=lang)  # this window's undo and redo
        self.history.warn = lambda title, text: self.warn(title, text)
        self.history.changed.connect(self._history_wrote)
        self.addActions([self.history.undo_action, self.history.redo_action])  # their keys work in this window
        heading = QLabel(str(self.project.get("name")))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        heading.setFont(font)
        self.details = QLabel(self._details())
        self.model = TimelineModel(store, kind, self.project, lang=lang, parent=self)
        self.table = QTableView()
        self.table.setObjectName("evaluations")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.edit_evaluation(index.row()))
        self.override_note = QLabel()
        self.override_note.setWordWrap(True)
        self.override_note.setStyleSheet("color: #5c3c00;")
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._show_evaluation(current.row()))
        self.details_panel = DetailsPanel(store, self.history, lang=lang, today=self.today)
        self.empty = QLabel(self.tr("No evaluations yet. Add the first with “Add evaluation…”."))
        self.add_button = QPushButton(self.tr("Add evaluation…"))
        self.add_button.clicked.connect(self.add_evaluation)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_evaluation(self.table.currentIndex().row()))
        self.delete_button = QPushButton(self.tr("Delete evaluation…"))
        self.delete_button.setAutoDefault(False)  # Enter in the window never deletes
        self.delete_button.clicked.connect(self.delete_evaluation)
        self.delete_action = QAction(self.tr("Delete evaluation…"), self.table)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # Del on the table
        self.delete_action.triggered.connect(self.delete_evaluation)
        self.table.addAction(self.delete_action)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_delete())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_evaluation)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Amounts in 10k CNY; * marks a judgement set by the clerk.")))
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(close)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for action in (self.history.undo_action, self.history.redo_action):
            button = QToolButton()
            button.setDefaultAction(action)  # its text says what would be undone or redone
            button.setAutoRaise(False)
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        evaluations = QWidget()
        evaluations_layout = QVBoxLayout(evaluations)
        evaluations_layout.setContentsMargins(0, 0, 0, 0)
        evaluations_layout.addWidget(self.table, 1)
        evaluations_layout.addWidget(self.override_note)
        evaluations_layout.addWidget(self.empty)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("timeline_splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(evaluations)
        splitter.addWidget(self.details_panel)
        splitter.setSizes([300, 280])
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._refresh()

    def _details(self) -> str:
        project = self.project
        entity = schema.entity(self.kind)
        pieces = [labels.list_name(self.kind, self.lang),
                  labels.district_name(self.store, project.get("district"), self.lang),
                  self.tr("{label}: {value}").format(label=entity.field("stage").label(self.lang),
                                                     value=labels.stage_name(self.kind, project.get("stage"),
                                                                             self.lang))]
        if project.get("official"):
            pieces.append(self.tr("{label}: {value}").format(label=entity.field("official").label(self.lang),
                                                             value=project.get("official")))
        return " · ".join(pieces)

    def _refresh(self) -> None:
        if not columns_remembered(self.table):  # the clerk's own widths win over fitting
            self.table.resizeColumnsToContents()
            for column, key in enumerate(COLUMNS[:-1]):
                widest = 170 if key == "override" else 150  # a long reason is read in the note below the table
                self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 4, widest))
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        self.edit_button.setEnabled(has_rows)
        if has_rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        if not has_rows:
            self._show_evaluation(-1)
        self._update_delete()

    def _selected_row(self) -> int:
        """The row of the selected evaluation (-1: none selected)."""
        selected = self.table.selectionModel().selectedRows()
        return selected[0].row() if selected else -1

    def _update_delete(self) -> None:
        chosen = self._selected_row() >= 0
        self.delete_button.setEnabled(chosen)
        self.delete_action.setEnabled(chosen)

    def _show_evaluation(self, row: int) -> None:
        """The chosen evaluation's override note, milestones and problems."""
        self.override_note.setText(self.model.explain(row))
        evaluation = self.model.evaluation(row)
        if evaluation is None:
            self.details_panel.show_evaluation(None)
            return
        self.details_panel.show_evaluation(str(evaluation["id"]),
                                           period=labels.period_label(str(evaluation["period"]), self.lang),
                                           project=str(self.project.get("name") or ""))

    def make_form(self, evaluation: dict[str, object] | None) -> EvaluationForm:
        """The form for a new evaluation (``evaluation`` None) or an existing one."""
        defaults: dict[str, object] = {}
        if evaluation is None:
            defaults["annual_plan"] = rounds.carried_plan(self.model.rows, labels.due_period("month", self.today))
        return EvaluationForm(self.store, self.kind, self.project, evaluation, lang=self.lang, today=self.today,
                              defaults=defaults, parent=self)

    def add_evaluation(self) -> None:
        form = self.make_form(None)
        while (values := form.ask()) is not None:
            step = AddEvaluation({**values, "project_kind": self.kind, "project_id": self.project["id"]})
            text = self.tr("Add evaluation {period}").format(period=labels.period_label(str(values.get("period")),
                                                                                        self.lang))
            try:
                self.run(step, text)
            except GzdeskError as error:  # refused or not saved: the form comes back with the clerk's input
                self.warn(self.tr("Cannot save"), error.message(self.lang))
                continue
            return

    def edit_evaluation(self, row: int) -> None:
        evaluation = self.model.evaluation(row)
        if evaluation is None:
            return
        form = self.make_form(evaluation)
        text = self.tr("Edit evaluation {period}").format(period=labels.period_label(str(evaluation["period"]),
                                                                                      self.lang))
        while (changes := form.ask()) is not None:
            if not changes:
                return
            try:
                self.run(EditEvaluation(evaluation, changes), text)
            except GzdeskError as error:
                self.warn(self.tr("Cannot save"), error.message(self.lang))
                if error.code in ("record.stale", "evaluation.not_found"):  # changed or gone since it was shown
                    self._reload(str(evaluation["id"]))
                    return
                continue
            return

    def delete_evaluation(self) -> None:
        """Delete the selected evaluation with its milestones and problems, once the clerk confirms: one undoable
        step; the evaluation next to it is chosen."""
        evaluation = self.model.evaluation(self._selected_row())
        if evaluation is None:
            return
        period = labels.period_label(str(evaluation["period"]), self.lang)
        if not self.confirm(self.tr("Delete evaluation"), self._deletion_question(evaluation, period)):
            return
        try:
            self.run(DeleteEvaluation(evaluation), self.tr("Delete evaluation {period}").format(period=period))
        except GzdeskError as error:  # changed or gone since it was shown: nothing was deleted
            self.warn(self.tr("Cannot delete"), error.message(self.lang))
            self._reload(None)

    def _deletion_question(self, evaluation: dict[str, object], period: str) -> str:
        """What the clerk is asked before a delete: the period, and how many milestones and problems go with it."""
        counts = details.detail_counts(self.store, str(evaluation["id"]))
        question = self.tr("Delete the {period} evaluation of “{project}”?").format(
            period=period, project=self.project.get("name"))
        if any(counts.values()):
            along = self.tr("Its milestones ({milestones}) and problems ({problems}) are deleted with it.").format(
                milestones=counts[details.MILESTONES], problems=counts[details.PROBLEMS])
        else:
            along = self.tr("It has no milestones or problems.")
        return "\n".join((question, along, self.tr("Undo (Ctrl+Z) brings it all back.")))

    def run(self, step: RecordEdit, text: str) -> ChangeSet:
        """Write through the window's history (one undoable step named ``text``); a refusal raises, nothing
        written. The views refresh from the change set (:meth:`_history_wrote`)."""
        return self.history.run(step, text)

    def _history_wrote(self, change: ChangeSet) -> None:
        """Refresh from a write of the history (a step done, undone or redone) and pass it on."""
        if change.entity == records.ENTITY:
            touched = (*change.created, *change.updated)
            self._reload(str(touched[0]) if touched else self._neighbour_of(change.deleted))
        else:
            evaluation_id = self._evaluation_of(change)  # an undo may concern another evaluation: show that one
            row = self.model.row_of(evaluation_id) if evaluation_id is not None else -1
            if row >= 0 and evaluation_id != self.details_panel.evaluation_id:
                self.table.selectRow(row)
                self._show_evaluation(row)
            self.details_panel.show_change(change)
        self.changed.emit(change)

    def _evaluation_of(self, change: ChangeSet) -> str | None:
        """The evaluation of the milestones or problems the change set wrote (deleted ones too)."""
        if change.entity not in details.DETAIL_KINDS:
            return None
        for record_id in (*change.created, *change.updated, *change.deleted):
            found = details.evaluation_of(self.store, change.entity, record_id)
            if found is not None:
                return found
        return None

    def _neighbour_of(self, deleted: tuple[str, ...]) -> str | None:
        """The evaluation shown next to the deleted ones, the older period first (None: none is left, or none of
        them was shown)."""
        gone = set(deleted)
        rows = self.model.rows  # as shown before the delete
        first = next((row for row, evaluation in enumerate(rows) if evaluation["id"] in gone), None)
        if first is None:
            return None
        older = [evaluation for evaluation in rows[first:] if evaluation["id"] not in gone]
        newer = [evaluation for evaluation in rows[:first] if evaluation["id"] not in gone]
        chosen = older[0] if older else (newer[-1] if newer else None)
        return None if chosen is None else str(chosen["id"])

    def _reload(self, evaluation_id: str | None) -> None:
        """Read the evaluations again and choose ``evaluation_id`` (None: keep the chosen one when it is still
        there)."""
        if evaluation_id is None:
            current = self.model.evaluation(self.table.currentIndex().row())
            evaluation_id = None if current is None else str(current["id"])
        self.model.reload()
        self._refresh()
        row = self.model.row_of(evaluation_id) if evaluation_id is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._show_evaluation(self.table.currentIndex().row())
