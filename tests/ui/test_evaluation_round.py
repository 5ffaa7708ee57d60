"""The evaluation round: counts that match the listing and the meeting statistics, filters, and bulk entry — typed
like a sheet (Tab right, Enter down), bad cells refused with a message, everything saved in one audited batch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from gzdesk.core import batches
from gzdesk.core.evaluation import listing, rounds, stats
from gzdesk.core.evaluation.periods import parse_period
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.round_model import COLUMNS
from gzdesk.ui.evaluation.round_view import RoundWindow
from gzdesk.ui.i18n import install_translators
from tests.ui import evaluation_data as data
from tests.ui.language import chrome_texts, mixed


def open_round(qtbot: QtBot, store: Store, lang: str = "zh") -> RoundWindow:
    """The round window, once its first round is read (on a worker)."""
    install_translators(lang)
    window = RoundWindow(store, lang=lang, today=data.AS_OF)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    return window


def column(key: str) -> int:
    return COLUMNS.index(key)


def names(window: RoundWindow) -> list[str]:
    return [window.model.data(window.model.index(row, column("name"))) for row in range(window.model.rowCount())]


def test_the_round_counts_match_the_listing_and_the_statistics(qtbot: QtBot, store: Store,
                                                               qtmodeltester: object) -> None:
    data.fill(store)
    window = open_round(qtbot, store)
    assert str(window.picker.period()) == data.ROUND  # the due month by default
    assert window.header.text() == "2026-03：已报 4 个，逾期 3 个"
    assert len(listing.for_period(store, data.ROUND)) == 4 and len(listing.overdue(store, data.ROUND)) == 3
    assert stats.meeting_stats(store, as_of=data.AS_OF).overdue_count == 3
    # the overdue first, in list then entry order, in red; then the reported with their lights
    assert names(window)[:3] == ["丙新材料项目", "辛成果转化项目", "庚增资扩产项目"]
    assert window.model.data(window.model.index(0, column("status"))) == "逾期"
    assert window.model.data(window.model.index(0, column("status")), Qt.ItemDataRole.ForegroundRole) is not None
    assert window.model.data(window.model.index(3, column("status"))) == "已报"
    qtmodeltester.check(window.model)  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.official_box.setCurrentIndex(window.official_box.findData("张"))
    assert window.header.text() == "2026-03：已报 2 个，逾期 1 个"  # p1, e1 reported; p3 overdue
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.status_box.setCurrentIndex(window.status_box.findData("overdue"))
    assert names(window) == ["丙新材料项目"]
    assert window.shown.text() == "显示 1 行；金额单位：万元"


def test_quarter_and_ten_day_rounds_and_a_period_still_running(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    window = open_round(qtbot, store, "en")
    try:
        with qtbot.waitSignal(window.loaded, timeout=10_000):
            window.picker.set_period(parse_period("2026-Q1"))
        assert window.header.text() == "2026-Q1: 0 reported, 7 overdue"
        with qtbot.waitSignal(window.loaded, timeout=10_000):
            window.picker.set_period(parse_period("2026-04-中"))
        assert window.header.text() == "2026-04, days 11–20: 0 reported, 7 not yet reported"
        assert mixed(chrome_texts(window), "en") == []
    finally:
        install_translators("zh")


def test_bulk_entry_moves_like_a_sheet(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    window = open_round(qtbot, store)
    window.bulk_button.setChecked(True)
    table, model = window.table, window.model
    start = model.index(0, column("done_this_period"))
    table.setCurrentIndex(start)
    table.edit(start)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "12")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # right, into "done this year"
    qtbot.waitUntil(lambda: table.currentIndex().column() == column("done_ytd"))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "34")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # down, same column
    qtbot.waitUntil(lambda: table.currentIndex().row() == 1)
    assert table.currentIndex().column() == column("done_ytd")
    assert model.typed == {("investment", 3): {"done_this_period": "12", "done_ytd": "34"}}
    assert window.message.text() == "已填 1 个项目，尚未保存"
    assert not window.picker.isEnabled()  # the round cannot change under typed cells
    assert table.next_entry_cell(model.index(0, column("stage_to"))) == model.index(1, column("done_this_period"))


def test_bulk_entry_refuses_bad_cells_then_saves_one_batch(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    window = open_round(qtbot, store)
    model = window.model
    window.bulk_button.setChecked(True)
    rows = {name: row for row, name in enumerate(names(window))}
    typed = {"丙新材料项目": ("30", "300"), "辛成果转化项目": ("5", "abc"), "庚增资扩产项目": ("2", "1")}
    for name, (period_amount, year_amount) in typed.items():
        model.setData(model.index(rows[name], column("done_this_period")), period_amount)
        model.setData(model.index(rows[name], column("done_ytd")), year_amount)
    model.setData(model.index(rows["甲芯片项目"], column("done_ytd")), "120")  # an existing evaluation
    model.setData(model.index(rows["戊储能项目"], column("done_ytd")), "160")  # overridden: the light stays
    bad = model.index(rows["辛成果转化项目"], column("done_ytd"))
    assert model.data(bad, Qt.ItemDataRole.ToolTipRole) == "「abc」不是可识别的数字"
    assert model.data(model.index(rows["庚增资扩产项目"], column("done_ytd")),
                      Qt.ItemDataRole.ToolTipRole) == "年初至今累计（1）小于本期完成（2）"
    before = store.count("evaluation")
    window.save()
    assert window.message.text().startswith("2 个单元格有误，没有保存")
    assert store.count("evaluation") == before
    assert window.table.currentIndex().row() in (rows["辛成果转化项目"], rows["庚增资扩产项目"])
    model.setData(bad, "80")
    model.setData(model.index(rows["庚增资扩产项目"], column("done_ytd")), "2")
    assert model.all_problems() == []
    saved: list[rounds.RoundSave] = []
    window.saved.connect(saved.append)
    with qtbot.waitSignal(window.loaded, timeout=10_000):  # saved, then the round read again
        window.save()
    [result] = saved
    assert (len(result.created), len(result.updated)) == (3, 2)
    assert window.message.text() == result.message("zh") and "新增 3 条，修改 2 条" in window.message.text()
    assert window.header.text() == "2026-03：已报 7 个，逾期 0 个"
    # one batch of the ledger, and every audit entry of the save carries it
    batch = batches.get(store, result.batch)
    assert batch is not None and (batch.kind, batch.status) == ("evaluation_round", "done")
    entries = store.conn.execute("SELECT DISTINCT record_id FROM audit WHERE batch = ?", [result.batch]).fetchall()
    assert len(entries) == 5
    by_project = {row["project_id"]: row for row in listing.for_period(store, data.ROUND)}
    p3 = by_project["p3"]  # no annual plan typed and none earlier this year: cannot judge
    assert (p3["done_this_period"], p3["done_ytd"], p3["stage_from"], p3["stage_to"]) == (30, 300, "注册", "注册")
    t1 = by_project["t1"]  # the annual plan carried from February: 80 % of 100 against 24.7 % → ahead
    assert (t1["annual_plan"], t1["judgement"], t1["light"]) == (100, "超前", "绿")
    assert (by_project["p1"]["done_ytd"], by_project["p1"]["judgement"]) == (120, "正常")  # was 滞后: 12 % vs 17.7 %
    assert (by_project["p5"]["light"], by_project["p5"]["override_reason"]) == ("红", "设备未到货，实际停工")
    assert not window.save_button.isEnabled() and window.picker.isEnabled()
