"""What happens before the window opens: the single-instance lock, damage recovery, warnings worth reading.

Every question goes through ``ask(title, text, buttons) -> chosen button index`` so tests answer with plain data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from gzdesk.core import backup, messages
from gzdesk.core.errors import GzdeskError
from gzdesk.core.locations import classify
from gzdesk.core.recovery import open_database
from gzdesk.core.store import Store
from gzdesk.ui.instance import DatabaseLock

translate = QCoreApplication.translate

Ask = Callable[[str, str, Sequence[str]], int]


def ask_with_message_box(title: str, text: str, buttons: Sequence[str]) -> int:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text)
    added = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole if i == 0 else QMessageBox.ButtonRole.RejectRole)
             for i, label in enumerate(buttons)]
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, button in enumerate(added) if button is clicked), len(buttons) - 1)


def acquire_lock(database: Path, *, lang: str, ask: Ask = ask_with_message_box) -> DatabaseLock | None:
    """The database's lock, or None when another gzdesk uses it (and the clerk did not take it over)."""
    lock = DatabaseLock(database)
    holder = lock.acquire()
    if holder is None:
        return lock
    if not holder.pid and not holder.hostname and not lock.path.exists():
        return lock  # no lock file could be made: the folder is write-protected and the database opens read-only
    text = translate("Startup", "The database “{name}” is in use by another gzdesk (computer {host}, "
                                "process {pid}).").format(name=database.name, host=holder.hostname, pid=holder.pid)
    if holder.this_host:
        ask(translate("Startup", "Database in use"), text, [translate("Startup", "OK")])
        return None
    text += translate("Startup", "\nIf gzdesk on that computer is closed, you may take over.")
    choice = ask(translate("Startup", "Database in use"), text, [translate("Startup", "Take over"), translate("Startup", "Quit")])
    return lock if choice == 0 and lock.take_over() else None


def open_for_window(database: Path, *, lang: str, ask: Ask = ask_with_message_box) -> tuple[Store | None, list[str]]:
    """Open (or recover) the database; returns the store (None to quit) and notices to show in the window."""
    result = open_database(database)
    notices: list[str] = []
    if result.location_warning is not None:
        notices.append(messages.render(result.location_warning.code, lang, path=database,
                                       detail=result.location_warning.detail))
    if result.store is None:
        corrupt = result.corrupt.message(lang) if result.corrupt else ""
        if result.offered_backup is None:
            ask(translate("Startup", "Database damaged"), corrupt + translate("Startup", "\nNo good backup exists; a new empty database is created."),
                [translate("Startup", "OK")])
            return Store.open(database), notices
        offered = result.offered_backup
        choice = ask(translate("Startup", "Database damaged"),
                     corrupt + translate("Startup", "\nRestore the newest good backup ({taken})?").format(
                         taken=f"{offered.taken_at:%Y-%m-%d %H:%M}"),
                     [translate("Startup", "Restore"), translate("Startup", "Quit")])
        if choice != 0:
            return None, notices
        try:
            backup.restore(database, offered.path)
        except GzdeskError as error:
            ask(translate("Startup", "Cannot restore"), error.message(lang), [translate("Startup", "OK")])
            return None, notices
        return Store.open(database), notices
    if result.read_only_reason is not None:
        notices.append(result.read_only_reason.message(lang))
    notices += [messages.render("batch.interrupted", lang, file=b.file_name or b.kind, at=b.started_at)
                for b in result.interrupted]
    return result.store, notices


def standing_notices(store: Store, *, lang: str) -> list[str]:
    """The notices that hold as long as the database stays where and how it is: a network or removable drive, a
    read-only or newer-version file (said again when the window is re-created, e.g. in another language)."""
    notices = []
    warning = classify(store.path)
    if warning is not None:
        notices.append(warning.message(lang))
    if store.read_only_reason is not None:
        notices.append(store.read_only_reason.message(lang))
    return notices
