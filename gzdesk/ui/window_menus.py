"""The window's View and Tools menus and what hangs off them: the lists by keyboard, the language, backups and
restore, the database check, settings, the enterprise and official pages, and the first-start offer."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from gzdesk.core.errors import GzdeskError
from gzdesk.ui import language
from gzdesk.ui.backup_flow import BackupFlow
from gzdesk.ui.check_dialog import CheckFlow
from gzdesk.ui.entity_pages import PageOpener
from gzdesk.ui.first_start import FirstStart
from gzdesk.ui.settings_dialog import AppSettings, SettingsDialog, read_settings, save_settings

if TYPE_CHECKING:
    from gzdesk.ui.main_window import MainWindow


def menu_titled(window: MainWindow, title: str) -> QMenu:
    """The window's top-level menu called ``title`` (shared with other features), created when missing."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text() == title:
            return menu
    return window.menuBar().addMenu(title)


class WindowMenus(QObject):
    """Installed by the main window; ``settings_saved`` carries the saved :class:`AppSettings`."""

    settings_saved = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lang = window.lang
        self.backup_flow = BackupFlow(window, lang=self.lang)
        self.check_flow = CheckFlow(window, window.store.path, lang=self.lang)
        self.pages = PageOpener(window, window.store, lang=self.lang, save=window.history.edit)  # undoable
        self.pages.changed.connect(window.refresh)
        self.first_start = FirstStart(window, lang=self.lang)
        self.ask_settings: Callable[[SettingsDialog], AppSettings | None] = SettingsDialog.ask
        self._view_menu(menu_titled(window, self.tr("&View")))
        self._tools_menu(menu_titled(window, self.tr("&Tools")))
        window.table.installEventFilter(self)  # Enter opens the current row, like a double-click

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object], keys: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _view_menu(self, menu: QMenu) -> None:
        sidebar = self.window.sidebar
        for row in range(sidebar.count()):
            item = sidebar.item(row)
            self._action(menu, f"&{row + 1} {item.text()}", partial(sidebar.setCurrentRow, row), f"Ctrl+{row + 1}")
        menu.addSeparator()
        languages = menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang, label in (("zh", self.tr("&Chinese")), ("en", self.tr("&English"))):
            action = self._action(languages, label, partial(self.switch_language, lang))
            action.setCheckable(True)
            action.setChecked(lang == self.lang)
            group.addAction(action)
            self.language_actions[lang] = action

    def _tools_menu(self, menu: QMenu) -> None:
        self._action(menu, self.tr("&Back up now"), self.backup_flow.back_up_now, "Ctrl+B")
        self._action(menu, self.tr("Backups and &restore…"), self.backup_flow.show_backups, "Ctrl+Shift+B")
        self._action(menu, self.tr("&Check the database…"), self.check_flow.start, "Ctrl+Shift+K")
        menu.addSeparator()
        self._action(menu, self.tr("&Settings…"), self.open_settings, "Ctrl+,")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            index = self.window.table.currentIndex()
            if index.isValid():
                self.window.open_row(index.row())
                return True
        return super().eventFilter(watched, event)

    def open_page(self, kind: str, record_id: str | None) -> bool:
        """The enterprise's or official's page; False for other kinds (they open their form)."""
        return kind in ("enterprise", "official") and self.pages.open(kind, record_id) is not None

    def switch_language(self, lang: str) -> MainWindow:
        """Re-create the window in ``lang`` (remembered for the next start); returns the window now shown."""
        return language.switch_language(self.window, lang)

    def open_settings(self) -> MainWindow:
        """The settings dialog; saves what changed, switches the language if asked; returns the window now shown."""
        store = self.window.store
        current = read_settings(store, lang=self.lang)
        dialog = SettingsDialog(current, read_only=store.read_only_reason is not None, parent=self.window)
        chosen = self.ask_settings(dialog)
        if chosen is None:
            return self.window
        try:
            save_settings(store, current, chosen)
        except GzdeskError as error:
            QMessageBox.warning(self.window, self.tr("Cannot save the settings"), error.message(self.lang))
            return self.window
        self.settings_saved.emit(chosen)
        self.window.statusBar().showMessage(self.tr("Settings saved"), 10_000)
        return self.switch_language(chosen.lang) if chosen.lang != self.lang else self.window
