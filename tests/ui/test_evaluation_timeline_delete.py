"""Deleting an evaluation in the timeline window, on a real database and the real dialog: 删除评估… (and Del on the
evaluations table) asks first, naming the period and how many milestones and problems go with it; the delete takes
them along, the next period is chosen, and Ctrl+Z / Ctrl+Shift+Z bring all of it back and take it again, the
database, evaluation_latest, the tables and the selection checked after each step. Undoing or redoing a milestone or
problem step brings the clerk to its evaluation and tab. Only the answer of Qt's question box is patched
(``QMessageBox.question``); the window's own code runs as it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from gzdesk.core.evaluation import details, listing, records
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.timeline import TimelineDialog
from gzdesk.ui.i18n import install_translators
from tests.ui import evaluation_data as data
from tests.ui.test_evaluation_details import clerk, column, type_into
from tests.ui.test_evaluation_timeline_undo import latest_matches_rebuild, latest_of, open_timeline, press

M, P = details.MILESTONES, details.PROBLEMS
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
BOOKKEEPING = ("updated_at", "updated_by", "revision")


class Questions:
    """Qt's question box, answered without showing it: every question asked is kept."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, parent: object, title: str, text: str, *rest: object) -> QMessageBox.StandardButton:
        self.asked.append((title, text))
        return self.answer


def answer_questions(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton = YES) -> Questions:
    questions = Questions(answer)
    monkeypatch.setattr(QMessageBox, "question", questions)
    return questions


@pytest.fixture
def filled(store: Store) -> Store:
    """The evaluation dataset; p1 has 2026-03 (two milestones, one problem), 2026-02 and 2026-01."""
    install_translators("zh")
    data.fill(store)
    data.evaluate(store, "investment", "p1", "2026-02", 1000, 20)
    data.evaluate(store, "investment", "p1", "2026-01", 1000, 10)
    march = period_id(store, "2026-03")
    details.add_milestone(store, march, {"name": "主体封顶", "planned_on": "2026-06"})
    details.add_milestone(store, march, {"name": "设备进场", "done_on": "2026-03-20"})
    details.add_problem(store, march, {"description": "用地指标未落实", "category": "用地"})
    return store


def period_id(store: Store, period: str, project_id: str = "p1") -> str:
    found = records.existing_id(store, project_id, period)
    assert found is not None
    return found


def periods(store: Store, project_id: str = "p1") -> list[str]:
    return [str(row["period"]) for row in listing.timeline(store, project_id)]


def shown_periods(dialog: TimelineDialog) -> list[str]:
    return [str(row["period"]) for row in dialog.model.rows]


def chosen_period(dialog: TimelineDialog) -> str | None:
    evaluation = dialog.model.evaluation(dialog.table.currentIndex().row())
    selected = dialog.table.selectionModel().selectedRows()
    assert [index.row() for index in selected] == [dialog.table.currentIndex().row()]
    return None if evaluation is None else str(evaluation["period"])


def whole(store: Store, kind: str, evaluation_id: str) -> list[dict[str, object]]:
    rows = details.details_of(store, kind, [evaluation_id])
    return [{key: value for key, value in row.items() if key not in BOOKKEEPING} for row in rows]


def test_the_button_sits_next_to_edit_and_needs_a_selected_evaluation(qtbot: QtBot, filled: Store) -> None:
    dialog = open_timeline(qtbot, filled, "p1")
    edit, delete = dialog.edit_button.geometry(), dialog.delete_button.geometry()
    assert delete.top() == edit.top() and 0 <= delete.left() - edit.right() <= 12  # right after 修改…
    assert dialog.delete_button.text() == "删除评估…" and dialog.delete_button.isEnabled()
    assert dialog.delete_action.isEnabled() and dialog.delete_action in dialog.table.actions()
    dialog.table.clearSelection()
    assert not dialog.delete_button.isEnabled() and not dialog.delete_action.isEnabled()
    dialog.delete_evaluation()  # nothing chosen: nothing asked, nothing deleted
    assert periods(filled) == ["2026-03", "2026-02", "2026-01"]
    dialog.table.selectRow(2)
    assert dialog.delete_button.isEnabled() and chosen_period(dialog) == "2026-01"

    empty = open_timeline(qtbot, filled, "p3")  # no evaluations at all
    assert empty.model.rowCount() == 0 and not empty.delete_button.isEnabled()
    assert not empty.delete_action.isEnabled()


