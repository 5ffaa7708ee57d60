"""Undo and redo in the evaluation timeline window, on a real database: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y and the
buttons take back and bring back an added evaluation (same id), an edit (values, judgement and light), and a
problem's or milestone's add, resolve, mark done and delete — the tables, the database and evaluation_latest
checked after each step; a step somebody else's change made impossible is refused with a message and leaves the
history. The clerk's answers come through ``make_form``/``ask``, ``ask_form``, ``confirm`` and ``warn``."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from gzdesk.core.evaluation import details, latest_table, listing, records
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels
from gzdesk.ui.evaluation.details_dialog import DetailDialog
from gzdesk.ui.evaluation.form import EvaluationForm
from gzdesk.ui.evaluation.timeline import COLUMNS, TimelineDialog
from gzdesk.ui.i18n import install_translators
from tests.ui import evaluation_data as data
from tests.ui.language import chrome_texts, mixed
from tests.ui.test_evaluation_details import choose, clerk, column, rows, type_into

M, P = details.MILESTONES, details.PROBLEMS


def open_timeline(qtbot: QtBot, store: Store, project_id: str, *, lang: str = "zh") -> TimelineDialog:
    dialog = TimelineDialog(store, "investment", project_id, lang=lang, today=data.AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.warn = lambda title, text: pytest.fail(f"unexpected warning: {title}: {text}")
    dialog.details_panel.warn = dialog.warn
    return dialog


@pytest.fixture
def filled(store: Store) -> Store:
    install_translators("zh")
    data.fill(store)
    data.evaluate(store, "investment", "p1", "2026-02", 1000, 20)
    return store


def press(qtbot: QtBot, dialog: TimelineDialog, keys: str) -> None:
    """The keys as the clerk presses them, in the active timeline window."""
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2_000)
    sequence = QKeySequence(keys)[0]
    with qtbot.waitSignal(dialog.changed, timeout=5_000):  # every undo and redo reaches the main window too
        qtbot.keyClick(dialog.table, sequence.key(), sequence.keyboardModifiers())


def cell(dialog: TimelineDialog, row: int, key: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return dialog.model.data(dialog.model.index(row, COLUMNS.index(key)), role)


def answer(dialog: TimelineDialog, fill: object) -> list[EvaluationForm]:
    """The next evaluation form is filled by ``fill(form)`` and saved (never a real modal exec())."""
    forms: list[EvaluationForm] = []

    def make(evaluation: dict[str, object] | None) -> EvaluationForm:
        form = EvaluationForm(dialog.store, dialog.kind, dialog.project, evaluation, lang=dialog.lang,
                              today=dialog.today, parent=dialog)
        fill(form)  # type: ignore[operator]
        form.ask = lambda: form.changes() if form.validate() else None  # type: ignore[method-assign]
        forms.append(form)
        return form

    dialog.make_form = make  # type: ignore[method-assign]
    return forms


def latest_matches_rebuild(store: Store) -> None:
    kept = store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall()
    with store.transaction() as conn:
        latest_table.rebuild(conn)
    assert store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall() == kept


def latest_of(store: Store, project_id: str) -> object:
    row = store.conn.execute("SELECT evaluation_id FROM evaluation_latest WHERE project_id = ?",
                             [project_id]).fetchone()
    return None if row is None else row[0]


def buttons(dialog: TimelineDialog) -> dict[str, QToolButton]:
    found = {button.defaultAction(): button for button in dialog.findChildren(QToolButton)}
    return {"undo": found[dialog.history.undo_action], "redo": found[dialog.history.redo_action]}


def test_the_window_has_its_own_undo_and_redo(qtbot: QtBot, filled: Store) -> None:
    dialog = open_timeline(qtbot, filled, "p1")
    history = dialog.history
    assert history.undo_action in dialog.actions() and history.redo_action in dialog.actions()
    assert history.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert [k.toString() for k in history.redo_action.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    shown = buttons(dialog)
    assert shown["undo"].text() == "撤销" and not shown["undo"].isEnabled() and not shown["redo"].isEnabled()


def test_add_an_evaluation_undo_and_redo_it(qtbot: QtBot, filled: Store) -> None:
    store = filled
    dialog = open_timeline(qtbot, store, "p3")

    def fill(form: EvaluationForm) -> None:
        form.editors["annual_plan"].setText("1000")  # type: ignore[union-attr]
        form.editors["done_ytd"].setText("100")  # type: ignore[union-attr]

    answer(dialog, fill)
    with qtbot.waitSignal(dialog.changed, timeout=5_000):
        dialog.add_evaluation()
    [added] = listing.timeline(store, "p3")
    assert dialog.model.rowCount() == 1 and cell(dialog, 0, "progress") == "滞后"
    assert latest_of(store, "p3") == added["id"]
    assert buttons(dialog)["undo"].text() == "撤销 新增 2026-03 评估"

    press(qtbot, dialog, "Ctrl+Z")
    assert listing.timeline(store, "p3") == [] and dialog.model.rowCount() == 0 and dialog.empty.isVisible()
    assert latest_of(store, "p3") is None and dialog.details_panel.evaluation_id is None
    latest_matches_rebuild(store)
    assert buttons(dialog)["redo"].text() == "重做 新增 2026-03 评估" and not buttons(dialog)["undo"].isEnabled()

    press(qtbot, dialog, "Ctrl+Shift+Z")
    [back] = listing.timeline(store, "p3")
    assert back["id"] == added["id"] and (back["judgement"], back["light"]) == ("滞后", "黄")
    assert dialog.model.rowCount() == 1 and cell(dialog, 0, "progress", Qt.ItemDataRole.DecorationRole) is \
        labels.light_dot("黄")
    assert dialog.details_panel.evaluation_id == added["id"] and latest_of(store, "p3") == added["id"]
    latest_matches_rebuild(store)
    press(qtbot, dialog, "Ctrl+Z")
    press(qtbot, dialog, "Ctrl+Y")  # the other redo key
    assert [row["id"] for row in listing.timeline(store, "p3")] == [added["id"]]
    sources = [(entry.action, entry.source) for entry in store.history(str(added["id"]))]
    assert sources == [("create", "form"), ("delete", "undo"), ("create", "undo"), ("delete", "undo"),
                       ("create", "undo")]


def test_undoing_an_edit_restores_values_and_light(qtbot: QtBot, filled: Store) -> None:
    store = filled
    dialog = open_timeline(qtbot, store, "p5")
    before = listing.timeline(store, "p5")[0]
    assert cell(dialog, 0, "progress") == "滞后 *" and cell(dialog, 0, "override") == "设备未到货，实际停工"

    def fill(form: EvaluationForm) -> None:
        form.editors["done_ytd"].setText("800")  # type: ignore[union-attr]  # 40 % against 24.7 %
        form.override.setChecked(False)

    answer(dialog, fill)
    dialog.edit_evaluation(0)
    assert cell(dialog, 0, "progress") == "超前" and cell(dialog, 0, "override") == ""
    assert cell(dialog, 0, "progress", Qt.ItemDataRole.DecorationRole) is labels.light_dot("绿")
    assert dialog.history.undo_action.text() == "撤销 修改 2026-03 评估"

    press(qtbot, dialog, "Ctrl+Z")
    row = listing.timeline(store, "p5")[0]
    assert (row["done_ytd"], row["judgement"], row["light"], row["override_reason"]) == \
        (before["done_ytd"], "滞后", "红", "设备未到货，实际停工")
    assert {k: v for k, v in row.items() if k not in ("updated_at", "revision")} == \
        {k: v for k, v in before.items() if k not in ("updated_at", "revision")}
    assert cell(dialog, 0, "progress") == "滞后 *" and cell(dialog, 0, "done_ytd") == labels.money(100)
    assert cell(dialog, 0, "progress", Qt.ItemDataRole.DecorationRole) is labels.light_dot("红")
    assert dialog.override_note.text().endswith("理由：设备未到货，实际停工")
    latest_matches_rebuild(store)

    press(qtbot, dialog, "Ctrl+Shift+Z")
    row = listing.timeline(store, "p5")[0]
    assert (row["done_ytd"], row["judgement"], row["light"], row["override_reason"]) == (800, "超前", "绿", None)
    assert cell(dialog, 0, "progress") == "超前"
    latest_matches_rebuild(store)


def test_add_resolve_and_delete_a_problem_then_undo_each(qtbot: QtBot, filled: Store) -> None:
    store = filled
    dialog = open_timeline(qtbot, store, "p1")
    panel = dialog.details_panel

    def new_problem(form: DetailDialog) -> None:
        choose(form, "category", "用地")
        type_into(form, "description", "用地指标未落实")

    panel.ask_form = clerk(new_problem)
    panel.buttons[P, "add"].click()
    [added] = rows(store, P, dialog)
    panel.buttons[P, "finish"].click()  # resolve
    assert rows(store, P, dialog)[0]["status"] == "已解决"
    panel.confirm = lambda title, text: True
    panel.buttons[P, "delete"].click()
    assert rows(store, P, dialog) == [] and panel.models[P].rowCount() == 0
    assert dialog.history.undo_action.text() == "撤销 删除问题“用地指标未落实”"

    press(qtbot, dialog, "Ctrl+Z")  # the delete: the same problem back, resolved
    [row] = rows(store, P, dialog)
    assert (row["id"], row["status"], row["resolved_on"]) == (added["id"], "已解决", data.AS_OF.isoformat())
    assert column(panel, P, "description") == ["用地指标未落实"] and panel.tabs.tabText(1) == "问题（1，未解决 0）"
    assert dialog.history.undo_action.text() == "撤销 解决问题“用地指标未落实”"
    press(qtbot, dialog, "Ctrl+Z")  # the resolve
    [row] = rows(store, P, dialog)
    assert (row["status"], row["resolved_on"]) == ("未解决", None)
    assert column(panel, P, "status") == ["未解决"] and panel.buttons[P, "finish"].isEnabled()
    assert dialog.history.undo_action.text() == "撤销 新增问题“用地指标未落实”"
    press(qtbot, dialog, "Ctrl+Z")  # the add
    assert rows(store, P, dialog) == [] and panel.models[P].rowCount() == 0
    assert not dialog.history.undo_action.isEnabled()

    for _ in range(3):
        press(qtbot, dialog, "Ctrl+Shift+Z")
    assert rows(store, P, dialog) == [] and dialog.history.undo_action.text() == "撤销 删除问题“用地指标未落实”"
    steps = [(entry.action, entry.source) for entry in store.history(str(added["id"]))
             if entry.field in (None, "status")]
    assert steps == [("create", "form"), ("update", "form"), ("delete", "form"),  # add, resolve, delete
                     ("create", "undo"), ("update", "undo"), ("delete", "undo"),  # undone
                     ("create", "undo"), ("update", "undo"), ("delete", "undo")]  # redone
    latest_matches_rebuild(store)


def test_milestone_steps_and_an_undo_on_another_evaluation(qtbot: QtBot, filled: Store) -> None:
    store = filled
    dialog = open_timeline(qtbot, store, "p1")
    panel = dialog.details_panel
    march = str(panel.evaluation_id)
    panel.ask_form = clerk(lambda form: (type_into(form, "name", "主体封顶"), type_into(form, "planned_on", "2026-06")))
    panel.buttons[M, "add"].click()
    assert dialog.history.undo_action.text() == "撤销 新增节点“主体封顶”"
    panel.ask_form = clerk(lambda form: type_into(form, "note", "已进场"))
    panel.buttons[M, "edit"].click()
    panel.buttons[M, "finish"].click()  # mark done
    assert rows(store, M, dialog)[0]["status"] == "已完成"
    assert dialog.history.undo_action.text() == "撤销 标记节点“主体封顶”已完成"
    february = str(dialog.model.rows[1]["id"])
    dialog.table.selectRow(1)
    assert panel.evaluation_id == february and column(panel, M, "name") == []

    press(qtbot, dialog, "Ctrl+Z")  # the milestone is March's: the window shows March again
    assert panel.evaluation_id == march and column(panel, M, "status") == [""]
    [row] = rows(store, M, dialog)
    assert (row["status"], row["done_on"], row["note"]) == (None, None, "已进场")
    press(qtbot, dialog, "Ctrl+Z")
    assert rows(store, M, dialog)[0]["note"] is None and column(panel, M, "note") == [""]
    press(qtbot, dialog, "Ctrl+Z")
    assert rows(store, M, dialog) == [] and panel.tabs.tabText(0) == "节点（0）"


def test_a_refused_undo_is_told_and_the_step_leaves_the_history(qtbot: QtBot, filled: Store) -> None:
    store = filled
    dialog = open_timeline(qtbot, store, "p1")
    panel = dialog.details_panel
    panel.ask_form = clerk(lambda form: type_into(form, "description", "资金到位慢"))
    panel.buttons[P, "add"].click()
    panel.ask_form = clerk(lambda form: type_into(form, "name", "设备进场"))
    panel.buttons[M, "add"].click()
    [milestone] = rows(store, M, dialog)
    details.update_detail(store, M, str(milestone["id"]), {"note": "另一窗口的修改"})  # somebody else, meanwhile
    warnings: list[tuple[str, str]] = []
    dialog.warn = lambda title, text: warnings.append((title, text))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2_000)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [(title, text)] = warnings
    assert title == "无法撤销"
    assert text.startswith("无法撤销“新增节点“设备进场””：记录已被其他人修改") and text.endswith("这一步已从撤销记录中移除。")
    assert rows(store, M, dialog)[0]["note"] == "另一窗口的修改"  # nothing written
    assert dialog.history.stack.count() == 1 and dialog.history.undo_action.text() == "撤销 新增问题“资金到位慢”"
    assert not dialog.history.redo_action.isEnabled()
    press(qtbot, dialog, "Ctrl+Z")  # the step below it still works
    assert rows(store, P, dialog) == [] and len(rows(store, M, dialog)) == 1


def test_an_added_evaluation_with_details_added_elsewhere_is_not_undone(qtbot: QtBot, filled: Store) -> None:
    store = filled
    dialog = open_timeline(qtbot, store, "p3")

    def fill(form: EvaluationForm) -> None:
        form.editors["annual_plan"].setText("1000")  # type: ignore[union-attr]
        form.editors["done_ytd"].setText("100")  # type: ignore[union-attr]

    answer(dialog, fill)
    dialog.add_evaluation()
    [added] = listing.timeline(store, "p3")
    details.add_problem(store, str(added["id"]), {"description": "另一窗口记下的问题"})
    warnings: list[str] = []
    dialog.warn = lambda title, text: warnings.append(text)
    dialog.history.undo_action.trigger()
    assert "这条评估的节点或问题已在别处添加或修改" in warnings[0]
    assert [row["id"] for row in listing.timeline(store, "p3")] == [added["id"]]
    assert not dialog.history.undo_action.isEnabled() and dialog.model.rowCount() == 1
    latest_matches_rebuild(store)


def test_english_undo_texts(qtbot: QtBot, filled: Store) -> None:
    install_translators("en")
    try:
        dialog = open_timeline(qtbot, filled, "p1", lang="en")
        panel = dialog.details_panel
        panel.ask_form = clerk(lambda form: type_into(form, "description", "Land quota missing"))
        panel.buttons[P, "add"].click()
        panel.buttons[P, "finish"].click()
        assert buttons(dialog)["undo"].text() == "Undo Resolve problem “Land quota missing”"
        dialog.history.undo_action.trigger()
        assert buttons(dialog)["redo"].text() == "Redo Resolve problem “Land quota missing”"
        assert mixed(chrome_texts(dialog), "en", data=("甲芯片项目", "张")) == []
    finally:
        install_translators("zh")


def test_an_edit_of_an_evaluation_changed_elsewhere_is_refused_and_shown_anew(qtbot: QtBot, filled: Store) -> None:
    store = filled
    dialog = open_timeline(qtbot, store, "p1")
    shown = dialog.model.evaluation(0)
    assert shown is not None
    records.update_evaluation(store, str(shown["id"]), {"done_ytd": 60})  # another window saved first
    answer(dialog, lambda form: form.editors["reporter"].setText("李"))  # type: ignore[union-attr]
    warnings: list[tuple[str, str]] = []
    dialog.warn = lambda title, text: warnings.append((title, text))
    dialog.edit_evaluation(0)
    [(title, text)] = warnings
    assert title == "无法保存" and "已被其他人修改" in text
    row = listing.timeline(store, "p1")[0]
    assert (row["done_ytd"], row["reporter"]) == (60, None)  # nothing written over the other change
    assert cell(dialog, 0, "done_ytd") == labels.money(60) and not dialog.history.undo_action.isEnabled()
