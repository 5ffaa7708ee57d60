"""Tools › Back up now, the backups dialog, restore (which re-creates the window on the reopened database), and
Tools › Check the database with its safe repairs — on real database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from gzdesk.core import backup, migrations
from gzdesk.core.store import Store
from gzdesk.ui.check_dialog import CheckResult
from gzdesk.ui.main_window import MainWindow


def names(window: MainWindow) -> list[str]:
    column = window.model.column_of("name")
    return sorted(str(window.model.data(window.model.index(row, column))) for row in range(window.model.rowCount()))


def test_back_up_now_is_listed_and_restoring_it_brings_the_earlier_data_back(qtbot: QtBot, store: Store) -> None:
    store.create_many("investment", [{"name": f"备份前{i}", "district": "440106"} for i in range(3)], source="test")
    window = MainWindow(store, lang="zh")  # not given to qtbot: the restore deletes it
    window.show()
    flow = window.menus.backup_flow
    with qtbot.waitSignal(flow.backed_up, timeout=30_000) as taken:
        flow.back_up_now()
    (listed,) = backup.list_backups(store.path)
    assert listed.path == taken.args[0] and listed.reason == "manual"
    assert "已备份到" in window.statusBar().currentMessage()

    dialog = flow.backups_dialog()
    dialog.show()
    with qtbot.waitSignal(dialog.verified, timeout=30_000):
        dialog.reload()  # the first verification (when the dialog opened) no longer counts
    assert [dialog.table.item(0, c).text() for c in (1, 3)] == ["手动备份", "已验证"]
    assert dialog.selected() == listed and dialog.restore_button.isEnabled()

    store.create("investment", {"name": "备份后新增", "district": "440106"})
    window.refresh()
    window.sidebar.setCurrentRow(1)
    window.sidebar.setCurrentRow(0)
    assert len(names(window)) == 4
    asked: list[str] = []
    flow.confirm = lambda title, text: (asked.append(text), True)[1]
    with qtbot.waitSignal(flow.restored, timeout=30_000) as restored:
        dialog.restore_button.click()
    new = restored.args[0]
    qtbot.addWidget(new)
    assert asked and listed.path.name in asked[0]
    assert new is not window and new.isVisible() and new.store is not store
    assert names(new) == ["备份前0", "备份前1", "备份前2"]
    reasons = [info.reason for info in backup.list_backups(store.path)]
    assert "before-restore" in reasons  # the data before the restore is kept
    assert backup.automatic_paused(store.path)
    assert any("已从" in notice.text() for notice in new.notices)
    new.store.close()


def test_a_backup_from_a_newer_version_is_refused_with_the_cores_message(qtbot: QtBot, store: Store, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    store.create("investment", {"name": "原有项目", "district": "440106"})
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    window.menus.backup_flow.confirm = lambda title, text: pytest.fail("a refused backup is not offered")
    window.menus.backup_flow.restore(newer)
    assert shown and "更新版本" in shown[0]
    assert window.model.rowCount() == 1 and store.record("investment", window.model.record_id(0) or "")  # still open


def test_check_finds_nothing_on_a_good_database(qtbot: QtBot, store: Store) -> None:
    store.create("investment", {"name": "正常项目", "district": "440106"})
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    flow = window.menus.check_flow
    asked: list[CheckResult] = []
    flow.ask = lambda result: (asked.append(result), False)[1]
    with qtbot.waitSignal(flow.finished, timeout=30_000):
        flow.start()
    assert asked == [CheckResult([], [])]
    assert flow.summary(asked[0]) == "未发现问题。"


def test_check_finds_a_planted_problem_and_repairs_it(qtbot: QtBot, store: Store) -> None:
    store.create_many("investment", [{"name": f"芯片项目{i}", "district": "440106"} for i in range(5)], source="test")
    store.conn.execute("DROP TRIGGER audit_no_delete")
    store.conn.execute("INSERT INTO investment_fts(investment_fts) VALUES ('delete-all')")
    window = MainWindow(store, lang="en")
    qtbot.addWidget(window)
    flow = window.menus.check_flow
    found: list[CheckResult] = []
    told: list[str] = []
    flow.ask = lambda result: (found.append(result), True)[1]
    flow.tell = lambda report: told.append(flow.report_summary(report))
    with qtbot.waitSignal(flow.repaired, timeout=30_000) as repaired:
        flow.start()
    (result,) = found
    assert [p.code for p in result.problems] == ["check.audit_guard", "check.stale_index"]
    assert [p.code for p in result.repairs] == ["check.stale_index", "check.audit_guard"]
    assert flow.summary(result) == "2 problem(s) found. 2 of them can be repaired safely; a backup is taken first."
    report = repaired.args[0]
    assert [f.code for f in report.repaired] == ["repair.search_index", "repair.audit_guard"] and not report.remaining
    assert told[0].startswith("Repaired 2 problem(s). The data before the repair is in the backup")
    window.search.setText("芯片")
    window.search.returnPressed.emit()
    assert window.model.rowCount() == 5  # search works again
    found.clear()
    with qtbot.waitSignal(flow.finished, timeout=30_000):
        flow.start()
    assert found == [CheckResult([], [])]
