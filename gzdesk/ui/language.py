"""Which language the window speaks: ``--lang`` (or GZDESK_LANG) when given, else the clerk's last choice, else the
system's. Switching re-creates the window in the other language, keeping what it showed, and is remembered."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from gzdesk.core import messages
from gzdesk.ui import preferences
from gzdesk.ui.i18n import LANGUAGES
from gzdesk.ui.window_swap import replace_window

if TYPE_CHECKING:
    from gzdesk.ui.main_window import MainWindow


def startup_language(explicit: str | None) -> str:
    """The language to open the window in: ``explicit`` (``--lang``), GZDESK_LANG, the remembered choice, or the
    system's language (Chinese unless the system asks for English)."""
    if explicit in LANGUAGES:
        return str(explicit)
    wanted = os.environ.get("GZDESK_LANG")
    if wanted in LANGUAGES:
        return str(wanted)
    return preferences.remembered_language() or messages.default_language()


def switch_language(window: MainWindow, lang: str) -> MainWindow:
    """Remember ``lang`` for the next start and re-create ``window`` in it (the same window if it speaks it)."""
    preferences.remember_language(lang)
    if lang == window.lang:
        return window
    return replace_window(window, lang=lang)
