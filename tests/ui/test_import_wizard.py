"""The import wizard driven through the real window, offscreen, on real workbooks and real databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gzdesk.core.excel.mapping import load_mapping
from gzdesk.core.store import Store
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.wizard import APPLY, COLUMNS, FOUND, PREVIEW, PROBLEMS, SUMMARY, ImportWizard
from gzdesk.ui.wizard.cells import NEW_TEXT, OLD_TEXT, PICKED_BACKGROUND
from tests.ui import wizard_books
from tests.ui.language import chrome_texts, mixed

TIMEOUT = 30_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "resources" / "screenshots"


def open_wizard(qtbot: QtBot, window: MainWindow, path: Path) -> ImportWizard:
    window.import_flow.start(path)
    qtbot.waitUntil(lambda: window.import_flow.wizard is not None and window.import_flow.wizard.isVisible(),
                    timeout=TIMEOUT)
    assert window.import_flow.wizard is not None
    return window.import_flow.wizard


def replanned(qtbot: QtBot, wizard: ImportWizard, change: object) -> None:
    """Do ``change`` (a clerk's correction) and wait for the wizard to show the file read again."""
    before = wizard.review
    change()  # type: ignore[operator]
    qtbot.waitUntil(lambda: wizard.review is not before, timeout=TIMEOUT)


def apply(qtbot: QtBot, window: MainWindow, wizard: ImportWizard) -> None:
    assert wizard.import_button.isEnabled(), wizard.hint.text()
    with qtbot.waitSignal(window.import_flow.imported, timeout=TIMEOUT):
        wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.current_page() == SUMMARY, timeout=TIMEOUT)


def by_name(store: Store) -> dict[str, dict[str, object]]:
    return {str(r["name"]): r for r in store.iter_records("investment")}


def one_language(wizard: ImportWizard, lang: str, *data: str) -> None:
    texts = chrome_texts(wizard)
    assert texts and mixed(texts, lang, data=data) == []


