"""What this computer remembers for the clerk (QSettings): language, export folder, backup interval; the windows'
sizes and layouts are :mod:`gzdesk.ui.window_memory`'s (the main window keeps its own).

What belongs to the data — the office, the judgement rule, whether the first-start offer was answered — lives in
the database's settings table instead (``Store.setting``), so it travels with the file.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QStandardPaths

from gzdesk.ui.i18n import LANGUAGES

LANGUAGE = "ui/language"
EXPORT_FOLDER = "export/folder"
BACKUP_HOURS = "backup/interval_hours"
BACKUP_CHOICES = (1, 4, 24)


def ui_settings() -> QSettings:
    return QSettings("gzdesk", "gzdesk")


def remembered_language() -> str | None:
    value = ui_settings().value(LANGUAGE)
    return value if isinstance(value, str) and value in LANGUAGES else None


def remember_language(lang: str) -> None:
    ui_settings().setValue(LANGUAGE, lang)


def backup_interval_hours() -> int:
    """Hours between automatic backups (1 by default)."""
    value = ui_settings().value(BACKUP_HOURS)
    try:
        hours = int(str(value))
    except ValueError:
        return BACKUP_CHOICES[0]
    return hours if hours in BACKUP_CHOICES else BACKUP_CHOICES[0]


def set_backup_interval_hours(hours: int) -> None:
    ui_settings().setValue(BACKUP_HOURS, hours)


def export_folder() -> str:
    """The folder of the last export, else the clerk's documents folder."""
    value = ui_settings().value(EXPORT_FOLDER)
    if isinstance(value, str) and value:
        return value
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def remember_export_folder(folder: str) -> None:
    ui_settings().setValue(EXPORT_FOLDER, folder)
