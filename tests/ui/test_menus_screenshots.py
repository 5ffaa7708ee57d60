"""Every new dialog and page in both languages, rendered offscreen: each speaks one language, and a picture of it
is saved. ``GZDESK_SCREENSHOTS=1`` saves the pictures into resources/screenshots/ (NAME.zh.png, NAME.en.png) to
be looked at; otherwise they go to a scratch folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gzdesk import paths
from gzdesk.core import backup
from gzdesk.core.demo import fill_demo
from gzdesk.core.query import Filter
from gzdesk.core.store import Store
from gzdesk.ui.backups_dialog import BackupsDialog
from gzdesk.ui.export_dialog import ExportDialog, ListCount
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.settings_dialog import SettingsDialog, read_settings
from tests.ui.language import chrome_texts, mixed

LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shots") / "gzdesk.db"
    with Store.open(path) as store:
        fill_demo(store, projects=2000)
        store.set_setting("office_code", "440112-tzj")
        backup.backup(store.conn, path, reason="auto")
        backup.backup(store.conn, path, reason="before-import")
        backup.backup(store.conn, path, reason="manual")
    return path


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return paths.resource("screenshots") if os.environ.get("GZDESK_SCREENSHOTS") == "1" else tmp_path


def save(widget: QWidget, folder: Path, name: str, lang: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    widget.repaint()
    target = folder / f"{name}.{lang}.png"
    assert widget.grab().save(str(target))
    assert target.stat().st_size > 5_000


@pytest.mark.parametrize("lang", LANGS)
def test_export_dialog(qtbot: QtBot, lang: str, shots: Path) -> None:
    from gzdesk.ui.i18n import install_translators

    install_translators(lang)
    counts = [ListCount("investment", 1000, 212), ListCount("tech_transfer", 400, 400),
              ListCount("expansion", 600, 600)]
    dialog = ExportDialog(purpose="exchange", counts=counts, current_kind="investment",
                          folder="/home/clerk/Documents", lang=lang)
    qtbot.addWidget(dialog)
    dialog.show()
    assert mixed(chrome_texts(dialog), lang) == []
    save(dialog, shots, "export-dialog", lang)
    install_translators("zh")


@pytest.mark.parametrize("lang", LANGS)
def test_backups_dialog(qtbot: QtBot, lang: str, shots: Path, sample_db: Path) -> None:
    from gzdesk.ui.i18n import install_translators

    install_translators(lang)
    dialog = BackupsDialog(sample_db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.verified, timeout=60_000):
        dialog.reload()
    dialog.show()
    assert dialog.table.rowCount() == 3
    assert mixed(chrome_texts(dialog), lang, data=(sample_db.name + ".backups", sample_db.name)) == []
    save(dialog, shots, "backups", lang)
    install_translators("zh")


@pytest.mark.parametrize("lang", LANGS)
def test_settings_dialog(qtbot: QtBot, lang: str, shots: Path, sample_db: Path) -> None:
    from gzdesk.ui.i18n import install_translators

    install_translators(lang)
    with Store.open(sample_db, read_only=True) as store:
        dialog = SettingsDialog(read_settings(store, lang=lang))
    qtbot.addWidget(dialog)
    dialog.show()
    data = ("黄埔区投资促进局", "440112-tzj", "Huangpu District Investment Promotion Bureau")
    assert mixed(chrome_texts(dialog), lang, data=data) == []
    save(dialog, shots, "settings", lang)
    install_translators("zh")


def _window(qtbot: QtBot, store: Store, lang: str) -> MainWindow:
    window = MainWindow(store, lang=lang)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    return window


@pytest.mark.parametrize("lang", LANGS)
def test_enterprise_page(qtbot: QtBot, lang: str, shots: Path, sample_db: Path) -> None:
    with Store.open(sample_db) as store:
        window = _window(qtbot, store, lang)
        window.sidebar.setCurrentRow(3)
        name = store.conn.execute(
            "SELECT e.name FROM enterprise e JOIN investment i ON i.enterprise = e.name WHERE e.official IS NOT NULL"
            " GROUP BY e.name ORDER BY count(*) DESC, e.name LIMIT 1").fetchone()[0]
        window.add_filter(Filter("name", "=", name))
        window.open_row(0)
        page = window.menus.pages.pages[-1]
        page.resize(1120, 560)
        save(page, shots, "enterprise", lang)
        window.close()


@pytest.mark.parametrize("lang", LANGS)
def test_official_page(qtbot: QtBot, lang: str, shots: Path, sample_db: Path) -> None:
    with Store.open(sample_db) as store:
        window = _window(qtbot, store, lang)
        window.sidebar.setCurrentRow(4)
        window.open_row(0)
        page = window.menus.pages.pages[-1]
        page.resize(1120, 560)
        page.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
        save(page, shots, "official", lang)
        window.close()


@pytest.mark.parametrize("lang", LANGS)
def test_first_start(qtbot: QtBot, lang: str, shots: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "gzdesk.db") as store:
        window = _window(qtbot, store, lang)
        assert window.menus.first_start.panel is not None
        window.table.setFocus(Qt.FocusReason.OtherFocusReason)
        save(window, shots, "first-start", lang)
        assert mixed(chrome_texts(window), lang, data=("gzdesk.db", "芯片")) == []
        window.close()