def test_a_messy_workbook_through_every_page_to_apply(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    path = wizard_books.messy_ledger(tmp_path / "天河台账.xlsx")
    wizard = open_wizard(qtbot, window, path)
    data = ("天河台账", "重点项目", wizard_books.OFFICE)

    # 1. found: one list, its two header rows, data rows, and every skipped row with its reason
    assert wizard.current_page() == FOUND and not wizard.back.isVisible()
    found = wizard.found
    assert [found.tables.item(0, c).text() for c in range(5)] == ["重点项目", "招商引资项目", "3、4", "4", "5"]
    skipped = {found.skipped.item(r, 1).text(): found.skipped.item(r, 2).text() for r in range(found.skipped.rowCount())}
    assert skipped == {"5": "分组标题行（如“一、续建项目”）", "9": "分组标题行（如“一、续建项目”）", "11": "合计/小计行",
                       "12": "空行", "13": "说明、注释或签名行"}
    assert "天河区投资促进局" in found.summary.text()
    one_language(wizard, "zh", *data)

    # 2. columns: the unknown header is highlighted; mapping it re-reads the file on a worker
    wizard.next.click()
    assert wizard.current_page() == COLUMNS
    columns = wizard.columns
    row = next(r for r in range(columns.table.rowCount()) if columns.table.item(r, 2).text() == "对接人手机")
    assert columns.combos[("重点项目", 7)].currentData() is None
    assert columns.table.item(row, 2).background().color() != PICKED_BACKGROUND
    assert columns.table.item(row, 4).text() == "13800000001"  # the first value shows what the column holds
    replanned(qtbot, wizard, lambda: columns.choose("重点项目", "对接人手机", "phone"))
    assert wizard.current_page() == COLUMNS and wizard.review.mapping == {"investment": {"对接人手机": "phone"}}
    assert columns.combos[("重点项目", 7)].currentData() == "phone"
    assert columns.table.item(row, 2).background().color() == PICKED_BACKGROUND
    one_language(wizard, "zh", *data)

    # 3. problems: the bad date is an error, the approximate amount a note; Enter jumps to the row
    wizard.next.click()
    assert wizard.current_page() == PROBLEMS
    problems = wizard.problems
    lines = [[problems.table.item(r, c).text() for c in range(6)] for r in range(problems.table.rowCount())]
    assert lines[0][:5] == ["错误", "重点项目", "7", "F 签约时间", "2026年13月"] and "不是有效日期" in lines[0][5]
    assert lines[1][:5] == ["提示", "重点项目", "6", "E 投资额/协议投资额", "约1.2亿元"]
    assert not wizard.next.isEnabled() and wizard.hint.text()  # invalid rows need a decision
    problems.table.setCurrentCell(1, 0)
    problems.table.setFocus()
    qtbot.keyClick(problems.table, "\r")  # Enter: "jump" to the row of the note
    assert "第 6 行" in problems.row_title.text() and problems.row_cells.hasFocus()
    highlighted = problems.row_cells.selectionModel().selectedRows()[0].row()
    assert [problems.row_cells.item(highlighted, c).text() for c in range(3)] == ["E", "投资额/协议投资额", "约1.2亿元"]
    problems.jump(problems.table.model().index(0, 0))  # double-click does the same
    assert "第 7 行" in problems.row_title.text()
    problems.skip_invalid.setChecked(True)
    assert wizard.next.isEnabled()
    one_language(wizard, "zh", *data, "2026年13月")

    # 4. preview: three new records, nothing else; a new record lists its values in green
    wizard.next.click()
    assert wizard.current_page() == PREVIEW
    preview = wizard.preview
    assert (preview.model.count("new"), preview.model.rowCount()) == (3, 3)
    preview.select("天河智算中心")
    values = {preview.record_view.table.item(r, 0).text(): preview.record_view.table.item(r, 2).text()
              for r in range(preview.record_view.table.rowCount())}
    assert values["协议投资额"] == "12,000" and values["联系电话"] == "13800000001" and values["所属区"] == "天河区"
    one_language(wizard, "zh", *data, "天河智算中心")

    # 5. apply on a worker, 6. the summary; the window's table is refreshed
    apply(qtbot, window, wizard)
    assert wizard.summary.undo.isVisible() and "已导入" in wizard.summary.heading.text()
    records = by_name(store)
    assert sorted(records) == ["天河智算中心", "珠江新城总部楼", "黄埔氢能基地"]
    center, tower, hydrogen = records["天河智算中心"], records["珠江新城总部楼"], records["黄埔氢能基地"]
    assert (center["total_investment"], center["agreed_investment"], center["signed_on"], center["stage"],
            center["phone"], center["district"], center["notes"]) == (50000, 12000, "2026-03-15", "签约",
                                                                      "13800000001", "440106", "重点")
    assert (tower["district"], tower["signed_on"], tower["stage"], tower["phone"]) == ("440106", "2026-05", "在谈", None)
    assert (hydrogen["signed_on"], hydrogen["stage"], hydrogen["phone"]) == ("2023-03-15", "开工", "13800000004")
    assert window.model.rowCount() == 3
    assert load_mapping(store, wizard_books.OFFICE) == {"investment": {"对接人手机": "phone"}}

    # "undo this import" hands over to the window's undo flow
    window.undo_flow.ask = lambda plan: False
    with qtbot.waitSignal(window.undo_flow.finished, timeout=TIMEOUT):
        wizard.summary.undo.click()
    assert by_name(store) == {} and window.model.rowCount() == 0


def test_the_correction_is_remembered_for_the_next_file_from_that_office(qtbot: QtBot, store: Store,
                                                                       tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, wizard_books.messy_ledger(tmp_path / "第一批.xlsx"))
    wizard.next.click()
    replanned(qtbot, wizard, lambda: wizard.columns.choose("重点项目", "对接人手机", "phone"))
    wizard.go(PREVIEW)
    wizard.problems.skip_invalid.setChecked(True)
    apply(qtbot, window, wizard)
    with qtbot.waitSignal(window.import_flow.finished, timeout=TIMEOUT):
        wizard.close_button.click()

    again = open_wizard(qtbot, window, wizard_books.messy_ledger(tmp_path / "第二批.xlsx"))
    assert again.review.mapping == {"investment": {"对接人手机": "phone"}}
    assert again.columns.combos[("重点项目", 7)].currentData() == "phone"
    with qtbot.waitSignal(window.import_flow.finished, timeout=TIMEOUT):
        again.cancel.click()


def test_conflicts_resolved_per_field_land_exactly_so(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = wizard_books.exchange_with_conflict(store, tmp_path / "交换表.xlsx")
    wizard_books.change_here(store)
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, path)
    wizard.go(PREVIEW)
    preview = wizard.preview
    assert [preview.model.count(kind) for kind in ("conflict", "changed", "unchanged", "new")] == [1, 1, 1, 0]
    preview.select("生物岛实验室")  # a plain change: now (red) → after the import (green)
    table = preview.record_view.table
    assert [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())] == [
        ["协议投资额", "500", "650"], ["当前阶段", "签约", "开工"]]
    assert table.item(0, 1).foreground().color() == OLD_TEXT and table.item(0, 2).foreground().color() == NEW_TEXT
    preview.show_kind("conflict")
    view = preview.conflict_view
    assert preview.detail.currentWidget() is view
    rows = {view.table.item(r, 0).text(): [view.table.item(r, c).text() for c in (1, 2, 3)]
            for r in range(view.table.rowCount())}
    assert rows == {"协议投资额": ["1,000", "3,000", "2,000"], "当前阶段": ["在谈", "签约", "开工"],
                    "备注": ["原备注", "对方备注", "我方备注"], "累计到资": ["100", "900", "100"]}
    assert not wizard.import_button.isEnabled() and "3" in wizard.hint.text()
    view.pick("agreed_investment", "theirs")
    view.pick("stage", "mine")
    view.pick("notes", "edit", "1.5亿")  # notes is free text: kept as typed
    assert not view.editors["stage"].isEnabled() and view.editors["notes"].isEnabled()
    view.pick("notes", "edit", "两边商定的备注")
    assert wizard.import_button.isEnabled()
    record_id = next(r for r in store.iter_records("investment") if r["name"] == "智能网联示范区")["id"]
    assert wizard.decision().choices == {(record_id, "agreed_investment"): "theirs", (record_id, "stage"): "mine",
                                         (record_id, "notes"): "两边商定的备注"}
    apply(qtbot, window, wizard)
    record = by_name(store)["智能网联示范区"]
    assert (record["agreed_investment"], record["stage"], record["notes"], record["funds_arrived"]) == (
        3000, "开工", "两边商定的备注", 900)
    assert (by_name(store)["生物岛实验室"]["stage"], by_name(store)["生物岛实验室"]["agreed_investment"]) == ("开工", 650)


