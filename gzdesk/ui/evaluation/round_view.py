"""An evaluation round: pick a period (month, quarter, 旬), see "2026-11：已报 214 个，逾期 37 个" and the projects
due, filter by list, district, official and status, and type many projects' numbers at once (bulk entry), saved
in one transaction and one batch — which "Undo this save" takes back whole, as an import is undone
(:class:`~gzdesk.ui.undo_flow.UndoFlow`: it asks where a field was edited since)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import schema
from gzdesk.core.errors import GzdeskError
from gzdesk.core.evaluation import rounds
from gzdesk.core.evaluation.periods import Period
from gzdesk.core.evaluation.rounds import CellsRefused, RoundFilter, RoundIndex, RoundSave
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels
from gzdesk.ui.evaluation.bulk_table import BulkTable
from gzdesk.ui.evaluation.period_picker import PeriodPicker
from gzdesk.ui.evaluation.round_model import COLUMNS, RoundModel
from gzdesk.ui.tasks import Task, TaskProgress, run_task
from gzdesk.ui.undo_flow import UndoFlow
from gzdesk.ui.window_memory import columns_remembered, remember

ERROR_COLOUR = "#b02a37"
DONE_COLOUR = "#2b8a3e"


class RoundWindow(QWidget):
    """The round of one period. ``loaded`` carries each :class:`RoundIndex` read (on a worker); ``saved`` each
    :class:`~gzdesk.core.evaluation.rounds.RoundSave` of a bulk entry; ``undone`` the batch of a save undone."""

    loaded = Signal(object)
    saved = Signal(object)
    undone = Signal(str)

    def __init__(self, store: Store, *, lang: str = "zh", today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.lang = store, lang
        self.today = today or dt.date.today()
        self.setWindowTitle(self.tr("Evaluation round"))
        self.resize(1320, 760)
        remember(self, "round")
        self.task: Task | None = None
        self._generation = 0
        self.picker = PeriodPicker(lang=lang, today=self.today)
        self.list_box = self._combo(self.tr("All lists"), [(labels.list_name(k, lang), k) for k in schema.LIST_KEYS])
        self.district_box = self._combo(self.tr("All districts"), [
            (store.reference.district_name(code, lang), code) for code in store.reference.districts])
        self.official_box = self._combo(self.tr("All officials"), [(name, name) for name in rounds.officials(store)])
        self.status_box = self._combo(self.tr("Every status"), [
            (self.tr("Overdue or not reported"), "overdue"), (self.tr("Reported"), "reported"),
            (labels.light_name("红", lang), "red"), (labels.light_name("黄", lang), "yellow"),
            (labels.light_name("绿", lang), "green"), (labels.light_name(None, lang), "unjudged")])
        self.header = QLabel()
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.header.setFont(font)
        self.shown = QLabel()
        self.model = RoundModel(store, lang=lang, today=self.today, parent=self)
        self.table = BulkTable(self.model)
        self.table.setObjectName("round")
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # widths from the first rows read
        self._sized = False
        self.bulk_button = QPushButton(self.tr("Bulk entry"))
        self.bulk_button.setCheckable(True)
        self.bulk_button.toggled.connect(self.set_bulk)
        self.save_button = QPushButton(self.tr("Save all"))
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.clicked.connect(self.model.discard)
        self.last_save: RoundSave | None = None
        self.undo_button = QPushButton(self.tr("Undo this save"))
        self.undo_button.setToolTip(self.tr("Take back the whole last save: the evaluations it added go, the numbers "
                                            "it changed get their old values; asks first if any was edited since."))
        self.undo_button.clicked.connect(self.undo_last_save)
        self.undo_button.setVisible(False)
        self.undo_flow = UndoFlow(self, store.path, lang=lang, what="round")
        self.undo_flow.undone.connect(self._undone)
        self.message = QLabel()
        self.message.setWordWrap(True)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.model.typed_changed.connect(self._typed_changed)
        self._layout()
        self.pending = QTimer(self, singleShot=True, interval=200)  # several choices in a row: one reading
        self.pending.timeout.connect(self.reload)
        for box in (self.list_box, self.district_box, self.official_box, self.status_box):
            box.currentIndexChanged.connect(lambda _: self.pending.start())
        self.picker.changed.connect(lambda _: self.pending.start())
        self.set_bulk(False)
        self.reload()

    def _combo(self, everything: str, choices: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.addItem(everything, None)
        for label, value in choices:
            box.addItem(label, value)
        return box

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Period"), self.picker), (self.tr("List"), self.list_box),
                              (self.tr("District"), self.district_box), (self.tr("Official"), self.official_box),
                              (self.tr("Status"), self.status_box)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        entry = QHBoxLayout()
        entry.addWidget(self.bulk_button)
        entry.addWidget(self.save_button)
        entry.addWidget(self.discard_button)
        entry.addWidget(self.undo_button)
        entry.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        header = QHBoxLayout()
        header.addWidget(self.header)
        header.addStretch(1)
        header.addWidget(self.shown)
        layout.addLayout(header)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)

    # ------------------------------------------------------------------------------------------ reading
    def wanted(self) -> RoundFilter:
        return RoundFilter(kind=self.list_box.currentData(), district=self.district_box.currentData(),
                           official=self.official_box.currentData(), status=self.status_box.currentData() or "all")

    def reload(self) -> None:
        """Read the round for the chosen period and filter on a worker; ``loaded`` fires when it is shown."""
        self._generation += 1
        generation, period, wanted, path = self._generation, self.picker.period(), self.wanted(), self.store.path
        self.model.loading = True

        def work(progress: TaskProgress) -> RoundIndex:
            with Store.open(path, read_only=True) as store:
                return rounds.round_index(store, period, wanted)

        self.task = run_task(self, self.tr("Reading the round…"), work,
                             on_done=lambda index: self._loaded(generation, index, period), on_error=self._failed)

    def _loaded(self, generation: int, index: RoundIndex, period: Period) -> None:
        if generation != self._generation:  # the clerk chose another period or filter meanwhile
            return
        self.model.loading = False
        self.model.set_round(index, period)
        self.header.setText(self.header_text(index, period))
        self.shown.setText(self.tr("{count:,} rows shown; amounts in 10k CNY").format(count=len(index.keys)))
        if not self._sized and index.keys and not columns_remembered(self.table):
            self.table.resizeColumnsToContents()
            for column, key in enumerate(COLUMNS):
                widest = 240 if key == "name" else 140
                self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 8, widest))
            self._sized = True
        self.loaded.emit(index)

    def header_text(self, index: RoundIndex, period: Period) -> str:
        name = labels.period_label(period, self.lang)
        if period.end < self.today:
            return self.tr("{period}: {reported:,} reported, {overdue:,} overdue").format(
                period=name, reported=index.reported, overdue=index.overdue)
        return self.tr("{period}: {reported:,} reported, {missing:,} not yet reported").format(
            period=name, reported=index.reported, missing=index.overdue)

    def _failed(self, error: BaseException) -> None:
        self.model.loading = False
        self.say(labels.error_text(error, self.lang), ERROR_COLOUR)

    def say(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text)

    # ------------------------------------------------------------------------------------------ bulk entry
    def set_bulk(self, on: bool) -> None:
        self.model.set_bulk(on)
        self.save_button.setVisible(on)
        self.discard_button.setVisible(on)
        if on:
            self.say(self.tr("Type the amounts (10k CNY) and the stage; Tab moves right, Enter moves down. "
                             "Nothing is saved until “Save all”."), "")
            self.table.start_entry()
        else:
            self.say("", "")

    def _typed_changed(self) -> None:
        typed = bool(self.model.typed)
        for widget in (self.picker, self.list_box, self.district_box, self.official_box, self.status_box,
                       self.bulk_button):
            widget.setEnabled(not typed)
        self.save_button.setEnabled(typed)
        self.discard_button.setEnabled(typed)
        self.undo_button.setEnabled(not typed)  # typed cells first: saved or discarded
        problems = self.model.all_problems()
        if problems:
            self.say(CellsRefused(problems).message(self.lang), ERROR_COLOUR)
        elif typed:
            self.say(self.tr("{count:,} projects typed, not saved yet").format(count=len(self.model.typed)), "")

    def save(self) -> None:
        """Save every typed row in one batch, or say why nothing was saved."""
        if not self.model.bulk or not self.model.typed or self.model.period is None:
            return
        problems = self.model.all_problems()
        if problems:
            self.say(CellsRefused(problems).message(self.lang), ERROR_COLOUR)
            self._show_problem()
            return
        try:
            result = rounds.save_round(self.store, self.model.period, self.model.entries(), source=rounds.SOURCE,
                                       today=self.today)
        except GzdeskError as error:  # busy, disk full, a refused cell: the typed cells stay
            self.say(error.message(self.lang), ERROR_COLOUR)
            return
        self.model.discard()
        self.say(result.message(self.lang), DONE_COLOUR)
        self.last_save = result
        self.undo_button.setVisible(True)
        self.saved.emit(result)
        self.reload()

    def undo_last_save(self) -> None:
        """Undo the last save (asking first, on a worker); ``undone`` fires when it is done."""
        if self.last_save is not None and not self.model.typed:
            self.undo_flow.start(self.last_save.batch)

    def _undone(self, batch: str) -> None:
        if self.last_save is not None:
            self.say(self.tr("The save of the {period} evaluations was undone.").format(
                period=labels.period_label(self.last_save.period, self.lang)), DONE_COLOUR)
        self.last_save = None
        self.undo_button.setVisible(False)
        self.undone.emit(batch)
        self.reload()

    def _show_problem(self) -> None:
        for row in range(self.model.rowCount()):
            key = self.model.key(row)
            if key in self.model.problems:
                field = next(iter(self.model.problems[key]))
                self.table.setCurrentIndex(self.model.index(row, COLUMNS.index(field)))
                return
