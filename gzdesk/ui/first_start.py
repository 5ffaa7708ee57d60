"""The first start on an empty database: a panel above the empty table offers to import a workbook, to load sample
data (on a worker, with progress) or to start empty. Once there is data, or the clerk has chosen, it never shows
again for that database (the answer is kept in the database's settings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gzdesk.core import schema
from gzdesk.core.store import Store
from gzdesk.ui.flow import Flow
from gzdesk.ui.tasks import TaskProgress, run_task

if TYPE_CHECKING:
    from gzdesk.core.demo.fill import DemoReport
    from gzdesk.ui.main_window import MainWindow

CHOICE_SETTING = "first_start_choice"
SAMPLE_PROJECTS = 2000  # like `gzdesk demo`: 14 officials, 500 enterprises, 90 key projects


def has_data(store: Store) -> bool:
    return any(store.conn.execute(f"SELECT 1 FROM [{entity.table}] LIMIT 1").fetchone() is not None
               for entity in schema.ENTITIES if entity.key != "office")


def should_offer(store: Store) -> bool:
    """True on a writable database with no records that has never been answered."""
    return store.read_only_reason is None and store.setting(CHOICE_SETTING) is None and not has_data(store)


class FirstStartPanel(QFrame):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStart")
        self.setStyleSheet("#firstStart { background: #eef4fb; border: 1px solid #b6cfe9; border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        title = QLabel(self.tr("This database is empty"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(self.tr("Start with a workbook your office already keeps: its projects are read, checked and "
                              "shown before anything is saved. Or look around first with made-up sample data "
                              "(2,000 projects, 500 enterprises, 14 officials)."))
        text.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(text)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for choice, label in (("import", self.tr("&Import a workbook…")), ("sample", self.tr("Load &sample data")),
                              ("empty", self.tr("Start &empty"))):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, c=choice: self.chosen.emit(c))
            self.buttons[choice] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons["import"].setDefault(True)


class FirstStart(Flow):
    """Shows the panel in ``window`` when :func:`should_offer`; ``filled`` carries the sample data's report."""

    filled = Signal(object)

    def __init__(self, window: MainWindow, *, lang: str) -> None:
        super().__init__(window, window.store.path, lang=lang)
        self.main_window = window
        self.panel: FirstStartPanel | None = None
        if should_offer(window.store):
            self.panel = FirstStartPanel()
            self.panel.chosen.connect(self.choose)
            window.right_layout.insertWidget(0, self.panel)
            window.import_flow.imported.connect(lambda _: self.close())

    def failure_title(self) -> str:
        return self.tr("Cannot load the sample data")

    def close(self) -> None:
        if self.panel is not None:
            self.panel.hide()
            self.panel.deleteLater()
            self.panel = None

    def choose(self, choice: str) -> None:
        """Start empty (remembered), import (the panel goes once something is imported) or load the sample data."""
        if choice == "empty":
            self.main_window.store.set_setting(CHOICE_SETTING, choice)
            self.close()
        elif choice == "import":
            self.main_window.choose_import()
        elif choice == "sample":
            self.load_sample_data()

    def load_sample_data(self) -> None:
        if self.panel is not None:
            self.panel.setEnabled(False)

        def work(progress: TaskProgress) -> DemoReport:
            from gzdesk.core.demo import fill_demo

            with Store.open(self.database) as store:
                return fill_demo(store, projects=SAMPLE_PROJECTS, progress=progress)

        self.task = run_task(self.main_window, self.tr("Loading the sample data…"), work,
                             on_done=self._filled, on_error=self._not_filled)

    def _not_filled(self, error: BaseException) -> None:
        if self.panel is not None:
            self.panel.setEnabled(True)  # cancelled or failed: nothing was added, the offer stands
        self.failed(error)

    def _filled(self, report: DemoReport) -> None:
        self.main_window.store.set_setting(CHOICE_SETTING, "sample")
        self.close()
        self.main_window.refresh()
        self.filled.emit(report)
        self.finished.emit()
