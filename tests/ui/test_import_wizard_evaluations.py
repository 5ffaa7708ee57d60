"""The import wizard on an exchange workbook whose evaluation sheets (工作评估/节点/问题) were edited: their records
are listed as list records are, counted per sheet, and an evaluation conflict is decided per field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from gzdesk.core.evaluation import details, records
from gzdesk.core.store import Store
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.wizard import PREVIEW, SUMMARY, ImportWizard
from tests.ui import wizard_books
from tests.ui.language import chrome_texts, mixed
from tests.ui.test_import_wizard import TIMEOUT, apply, open_wizard

PERIOD = wizard_books.EVALUATION_PERIOD
DATA = ("交换表", "工作评估", "“问题”", "“节点”", "甲项目", "乙项目", "丙项目", "主体封顶", "用地指标未落实", "环评批复未下达", PERIOD, "440106-tzj")


def names(wizard: ImportWizard, kind: str) -> list[str]:
    model = wizard.preview.model
    return [e.name for e in model.by_kind[kind]]


def test_evaluation_rows_are_listed_counted_and_their_conflict_decided(qtbot: QtBot, store: Store,
                                                                       tmp_path: Path) -> None:
    path = wizard_books.exchange_with_evaluations(store, tmp_path / "交换表.xlsx")
    first = records.existing_id(store, "p1", PERIOD) or ""
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, path)
    wizard.go(PREVIEW)
    preview = wizard.preview
    assert names(wizard, "conflict") == [f"甲项目 {PERIOD}"]
    assert names(wizard, "changed") == [f"甲项目 {PERIOD} · 用地指标未落实"]
    assert names(wizard, "new") == [f"丙项目 {PERIOD}", f"丙项目 {PERIOD} · 环评批复未下达"]
    assert names(wizard, "unchanged") == ["甲项目", "乙项目", "丙项目", f"甲项目 {PERIOD} · 主体封顶"]
    assert preview.evaluation_counts.isVisible()
    assert preview.evaluation_counts.text() == ("其中来自评估表 — 进展评估：新增 1 · 冲突 1；节点：未变 1；"
                                                "问题：新增 1 · 有变更 1")
    assert preview.list.isColumnHidden(2)  # one project list: the place column names the evaluation sheets
    model = preview.model
    assert model.data(model.index(0, 2)) == "进展评估" and model.data(model.index(0, 3)) == "“工作评估”第 2 行"
    assert not wizard.import_button.isEnabled() and "1" in wizard.hint.text()

    preview.show_kind("new")  # a new problem: its own fields, not the ids linking it to its evaluation
    preview.list.selectRow(1)
    table = preview.record_view.table
    shown = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert shown == {"问题类型": "审批", "问题描述": "环评批复未下达"}

    preview.show_kind("conflict")
    view = preview.conflict_view
    assert preview.detail.currentWidget() is view
    rows = {view.table.item(r, 0).text(): [view.table.item(r, c).text() for c in (1, 2, 3)]
            for r in range(view.table.rowCount())}
    assert rows == {"形象进度": ["基础施工", "主体施工（对方）", "主体施工（我方）"],
                    "下步计划": ["（空）", "加快主体施工", "（空）"]}
    view.pick("progress_text", "theirs")
    assert wizard.import_button.isEnabled(), wizard.hint.text()
    assert wizard.decision().choices == {(first, "progress_text"): "theirs"}
    apply(qtbot, window, wizard)

    evaluation = store.record("evaluation", first)
    assert evaluation is not None and (evaluation["progress_text"], evaluation["next_steps"]) == (
        "主体施工（对方）", "加快主体施工")
    third = records.existing_id(store, "p3", PERIOD)
    assert third is not None
    assert [p["description"] for p in details.details_of(store, details.PROBLEMS, [third])] == ["环评批复未下达"]
    assert [p["status"] for p in details.details_of(store, details.PROBLEMS, [first])] == ["已解决"]
    form = wizard.summary.form
    summary = {form.itemAt(r, form.ItemRole.LabelRole).widget().text():  # type: ignore[union-attr]
               form.itemAt(r, form.ItemRole.FieldRole).widget().text()  # type: ignore[union-attr]
               for r in range(form.rowCount())}
    assert summary["新增项目："] == "0" and summary["已处理冲突的项目："] == "1"
    assert summary["进展评估："] == "新增 1 条，更新 1 条，未变 0 条"
    assert summary["节点："] == "新增 0 条，更新 0 条，未变 1 条"
    assert summary["问题："] == "新增 1 条，更新 1 条，未变 0 条"


def test_keep_mine_in_every_conflict_reaches_the_evaluation_sheets(qtbot: QtBot, store: Store,
                                                                   tmp_path: Path) -> None:
    path = wizard_books.exchange_with_evaluations(store, tmp_path / "交换表.xlsx")
    first = records.existing_id(store, "p1", PERIOD) or ""
    window = MainWindow(store, lang="en")
    qtbot.addWidget(window)
    wizard = open_wizard(qtbot, window, path)
    wizard.go(PREVIEW)
    assert wizard.preview.keep_all.isVisible()
    wizard.preview.keep_all.click()
    apply(qtbot, window, wizard)
    evaluation = store.record("evaluation", first)
    assert evaluation is not None and (evaluation["progress_text"], evaluation["next_steps"]) == (
        "主体施工（我方）", "加快主体施工")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots_and_one_language(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    """The preview and summary with evaluation sheets: into resources/screenshots/ when GZDESK_SCREENSHOTS=1."""
    folder = Path(os.environ["GZDESK_SHOTS"]) if os.environ.get("GZDESK_SHOTS") else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    with Store.open(tmp_path / "exchange.db") as store:
        path = wizard_books.exchange_with_evaluations(store, tmp_path / "交换表.xlsx")
        window = MainWindow(store, lang=lang)
        qtbot.addWidget(window)
        wizard = open_wizard(qtbot, window, path)
        wizard.go(PREVIEW)
        for kind in ("new", "changed", "conflict"):
            wizard.preview.show_kind(kind)
            QApplication.processEvents()
            assert mixed(chrome_texts(wizard), lang, data=DATA) == []
            assert wizard.grab().save(str(folder / f"wizard-evaluations-{kind}.{lang}.png"))
        wizard.preview.pick_all("theirs")
        apply(qtbot, window, wizard)
        assert wizard.current_page() == SUMMARY
        backup = wizard.summary.form.itemAt(wizard.summary.form.rowCount() * 2 - 1).widget()
        assert isinstance(backup, QLabel)
        assert mixed(chrome_texts(wizard), lang, data=(*DATA, backup.toolTip(), backup.text())) == []
        assert wizard.grab().save(str(folder / f"wizard-evaluations-summary.{lang}.png"))
        with qtbot.waitSignal(window.import_flow.finished, timeout=TIMEOUT):
            wizard.close_button.click()
        window.close()
