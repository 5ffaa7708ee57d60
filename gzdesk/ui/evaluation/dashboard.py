"""The meeting dashboard (调度会): the numbers for an as-of date and a filter (list, district) as charts, computed
on a worker; clicking a bar opens the projects behind it; print, or export to PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import schema
from gzdesk.core.evaluation.drilldown import Bar, DashboardNumbers, dashboard_numbers, projects_behind
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels
from gzdesk.ui.evaluation.charts import ChartPanel
from gzdesk.ui.evaluation.dashboard_charts import YI, dashboard_specs
from gzdesk.ui.evaluation.drill import DrillDialog, edit_project
from gzdesk.ui.evaluation.printing import PrintedDashboard, a4_landscape, paint_dashboard, write_pdf
from gzdesk.ui.evaluation.ranking_model import COLUMNS as RANKING_COLUMNS
from gzdesk.ui.evaluation.ranking_model import RankingModel
from gzdesk.ui.tasks import Task, TaskProgress, run_task
from gzdesk.ui.window_memory import columns_remembered, remember

CHART_COLUMNS = 2


class DashboardWindow(QWidget):
    """``numbers_ready`` fires when a computation is shown, ``drilled`` with each drill-down dialog opened,
    ``changed`` with the change set of an edit made from a drill-down."""

    numbers_ready = Signal(object)
    drilled = Signal(object)
    changed = Signal(object)

    def __init__(self, store: Store, *, lang: str = "zh", today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.lang = store, lang
        self.today = today or dt.date.today()
        self.numbers: DashboardNumbers | None = None
        self.panels: dict[str, ChartPanel] = {}
        self.task: Task | None = None
        self._generation = 0
        self.setWindowTitle(self.tr("Meeting dashboard"))
        self.resize(1320, 900)
        remember(self, "dashboard")
        self.as_of = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.list_box = QComboBox()
        self.list_box.addItem(self.tr("All lists"), None)
        for kind in schema.LIST_KEYS:
            self.list_box.addItem(labels.list_name(kind, lang), kind)
        self.district_box = QComboBox()
        self.district_box.addItem(self.tr("All districts"), None)
        for code in store.reference.districts:
            self.district_box.addItem(store.reference.district_name(code, lang), code)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.note = QLabel()
        self.grid = QGridLayout()
        self.ranking = RankingModel(store, lang=lang, parent=self)
        self.ranking_view = QTableView()
        self.ranking_view.setObjectName("ranking")
        self.ranking_view.setModel(self.ranking)
        self.ranking_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ranking_view.verticalHeader().setVisible(False)
        self.ranking_view.setMinimumHeight(300)
        self.ranking_view.doubleClicked.connect(lambda index: self._open_ranked(index.row()))
        self._layout()
        self.pending = QTimer(self, singleShot=True, interval=300)  # typing a date: one computation at the end
        self.pending.timeout.connect(self.refresh)
        self.as_of.dateChanged.connect(lambda _: self.pending.start())
        self.list_box.currentIndexChanged.connect(lambda _: self.pending.start())
        self.district_box.currentIndexChanged.connect(lambda _: self.pending.start())
        self.refresh()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for label, widget in ((self.tr("As of"), self.as_of), (self.tr("List"), self.list_box),
                              (self.tr("District"), self.district_box)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        for text, slot in ((self.tr("Refresh"), self.refresh), (self.tr("Print…"), self.print_dashboard),
                           (self.tr("Export PDF…"), self.choose_pdf)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        page = self.page = QWidget()
        content = QVBoxLayout(page)
        content.addLayout(self.grid)
        ranking_title = QLabel(self.tr("Most behind schedule (double-click to open)"))
        font = ranking_title.font()
        font.setBold(True)
        ranking_title.setFont(font)
        content.addWidget(ranking_title)
        content.addWidget(self.ranking_view)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)

    # ------------------------------------------------------------------------------------------ numbers
    def refresh(self) -> None:
        """Compute the numbers for the chosen date and filter on a worker; ``numbers_ready`` when shown."""
        self._generation += 1
        generation, path = self._generation, self.store.path
        chosen = self.as_of.date()
        as_of = dt.date(chosen.year(), chosen.month(), chosen.day())
        kind, district = self.list_box.currentData(), self.district_box.currentData()
        kinds = (kind,) if kind else schema.LIST_KEYS

        def work(progress: TaskProgress) -> DashboardNumbers:
            with Store.open(path, read_only=True) as store:
                return dashboard_numbers(store, as_of=as_of, kinds=kinds, district=district)

        self.task = run_task(self, self.tr("Computing the meeting numbers…"), work,
                             on_done=lambda numbers: self._show(generation, numbers), on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.note.setText(labels.error_text(error, self.lang))

    def _show(self, generation: int, numbers: DashboardNumbers) -> None:
        if generation != self._generation:
            return
        self.numbers = numbers
        for panel in self.panels.values():
            self.grid.removeWidget(panel)
            panel.deleteLater()
        self.panels = {}
        cell = 0  # charts fill the grid row by row; a wide one takes a row of its own
        for spec in dashboard_specs(numbers, self.store, self.lang):
            panel = ChartPanel(spec)
            panel.bar_clicked.connect(self.drill)
            if spec.wide:
                cell += cell % CHART_COLUMNS
                self.grid.addWidget(panel, cell // CHART_COLUMNS, 0, 1, CHART_COLUMNS)
                cell += CHART_COLUMNS
            else:
                self.grid.addWidget(panel, cell // CHART_COLUMNS, cell % CHART_COLUMNS)
                cell += 1
            panel.show()  # now, not at the next event (a layout shows new children later): prints need it
            self.panels[spec.key] = panel
        self.summary.setText(self.summary_text(numbers))
        self.ranking.set_rows(numbers.stats.ranking)
        if not columns_remembered(self.ranking_view):
            self.ranking_view.resizeColumnsToContents()
        self.lay_out()
        self.note.setText("")
        self.numbers_ready.emit(numbers)

    def lay_out(self) -> None:
        """Give the new charts their size now (not at the next event), so a print or a picture has them."""
        layout = self.page.layout()
        if layout is not None:
            layout.activate()
            self.page.resize(self.page.width(), max(self.page.height(), layout.sizeHint().height()))

    def summary_text(self, numbers: DashboardNumbers) -> str:
        stats = numbers.stats
        lights = {light: sum(item.lights.get(light, 0) for item in stats.lists) for light in ("红", "黄")}
        total = sum(item.totals[item.amount_fields.index("total_investment")] for item in stats.lists)
        schedule = next(iter(numbers.completion.values())).schedule if numbers.completion else None
        return self.tr("As of {date} (reports due for {period}, schedule {schedule}): {count:,} projects, total "
                       "investment {amount:,.1f} (100M CNY); {red:,} red, {yellow:,} yellow, {overdue:,} overdue."
                       ).format(date=numbers.as_of.isoformat(), period=labels.period_label(stats.due_period, self.lang),
                                schedule=labels.percent(schedule), count=sum(item.count for item in stats.lists),
                                amount=total / YI, red=lights["红"], yellow=lights["黄"], overdue=stats.overdue_count)

    # ------------------------------------------------------------------------------------------ drill-down
    def bar_title(self, bar: Bar) -> str:
        """What a bar stands for, as the drill-down's title."""
        if bar.measure == "stage":
            what = labels.stage_name(bar.kind, bar.key, self.lang)
        elif bar.measure == "district":
            what = labels.district_name(self.store, bar.key, self.lang)
        elif bar.measure == "light":
            what = self.tr("{light} light").format(light=labels.light_name(bar.key, self.lang)) if bar.key \
                else labels.light_name(None, self.lang)
        elif bar.measure == "rate" and self.numbers is not None:
            rates = {rate.key: rate for item in self.numbers.stats.lists if item.list_key == bar.kind
                     for rate in item.rates}
            what = rates[str(bar.key)].label(self.lang) if bar.key in rates else str(bar.key)
        else:
            what = self.tr("Behind the schedule")
        return self.tr("{list} · {what}").format(list=labels.list_name(bar.kind, self.lang), what=what)

    def drill(self, bar: Bar) -> None:
        """Open the projects behind ``bar`` (found on a worker with the filter and date of the numbers shown)."""
        if self.numbers is None:
            return
        numbers, path = self.numbers, self.store.path

        def work(progress: TaskProgress) -> list[int]:
            with Store.open(path, read_only=True) as store:
                return projects_behind(store, bar, as_of=numbers.as_of, query=numbers.queries[bar.kind])

        self.task = run_task(self, self.tr("Finding the projects…"), work,
                             on_done=lambda rids: self._open_drill(bar, rids), on_error=self._failed)

    def _open_drill(self, bar: Bar, rids: list[int]) -> None:
        dialog = DrillDialog(self.store, bar.kind, rids, title=self.bar_title(bar), lang=self.lang,
                             today=self.today, parent=self)
        dialog.changed.connect(self._edited)
        dialog.show()
        self.drilled.emit(dialog)

    def _open_ranked(self, row: int) -> None:
        behind = self.ranking.behind(row)
        if behind is not None:
            change = edit_project(self, self.store, behind.project.kind, behind.project.project_id, lang=self.lang)
            if change is not None:
                self._edited(change)

    def _edited(self, change: object) -> None:
        self.changed.emit(change)
        self.refresh()

    # ------------------------------------------------------------------------------------------ paper
    def document(self) -> PrintedDashboard:
        """The dashboard as it is printed: title, summary, the charts in order, the ranking."""
        scope = [self.list_box.currentText(), self.district_box.currentText()]
        title = self.tr("Meeting dashboard — {scope} — as of {date}").format(
            scope=" · ".join(scope), date=self.as_of.date().toString("yyyy-MM-dd"))
        rows = [[self.ranking.text(key, row) for key in RANKING_COLUMNS] for row in range(self.ranking.rowCount())]
        return PrintedDashboard(title, self.summary.text(), [panel.spec for panel in self.panels.values()],
                                self.tr("Most behind schedule"), self.ranking.header_texts(), rows)

    def export_pdf(self, path: Path) -> int:
        """Write the dashboard as a PDF; returns the pages written."""
        pages = write_pdf(path, self.document())
        self.note.setText(self.tr("Saved {pages} pages to {path}").format(pages=pages, path=str(path)))
        return pages

    def choose_pdf(self) -> None:
        name = self.tr("meeting-dashboard-{date}.pdf").format(date=self.as_of.date().toString("yyyy-MM-dd"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the dashboard to PDF"), name,
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.export_pdf(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def print_dashboard(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        a4_landscape(printer)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            paint_dashboard(printer, self.document())