def test_a_typed_value_goes_through_the_import_coercion(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = wizard_books.exchange_with_conflict(store, tmp_path / "交换表.xlsx")
    wizard_books.change_here(store)
    window = MainWindow(store, lang="en")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, path)
    wizard.go(PREVIEW)
    wizard.preview.show_kind("conflict")
    view = wizard.preview.conflict_view
    view.pick("agreed_investment", "edit", "一点五亿")
    assert view.editors["agreed_investment"].toolTip() and not wizard.import_button.isEnabled()
    view.pick("agreed_investment", "edit", "1.5亿")
    assert view.editors["agreed_investment"].toolTip() == ""
    wizard.preview.pick_all("mine")  # the buttons under the list: every conflict at once
    assert wizard.preview.choices()[(view.entry.record_id, "agreed_investment")] == "mine"  # type: ignore[union-attr]
    view.pick("agreed_investment", "edit", "1.5亿")
    apply(qtbot, window, wizard)
    record = by_name(store)["智能网联示范区"]
    assert (record["agreed_investment"], record["stage"], record["notes"]) == (15000, "开工", "我方备注")


def test_cancel_leaves_the_database_alone(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, wizard_books.messy_ledger(tmp_path / "天河台账.xlsx"))
    with qtbot.waitSignal(window.import_flow.finished, timeout=TIMEOUT):
        wizard.cancel.click()
    assert by_name(store) == {} and window.import_flow.wizard is None


def big_sheet(path: Path, rows: int) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "大表"
    sheet.append(["项目名称", "所属区", "协议投资额（万元）"])
    for n in range(rows):
        sheet.append([f"批量项目{n:05d}", "天河区", n])
    book.save(path)
    return path


def test_cancelling_a_running_import_changes_nothing(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, big_sheet(tmp_path / "大表.xlsx", 5000))
    wizard.go(PREVIEW)
    wizard.import_button.click()
    assert wizard.current_page() == APPLY and wizard.applying.cancel.isVisible() and not wizard.cancel.isVisible()
    wizard.applying.cancel.click()  # checked after every 2,000 rows
    qtbot.waitUntil(lambda: not wizard.applying.running, timeout=TIMEOUT)
    assert "取消" in wizard.applying.outcome.text() and by_name(store) == {}
    wizard.back.click()
    assert wizard.current_page() == PREVIEW
    apply(qtbot, window, wizard)  # and the clerk may still import
    assert window.model.rowCount() == 5000


