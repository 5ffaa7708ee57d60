"""What a clerk reads on a screen, and whether it is all in one language.

``chrome_texts`` collects the program's own words (titles, menus, actions, labels, buttons, placeholders,
tabs, headers, tooltips, chart titles, axes and legends) — not the clerk's data in table cells or editors.
``mixed`` returns the ones that are in the other language: CJK in an English screen, English words in a Chinese
screen.
"""

from __future__ import annotations

import re

from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
# Words that stay as they are in a Chinese screen: the product, file types, keys, units and codes.
ALLOWED_LATIN = {"gzdesk", "xlsx", "xlsm", "xls", "ods", "csv", "pdf", "png", "ctrl", "shift", "alt", "del", "esc",
                 "tab", "enter", "pgup", "pgdown", "ok", "id", "wps", "excel", "gdp", "ai", "it", "sqlite"}
WORD = re.compile(r"[A-Za-z]{2,}")


def chrome_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            texts.append(action.text())
            menu = action.menu()
            if isinstance(menu, QMenu):
                texts += [a.text() for a in menu.actions() if not a.isSeparator()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QChartView):
            texts += chart_texts(widget)
        elif isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount(QModelIndex()))]
    return [t for t in texts if t and t.strip()]


def chart_texts(view: QChartView) -> list[str]:
    """A chart's words: its title, axis titles and category labels, the legend's series names."""
    chart = view.chart()
    texts = [chart.title()]
    for axis in chart.axes():
        texts.append(axis.titleText())
        if isinstance(axis, QBarCategoryAxis):
            texts += [label.replace("<br>", " ") for label in axis.categories()]  # a long label on two lines
    for series in chart.series():
        sets = getattr(series, "barSets", None)
        texts += [bar_set.label() for bar_set in sets()] if sets else [series.name()]
    return texts


def mixed(texts: list[str], lang: str, *, data: tuple[str, ...] = ()) -> list[str]:
    """Texts in the wrong language for ``lang``; ``data`` lists pieces of the clerk's data to ignore."""
    wrong = []
    for text in texts:
        for piece in data:
            text = text.replace(piece, "")
        english_words = [w for w in WORD.findall(text.replace("&", "")) if w.lower() not in ALLOWED_LATIN]
        if (CJK.search(text) if lang == "en" else english_words):
            wrong.append(text)
    return wrong
