"""Undo and redo of every edit in the main window — form create and edit, delete, bulk edit — on a real database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from gzdesk.core.store import Store
from gzdesk.ui.bulk_edit import BulkEditDialog
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.record_form import RecordForm
from tests.conftest import project


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    store.create_many("investment", [project(f"项目{i:02d}", stage="在谈", total_investment=float(i * 100))
                                     for i in range(10)], source="test")
    shown = MainWindow(store, lang="zh")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def names(window: MainWindow) -> list[str]:
    column = window.model.column_of("name")
    return [str(window.model.data(window.model.index(row, column))) for row in range(window.model.rowCount())]


def select(window: MainWindow, rows: list[int]) -> None:
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(window.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def answer_form(monkeypatch: pytest.MonkeyPatch, values: dict[str, object]) -> None:
    monkeypatch.setattr(RecordForm, "ask", lambda form: values)


def test_create_edit_undo_redo(window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    history = window.history
    warnings: list[str] = []
    history.warn = lambda title, text: warnings.append(text)
    assert not history.undo_action.isEnabled() and history.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert [k.toString() for k in history.redo_action.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    answer_form(monkeypatch, {"name": "新建芯片项目", "district": "440112", "stage": "签约"})
    window.edit_record(None)
    assert window.model.rowCount() == 11 and "新建芯片项目" in names(window)
    record_id = window.model.record_id(names(window).index("新建芯片项目"))
    assert record_id is not None
    answer_form(monkeypatch, {"stage": "开工", "total_investment": 5000.0})
    window.edit_record(names(window).index("新建芯片项目"))
    assert store.record("investment", record_id)["stage"] == "开工"  # type: ignore[index]
    assert history.undo_action.text() == "撤销 修改“新建芯片项目”"
    assert window.count_label.text().startswith("共 11 条")

    history.undo_action.trigger()  # the edit
    assert warnings == []
    record = store.record("investment", record_id)
    assert record is not None and (record["stage"], record["total_investment"]) == ("签约", None)
    history.undo_action.trigger()  # the create
    assert store.record("investment", record_id) is None and window.model.rowCount() == 10
    assert "新建芯片项目" not in names(window) and window.count_label.text().startswith("共 10 条")
    assert not history.undo_action.isEnabled()
    history.redo_action.trigger()  # the create again: the same id
    assert store.record("investment", record_id)["stage"] == "签约"  # type: ignore[index]
    history.redo_action.trigger()
    assert store.record("investment", record_id)["stage"] == "开工"  # type: ignore[index]
    assert "新建芯片项目" in names(window) and not history.redo_action.isEnabled()
    sources = [(e.action, e.source) for e in store.history(record_id)]
    assert sources[0] == ("create", "form") and ("delete", "undo") in sources and ("create", "undo") in sources


def test_delete_asks_with_the_count_and_undo_restores_ids_and_values(window: MainWindow, store: Store) -> None:
    asked: list[str] = []
    window.table_actions.confirm = lambda title, text: asked.append(text) is None
    select(window, [1, 2, 5])
    chosen = [window.model.record_id(row) for row in (1, 2, 5)]
    before = {i: store.record("investment", str(i)) for i in chosen}
    assert window.table_actions.delete_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    window.table_actions.delete_action.trigger()
    assert asked and "3" in asked[0] and "删除" in asked[0]
    assert window.model.rowCount() == 7 and all(store.record("investment", str(i)) is None for i in chosen)
    assert window.history.undo_action.text() == "撤销 删除 3 条记录"
    window.history.undo_action.trigger()
    assert window.model.rowCount() == 10 and names(window)[1:3] == ["项目01", "项目02"]
    for record_id, record in before.items():
        restored = store.record("investment", str(record_id))
        assert restored is not None and record is not None
        assert {k: v for k, v in restored.items() if k not in ("revision", "updated_at", "updated_by")} == {
            k: v for k, v in record.items() if k not in ("revision", "updated_at", "updated_by")}
    asked.clear()
    window.table_actions.confirm = lambda title, text: asked.append(text) is not None  # the clerk says no
    select(window, [0])
    window.table_actions.delete_selected()
    assert window.model.rowCount() == 10 and asked == ["删除“项目00”？\n删除后可用“撤销”（Ctrl+Z）恢复。"]


def test_bulk_edit_of_three_rows_is_one_undo_step(window: MainWindow, store: Store) -> None:
    def ask(dialog: BulkEditDialog) -> tuple[str, object] | None:
        assert "3" in dialog.intro.text()
        dialog.choose_field("total_investment")
        editor = dialog.editor
        editor.setText("1.2亿")  # type: ignore[union-attr]  # the form's coercion: 12000 万元
        assert dialog.validate()
        editor.setText("很多")  # type: ignore[union-attr]
        assert not dialog.validate() and not dialog.ok_button.isEnabled()
        editor.setText("1.2亿")  # type: ignore[union-attr]
        value, problem = dialog.value()
        return ("total_investment", value) if problem is None else None

    window.table_actions.ask_bulk_edit = ask
    select(window, [0, 3, 4])
    ids = [window.model.record_id(row) for row in (0, 3, 4)]
    steps = window.history.stack.count()
    window.table_actions.bulk_edit_action.trigger()
    assert [store.record("investment", str(i))["total_investment"] for i in ids] == [12000.0] * 3  # type: ignore[index]
    assert window.history.stack.count() == steps + 1
    total = window.model.column_of("total_investment")
    assert window.model.data(window.model.index(3, total)) == "12,000"
    assert window.history.undo_action.text() == "撤销 批量修改 3 条记录的“总投资”"
    window.history.undo_action.trigger()
    assert [store.record("investment", str(i))["total_investment"] for i in ids] == [0.0, 300.0, 400.0]  # type: ignore[index]
    assert window.model.data(window.model.index(3, total)) == "300"
    window.history.redo_action.trigger()
    assert [store.record("investment", str(i))["total_investment"] for i in ids] == [12000.0] * 3  # type: ignore[index]


def test_an_undo_refused_because_the_record_changed_says_so_and_changes_nothing(window: MainWindow,
                                                                                store: Store) -> None:
    warnings: list[str] = []
    window.history.warn = lambda title, text: warnings.append(title + ": " + text)
    record = store.record("investment", str(window.model.record_id(0)))
    assert record is not None
    window.history.edit("investment", record, {"stage": "签约"})
    store.update("investment", str(record["id"]), {"stage": "开工"}, source="import")  # another window, an import
    window.history.undo_action.trigger()
    assert store.record("investment", str(record["id"]))["stage"] == "开工"  # type: ignore[index]
    assert warnings and warnings[0].startswith("无法撤销") and "已被其他人修改" in warnings[0]
    assert not window.history.undo_action.isEnabled()  # the step left the history


def test_the_keys_work_in_the_table_and_stay_the_search_boxs_there(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    asked: list[str] = []
    window.table_actions.confirm = lambda title, text: asked.append(text) is None
    window.activateWindow()
    window.table.setFocus()
    window.table.selectRow(1)
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().splitlines()[1].startswith("\t项目01\t")
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert asked and window.model.rowCount() == 9
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 10
    qtbot.keyClick(window.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 9
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.model.rowCount() == 9  # nothing left to redo
    window.search.setFocus()
    window.search.setText("项目")
    window.search.selectAll()
    qtbot.keyClick(window.search, Qt.Key.Key_Delete)
    assert window.search.text() == "" and window.model.rowCount() == 9 and len(asked) == 1
