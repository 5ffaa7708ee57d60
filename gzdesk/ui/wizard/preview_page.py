"""Wizard page 4: what the import would change, before anything is written.

Counts, a filterable list of records (conflicts first), and for the selected record its fields old → new or, for a
conflict, base / theirs / mine with a choice per field. The decisions the plan needs are made here: every
conflicting field, accepting changes held for review, adding only new rows when the id column was lost.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import schema
from gzdesk.core.exchange.merge import RecordUpdate
from gzdesk.core.import_review import ImportReview
from gzdesk.core.importer import ImportPlan
from gzdesk.ui.wizard.conflict_view import ConflictChoices, ConflictView
from gzdesk.ui.wizard.preview_model import KINDS, Entry, PreviewModel, kind_label
from gzdesk.ui.wizard.record_view import RecordView

COUNT_ORDER = ("new", "changed", "unchanged", "conflict", "held", "absent")
# EvaluationPlan.counts() keys, and the kinds of the list they are shown as
EVALUATION_COUNTS = (("new", "new"), ("updated", "changed"), ("unchanged", "unchanged"), ("conflicts", "conflict"),
                     ("held", "held"))


def all_updates(plan: ImportPlan) -> tuple[RecordUpdate, ...]:
    """The changes to list records and to the records of the evaluation sheets."""
    return (*plan.updates, *plan.evaluations.updates)


def all_conflicts(plan: ImportPlan) -> tuple[RecordUpdate, ...]:
    """The records with conflicting fields (not held for review), list and evaluation sheets alike."""
    return (*plan.conflicts, *plan.evaluations.conflicts)


class PreviewPage(QWidget):
    """The change preview and the decisions it needs; ``choices()`` gives the per-field conflict choices."""

    changed = Signal()

    def __init__(self, *, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.review: ImportReview | None = None
        self.conflict_choices = ConflictChoices()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.evaluation_counts = QLabel()
        self.evaluation_counts.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.activated.connect(lambda _: self.show_kind(self.filter.currentData()))
        filter_row = QHBoxLayout()
        count_lines = QVBoxLayout()
        count_lines.addWidget(self.counts)
        count_lines.addWidget(self.evaluation_counts)
        filter_row.addLayout(count_lines, 1)
        filter_row.addWidget(QLabel(self.tr("Show:")))
        filter_row.addWidget(self.filter)
        self.model = PreviewModel(lang=lang, parent=self)
        self.list = QTableView()
        self.list.setObjectName("preview")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().setVisible(False)
        self.list.verticalHeader().setDefaultSectionSize(24)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.selectionModel().selectionChanged.connect(self._selected)
        self.record_view = RecordView(lang=lang)
        self.conflict_view = ConflictView(self.conflict_choices, lang=lang)
        self.conflict_view.changed.connect(self._choices_changed)
        self.detail = QStackedWidget()
        self.detail.addWidget(self.record_view)
        self.detail.addWidget(self.conflict_view)
        splitter = QSplitter()
        splitter.setObjectName("preview_splitter")
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([390, 690])
        self.keep_all = QPushButton(self.tr("Keep mine in every conflict"))
        self.keep_all.clicked.connect(lambda: self.pick_all("mine"))
        self.take_all = QPushButton(self.tr("Take theirs in every conflict"))
        self.take_all.clicked.connect(lambda: self.pick_all("theirs"))
        self.conflict_state = QLabel()
        bulk = QHBoxLayout()
        bulk.addWidget(self.conflict_state, 1)
        bulk.addWidget(self.keep_all)
        bulk.addWidget(self.take_all)
        self.accept_foreign = QCheckBox(self.tr("Also apply the changes held for review to our own projects "
                                                "(recorded in the audit log)"))
        self.accept_foreign.toggled.connect(self.changed)
        self.insert_only = QCheckBox()
        self.insert_only.toggled.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addLayout(filter_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(bulk)
        layout.addWidget(self.accept_foreign)
        layout.addWidget(self.insert_only)

    def title(self) -> str:
        return self.tr("Preview")

    def load(self, review: ImportReview) -> None:
        self.review = review
        live = {(u.record_id, c.field) for u in all_updates(review.plan) for c in u.conflicts}
        for store in (self.conflict_choices.picks, self.conflict_choices.texts):
            for key in [k for k in store if k not in live]:  # a re-plan keeps the choices that still apply
                del store[key]
        self.model.load(review)
        counts = [f"{kind_label(kind)} {self.model.count(kind):,}" for kind in COUNT_ORDER
                  if self.model.count(kind) or kind in ("new", "changed", "unchanged")]
        self.counts.setText("  ·  ".join(counts))
        self.evaluation_counts.setText(self._evaluation_counts(review.plan))
        self.evaluation_counts.setVisible(review.plan.evaluations.has_rows)
        self.filter.clear()
        self.filter.addItem(self.tr("All records ({count:,})").format(count=sum(map(self.model.count, KINDS))), None)
        for kind in KINDS:
            if self.model.count(kind):
                self.filter.addItem(self.tr("{label} ({count:,})").format(label=kind_label(kind),
                                                                          count=self.model.count(kind)), kind)
        self.show_kind(None)
        self._fit_list()
        plan = review.plan
        held = sum(1 for u in all_updates(plan) if u.held)
        self.accept_foreign.setVisible(bool(held))
        needs_insert_only = plan.id_column_missing and bool(plan.new)
        self.insert_only.setText(self.tr("Add only the {count:,} new project(s); the record-id column is "
                                         "missing").format(count=len(plan.new)))
        self.insert_only.setVisible(needs_insert_only)
        has_conflicts = bool(all_conflicts(plan))
        for widget in (self.keep_all, self.take_all, self.conflict_state):
            widget.setVisible(has_conflicts)
        self._choices_changed()

    def _evaluation_counts(self, plan: ImportPlan) -> str:
        """What the evaluation sheets bring, per entity: "Progress evaluations: New 1 · Conflict 1; …"."""
        parts = []
        for key, counts in plan.evaluations.counts().items():
            shown = [f"{kind_label(kind)} {counts[count]:,}" for count, kind in EVALUATION_COUNTS if counts[count]]
            if shown:
                parts.append(self.tr("{sheet}: {counts}").format(sheet=schema.entity(key).label(self.lang),
                                                                 counts=" · ".join(shown)))
        if not parts:
            return ""
        return self.tr("Of these, from the evaluation sheets — {parts}").format(parts=self.tr("; ").join(parts))

    def _fit_list(self) -> None:
        """Kind and place keep their width, the name takes the rest; the list column only when project lists differ
        (the evaluation sheets name themselves in the place column: 工作评估, 节点, 问题)."""
        header = self.list.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.resizeColumnToContents(0)
        self.list.resizeColumnToContents(3)
        lists = {e.list_key for kind in KINDS for e in self.model.by_kind[kind] if e.list_key in schema.LIST_KEYS}
        self.list.setColumnHidden(2, len(lists) <= 1)

    def show_kind(self, kind: str | None) -> None:
        """Filter the list to one kind (None: all) and show its first record."""
        self.model.set_kind(kind)
        index = self.filter.findData(kind)
        if index >= 0:
            self.filter.setCurrentIndex(index)
        if self.model.rowCount():
            self.list.selectRow(0)
        else:
            self._show(None)

    def select(self, name: str) -> None:
        """Select the record named ``name`` in the list (a clerk's click)."""
        row = next(r for r, e in enumerate(self.model.shown) if e.name == name)
        self.list.selectRow(row)

    def _selected(self, selected: QItemSelection, _: QItemSelection) -> None:
        rows = selected.indexes()
        self._show(self.model.entry(rows[0].row()) if rows else None)

    def _show(self, entry: Entry | None) -> None:
        if self.review is None:
            return
        if entry is not None and entry.update is not None and entry.update.conflicts:
            self.conflict_view.show_entry(self.review, entry)
            self.detail.setCurrentWidget(self.conflict_view)
        else:
            self.record_view.show_entry(self.review, entry)
            self.detail.setCurrentWidget(self.record_view)

    def pick_all(self, pick: str) -> None:
        if self.review is None:
            return
        for update in all_updates(self.review.plan):
            for change in update.conflicts:
                self.conflict_choices.picks[(update.record_id, change.field)] = pick
        self._show(self.model.entry(self.list.currentIndex().row()))
        self._choices_changed()

    def choices(self) -> dict[tuple[str, str], object]:
        """The decided conflict fields: (record id, field) → "mine", "theirs" or the typed value."""
        chosen: dict[tuple[str, str], object] = {}
        if self.review is None:
            return chosen
        for update in all_updates(self.review.plan):
            entity = schema.entity(update.list_key)
            for change in update.conflicts:
                key = (update.record_id, change.field)
                decided, value = self.conflict_choices.resolved(key, entity.field(change.field),
                                                                self.review.reference)
                if decided:
                    chosen[key] = value
        return chosen

    def open_conflicts(self) -> int:
        """Conflicting fields (of records not held for review) still without a valid choice."""
        if self.review is None:
            return 0
        chosen = self.choices()
        return sum(1 for u in all_conflicts(self.review.plan) for c in u.conflicts
                   if (u.record_id, c.field) not in chosen)

    def _choices_changed(self) -> None:
        if self.review is not None and all_conflicts(self.review.plan):
            total = sum(len(u.conflicts) for u in all_conflicts(self.review.plan))
            self.conflict_state.setText(self.tr("{done:,} of {total:,} conflicting field(s) decided").format(
                done=total - self.open_conflicts(), total=total))
        self.changed.emit()

    def ready(self) -> bool:
        return not self.hint()

    def hint(self) -> str:
        plan = self.review.plan if self.review else None
        if plan is None:
            return ""
        if plan.already_imported is not None:
            return self.tr("This file was imported already: there is nothing to do.")
        if not plan.new and not plan.updates and not plan.evaluations.has_changes(accept_foreign=True):
            return self.tr("Nothing to import: the file brings no new records and no changes.")
        if self.open_conflicts():
            return self.tr("Choose mine, theirs or a value for every conflicting field ({count:,} left).").format(
                count=self.open_conflicts())
        if plan.id_column_missing and plan.new and not self.insert_only.isChecked():
            return self.tr("The record-id column is missing: tick the box below to add only the new projects.")
        return ""