def test_the_preview_model_is_a_proper_model(qtbot: QtBot, qtmodeltester: object, store: Store,
                                             tmp_path: Path) -> None:
    path = wizard_books.exchange_with_conflict(store, tmp_path / "交换表.xlsx")
    wizard_books.change_here(store)
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, path)
    model = wizard.preview.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_kind("unchanged")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_speaks_one_language(qtbot: QtBot, store: Store, tmp_path: Path, lang: str) -> None:
    path = wizard_books.exchange_with_conflict(store, tmp_path / "交换表.xlsx")
    wizard_books.change_here(store)
    window = MainWindow(store, lang=lang)
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, path)
    data = ("交换表", "招商引资项目", "智能网联示范区", "生物岛实验室", "南沙港物流园", "440106-tzj")
    for page in (FOUND, COLUMNS, PROBLEMS, PREVIEW):
        wizard.go(page)
        one_language(wizard, lang, *data)
    for kind in ("changed", "unchanged", "conflict"):
        wizard.preview.show_kind(kind)
        one_language(wizard, lang, *data)
    wizard.preview.pick_all("theirs")
    apply(qtbot, window, wizard)
    backup = wizard.summary.form.itemAt(wizard.summary.form.rowCount() * 2 - 1).widget()
    one_language(wizard, lang, *data, backup.toolTip(), backup.text())  # the backup's path is data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots_of_every_page(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    """Every page and the conflict view, as images: into resources/screenshots/ when GZDESK_SCREENSHOTS=1."""
    folder = SCREENSHOTS if os.environ.get("GZDESK_SCREENSHOTS") else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)

    def shot(wizard: ImportWizard, name: str) -> None:
        QApplication.processEvents()
        assert wizard.grab().save(str(folder / f"wizard-{name}.{lang}.png"))

    with Store.open(tmp_path / "messy.db") as store:
        window = MainWindow(store, lang=lang)
        qtbot.addWidget(window)
        wizard = open_wizard(qtbot, window, wizard_books.messy_ledger(tmp_path / "天河台账.xlsx"))
        shot(wizard, "1-found")
        wizard.next.click()
        replanned(qtbot, wizard, lambda: wizard.columns.choose("重点项目", "对接人手机", "phone"))
        shot(wizard, "2-columns")
        wizard.next.click()
        wizard.problems.jump(wizard.problems.table.model().index(1, 0))
        shot(wizard, "3-problems")
        wizard.problems.skip_invalid.setChecked(True)
        wizard.next.click()
        wizard.preview.select("天河智算中心")
        shot(wizard, "4-preview")
        wizard.import_button.click()
        shot(wizard, "5-apply")
        qtbot.waitUntil(lambda: wizard.current_page() == SUMMARY, timeout=TIMEOUT)
        shot(wizard, "6-summary")
        with qtbot.waitSignal(window.import_flow.finished, timeout=TIMEOUT):
            wizard.close_button.click()
        window.close()
    with Store.open(tmp_path / "exchange.db") as store:
        path = wizard_books.exchange_with_conflict(store, tmp_path / "交换表.xlsx")
        wizard_books.change_here(store)
        window = MainWindow(store, lang=lang)
        qtbot.addWidget(window)
        wizard = open_wizard(qtbot, window, path)
        wizard.go(PREVIEW)
        wizard.preview.show_kind("changed")
        shot(wizard, "4-changed")
        wizard.preview.show_kind("conflict")
        view = wizard.preview.conflict_view
        view.pick("agreed_investment", "theirs")
        view.pick("stage", "mine")
        view.pick("notes", "edit", "两边商定的备注")
        shot(wizard, "4-conflict")
        with qtbot.waitSignal(window.import_flow.finished, timeout=TIMEOUT):
            wizard.cancel.click()
        window.close()


def test_closing_the_wizard_while_it_reads_the_file_again(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, big_sheet(tmp_path / "大表.xlsx", 5000))
    wizard.go(COLUMNS)
    wizard.columns.choose("大表", "协议投资额（万元）", "total_investment")  # a re-plan starts on a worker
    task = window.import_flow.task
    assert task is not None and task.worker is not None and task.worker.running
    with qtbot.waitSignal(window.import_flow.finished, timeout=TIMEOUT):
        wizard.cancel.click()
    qtbot.waitUntil(lambda: not task.worker.running, timeout=TIMEOUT)  # type: ignore[union-attr]
    assert window.import_flow.wizard is None and by_name(store) == {}


def test_the_clerk_can_say_which_list_the_sheets_hold(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, wizard_books.messy_ledger(tmp_path / "天河台账.xlsx"))
    choice = wizard.found.list_choice
    choice.setCurrentIndex(choice.findData("expansion"))
    replanned(qtbot, wizard, lambda: choice.activated.emit(choice.currentIndex()))
    assert wizard.review.list_hint == "expansion" and wizard.found.tables.item(0, 1).text() == "增资扩产项目"
    assert choice.currentData() == "expansion"
    with qtbot.waitSignal(window.import_flow.finished, timeout=TIMEOUT):
        wizard.cancel.click()
