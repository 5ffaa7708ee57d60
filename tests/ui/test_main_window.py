"""The main window on a real database, driven offscreen with qtbot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gzdesk.core.store import Store
from gzdesk.ui.i18n import install_translators
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.table_model import RecordTableModel
from tests.conftest import project


def fill(store: Store, count: int = 600) -> None:
    rows = [project(f"{'芯片' if i % 3 == 0 else '机器人'}项目{i:04d}", "440112" if i % 2 else "440106",
                    total_investment=float(i), stage="在谈") for i in range(count)]
    store.create_many("investment", rows, source="test")


def test_table_model_passes_qtmodeltester(qtmodeltester: object, store: Store) -> None:
    fill(store, 300)
    model = RecordTableModel(store, "investment")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.sort(model.fields.index(model.entity.field("total_investment")),
               Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.data(model.index(0, model.fields.index(model.entity.field("name")))) == "机器人项目0299"


def test_window_lists_searches_and_sorts(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    fill(store)
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 600
    assert window.count_label.text() == f"共 600 条  合计（万元）： 总投资 {sum(range(600)):,}"
    window.search.setText("芯片")  # QTest.keyClicks aborts on non-Latin text offscreen
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.model.rowCount() == 200
    assert window.count_label.text() == f"共 200 条  合计（万元）： 总投资 {sum(range(0, 600, 3)):,}"
    name_column = window.model.fields.index(window.model.entity.field("name"))
    window.table.sortByColumn(name_column, Qt.SortOrder.DescendingOrder)
    assert window.model.data(window.model.index(0, name_column)) == "芯片项目0597"
    district_column = window.model.fields.index(window.model.entity.field("district"))
    assert window.model.data(window.model.index(0, district_column)) == "黄埔区"
    window.search.clear()
    assert window.model.rowCount() == 600
    window.sidebar.setCurrentRow(2)
    assert window.current_kind == "expansion" and window.model.rowCount() == 0
    window.grab().save(str(tmp_path / "main.png"))
    assert (tmp_path / "main.png").stat().st_size > 1000


def test_english_window_has_english_labels(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store, lang="en")
    qtbot.addWidget(window)
    assert window.sidebar.item(0).text() == "Investment promotion"
    assert window.model.headerData(window.model.fields.index(window.model.entity.field("total_investment")),
                                   Qt.Orientation.Horizontal) == "Total investment (10k CNY)"


def test_column_filters_narrow_the_list_and_clear(qtbot: QtBot, store: Store) -> None:
    from gzdesk.core.query import Filter
    from gzdesk.ui.table_model import filter_options

    fill(store)
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    district = window.model.entity.field("district")
    assert ("黄埔区", "440112") in filter_options(store, district, "zh")
    window.add_filter(Filter("district", "=", "440112"))
    assert window.model.rowCount() == 300
    window.add_filter(Filter("name", "contains", "芯片"))
    assert window.model.rowCount() == 100 and window.count_label.text().startswith("共 100 条")
    window.clear_filters()
    assert window.model.rowCount() == 600


def test_each_language_fills_the_whole_window(qtbot: QtBot, store: Store) -> None:
    from tests.ui.language import chrome_texts, mixed

    fill(store, 20)
    for lang in ("zh", "en"):
        window = MainWindow(store, lang=lang)
        qtbot.addWidget(window)
        window.show()
        texts = chrome_texts(window)
        assert len(texts) > 20
        assert mixed(texts, lang, data=(store.path.name, "芯片")) == [], lang
        window.close()


def _mnemonic(text: str) -> str | None:
    """The Alt key of a menu text ("文件(&F)" → "F"; "&&" is a literal ampersand)."""
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].upper() if 0 <= at < len(cleaned) - 1 else None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_menu_has_its_own_alt_key(qtbot: QtBot, store: Store, lang: str) -> None:
    window = MainWindow(store, lang=lang)
    qtbot.addWidget(window)
    try:
        menus = [action for action in window.menuBar().actions() if action.menu() is not None]
        keys = [_mnemonic(action.text()) for action in menus]
        assert None not in keys, [action.text() for action in menus]
        assert len(set(keys)) == len(keys), [action.text() for action in menus]
        assert len(menus) >= 5
    finally:
        install_translators("zh")
