"""Every resizable window remembers, on this computer, where the clerk left it: its size and position, its
splitters, and the widths and order of its tables' columns.

``remember(window, key)`` is called once, in the window's constructor. At the window's first showing it restores
what was saved under ``windows/<key>/`` in :func:`~gzdesk.ui.preferences.ui_settings` (nothing saved: the window's
own defaults stand); each time the window hides — closed, accepted, rejected — it saves it again. Splitters and
table or tree views take part when they have an ``objectName`` (unique within the window; the views of a child
window belong to that window's key). A view's columns come back only when its model has as many columns as when
they were saved — a changed column set starts from the code's defaults — and, when the view has no model yet at the
first showing, as soon as it gets one. Which columns are hidden stays the code's decision: only widths and order
are the clerk's. Code that sizes columns to their contents asks :func:`columns_remembered` first.

A restored window always lands where it can be seen (:func:`keep_on_screen`), and a corrupt or wrong-typed saved
value is ignored: the window keeps its defaults.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QTreeView, QWidget

from gzdesk.ui.preferences import ui_settings

Named = TypeVar("Named", bound=QWidget)

GROUP = "windows"
REMEMBERED = "gzdeskColumnsRemembered"  # dynamic property of a view whose columns came back from the settings
GRIP = QSize(120, 40)  # how much of a window must be on a screen for the clerk to grab it (less when it is smaller)


def remember(window: QWidget, key: str) -> None:
    """Restore ``window`` from what was saved under ``key`` when it is first shown; save it whenever it hides."""
    window.installEventFilter(_WindowMemory(window, key))


def columns_remembered(view: QAbstractItemView) -> bool:
    """True once ``view``'s column widths and order came back from the settings: fitting columns to their contents
    would undo the clerk's layout."""
    return bool(view.property(REMEMBERED))


def visible_frame(frame: QRect, *, screens: Sequence[QRect], primary: QRect) -> QRect:
    """``frame`` when a grip of it lies on one of ``screens`` (their available geometries), else ``frame`` shrunk to
    fit ``primary`` and centred on it."""
    grip = GRIP.boundedTo(frame.size())
    if any((part := frame.intersected(screen)).width() >= grip.width() and part.height() >= grip.height()
           for screen in screens):
        return QRect(frame)
    fitted = QRect(primary.topLeft(), frame.size().boundedTo(primary.size()))
    fitted.moveCenter(primary.center())
    return fitted


def keep_on_screen(window: QWidget) -> None:
    """Bring a top-level ``window`` back onto the primary screen if it lies off every screen (a projector unplugged,
    a resolution lowered)."""
    primary = QGuiApplication.primaryScreen()
    if primary is None:
        return
    frame = window.frameGeometry()
    target = visible_frame(frame, screens=[screen.availableGeometry() for screen in QGuiApplication.screens()],
                           primary=primary.availableGeometry())
    if target != frame:
        border = frame.size() - window.size()
        window.resize(target.size() - border)
        window.move(target.topLeft())


class _WindowMemory(QObject):
    """An event filter, the window's child: restores at the first Show, saves at every Hide the program causes
    (not when the window system minimises it)."""

    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self.group = f"{GROUP}/{key}"
        self.shown = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget):
            if event.type() == QEvent.Type.Show and not self.shown:
                self.shown = True
                restore_window(watched, self.group)
            elif event.type() == QEvent.Type.Hide and self.shown and not event.spontaneous():
                save_window(watched, self.group)
        return False


def save_window(window: QWidget, group: str) -> None:
    """Write ``window``'s geometry, its named splitters' states and its named views' column layouts."""
    settings = ui_settings()
    settings.setValue(f"{group}/geometry", window.saveGeometry())
    for splitter in _named(window, QSplitter):
        settings.setValue(f"{group}/splitters/{splitter.objectName()}", splitter.saveState())
    for view in _views(window):
        header = _columns(view)
        if not header.count():  # no model now: keep the layout saved before
            continue
        settings.setValue(f"{group}/columns/{view.objectName()}/state", header.saveState())
        settings.setValue(f"{group}/columns/{view.objectName()}/count", header.count())


def restore_window(window: QWidget, group: str) -> None:
    """Give ``window`` back what :func:`save_window` wrote, skipping what is missing or does not fit."""
    settings = ui_settings()
    geometry = settings.value(f"{group}/geometry")
    if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
        keep_on_screen(window)
    for splitter in _named(window, QSplitter):
        state = settings.value(f"{group}/splitters/{splitter.objectName()}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
    for view in _views(window):
        _restore_columns(view, settings, f"{group}/columns/{view.objectName()}")


def _restore_columns(view: QAbstractItemView, settings: QSettings, key: str) -> None:
    state, count = settings.value(f"{key}/state"), settings.value(f"{key}/count")
    try:
        columns = int(str(count))
    except ValueError:
        return
    if not isinstance(state, QByteArray) or columns <= 0:
        return
    header = _columns(view)

    def apply() -> None:
        hidden = [header.isSectionHidden(logical) for logical in range(header.count())]
        if header.count() == columns and header.restoreState(state):
            for logical, was_hidden in enumerate(hidden):
                header.setSectionHidden(logical, was_hidden)
            view.setProperty(REMEMBERED, True)

    if header.count():
        apply()
    else:
        _once_counted(header, apply)


def _once_counted(header: QHeaderView, then: Callable[[], None]) -> None:
    """Call ``then`` when ``header`` first gets sections (its view's model is set)."""
    def counted(_old: int, new: int) -> None:
        if new:
            header.sectionCountChanged.disconnect(counted)
            then()

    header.sectionCountChanged.connect(counted)


def _columns(view: QAbstractItemView) -> QHeaderView:
    """The header whose sections are ``view``'s columns."""
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    assert isinstance(view, QTreeView)
    return view.header()


def _named(window: QWidget, kind: type[Named]) -> list[Named]:
    """``window``'s own widgets of ``kind`` that have an objectName (not those of a window opened from it)."""
    return [widget for widget in window.findChildren(kind) if widget.objectName() and widget.window() is window]


def _views(window: QWidget) -> list[QAbstractItemView]:
    return [*_named(window, QTableView), *_named(window, QTreeView)]
