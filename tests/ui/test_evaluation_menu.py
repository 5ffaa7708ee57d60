"""The main window's way in: the Evaluations menu (timeline, round, dashboard) on the current project row."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from gzdesk.core.store import Store
from gzdesk.ui.main_window import MainWindow
from tests.ui import evaluation_data as data


def evaluation_menu(window: MainWindow) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text() == "进展评估(&A)":
            return menu
    raise AssertionError("no Evaluations menu")


def test_the_menu_opens_the_timeline_round_and_dashboard(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    window.show()
    assert [(a.text(), a.shortcut().toString()) for a in evaluation_menu(window).actions()] == [
        ("项目进展评估…", "Ctrl+T"), ("评估轮次…", "Ctrl+R"), ("调度会看板…", "Ctrl+D")]
    rows = {window.model.record_id(row): row for row in range(window.model.rowCount())}
    window.table.setCurrentIndex(window.model.index(rows["p5"], 0))
    timeline = window.evaluations.open_timeline()
    assert timeline is not None and timeline.project["id"] == "p5" and timeline.model.rowCount() == 1
    timeline.close()
    round_window = window.evaluations.open_round()
    qtbot.waitUntil(lambda: round_window.model.rowCount() == 7, timeout=10_000)  # read on a worker
    assert round_window.isVisible() and window.evaluations.open_round() is round_window  # one round window
    dashboard = window.evaluations.open_dashboard()
    qtbot.waitUntil(lambda: dashboard.numbers is not None, timeout=10_000)
    assert dashboard.isVisible() and len(dashboard.panels) == 8
    window.sidebar.setCurrentRow(window.sidebar.count() - 1)  # the evaluations: a row opens its project's timeline
    assert window.current_kind == "evaluation"
    window.table.setCurrentIndex(window.model.index(0, 0))
    timeline = window.evaluations.open_timeline()
    assert timeline is not None and timeline.model.rowCount() >= 1
    timeline.close()
