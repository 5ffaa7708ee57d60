"""An evaluation's milestones (节点) and problems (问题) in the timeline window: added and edited through the real
dialogs (typed dates read like an import reads them, refused input keeps the dialog open and writes nothing), marked
done, resolved, reopened and deleted, with the database rows and the tables checked after each step; choosing
another evaluation shows its own lists. The clerk's answers to the panel's questions come through its ``ask_form``,
``confirm`` and ``warn``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from gzdesk.core.audit import ChangeSet
from gzdesk.core.evaluation import details
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.details_dialog import DetailDialog
from gzdesk.ui.evaluation.details_panel import DetailsPanel
from gzdesk.ui.evaluation.timeline import TimelineDialog
from gzdesk.ui.i18n import install_translators
from tests.ui import evaluation_data as data
from tests.ui.language import chrome_texts, mixed

M, P = details.MILESTONES, details.PROBLEMS
TODAY = data.AS_OF.isoformat()


@pytest.fixture
def timeline(qtbot: QtBot, store: Store) -> TimelineDialog:
    """The timeline of p1 (one evaluation, 2026-03) and a second, older evaluation to switch to."""
    install_translators("zh")
    data.fill(store)
    data.evaluate(store, "investment", "p1", "2026-02", 1000, 20)
    dialog = TimelineDialog(store, "investment", "p1", lang="zh", today=data.AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.details_panel.warn = lambda title, text: pytest.fail(f"unexpected warning: {title}: {text}")
    return dialog


def evaluation_id(dialog: TimelineDialog, period: str) -> str:
    return str(next(row["id"] for row in dialog.model.rows if row["period"] == period))


def rows(store: Store, kind: str, dialog: TimelineDialog, period: str = data.ROUND) -> list[dict[str, object]]:
    return details.details_of(store, kind, [evaluation_id(dialog, period)])


def column(panel: DetailsPanel, kind: str, key: str) -> list[str]:
    model = panel.models[kind]
    return [model.text(row, key) for row in range(model.rowCount())]


def type_into(form: DetailDialog, key: str, text: str) -> None:
    editor = form.editors[key]
    if isinstance(editor, QPlainTextEdit):
        editor.setPlainText(text)
    else:
        assert isinstance(editor, QLineEdit)
        editor.setText(text)


def choose(form: DetailDialog, key: str, value: object) -> None:
    combo = form.editors[key]
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def clerk(fill: Callable[[DetailDialog], None], forms: list[DetailDialog] | None = None
          ) -> Callable[[DetailDialog], dict[str, object] | None]:
    """Answers the panel's dialog as a clerk: shows it, fills it, clicks Save; returns what the dialog then says."""
    def ask(form: DetailDialog) -> dict[str, object] | None:
        if forms is not None:
            forms.append(form)
        form.show()
        fill(form)
        form.save_button.click()
        return form.outcome()
    return ask


def test_the_details_models_pass_qtmodeltester(qtbot: QtBot, qtmodeltester: object, timeline: TimelineDialog,
                                               store: Store) -> None:
    evaluation = evaluation_id(timeline, data.ROUND)
    details.add_milestone(store, evaluation, {"name": "土地摘牌", "planned_on": "2026-03"})
    details.add_problem(store, evaluation, {"description": "用地指标未落实", "category": "用地", "needs_leader": True})
    timeline.details_panel.show_evaluation(evaluation, period=data.ROUND)
    for model in timeline.details_panel.models.values():
        assert model.rowCount() == 1
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_add_edit_and_mark_a_milestone_done(qtbot: QtBot, timeline: TimelineDialog, store: Store) -> None:
    panel = timeline.details_panel
    assert panel.isEnabled() and panel.evaluation_id == evaluation_id(timeline, data.ROUND)
    assert panel.tabs.tabText(0) == "节点（0）"
    forms: list[DetailDialog] = []

    def new_milestone(form: DetailDialog) -> None:
        type_into(form, "name", "完成土地摘牌")
        type_into(form, "planned_on", "2026年3月")  # a month, as clerks write it
        choose(form, "status", "推进中")

    panel.ask_form = clerk(new_milestone, forms)
    with qtbot.waitSignal(timeline.changed, timeout=5_000) as signal:
        panel.buttons[M, "add"].click()
    assert isinstance(signal.args[0], ChangeSet) and signal.args[0].entity == M
    assert forms[0].windowTitle() == "新建节点"
    [row] = rows(store, M, timeline)
    assert (row["name"], row["planned_on"], row["status"], row["done_on"]) == ("完成土地摘牌", "2026-03", "推进中", None)
    assert column(panel, M, "name") == ["完成土地摘牌"] and column(panel, M, "planned_on") == ["2026-03"]
    assert panel.models[M].data(panel.models[M].index(0, 1), Qt.ItemDataRole.ForegroundRole) is not None  # late
    assert panel.tabs.tabText(0) == "节点（1）"

    def later(form: DetailDialog) -> None:
        assert form.windowTitle() == "编辑节点"
        type_into(form, "planned_on", "2026.05")
        type_into(form, "note", "已签订土地出让合同")

    panel.ask_form = clerk(later)
    panel.buttons[M, "edit"].click()
    [row] = rows(store, M, timeline)
    assert (row["planned_on"], row["note"], row["status"]) == ("2026-05", "已签订土地出让合同", "推进中")
    assert column(panel, M, "planned_on") == ["2026-05"]
    assert panel.models[M].data(panel.models[M].index(0, 1), Qt.ItemDataRole.ForegroundRole) is None

    assert panel.buttons[M, "finish"].isEnabled()
    panel.buttons[M, "finish"].click()
    [row] = rows(store, M, timeline)
    assert (row["status"], row["done_on"]) == ("已完成", TODAY)
    assert column(panel, M, "status") == ["已完成"] and column(panel, M, "done_on") == [TODAY]
    assert not panel.buttons[M, "finish"].isEnabled()


