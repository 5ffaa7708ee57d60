"""Windows come back as the clerk left them: size, position, splitters and column layouts, on the app's real
dialogs (offscreen, a screen of 800 × 800), with a saved column set that no longer fits, a window saved off every
screen and corrupt settings all leaving the window usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtWidgets import QSplitter, QTableWidget
from pytestqt.qtbot import QtBot

from gzdesk.core.import_review import review_import
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.dashboard import DashboardWindow
from gzdesk.ui.evaluation.drill import DrillDialog
from gzdesk.ui.evaluation.round_model import COLUMNS
from gzdesk.ui.evaluation.round_view import RoundWindow
from gzdesk.ui.export_dialog import ExportDialog, ListCount
from gzdesk.ui.i18n import install_translators
from gzdesk.ui.preferences import ui_settings
from gzdesk.ui.window_memory import columns_remembered, keep_on_screen, visible_frame
from gzdesk.ui.wizard import PROBLEMS, ImportWizard
from tests.core.imports import messy
from tests.ui import evaluation_data as data

SCREEN = QRect(0, 0, 800, 800)  # the offscreen platform's only screen


def open_wizard(qtbot: QtBot, store: Store, workbook: Path) -> ImportWizard:
    install_translators("zh")
    wizard = ImportWizard(review_import(store, workbook), lang="zh")
    qtbot.addWidget(wizard)
    wizard.go(PROBLEMS)
    wizard.show()
    return wizard


def open_drill(qtbot: QtBot, store: Store) -> DrillDialog:
    dialog = DrillDialog(store, "investment", [], title="投资项目 · 滞后", lang="zh")
    qtbot.addWidget(dialog)
    return dialog


def problems_splitter(wizard: ImportWizard) -> QSplitter:
    splitter = wizard.problems.findChild(QSplitter, "problems_splitter")
    assert isinstance(splitter, QSplitter)
    return splitter


def test_the_import_wizard_reopens_at_its_size_place_splitter_and_columns(qtbot: QtBot, store: Store,
                                                                          tmp_path: Path) -> None:
    workbook = messy.with_bad_rows(tmp_path / "坏行.xlsx")
    wizard = open_wizard(qtbot, store, workbook)
    assert wizard.size() == QSize(1100, 700)  # the default, before the clerk changes anything
    wizard.resize(720, 560)
    wizard.move(37, 51)
    table = wizard.problems.table
    table.setColumnWidth(3, 181)
    table.setColumnWidth(4, 97)
    table.horizontalHeader().moveSection(2, 0)  # the row number first
    problems_splitter(wizard).setSizes([120, 330])
    sizes = problems_splitter(wizard).sizes()
    wizard.close()

    again = open_wizard(qtbot, store, workbook)
    assert again.size() == QSize(720, 560) and again.pos() == QPoint(37, 51)
    table = again.problems.table
    assert (table.columnWidth(3), table.columnWidth(4)) == (181, 97)
    assert table.horizontalHeader().logicalIndex(0) == 2
    assert problems_splitter(again).sizes() == sizes and sizes[0] < sizes[1]
    assert columns_remembered(table)


def test_which_columns_show_stays_the_wizards_decision(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    workbook = messy.with_bad_rows(tmp_path / "坏行.xlsx")  # one list: the preview hides its list column
    wizard = open_wizard(qtbot, store, workbook)
    assert wizard.preview.list.isColumnHidden(2)
    wizard.preview.list.setColumnHidden(2, False)  # as it was for a file with two lists
    wizard.preview.list.setColumnWidth(0, 77)
    wizard.close()
    again = open_wizard(qtbot, store, workbook)
    assert again.preview.list.isColumnHidden(2) and again.preview.list.columnWidth(0) == 77


def test_a_saved_column_set_of_another_size_is_ignored(qtbot: QtBot, store: Store) -> None:
    other = QTableWidget(0, 5)  # the drill-down's table as it might have been with five columns
    for column in range(5):
        other.setColumnWidth(column, 400)
    settings = ui_settings()
    settings.setValue("windows/drill/columns/projects/state", other.horizontalHeader().saveState())
    settings.setValue("windows/drill/columns/projects/count", 5)
    dialog = open_drill(qtbot, store)
    dialog.show()
    assert dialog.model.columnCount() == 10
    assert dialog.table.columnWidth(0) == 300 and dialog.table.columnWidth(1) != 400  # the dialog's own widths
    assert not columns_remembered(dialog.table)


def test_the_drill_down_keeps_its_column_widths_even_when_its_model_comes_late(qtbot: QtBot, store: Store) -> None:
    dialog = open_drill(qtbot, store)
    dialog.show()
    dialog.table.setColumnWidth(0, 155)
    dialog.table.setColumnWidth(5, 222)
    dialog.accept()

    late = open_drill(qtbot, store)
    late.table.setModel(None)  # type: ignore[arg-type]  # no columns when the dialog is shown …
    late.show()
    assert not columns_remembered(late.table)
    late.table.setModel(late.model)  # … they come back when the model is set
    assert (late.table.columnWidth(0), late.table.columnWidth(5)) == (155, 222)
    assert columns_remembered(late.table)


def test_the_round_keeps_the_clerks_widths_over_its_own_fitting(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    install_translators("zh")

    def open_round() -> RoundWindow:
        window = RoundWindow(store, lang="zh", today=data.AS_OF)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.loaded, timeout=10_000):
            window.show()
        return window

    first = open_round()
    name = COLUMNS.index("name")
    fitted = first.table.columnWidth(name)
    first.table.setColumnWidth(name, fitted + 90)
    first.resize(700, 500)
    assert first.size() == QSize(820, 500)  # no narrower than its filter bar
    first.close()
    second = open_round()  # its first rows are read after it is shown: the fitting must not undo the widths
    assert second.table.columnWidth(name) == fitted + 90
    assert second.size() == QSize(820, 500)


def test_the_dashboard_saves_only_its_own_tables_not_an_open_drill_downs(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    install_translators("zh")
    window = DashboardWindow(store, lang="zh", today=data.AS_OF)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.numbers_ready, timeout=20_000):
        window.show()
    window.ranking_view.setColumnWidth(1, 260)
    drill = DrillDialog(store, "investment", [], title="投资项目", lang="zh", parent=window)
    drill.show()
    window.close()
    assert ui_settings().childGroups() == ["windows"]
    settings = ui_settings()
    settings.beginGroup("windows/dashboard/columns")
    assert settings.childGroups() == ["ranking"]
    settings.endGroup()
    drill.close()

    again = DashboardWindow(store, lang="zh", today=data.AS_OF)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.numbers_ready, timeout=20_000):  # new numbers do not re-fit the clerk's widths
        again.show()
    assert again.ranking_view.columnWidth(1) == 260


def test_a_window_saved_off_every_screen_comes_back_onto_the_screen(qtbot: QtBot) -> None:
    dialog = ExportDialog(purpose="exchange", counts=[ListCount("investment", 3, 3)], current_kind=None,
                          folder="/tmp", lang="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(650, 500)
    dialog.move(2600, 1900)  # on a projector that is unplugged by the next start
    assert not dialog.frameGeometry().intersects(SCREEN)
    dialog.close()

    again = ExportDialog(purpose="exchange", counts=[ListCount("investment", 3, 3)], current_kind=None,
                         folder="/tmp", lang="zh")
    qtbot.addWidget(again)
    again.show()
    assert SCREEN.contains(again.geometry()) and again.size() == QSize(650, 500)


def test_keep_on_screen_moves_and_shrinks_a_lost_window_onto_the_primary_screen(qtbot: QtBot, store: Store) -> None:
    dialog = open_drill(qtbot, store)
    dialog.setGeometry(3000, -2000, 1000, 600)  # wider than the screen, far off it
    keep_on_screen(dialog)
    frame = dialog.frameGeometry()
    assert SCREEN.contains(frame) and frame.width() == 800 and frame.center().y() in (399, 400)
    dialog.setGeometry(100, 120, 500, 400)
    keep_on_screen(dialog)  # on the screen: left alone
    assert dialog.geometry() == QRect(100, 120, 500, 400)


PROJECTOR = QRect(800, 0, 1024, 768)


@pytest.mark.parametrize(("frame", "screens", "kept"), [
    (QRect(100, 100, 600, 400), [SCREEN], True),
    (QRect(600, 600, 600, 400), [SCREEN], True),  # 200 × 200 of it on the screen: enough to grab
    (QRect(300, 300, 80, 30), [SCREEN], True),  # a window smaller than the grip, wholly on the screen
    (QRect(1200, 200, 600, 400), [SCREEN, PROJECTOR], True),  # on the second screen
    (QRect(1200, 200, 600, 400), [SCREEN], False),  # … which is gone
    (QRect(-2000, 100, 600, 400), [SCREEN], False),
    (QRect(790, 300, 600, 400), [SCREEN], False),  # a sliver 10 pixels wide
    (QRect(700, 770, 600, 400), [SCREEN], False),  # a corner 30 pixels high
])
def test_visible_frame_keeps_a_window_the_clerk_can_grab(frame: QRect, screens: list[QRect], kept: bool) -> None:
    result = visible_frame(frame, screens=screens, primary=SCREEN)
    assert (result == frame) is kept
    if not kept:
        assert SCREEN.contains(result) and result.size() == frame.size().boundedTo(SCREEN.size())
        assert result.center() == SCREEN.center()


@pytest.mark.parametrize("bad", ["garbage", 42, QByteArray(b"\x00\x01 not a saved state"), QByteArray()])
def test_corrupt_or_wrong_typed_settings_are_ignored(qtbot: QtBot, store: Store, tmp_path: Path,
                                                     bad: object) -> None:
    settings = ui_settings()
    for key in ("windows/import_wizard/geometry", "windows/import_wizard/splitters/problems_splitter",
                "windows/import_wizard/columns/problems/state", "windows/drill/geometry",
                "windows/drill/columns/projects/state"):
        settings.setValue(key, bad)
    settings.setValue("windows/import_wizard/columns/problems/count", 6)
    settings.setValue("windows/drill/columns/projects/count", "twelve" if isinstance(bad, QByteArray) else bad)
    wizard = open_wizard(qtbot, store, messy.with_bad_rows(tmp_path / "坏行.xlsx"))
    assert wizard.size() == QSize(1100, 700) and not columns_remembered(wizard.problems.table)
    assert problems_splitter(wizard).sizes()[0] > 0
    drill = open_drill(qtbot, store)
    drill.show()
    assert drill.size() == QSize(1100, 560) and drill.table.columnWidth(0) == 300
    drill.close()
    assert isinstance(ui_settings().value("windows/drill/geometry"), QByteArray)  # overwritten with a good one
