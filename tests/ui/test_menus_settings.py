"""Tools › Settings (saved in the database and QSettings, read back), View › Language (a whole window in the other
language keeping the list, filters and selection, remembered for the next start), and the first-start offer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from gzdesk.core import backup
from gzdesk.core.evaluation.records import office_rule
from gzdesk.core.excel.export_common import office_display_name
from gzdesk.core.query import Filter
from gzdesk.core.store import Store
from gzdesk.ui import first_start, preferences
from gzdesk.ui.language import startup_language
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.settings_dialog import AppSettings, SettingsDialog, read_settings
from tests.ui.language import chrome_texts, mixed


def test_settings_are_saved_and_read_back(qtbot: QtBot, store: Store, db_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    before = read_settings(store, lang="zh")
    assert before == AppSettings("", "local", "points", "zh", True, 1)

    def answer(dialog: SettingsDialog) -> AppSettings:
        dialog.office_name.setText("黄埔区投资促进局")
        dialog.office_code.setText("440112-tzj")
        dialog.ratio.setChecked(True)
        dialog.automatic.setChecked(False)
        dialog.interval.setCurrentIndex(dialog.interval.findData(4))
        return dialog.choice()

    window.menus.ask_settings = answer
    assert window.menus.open_settings() is window  # same language: the same window
    saved = AppSettings("黄埔区投资促进局", "440112-tzj", "ratio", "zh", False, 4)
    assert read_settings(store, lang="zh") == saved
    store.close()
    with Store.open(db_path) as reopened:  # in the database: it travels with the file
        assert (reopened.office, office_rule(reopened), office_display_name(reopened)) == (
            "440112-tzj", "ratio", "黄埔区投资促进局")
        assert read_settings(reopened, lang="zh") == saved
        assert backup.automatic_paused(db_path) and preferences.backup_interval_hours() == 4
        new = reopened.create("investment", {"name": "新项目", "district": "440112"}).created[0]
        assert (reopened.record("investment", new) or {})["owner_office"] == "440112-tzj"


def test_the_settings_dialog_shows_the_current_values(qtbot: QtBot) -> None:
    current = AppSettings("天河区投资促进局", "440106-tzj", "ratio", "en", False, 24)
    dialog = SettingsDialog(current)
    qtbot.addWidget(dialog)
    assert dialog.choice() == current
    dialog.office_code.clear()
    assert not dialog.ok.isEnabled()
    read_only = SettingsDialog(current, read_only=True)
    qtbot.addWidget(read_only)
    assert not read_only.office_name.isEnabled() and read_only.language.isEnabled()


def test_switching_language_recreates_a_whole_english_window_keeping_the_view(qtbot: QtBot, store: Store) -> None:
    store.create_many("investment", [{"name": f"芯片项目{i}", "district": "440112" if i % 2 else "440106"}
                                     for i in range(10)], source="test")
    window = MainWindow(store, lang="zh")  # not given to qtbot: the switch deletes it
    window.show()
    window.resize(720, 560)  # the offscreen screen is 800 × 800
    window.add_filter(Filter("district", "=", "440112"))
    window.table.selectRow(2)
    chosen = window.model.record_id(2)
    new = window.menus.switch_language("en")
    qtbot.addWidget(new)
    assert new is not window and new.lang == "en" and new.isVisible() and not window.isVisible()
    assert new.current_kind == "investment" and new.model.rowCount() == 5
    assert new.model.query.filters == (Filter("district", "=", "440112"),)
    assert new.model.record_id(new.table.currentIndex().row()) == chosen
    assert (new.width(), new.height()) == (720, 560)
    texts = chrome_texts(new)
    assert "&Tools" in texts and "&View" in texts
    assert mixed(texts, "en", data=(store.path.name, "芯片")) == []  # the search hint shows a Chinese example
    assert preferences.remembered_language() == "en"
    assert startup_language(None) == "en" and startup_language("zh") == "zh"  # --lang wins over the memory
    back = new.menus.switch_language("zh")
    qtbot.addWidget(back)
    assert mixed(chrome_texts(back), "zh", data=(store.path.name, "芯片")) == []
    assert "工具(&T)" in chrome_texts(back)


def test_saving_another_language_in_settings_switches_the_window(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store, lang="zh")
    window.menus.ask_settings = lambda dialog: replace(dialog.choice(), lang="en")
    new = window.menus.open_settings()
    qtbot.addWidget(new)
    assert new is not window and new.lang == "en" and preferences.remembered_language() == "en"


def test_first_start_is_offered_on_an_empty_database_only_and_sample_data_fills_it(qtbot: QtBot, store: Store,
                                                                                    tmp_path: Path) -> None:
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    window.show()
    offer = window.menus.first_start
    assert offer.panel is not None and offer.panel.isVisible()
    with qtbot.waitSignal(offer.filled, timeout=60_000) as filled:
        offer.panel.buttons["sample"].click()
    assert filled.args[0].counts["official"] == 14 and filled.args[0].counts["enterprise"] == 500
    assert offer.panel is None and window.model.rowCount() == filled.args[0].investment
    again = MainWindow(store, lang="zh")
    qtbot.addWidget(again)
    assert again.menus.first_start.panel is None  # there is data now

    empty = Store.open(tmp_path / "empty.db")
    first = MainWindow(empty, lang="en")
    qtbot.addWidget(first)
    panel = first.menus.first_start.panel
    assert panel is not None
    panel.buttons["empty"].click()
    assert first.menus.first_start.panel is None
    later = MainWindow(empty, lang="en")
    qtbot.addWidget(later)
    assert later.menus.first_start.panel is None and not first_start.has_data(empty)  # the clerk chose
    empty.close()


def test_first_start_is_not_offered_on_a_read_only_database(qtbot: QtBot, store: Store, db_path: Path) -> None:
    with Store.open(db_path, read_only=True) as read_only:
        assert not first_start.should_offer(read_only)
    assert first_start.should_offer(store)