def test_add_resolve_and_reopen_a_problem(qtbot: QtBot, timeline: TimelineDialog, store: Store) -> None:
    panel = timeline.details_panel

    def new_problem(form: DetailDialog) -> None:
        choose(form, "category", "用地")
        type_into(form, "description", "用地指标未落实，需市里统筹")
        type_into(form, "responsible_unit", "区规划和自然资源局")
        type_into(form, "due_on", "2026/4/30")
        choose(form, "needs_leader", True)

    panel.ask_form = clerk(new_problem)
    panel.buttons[P, "add"].click()
    [row] = rows(store, P, timeline)
    assert (row["category"], row["due_on"], row["needs_leader"], row["status"]) == ("用地", "2026-04-30", True, "未解决")
    assert column(panel, P, "needs_leader") == ["是"] and column(panel, P, "status") == ["未解决"]
    assert panel.tabs.currentIndex() == 1 and panel.tabs.tabText(1) == "问题（1，未解决 1）"
    assert not panel.buttons[P, "reopen"].isEnabled()

    panel.buttons[P, "finish"].click()
    [row] = rows(store, P, timeline)
    assert (row["status"], row["resolved_on"]) == ("已解决", TODAY)
    assert column(panel, P, "resolved_on") == [TODAY] and panel.tabs.tabText(1) == "问题（1，未解决 0）"
    assert not panel.buttons[P, "finish"].isEnabled() and panel.buttons[P, "reopen"].isEnabled()

    asked: list[str] = []
    panel.confirm = lambda title, text: asked.append(text) or False  # the clerk says no: nothing changes
    panel.buttons[P, "reopen"].click()
    assert "用地指标未落实" in asked[0] and rows(store, P, timeline)[0]["status"] == "已解决"
    panel.confirm = lambda title, text: True
    panel.buttons[P, "reopen"].click()
    [row] = rows(store, P, timeline)
    assert (row["status"], row["resolved_on"]) == ("未解决", None)
    assert column(panel, P, "status") == ["未解决"] and column(panel, P, "resolved_on") == [""]

    def resolved_in_the_form(form: DetailDialog) -> None:
        choose(form, "status", "已解决")
        type_into(form, "resolved_on", "2026年4月10日")
        type_into(form, "resolution", "市里调剂用地指标")

    panel.ask_form = clerk(resolved_in_the_form)
    panel.buttons[P, "edit"].click()
    [row] = rows(store, P, timeline)
    assert (row["status"], row["resolved_on"], row["resolution"]) == ("已解决", "2026-04-10", "市里调剂用地指标")


