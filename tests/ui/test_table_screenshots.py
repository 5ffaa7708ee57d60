"""The main window with sample data, the bulk-edit dialog and the column chooser, in both languages: each screen
speaks one language, and a picture is saved. ``GZDESK_SCREENSHOTS=1`` saves them into resources/screenshots/
(main-window, bulk-edit, columns; NAME.zh.png and NAME.en.png) to be looked at; otherwise a scratch folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gzdesk import paths
from gzdesk.core.demo import fill_demo
from gzdesk.core.query import Filter
from gzdesk.core.store import Store
from gzdesk.ui.bulk_edit import BulkEditDialog
from gzdesk.ui.column_chooser import ColumnChooser
from gzdesk.ui.main_window import MainWindow
from tests.ui.language import chrome_texts, mixed

LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """2,000 sample projects with this year's evaluations; open until every window of the module is gone."""
    store = Store.open(tmp_path_factory.mktemp("table-shots") / "gzdesk.db")
    fill_demo(store, projects=2000)
    yield store
    store.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return paths.resource("screenshots") if os.environ.get("GZDESK_SCREENSHOTS") == "1" else tmp_path


def save(widget: QWidget, folder: Path, name: str, lang: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    widget.repaint()
    target = folder / f"{name}.{lang}.png"
    assert widget.grab().save(str(target))
    assert target.stat().st_size > 5_000


def one_language(widget: QWidget, lang: str, *data: str) -> None:
    texts = chrome_texts(widget)
    assert len(texts) > 3
    assert mixed(texts, lang, data=data) == [], lang


@pytest.mark.parametrize("lang", LANGS)
def test_main_window_marks_and_views(qtbot: QtBot, sample: Store, shots: Path, lang: str) -> None:
    window = MainWindow(sample, lang=lang)
    qtbot.addWidget(window)
    window.resize(1360, 820)
    window.show()
    model = window.model
    window.column_layouts.show_only(["name", "district", "industry", "stage", "total_investment",
                                     "completed_investment", "official", "status", "latest_progress"])
    window.add_filter(Filter("stage", "in", ("开工", "签约")))  # projects that report every month
    window.table.sortByColumn(model.column_of("completed_investment"), Qt.SortOrder.AscendingOrder)
    marked = [row for row in range(25) if (mark := model.mark(row)) is not None and mark.marked]
    assert len(marked) >= 3, "the first screen shows lagging or overdue projects"
    selection = window.table.selectionModel()
    for row in (3, 5):  # rows without a red or yellow light: the marks stay visible
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.wait(100)
    one_language(window, lang, sample.path.name, "芯片")  # the search hint shows a Chinese example
    save(window, shots, "main-window", lang)
    window.close()


@pytest.mark.parametrize("lang", LANGS)
def test_bulk_edit_dialog(qtbot: QtBot, sample: Store, shots: Path, lang: str) -> None:
    from gzdesk.core import schema
    from gzdesk.ui.i18n import install_translators

    install_translators(lang)
    try:
        dialog = BulkEditDialog(sample, schema.INVESTMENT, 3, lang=lang)
        qtbot.addWidget(dialog)
        dialog.choose_field("total_investment")
        dialog.editor.setText("1.2亿")  # type: ignore[union-attr]
        dialog.show()
        assert dialog.validate() and dialog.value() == (12000.0, None)
        one_language(dialog, lang, "1.2亿")
        save(dialog, shots, "bulk-edit", lang)
    finally:
        install_translators("zh")


@pytest.mark.parametrize("lang", LANGS)
def test_column_chooser(qtbot: QtBot, sample: Store, shots: Path, lang: str) -> None:
    window = MainWindow(sample, lang=lang)
    qtbot.addWidget(window)
    window.column_layouts.hide(window.model.column_of("park"))
    window.column_layouts.hide(window.model.column_of("location"))
    labels = {f.key: f.header(lang) for f in window.model.fields}
    dialog = ColumnChooser(window.column_layouts.columns(), labels, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    one_language(dialog, lang)
    save(dialog, shots, "columns", lang)
    window.close()