def test_declining_the_question_deletes_nothing(qtbot: QtBot, filled: Store, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    store = filled
    questions = answer_questions(monkeypatch, NO)
    dialog = open_timeline(qtbot, store, "p1")
    march = period_id(store, "2026-03")
    dialog.delete_button.click()
    assert questions.asked == [("删除评估", "删除“甲芯片项目”的 2026-03 评估？\n其节点（2 个）和问题（1 个）将一并删除。\n"
                                         "删除后可用“撤销”（Ctrl+Z）全部恢复。")]
    assert periods(store) == ["2026-03", "2026-02", "2026-01"] and shown_periods(dialog) == periods(store)
    assert details.detail_counts(store, march) == {M: 2, P: 1} and latest_of(store, "p1") == march
    assert chosen_period(dialog) == "2026-03" and dialog.history.stack.count() == 0
    assert not dialog.history.undo_action.isEnabled()


def test_delete_then_undo_and_redo_it(qtbot: QtBot, filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store = filled
    questions = answer_questions(monkeypatch)
    dialog = open_timeline(qtbot, store, "p1")
    panel = dialog.details_panel
    march, february = period_id(store, "2026-03"), period_id(store, "2026-02")
    milestones, problems = whole(store, M, march), whole(store, P, march)
    assert [row["name"] for row in milestones] == ["主体封顶", "设备进场"] and len(problems) == 1
    evaluation_row = store.record("evaluation", march)
    assert evaluation_row is not None

    with qtbot.waitSignal(dialog.changed, timeout=5_000) as written:
        dialog.delete_button.click()
    assert [title for title, _ in questions.asked] == ["删除评估"]
    assert written.args[0].entity == "evaluation" and written.args[0].deleted == (march,)
    assert periods(store) == ["2026-02", "2026-01"] and store.record("evaluation", march) is None
    assert details.detail_counts(store, march) == {M: 0, P: 0} and latest_of(store, "p1") == february
    assert shown_periods(dialog) == ["2026-02", "2026-01"] and chosen_period(dialog) == "2026-02"
    assert panel.evaluation_id == february and panel.tabs.tabText(0) == "节点（0）"
    assert dialog.history.undo_action.text() == "撤销 删除 2026-03 评估"
    latest_matches_rebuild(store)

    press(qtbot, dialog, "Ctrl+Z")
    assert periods(store) == ["2026-03", "2026-02", "2026-01"] and latest_of(store, "p1") == march
    restored = store.record("evaluation", march)
    assert restored is not None
    assert {k: v for k, v in restored.items() if k not in BOOKKEEPING} == \
        {k: v for k, v in evaluation_row.items() if k not in BOOKKEEPING}
    assert whole(store, M, march) == milestones and whole(store, P, march) == problems
    assert shown_periods(dialog) == ["2026-03", "2026-02", "2026-01"] and chosen_period(dialog) == "2026-03"
    assert panel.evaluation_id == march and column(panel, M, "name") == ["主体封顶", "设备进场"]
    assert column(panel, P, "description") == ["用地指标未落实"]
    assert panel.tabs.tabText(0) == "节点（2）" and panel.tabs.tabText(1) == "问题（1，未解决 1）"
    assert dialog.history.redo_action.text() == "重做 删除 2026-03 评估"
    latest_matches_rebuild(store)

    dialog.table.selectRow(2)  # the clerk looks elsewhere; the redo shows where it deleted
    press(qtbot, dialog, "Ctrl+Shift+Z")
    assert periods(store) == ["2026-02", "2026-01"] and details.detail_counts(store, march) == {M: 0, P: 0}
    assert shown_periods(dialog) == ["2026-02", "2026-01"] and chosen_period(dialog) == "2026-02"
    assert latest_of(store, "p1") == february
    latest_matches_rebuild(store)
    assert [(entry.action, entry.source) for entry in store.history(march)] == [
        ("create", "test"), ("delete", "form"), ("create", "undo"), ("delete", "undo")]
    assert len(questions.asked) == 1  # undo and redo ask nothing


def test_del_on_the_table_deletes_and_the_older_period_is_chosen(qtbot: QtBot, filled: Store,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store = filled
    questions = answer_questions(monkeypatch)
    dialog = open_timeline(qtbot, store, "p1")
    january = period_id(store, "2026-01")
    dialog.table.selectRow(1)  # February, between March and January
    press(qtbot, dialog, "Del")
    assert questions.asked == [("删除评估", "删除“甲芯片项目”的 2026-02 评估？\n该评估没有节点或问题。\n"
                                         "删除后可用“撤销”（Ctrl+Z）全部恢复。")]
    assert periods(store) == ["2026-03", "2026-01"] and chosen_period(dialog) == "2026-01"
    assert dialog.details_panel.evaluation_id == january
    press(qtbot, dialog, "Del")  # the last one: the newer neighbour is chosen
    assert periods(store) == ["2026-03"] and chosen_period(dialog) == "2026-03"
    press(qtbot, dialog, "Ctrl+Z")
    assert periods(store) == ["2026-03", "2026-01"] and chosen_period(dialog) == "2026-01"
    assert dialog.details_panel.evaluation_id == january


def test_del_in_the_milestones_table_still_deletes_only_the_milestone(qtbot: QtBot, filled: Store,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = filled
    questions = answer_questions(monkeypatch)
    dialog = open_timeline(qtbot, store, "p1")
    march = period_id(store, "2026-03")
    table = dialog.details_panel.tables[M]
    table.selectRow(0)
    dialog.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2_000)
    with qtbot.waitSignal(dialog.changed, timeout=5_000):
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [title for title, _ in questions.asked] == ["删除节点"]
    assert periods(store) == ["2026-03", "2026-02", "2026-01"]
    assert [row["name"] for row in details.details_of(store, M, [march])] == ["设备进场"]


def test_english_question(qtbot: QtBot, filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    install_translators("en")
    try:
        questions = answer_questions(monkeypatch, NO)
        dialog = open_timeline(qtbot, filled, "p1", lang="en")
        assert dialog.delete_button.text() == "Delete evaluation…"
        dialog.delete_button.click()
        assert questions.asked == [("Delete evaluation", "Delete the 2026-03 evaluation of “甲芯片项目”?\n"
                                                         "Its milestones (2) and problems (1) are deleted with it.\n"
                                                         "Undo (Ctrl+Z) brings it all back.")]
        questions.answer = YES
        dialog.delete_button.click()
        assert dialog.history.undo_action.text() == "Undo Delete evaluation 2026-03"
    finally:
        install_translators("zh")


def test_a_delete_of_an_evaluation_changed_elsewhere_is_refused(qtbot: QtBot, filled: Store,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store = filled
    answer_questions(monkeypatch)
    dialog = open_timeline(qtbot, store, "p1")
    march = period_id(store, "2026-03")
    records.update_evaluation(store, march, {"done_ytd": 60})  # another window saved, after it was shown
    warnings: list[tuple[str, str]] = []
    dialog.warn = lambda title, text: warnings.append((title, text))
    dialog.delete_button.click()
    [(title, text)] = warnings
    assert title == "无法删除" and "已被其他人修改" in text
    assert periods(store) == ["2026-03", "2026-02", "2026-01"] and details.detail_counts(store, march) == {M: 2, P: 1}
    assert chosen_period(dialog) == "2026-03" and dialog.history.stack.count() == 0
    assert dialog.model.rows[0]["done_ytd"] == 60  # shown anew


def test_undo_of_a_detail_step_shows_its_evaluation_and_tab(qtbot: QtBot, filled: Store,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = filled
    answer_questions(monkeypatch)
    dialog = open_timeline(qtbot, store, "p1")
    panel = dialog.details_panel
    march, january = period_id(store, "2026-03"), period_id(store, "2026-01")
    panel.tables[M].selectRow(0)
    panel.buttons[M, "delete"].click()  # the clerk deletes 主体封顶 from March …
    assert column(panel, M, "name") == ["设备进场"]
    dialog.table.selectRow(2)  # … and goes to January, problems tab
    panel.tabs.setCurrentIndex(1)
    assert panel.evaluation_id == january

    press(qtbot, dialog, "Ctrl+Z")  # the milestone comes back: March, milestones tab, the milestone chosen
    assert chosen_period(dialog) == "2026-03" and panel.evaluation_id == march and panel.tabs.currentIndex() == 0
    assert column(panel, M, "name") == ["主体封顶", "设备进场"]
    current = panel.current(M)
    assert current is not None and current["name"] == "主体封顶"

    dialog.table.selectRow(2)
    panel.tabs.setCurrentIndex(1)
    press(qtbot, dialog, "Ctrl+Shift+Z")  # deleted again: the clerk sees it go from March's milestones
    assert chosen_period(dialog) == "2026-03" and panel.evaluation_id == march and panel.tabs.currentIndex() == 0
    assert column(panel, M, "name") == ["设备进场"] and panel.tabs.tabText(0) == "节点（1）"

    panel.ask_form = clerk(lambda form: type_into(form, "description", "资金到位慢"))
    panel.buttons[P, "add"].click()  # a problem added to March
    dialog.table.selectRow(2)
    panel.tabs.setCurrentIndex(0)
    press(qtbot, dialog, "Ctrl+Z")  # its add undone (a delete): March's problems tab
    assert chosen_period(dialog) == "2026-03" and panel.tabs.currentIndex() == 1
    assert column(panel, P, "description") == ["用地指标未落实"]
    assert [row["description"] for row in details.details_of(store, P, [march])] == ["用地指标未落实"]


def test_detail_steps_before_a_deleted_evaluation_still_undo(qtbot: QtBot, filled: Store,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = filled
    answer_questions(monkeypatch)
    dialog = open_timeline(qtbot, store, "p1")
    panel = dialog.details_panel
    march = period_id(store, "2026-03")
    panel.tables[P].selectRow(0)
    panel.buttons[P, "finish"].click()  # resolve the problem, then delete the whole evaluation
    dialog.table.selectRow(0)
    dialog.delete_button.click()
    assert periods(store) == ["2026-02", "2026-01"]
    press(qtbot, dialog, "Ctrl+Z")  # the evaluation back, its problem resolved …
    [problem] = details.details_of(store, P, [march])
    assert (problem["status"], problem["resolved_on"]) == ("已解决", data.AS_OF.isoformat())
    press(qtbot, dialog, "Ctrl+Z")  # … and the resolve undone too: the history's own restore never blocks it
    [problem] = details.details_of(store, P, [march])
    assert (problem["status"], problem["resolved_on"]) == ("未解决", None)
    assert chosen_period(dialog) == "2026-03" and panel.tabs.currentIndex() == 1
    assert column(panel, P, "status") == ["未解决"] and not dialog.history.undo_action.isEnabled()
    latest_matches_rebuild(store)