def test_delete_asks_first(qtbot: QtBot, timeline: TimelineDialog, store: Store) -> None:
    evaluation = evaluation_id(timeline, data.ROUND)
    details.add_milestone(store, evaluation, {"name": "主体结构封顶"})
    details.add_problem(store, evaluation, {"description": "施工许可未办结"})
    panel = timeline.details_panel
    panel.show_evaluation(evaluation, period=data.ROUND)
    asked: list[tuple[str, str]] = []

    def decline(title: str, text: str) -> bool:
        asked.append((title, text))
        return False

    for kind, name in ((M, "主体结构封顶"), (P, "施工许可未办结")):
        panel.tables[kind].selectRow(0)
        panel.confirm = decline
        panel.buttons[kind, "delete"].click()
        assert name in asked[-1][1] and len(rows(store, kind, timeline)) == 1
        panel.confirm = lambda title, text: True
        with qtbot.waitSignal(timeline.changed, timeout=5_000):
            panel.buttons[kind, "delete"].click()
        assert rows(store, kind, timeline) == [] and panel.models[kind].rowCount() == 0
        assert not panel.buttons[kind, "delete"].isEnabled()
    assert [title for title, _ in asked] == ["删除节点", "删除问题"]
    assert asked[0][1] == "删除节点“主体结构封顶”？\n删除后可用“撤销”（Ctrl+Z）恢复。"


def test_refused_input_keeps_the_dialog_open_and_writes_nothing(qtbot: QtBot, timeline: TimelineDialog,
                                                               store: Store) -> None:
    panel = timeline.details_panel
    seen: dict[str, object] = {}

    def blank_name_then_bad_date(form: DetailDialog) -> None:
        type_into(form, "planned_on", "2026-03-31")
        seen["blank"] = (form.save_button.isEnabled(), form.errors["name"].text())
        type_into(form, "name", "竣工验收")
        type_into(form, "planned_on", "明年上半年")  # not a date
        seen["date"] = (form.save_button.isEnabled(), form.errors["planned_on"].text(),
                        form.errors["planned_on"].isVisible())

    forms: list[DetailDialog] = []
    panel.ask_form = clerk(blank_name_then_bad_date, forms)
    panel.buttons[M, "add"].click()  # Save was off: the click did nothing, the dialog stayed open
    assert seen["blank"] == (False, "「节点名称」不能为空")
    assert seen["date"][0] is False and "明年上半年" in seen["date"][1] and seen["date"][2]  # type: ignore[index]
    assert forms[0].isVisible()
    forms[0].reject()
    assert rows(store, M, timeline) == [] and panel.models[M].rowCount() == 0

    def open_but_resolved(form: DetailDialog) -> None:
        type_into(form, "description", "资金未到位")
        choose(form, "status", "未解决")
        type_into(form, "resolved_on", "2026-04-01")
        seen["open"] = (form.save_button.isEnabled(), form.errors["resolved_on"].text())

    panel.ask_form = clerk(open_but_resolved, forms)
    panel.buttons[P, "add"].click()
    assert seen["open"] == (False, "问题仍为“未解决”，不能填写解决日期")
    assert forms[1].isVisible() and rows(store, P, timeline) == []
    forms[1].reject()


def test_a_refused_save_is_told_and_the_form_comes_back(qtbot: QtBot, timeline: TimelineDialog, store: Store) -> None:
    evaluation = evaluation_id(timeline, data.ROUND)
    milestone = details.add_milestone(store, evaluation, {"name": "设备进场"}).created[0]
    panel = timeline.details_panel
    panel.show_evaluation(evaluation, period=data.ROUND)
    panel.tables[M].selectRow(0)
    asks: list[int] = []
    warnings: list[tuple[str, str]] = []
    panel.warn = lambda title, text: warnings.append((title, text))

    def edited_meanwhile(form: DetailDialog) -> dict[str, object] | None:
        asks.append(1)
        if len(asks) == 2:  # the clerk gives up after being told
            return None
        details.update_detail(store, M, milestone, {"note": "另一窗口的修改"})  # someone else saved first
        type_into(form, "name", "设备全部进场")
        form.save_button.click()
        return form.outcome()

    panel.ask_form = edited_meanwhile
    panel.buttons[M, "edit"].click()
    assert len(asks) == 2 and warnings[0][0] == "无法保存" and "已被其他人修改" in warnings[0][1]
    [row] = rows(store, M, timeline)
    assert (row["name"], row["note"]) == ("设备进场", "另一窗口的修改")


