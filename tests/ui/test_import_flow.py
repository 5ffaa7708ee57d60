"""Importing from the window: reviewed on a worker, decided through the ``ask`` seam (plain data), applied on a
worker, table refreshed. The wizard itself is driven in test_import_wizard.py."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from gzdesk.core.import_review import ImportDecision, review_import
from gzdesk.core.importer import plan_import
from gzdesk.core.store import Store
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.wizard import PROBLEMS, ImportWizard
from tests.core.imports import messy


def test_import_from_the_window_refreshes_the_table(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    window.show()
    asked = []
    window.import_flow.ask = lambda review: (asked.append(review.plan.counts()),
                                            ImportDecision(True, skip_invalid=True))[1]
    with qtbot.waitSignal(window.import_flow.finished, timeout=30_000):
        window.import_flow.start(messy.with_bad_rows(tmp_path / "坏行.xlsx"))
    assert asked == [{**asked[0], "new": 2, "invalid": 3}]
    assert window.model.rowCount() == 2 and window.count_label.text() == "共 2 条  合计（万元）： 协议投资额 50,100"
    assert "已导入" in window.statusBar().currentMessage()


def test_a_refused_file_leaves_the_window_working(qtbot: QtBot, store: Store, tmp_path: Path,
                                                  monkeypatch: object) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))  # type: ignore[attr-defined]
    window = MainWindow(store, lang="en")
    qtbot.addWidget(window)
    bad = tmp_path / "empty.xlsx"
    bad.write_bytes(b"")
    with qtbot.waitSignal(window.import_flow.finished, timeout=30_000):
        window.import_flow.start(bad)
    assert shown and "empty" in shown[0] and window.model.rowCount() == 0


def test_wizard_shows_the_plan_and_returns_the_choices(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    review = review_import(store, messy.with_bad_rows(tmp_path / "坏行.xlsx"))
    wizard = ImportWizard(review, lang="zh")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go(PROBLEMS)
    assert wizard.problems.table.rowCount() == 3 + len(review.plan.notes) and wizard.problems.skip_invalid.isVisible()
    assert not wizard.next.isEnabled() and not wizard.import_button.isEnabled()  # invalid rows need a decision
    wizard.problems.skip_invalid.setChecked(True)
    assert wizard.next.isEnabled() and wizard.import_button.isEnabled()
    assert wizard.decision() == ImportDecision(True, skip_invalid=True, on_conflict="fail")
    with qtbot.waitSignal(wizard.decided) as decided:
        wizard.cancel.click()
    assert decided.args == [ImportDecision(False)]


def test_export_from_the_window_writes_a_workbook_we_can_import_back(qtbot: QtBot, store: Store,
                                                                     tmp_path: Path) -> None:
    store.create_many("investment", [{"name": f"导出项目{i}", "district": "440106"} for i in range(5)], source="t")
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    window.export_flow.confirm_open_folder = False
    target = tmp_path / "交换表.xlsx"
    with qtbot.waitSignal(window.export_flow.done, timeout=30_000) as blocker:
        window.export_flow.start("exchange", target)
    assert blocker.args[0].counts["investment"] == 5 and target.exists()
    assert len(plan_import(store, target).matched) == 5


def test_undo_the_last_import_from_the_window(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    window.import_flow.ask = lambda review: ImportDecision(True, skip_invalid=True)
    with qtbot.waitSignal(window.import_flow.finished, timeout=30_000):
        window.import_flow.start(messy.with_bad_rows(tmp_path / "坏行.xlsx"))
    assert window.model.rowCount() == 2 and window.undo_import_action.isEnabled()
    asked = []
    window.undo_flow.ask = lambda plan: (asked.append((len(plan.delete), len(plan.edited_since))), False)[1]
    with qtbot.waitSignal(window.undo_flow.finished, timeout=30_000):
        window.undo_import_action.trigger()
    assert asked == [(2, 0)] and window.model.rowCount() == 0 and not window.undo_import_action.isEnabled()


def test_automatic_backup_runs_on_a_worker_and_lands_beside_the_database(qtbot: QtBot, store: Store) -> None:
    from gzdesk.core import backup

    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.backups.done, timeout=30_000) as blocker:
        window.backups.run_now()
    taken = blocker.args[0].taken
    assert taken is not None and [b.path for b in backup.list_backups(store.path)] == [taken]
    with qtbot.waitSignal(window.backups.done, timeout=30_000) as again:
        window.backups.run_now()
    assert again.args[0].taken is None  # not due again within the hour
