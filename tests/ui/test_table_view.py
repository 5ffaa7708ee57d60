"""The list table: copy for Excel, remembered columns, saved views, progress marks, lazy ids, the model tester."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QGuiApplication, QIcon
from pytestqt.qtbot import QtBot

from gzdesk.core.query import Filter, Query
from gzdesk.core.saved_views import saved_views
from gzdesk.core.store import Store
from gzdesk.ui import progress_marks
from gzdesk.ui.column_chooser import Column, ColumnChooser
from gzdesk.ui.i18n import install_translators
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.table_model import RecordTableModel
from tests.conftest import project


def open_window(qtbot: QtBot, store: Store, lang: str = "zh") -> MainWindow:
    window = MainWindow(store, lang=lang)
    qtbot.addWidget(window)
    window.show()
    return window


def visible_keys(window: MainWindow) -> list[str]:
    return list(window.column_layouts.visible_keys())


def test_copy_gives_the_exact_tab_separated_text_of_the_visible_columns(qtbot: QtBot, store: Store) -> None:
    store.create_many("investment", [
        project("芯片项目", "440112", total_investment=12000.5, stage="签约", notes="第一行\n第二行", foreign=True),
        project('说"明"项目', "440106", total_investment=None, stage=None, notes="a\tb", foreign=False),
    ], source="test")
    window = open_window(qtbot, store)
    header = window.table.horizontalHeader()
    keep = ["name", "district", "total_investment", "stage", "foreign", "notes"]
    window.column_layouts.show_only(keep)
    header.moveSection(header.visualIndex(window.model.column_of("stage")), 0)  # drag 当前阶段 to the front
    window.table.selectAll()
    text = window.table_actions.copy_selected()
    assert text == ("当前阶段\t项目名称\t所属区\t总投资（万元）\t是否外资\t备注\r\n"
                    '签约\t芯片项目\t黄埔区\t12,000.5\t是\t"第一行\n第二行"\r\n'
                    '\t"说""明""项目"\t天河区\t\t否\t"a\tb"\r\n')
    assert QGuiApplication.clipboard().text() == text
    window.table.selectionModel().clearSelection()
    assert window.table_actions.copy_selected() == ""


def test_hidden_and_moved_columns_survive_reopening_the_window(qtbot: QtBot, store: Store) -> None:
    store.create("investment", project())
    window = open_window(qtbot, store)
    header = window.table.horizontalHeader()
    assert header.sectionsMovable()
    window.column_layouts.hide(window.model.column_of("park"))
    header.moveSection(header.visualIndex(window.model.column_of("district")), 0)
    header.resizeSection(window.model.column_of("name"), 333)
    window.sidebar.setCurrentRow(2)  # another list keeps its own columns
    assert "park" in visible_keys(window) and visible_keys(window)[0] == "code"
    window.sidebar.setCurrentRow(0)
    assert visible_keys(window)[:3] == ["district", "code", "name"] and "park" not in visible_keys(window)
    window.close()
    again = open_window(qtbot, store)
    assert visible_keys(again)[:3] == ["district", "code", "name"] and "park" not in visible_keys(again)
    assert again.table.horizontalHeader().sectionSize(again.model.column_of("name")) == 333


def test_the_column_chooser_shows_hides_and_orders(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store)

    def ask(dialog: ColumnChooser) -> list[Column]:
        columns = dialog.columns()
        assert [c.key for c in columns][:2] == ["code", "name"] and all(c.visible for c in columns)
        chosen = {"name": True, "stage": True, "district": True}
        order = ["stage", "name", "district"]
        return [Column(key, True, 0) for key in order] + [Column(c.key, False, c.width) for c in columns
                                                         if c.key not in chosen]

    window.column_layouts.ask = ask
    window.column_layouts.choose()
    assert visible_keys(window) == ["stage", "name", "district"]


def test_saved_view_round_trip(qtbot: QtBot, store: Store) -> None:
    store.create_many("investment", [project(f"{'芯片' if i % 2 else '机器人'}项目{i}", "440112" if i % 3 else "440106",
                                             total_investment=float(i)) for i in range(30)], source="test")
    window = open_window(qtbot, store)
    window.add_filter(Filter("district", "=", "440112"))
    window.table.sortByColumn(window.model.column_of("total_investment"), Qt.SortOrder.DescendingOrder)
    window.search.setText("芯片")
    window.search.returnPressed.emit()
    window.column_layouts.show_only(["name", "total_investment", "district"])
    wanted = window.model.query
    assert window.model.rowCount() == 10
    window.views.ask_name = lambda suggestion: "黄埔芯片"
    window.views.save_current()
    assert [v.name for v in saved_views(store, "investment")] == ["黄埔芯片"]
    window.close()

    again = open_window(qtbot, store)  # the views live in the database
    assert again.model.rowCount() == 30 and again.search.text() == ""
    again.views._fill_menu()
    entries = [a.text() for a in again.views.menu.actions() if not a.isSeparator()]
    assert entries[0] == "黄埔芯片" and "保存当前视图…" in entries
    again.views.apply(saved_views(store, "investment")[0])
    assert again.model.query == wanted and again.model.rowCount() == 10 and again.search.text() == "芯片"
    assert visible_keys(again) == ["name", "total_investment", "district"]
    header = again.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        again.model.column_of("total_investment"), Qt.SortOrder.DescendingOrder)
    assert again.count_label.text().startswith("共 10 条")
    again.views.delete("黄埔芯片")
    assert saved_views(store, "investment") == []


def test_lagging_and_overdue_projects_are_marked(qtbot: QtBot, store: Store) -> None:
    ids = list(store.create_many("investment", [project("红灯项目", stage="开工"), project("黄灯项目", stage="开工"),
                                                project("绿灯项目", stage="开工"), project("未报项目", stage="签约"),
                                                project("在谈项目", stage="在谈")], source="test").created)
    today = dt.date.today()
    due = f"{(today.replace(day=1) - dt.timedelta(days=1)):%Y-%m}"
    store.create_many("evaluation", [{"project_kind": "investment", "project_id": ids[i], "period": due,
                                      "light": light, "judgement": judgement}
                                     for i, light, judgement in ((0, "红", "严重滞后"), (1, "黄", "滞后"),
                                                                 (2, "绿", "正常"))], source="test")
    window = open_window(qtbot, store)
    model = window.model
    by_name = {str(model.data(model.index(r, model.column_of("name")))): r for r in range(model.rowCount())}
    name = model.column_of("name")

    def background(row: int) -> str | None:
        brush = model.data(model.index(row, 3), Qt.ItemDataRole.BackgroundRole)
        return brush.color().name() if isinstance(brush, QBrush) else None

    assert background(by_name["红灯项目"]) == progress_marks.ROW_BACKGROUNDS["红"]
    assert background(by_name["黄灯项目"]) == progress_marks.ROW_BACKGROUNDS["黄"]
    assert background(by_name["未报项目"]) == progress_marks.ROW_BACKGROUNDS["overdue"]
    assert background(by_name["绿灯项目"]) is None and background(by_name["在谈项目"]) is None
    for label in ("红灯项目", "黄灯项目", "绿灯项目"):
        assert isinstance(model.data(model.index(by_name[label], name), Qt.ItemDataRole.DecorationRole), QIcon)
    tip = model.data(model.index(by_name["红灯项目"], 5), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"最近评估 {due}：严重滞后，红灯"
    assert model.data(model.index(by_name["未报项目"], 0), Qt.ItemDataRole.ToolTipRole) == f"逾期：{due} 未报进展评估"
    font = model.data(model.index(by_name["未报项目"], name), Qt.ItemDataRole.FontRole)
    assert font is not None and font.italic()
    install_translators("en")  # one language per screen: the application's
    try:
        english = RecordTableModel(store, "investment", lang="en")
        row = next(r for r in range(english.rowCount()) if english.record_id(r) == ids[0])
        assert english.data(english.index(row, 0), Qt.ItemDataRole.ToolTipRole) == (
            f"Latest evaluation {due}: Seriously behind, Red light")
    finally:
        install_translators("zh")


def test_a_long_list_shows_its_first_rows_at_once_and_reads_the_rest_behind(qtbot: QtBot, qtmodeltester: object,
                                                                              store: Store) -> None:
    store.create_many("investment", [project(f"项目{i:04d}", total_investment=float(i)) for i in range(1000)],
                      source="test")
    model = RecordTableModel(store, "investment")
    name = model.column_of("name")
    assert model.rowCount() == 1000 and not model.complete
    assert model.data(model.index(10, name)) == "项目0010"
    assert model.data(model.index(900, name)) == ""  # a placeholder until its id is read
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        pass
    assert model.complete and model.data(model.index(900, name)) == "项目0900"
    model.set_query(Query(sort=(("total_investment", True),)))
    assert model.data(model.index(0, name)) == "项目0999"
    assert model.record_id(950) is not None and model.complete  # an action on an unread row reads every id now
    assert model.row_of(str(model.record_id(950))) == 950
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.stop_loading()


def test_selecting_everything_in_a_long_list_and_copying_reads_every_row(qtbot: QtBot, store: Store) -> None:
    store.create_many("investment", [project(f"项目{i:04d}") for i in range(700)], source="test")
    window = open_window(qtbot, store)
    window.column_layouts.show_only(["name"])
    window.table.selectAll()
    text = window.table_actions.copy_selected()
    assert text.splitlines()[1:] == [f"项目{i:04d}" for i in range(700)]
    select = window.table.selectionModel()
    select.clearSelection()
    select.select(window.model.index(699, 0), QItemSelectionModel.SelectionFlag.Select
                  | QItemSelectionModel.SelectionFlag.Rows)
    assert window.table_actions.selected_rows() == [699]