def test_choosing_another_evaluation_shows_its_lists(qtbot: QtBot, timeline: TimelineDialog, store: Store) -> None:
    march, february = evaluation_id(timeline, "2026-03"), evaluation_id(timeline, "2026-02")
    details.add_milestone(store, march, {"name": "三月节点"})
    details.add_problem(store, february, {"description": "二月问题"})
    details.add_problem(store, february, {"description": "二月另一问题", "resolved_on": "2026-02-20"})
    panel = timeline.details_panel
    timeline.table.selectRow(timeline.model.row_of(february))
    assert panel.evaluation_id == february and "2026-02" in panel.heading.text()
    assert column(panel, M, "name") == [] and column(panel, P, "description") == ["二月问题", "二月另一问题"]
    assert column(panel, P, "status") == ["未解决", "已解决"] and panel.tabs.tabText(1) == "问题（2，未解决 1）"
    timeline.table.selectRow(timeline.model.row_of(march))
    assert panel.evaluation_id == march and "2026-03" in panel.heading.text()
    assert column(panel, M, "name") == ["三月节点"] and column(panel, P, "description") == []
    panel.ask_form = clerk(lambda form: type_into(form, "name", "三月第二个节点"))
    panel.buttons[M, "add"].click()
    assert [row["name"] for row in rows(store, M, timeline, "2026-03")] == ["三月节点", "三月第二个节点"]
    assert rows(store, M, timeline, "2026-02") == []


def test_no_evaluation_no_details(qtbot: QtBot, store: Store) -> None:
    install_translators("zh")
    data.fill(store)
    dialog = TimelineDialog(store, "investment", "p3", lang="zh", today=data.AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.details_panel
    assert panel.evaluation_id is None and not panel.isEnabled()
    assert panel.heading.text() == "选择一条进展评估即可查看其节点和问题。"


def test_keys_and_the_real_dialog(qtbot: QtBot, timeline: TimelineDialog, store: Store) -> None:
    """Ins opens the real (modal) dialog, Ctrl+Enter marks done, Enter edits, Del asks before deleting."""
    panel = timeline.details_panel
    panel.ask_form = DetailDialog.ask
    table = panel.tables[M]

    def focus() -> None:  # the keys work where the clerk is: on the milestones table of the active window
        timeline.activateWindow()
        table.setFocus()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is timeline and table.hasFocus(), timeout=2_000)

    focus()

    def fill_modal(key: str, text: str) -> Callable[[], None]:
        def fill() -> None:
            form = QApplication.activeModalWidget()
            assert isinstance(form, DetailDialog)
            try:
                type_into(form, key, text)
            finally:
                form.save_button.click() if form.save_button.isEnabled() else form.reject()
        return fill

    QTimer.singleShot(0, fill_modal("name", "项目开工"))
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert [row["name"] for row in rows(store, M, timeline)] == ["项目开工"]
    focus()
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert rows(store, M, timeline)[0]["status"] == "已完成"
    focus()
    QTimer.singleShot(0, fill_modal("note", "4 月 12 日开工仪式"))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert rows(store, M, timeline)[0]["note"] == "4 月 12 日开工仪式"
    focus()
    panel.confirm = lambda title, text: True
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert rows(store, M, timeline) == []


def test_english_screen_is_english(qtbot: QtBot, store: Store) -> None:
    install_translators("en")
    try:
        data.fill(store)
        evaluation = data.evaluate(store, "investment", "p3", "2026-03", 1000, 100)
        details.add_milestone(store, evaluation, {"name": "土地摘牌", "status": "推进中"})
        details.add_problem(store, evaluation, {"description": "用地指标未落实", "category": "用地",
                                                "needs_leader": True})
        dialog = TimelineDialog(store, "investment", "p3", lang="en", today=data.AS_OF)
        qtbot.addWidget(dialog)
        dialog.show()
        panel = dialog.details_panel
        assert panel.tabs.tabText(0) == "Milestones (1)" and panel.tabs.tabText(1) == "Problems (1, 1 open)"
        assert column(panel, M, "status") == ["In progress"] and column(panel, P, "category") == ["Land"]
        assert column(panel, P, "needs_leader") == ["Yes"]
        assert mixed(chrome_texts(dialog), "en", data=("丙新材料项目", "张")) == []
        form = DetailDialog(store, P, panel.models[P].record(0), context="丙新材料项目 · 2026-03", lang="en")
        qtbot.addWidget(form)
        form.show()
        assert form.windowTitle() == "Edit problem"
        assert mixed(chrome_texts(form), "en", data=("丙新材料项目",)) == []
    finally:
        install_translators("zh")
